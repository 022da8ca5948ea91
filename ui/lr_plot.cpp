#include "lr_plot.h"

#include <qcustomplot.h>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "focus_frame.h"

namespace headstart::ui {

LrPlot::LrPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(3, 3, 3, 3);  // room for the focus frame
  layout->addWidget(m_plot);
  setFocusPolicy(Qt::StrongFocus);
  m_plot->setMinimumHeight(150);
  m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
  m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_plot->xAxis->setNumberFormat(QStringLiteral("eb"));  // 10⁻³, not 0.001
  m_plot->xAxis->setNumberPrecision(0);
  QColor faint(31, 90, 200, 70);
  m_plot->addGraph()->setPen(QPen(faint, 1));
  m_plot->addGraph()->setPen(QPen(QColor(31, 90, 200), 2));
  m_marker = new QCPItemStraightLine(m_plot);
  m_marker->setPen(QPen(QColor(214, 96, 20), 1, Qt::DashLine));
  m_marker->setVisible(false);
  retranslate();
}

void LrPlot::setResult(const LrFinderResult& result) {
  m_result = result;
  // The bold curve is the one the suggestion is read from (a centred average, without the lag
  // of a moving average, which would draw the valley a decade to the right of the suggestion).
  QVector<double> x, loss, centredX, centred;
  for (const auto& p : result.points) {
    x << p.learningRate;
    loss << p.loss;
    if (std::isfinite(p.centredLoss)) centredX << p.learningRate, centred << p.centredLoss;
  }
  m_plot->graph(0)->setData(x, loss, true);
  m_plot->graph(1)->setData(centredX, centred, true);
  if (!centred.isEmpty()) {
    m_plot->xAxis->setRange(x.front(), x.back());
    // From a little above the curve's high before its minimum down to that minimum: the descent
    // is what matters, and the divergence at the end would flatten it to a line.
    const auto lowest = std::min_element(centred.begin(), centred.end());
    const double high = *std::max_element(centred.begin(), lowest + 1);
    const double span = std::max({high - *lowest, 0.05 * std::abs(high), 1e-6});
    m_plot->yAxis->setRange(*lowest - 0.1 * span, high + 0.25 * span);
  }
  m_marker->point1->setCoords(result.suggestion.value_or(0), 0);
  m_marker->point2->setCoords(result.suggestion.value_or(0), 1);
  m_marker->setVisible(!result.points.empty() && result.suggestion);
  m_plot->replot();
  setAccessibleDescription(summary());
}

QString LrPlot::summary() const {
  if (m_result.points.empty()) return tr("No learning-rate search yet");
  if (!m_result.suggestion) return tr("No clear descent of the loss: no learning rate suggested");
  return tr("Suggested learning rate %1, half-way down the loss's valley from %2 to %3")
      .arg(QLocale().toString(*m_result.suggestion, 'g', 3),
           QLocale().toString(m_result.valleyStartLr, 'g', 3),
           QLocale().toString(m_result.valleyEndLr, 'g', 3));
}

void LrPlot::retranslate() {
  m_plot->xAxis->setLabel(tr("learning rate"));
  m_plot->yAxis->setLabel(tr("smoothed loss"));
  setAccessibleName(tr("Learning-rate search"));
  setAccessibleDescription(summary());
  m_plot->replot();
}

void LrPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void LrPlot::paintEvent(QPaintEvent* event) {
  QWidget::paintEvent(event);
  drawFocusFrame(this);
}

void LrPlot::focusInEvent(QFocusEvent* event) {
  QWidget::focusInEvent(event);
  update();
}

void LrPlot::focusOutEvent(QFocusEvent* event) {
  QWidget::focusOutEvent(event);
  update();
}

}  // namespace headstart::ui
