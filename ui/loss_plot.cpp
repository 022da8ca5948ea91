#include "loss_plot.h"

#include <qcustomplot.h>
#include <QVBoxLayout>

namespace headstart::ui {
namespace {

constexpr int kReplotMs = 33;

QCPGraph* addGraph(QCustomPlot* plot, const QString& name, const QColor& color, QCPAxis* y,
                   QCPScatterStyle::ScatterShape shape = QCPScatterStyle::ssNone) {
  auto* g = plot->addGraph(plot->xAxis, y);
  g->setName(name);
  g->setPen(QPen(color, shape == QCPScatterStyle::ssNone ? 1.5 : 1.0));
  if (shape != QCPScatterStyle::ssNone) g->setScatterStyle(QCPScatterStyle(shape, color, 7));
  return g;
}

}  // namespace

LossPlot::LossPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  m_plot->xAxis->setLabel(tr("batches"));
  m_plot->yAxis->setLabel(tr("loss"));
  m_plot->yAxis2->setVisible(true);
  m_plot->yAxis2->setLabel(tr("validation accuracy"));
  m_plot->yAxis2->setRange(0, 1);
  m_plot->legend->setVisible(true);
  m_plot->setMinimumHeight(220);
  m_replot.setInterval(kReplotMs);
  connect(&m_replot, &QTimer::timeout, this, [this] {
    if (!m_dirty) return;
    m_dirty = false;
    m_plot->xAxis->rescale();
    m_plot->yAxis->rescale();
    m_plot->yAxis->setRangeLower(0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
  });
  m_replot.start();
}

void LossPlot::startRun(const QString& name) {
  // Fade the previous run's curves and take them out of the legend.
  for (auto* g : {m_batch, m_mean, m_train, m_validation, m_accuracy}) {
    if (!g) continue;
    QPen pen = g->pen();
    QColor c = pen.color();
    c.setAlpha(60);
    pen.setColor(c);
    g->setPen(pen);
    g->removeFromLegend();
  }
  ++m_runs;
  const QString suffix = m_runs > 1 ? QStringLiteral(" (%1)").arg(name) : QString();
  m_batch = addGraph(m_plot, tr("batch loss") + suffix, QColor(160, 160, 220), m_plot->yAxis);
  m_mean = addGraph(m_plot, tr("running mean") + suffix, QColor(30, 60, 200), m_plot->yAxis);
  m_train = addGraph(m_plot, tr("epoch train loss") + suffix, QColor(30, 60, 200), m_plot->yAxis,
                     QCPScatterStyle::ssCircle);
  m_validation = addGraph(m_plot, tr("validation loss") + suffix, QColor(220, 90, 20),
                          m_plot->yAxis, QCPScatterStyle::ssSquare);
  m_accuracy = addGraph(m_plot, tr("validation accuracy") + suffix, QColor(20, 150, 60),
                        m_plot->yAxis2, QCPScatterStyle::ssDiamond);
  for (auto* g : {m_train, m_validation, m_accuracy}) g->setLineStyle(QCPGraph::lsLine);
  m_dirty = true;
}

void LossPlot::addBatch(double step, double loss, double lossMean) {
  if (!m_batch) startRun(QString());
  m_batch->addData(step, loss);
  m_mean->addData(step, lossMean);
  m_dirty = true;
}

void LossPlot::addEpoch(double step, double trainLoss, double validationLoss,
                        double validationAccuracy) {
  if (!m_train) startRun(QString());
  m_train->addData(step, trainLoss);
  if (!std::isnan(validationLoss)) m_validation->addData(step, validationLoss);
  if (!std::isnan(validationAccuracy)) m_accuracy->addData(step, validationAccuracy);
  m_dirty = true;
}

void LossPlot::markBest(double step) {
  auto* line = new QCPItemStraightLine(m_plot);
  line->point1->setCoords(step, 0);
  line->point2->setCoords(step, 1);
  line->setPen(QPen(QColor(20, 150, 60), 1, Qt::DashLine));
  m_dirty = true;
}

int LossPlot::batchPoints() const { return m_batch ? m_batch->dataCount() : 0; }

}  // namespace headstart::ui
