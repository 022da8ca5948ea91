#pragma once
// Perceptual hashes (pHash: the lowest DCT frequencies of a grey thumbnail against their median;
// and OpenCV's block mean hash, which confirms it) of decoded images: a resized or re-encoded
// copy keeps nearly all their bits. With each, the thumbnail's contrast, which tells a blank frame.
// Cached by file identity beside the features, so a second run decodes nothing.

#include <string>
#include <vector>

#include "doctor/analysis.h"
#include "headstart/preset.h"

namespace headstart::doctor {

struct PerceptualHashes {
  std::vector<ImageSignature> values;
  std::vector<bool> present;  // false where the image could not be decoded
};

// `cacheRoot` empty: no cache.
PerceptualHashes perceptualHashes(const std::vector<std::string>& paths,
                                  const DecodeOptions& decode, const std::string& cacheRoot,
                                  const Stage& stage);

}  // namespace headstart::doctor
