#pragma once
// Live training curves: per-batch loss and its running mean, per-epoch train and validation
// loss, validation accuracy on the right axis. Points are appended as they come; the plot is
// redrawn by a timer (about 30 Hz) only when something changed, never per batch.

#include <QTimer>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace headstart::ui {

class LossPlot : public QWidget {
  Q_OBJECT

 public:
  explicit LossPlot(QWidget* parent = nullptr);

  // Starts a new run; earlier runs stay, faded, for comparison.
  void startRun(const QString& name);
  void addBatch(double step, double loss, double lossMean);
  void addEpoch(double step, double trainLoss, double validationLoss, double validationAccuracy);
  void markBest(double step);
  int batchPoints() const;
  QCustomPlot* plot() const { return m_plot; }

 private:
  QCustomPlot* m_plot;
  QCPGraph *m_batch = nullptr, *m_mean = nullptr, *m_train = nullptr, *m_validation = nullptr,
           *m_accuracy = nullptr;
  QTimer m_replot;
  bool m_dirty = false;
  int m_runs = 0;
};

}  // namespace headstart::ui
