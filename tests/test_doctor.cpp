// The dataset doctor on a generated dataset with planted faults: labels swapped between classes,
// train images resized and re-encoded into test, blank frames. The faults must rank at the top.

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "headstart/doctor.h"
#include "headstart/error.h"
#include "headstart/training.h"
#include "headstart/weights.h"
#include "support.h"

using namespace headstart;

namespace {

constexpr int kClasses = 6;
constexpr int kTrainPerClass = 30;
constexpr int kTestPerClass = 8;
const char* const kClassNames[kClasses] = {"crimson", "emerald", "navy", "amber", "violet", "teal"};

// Colour and texture per class, varied within the class (shade, period, phase, noise, size): what
// a random-weight backbone tells apart. Each picture also has its own composition, as a photo
// has: a light gradient and bright or dark patches, the large-scale structure a perceptual hash
// reads.
cv::Mat classImage(int label, cv::RNG& rng) {
  static const cv::Vec3f colours[kClasses] = {{40, 40, 200},  {60, 190, 40},  {150, 40, 20},
                                              {30, 190, 230}, {190, 40, 180}, {180, 170, 30}};
  const int width = rng.uniform(112, 160), height = rng.uniform(104, 150);
  const float period = float(rng.uniform(6.0, 14.0)), phase = float(rng.uniform(0.0, 6.28));
  cv::Vec3f colour = colours[label];
  for (int c = 0; c < 3; ++c) colour[c] += float(rng.uniform(-25.0, 25.0));
  const float gx = float(rng.uniform(-0.2, 0.2)), gy = float(rng.uniform(-0.2, 0.2));
  struct Patch {
    float x, y, radius, strength;
  } patches[4];
  for (auto& p : patches) {
    p = {float(rng.uniform(0.1, 0.9)) * width, float(rng.uniform(0.1, 0.9)) * height,
         float(rng.uniform(0.1, 0.25)) * width,
         float(rng.uniform(0.12, 0.25)) * (rng.uniform(0, 2) ? 1.f : -1.f)};
  }
  cv::Mat image(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      float light = 1 + gx * (float(x) / width - 0.5f) + gy * (float(y) / height - 0.5f);
      for (const auto& p : patches) {
        const float r2 = ((x - p.x) * (x - p.x) + (y - p.y) * (y - p.y)) / (p.radius * p.radius);
        light += p.strength * std::exp(-r2 / 2);
      }
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
};

// ROOT/{train,test}/<class>/: kClasses classes, 8 swapped labels, 6 leaks, 3 blank frames.
Planted writeDataset(const QString& root) {
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
    for (int i = 0; i < kTestPerClass; ++i)
      cv::imwrite(path("test", label, QStringLiteral("%1_%2.jpg").arg(label).arg(i)).toStdString(),
                  classImage(label, rng), {cv::IMWRITE_JPEG_QUALITY, 90});
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

struct CliRun {
  int exitCode = -1;
  QByteArray out, err;
};

CliRun runCli(const QStringList& args) {
  QProcess p;
  p.start(qEnvironmentVariable("HEADSTART_CLI"), args);
  if (!p.waitForFinished(120000)) p.kill();
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
          p.readAllStandardError()};
}

}  // namespace

class TestDoctor : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir, m_cache;
  Planted m_planted;
  DatasetReport m_dataset;
  DoctorReport m_report;
  std::vector<std::string> m_stages;

  DoctorOptions options() const {
    DoctorOptions o;
    o.arch = Arch::ResNet18;
    o.weightsPath = testsupport::fixture("resnet18.pth");
    // The preset the command line picks for these weights: its run then finds every feature
    // in the cache this run fills.
    o.preset = resolveWeights(Arch::ResNet18, o.weightsPath, "").preset;
    o.precision = Precision::Exact;
    o.cacheRoot = m_cache.path().toStdString();
    o.seed = 3;
    return o;
  }

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    m_planted = writeDataset(m_dir.path() + "/data");
    m_dataset = scanDataset((m_dir.path() + "/data").toStdString());
    QVERIFY(m_dataset.ok());
    QElapsedTimer clock;
    clock.start();
    m_report = runDoctor(m_dataset, options(), [&](const DoctorProgress& p) {
      if (!m_stages.empty() && m_stages.back() == p.stage) return;
      qInfo("%.2f s: %s", double(clock.nsecsElapsed()) / 1e9, p.stage.c_str());
      m_stages.push_back(p.stage);
    });
  }

  // What the thresholds were chosen from: the planted pairs' distances against the rest's.
  void printsTheDuplicateRanking() {
    for (size_t i = 0; i < m_report.duplicates.size() && i < 30; ++i) {
      const auto& d = m_report.duplicates[i];
      qInfo("%-11s similarity %.3f hash %2d  %s  %s", relationName(d.relation), d.similarity,
            d.hashDistance, QFileInfo(QString::fromStdString(d.a)).fileName().toUtf8().constData(),
            QFileInfo(QString::fromStdString(d.b)).fileName().toUtf8().constData());
    }
    for (size_t i = 0; i < m_report.labels.size() && i < 20; ++i) {
      const auto& f = m_report.labels[i];
      qInfo("label %.3f %s %s -> %s", f.confidence, f.path.c_str(),
            m_dataset.classes[size_t(f.labelled)].c_str(),
            m_dataset.classes[size_t(f.suggested)].c_str());
    }
    for (size_t i = 0; i < m_report.outliers.size() && i < 10; ++i)
      qInfo("outlier %.2f %s", m_report.outliers[i].score, m_report.outliers[i].path.c_str());
  }

  void reportsEveryStage() {
    for (const char* stage : {"features", "hashes", "duplicates", "labels", "outliers", "map"})
      QVERIFY2(std::find(m_stages.begin(), m_stages.end(), stage) != m_stages.end(), stage);
    QCOMPARE(m_report.classes, m_dataset.classes);
  }

  // A file that cannot be decoded is listed with the reason, and the rest is judged.
  void reportsUnreadableFiles() {
    QCOMPARE(m_report.unreadable.size(), size_t(1));
    QCOMPARE(QString::fromStdString(m_report.unreadable[0].path), m_planted.garbled);
    QVERIFY(!m_report.unreadable[0].reason.empty());
    for (const auto& p : m_report.map) QVERIFY(p.path != m_report.unreadable[0].path);
  }

  // Every planted leak is found, and they are the leak findings ranked first.
  void plantedLeaksRankFirst() {
    QList<QPair<QString, QString>> leaks;
    for (const auto& d : m_report.duplicates)
      if (d.relation == DuplicateRelation::Leak)
        leaks.append({QString::fromStdString(d.a), QString::fromStdString(d.b)});
    QVERIFY2(leaks.size() >= m_planted.leaks.size(), qPrintable(QString::number(leaks.size())));
    for (int i = 0; i < m_planted.leaks.size(); ++i)
      QVERIFY2(m_planted.leaks.contains(leaks[i]),
               qPrintable(leaks[i].first + " " + leaks[i].second));
  }

  // Near-identical shots in one class are redundant pairs.
  void sameSceneShotsAreRedundant() {
    QSet<QPair<QString, QString>> sameClass;
    for (const auto& d : m_report.duplicates)
      if (d.relation == DuplicateRelation::SameClass)
        sameClass.insert({QString::fromStdString(d.a), QString::fromStdString(d.b)});
    for (const auto& shot : m_planted.shots)
      QVERIFY2(sameClass.contains(shot), qPrintable(shot.first + " " + shot.second));
  }

  // Most swapped labels are among the first findings, each with the class it shows.
  void swappedLabelsRankHigh() {
    const int k = int(m_planted.swapped.size()) + 4;
    int found = 0, rightSuggestion = 0;
    for (int i = 0; i < k && i < int(m_report.labels.size()); ++i) {
      const auto& f = m_report.labels[size_t(i)];
      const auto path = QString::fromStdString(f.path);
      if (!m_planted.swapped.contains(path)) continue;
      ++found;
      QCOMPARE(f.split, DataSplit::Train);
      QVERIFY(f.labelledProbability < f.suggestedProbability);
      if (m_dataset.classes[size_t(f.suggested)] == kClassNames[m_planted.swappedTruth[path]])
        ++rightSuggestion;
    }
    qInfo("%d of %d swapped labels in the first %d findings, %d with the right class", found,
          int(m_planted.swapped.size()), k, rightSuggestion);
    QVERIFY(found >= 7);
    QVERIFY(rightSuggestion >= found - 1);
  }

  void blankFramesAreTopOutliers() {
    QSet<QString> top;
    for (size_t i = 0; i < m_report.outliers.size() && i < 5; ++i)
      top.insert(QString::fromStdString(m_report.outliers[i].path));
    for (const auto& blank : m_planted.blanks) QVERIFY2(top.contains(blank), qPrintable(blank));
  }

  void mapCoversEveryImageAndFlagsFindings() {
    QCOMPARE(m_report.map.size(),  // every image that could be read
             m_dataset.train.size() + m_dataset.test.size() - m_report.unreadable.size());
    QCOMPARE(QString::fromStdString(m_report.mapMethod), QStringLiteral("tsne"));
    QSet<QString> flagged;
    for (const auto& p : m_report.map) {
      QVERIFY(std::isfinite(p.x) && std::isfinite(p.y));
      if (p.flagged) flagged.insert(QString::fromStdString(p.path));
    }
    for (const auto& blank : m_planted.blanks) QVERIFY(flagged.contains(blank));
    for (const auto& leak : m_planted.leaks) QVERIFY(flagged.contains(leak.second));
  }

  // From the caches: the same findings and the same map (same seed), in a fraction of the time.
  void secondRunIsFastAndTheSame() {
    const auto again = runDoctor(m_dataset, options());
    QCOMPARE(again.labels.size(), m_report.labels.size());
    QCOMPARE(again.duplicates.size(), m_report.duplicates.size());
    for (size_t i = 0; i < again.labels.size(); ++i)
      QCOMPARE(again.labels[i].path, m_report.labels[i].path);
    QCOMPARE(again.map.size(), m_report.map.size());
    for (size_t i = 0; i < again.map.size(); ++i) {
      QCOMPARE(again.map[i].x, m_report.map[i].x);
      QCOMPARE(again.map[i].y, m_report.map[i].y);
    }
    QVERIFY(QFile::exists(m_cache.path() + "/perceptual-hashes.bin"));
    qInfo("first run %.2f s, second %.2f s", m_report.seconds, again.seconds);
  }

  void cancelStopsIt() {
    std::atomic_bool cancel{true};
    QVERIFY_THROWS_EXCEPTION(OperationCancelled, runDoctor(m_dataset, options(), {}, &cancel));
  }

  void commandLineJson() {
    const auto run =
        runCli({"doctor", "--data", m_dir.path() + "/data", "--weights",
                QString::fromStdString(testsupport::fixture("resnet18.pth")), "--precision",
                "exact", "--cache-dir", m_cache.path(), "--seed", "3", "--json"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const auto lines = run.out.trimmed().split('\n');
    const auto summary = nlohmann::json::parse(lines.back().toStdString());
    QCOMPARE(summary["kind"].get<std::string>(), std::string("summary"));
    QCOMPARE(summary["labels"].get<size_t>(), m_report.labels.size());
    QVERIFY(summary["leaks"].get<size_t>() >= size_t(m_planted.leaks.size()));
    QCOMPARE(summary["skipped"].size(), size_t(1));
    QCOMPARE(QString::fromStdString(summary["skipped"][0]["file"].get<std::string>()),
             m_planted.garbled);
    const auto first = nlohmann::json::parse(lines.front().toStdString());
    QCOMPARE(first["kind"].get<std::string>(), std::string("label"));
    QCOMPARE(first["file"].get<std::string>(), m_report.labels.front().path);
    const auto& names = m_dataset.classes;
    QVERIFY(std::find(names.begin(), names.end(), first["suggested"].get<std::string>()) !=
            names.end());
    int leaks = 0;
    for (const auto& line : lines) {
      const auto j = nlohmann::json::parse(line.toStdString());
      if (j["kind"] == "duplicate" && j["relation"] == "leak") ++leaks;
    }
    QCOMPARE(size_t(leaks), summary["leaks"].get<size_t>());
  }

  void commandLineRejectsMissingData() {
    const auto run = runCli({"doctor", "--data", m_dir.path() + "/nowhere", "--weights",
                             QString::fromStdString(testsupport::fixture("resnet18.pth"))});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("nowhere"), run.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestDoctor)
#include "test_doctor.moc"
