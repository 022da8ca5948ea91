#include "confusion_view.h"

#include <qcustomplot.h>
#include <QVBoxLayout>

namespace headstart::ui {
namespace {

QSharedPointer<QCPAxisTickerText> namesTicker(const QStringList& classes) {
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int i = 0; i < classes.size(); ++i) ticker->addTick(i, classes[i].left(18));
  return ticker;
}

}  // namespace

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  m_plot->setMinimumSize(320, 280);
  m_plot->xAxis->setLabel(tr("predicted"));
  m_plot->yAxis->setLabel(tr("true"));
  m_plot->yAxis->setRangeReversed(true);
  connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
    const int column = qRound(m_plot->xAxis->pixelToCoord(event->pos().x()));
    const int row = qRound(m_plot->yAxis->pixelToCoord(event->pos().y()));
    if (row >= 0 && row < m_classes && column >= 0 && column < m_classes)
      Q_EMIT cellClicked(row, column);
  });
}

void ConfusionView::setMatrix(const QStringList& classes,
                              const std::vector<std::vector<int64_t>>& counts) {
  m_plot->clearPlottables();
  m_plot->clearItems();
  m_classes = classes.size();
  auto* map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  map->setInterpolate(false);  // one flat cell per pair of classes
  map->data()->setSize(m_classes, m_classes);
  map->data()->setRange(QCPRange(0, m_classes - 1), QCPRange(0, m_classes - 1));
  int64_t largest = 1;
  for (int t = 0; t < m_classes; ++t) {
    for (int p = 0; p < m_classes; ++p) {
      const auto n = counts[size_t(t)][size_t(p)];
      largest = std::max(largest, n);
      map->data()->setCell(p, t, double(n));
      if (m_classes <= 20) {
        auto* label = new QCPItemText(m_plot);
        label->position->setCoords(p, t);
        label->setText(QString::number(n));
        label->setObjectName(QStringLiteral("cellCount"));
      }
    }
  }
  map->setGradient(QCPColorGradient::gpThermal);
  map->setDataRange(QCPRange(0, double(largest)));
  // Counts readable on both ends of the gradient: white on the dark cells, black on the bright.
  for (int i = 0; i < m_plot->itemCount(); ++i) {
    auto* label = qobject_cast<QCPItemText*>(m_plot->item(i));
    if (!label) continue;
    const double share = label->text().toDouble() / double(largest);
    label->setColor(share < 0.5 ? Qt::white : Qt::black);
  }
  m_plot->xAxis->setTicker(namesTicker(classes));
  m_plot->yAxis->setTicker(namesTicker(classes));
  m_plot->xAxis->setTickLabelRotation(45);
  m_plot->xAxis->setRange(-0.5, m_classes - 0.5);
  m_plot->yAxis->setRange(-0.5, m_classes - 0.5);
  m_plot->replot();
}

}  // namespace headstart::ui
