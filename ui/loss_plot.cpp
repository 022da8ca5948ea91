#include "loss_plot.h"

#include <qcustomplot.h>
#include <QKeyEvent>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <optional>

#include "focus_frame.h"

namespace headstart::ui {
namespace {

constexpr int kReplotMs = 33;
// The legend folds away rather than take more than this part of the plot's height.
constexpr double kLegendShare = 0.4;
// A run whose highest loss is this many times the typical run's is left to run off the top.
constexpr double kOutlierFactor = 4;
// Single noisy batches above this quantile of a run's batch losses do not stretch the axis.
constexpr double kBatchQuantile = 0.98;

// The highest loss of a run's drawn curves, its batch losses counted up to kBatchQuantile.
std::optional<double> runTop(const QVector<QCPGraph*>& curves, const QCPGraph* batch) {
  std::optional<double> top;
  for (const auto* graph : curves)
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
      top = std::max(top.value_or(it->value), it->value);
  std::vector<double> losses;
  for (auto it = batch->data()->constBegin(); it != batch->data()->constEnd(); ++it)
    losses.push_back(it->value);
  if (!losses.empty()) {
    const auto at = losses.begin() + std::ptrdiff_t(kBatchQuantile * double(losses.size() - 1));
    std::nth_element(losses.begin(), at, losses.end());
    top = std::max(top.value_or(*at), *at);
  }
  return top;
}

QCPGraph* addGraph(QCustomPlot* plot, QCPAxis* y, const QPen& pen,
                   QCPScatterStyle::ScatterShape shape = QCPScatterStyle::ssNone) {
  auto* g = plot->addGraph(plot->xAxis, y);
  g->setPen(pen);
  if (shape != QCPScatterStyle::ssNone)
    g->setScatterStyle(
        QCPScatterStyle(shape, pen.color(), shape == QCPScatterStyle::ssStar ? 13 : 7));
  g->removeFromLegend();
  return g;
}

}  // namespace

QColor LossPlot::runColour(int number) {
  static const QColor palette[] = {QColor(31, 90, 200),  QColor(214, 96, 20), QColor(30, 150, 70),
                                   QColor(150, 50, 170), QColor(180, 30, 60), QColor(20, 140, 160),
                                   QColor(120, 110, 20), QColor(90, 90, 90)};
  return palette[(number - 1 + 8) % 8];
}

LossPlot::LossPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  // Room around the plot for the focus frame: Tab reaches the plot, and a screen reader its
  // description.
  layout->setContentsMargins(3, 3, 3, 3);
  layout->addWidget(m_plot);
  setFocusPolicy(Qt::StrongFocus);
  m_plot->yAxis2->setVisible(true);
  m_plot->yAxis2->setRange(0, 1);
  // The legend lives in a row of its own under the axes, filled across, never over the curves.
  auto* legend = m_plot->legend;
  legend->setVisible(false);
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  legend->setMargins(QMargins(6, 0, 6, 2));
  // Compact entries: more of them fit in a row, fewer rows take the curves' height.
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  legend->setFont(small);
  legend->setIconSize(20, 10);
  legend->setIconTextPadding(4);
  legend->setColumnSpacing(10);
  legend->setRowSpacing(0);
  legend->setFillOrder(QCPLegend::foColumnsFirst);
  m_plot->axisRect()->insetLayout()->take(legend);
  m_plot->axisRect()->insetLayout()->simplify();
  connect(m_plot, &QCustomPlot::beforeReplot, this, &LossPlot::layOutLegend);
  m_plot->setMinimumHeight(160);
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
  m_plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
  // Once the user moves the view, new data no longer moves it back.
  connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_follow = false; });
  connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_follow = false; });
  setXAxis(XAxis::Epochs);
  m_replot.setInterval(kReplotMs);
  connect(&m_replot, &QTimer::timeout, this, &LossPlot::tick);
  m_replot.start();
}

double LossPlot::x(const Run& run, double step) const {
  if (m_xAxis == XAxis::Steps || run.curves.stepsPerEpoch <= 0) return step;
  return step / run.curves.stepsPerEpoch;
}

LossPlot::Graphs LossPlot::graphsFor(const Run& run, int index) {
  Q_UNUSED(index);
  const QColor c = runColour(run.number);
  QColor faint = c;
  faint.setAlpha(70);
  Graphs g;
  g.batch = addGraph(m_plot, m_plot->yAxis, QPen(faint, 1));
  g.mean = addGraph(m_plot, m_plot->yAxis, QPen(c, 2));
  g.train = addGraph(m_plot, m_plot->yAxis, QPen(c, 1), QCPScatterStyle::ssCircle);
  g.validation =
      addGraph(m_plot, m_plot->yAxis, QPen(c, 1, Qt::DashLine), QCPScatterStyle::ssSquare);
  g.accuracy =
      addGraph(m_plot, m_plot->yAxis2, QPen(c, 1, Qt::DotLine), QCPScatterStyle::ssDiamond);
  g.best = addGraph(m_plot, m_plot->yAxis, QPen(c, 1), QCPScatterStyle::ssStar);
  g.best->setLineStyle(QCPGraph::lsNone);
  return g;
}

void LossPlot::fill(const Run& run, const Graphs& g) const {
  const auto& c = run.curves;
  QVector<double> xs;
  for (double step : c.steps) xs.append(x(run, step));
  g.batch->setData(xs, c.batchLoss, true);
  g.mean->setData(xs, c.runningMean, true);
  g.train->data()->clear();
  g.validation->data()->clear();
  g.accuracy->data()->clear();
  g.best->data()->clear();
  const int bestEpoch = run.result ? run.result->bestEpoch : 0;
  for (const auto& e : c.epochs) {
    const double at = x(run, double(e.epoch) * c.stepsPerEpoch);
    g.train->addData(at, e.trainLoss);
    if (e.validationLoss) g.validation->addData(at, *e.validationLoss);
    if (e.validationAccuracy) g.accuracy->addData(at, *e.validationAccuracy);
    // Starred where the kept head was measured: on its validation loss when there is one.
    if (e.epoch == bestEpoch && run.options.validationFraction > 0)
      g.best->addData(at, e.validationLoss.value_or(e.trainLoss));
  }
}

void LossPlot::setRuns(const QVector<const Run*>& runs) {
  // A run's graphs are kept while the same run is shown; another project's run of the same id
  // gets its own.
  QSet<const Run*> before(m_runs.begin(), m_runs.end());
  QHash<QString, const Run*> keep;
  for (const auto* r : runs) keep.insert(r->id, r);
  for (auto it = m_graphs.begin(); it != m_graphs.end();) {
    if (const auto* r = keep.value(it.key()); r && before.contains(r)) {
      ++it;
      continue;
    }
    for (auto* g : {it->batch, it->mean, it->train, it->validation, it->accuracy, it->best})
      m_plot->removeGraph(g);
    it = m_graphs.erase(it);
    m_removed = true;  // drawn again even when no run is left to fill
  }
  m_runs = runs;
  for (int i = 0; i < runs.size(); ++i) {
    if (!m_graphs.contains(runs[i]->id)) m_graphs.insert(runs[i]->id, graphsFor(*runs[i], i));
    m_dirty.insert(runs[i]->id);
  }
}

void LossPlot::runChanged(const Run& run) {
  if (m_graphs.contains(run.id)) m_dirty.insert(run.id);
}

void LossPlot::setXAxis(XAxis axis) {
  m_xAxis = axis;
  retranslate();
  for (const auto* r : m_runs) m_dirty.insert(r->id);
  m_follow = true;
}

void LossPlot::retranslate() {
  m_plot->yAxis->setLabel(tr("loss"));
  m_plot->yAxis2->setLabel(tr("validation accuracy"));
  m_plot->xAxis->setLabel(m_xAxis == XAxis::Epochs ? tr("epochs") : tr("batches (steps)"));
  for (const auto* r : m_runs) m_dirty.insert(r->id);  // the legend's names
}

void LossPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void LossPlot::resetView() {
  m_follow = true;
  fitAxes();
  m_plot->replot();
}

void LossPlot::tick() {
  if (m_dirty.isEmpty() && !m_removed) return;
  for (const auto* r : m_runs)
    if (m_dirty.contains(r->id)) fill(*r, m_graphs[r->id]);
  m_dirty.clear();
  m_removed = false;
  rebuildLegend();
  if (m_follow) fitAxes();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  Q_EMIT summaryChanged(summary());
}

// The top of the loss axis: every run fits, but for one whose losses dwarf the typical run's (a
// rate that diverged), which runs off the top and is named on the axis.
void LossPlot::fitLossAxis() {
  QVector<QPair<const Run*, double>> tops;
  for (const auto* r : m_runs) {
    const auto& g = m_graphs[r->id];
    if (const auto top = runTop({g.mean, g.train, g.validation, g.best}, g.batch))
      tops.append({r, *top});
  }
  QVector<double> sorted;
  for (const auto& t : tops) sorted << t.second;
  std::sort(sorted.begin(), sorted.end());
  // The lower median: of two runs, the one that diverged is the outlier.
  const double typical = sorted.isEmpty() ? 1 : sorted[(sorted.size() - 1) / 2];
  double top = sorted.isEmpty() ? 1 : 0;
  QStringList above;
  for (const auto& [run, height] : tops) {
    if (height > kOutlierFactor * typical)
      above << run->displayName();
    else
      top = std::max(top, height);
  }
  m_plot->yAxis->setLabel(above.isEmpty()
                              ? tr("loss")
                              : tr("loss (off the top: %1)").arg(above.join(QStringLiteral(", "))));
  m_plot->yAxis->setRange(0, std::max(top, 1e-9) * 1.05);
}

void LossPlot::fitAxes() {
  bool found = false;
  QCPRange xs;
  for (const auto* r : m_runs) {
    const auto& g = m_graphs[r->id];
    for (auto* graph : {g.batch, g.mean, g.train, g.validation, g.best}) {
      if (graph->dataCount() == 0) continue;
      bool ok = false;
      const auto gx = graph->getKeyRange(ok);
      if (!ok) continue;
      xs = found ? QCPRange(std::min(xs.lower, gx.lower), std::max(xs.upper, gx.upper)) : gx;
      found = true;
    }
  }
  if (!found) {
    m_plot->xAxis->setRange(0, m_xAxis == XAxis::Epochs ? 1 : 10);
    fitLossAxis();
    return;
  }
  m_plot->xAxis->setRange(0, std::max(xs.upper, 1e-9) * 1.02);
  fitLossAxis();
  m_plot->yAxis2->setRange(0, 1.02);
}

// One entry per run (its running mean, named as the run), then one per kind of mark, each shown
// by the newest run's graph that has data: an empty series never has an entry.
void LossPlot::rebuildLegend() {
  m_plot->legend->clearItems();
  for (const auto* r : m_runs) {
    auto* mean = m_graphs[r->id].mean;
    if (mean->dataCount() == 0) continue;
    mean->setName(r->displayName());
    mean->addToLegend();
  }
  const QList<QPair<QCPGraph * Graphs::*, QString>> marks{
      {&Graphs::batch, tr("batch loss (faint)")},
      {&Graphs::train, tr("epoch train loss")},
      {&Graphs::validation, tr("validation loss")},
      {&Graphs::accuracy, tr("validation accuracy (right axis)")},
      {&Graphs::best, tr("kept epoch: lowest validation loss")}};
  for (const auto& [member, name] : marks) {
    for (auto it = m_runs.rbegin(); it != m_runs.rend(); ++it) {
      QCPGraph* graph = m_graphs[(*it)->id].*member;
      if (graph->dataCount() == 0) continue;
      graph->setName(name);
      graph->addToLegend();
      break;
    }
  }
}

// As many columns as the widest entry allows; folded away where its rows would crowd the axes.
void LossPlot::layOutLegend() {
  auto* legend = m_plot->legend;
  int items = 0;  // the grid's cells, less the empty ones its last row may have
  QSize entry;
  for (int i = 0; i < legend->itemCount(); ++i) {
    if (const auto* item = legend->item(i)) {
      entry = entry.expandedTo(item->minimumOuterSizeHint());
      ++items;
    }
  }
  const QMargins margins = legend->margins();
  const int width = m_plot->width() - margins.left() - margins.right();
  const int columns = std::clamp(
      (width + legend->columnSpacing()) / std::max(1, entry.width() + legend->columnSpacing()), 1,
      std::max(1, items));
  const int rows = (items + columns - 1) / columns;
  const int height =
      rows * (entry.height() + legend->rowSpacing()) + margins.top() + margins.bottom();
  const bool show = m_legendWanted && items > 0 && height <= kLegendShare * m_plot->height();
  if (legend->wrap() != columns) {
    legend->setWrap(columns);
    legend->setFillOrder(QCPLegend::foColumnsFirst, true);
  }
  auto* grid = m_plot->plotLayout();
  const bool placed = legend->layout() == grid;
  if (show && !placed) {
    grid->addElement(1, 0, legend);
    grid->setRowStretchFactor(1, 0.001);  // its rows' height; the axes take the rest
  } else if (!show && placed) {
    grid->take(legend);
    grid->simplify();
  }
  legend->setVisible(show);
}

void LossPlot::setLegendWanted(bool wanted) {
  m_legendWanted = wanted;
  m_plot->replot();
}

bool LossPlot::legendShown() const { return m_plot->legend->visible(); }

int LossPlot::batchPoints() const {
  int n = 0;
  for (const auto& g : m_graphs) n += g.batch->dataCount();
  return n;
}

QStringList LossPlot::legendNames() const {
  QStringList names;
  for (int i = 0; i < m_plot->legend->itemCount(); ++i) {
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(m_plot->legend->item(i)))
      names << item->plottable()->name();
  }
  return names;
}

QString LossPlot::summary() const {
  QStringList parts;
  for (const auto* r : m_runs) {
    if (r->curves.epochs.isEmpty()) {
      parts << tr("%1: no epoch finished yet").arg(r->displayName());
      continue;
    }
    const auto& e = r->curves.epochs.back();
    QString part = tr("%1: epoch %2 of %3, train loss %4")
                       .arg(r->displayName())
                       .arg(e.epoch)
                       .arg(r->plannedEpochs())
                       .arg(QLocale().toString(e.trainLoss, 'f', 3));
    if (e.validationLoss)
      part += tr(", validation loss %1").arg(QLocale().toString(*e.validationLoss, 'f', 3));
    if (e.validationAccuracy)
      part += tr(", validation accuracy %1%")
                  .arg(QLocale().toString(100 * *e.validationAccuracy, 'f', 1));
    parts << part;
  }
  return parts.isEmpty() ? tr("No run shown") : parts.join(QStringLiteral("; "));
}

void LossPlot::keyPressEvent(QKeyEvent* event) {
  constexpr double kStep = 0.1, kZoom = 0.8;
  QCPAxis* x = m_plot->xAxis;
  QCPAxis* y = m_plot->yAxis;
  switch (event->key()) {
    case Qt::Key_Left:
      x->moveRange(-kStep * x->range().size());
      break;
    case Qt::Key_Right:
      x->moveRange(kStep * x->range().size());
      break;
    case Qt::Key_Up:
      y->moveRange(kStep * y->range().size());
      break;
    case Qt::Key_Down:
      y->moveRange(-kStep * y->range().size());
      break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      x->scaleRange(kZoom);
      y->scaleRange(kZoom);
      break;
    case Qt::Key_Minus:
      x->scaleRange(1 / kZoom);
      y->scaleRange(1 / kZoom);
      break;
    case Qt::Key_Home:
      return resetView();
    default:
      return QWidget::keyPressEvent(event);
  }
  m_follow = false;  // as after a drag: new data no longer moves the view
  m_plot->replot();
}

void LossPlot::paintEvent(QPaintEvent* event) {
  QWidget::paintEvent(event);
  drawFocusFrame(this);
}

void LossPlot::focusInEvent(QFocusEvent* event) {
  update();
  QWidget::focusInEvent(event);
}

void LossPlot::focusOutEvent(QFocusEvent* event) {
  update();
  QWidget::focusOutEvent(event);
}

}  // namespace headstart::ui
