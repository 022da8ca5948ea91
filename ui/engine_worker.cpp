#include "engine_worker.h"

#include <QColor>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImageReader>
#include <algorithm>
#include <filesystem>

#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/folders.h"
#include "headstart/onnx_export.h"

namespace headstart::ui {
namespace {

// Twice the size cards show them at, so they stay sharp on a screen scaled by two.
constexpr int kThumbnailSize = 256;

QImage thumbnailOf(const QString& path, int edge = kThumbnailSize) {
  QImageReader reader(path);
  reader.setAutoTransform(false);  // show what the network sees: no EXIF rotation
  const QSize size = reader.size();
  if (size.isValid()) reader.setScaledSize(size.scaled(edge, edge, Qt::KeepAspectRatio));
  return reader.read();
}

QVector<QImage> classThumbnails(const DatasetReport& report) {
  const int perClass = EngineWorker::kThumbnailsPerClass;
  QVector<QImage> images(int(report.classes.size()) * perClass);
  std::vector<int> taken(report.classes.size(), 0);
  for (const auto& item : report.train) {
    auto& n = taken[size_t(item.label)];
    if (n >= perClass) continue;
    images[item.label * perClass + n++] = thumbnailOf(QString::fromStdString(item.path), 56);
  }
  return images;
}

// Heat from transparent blue (no evidence) to opaque red (strongest evidence for the class).
QImage activationOverlay(const QString& path, const Prediction& p, const Preset& preset) {
  QImageReader reader(path);
  reader.setAutoTransform(false);
  const QImage full = reader.read();
  if (full.isNull() || p.activationMap.empty()) return {};
  const auto box = cropBox(full.width(), full.height(), preset);
  QImage view =
      full.copy(QRectF(box.x, box.y, box.width, box.height).toRect())
          .scaled(kThumbnailSize, kThumbnailSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
          .convertToFormat(QImage::Format_ARGB32);
  const float peak = *std::max_element(p.activationMap.begin(), p.activationMap.end());
  QImage heat(p.mapWidth, p.mapHeight, QImage::Format_Grayscale8);
  for (int y = 0; y < p.mapHeight; ++y) {
    for (int x = 0; x < p.mapWidth; ++x) {
      const float v = p.activationMap[size_t(y * p.mapWidth + x)];
      heat.setPixel(
          x, y, qGray(0, 0, 0) + (peak > 0 ? qBound(0, int(255 * v / peak), 255) : 0) * 0x010101);
    }
  }
  heat = heat.scaled(view.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  for (int y = 0; y < view.height(); ++y) {
    auto* line = reinterpret_cast<QRgb*>(view.scanLine(y));
    for (int x = 0; x < view.width(); ++x) {
      const double t = qGray(heat.pixel(x, y)) / 255.0;
      const QColor tint = QColor::fromHsvF(0.66 * (1 - t), 1, 1);
      const double alpha = 0.15 + 0.45 * t;
      line[x] = qRgb(int(qRed(line[x]) * (1 - alpha) + tint.red() * alpha),
                     int(qGreen(line[x]) * (1 - alpha) + tint.green() * alpha),
                     int(qBlue(line[x]) * (1 - alpha) + tint.blue() * alpha));
    }
  }
  return view;
}

bool sameModel(const ClassifierOptions& a, const ClassifierOptions& b) {
  return a.arch == b.arch && a.weightsPath == b.weightsPath && a.headPath == b.headPath &&
         a.precision == b.precision && a.preset.name == b.preset.name &&
         a.calibrationFolder == b.calibrationFolder &&
         a.fallbackCalibrationFolder == b.fallbackCalibrationFolder;
}

}  // namespace

EngineWorker::EngineWorker() {
  static const bool registered = [] {
    qRegisterMetaType<PredictionCard>();
    qRegisterMetaType<QVector<PredictionCard>>();
    qRegisterMetaType<QVector<QImage>>();
    qRegisterMetaType<ClassifierOptions>();
    qRegisterMetaType<ScanOptions>();
    qRegisterMetaType<DatasetReport>();
    qRegisterMetaType<TrainOptions>();
    qRegisterMetaType<ExtractionProgress>();
    qRegisterMetaType<BatchProgress>();
    qRegisterMetaType<EpochResult>();
    qRegisterMetaType<TrainResult>();
    qRegisterMetaType<Evaluation>();
    qRegisterMetaType<DoctorOptions>();
    qRegisterMetaType<DoctorProgress>();
    qRegisterMetaType<LrFinderResult>();
    qRegisterMetaType<DoctorReport>();
    return true;
  }();
  Q_UNUSED(registered);
}

const Classifier& EngineWorker::classifierFor(const ClassifierOptions& options) {
  // Loading weights takes a moment: keep the classifier while the model stays the same.
  if (!m_classifier || !sameModel(options, m_classifierOptions)) {
    m_classifier.reset();
    m_classifier = std::make_unique<Classifier>(options);
    m_classifierOptions = options;
  }
  return *m_classifier;
}

// Batch by batch, so the first cards show while the rest are still being read.
void EngineWorker::predict(const QStringList& paths, const ClassifierOptions& options) {
  try {
    const auto& classifier = classifierFor(options);
    const QString source =
        options.headPath.empty()
            ? QString()
            : QFileInfo(QString::fromStdString(exportPathsFor(options.headPath).head))
                  .completeBaseName();
    const int batch = std::max(1, options.batchSize);
    int failedCount = 0;
    Q_EMIT predictProgress(0, int(paths.size()));
    for (int start = 0; start < paths.size() && !m_cancel; start += batch) {
      std::vector<std::string> images;
      for (const auto& p : paths.mid(start, batch)) images.push_back(p.toStdString());
      QVector<PredictionCard> cards;
      for (const auto& p : classifier.predict(images, 5, {}, &m_cancel)) {
        PredictionCard card;
        card.path = QString::fromStdString(p.image);
        card.error = QString::fromStdString(p.error);
        card.classifier = source;
        if (p.ok()) {
          card.thumbnail = thumbnailOf(card.path);
          card.activation = activationOverlay(card.path, p, options.preset);
        } else {
          ++failedCount;
        }
        for (const auto& s : p.top) {
          card.labels << QString::fromStdString(s.label);
          card.probabilities << s.probability;
        }
        cards << card;
      }
      Q_EMIT predicted(cards);
      Q_EMIT predictProgress(std::min(start + batch, int(paths.size())), int(paths.size()));
    }
    Q_EMIT predictionFinished(int(paths.size()), failedCount,
                              QString::fromLatin1(precisionName(classifier.precision().used)),
                              QString::fromStdString(classifier.precision().calibration));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::scan(const QString& root, const ScanOptions& options) {
  try {
    const auto report = scanDataset(root.toStdString(), options);
    Q_EMIT scanned(report, classThumbnails(report));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::train(const DatasetReport& dataset, const TrainOptions& options) {
  TrainingCallbacks callbacks;
  callbacks.extraction = [this](const ExtractionProgress& p) { Q_EMIT extractionProgress(p); };
  callbacks.batch = [this](const BatchProgress& b) { Q_EMIT batchDone(b); };
  callbacks.epoch = [this](const EpochResult& e) { Q_EMIT epochDone(e); };
  try {
    Q_EMIT trained(headstart::train(dataset, options, callbacks, &m_cancel));
  } catch (const OperationCancelled&) {
    Q_EMIT cancelled();
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::findLearningRate(const DatasetReport& dataset, const TrainOptions& options) {
  // Extraction is most of a cold run, the steps most of a warm one: a rough split of the bar.
  constexpr double kExtractionShare = 0.8;
  TrainingCallbacks callbacks;
  callbacks.extraction = [this](const ExtractionProgress& p) {
    if (p.total > 0) Q_EMIT lrFindProgress(kExtractionShare * double(p.done) / double(p.total));
  };
  callbacks.batch = [this](const BatchProgress& b) {
    Q_EMIT lrFindProgress(kExtractionShare +
                          (1 - kExtractionShare) * double(b.step) / double(std::max(1, b.steps)));
  };
  try {
    Q_EMIT lrFound(headstart::findLearningRate(dataset, options, {}, callbacks, &m_cancel));
  } catch (const OperationCancelled&) {
    Q_EMIT lrFindCancelled();
  } catch (const std::exception& e) {
    Q_EMIT lrFindFailed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::exportHead(const QString& path, const TrainResult& result, bool withModel) {
  try {
    const auto files = exportTrained(path.toStdString(), result, withModel);
    Q_EMIT exported(QString::fromStdString(files.manifest));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::evaluateHead(const DatasetReport& dataset, const QString& headPath,
                                const TrainOptions& options) {
  TrainingCallbacks callbacks;
  callbacks.extraction = [this](const ExtractionProgress& p) { Q_EMIT extractionProgress(p); };
  try {
    const auto saved = loadHead(headPath.toStdString());
    TrainOptions o = options;
    if (const auto arch = archFromName(saved.arch)) o.arch = *arch;
    if (const auto preset = presetFromName(saved.preset)) o.preset = *preset;
    Q_EMIT evaluated(headstart::evaluate(dataset, saved.head, o, callbacks, &m_cancel), headPath);
  } catch (const OperationCancelled&) {
    Q_EMIT cancelled();
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::predictFolder(const QStringList& inputs, const ClassifierOptions& options) {
  constexpr int kRowThumbnail = 64;
  try {
    std::vector<std::string> roots;
    for (const auto& input : inputs) roots.push_back(input.toStdString());
    const auto images = listImages(roots);
    const auto& classifier = classifierFor(options);
    const int total = int(images.size());
    const size_t batch = size_t(std::max(1, options.batchSize));
    int failedCount = 0;
    QElapsedTimer clock;
    clock.start();
    Q_EMIT folderProgress(0, total, 0);
    size_t done = 0;
    for (size_t start = 0; start < images.size() && !m_cancel; start += batch) {
      const std::vector<std::string> part(
          images.begin() + std::ptrdiff_t(start),
          images.begin() + std::ptrdiff_t(std::min(images.size(), start + batch)));
      QVector<PredictionCard> cards;
      for (const auto& p : classifier.predict(part, 5, {}, &m_cancel)) {
        PredictionCard card;
        card.path = QString::fromStdString(p.image);
        card.error = QString::fromStdString(p.error);
        if (p.ok()) card.thumbnail = thumbnailOf(card.path, kRowThumbnail);
        failedCount += p.ok() ? 0 : 1;
        for (const auto& s : p.top) {
          card.labels << QString::fromStdString(s.label);
          card.probabilities << s.probability;
        }
        cards << card;
      }
      done += size_t(cards.size());
      Q_EMIT folderPredicted(cards);
      const double seconds = std::max(1e-3, clock.elapsed() / 1000.0);
      Q_EMIT folderProgress(int(done), total, double(done) / seconds);
    }
    Q_EMIT folderFinished(int(done), failedCount, done < images.size(),
                          QString::fromLatin1(precisionName(classifier.precision().used)),
                          QString::fromStdString(classifier.precision().calibration));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::sortIntoFolders(const QVector<PredictionCard>& cards, const QString& out,
                                   double minConfidence, bool link) {
  try {
    SortOptions options;
    options.into = out.toStdString();
    options.minConfidence = minConfidence;
    options.link = link;
    std::vector<Prediction> predictions;
    int created = 0, present = 0, failedCount = 0;
    for (const auto& card : cards) {
      if (m_cancel) break;
      Prediction p;
      p.image = card.path.toStdString();
      p.error = card.error.toStdString();
      for (int i = 0; i < card.labels.size(); ++i)
        p.top.push_back({0, card.labels[i].toStdString(), card.probabilities[i]});
      if (p.ok()) {
        const auto outcome = sortImage(p, options);
        if (!outcome.error.empty())
          ++failedCount;
        else
          outcome.created ? ++created : ++present;
      } else {
        ++failedCount;
      }
      predictions.push_back(std::move(p));
    }
    writePredictionsCsv((std::filesystem::path(options.into) / "predictions.csv").string(),
                        predictions, 3);
    Q_EMIT sortedIntoFolders(created, present, failedCount, out);
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::exportOnnx(const QString& path, const TrainResult& result) {
  try {
    headstart::exportOnnx(path.toStdString(), result);
    Q_EMIT exportedOnnx(path);
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void EngineWorker::diagnose(const DatasetReport& dataset, const DoctorOptions& options) {
  try {
    const auto progress = [this](const DoctorProgress& p) { Q_EMIT doctorProgress(p); };
    Q_EMIT diagnosed(runDoctor(dataset, options, progress, &m_cancel));
  } catch (const OperationCancelled&) {
    Q_EMIT doctorCancelled();
  } catch (const std::exception& e) {
    Q_EMIT doctorFailed(QString::fromStdString(e.what()));
  }
}

EngineThread::EngineThread() : m_worker(new EngineWorker) {
  m_thread.setObjectName(QStringLiteral("headstart-engine"));
  m_worker->moveToThread(&m_thread);
  QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  m_thread.start();
}

EngineThread::~EngineThread() {
  m_worker->cancel();
  m_thread.quit();
  m_thread.wait();
}

}  // namespace headstart::ui
