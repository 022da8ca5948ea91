#pragma once
// Train: choose a dataset folder, read its report, set the hyperparameters (remembered), train
// with live curves, cancel.

#include <QWidget>

#include "engine_worker.h"

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace headstart::ui {

class LossPlot;

class TrainPage : public QWidget {
  Q_OBJECT

 public:
  explicit TrainPage(QWidget* parent = nullptr);

  void setDataset(const DatasetReport& report, const QVector<QImage>& thumbnails = {});
  void setBusy(bool busy);
  void onExtraction(const ExtractionProgress& p);
  void onBatch(const BatchProgress& b);
  void onEpoch(const EpochResult& e);
  void onTrained(const TrainResult& r);
  // The hyperparameters on screen, into `options` (model fields are the window's).
  void fillOptions(TrainOptions& options) const;
  QString folder() const;
  void setFolder(const QString& folder);
  const DatasetReport& dataset() const { return m_dataset; }
  LossPlot* lossPlot() const { return m_plot; }
  QProgressBar* progressBar() const { return m_progress; }
  QTextBrowser* reportView() const { return m_report; }

 Q_SIGNALS:
  void scanRequested(const QString& folder);
  void trainRequested();
  void cancelRequested();

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  QLineEdit* m_folder;
  QTextBrowser* m_report;
  QSpinBox *m_epochs, *m_batch, *m_seed;
  QDoubleSpinBox *m_lr, *m_wd, *m_validation;
  QCheckBox* m_warmStart;
  QPushButton *m_train, *m_cancel;
  QProgressBar* m_progress;
  LossPlot* m_plot;
  DatasetReport m_dataset;
  int m_stepsPerEpoch = 0;
  int m_runs = 0;

  void saveSettings() const;
  void rememberFolder(const QString& folder);
  void rebuildRecentMenu();
  QMenu* m_recent;
};

}  // namespace headstart::ui
