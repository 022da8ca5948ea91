#pragma once
// The dataset doctor: on the cached backbone features (and perceptual hashes of the decoded
// images), finds what is wrong with a dataset beyond unreadable files: likely wrong labels,
// near-duplicates (leakage across train and test among them), outliers, and a 2-D map of the
// data. It only reads: acting on a finding (excluding a file, moving it to another class) is
// headstart/dataset_edit.h's job. Plain structs only; libtorch stays inside.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "headstart/arch.h"
#include "headstart/dataset.h"
#include "headstart/precision.h"
#include "headstart/preset.h"

namespace headstart {

struct DoctorOptions {
  Arch arch = Arch::ResNet50;
  std::string weightsPath;
  Preset preset = imagenetV2Preset();
  DecodeOptions decode;
  Precision precision = Precision::Auto;  // of feature extraction, as for training
  std::string cacheRoot;                  // feature cache; empty: the default; "-": none
  int extractBatchSize = 16;
  int folds = 5;  // cross-validation folds for the out-of-fold label check
  uint64_t seed = 0;
  size_t maxFindings = 200;  // per kind, most certain first
  bool map = true;           // compute the 2-D map
};

enum class DataSplit { Train, Test };

// An image whose given label a head that never saw it finds unlikely.
struct LabelFinding {
  std::string path;
  DataSplit split = DataSplit::Train;
  int labelled = 0;                 // class index as given by the folder
  int suggested = 0;                // the class the out-of-fold head prefers
  double confidence = 0;            // how sure the doctor is that the label is wrong, 0..1
  double labelledProbability = 0;   // out-of-fold probability of the given class
  double suggestedProbability = 0;  // out-of-fold probability of the suggested class
};

enum class DuplicateRelation {
  Leak,        // one image in train, the other in test: inflates the test accuracy
  SameClass,   // both in one split and class: redundant
  CrossClass,  // both in one split, different classes: one of them is mislabelled
};

struct DuplicateFinding {
  std::string a, b;
  DataSplit splitA = DataSplit::Train, splitB = DataSplit::Train;
  int labelA = 0, labelB = 0;
  double similarity = 0;  // 0..1, 1 for identical pictures
  int hashDistance = -1;  // perceptual-hash Hamming distance; -1 when found by features only
  DuplicateRelation relation = DuplicateRelation::SameClass;
};

// An image far from its class and from its nearest neighbours (a wrong subject), or a blank
// frame: one of no class at all, never a label or duplicate finding.
struct OutlierFinding {
  std::string path;
  DataSplit split = DataSplit::Train;
  int label = 0;
  double score = 0;    // higher is stranger
  bool blank = false;  // blank or nearly uniform: the pixels say so, whatever the features
};

struct MapPoint {
  std::string path;
  DataSplit split = DataSplit::Train;
  int label = 0;
  float x = 0, y = 0;
  bool flagged = false;  // appears in one of the findings
};

struct DoctorProgress {
  std::string stage;  // "features", "hashes", "labels", "duplicates", "outliers", "map"
  size_t done = 0;
  size_t total = 0;
};

struct DoctorReport {
  DatasetSummary dataset;
  std::vector<std::string> classes;
  std::vector<LabelFinding> labels;          // most certain first
  std::vector<DuplicateFinding> duplicates;  // most similar first
  std::vector<OutlierFinding> outliers;      // strangest first
  std::vector<MapPoint> map;                 // one per image, when asked for
  std::string mapMethod;                     // "pca" or "tsne"
  std::vector<SkippedFile> unreadable;       // images that failed to decode
  PrecisionChoice precision;
  double seconds = 0;
};

// Throws headstart::Error for unusable weights or dataset, OperationCancelled (training.h) when
// `cancel` is set.
DoctorReport runDoctor(const DatasetReport& dataset, const DoctorOptions& options,
                       const std::function<void(const DoctorProgress&)>& progress = {},
                       const std::atomic_bool* cancel = nullptr);

const char* relationName(DuplicateRelation relation);  // "leak", "same-class", "cross-class"
const char* splitName(DataSplit split);                // "train", "test"

}  // namespace headstart
