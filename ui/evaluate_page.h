#pragma once
// Evaluate: accuracy, loss and top-5 on the test images, the confusion heatmap, per-class
// precision/recall/F1, and the misclassified images of a clicked cell.

#include <QWidget>

#include "headstart/training.h"

class QLabel;
class QListWidget;
class QTableWidget;

namespace headstart::ui {

class ConfusionView;

class EvaluatePage : public QWidget {
  Q_OBJECT

 public:
  explicit EvaluatePage(QWidget* parent = nullptr);
  void showEvaluation(const Evaluation& e);
  void showCell(int trueClass, int predictedClass);
  ConfusionView* confusion() const { return m_confusion; }
  QListWidget* mistakes() const { return m_mistakes; }
  QTableWidget* perClass() const { return m_table; }

 private:
  QLabel* m_summary;
  ConfusionView* m_confusion;
  QTableWidget* m_table;
  QListWidget* m_mistakes;
  Evaluation m_evaluation;
  int m_generation = 0;  // which showCell() call the thumbnails being read belong to
};

}  // namespace headstart::ui
