#pragma once
// One window, four tasks a click apart: Predict, Train, Evaluate, and Data (the dataset doctor).
// All long work runs in the engine's thread; the window only shows what comes back.

#include <QMainWindow>
#include <functional>
#include <optional>

#include "engine_worker.h"
#include "headstart/weights.h"
#include "run.h"

class QAction;
class QTabWidget;

namespace headstart::ui {

class DataPage;
class FolderPredictDialog;
class PredictPage;
class Project;
class TrainPage;
class EvaluatePage;
class WeightsPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  PredictPage* predictPage() const { return m_predict; }
  TrainPage* trainPage() const { return m_train; }
  EvaluatePage* evaluatePage() const { return m_evaluate; }
  DataPage* dataPage() const { return m_data; }
  QTabWidget* tabs() const { return m_tabs; }
  WeightsPanel* weightsPanel() const { return m_weightsPanel; }
  EngineWorker* worker() const { return m_engine.worker(); }
  bool hasWeights() const { return !m_weightsPath.isEmpty(); }
  Project* project() const { return m_project; }
  // Asked before quitting while a run trains; replaced by tests, which cannot click a dialog.
  std::function<bool()> confirmQuit;

 public Q_SLOTS:
  void predict(const QStringList& paths);
  // Opens "Predict a folder" on every image under `folder`; returns the dialog (deleted on close).
  FolderPredictDialog* predictFolder(const QString& folder);
  // What predicting with the window's weights, head and Speed choice takes.
  headstart::ClassifierOptions predictionOptions() const;
  // How a precision (its engine name) is named to the user: "exact mode", "turbo mode, calibrated
  // on …".
  static QString precisionText(const QString& name, const QString& calibration = {});
  void setWeights(const QString& path);
  void loadHead(const QString& path);
  // Writes the selected run's result (else the newest finished one) as BASE.pt, BASE.json and
  // (withModel) BASE-model.pt.
  void exportHead(const QString& base, bool withModel = true);
  void exportRun(const QString& runId, const QString& base, bool withModel = true);
  void evaluateRun(const QString& runId);
  // A saved head on the Train page's dataset.
  void evaluateHead(const QString& headPath);
  // "Evaluate a trained head…": a file dialog proposing the loaded head, then evaluateHead.
  void askEvaluateHead();
  // Opens the project in `folder` (created if new): its runs, dataset and options.
  bool openProject(const QString& folder);
  // Asks for an empty or new folder and starts an empty project there (File > New project).
  void newProject();
  // Brings one of the pages to the front.
  void showPage(QWidget* page);
  void startTraining();
  void startLrFind();
  // Runs the dataset doctor on the Train page's dataset; the Data page shows what it finds.
  void checkDataset();

 Q_SIGNALS:
  // After a file was chosen as pretrained weights: whether it was taken.
  void weightsChecked(bool taken);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  EngineThread m_engine;
  QTabWidget* m_tabs;
  PredictPage* m_predict;
  TrainPage* m_train;
  EvaluatePage* m_evaluate;
  DataPage* m_data;
  WeightsPanel* m_weightsPanel;
  QString m_weightsPath;
  QString m_headPath;
  Preset m_preset;
  Project* m_project;
  Arch m_arch = Arch::ResNet50;
  Precision m_precision = Precision::Auto;
  QStringList m_pending;
  QString m_evaluatedRun;  // the run the Evaluate page shows, if it shows one  // images given
                           // before any weights were chosen

  void predictPending();
  const Run* exportableRun(const QString& runId = {}) const;
  void askExport(const QString& runId);
  void updateExportAction();
  QAction* m_exportAction = nullptr;

  void applyWeights(const QString& path, const WeightsInspection& found);
  static QString archDisplayName(Arch arch);

  QString askNewProjectFolder(const QString& title);
  void buildMenus();
  void restoreWindowGeometry();
  void fitToScreen(const QSize& wanted);
  void retranslate();
  void buildLanguageMenu();
  void buildPrecisionMenu();
  // Speed > Also the mirror image: predictions and evaluations of saved heads average each
  // image's probabilities with its mirror image's.
  static bool testTimeFlip();
  void connectWorker();
  void findWeights();
  void updateModelDescription();
  void showError(const QString& message);
};

}  // namespace headstart::ui
