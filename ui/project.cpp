#include "project.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <functional>

#include "headstart/export.h"

namespace headstart::ui {
namespace {

constexpr int kFormat = 1;

QJsonArray numbers(const QVector<double>& values) {
  QJsonArray a;
  for (double v : values) a.append(v);
  return a;
}

QVector<double> numbersFrom(const QJsonValue& value) {
  QVector<double> v;
  for (const auto& x : value.toArray()) v.append(x.toDouble());
  return v;
}

QJsonObject optionsJson(const TrainOptions& o) {
  return {{"arch", QString::fromLatin1(archInfo(o.arch).name)},
          {"weights", QString::fromStdString(o.weightsPath)},
          {"preset", QString::fromStdString(o.preset.name)},
          {"epochs", o.epochs},
          {"batch_size", o.batchSize},
          {"learning_rate", o.learningRate},
          {"weight_decay", o.weightDecay},
          {"seed", QString::number(o.seed)},
          {"validation_fraction", o.validationFraction},
          {"patience", o.patience},
          {"warm_start", o.warmStart},
          {"augment_views", o.augment.views},
          {"precision", QString::fromLatin1(precisionName(o.precision))},
          {"schedule", QString::fromLatin1(scheduleName(o.schedule))},
          {"warmup_epochs", o.warmupEpochs},
          {"label_smoothing", o.labelSmoothing},
          {"balance", o.balance},
          {"test_time_flip", o.testTimeFlip},
          {"train_last_stage", o.trainLastStage},
          {"stage_learning_rate_factor", o.stageLearningRateFactor},
          {"head_warmup_epochs", o.headWarmupEpochs}};
}

TrainOptions optionsFrom(const QJsonObject& j) {
  TrainOptions o;
  o.arch = archFromName(j["arch"].toString().toStdString()).value_or(o.arch);
  o.weightsPath = j["weights"].toString().toStdString();
  if (auto p = presetFromName(j["preset"].toString().toStdString())) o.preset = *p;
  o.epochs = j["epochs"].toInt(o.epochs);
  o.batchSize = j["batch_size"].toInt(o.batchSize);
  o.learningRate = j["learning_rate"].toDouble(o.learningRate);
  o.weightDecay = j["weight_decay"].toDouble(o.weightDecay);
  o.seed = j["seed"].toString().toULongLong();
  o.validationFraction = j["validation_fraction"].toDouble();
  o.patience = j["patience"].toInt();
  o.warmStart = j["warm_start"].toBool(true);
  o.augment.views = j["augment_views"].toInt(0);
  o.trainLastStage = j["train_last_stage"].toBool(false);
  o.stageLearningRateFactor = j["stage_learning_rate_factor"].toDouble(o.stageLearningRateFactor);
  o.headWarmupEpochs = j["head_warmup_epochs"].toInt(o.headWarmupEpochs);
  o.precision =
      precisionFromName(j["precision"].toString("auto").toStdString()).value_or(o.precision);
  o.schedule =
      scheduleFromName(j["schedule"].toString("constant").toStdString()).value_or(o.schedule);
  o.warmupEpochs = j["warmup_epochs"].toDouble();
  o.labelSmoothing = j["label_smoothing"].toDouble();
  o.balance = j["balance"].toBool();
  o.testTimeFlip = j["test_time_flip"].toBool();
  return o;
}

QJsonObject datasetJson(const DatasetSummary& d) {
  QJsonArray counts;
  for (const auto& c : d.counts)
    counts.append(QJsonObject{{"class", QString::fromStdString(c.name)},
                              {"train", qint64(c.train)},
                              {"test", qint64(c.test)}});
  return {{"root", QString::fromStdString(d.root)},
          {"layout", int(d.layout)},
          {"counts", counts},
          {"train_images", qint64(d.trainImages)},
          {"test_images", qint64(d.testImages)},
          {"test_fraction", d.testFraction},
          {"split_seed", QString::number(d.splitSeed)}};
}

DatasetSummary datasetFrom(const QJsonObject& j) {
  DatasetSummary d;
  d.root = j["root"].toString().toStdString();
  d.layout = DatasetLayout(qBound(0, j["layout"].toInt(), 2));
  for (const auto& c : j["counts"].toArray()) {
    const auto o = c.toObject();
    d.counts.push_back({o["class"].toString().toStdString(), size_t(o["train"].toInteger()),
                        size_t(o["test"].toInteger())});
  }
  d.trainImages = size_t(j["train_images"].toInteger());
  d.testImages = size_t(j["test_images"].toInteger());
  d.testFraction = j["test_fraction"].toDouble();
  d.splitSeed = j["split_seed"].toString().toULongLong();
  return d;
}

QJsonObject curvesJson(const RunCurves& c) {
  QJsonArray epochs;
  for (const auto& e : c.epochs) {
    QJsonObject o{{"epoch", e.epoch}, {"train_loss", e.trainLoss}};
    if (e.validationLoss) o["validation_loss"] = *e.validationLoss;
    if (e.validationAccuracy) o["validation_accuracy"] = *e.validationAccuracy;
    epochs.append(o);
  }
  return {{"steps_per_epoch", c.stepsPerEpoch},
          {"steps", numbers(c.steps)},
          {"batch_loss", numbers(c.batchLoss)},
          {"running_mean", numbers(c.runningMean)},
          {"epochs", epochs}};
}

RunCurves curvesFrom(const QJsonObject& j) {
  RunCurves c;
  c.stepsPerEpoch = j["steps_per_epoch"].toInt();
  c.steps = numbersFrom(j["steps"]);
  c.batchLoss = numbersFrom(j["batch_loss"]);
  c.runningMean = numbersFrom(j["running_mean"]);
  const int n = int(std::min({c.steps.size(), c.batchLoss.size(), c.runningMean.size()}));
  c.steps.resize(n);
  c.batchLoss.resize(n);
  c.runningMean.resize(n);
  for (const auto& v : j["epochs"].toArray()) {
    const auto o = v.toObject();
    EpochResult e;
    e.epoch = o["epoch"].toInt();
    e.trainLoss = o["train_loss"].toDouble();
    if (o.contains("validation_loss")) e.validationLoss = o["validation_loss"].toDouble();
    if (o.contains("validation_accuracy"))
      e.validationAccuracy = o["validation_accuracy"].toDouble();
    c.epochs.append(e);
  }
  return c;
}

const char* stateName(RunState s) {
  switch (s) {
    case RunState::Running:
      return "running";
    case RunState::Done:
      return "done";
    case RunState::Cancelled:
      return "cancelled";
    case RunState::Failed:
      return "failed";
  }
  return "failed";
}

RunState stateFrom(const QString& name) {
  for (auto s : {RunState::Running, RunState::Done, RunState::Cancelled, RunState::Failed})
    if (name == QLatin1String(stateName(s))) return s;
  return RunState::Failed;
}

bool writeJson(const QString& path, const QJsonObject& object, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson()) < 0 ||
      !file.commit()) {
    if (error) *error = QObject::tr("%1: cannot write (%2)").arg(path, file.errorString());
    return false;
  }
  return true;
}

std::optional<QJsonObject> readJson(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = QObject::tr("%1: cannot read (%2)").arg(path, file.errorString());
    return std::nullopt;
  }
  QJsonParseError parse;
  const auto doc = QJsonDocument::fromJson(file.readAll(), &parse);
  if (!doc.isObject()) {
    if (error) *error = QObject::tr("%1: not a HeadStart file (%2)").arg(path, parse.errorString());
    return std::nullopt;
  }
  return doc.object();
}

bool copyFolder(const QString& from, const QString& to) {
  QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString source = it.next();
    const QString target = QDir(to).filePath(QDir(from).relativeFilePath(source));
    if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(source, target)) return false;
  }
  return true;
}

// Earlier versions stored the generated name in the language of the day ("Run 2", "Запуск 9");
// such a name is no name of the user's: it is shown in the current language instead.
QString userGivenName(const QString& stored, int number) {
  for (const char* generated : {"Run %1", "Запуск %1"})
    if (stored == QString::fromUtf8(generated).arg(number)) return {};
  return stored;
}

}  // namespace

QString Run::displayName() const {
  return name.isEmpty() ? Project::tr("Run %1").arg(number) : name;
}

Project::Project(QObject* parent) : QObject(parent) {
  // One writer thread: writes leave the GUI thread (they flush to disk) and stay in order.
  m_writer.setMaxThreadCount(1);
}

Project::~Project() { flush(); }

void Project::flush() { m_writer.waitForDone(); }

void Project::write(std::function<bool(QString*)> job) {
  m_writer.start([this, job = std::move(job)] {
    QString error;
    if (!job(&error))
      QMetaObject::invokeMethod(
          this, [this, error] { Q_EMIT writeFailed(error); }, Qt::QueuedConnection);
  });
}

QString Project::defaultFolder() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
      .filePath(QCoreApplication::applicationName() + QStringLiteral("/projects/default"));
}

QString Project::folderToOpen(const QString& remembered) {
  // AppDataLocation adds the organisation's name as well: HeadStart/HeadStart.
  const QString legacy = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                             .filePath(QStringLiteral("projects/default"));
  const QString current = defaultFolder();
  const bool rememberedLegacy =
      QDir::cleanPath(remembered) == QDir::cleanPath(legacy) && legacy != current;
  if (!remembered.isEmpty() && !rememberedLegacy) return remembered;
  if (legacy == current || !QFileInfo::exists(legacy)) return current;
  if (QFileInfo::exists(current)) return rememberedLegacy ? legacy : current;
  QDir().mkpath(QFileInfo(current).path());
  return QDir().rename(legacy, current) ? current : legacy;
}

bool Project::isEmptyOrNew(const QString& folder) {
  const QFileInfo info(folder);
  return !info.exists() || (info.isDir() && QDir(folder).isEmpty());
}

QString Project::runFolder(const QString& id) const {
  return QDir(m_folder).filePath(QStringLiteral("runs/") + id);
}

Run* Project::run(const QString& id) const {
  for (const auto& r : m_runs)
    if (r->id == id) return r.get();
  return nullptr;
}

bool Project::open(const QString& folder, QString* error, QStringList* warnings) {
  flush();  // what the previous project still had to write
  if (!QDir().mkpath(folder)) {
    if (error) *error = tr("%1: cannot create the project folder").arg(folder);
    return false;
  }
  const QString index = QDir(folder).filePath(QStringLiteral("project.json"));
  m_folder = folder;
  m_runs.clear();
  m_dataset.clear();
  m_options.reset();
  m_nextRun = 1;
  if (!QFile::exists(index)) {
    const bool written = writeJson(index, indexJson(), error);
    Q_EMIT runsChanged();
    return written;
  }
  const auto j = readJson(index, error);
  if (!j) return false;
  m_dataset = (*j)["dataset"].toString();
  if (j->contains("options")) m_options = optionsFrom((*j)["options"].toObject());
  m_nextRun = std::max(1, (*j)["next_run"].toInt(1));
  for (const auto& idValue : (*j)["runs"].toArray()) {
    const QString id = idValue.toString();
    QString problem;
    const auto r = readJson(QDir(runFolder(id)).filePath(QStringLiteral("run.json")), &problem);
    if (!r) {
      if (warnings) *warnings << problem;
      continue;
    }
    auto run = std::make_shared<Run>();
    run->id = id;
    run->number = (*r)["number"].toInt();
    run->name = userGivenName((*r)["name"].toString(), run->number);
    run->started = QDateTime::fromString((*r)["started"].toString(), Qt::ISODate);
    run->state = stateFrom((*r)["state"].toString());
    run->note = (*r)["note"].toString();
    run->options = optionsFrom((*r)["options"].toObject());
    run->dataset = datasetFrom((*r)["dataset"].toObject());
    run->curves = curvesFrom((*r)["curves"].toObject());
    run->shown = (*r)["shown"].toBool(true);
    if (run->state == RunState::Running) {  // the window closed, or crashed, during it
      run->state = RunState::Cancelled;
      run->note = tr("Interrupted at epoch %1 of %2: HeadStart closed during training")
                      .arg(run->lastEpoch())
                      .arg(run->plannedEpochs());
    }
    if (run->state == RunState::Done) {
      try {
        run->result = loadTrainResult(QDir(runFolder(id)).filePath("head.json").toStdString());
      } catch (const std::exception& e) {
        run->state = RunState::Failed;
        run->note = QString::fromStdString(e.what());
        if (warnings) *warnings << run->note;
      }
    }
    m_nextRun = std::max(m_nextRun, run->number + 1);
    m_runs.append(run);
  }
  Q_EMIT runsChanged();
  return true;
}

bool Project::saveAs(const QString& folder, QString* error) {
  if (!isEmptyOrNew(folder)) {
    if (error) *error = tr("%1: choose an empty or new folder for the project").arg(folder);
    return false;
  }
  flush();
  if (!QDir().mkpath(folder) || !copyFolder(m_folder, folder)) {
    if (error) *error = tr("%1: cannot copy the project there").arg(folder);
    return false;
  }
  m_folder = folder;
  return writeJson(QDir(m_folder).filePath(QStringLiteral("project.json")), indexJson(), error);
}

QJsonObject Project::indexJson() const {
  QJsonArray ids;
  for (const auto& r : m_runs) ids.append(r->id);
  QJsonObject j{
      {"format", kFormat}, {"dataset", m_dataset}, {"next_run", m_nextRun}, {"runs", ids}};
  if (m_options) j["options"] = optionsJson(*m_options);
  return j;
}

void Project::saveIndex() {
  const QString path = QDir(m_folder).filePath(QStringLiteral("project.json"));
  write([path, j = indexJson()](QString* error) { return writeJson(path, j, error); });
}

void Project::setDatasetFolder(const QString& folder) {
  if (folder == m_dataset) return;
  m_dataset = folder;
  saveIndex();
}

void Project::setOptions(const TrainOptions& options) {
  m_options = options;
  saveIndex();
}

Run& Project::startRun(const TrainOptions& options, const DatasetSummary& dataset) {
  auto run = std::make_shared<Run>();
  run->number = m_nextRun++;
  run->id = QStringLiteral("run-%1").arg(run->number);
  run->started = QDateTime::currentDateTime();
  run->options = options;
  run->dataset = dataset;
  m_runs.append(run);
  save(*run);
  saveIndex();
  Q_EMIT runsChanged();
  return *run;
}

// The trained layer first: a run.json that says "done" always has its result beside it.
bool Project::writeRun(const QString& folder, const Run& run, QString* error) {
  if (!QDir().mkpath(folder)) {
    if (error) *error = tr("%1: cannot create the folder").arg(folder);
    return false;
  }
  if (run.result && !QFile::exists(QDir(folder).filePath("head.json"))) {
    try {
      exportTrained(QDir(folder).filePath("head").toStdString(), *run.result, false);
    } catch (const std::exception& e) {
      if (error) *error = QString::fromStdString(e.what());
      return false;
    }
  }
  const QJsonObject j{{"format", kFormat},
                      {"number", run.number},
                      {"name", run.name},
                      {"started", run.started.toString(Qt::ISODate)},
                      {"state", QString::fromLatin1(stateName(run.state))},
                      {"note", run.note},
                      {"options", optionsJson(run.options)},
                      {"dataset", datasetJson(run.dataset)},
                      {"curves", curvesJson(run.curves)},
                      {"shown", run.shown}};
  return writeJson(QDir(folder).filePath(QStringLiteral("run.json")), j, error);
}

void Project::save(const Run& run) {
  write([folder = runFolder(run.id), run](QString* error) { return writeRun(folder, run, error); });
}

void Project::remove(const QString& id) {
  const auto it =
      std::find_if(m_runs.begin(), m_runs.end(), [&id](const auto& r) { return r->id == id; });
  if (it == m_runs.end()) return;
  m_runs.erase(it);
  // The index goes first: a run folder the index does not name is never read again.
  saveIndex();
  write([folder = runFolder(id)](QString*) {
    QDir(folder).removeRecursively();
    return true;
  });
  Q_EMIT runsChanged();
}

}  // namespace headstart::ui
