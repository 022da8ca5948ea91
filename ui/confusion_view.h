#pragma once
// The confusion matrix as a heatmap: rows true classes, columns predicted, counts in the cells.
// Clicking a cell asks for the images behind it.

#include <QWidget>
#include <vector>

class QCustomPlot;

namespace headstart::ui {

class ConfusionView : public QWidget {
  Q_OBJECT

 public:
  explicit ConfusionView(QWidget* parent = nullptr);
  void setMatrix(const QStringList& classes, const std::vector<std::vector<int64_t>>& counts);
  QCustomPlot* plot() const { return m_plot; }

 Q_SIGNALS:
  void cellClicked(int trueClass, int predictedClass);

 private:
  QCustomPlot* m_plot;
  int m_classes = 0;
};

}  // namespace headstart::ui
