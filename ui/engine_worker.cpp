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

// The thumbnail and the network's view from one read, at a reduced size: a 12 MP photo is
// decoded once, and at a fraction of its pixels.
void readPictures(const QString& path, const Preset& preset, PredictionCard& card) {
  QImageReader reader(path);
  reader.setAutoTransform(false);  // show what the network sees: no EXIF rotation
  const QSize size = reader.size();
  if (!size.isValid()) return;
  const auto box = cropBox(size.width(), size.height(), preset);
  const double scale =
      std::min(1.0, 2.0 * kThumbnailSize / std::max(1.0, std::min(box.width, box.height)));
  reader.setScaledSize((QSizeF(size) * scale).toSize().expandedTo(QSize(1, 1)));
  const QImage full = reader.read();
  if (full.isNull()) return;
  card.thumbnail =
      full.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  const QRectF crop(box.x * scale, box.y * scale, box.width * scale, box.height * scale);
  card.view =
      full.copy(crop.toRect())
          .scaled(kThumbnailSize, kThumbnailSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
          .convertToFormat(QImage::Format_RGB32);
}

bool sameModel(const ClassifierOptions& a, const ClassifierOptions& b) {
  return a.arch == b.arch && a.weightsPath == b.weightsPath && a.headPath == b.headPath &&
         a.precision == b.precision && a.preset.name == b.preset.name &&
         a.calibrationFolder == b.calibrationFolder && a.calibrationImages == b.calibrationImages;
}

PredictionCard cardFor(const Prediction& p, const Classifier& classifier) {
  PredictionCard card;
  card.path = QString::fromStdString(p.image);
  card.error = QString::fromStdString(p.error);
  card.precision = QString::fromLatin1(precisionName(classifier.precision().used));
  card.calibration = QString::fromStdString(classifier.precision().calibration);
  for (const auto& s : p.top) {
    card.labels << QString::fromStdString(s.label);
    card.probabilities << s.probability;
  }
  for (const auto& map : p.activationMaps) card.maps << QVector<float>(map.begin(), map.end());
  card.mapWidth = p.mapWidth;
  card.mapHeight = p.mapHeight;
  return card;
}

}  // namespace

QImage activationOverlay(const PredictionCard& card, int k) {
  if (card.view.isNull() || k < 0 || k >= card.maps.size() || card.maps[k].isEmpty()) return {};
  const auto& map = card.maps[k];
  const float peak = *std::max_element(map.begin(), map.end());
  QImage heat(card.mapWidth, card.mapHeight, QImage::Format_Grayscale8);
  for (int y = 0; y < card.mapHeight; ++y) {
    for (int x = 0; x < card.mapWidth; ++x) {
      const float v = map[y * card.mapWidth + x];
      heat.setPixel(x, y, (peak > 0 ? qBound(0, int(255 * v / peak), 255) : 0) * 0x010101);
    }
  }
  QImage view = card.view.convertToFormat(QImage::Format_RGB32);
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

// Turbo calibrates on the images about to be predicted: another set (digits on the Train page,
// the last photos) would scale the activations for other pictures than these.
const Classifier& EngineWorker::classifierFor(ClassifierOptions options,
                                              const std::vector<std::string>& images) {
  if (options.precision == Precision::Int8) options.calibrationImages = images;
  options.calibrating = [this](size_t count) { Q_EMIT calibrating(int(count)); };
  // Loading weights takes a moment: keep the classifier while the model stays the same.
  if (!m_classifier || !sameModel(options, m_classifierOptions)) {
    m_classifier.reset();
    m_classifier = std::make_unique<Classifier>(options);
    m_classifierOptions = options;
  }
  return *m_classifier;
}

// Batch by batch, so the first cards show while the rest are still being read; the progress
// moves image by image. An image the engine cannot start on (no calibration, no weights) still
// gets its card, saying why.
void EngineWorker::predict(const QStringList& paths, const ClassifierOptions& options) {
  const int total = int(paths.size());
  int shown = 0;
  try {
    std::vector<std::string> all;
    for (const auto& p : paths) all.push_back(p.toStdString());
    Q_EMIT predictProgress(0, total);
    const auto& classifier = classifierFor(options, all);
    const QString source =
        options.headPath.empty()
            ? QString()
            : QFileInfo(QString::fromStdString(exportPathsFor(options.headPath).head))
                  .completeBaseName();
    const int batch = std::max(1, options.batchSize);
    int failedCount = 0;
    for (int start = 0; start < total && !m_cancel; start += batch) {
      const std::vector<std::string> images(all.begin() + start,
                                            all.begin() + std::min(total, start + batch));
      const auto progress = [this, start, total](size_t read, size_t) {
        Q_EMIT predictProgress(start + int(read), total);
      };
      QVector<PredictionCard> cards;
      for (const auto& p : classifier.predict(images, 5, progress, &m_cancel)) {
        PredictionCard card = cardFor(p, classifier);
        card.classifier = source;
        if (p.ok())
          readPictures(card.path, options.preset, card);
        else
          ++failedCount;
        cards << card;
      }
      shown += int(cards.size());
      Q_EMIT predicted(cards);
    }
    Q_EMIT predictionFinished(total, failedCount,
                              QString::fromLatin1(precisionName(classifier.precision().used)),
                              QString::fromStdString(classifier.precision().calibration));
  } catch (const std::exception& e) {
    const QString message = QString::fromStdString(e.what());
    QVector<PredictionCard> cards;
    for (const auto& path : paths.mid(shown)) {
      PredictionCard card;
      card.path = path;
      card.error = message;
      cards << card;
    }
    Q_EMIT predicted(cards);
    Q_EMIT predictProgress(total, total);
    Q_EMIT failed(message);
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
    const auto& classifier = classifierFor(options, images);
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
      const auto progress = [&](size_t read, size_t) {
        const double seconds = std::max(1e-3, clock.elapsed() / 1000.0);
        Q_EMIT folderProgress(int(done + read), total, double(done + read) / seconds);
      };
      for (const auto& p : classifier.predict(part, 5, progress, &m_cancel)) {
        PredictionCard card = cardFor(p, classifier);
        if (p.ok()) card.thumbnail = thumbnailOf(card.path, kRowThumbnail);
        failedCount += p.ok() ? 0 : 1;
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
