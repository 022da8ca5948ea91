#pragma once
// One window, three tasks a click apart: Predict, Train, Evaluate. All long work runs in the
// engine's thread; the window only shows what comes back.

#include <QMainWindow>
#include <optional>

#include "engine_worker.h"

class QTabWidget;

namespace headstart::ui {

class PredictPage;
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
  QTabWidget* tabs() const { return m_tabs; }
  WeightsPanel* weightsPanel() const { return m_weightsPanel; }
  EngineWorker* worker() const { return m_engine.worker(); }
  bool hasWeights() const { return !m_weightsPath.isEmpty(); }

 public Q_SLOTS:
  void predict(const QStringList& paths);
  void setWeights(const QString& path);
  void loadHead(const QString& path);
  void exportHead(const QString& path);
  void startTraining();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  EngineThread m_engine;
  QTabWidget* m_tabs;
  PredictPage* m_predict;
  TrainPage* m_train;
  EvaluatePage* m_evaluate;
  WeightsPanel* m_weightsPanel;
  QString m_weightsPath;
  QString m_headPath;
  Preset m_preset;
  std::optional<TrainResult> m_result;
  TrainOptions m_lastOptions;

  void buildMenus();
  void buildLanguageMenu();
  void connectWorker();
  void findWeights();
  void updateModelDescription();
  void showError(const QString& message);
};

}  // namespace headstart::ui
