#pragma once
// Data: the dataset doctor on the Train page's dataset, and what to do about its findings. The
// check runs in the engine's thread (progress, cancel); then the map, and three lists (likely
// wrong labels, near-duplicates, outliers) with thumbnails. The chosen image can be shown in its
// folder, excluded from training (or included again), or moved to the suggested class folder
// after the user agrees; the last move can be undone. Files are never deleted or overwritten:
// the actions are headstart/dataset_edit.h's, and the Train page reads the dataset again after
// each.

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include "headstart/doctor.h"

class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;

namespace headstart::ui {

class DataMap;

class DataPage : public QWidget {
  Q_OBJECT

 public:
  explicit DataPage(QWidget* parent = nullptr);

  // The dataset the next check runs on: the Train page's, as last read.
  void setDataset(const DatasetReport& report);
  void setBusy(bool busy);
  bool busy() const { return m_busy; }
  void onProgress(const DoctorProgress& progress);
  void showReport(const DoctorReport& report);
  void onCancelled();
  void onFailed(const QString& message);

  // The chosen image of the current finding (for a duplicate, the one chosen in "Image").
  QString chosenImage() const;
  void openChosenFolder();
  // Excludes the chosen image from training, or includes it again if it is excluded.
  void toggleExclusion();
  // Moves the chosen image to the suggested class folder, once the user agreed.
  void moveChosen();
  void undoLastMove();

  DataMap* map() const { return m_map; }
  QListWidget* labelsList() const { return m_lists[0]; }
  QListWidget* duplicatesList() const { return m_lists[1]; }
  QListWidget* outliersList() const { return m_lists[2]; }
  QComboBox* imageChoice() const { return m_which; }
  QLabel* summary() const { return m_summary; }
  QLabel* actionResult() const { return m_result; }
  QProgressBar* progressBar() const { return m_progress; }

 Q_SIGNALS:
  void runRequested();
  void cancelRequested();
  // A file was excluded, included, moved or moved back: the dataset must be read again.
  void datasetChanged();

 protected:
  void changeEvent(QEvent* event) override;
  // Esc cancels a running check, as on the Train page.
  void keyPressEvent(QKeyEvent* event) override;

 private:
  // What a finding's row keeps: its kind, its images where they are now and where the report
  // found them, the class suggested for each, and the text of the finding as reported.
  enum Role { KindRole = Qt::UserRole, PathsRole, ReportedRole, SuggestedRole, TextRole };
  QLabel *m_datasetLabel, *m_summary, *m_result;
  QLabel* m_listLabels[3];
  QListWidget* m_lists[3];
  QLabel* m_whichLabel;
  QComboBox* m_which;
  QPushButton *m_run, *m_cancel, *m_open, *m_exclude, *m_move, *m_undo;
  QProgressBar* m_progress;
  DataMap* m_map;
  QListWidget* m_active = nullptr;  // the list whose current finding the actions act on
  QStringList m_whichPaths;         // the images "Image" offers
  DoctorReport m_report;
  QHash<QString, QString> m_moved;  // reported path -> where it is now
  QSet<QString> m_excluded;         // as excluded.json says, absolute
  QString m_root;
  QString m_datasetRoot;
  bool m_datasetOk = false;
  bool m_busy = false;
  bool m_hasReport = false;
  int m_generation = 0;  // which report the thumbnails being read belong to

  QListWidgetItem* currentItem() const;
  int chosenIndex() const;
  QString suggestedClass() const;
  bool isExcluded(const QString& path) const;
  void readExcluded();
  void fillLists();
  void addFinding(int kind, const QStringList& paths, const QStringList& suggested,
                  const QString& text);
  void loadThumbnails();
  void describeItem(QListWidgetItem* item);
  void replacePath(const QString& from, const QString& to);
  void updateActions();
  void showSummary();
  void reportAction(const QString& text);
  void showFinding(const QString& path);
  void highlightChosen();
  void retranslate();
};

}  // namespace headstart::ui
