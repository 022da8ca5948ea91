#pragma once
// The engine behind the window: one QObject living in its own thread, running one long job at a
// time. Requests arrive as queued slot calls, results leave by value through signals; exceptions
// stop here and become `failed` messages. Cancel is a flag the GUI thread sets directly.

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QThread>
#include <QVector>
#include <atomic>

#include "headstart/classifier.h"
#include "headstart/dataset.h"
#include "headstart/doctor.h"
#include "headstart/lr_finder.h"
#include "headstart/training.h"

namespace headstart::ui {

struct PredictionCard {
  QString path;
  QImage thumbnail;
  QImage view;  // the network's view of the image (the preset's crop), for the activation maps
  QStringList labels;
  QVector<float> probabilities;
  QVector<QVector<float>> maps;  // each label's activation map, mapHeight x mapWidth, row-major
  int mapWidth = 0, mapHeight = 0;
  QString error;
  QString classifier;   // the head's file name, or empty for ImageNet's classes
  QString precision;    // "exact", "fast" or "int8": how the network ran for this card
  QString calibration;  // for int8, the images that calibrated it
};

// The card's view with label `k`'s activation map over it: from transparent blue (no evidence)
// to red (the strongest evidence for that class). Null without a view or map.
QImage activationOverlay(const PredictionCard& card, int k);

class EngineWorker : public QObject {
  Q_OBJECT

 public:
  static constexpr int kThumbnailsPerClass = 4;
  EngineWorker();

  // Safe to call from any thread: the running job stops within one batch.
  void cancel() { m_cancel = true; }
  // Called by the requester before queueing a job, so that a cancel sent right after the request
  // is not lost.
  void armJob() { m_cancel = false; }

 public Q_SLOTS:
  void predict(const QStringList& paths, const headstart::ClassifierOptions& options);
  void scan(const QString& root, const headstart::ScanOptions& options);
  void train(const headstart::DatasetReport& dataset, const headstart::TrainOptions& options);
  void exportHead(const QString& path, const headstart::TrainResult& result, bool withModel);
  // A saved head on the dataset's test images; the arch and preset come from its manifest.
  void evaluateHead(const headstart::DatasetReport& dataset, const QString& headPath,
                    const headstart::TrainOptions& options);
  // Every image under `inputs` (folders searched recursively, as `headstart-cli predict` does),
  // streamed batch by batch with small thumbnails.
  void predictFolder(const QStringList& inputs, const headstart::ClassifierOptions& options);
  // Copies (or hard-links) the predicted images into OUT/<class>/ and OUT/_uncertain/ and writes
  // OUT/predictions.csv, with the rules of `headstart-cli sort`.
  void sortIntoFolders(const QVector<headstart::ui::PredictionCard>& cards, const QString& out,
                       double minConfidence, bool link);
  void exportOnnx(const QString& path, const headstart::TrainResult& result);
  // The dataset doctor: likely wrong labels, near-duplicates, outliers and the map.
  void diagnose(const headstart::DatasetReport& dataset, const headstart::DoctorOptions& options);
  // The learning-rate range test on the dataset's (cached) training features.
  void findLearningRate(const headstart::DatasetReport& dataset,
                        const headstart::TrainOptions& options);

 Q_SIGNALS:
  // Cards arrive batch by batch, then predictionFinished once.
  void predicted(const QVector<headstart::ui::PredictionCard>& cards);
  // `done`: images read so far, reported image by image.
  void predictProgress(int done, int total);
  // Turbo is about to be calibrated on `images` images (seconds), before the prediction.
  void calibrating(int images);
  // `precision`: "exact", "fast" or "int8", as the network ran; `calibration`: for int8, the
  // images that calibrated it.
  void predictionFinished(int total, int failed, const QString& precision,
                          const QString& calibration);
  // With a few thumbnails per class (index: class * kThumbnailsPerClass + i; null if absent).
  void scanned(const headstart::DatasetReport& report, const QVector<QImage>& thumbnails);
  void extractionProgress(const headstart::ExtractionProgress& progress);
  void batchDone(const headstart::BatchProgress& progress);
  void epochDone(const headstart::EpochResult& epoch);
  void trained(const headstart::TrainResult& result);
  void cancelled();
  void exported(const QString& manifestPath);
  void evaluated(const headstart::Evaluation& evaluation, const QString& headPath);
  void failed(const QString& message);
  void folderPredicted(const QVector<headstart::ui::PredictionCard>& cards);
  void folderProgress(int done, int total, double imagesPerSecond);
  // `total`: images read, `failed` of them unreadable; `precision` and `calibration` as
  // predictionFinished's.
  void folderFinished(int total, int failed, bool cancelled, const QString& precision,
                      const QString& calibration);
  void sortedIntoFolders(int created, int present, int failed, const QString& out);
  void exportedOnnx(const QString& path);
  // The doctor's own outcomes: its cancel and failure are not a training run's.
  void doctorProgress(const headstart::DoctorProgress& progress);
  void diagnosed(const headstart::DoctorReport& report);
  void doctorCancelled();
  void doctorFailed(const QString& message);
  // The learning-rate finder's: `fraction` of the job done (extraction, then the steps).
  void lrFindProgress(double fraction);
  void lrFound(const headstart::LrFinderResult& result);
  void lrFindCancelled();
  void lrFindFailed(const QString& message);

 private:
  std::atomic_bool m_cancel{false};
  std::unique_ptr<Classifier> m_classifier;
  ClassifierOptions m_classifierOptions;

  // `images`: what is about to be predicted (turbo calibrates on them).
  const Classifier& classifierFor(ClassifierOptions options,
                                  const std::vector<std::string>& images);
};

// Owns the worker's thread: names it, and quits and waits for it on destruction.
class EngineThread {
 public:
  EngineThread();
  ~EngineThread();
  EngineWorker* worker() const { return m_worker; }

 private:
  QThread m_thread;
  EngineWorker* m_worker;
};

}  // namespace headstart::ui

Q_DECLARE_METATYPE(headstart::ui::PredictionCard)
Q_DECLARE_METATYPE(headstart::ClassifierOptions)
Q_DECLARE_METATYPE(headstart::ScanOptions)
Q_DECLARE_METATYPE(headstart::DatasetReport)
Q_DECLARE_METATYPE(headstart::TrainOptions)
Q_DECLARE_METATYPE(headstart::ExtractionProgress)
Q_DECLARE_METATYPE(headstart::BatchProgress)
Q_DECLARE_METATYPE(headstart::EpochResult)
Q_DECLARE_METATYPE(headstart::TrainResult)
Q_DECLARE_METATYPE(headstart::Evaluation)
Q_DECLARE_METATYPE(headstart::DoctorOptions)
Q_DECLARE_METATYPE(headstart::DoctorProgress)
Q_DECLARE_METATYPE(headstart::DoctorReport)
Q_DECLARE_METATYPE(headstart::LrFinderResult)
