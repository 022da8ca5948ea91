// The perceptual hashes' distances on test_doctor's planted dataset: the planted copies and
// re-exposed shots against every other pair (blank frames aside), for the doctor's pHash, the
// block mean hash that confirms it, and OpenCV's img_hash::PHash for comparison. The duplicate
// thresholds (core/src/doctor/analysis.h) were chosen from this.
//   build/tests/bench/measure_hashes

#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <opencv2/img_hash.hpp>

#include "doctor/hashes.h"
#include "planted_dataset.h"

using namespace headstart;

namespace {

int bits(uint64_t v) { return __builtin_popcountll(v); }

int blockMeanDistance(const doctor::ImageSignature& a, const doctor::ImageSignature& b) {
  int d = 0;
  for (size_t k = 0; k < doctor::kBlockMeanBytes; ++k) d += bits(a.blockMean[k] ^ b.blockMean[k]);
  return d;
}

void printSorted(const char* what, std::vector<int> values, size_t count) {
  std::sort(values.begin(), values.end());
  std::printf("  %s (%zu):", what, values.size());
  for (size_t k = 0; k < values.size() && k < count; ++k) std::printf(" %d", values[k]);
  std::printf("\n");
}

}  // namespace

int main() {
  QTemporaryDir dir;
  const auto planted = planted::writeDataset(dir.path());
  std::vector<std::string> paths;
  QDirIterator files(dir.path(), {"*.png", "*.jpg"}, QDir::Files, QDirIterator::Subdirectories);
  while (files.hasNext()) {
    const auto file = files.next();
    if (file != planted.garbled && !planted.blanks.contains(file))
      paths.push_back(file.toStdString());
  }
  std::sort(paths.begin(), paths.end());
  const std::function<void(const DoctorProgress&)> quiet;
  const auto hashes = doctor::perceptualHashes(paths, {}, "", doctor::Stage(quiet, nullptr));
  auto opencvPhash = cv::img_hash::PHash::create();
  std::vector<cv::Mat> theirs(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) opencvPhash->compute(cv::imread(paths[i]), theirs[i]);

  const auto isPlanted = [&](const QString& a, const QString& b) {
    return planted.leaks.contains({a, b}) || planted.leaks.contains({b, a}) ||
           planted.shots.contains({a, b}) || planted.shots.contains({b, a});
  };
  std::vector<int> copyP, otherP, copyB, otherB, copyCv, otherCv, otherBNearP;
  for (size_t i = 0; i < paths.size(); ++i) {
    for (size_t j = i + 1; j < paths.size(); ++j) {
      const auto& a = hashes.values[i];
      const auto& b = hashes.values[j];
      const int p = bits(a.hash ^ b.hash), m = blockMeanDistance(a, b);
      const int c = int(opencvPhash->compare(theirs[i], theirs[j]));
      if (isPlanted(QString::fromStdString(paths[i]), QString::fromStdString(paths[j]))) {
        copyP.push_back(p), copyB.push_back(m), copyCv.push_back(c);
        std::printf("planted  pHash %2d  block mean %3d  OpenCV PHash %2d  %s %s\n", p, m, c,
                    qPrintable(QFileInfo(QString::fromStdString(paths[i])).fileName()),
                    qPrintable(QFileInfo(QString::fromStdString(paths[j])).fileName()));
      } else {
        otherP.push_back(p), otherB.push_back(m), otherCv.push_back(c);
        if (p <= 14) otherBNearP.push_back(m);
      }
    }
  }
  std::printf("pHash (64 bits)\n");
  printSorted("planted", copyP, 20);
  printSorted("closest others", otherP, 8);
  std::printf("block mean hash, mode 1 (961 bits)\n");
  printSorted("planted", copyB, 20);
  printSorted("closest others", otherB, 8);
  printSorted("others within 14 bits of pHash", otherBNearP, 8);
  std::printf("OpenCV img_hash::PHash (64 bits, against the mean)\n");
  printSorted("planted", copyCv, 20);
  printSorted("closest others", otherCv, 8);
}
