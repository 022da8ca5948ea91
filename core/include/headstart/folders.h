#pragma once
// Using a trained model on many images: the image files of folders, predictions as CSV rows,
// and sorting copies of the images into one folder per class. The CLI's `predict` and `sort`
// and the window's "Predict a folder…" share these rules.

#include <cstdint>
#include <string>
#include <vector>

#include "headstart/classifier.h"

namespace headstart {

// Image files (by extension: jpg, jpeg, png, bmp, webp, tif, tiff) among `inputs`: a file is
// taken as given, a folder is walked recursively in name order, skipping hidden files and
// folders, folder links, and the folders in `exclude` (an output folder inside an input).
// Throws headstart::Error naming a folder that cannot be read.
std::vector<std::string> listImages(const std::vector<std::string>& inputs,
                                    const std::vector<std::string>& exclude = {});

// One CSV row per prediction, RFC 4180 (fields with a comma, quote or line break quoted, quotes
// doubled; CRLF line ends), UTF-8:
//   path,class,probability,class_2,probability_2,...,class_K,probability_K,error
// Probabilities are fractions with 6 decimals, written in the C locale.
std::string csvHeader(int topK);
std::string csvRow(const Prediction& p, int topK);
std::string csvField(const std::string& text);
// The header and a row per prediction, written whole and renamed into place (a kill leaves the
// previous file or none). Throws headstart::Error naming `path` and the cause.
void writePredictionsCsv(const std::string& path, const std::vector<Prediction>& predictions,
                         int topK);

struct SortOptions {
  std::string into;          // OUT: gets OUT/<class>/ and OUT/_uncertain/
  double minConfidence = 0;  // top probability below this: OUT/_uncertain/
  bool link = false;         // hard links instead of copies
};

struct SortOutcome {
  std::string destination;  // where the image is (now or already); empty on failure
  bool created = false;     // false: an identical file was already there
  std::string error;        // names the file and the cause
};

// The folder an image with this prediction goes to, relative to OUT: the class name made safe
// for a file name ('/' and leading dots replaced), or "_uncertain".
std::string sortFolderFor(const Prediction& p, double minConfidence);

// Copies (or hard-links) the predicted image into its folder. Never moves, deletes or
// overwrites: a different file of the same name gets a " (2)" suffix, and an identical file
// already there means nothing is done. A copy is written to a hidden temporary name and linked
// into place whole, so a kill leaves no partial file under an image's name.
SortOutcome sortImage(const Prediction& p, const SortOptions& options);

}  // namespace headstart
