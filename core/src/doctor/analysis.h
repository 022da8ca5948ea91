#pragma once
// The dataset doctor's analysis on features already extracted: one unit per finding (labels,
// duplicates, outliers, map), sharing a reduced feature space and the nearest neighbours. Kept
// apart from extraction so that it can be measured on synthetic features.

#include <torch/torch.h>

#include <array>
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "headstart/doctor.h"

namespace headstart::doctor {

// What the doctor reads from the pixels themselves: a perceptual hash, OpenCV's block mean hash
// (img_hash, mode 1: 31x31 overlapping blocks of a 256x256 grey image against their median, 961
// bits) that confirms it, and the standard deviation of the 32x32 grey thumbnail (0..255), near 0
// for a blank frame.
constexpr size_t kBlockMeanBytes = 121;
struct ImageSignature {
  uint64_t hash = 0;
  float contrast = 0;
  std::array<uint8_t, kBlockMeanBytes> blockMean{};
};

// The images the doctor judges: train rows first, then test rows.
struct Samples {
  torch::Tensor features;       // [N, dim] float32, as the backbone gives them
  std::vector<int64_t> labels;  // N
  std::vector<std::string> paths;
  size_t trainCount = 0;
  int64_t classes = 0;
  // One per row, or none at all; `hashed[i]` is false where the image could not be decoded.
  std::vector<ImageSignature> signatures;
  std::vector<bool> hashed;

  size_t size() const { return labels.size(); }
  DataSplit split(size_t row) const {
    return row < trainCount ? DataSplit::Train : DataSplit::Test;
  }
};

// Progress per stage and the cancel flag, checked between blocks.
class Stage {
 public:
  Stage(const std::function<void(const DoctorProgress&)>& progress, const std::atomic_bool* cancel)
      : m_progress(progress), m_cancel(cancel) {}
  // Reports `done` of `total` for `stage`; throws OperationCancelled when cancelled.
  void report(const char* stage, size_t done, size_t total) const;
  void checkCancel() const;

 private:
  const std::function<void(const DoctorProgress&)>& m_progress;
  const std::atomic_bool* m_cancel;
};

// Centred features projected on their main directions: cosine similarity and nearest neighbours
// in a few hundred dimensions instead of 2048 keep 20,000 images to seconds, and centring removes
// the direction every (non-negative, pooled) feature shares, which would make all cosines high.
struct Space {
  torch::Tensor projected;  // [N, k], centred, on the principal axes (largest first)
  torch::Tensor unit;       // [N, k], rows of `projected` scaled to length 1
  torch::Tensor variance;   // [k], variance along each axis
};

// a · bᵀ for float rows a [m, k] and b [n, k]: oneDNN's GEMM, which picks the processor's widest
// vector kernel at run time (the all-pairs products are most of the doctor's arithmetic).
torch::Tensor productWithTransposed(const torch::Tensor& a, const torch::Tensor& b);

// `components` principal axes from a seeded sample of at most 4096 rows (randomised range
// finder with power iterations): deterministic for a seed.
Space reduce(const torch::Tensor& features, int64_t components, uint64_t seed);

// Each row's most similar training rows (itself excluded), by cosine of `unit` rows; computed in
// blocks of rows so that memory stays bounded.
struct Neighbours {
  torch::Tensor index;       // [N, k] int64, rows among the first `trainCount`
  torch::Tensor similarity;  // [N, k] float
};

// Chosen from measurements on generated data (tests/bench/README.md, the doctor's thresholds):
// - pHash: resized (0.7x) and re-encoded (JPEG 70) copies came within 2 to 8 bits of their
//   originals, re-exposed shots within 2 to 4; of the other 28,000 pairs of the test's pictures
//   (blank frames aside) none came within 11 (an earlier measurement on 47,000 pairs: copies 0 to
//   6, the first unrelated pair at 9). OpenCV's own img_hash::PHash (bits against the mean, which
//   the DC term dominates) did worse on the same pairs: copies at 1 to 16, unrelated from 9.
// - Block mean hash (img_hash, mode 1) as the confirming signal: the same copies and shots at 8 to
//   72 of 961 bits, other pairs from 68, and the six other pairs within 14 bits of pHash (two of
//   them at 12) from 329. So a pair whose pHash is within 12 is a copy when its block mean hash is
//   within 128: 4 pHash bits of margin beyond the farthest copy, with the block mean hash ruling
//   out the unrelated pairs there (build/tests/bench/measure_hashes prints these figures).
//   A pHash within 4 bits (none of the unrelated pairs came within 9) is a copy without the block
//   mean hash's word, and a block mean hash within 32 (unrelated from 68) without pHash's: a
//   low-contrast picture's pHash moved 16 bits when resized and re-encoded, its block mean hash
//   14 (test_doctor's grey class). An identical or nearly identical hash is always reported.
// - Feature cosine (centred, 128 principal components): with random weights, unrelated pictures
//   of one class reached 0.991, while resized copies fell as low as 0.33: features cannot find
//   copies there, the hash does. 0.995 keeps feature-only findings to near-identical shots.
//   A low-texture class crowds far closer than that (a grey class: every picture within cosine
//   0.9999 of its neighbours), so a features-only pair must also stand out from its class: its
//   1 - cosine at most the class's median nearest-neighbour 1 - cosine divided by
//   exp(4 robust deviations of the log) and by at least 4 (test_doctor's crowded set: measured
//   in crowdedClassLeaksOnlyTheCopies).
// - Outliers: a robust z-score of 3 (three median absolute deviations) left 4 to 6 pictures of
//   the test's 258 above it besides the planted blank frames. A one-colour frame's thumbnail
//   deviates by 0 grey levels (a little more after JPEG); 2 leaves room for that.
struct Thresholds {
  int hashDistance = 12;             // pHash Hamming distance up to which two images may be copies
  int blockMeanDistance = 128;       // block mean hash distance that confirms them
  int identicalHash = 4;             // pHash distance up to which two images are copies outright
  int identicalBlockMean = 32;       // and block mean hash distance, whatever pHash says
  double featureSimilarity = 0.995;  // centred cosine from which two shots are near-identical
  double standOut = 4.0;        // robust deviations (of log 1 - cosine) below the class's median
  double standOutRatio = 4.0;   // and at least this many times nearer than the median
  double distanceFloor = 1e-8;  // 1 - cosine below which single-precision features are all alike
  double outlierScore = 3.0;    // robust z-score from which an image is an outlier
  double blankContrast = 2.0;   // thumbnail deviation below which an image is a blank frame
  double blankScore = 10.0;     // the least outlier score a blank frame gets
};

// A frame of one colour: no class to suggest for it, and an outlier whatever its features.
inline bool isBlank(const Samples& s, size_t row, const Thresholds& thresholds) {
  return !s.signatures.empty() && s.hashed[row] &&
         s.signatures[row].contrast < thresholds.blankContrast;
}

constexpr int64_t kBlockRows = 1024;
constexpr int64_t kNeighbours = 10;

std::vector<LabelFinding> findWrongLabels(const Samples& samples, const Space& space,
                                          const Neighbours& neighbours,
                                          const DoctorOptions& options, const Stage& stage);

// Pairs close in perceptual hash (all pairs compared), then pairs close in features that stand
// out from their classes' nearest neighbours (blocked all-pairs), most similar first within each;
// blank frames are left to the outliers. Also fills `neighbours` from the same similarity blocks.
std::vector<DuplicateFinding> findDuplicates(const Samples& samples, const Space& space,
                                             const Thresholds& thresholds, size_t maxFindings,
                                             Neighbours& neighbours, const Stage& stage);

std::vector<OutlierFinding> findOutliers(const Samples& samples, const Space& space,
                                         const Neighbours& neighbours, const Thresholds& thresholds,
                                         size_t maxFindings);

// A 2-D position per row: t-SNE for up to kMaxTsne rows (exact up to kMaxExactTsne, Barnes-Hut
// beyond), else the first two principal axes. Returns "tsne" or "pca".
constexpr size_t kMaxTsne = 10000;
constexpr size_t kMaxExactTsne = 1000;
std::string makeMap(const Space& space, uint64_t seed, std::vector<MapPoint>& points,
                    const Stage& stage);

// t-SNE by either method, whatever the number of rows (at least 8): x and y only.
enum class TsneMethod { Exact, BarnesHut };
std::vector<MapPoint> tsneLayout(const Space& space, uint64_t seed, TsneMethod method,
                                 const Stage& stage);

// Everything above, on extracted features; fills the report's findings and map.
void analyse(const Samples& samples, const DoctorOptions& options, DoctorReport& report,
             const Stage& stage);

}  // namespace headstart::doctor
