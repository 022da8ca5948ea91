#include "confusion_view.h"

#include <qcustomplot.h>
#include <QKeyEvent>
#include <QVBoxLayout>

#include "focus_frame.h"

namespace headstart::ui {
namespace {

QSharedPointer<QCPAxisTickerText> namesTicker(const QStringList& classes) {
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int i = 0; i < classes.size(); ++i) ticker->addTick(i, classes[i].left(18));
  return ticker;
}

}  // namespace

void ConfusionView::describe(const QStringList& classes,
                             const std::vector<std::vector<int64_t>>& counts) {
  struct Cell {
    int64_t n;
    int t, p;
  };
  std::vector<Cell> off;
  int64_t correct = 0, total = 0;
  for (int t = 0; t < m_classes; ++t) {
    for (int p = 0; p < m_classes; ++p) {
      const auto n = counts[size_t(t)][size_t(p)];
      total += n;
      if (t == p)
        correct += n;
      else if (n > 0)
        off.push_back({n, t, p});
    }
  }
  std::sort(off.begin(), off.end(), [](const Cell& a, const Cell& b) { return a.n > b.n; });
  m_description = tr("Confusion matrix of %1 classes: %2 of %3 test images on the diagonal.")
                      .arg(m_classes)
                      .arg(correct)
                      .arg(total);
  if (off.empty()) {
    m_description += QLatin1Char(' ') + tr("No confusions.");
  } else {
    QStringList largest;
    for (size_t i = 0; i < std::min<size_t>(3, off.size()); ++i)
      largest << tr("%n %1 image(s) taken for %2", nullptr, int(off[i].n))
                     .arg(classes[off[i].t], classes[off[i].p]);
    m_description +=
        QLatin1Char(' ') + tr("Largest confusions: %1.").arg(largest.join(QStringLiteral("; ")));
  }
  setAccessibleDescription(m_description);
  m_plot->setAccessibleDescription(m_description);
}

void ConfusionView::retranslate() {
  m_plot->xAxis->setLabel(tr("predicted"));
  m_plot->yAxis->setLabel(tr("true"));
  if (m_classes > 0) describe(m_names, m_counts);
  m_plot->replot();
}

void ConfusionView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ConfusionView::highlight(int trueClass, int predictedClass) {
  m_row = trueClass;
  m_column = predictedClass;
  if (m_frame) {
    m_plot->removeItem(m_frame);
    m_frame = nullptr;
  }
  if (trueClass >= 0 && predictedClass >= 0) {
    m_frame = new QCPItemRect(m_plot);
    m_frame->topLeft->setCoords(predictedClass - 0.5, trueClass - 0.5);
    m_frame->bottomRight->setCoords(predictedClass + 0.5, trueClass + 0.5);
    m_frame->setPen(QPen(QColor(0, 170, 255), 3));
  }
  m_plot->replot();
}

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  // Room around the plot for the focus frame: the matrix is a control, reached with Tab.
  layout->setContentsMargins(3, 3, 3, 3);
  layout->addWidget(m_plot);
  setFocusPolicy(Qt::StrongFocus);
  m_plot->setMinimumSize(240, 200);
  retranslate();
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
  m_frame = nullptr;
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
  m_names = classes;
  m_counts = counts;
  describe(classes, counts);
  m_plot->xAxis->setTicker(namesTicker(classes));
  m_plot->yAxis->setTicker(namesTicker(classes));
  m_plot->xAxis->setTickLabelRotation(45);
  m_plot->xAxis->setRange(-0.5, m_classes - 0.5);
  m_plot->yAxis->setRange(-0.5, m_classes - 0.5);
  m_plot->replot();
}

// The keyboard's way to a cell: the arrows move the frame and list that cell's images at once,
// as a click does; the first arrow starts at the top left.
void ConfusionView::keyPressEvent(QKeyEvent* event) {
  int row = m_row, column = m_column;
  switch (event->key()) {
    case Qt::Key_Up:
      --row;
      break;
    case Qt::Key_Down:
      ++row;
      break;
    case Qt::Key_Left:
      --column;
      break;
    case Qt::Key_Right:
      ++column;
      break;
    default:
      return QWidget::keyPressEvent(event);
  }
  if (m_classes == 0) return;
  if (m_row < 0 || m_column < 0) row = column = 0;
  Q_EMIT cellClicked(qBound(0, row, m_classes - 1), qBound(0, column, m_classes - 1));
}

void ConfusionView::paintEvent(QPaintEvent* event) {
  QWidget::paintEvent(event);
  drawFocusFrame(this);
}

void ConfusionView::focusInEvent(QFocusEvent* event) {
  update();
  QWidget::focusInEvent(event);
}

void ConfusionView::focusOutEvent(QFocusEvent* event) {
  update();
  QWidget::focusOutEvent(event);
}

}  // namespace headstart::ui
