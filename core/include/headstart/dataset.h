#pragma once
// Finding the images of a training dataset and everything wrong with them, before any training.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace headstart {

enum class DatasetLayout {
  FormatJson,   // ROOT/{train,test}/format.json mapping folder name -> class index
  ImageFolder,  // ROOT/{train,test}/<class>/..., classes sorted by name
  SingleSplit,  // ROOT/<class>/...: train and test drawn by a seeded, stratified split
};

struct DatasetItem {
  std::string path;
  int label = 0;
};

struct SkippedFile {
  std::string path;
  std::string reason;  // "zero bytes", "not an image (...)", "truncated", "unreadable (...)"
};

struct ClassCounts {
  std::string name;
  size_t train = 0;
  size_t test = 0;
};

struct DatasetReport {
  std::string root;
  DatasetLayout layout = DatasetLayout::ImageFolder;
  std::vector<std::string> classes;  // in class-index order
  std::vector<DatasetItem> train, test;
  std::vector<ClassCounts> counts;  // one per class
  std::vector<SkippedFile> skipped;
  std::vector<std::string> excluded;  // images left out by ROOT/.headstart/excluded.json
  std::vector<std::string> warnings;  // imbalance, leakage, format.json oddities
  std::vector<std::string> errors;    // problems that make training impossible
  double testFraction = 0;            // SingleSplit only
  uint64_t splitSeed = 0;             // SingleSplit only
  bool ok() const { return errors.empty(); }
};

// What a result records of the dataset it came from: enough to name it and find it again.
struct DatasetSummary {
  std::string root;
  DatasetLayout layout = DatasetLayout::ImageFolder;
  std::vector<ClassCounts> counts;
  size_t trainImages = 0;
  size_t testImages = 0;
  double testFraction = 0;  // SingleSplit only
  uint64_t splitSeed = 0;   // SingleSplit only
};

DatasetSummary summarize(const DatasetReport& report);

struct ScanOptions {
  double testFraction = 0.2;  // for a root holding class folders only
  uint64_t seed = 0;
  double imbalanceRatio = 3.0;  // warn when the largest class is this many times the smallest
  // Leave out the images listed in ROOT/.headstart/excluded.json (headstart/dataset_edit.h).
  // For a single folder of classes the split is drawn first, so that excluding an image does
  // not move others between train and test.
  bool honourExclusions = true;
};

// Never throws for problems in the data: they end up in the report. Throws headstart::Error only
// when `root` itself cannot be read.
DatasetReport scanDataset(const std::string& root, const ScanOptions& options = {});

const char* layoutName(DatasetLayout layout);

}  // namespace headstart
