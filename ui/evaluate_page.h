#pragma once
// Evaluate: accuracy, loss and top-5 on the test images, the confusion heatmap, per-class
// precision/recall/F1, and the misclassified images of a clicked cell.

#include <QWidget>

#include "headstart/training.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace headstart::ui {

class ConfusionView;

class EvaluatePage : public QWidget {
  Q_OBJECT

 public:
  // Set on a listed image once its thumbnail was read (a blank one stands in until then).
  static constexpr int kThumbnailRead = Qt::UserRole + 1;
  explicit EvaluatePage(QWidget* parent = nullptr);
  // `caption` says which run, head and dataset the figures belong to.
  void showEvaluation(const Evaluation& e, const QString& caption);
  void showCell(int trueClass, int predictedClass);
  ConfusionView* confusion() const { return m_confusion; }
  QListWidget* mistakes() const { return m_mistakes; }
  QLabel* cellCaption() const { return m_cellCaption; }
  QLabel* summary() const { return m_summary; }
  QTableWidget* perClass() const { return m_table; }

 Q_SIGNALS:
  // "Evaluate a trained head…": the window asks for the head and uses the Train page's dataset.
  void evaluateHeadRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QLabel *m_summary, *m_cellCaption, *m_listLabel;
  QPushButton *m_showAll, *m_evaluateHead;
  QString m_caption;
  ConfusionView* m_confusion;
  QTableWidget* m_table;
  QListWidget* m_mistakes;
  Evaluation m_evaluation;
  int m_generation = 0;
  int m_trueClass = -1, m_predictedClass = -1;

  void retranslate();
  void updateGrid();
  void showSummary();  // which showCell() call the thumbnails being read belong to
};

}  // namespace headstart::ui
