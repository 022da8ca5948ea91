#pragma once
// Everything the user did in the window, kept as it happens: the runs (curves, results, trained
// layers), the dataset folder and the hyperparameters, in a project folder. The default project
// lives in the XDG data folder; "Save project as" copies it to a place of the user's choosing.
//
//   PROJECT/project.json           format, dataset folder, options, next run number, run order
//   PROJECT/runs/run-N/run.json    the run: name, state, options, dataset, curves
//   PROJECT/runs/run-N/head.pt     a finished run's trained layer, with its manifest head.json
//
// Every file is written whole under a temporary name and renamed into place.

#include <QObject>
#include <memory>

#include "run.h"

namespace headstart::ui {

class Project : public QObject {
  Q_OBJECT

 public:
  explicit Project(QObject* parent = nullptr);

  static QString defaultFolder();

  // Reads the project in `folder`, creating it if it does not exist; false and `error` set when
  // it cannot be read or created. Runs that cannot be read are listed in `warnings`.
  bool open(const QString& folder, QString* error, QStringList* warnings = nullptr);
  // Copies the project to `folder` (which must be empty or new) and continues there.
  bool saveAs(const QString& folder, QString* error);

  QString folder() const { return m_folder; }
  const QVector<std::shared_ptr<Run>>& runs() const { return m_runs; }
  Run* run(const QString& id) const;

  QString datasetFolder() const { return m_dataset; }
  void setDatasetFolder(const QString& folder);
  std::optional<TrainOptions> options() const { return m_options; }
  void setOptions(const TrainOptions& options);

  // A new run, numbered after every run this project ever had; written at once.
  Run& startRun(const TrainOptions& options, const DatasetSummary& dataset);
  // Writes the run (and its trained layer once done). Returns false and sets `error` on failure.
  bool save(const Run& run, QString* error = nullptr);
  bool remove(const QString& id, QString* error = nullptr);

 Q_SIGNALS:
  void runsChanged();

 private:
  QString m_folder;
  QString m_dataset;
  std::optional<TrainOptions> m_options;
  int m_nextRun = 1;
  QVector<std::shared_ptr<Run>> m_runs;

  bool saveIndex(QString* error = nullptr) const;
  QString runFolder(const QString& id) const;
};

}  // namespace headstart::ui
