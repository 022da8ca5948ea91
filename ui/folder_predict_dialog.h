#pragma once
// "Predict a folder…": every image under a folder, predicted batch by batch under a progress bar
// with images/s and Cancel, then a table (thumbnail, file, class, confidence) sorted least
// confident first, since that is where labels are worth checking; filters by class and by
// confidence; "Save as CSV…" and "Sort into folders…" with the rules of `headstart-cli sort`.

#include <QDialog>
#include <QSortFilterProxyModel>

#include "engine_worker.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace headstart::ui {

// Rows whose class is the chosen one (or any) and whose confidence is at most the chosen value.
class FolderFilter final : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setClass(const QString& label);
  void setMaxConfidence(double fraction);

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

 private:
  QString m_class;
  double m_maxConfidence = 1.0;
};

// Where and how "Sort into folders…" copies: typed, not picked, in tests.
class SortDialog final : public QDialog {
  Q_OBJECT

 public:
  explicit SortDialog(QWidget* parent = nullptr);
  QString folder() const;
  double minConfidence() const;  // a fraction
  bool link() const;
  QLineEdit* folderField() const { return m_folder; }
  QDoubleSpinBox* confidenceField() const { return m_confidence; }
  QCheckBox* linkBox() const { return m_link; }

 private:
  QLineEdit* m_folder;
  QDoubleSpinBox* m_confidence;
  QCheckBox* m_link;
};

class FolderPredictDialog final : public QDialog {
  Q_OBJECT

 public:
  FolderPredictDialog(EngineWorker* worker, const headstart::ClassifierOptions& options,
                      QWidget* parent = nullptr);

  // Asks the worker for every image under `folder`.
  void start(const QString& folder);
  bool running() const { return m_running; }
  int imageCount() const { return int(m_cards.size()); }
  // Writes the table's predictions (all rows, whatever the filter) to `path`; false and a
  // message on failure.
  bool saveCsv(const QString& path);

  QTableView* table() const { return m_table; }
  FolderFilter* filter() const { return m_filter; }
  QComboBox* classFilter() const { return m_classes; }
  QDoubleSpinBox* confidenceFilter() const { return m_maxConfidence; }
  QProgressBar* progressBar() const { return m_progress; }
  QLabel* rateLabel() const { return m_rate; }
  QLabel* statusLabel() const { return m_status; }
  QPushButton* cancelButton() const { return m_cancel; }
  QPushButton* saveButton() const { return m_save; }
  QPushButton* sortButton() const { return m_sort; }

 Q_SIGNALS:
  void predictionDone();
  void sortDone();

 private Q_SLOTS:
  void addCards(const QVector<headstart::ui::PredictionCard>& cards);
  void showProgress(int done, int total, double imagesPerSecond);
  void finishPrediction(int total, int failed, bool cancelled, const QString& precision,
                        const QString& calibration);
  void finishSort(int created, int present, int failed, const QString& out);
  void showFailure(const QString& message);
  void askSaveCsv();
  void askSort();

 private:
  EngineWorker* m_worker;
  headstart::ClassifierOptions m_options;
  QVector<PredictionCard> m_cards;  // without thumbnails: those live in the model
  QStandardItemModel* m_model;
  FolderFilter* m_filter;
  QTableView* m_table;
  QComboBox* m_classes;
  QDoubleSpinBox* m_maxConfidence;
  QProgressBar* m_progress;
  QLabel *m_rate, *m_status;
  QPushButton *m_cancel, *m_save, *m_sort;
  bool m_running = false;

  void setRunning(bool running);
};

}  // namespace headstart::ui
