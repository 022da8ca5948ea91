#pragma once
// A generated dataset with planted faults, for the dataset doctor's test and its measurements:
// classes a random-weight backbone tells apart (colour and texture), labels swapped between
// classes, train images resized and re-encoded into test, re-exposed shots, blank frames and a
// file that cannot be decoded.

#include <QDir>
#include <QFile>
#include <QMap>
#include <QPair>
#include <QSet>
#include <QString>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace planted {

constexpr int kClasses = 6;
constexpr int kTrainPerClass = 30;
constexpr int kTestPerClass = 8;
const char* const kClassNames[kClasses] = {"crimson", "emerald", "navy", "amber", "violet", "teal"};

// A picture's own composition, as a photo has: a light gradient and soft bright or dark patches
// (the large-scale structure a perceptual hash reads). Drawn from `rng` in a fixed order.
struct Lighting {
  struct Patch {
    float x, y, radius, strength;
  };
  float gx, gy;
  std::vector<Patch> patches;

  // Gradients up to `gradient` across the picture; `count` patches centred between `from` and
  // `to` of its width and height, of radius `minRadius` to 0.25 of its width and strength
  // `minStrength` to `maxStrength`, each bright or dark.
  Lighting(cv::RNG& rng, int width, int height, double gradient, int count, double from, double to,
           double minRadius, double minStrength, double maxStrength) {
    gx = float(rng.uniform(-gradient, gradient));
    gy = float(rng.uniform(-gradient, gradient));
    for (int i = 0; i < count; ++i) {
      Patch p;
      p.x = float(rng.uniform(from, to)) * width;
      p.y = float(rng.uniform(from, to)) * height;
      p.radius = float(rng.uniform(minRadius, 0.25)) * width;
      p.strength = float(rng.uniform(minStrength, maxStrength)) * (rng.uniform(0, 2) ? 1.f : -1.f);
      patches.push_back(p);
    }
  }

  float at(int x, int y, int width, int height) const {
    float light = 1 + gx * (float(x) / width - 0.5f) + gy * (float(y) / height - 0.5f);
    for (const auto& p : patches) {
      const float r2 = ((x - p.x) * (x - p.x) + (y - p.y) * (y - p.y)) / (p.radius * p.radius);
      light += p.strength * std::exp(-r2 / 2);
    }
    return light;
  }
};

// Colour and texture per class, varied within the class (shade, period, phase, noise, size): what
// a random-weight backbone tells apart, each picture with its own Lighting.
inline cv::Mat classImage(int label, cv::RNG& rng) {
  static const cv::Vec3f colours[kClasses] = {{40, 40, 200},  {60, 190, 40},  {150, 40, 20},
                                              {30, 190, 230}, {190, 40, 180}, {180, 170, 30}};
  const int width = rng.uniform(112, 160), height = rng.uniform(104, 150);
  const float period = float(rng.uniform(6.0, 14.0)), phase = float(rng.uniform(0.0, 6.28));
  cv::Vec3f colour = colours[label];
  for (int c = 0; c < 3; ++c) colour[c] += float(rng.uniform(-25.0, 25.0));
  const Lighting lighting(rng, width, height, 0.2, 4, 0.1, 0.9, 0.1, 0.12, 0.25);
  cv::Mat image(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const float light = lighting.at(x, y, width, height);
      float wave = 0;
      switch (label) {
        case 0:
          wave = std::sin(y / period * 6.28f + phase);
          break;
        case 1:
          wave = std::sin(x / period * 6.28f + phase);
          break;
        case 2:
          wave = ((x / int(period) + y / int(period)) % 2) ? 1.f : -1.f;
          break;
        case 3:
          wave = std::sin((x + y) / period * 4.44f + phase);
          break;
        case 4:
          wave = std::cos(x / period * 6.28f) * std::cos(y / period * 6.28f + phase);
          break;
        default:
          wave = std::sin((x - y) / period * 4.44f + phase);
          break;
      }
      for (int c = 0; c < 3; ++c) {
        const double v = light * colour[c] * (0.65 + 0.35 * wave) + rng.gaussian(12);
        image.at<cv::Vec3b>(y, x)[c] = cv::saturate_cast<uchar>(v);
      }
    }
  }
  return image;
}

struct Planted {
  QSet<QString> swapped;                // train images in another class's folder
  QMap<QString, int> swappedTruth;      // and the class they show
  QSet<QPair<QString, QString>> leaks;  // (train original, resized test copy)
  QSet<QString> blanks;
  QString garbled;  // a JPEG's first and last markers around noise: passes the scan, fails decoding
  QSet<QPair<QString, QString>> shots;  // (original, the same scene brighter and softer)
  QString testSwapped;                  // a test image in another class's folder
  int testSwappedTruth = -1;            // and the class it shows
};

// ROOT/{train,test}/<class>/: kClasses classes, 8 swapped labels, 6 leaks, 3 blank frames.
inline Planted writeDataset(const QString& root) {
  Planted planted;
  cv::RNG rng(20240613);
  for (const char* split : {"train", "test"})
    for (const char* name : kClassNames) QDir().mkpath(root + "/" + split + "/" + name);
  const auto path = [&](const char* split, int label, const QString& file) {
    return QStringLiteral("%1/%2/%3/%4").arg(root, split, kClassNames[label], file);
  };
  for (int label = 0; label < kClasses; ++label) {
    for (int i = 0; i < kTrainPerClass; ++i) {
      // The first image of each of 8 (class, index) slots goes to the next class's folder.
      const bool swap = i < 2 && label * 2 + i < 8;
      const int folder = swap ? (label + 1 + i) % kClasses : label;
      const auto file = path("train", folder, QStringLiteral("%1_%2.png").arg(label).arg(i));
      const auto image = classImage(label, rng);
      cv::imwrite(file.toStdString(), image);
      if (swap) {
        planted.swapped.insert(file);
        planted.swappedTruth[file] = label;
      }
      if (i == 5) {  // a resized, re-encoded copy in test: leakage
        const auto copy = path("test", label, QStringLiteral("copy_%1.jpg").arg(label));
        cv::Mat smaller;
        cv::resize(image, smaller, {}, 0.7, 0.7, cv::INTER_AREA);
        cv::imwrite(copy.toStdString(), smaller, {cv::IMWRITE_JPEG_QUALITY, 70});
        planted.leaks.insert({file, copy});
      }
      if (i == 7 && label % 2 == 1) {  // the same scene exposed again: redundant
        const auto shot = path("train", label, QStringLiteral("shot_%1.png").arg(label));
        cv::Mat again;
        cv::GaussianBlur(image + cv::Scalar::all(10), again, {3, 3}, 0);
        cv::imwrite(shot.toStdString(), again);
        planted.shots.insert({file, shot});
      }
    }
    for (int i = 0; i < kTestPerClass; ++i) {
      const bool swap = label == 4 && i == 0;  // one violet picture in the navy test folder
      const auto file =
          path("test", swap ? 2 : label, QStringLiteral("%1_%2.jpg").arg(label).arg(i));
      cv::imwrite(file.toStdString(), classImage(label, rng), {cv::IMWRITE_JPEG_QUALITY, 90});
      if (swap) planted.testSwapped = file, planted.testSwappedTruth = label;
    }
  }
  const int shades[3] = {12, 128, 240};
  for (int b = 0; b < 3; ++b) {
    const auto file = path("train", b * 2, QStringLiteral("blank_%1.png").arg(b));
    cv::imwrite(file.toStdString(), cv::Mat(120, 140, CV_8UC3, cv::Scalar::all(shades[b])));
    planted.blanks.insert(file);
  }
  planted.garbled = path("train", 1, QStringLiteral("garbled.jpg"));
  QFile garbled(planted.garbled);
  if (garbled.open(QIODevice::WriteOnly)) {
    QByteArray noise(4096, '\0');
    for (auto& byte : noise) byte = char(rng.uniform(0, 256));
    garbled.write(QByteArray("\xFF\xD8\xFF\xE0", 4) + noise + QByteArray("\xFF\xD9", 2));
  }
  return planted;
}

// A low-texture picture: one grey with a faint light gradient, a few soft patches and faint
// noise, as a scanned page or an X-ray is to a network. A random-weight backbone sees every such
// picture alike: their centred features crowd within a hair of each other.
inline cv::Mat greyImage(cv::RNG& rng) {
  const int width = rng.uniform(112, 160), height = rng.uniform(104, 150);
  const float base = float(rng.uniform(118.0, 138.0));
  const Lighting lighting(rng, width, height, 0.08, 3, 0.15, 0.85, 0.12, 0.08, 0.15);
  cv::Mat image(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const double v = base * lighting.at(x, y, width, height) + rng.gaussian(2);
      image.at<cv::Vec3b>(y, x) = cv::Vec3b::all(cv::saturate_cast<uchar>(v));
    }
  }
  return image;
}

constexpr int kCrowdedClasses = 6;
const char* const kCrowdedNames[kCrowdedClasses] = {"crimson", "emerald", "navy",
                                                    "amber",   "violet",  "grey"};
constexpr int kGrey = 5;

struct Leaks {
  QSet<QPair<QString, QString>> pairs;  // (train original, resized test copy)
};

// ROOT/{train,test}/<class>/: five colour classes and a crowded grey one (kGrey), 30 training and
// 8 test pictures each, and 10 training pictures copied into test at another size and re-encoded
// (3 of them grey). Nothing else is planted: every other leak pair a doctor reports is false.
inline Leaks writeCrowdedDataset(const QString& root) {
  Leaks leaks;
  cv::RNG rng(20250125);
  for (const char* split : {"train", "test"})
    for (const char* name : kCrowdedNames) QDir().mkpath(root + "/" + split + "/" + name);
  const auto path = [&](const char* split, int label, const QString& file) {
    return QStringLiteral("%1/%2/%3/%4").arg(root, split, kCrowdedNames[label], file);
  };
  const auto picture = [&](int label) {
    return label == kGrey ? greyImage(rng) : classImage(label, rng);
  };
  for (int label = 0; label < kCrowdedClasses; ++label) {
    const int copies = label == kGrey ? 3 : (label < 2 ? 2 : 1);  // 2+2+1+1+1+3 = 10
    for (int i = 0; i < kTrainPerClass; ++i) {
      const auto file = path("train", label, QStringLiteral("%1.png").arg(i));
      const auto image = picture(label);
      cv::imwrite(file.toStdString(), image);
      if (i % 7 != 3 || i / 7 >= copies) continue;
      const auto copy = path("test", label, QStringLiteral("copy_%1.jpg").arg(i));
      cv::Mat resized;
      const double scale = rng.uniform(0.6, 0.85);
      cv::resize(image, resized, {}, scale, scale, cv::INTER_AREA);
      cv::imwrite(copy.toStdString(), resized, {cv::IMWRITE_JPEG_QUALITY, 75});
      leaks.pairs.insert({file, copy});
    }
    for (int i = 0; i < kTestPerClass; ++i)
      cv::imwrite(path("test", label, QStringLiteral("%1.jpg").arg(i)).toStdString(),
                  picture(label), {cv::IMWRITE_JPEG_QUALITY, 90});
  }
  return leaks;
}

}  // namespace planted
