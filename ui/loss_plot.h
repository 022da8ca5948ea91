#pragma once
// Training curves of the runs the user chose to see: per-batch loss and its running mean, epoch
// train and validation loss, validation accuracy on the right axis, the kept epoch starred.
// Each run has its colour and one legend entry; what each mark means is explained once. The legend
// sits below the axes, in as many columns as the width allows, so it never covers a curve; where
// the plot is too short for it, it folds away (the runs list shows each run's colour too). Axes fit
// the runs shown (unless the user zoomed or dragged: then "reset view" fits them again); the loss
// axis fits the bulk of the runs, so one that diverged runs off the top instead of flattening the
// others. Data comes from the runs themselves; the plot redraws on a timer (about 30 Hz) only when
// something changed, never per batch.

#include <QHash>
#include <QTimer>
#include <QWidget>

#include "run.h"

class QCustomPlot;
class QCPGraph;

namespace headstart::ui {

class LossPlot : public QWidget {
  Q_OBJECT

 public:
  enum class XAxis { Epochs, Steps };

  explicit LossPlot(QWidget* parent = nullptr);

  // The runs to draw, oldest first; others are dropped from the plot.
  void setRuns(const QVector<const Run*>& runs);
  // `run`'s data changed (it must be among those set): redrawn at the next tick.
  void runChanged(const Run& run);
  void setXAxis(XAxis axis);
  XAxis xAxis() const { return m_xAxis; }
  // Fits the axes to the runs shown and follows new data again.
  void resetView();

  // The legend on or off (the user's choice); even on, it folds away where the plot is too short.
  void setLegendWanted(bool wanted);
  bool legendShown() const;
  // A run's colour in the plot, by its number.
  static QColor runColour(int number);

  int batchPoints() const;
  QCustomPlot* plot() const { return m_plot; }
  // Legend entries, in order, for tests and screen readers.
  QStringList legendNames() const;
  // What the plot shows, in words: the latest epoch of each run shown.
  QString summary() const;

 Q_SIGNALS:
  void summaryChanged(const QString& summary);

 protected:
  void changeEvent(QEvent* event) override;
  // The mouse's pan and zoom, from the keyboard: arrows pan, + and - zoom, Home fits.
  void keyPressEvent(QKeyEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void focusInEvent(QFocusEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;

 private:
  struct Graphs {
    QCPGraph *batch, *mean, *train, *validation, *accuracy, *best;
  };
  QCustomPlot* m_plot;
  QVector<const Run*> m_runs;
  QHash<QString, Graphs> m_graphs;  // by run id
  QSet<QString> m_dirty;
  bool m_removed = false;  // graphs removed since the last drawing
  QTimer m_replot;
  XAxis m_xAxis = XAxis::Epochs;
  bool m_follow = true;  // fit the axes to the data, until the user zooms or drags
  bool m_legendWanted = true;

  Graphs graphsFor(const Run& run, int index);
  void fill(const Run& run, const Graphs& g) const;
  void rebuildLegend();
  void layOutLegend();
  void fitAxes();
  void fitLossAxis();
  double x(const Run& run, double step) const;
  void tick();
  void retranslate();
};

}  // namespace headstart::ui
