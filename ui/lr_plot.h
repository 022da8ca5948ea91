#pragma once
// The learning-rate finder's curve: the smoothed loss (and, faint, each batch's) against the
// learning rate on a logarithmic axis, the suggested rate marked. Tab reaches it; its accessible
// description says the suggestion in words.

#include <QWidget>

#include "headstart/lr_finder.h"

class QCustomPlot;
class QCPItemStraightLine;

namespace headstart::ui {

class LrPlot : public QWidget {
  Q_OBJECT

 public:
  explicit LrPlot(QWidget* parent = nullptr);

  void setResult(const LrFinderResult& result);
  QCustomPlot* plot() const { return m_plot; }
  // What the plot shows, in words.
  QString summary() const;

 protected:
  void changeEvent(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void focusInEvent(QFocusEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;

 private:
  QCustomPlot* m_plot;
  QCPItemStraightLine* m_marker;
  LrFinderResult m_result;

  void retranslate();
};

}  // namespace headstart::ui
