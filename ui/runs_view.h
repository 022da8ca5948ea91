#pragma once
// The list of training runs beside the plot: name (editable; its box says whether the plot shows
// the run), dataset, key options, when, test accuracy and state. The buttons act on the selected
// run: export it, evaluate it, rename or delete it.

#include <QWidget>

#include "run.h"

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace headstart::ui {

class RunsView : public QWidget {
  Q_OBJECT

 public:
  explicit RunsView(QWidget* parent = nullptr);

  // Shows `runs` (oldest first), keeping the selection where it can.
  void setRuns(const QVector<const Run*>& runs);
  // Refreshes one run's row (state, accuracy) without rebuilding the list.
  void updateRun(const Run& run);
  QString selectedId() const;
  void select(const QString& id);
  QTreeWidget* tree() const { return m_tree; }
  static QString stateText(const Run& run);
  static QString optionsText(const TrainOptions& o);

 Q_SIGNALS:
  void shownChanged(const QString& id, bool shown);
  void renamed(const QString& id, const QString& name);  // empty: the name was cleared
  void deleteRequested(const QString& id);
  void exportRequested(const QString& id);
  void evaluateRequested(const QString& id);
  void selectionChanged(const QString& id);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QTreeWidget* m_tree;
  QPushButton *m_export, *m_evaluate, *m_rename, *m_delete;
  bool m_filling = false;

  void fillRow(QTreeWidgetItem* item, const Run& run);
  QTreeWidgetItem* itemFor(const QString& id) const;
  void updateButtons();
  void retranslate();
};

}  // namespace headstart::ui
