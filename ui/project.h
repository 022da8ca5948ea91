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

#include <QJsonObject>
#include <QObject>
#include <QThreadPool>
#include <functional>
#include <memory>

#include "run.h"

namespace headstart::ui {

class Project : public QObject {
  Q_OBJECT

 public:
  explicit Project(QObject* parent = nullptr);
  ~Project() override;

  // DATA/HeadStart/projects/default, DATA being the XDG data folder (~/.local/share).
  static QString defaultFolder();
  // The project to open at start: `remembered`, else the default one. A default project where
  // earlier versions kept it (DATA/HeadStart/HeadStart/projects/default) moves to the default
  // folder first, or, when it cannot be moved, is opened where it is.
  static QString folderToOpen(const QString& remembered);
  // Whether `folder` can take a new project: it is new, or an empty folder.
  static bool isEmptyOrNew(const QString& folder);

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
  // Writes a copy of the run (and its trained layer once done) on the writer thread.
  void save(const Run& run);
  void remove(const QString& id);
  // Waits until everything asked so far is on disk.
  void flush();

 Q_SIGNALS:
  void runsChanged();
  void writeFailed(const QString& message);

 private:
  QString m_folder;
  QString m_dataset;
  std::optional<TrainOptions> m_options;
  int m_nextRun = 1;
  QVector<std::shared_ptr<Run>> m_runs;

  QThreadPool m_writer;

  QJsonObject indexJson() const;
  void saveIndex();
  void write(std::function<bool(QString*)> job);
  static bool writeRun(const QString& folder, const Run& run, QString* error);
  QString runFolder(const QString& id) const;
};

}  // namespace headstart::ui
