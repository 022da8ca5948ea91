#pragma once
// Train: choose a dataset folder, read its report, set the hyperparameters, train with live
// curves, cancel. Every run is kept in the project: listed beside the plot, drawn when ticked,
// exported or evaluated from the list.

#include <QElapsedTimer>
#include <QWidget>

#include "engine_worker.h"
#include "run.h"

class QCheckBox;
class QFormLayout;
class QGroupBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSettings;
class QSpinBox;
class QTextBrowser;
class QToolButton;

namespace headstart::ui {

class LossPlot;
class LrPlot;
class NumberField;
class Project;
class RunsView;

class TrainPage : public QWidget {
  Q_OBJECT

 public:
  explicit TrainPage(QWidget* parent = nullptr);

  // The project whose runs the page lists and adds to; its options fill the form.
  void setProject(Project* project);
  void setDataset(const DatasetReport& report, const QVector<QImage>& thumbnails = {});
  // A run begins: recorded in the project at once, drawn as its data comes.
  Run& beginRun(const TrainOptions& options);
  void onExtraction(const ExtractionProgress& p);
  void onBatch(const BatchProgress& b);
  void onEpoch(const EpochResult& e);
  void onTrained(const TrainResult& r);
  void onCancelled();
  void onFailed(const QString& message);
  // The learning-rate finder: its progress, its curve (the suggestion goes into the learning-rate
  // field; without one, the field keeps its rate and the progress line says so), or its end
  // without a curve (`note` says why).
  void beginLrFind();
  void onLrFindProgress(double fraction);
  void onLrFound(const LrFinderResult& result);
  void onLrFindEnded(const QString& note);
  bool busy() const { return m_busy; }
  // Whether every hyperparameter field holds an acceptable number.
  bool optionsValid() const;
  // The hyperparameters on screen, into `options` (model fields are the window's).
  void fillOptions(TrainOptions& options) const;
  void showOptions(const TrainOptions& options);
  QString folder() const;
  void setFolder(const QString& folder);
  const DatasetReport& dataset() const { return m_dataset; }
  LossPlot* lossPlot() const { return m_plot; }
  RunsView* runsView() const { return m_runs; }
  QProgressBar* progressBar() const { return m_progress; }
  QTextBrowser* reportView() const { return m_report; }
  QLabel* reportSummary() const { return m_summary; }
  Run* currentRun() const { return m_current; }
  QPushButton* findLrButton() const { return m_findLr; }
  QScrollArea* formScroll() const { return m_formScroll; }
  LrPlot* lrPlot() const { return m_lrPlot; }

 Q_SIGNALS:
  void scanRequested(const QString& folder);
  void trainRequested();
  void cancelRequested();
  void exportRequested(const QString& runId);
  void evaluateRequested(const QString& runId);
  void lrFindRequested();
  void problem(const QString& message);  // for the status bar

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void changeEvent(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void renameRun(const QString& id, const QString& name);
  QLineEdit* m_folder;
  QPushButton* m_browse;
  QToolButton* m_recentButton;
  QLabel* m_summary;
  QTextBrowser* m_report;
  QSpinBox *m_epochs, *m_batch, *m_seed, *m_patience;
  QSpinBox* m_augmentViews = nullptr;
  QLabel *m_augmentLabel = nullptr, *m_augmentHelp = nullptr;
  NumberField *m_lr, *m_wd, *m_validation;
  QCheckBox* m_warmStart;
  // Learning-rate finder and the advanced options (schedule, warm-up, loss).
  QPushButton* m_findLr = nullptr;
  LrPlot* m_lrPlot = nullptr;
  QGroupBox* m_advanced = nullptr;
  QComboBox* m_schedule = nullptr;
  NumberField *m_warmup = nullptr, *m_smoothing = nullptr;
  QCheckBox* m_balance = nullptr;
  QCheckBox* m_flip = nullptr;  // test-time flip
  QList<QLabel*> m_advancedLabels;
  QComboBox* m_parts;  // last layer only, or the last stage and layer
  QPushButton *m_train = nullptr, *m_cancel = nullptr, *m_resetView = nullptr;
  QComboBox* m_xAxis;
  QCheckBox* m_legend = nullptr;
  QProgressBar* m_progress;
  LossPlot* m_plot;
  RunsView* m_runs;
  QMenu* m_recent;
  QScrollArea* m_formScroll = nullptr;
  QList<QLabel*> m_formLabels;
  DatasetReport m_dataset;
  QVector<QImage> m_thumbnails;
  Project* m_project = nullptr;
  Run* m_current = nullptr;
  bool m_busy = false;
  QElapsedTimer m_phaseClock;  // since the training phase began, for its ETA
  QElapsedTimer m_saveClock;   // throttles writing the running run's curves
  int m_phaseFirstStep = 0;
  bool m_warmingUp = false;  // a last-stage run's head-only epochs: no estimate from their speed

  void buildForm(QWidget* parent);
  void buildLrFinderAndAdvanced(QFormLayout* form, const QSettings& settings);
  void retranslateAdvanced();
  void addAugmentRows(QFormLayout* form);
  void retranslate();
  void setBusy(bool busy);
  void updateTrainButton();
  void saveSettings() const;
  void rememberFolder(const QString& folder);
  void rebuildRecentMenu();
  void refreshRuns();
  void refreshPlot();
  void showReport();
  void finishRun(RunState state, const QString& note);
  void askDeleteRun(const QString& id);
  // What the progress said about the previous dataset, and its learning-rate curve, go.
  void forgetProgress();
  QString epochText(const BatchProgress& b) const;
  void saveCurrentRun(bool force);
};

}  // namespace headstart::ui
