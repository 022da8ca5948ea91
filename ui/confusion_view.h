#pragma once
// The confusion matrix as a heatmap: rows true classes, columns predicted, counts in the cells.
// Clicking a cell asks for the images behind it; so do the arrow keys, moving the framed cell.

#include <QWidget>
#include <vector>

class QCustomPlot;
class QCPItemRect;

namespace headstart::ui {

class ConfusionView : public QWidget {
  Q_OBJECT

 public:
  explicit ConfusionView(QWidget* parent = nullptr);
  void setMatrix(const QStringList& classes, const std::vector<std::vector<int64_t>>& counts);
  QCustomPlot* plot() const { return m_plot; }
  // Frames one cell (true class, predicted class); (-1, -1) removes the frame.
  void highlight(int trueClass, int predictedClass);
  // The matrix in words: the largest confusions, for screen readers.
  QString description() const { return m_description; }

 Q_SIGNALS:
  void cellClicked(int trueClass, int predictedClass);

 protected:
  void changeEvent(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void focusInEvent(QFocusEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;

 private:
  QCustomPlot* m_plot;
  int m_classes = 0;
  QStringList m_names;
  std::vector<std::vector<int64_t>> m_counts;
  QString m_description;
  QCPItemRect* m_frame = nullptr;
  int m_row = -1, m_column = -1;  // the framed cell

  void retranslate();
  void describe(const QStringList& classes, const std::vector<std::vector<int64_t>>& counts);
};

}  // namespace headstart::ui
