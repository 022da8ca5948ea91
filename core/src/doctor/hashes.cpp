#include "doctor/hashes.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <opencv2/img_hash.hpp>
#include <opencv2/imgproc.hpp>

#include "features/cache.h"
#include "image/decode.h"
#include "io/atomic_file.h"
#include "parallel.h"

namespace fs = std::filesystem;

namespace headstart::doctor {
namespace {

// The cache file's version; a file of another version is ignored and rewritten.
constexpr char kMagic[4] = {'H', 'S', 'P', '3'};
constexpr size_t kChunk = 256;  // images hashed between two cancel checks

struct Record {
  uint64_t keyHigh, keyLow, hash;
  float contrast;
  uint8_t blockMean[kBlockMeanBytes];
  uint8_t reserved[3];
};
static_assert(sizeof(Record) == 152, "records are written as they are laid out in memory");

using Known = std::map<std::pair<uint64_t, uint64_t>, ImageSignature>;

std::string cachePath(const std::string& root) { return root + "/perceptual-hashes.bin"; }

Known readCache(const std::string& root) {
  Known known;
  std::ifstream in(cachePath(root), std::ios::binary);
  char magic[4] = {};
  if (!in.read(magic, 4) || std::memcmp(magic, kMagic, 4) != 0) return known;
  Record r{};
  while (in.read(reinterpret_cast<char*>(&r), sizeof r)) {
    ImageSignature& s = known[{r.keyHigh, r.keyLow}];
    s.hash = r.hash;
    s.contrast = r.contrast;
    std::copy(std::begin(r.blockMean), std::end(r.blockMean), s.blockMean.begin());
  }
  return known;
}

void writeCache(const std::string& root, const Known& known) {
  std::string bytes(kMagic, 4);
  for (const auto& [key, signature] : known) {
    Record r{key.first, key.second, signature.hash, signature.contrast, {}, {}};
    std::copy(signature.blockMean.begin(), signature.blockMean.end(), r.blockMean);
    bytes.append(reinterpret_cast<const char*>(&r), sizeof r);
  }
  std::error_code ec;
  fs::create_directories(root, ec);
  try {
    io::writeFileAtomically(cachePath(root), bytes);
  } catch (const std::exception&) {
    // an unwritable cache only costs the decoding again next time
  }
}

// The perceptual hash as Zauner's pHash defines it: the 8x8 lowest frequencies of the DCT of a
// 32x32 grey thumbnail, each bit saying whether a coefficient is above their median. OpenCV's
// img_hash::PHash compares with the mean instead, which the DC coefficient dominates: every
// low-contrast image then hashes to nearly the same bits (measured on test_doctor's pictures:
// unrelated pairs from 9 bits, copies up to 16). OpenCV's block mean hash confirms it instead.
uint64_t phash(const cv::Mat& thumbnail) {
  cv::Mat frequencies;
  cv::dct(thumbnail, frequencies);
  const cv::Mat low = frequencies(cv::Rect(0, 0, 8, 8)).clone();
  std::vector<float> values(low.begin<float>(), low.end<float>());
  std::nth_element(values.begin(), values.begin() + 32, values.end());
  const float median = (values[32] + *std::max_element(values.begin(), values.begin() + 32)) / 2;
  uint64_t bits = 0;
  for (int i = 0; i < 64; ++i)
    if (low.at<float>(i / 8, i % 8) > median) bits |= uint64_t(1) << i;
  return bits;
}

std::optional<ImageSignature> signatureOf(const std::string& path, const DecodeOptions& decode) {
  try {
    const auto rgb = image::decodeRgb(path, decode);
    // Averaging down (not point sampling) keeps fine stripes and noise from aliasing into
    // patterns that shift with the image's size.
    cv::Mat grey, thumbnail;
    cv::cvtColor(rgb, grey, cv::COLOR_RGB2GRAY);
    cv::resize(grey, thumbnail, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
    thumbnail.convertTo(thumbnail, CV_32F);
    cv::Scalar mean, deviation;
    cv::meanStdDev(thumbnail, mean, deviation);
    ImageSignature signature{phash(thumbnail), static_cast<float>(deviation[0]), {}};
    cv::Mat blockMean;
    cv::img_hash::BlockMeanHash::create(cv::img_hash::BLOCK_MEAN_HASH_MODE_1)
        ->compute(grey, blockMean);
    std::copy_n(blockMean.ptr<uint8_t>(), std::min<size_t>(kBlockMeanBytes, blockMean.total()),
                signature.blockMean.begin());
    return signature;
  } catch (const std::exception&) {
    return std::nullopt;  // extraction reports the file as unreadable
  }
}

}  // namespace

PerceptualHashes perceptualHashes(const std::vector<std::string>& paths,
                                  const DecodeOptions& decode, const std::string& cacheRoot,
                                  const Stage& stage) {
  Known known = cacheRoot.empty() ? Known() : readCache(cacheRoot);
  const size_t n = paths.size();
  PerceptualHashes out{std::vector<ImageSignature>(n), std::vector<bool>(n, false)};
  std::vector<std::optional<util::Hash128>> keys(n);
  std::vector<size_t> missing;
  for (size_t i = 0; i < n; ++i) {
    keys[i] = features::fileKey(paths[i]);
    const auto hit = keys[i] ? known.find({keys[i]->high, keys[i]->low}) : known.end();
    if (hit != known.end()) {
      out.values[i] = hit->second;
      out.present[i] = true;
    } else {
      missing.push_back(i);
    }
  }
  std::vector<std::optional<ImageSignature>> computed(missing.size());
  for (size_t start = 0; start < missing.size(); start += kChunk) {
    stage.report("hashes", n - missing.size() + start, n);
    const size_t end = std::min(missing.size(), start + kChunk);
    parallelFor(end - start, [&](size_t k) {
      computed[start + k] = signatureOf(paths[missing[start + k]], decode);
    });
  }
  bool added = false;
  for (size_t k = 0; k < missing.size(); ++k) {
    const size_t i = missing[k];
    if (!computed[k]) continue;
    out.values[i] = *computed[k];
    out.present[i] = true;
    if (keys[i]) {
      known[{keys[i]->high, keys[i]->low}] = *computed[k];
      added = true;
    }
  }
  if (added && !cacheRoot.empty()) writeCache(cacheRoot, known);
  stage.report("hashes", n, n);
  return out;
}

}  // namespace headstart::doctor
