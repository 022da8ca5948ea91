#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QTabWidget>
#include <QTranslator>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "data_page.h"
#include "evaluate_page.h"
#include "export_dialog.h"
#include "folder_predict_dialog.h"
#include "headstart/export.h"
#include "headstart/weights.h"
#include "language.h"
#include "predict_page.h"
#include "project.h"
#include "runs_view.h"
#include "train_page.h"
#include "weights_panel.h"

namespace headstart::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  m_project = new Project(this);
  m_precision =
      precisionFromName(QSettings().value("engine/precision", "auto").toString().toStdString())
          .value_or(Precision::Auto);
  m_tabs = new QTabWidget;
  m_predict = new PredictPage;
  m_train = new TrainPage;
  m_evaluate = new EvaluatePage;
  m_data = new DataPage;
  // Each page scrolls when the window is smaller than the page can shrink to (a 1024x640
  // laptop, or a screen scaled by two), instead of pushing the window off the screen.
  for (QWidget* page : {static_cast<QWidget*>(m_predict), static_cast<QWidget*>(m_train),
                        static_cast<QWidget*>(m_evaluate), static_cast<QWidget*>(m_data)}) {
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    m_tabs->addTab(scroll, QString());
  }
  m_weightsPanel = new WeightsPanel;
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_weightsPanel);
  layout->addWidget(m_tabs, 1);
  setCentralWidget(central);
  connect(m_weightsPanel, &WeightsPanel::weightsChosen, this, &MainWindow::setWeights);
  connect(m_weightsPanel, &WeightsPanel::headOffered, this, [this](const QString& head) {
    loadHead(head);
    if (hasWeights()) m_weightsPanel->hide();
  });
  buildMenus();
  connectWorker();
  // Ctrl+Tab switches pages from anywhere, also from a list or a table that keeps Tab.
  auto* next = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Tab), this);
  connect(next, &QShortcut::activated, this,
          [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count()); });
  auto* previous = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab), this);
  connect(previous, &QShortcut::activated, this, [this] {
    m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
  });
  connect(m_predict, &PredictPage::imagesChosen, this, &MainWindow::predict);
  connect(m_predict, &PredictPage::folderChosen, this, &MainWindow::predictFolder);
  connect(m_train, &TrainPage::scanRequested, this, [this](const QString& folder) {
    statusBar()->showMessage(tr("Reading %1…").arg(folder));
    QMetaObject::invokeMethod(worker(), "scan", Qt::QueuedConnection, Q_ARG(QString, folder),
                              Q_ARG(headstart::ScanOptions, ScanOptions{}));
  });
  connect(m_train, &TrainPage::trainRequested, this, &MainWindow::startTraining);
  connect(m_train, &TrainPage::lrFindRequested, this, &MainWindow::startLrFind);
  connect(m_train, &TrainPage::exportRequested, this, &MainWindow::askExport);
  connect(m_train, &TrainPage::evaluateRequested, this, &MainWindow::evaluateRun);
  connect(m_train, &TrainPage::problem, this, &MainWindow::showError);
  connect(m_train->runsView(), &RunsView::selectionChanged, this, &MainWindow::updateExportAction);
  connect(m_evaluate, &EvaluatePage::evaluateHeadRequested, this, &MainWindow::askEvaluateHead);
  connect(m_data, &DataPage::runRequested, this, &MainWindow::checkDataset);
  connect(m_data, &DataPage::cancelRequested, this, [this] {
    worker()->cancel();
    statusBar()->showMessage(tr("Cancelling…"));
  });
  // The next training run must see the dataset as it is now: without the excluded images, with
  // the moved ones in their new class. During a run the scan waits in the engine's queue.
  connect(m_data, &DataPage::datasetChanged, this, [this] {
    if (!m_train->folder().isEmpty()) m_train->setFolder(m_train->folder());
  });
  connect(m_project, &Project::runsChanged, this, &MainWindow::updateExportAction);
  connect(m_project, &Project::writeFailed, this, &MainWindow::showError);
  connect(m_train, &TrainPage::cancelRequested, this, [this] {
    worker()->cancel();
    statusBar()->showMessage(tr("Cancelling…"));
  });
  QSettings settings;
  restoreWindowGeometry();
  m_train->setProject(m_project);
  openProject(Project::folderToOpen(settings.value("project/folder").toString()));
  findWeights();  // last: without weights, what to do about it is the status bar's message
}

bool MainWindow::openProject(const QString& folder) {
  if (m_train->busy()) {
    showError(tr("Wait for the training run to end, or cancel it, before opening a project"));
    return false;
  }
  QString error;
  QStringList warnings;
  if (!m_project->open(folder, &error, &warnings)) {
    showError(error);
    return false;
  }
  QSettings().setValue("project/folder", folder);
  retranslate();
  if (const auto options = m_project->options()) m_train->showOptions(*options);
  if (!m_project->datasetFolder().isEmpty()) m_train->setFolder(m_project->datasetFolder());
  // The Evaluate page opens on the newest finished run, as it was left.
  for (auto it = m_project->runs().rbegin(); it != m_project->runs().rend(); ++it) {
    if ((*it)->result) {
      evaluateRun((*it)->id);
      break;
    }
  }
  statusBar()->showMessage(warnings.isEmpty()
                               ? tr("Project %1: %n run(s)", nullptr, int(m_project->runs().size()))
                                     .arg(QDir(folder).dirName())
                               : warnings.join(QStringLiteral("; ")),
                           10000);
  return true;
}

MainWindow::~MainWindow() = default;

void MainWindow::showPage(QWidget* page) {
  for (int i = 0; i < m_tabs->count(); ++i) {
    if (auto* scroll = qobject_cast<QScrollArea*>(m_tabs->widget(i));
        scroll && scroll->widget() == page)
      m_tabs->setCurrentIndex(i);
  }
}

// The size of a first window, before the screen bounds it.
constexpr QSize kFirstSize(1100, 800);

// The window as it was left, where it was left on this screen. A geometry saved on another
// screen, or at another scale factor (QT_SCALE_FACTOR=2 halves the screen), or one too small to
// work in, gives way to the first window's size fitted to this screen.
void MainWindow::restoreWindowGeometry() {
  QSettings settings;
  const QScreen* where = screen() ? screen() : QGuiApplication::primaryScreen();
  const QSize available = where ? where->availableGeometry().size() : QSize();
  const QVariant savedOn = settings.value("window/screen");
  const bool sameScreen = !savedOn.isValid() || savedOn.toSize() == available;
  if (!sameScreen || !restoreGeometry(settings.value("window/geometry").toByteArray()))
    return fitToScreen(kFirstSize);
  const QSize usable = (kFirstSize * 2 / 3).boundedTo(available * 2 / 3);
  fitToScreen(size().width() < usable.width() || size().height() < usable.height() ? kFirstSize
                                                                                   : size());
}

// The first window, or one remembered from a larger screen, fits the screen it opens on.
void MainWindow::fitToScreen(const QSize& wanted) {
  const QScreen* where = screen() ? screen() : QGuiApplication::primaryScreen();
  if (!where) return resize(wanted);
  const QRect available = where->availableGeometry();
  // Room for the window manager's frame, which the geometry does not include.
  const QSize room = available.size() - QSize(16, 40);
  resize(wanted.boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room)));
  if (!available.contains(frameGeometry())) move(available.topLeft());
}

void MainWindow::retranslate() {
  m_tabs->setTabText(0, tr("Predict"));
  m_tabs->setTabText(1, tr("Train"));
  m_tabs->setTabText(2, tr("Evaluate"));
  m_tabs->setTabText(3, tr("Data"));
  setWindowTitle(m_project->folder().isEmpty()
                     ? tr("HeadStart")
                     : tr("HeadStart — %1").arg(QDir(m_project->folder()).dirName()));
  // Later, not now: this can run inside a menu action's own handler (the Language menu).
  for (auto* menu : menuBar()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly))
    menu->deleteLater();
  menuBar()->clear();
  buildMenus();
  updateExportAction();
  if (hasWeights()) updateModelDescription();
  if (!m_evaluatedRun.isEmpty()) evaluateRun(m_evaluatedRun);  // its caption, in the new language
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  auto* open = file->addAction(tr("&Open images…"), m_predict, &PredictPage::openImages);
  open->setShortcut(QKeySequence::Open);
  auto* paste = file->addAction(tr("&Paste image"), m_predict, &PredictPage::pasteImage);
  paste->setShortcut(QKeySequence::Paste);
  file->addSeparator();
  file->addAction(tr("Choose pretrained &weights…"), this, [this] {
    const auto path = QFileDialog::getOpenFileName(this, tr("Pretrained weights"), QString(),
                                                   tr("PyTorch weights (*.pth *.pt)"));
    if (!path.isEmpty()) setWeights(path);
  });
  file->addAction(tr("&Load trained head…"), this, [this] {
    // Any file of an export leads to it: the layer, the whole model or the manifest.
    const auto path = QFileDialog::getOpenFileName(
        this, tr("Trained head"), QString(), tr("HeadStart export (*.json *.pt);;All files (*)"));
    if (!path.isEmpty()) loadHead(path);
  });
  file->addAction(tr("Use &ImageNet classes"), this, [this] { loadHead(QString()); });
  m_exportAction =
      file->addAction(tr("&Export trained head…"), this, [this] { askExport(QString()); });
  m_exportAction->setShortcut(QKeySequence::Save);
  m_exportAction->setEnabled(false);
  file->addSeparator();
  file->addAction(tr("&New project…"), this, &MainWindow::newProject);
  file->addAction(tr("Open p&roject…"), this, [this] {
    const auto dir = QFileDialog::getExistingDirectory(this, tr("Open project"),
                                                       QDir(m_project->folder()).absolutePath());
    if (!dir.isEmpty()) openProject(dir);
  });
  file->addAction(tr("Save project &as…"), this, [this] {
    const auto dir = askNewProjectFolder(tr("Save project as (an empty or new folder)"));
    if (dir.isEmpty()) return;
    QString error;
    if (!m_project->saveAs(dir, &error)) return showError(error);
    QSettings().setValue("project/folder", dir);
    retranslate();
    statusBar()->showMessage(tr("The project is now kept in %1").arg(dir), 10000);
  });
  file->addSeparator();
  auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  buildPrecisionMenu();
  buildLanguageMenu();
}

namespace {

// A folder dialog that takes the folder typed into its name field as it is: a new one (the
// directory chooser answers "Directory not found"), or an empty one; a folder with files in it
// is opened instead, to look for one inside. Qt's own save dialog would answer with whatever
// the typing selected in its list, or open an empty folder instead of taking it.
class NewFolderDialog : public QFileDialog {
 public:
  using QFileDialog::QFileDialog;
  QString chosen() const { return m_chosen; }

  void accept() override {
    auto* name = findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
    const QString typed = name ? name->text().trimmed() : QString();
    if (typed.isEmpty()) return;
    const QString path = QDir::cleanPath(directory().absoluteFilePath(typed));
    if (Project::isEmptyOrNew(path)) {
      m_chosen = path;
      QDialog::accept();
    } else if (QFileInfo(path).isDir()) {
      setDirectory(path);
      name->clear();
    }
  }

 private:
  QString m_chosen;
};

}  // namespace

QString MainWindow::askNewProjectFolder(const QString& title) {
  NewFolderDialog dialog(this, title,
                         QDir(m_project->folder()).absoluteFilePath(QStringLiteral("..")));
  dialog.setOption(QFileDialog::DontUseNativeDialog);  // its accept() is the one that decides
  dialog.setAcceptMode(QFileDialog::AcceptSave);
  dialog.setFileMode(QFileDialog::AnyFile);
  dialog.setOption(QFileDialog::DontConfirmOverwrite);
  dialog.setLabelText(QFileDialog::FileName, tr("Project folder:"));
  dialog.setLabelText(QFileDialog::Accept, tr("Choose"));
  if (dialog.exec() != QDialog::Accepted) return {};
  return dialog.chosen();
}

void MainWindow::newProject() {
  const QString dir = askNewProjectFolder(tr("New project (an empty or new folder)"));
  if (dir.isEmpty()) return;
  if (!Project::isEmptyOrNew(dir))
    return showError(tr("%1: choose an empty or new folder for the project").arg(dir));
  if (openProject(dir))
    statusBar()->showMessage(tr("New project in %1").arg(QDir::toNativeSeparators(dir)), 10000);
}

QString MainWindow::precisionText(const QString& name, const QString& calibration) {
  if (name == QLatin1String("int8")) {
    return calibration.isEmpty() ? tr("turbo mode")
                                 : tr("turbo mode, calibrated on %1").arg(calibration);
  }
  return name == QLatin1String("fast") ? tr("fast mode") : tr("exact mode");
}

// One setting for the whole window: how the network computes.
void MainWindow::buildPrecisionMenu() {
  auto* menu = menuBar()->addMenu(tr("&Speed"));
  menu->setToolTipsVisible(true);
  auto* group = new QActionGroup(menu);
  const bool bf16 = cpuHasNativeBf16();
  const QList<QPair<Precision, QString>> choices{
      {Precision::Auto, tr("&Automatic: exact predictions, fast training where possible")},
      {Precision::Exact, tr("&Exact: the same numbers as PyTorch")},
      {Precision::Fast, tr("&Fast: bfloat16, about three times faster; top classes rarely change")},
      {Precision::Int8, tr("&Turbo: 8-bit integers, the fastest; may cost a little accuracy")}};
  for (const auto& [precision, label] : choices) {
    auto* action = menu->addAction(label);
    action->setCheckable(true);
    action->setChecked(precision == m_precision);
    group->addAction(action);
    if (precision == Precision::Fast && !bf16) {
      action->setEnabled(false);
      action->setToolTip(
          tr("Needs a processor that computes in bfloat16 natively "
             "(avx512_bf16 or amx_bf16); this one does not"));
    }
    connect(action, &QAction::triggered, this, [this, precision = precision] {
      m_precision = precision;
      QSettings().setValue("engine/precision", QString::fromLatin1(precisionName(precision)));
    });
  }
  menu->addSeparator();
  auto* flip = menu->addAction(tr("Also the &mirror image (test-time flip)"));
  flip->setObjectName(QStringLiteral("testTimeFlip"));
  flip->setCheckable(true);
  flip->setChecked(QSettings().value("predict/testTimeFlip", false).toBool());
  flip->setToolTip(
      tr("Predicts and evaluates each image and its mirror image, their probabilities averaged: "
         "often a little more accurate, twice the work"));
  connect(flip, &QAction::toggled, this,
          [](bool on) { QSettings().setValue("predict/testTimeFlip", on); });
}

bool MainWindow::testTimeFlip() { return QSettings().value("predict/testTimeFlip").toBool(); }

// The choice is saved and applied at once: every widget rebuilds its texts on LanguageChange.
void MainWindow::buildLanguageMenu() {
  auto* menu = menuBar()->addMenu(tr("&Language"));
  auto* group = new QActionGroup(menu);
  const QString chosen = i18n::chosenLanguage();
  auto addChoice = [this, menu, group, &chosen](const QString& code, const QString& label) {
    auto* action = menu->addAction(label);
    action->setCheckable(true);
    action->setChecked(code == chosen);
    action->setData(code);
    group->addAction(action);
    connect(action, &QAction::triggered, this, [code] {
      i18n::setChosenLanguage(code);
      // The numbers first: the texts the translators' LanguageChange rebuilds include them.
      i18n::useNumbersOf(i18n::languageToUse(/*honourChoice=*/true));
      i18n::installTranslators(*QCoreApplication::instance(), /*honourChoice=*/true);
    });
  };
  addChoice(QString(), tr("As the system"));
  menu->addSeparator();
  for (const auto& language : i18n::languages()) addChoice(language.code, language.nativeName);
}

void MainWindow::connectWorker() {
  auto* w = worker();
  connect(w, &EngineWorker::predicted, m_predict, &PredictPage::showCards);
  connect(w, &EngineWorker::predictProgress, m_predict, &PredictPage::setProgress);
  connect(w, &EngineWorker::calibrating, this, [this](int images) {
    m_predict->showCalibrating(images);
    statusBar()->showMessage(tr("Calibrating turbo on %n image(s)…", nullptr, images));
  });
  connect(w, &EngineWorker::predictionFinished, this,
          [this](int total, int failed, const QString& precision, const QString& calibration) {
            m_predict->setProgress(total, total);
            QString text = tr("Predicted %n image(s)", nullptr, total - failed) +
                           QStringLiteral(" (") + precisionText(precision, calibration) +
                           QLatin1Char(')');
            if (failed > 0)
              text += QStringLiteral("; ") +
                      tr("%1 of %n could not be read", nullptr, total).arg(failed);
            statusBar()->showMessage(text, 10000);
          });
  connect(w, &EngineWorker::scanned, this,
          [this](const DatasetReport& r, const QVector<QImage>& thumbnails) {
            m_train->setDataset(r, thumbnails);
            m_data->setDataset(r);
            statusBar()->showMessage(
                r.ok() ? tr("Dataset ready") : tr("The dataset has problems: see the report"),
                5000);
          });
  connect(w, &EngineWorker::extractionProgress, m_train, &TrainPage::onExtraction);
  connect(w, &EngineWorker::batchDone, m_train, &TrainPage::onBatch);
  connect(w, &EngineWorker::epochDone, m_train, &TrainPage::onEpoch);
  connect(w, &EngineWorker::trained, this, [this](const TrainResult& r) {
    const QString id = m_train->currentRun() ? m_train->currentRun()->id : QString();
    m_train->onTrained(r);
    if (!id.isEmpty()) evaluateRun(id);
    updateExportAction();
    QString text = tr("Training done in %1 s").arg(r.seconds, 0, 'f', 1) + QStringLiteral(" (") +
                   precisionText(QString::fromLatin1(precisionName(r.precision.used)),
                                 QString::fromStdString(r.precision.calibration)) +
                   QLatin1Char(')');
    if (!r.precision.notice.empty())
      text += QStringLiteral("; ") + QString::fromStdString(r.precision.notice);
    statusBar()->showMessage(text, 10000);
  });
  connect(w, &EngineWorker::cancelled, this, [this] {
    m_train->onCancelled();
    statusBar()->showMessage(tr("Training cancelled"), 5000);
  });
  connect(w, &EngineWorker::exportedOnnx, this, [this](const QString& path) {
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 10000);
  });
  connect(w, &EngineWorker::exported, this, [this](const QString& manifest) {
    statusBar()->showMessage(tr("Exported; manifest %1").arg(manifest), 10000);
  });
  connect(w, &EngineWorker::evaluated, this, [this](const Evaluation& e, const QString& head) {
    m_evaluatedRun.clear();
    m_evaluate->showEvaluation(
        e, tr("%1 on %2 (test images)")
               .arg(QFileInfo(head).fileName(),
                    QDir(QString::fromStdString(m_train->dataset().root)).dirName()));
    showPage(m_evaluate);
    statusBar()->showMessage(tr("Evaluated %1").arg(QFileInfo(head).fileName()), 5000);
  });
  connect(w, &EngineWorker::doctorProgress, m_data, &DataPage::onProgress);
  connect(w, &EngineWorker::diagnosed, this, [this](const DoctorReport& r) {
    m_data->showReport(r);
    statusBar()->showMessage(tr("Dataset checked in %1 s").arg(r.seconds, 0, 'f', 1), 10000);
  });
  connect(w, &EngineWorker::doctorCancelled, this, [this] {
    m_data->onCancelled();
    statusBar()->showMessage(tr("Dataset check cancelled"), 5000);
  });
  connect(w, &EngineWorker::doctorFailed, this, [this](const QString& message) {
    m_data->onFailed(message);
    showError(message);
  });
  connect(w, &EngineWorker::lrFindProgress, m_train, &TrainPage::onLrFindProgress);
  connect(w, &EngineWorker::lrFound, this, [this](const LrFinderResult& r) {
    m_train->onLrFound(r);
    statusBar()->showMessage(tr("Learning rate found in %1 s").arg(r.seconds, 0, 'f', 1), 10000);
  });
  connect(w, &EngineWorker::lrFindCancelled, this, [this] {
    m_train->onLrFindEnded(tr("Learning-rate search cancelled"));
    statusBar()->showMessage(tr("Learning-rate search cancelled"), 5000);
  });
  connect(w, &EngineWorker::lrFindFailed, this, [this](const QString& message) {
    m_train->onLrFindEnded(tr("Failed: %1").arg(message));
    showError(message);
  });
  connect(w, &EngineWorker::failed, this, [this](const QString& message) {
    if (m_train->busy()) m_train->onFailed(message);
    showError(message);
  });
}

void MainWindow::showError(const QString& message) {
  // In the window, not a dialog storm: the status bar and a dismissable banner-like message.
  statusBar()->showMessage(message);
}

// The arch in use is the one the chosen file was found to hold; ResNet50 until one is chosen.
void MainWindow::findWeights() {
  QSettings settings;
  m_arch = archFromName(settings.value("weights/arch", "resnet50").toString().toStdString())
               .value_or(Arch::ResNet50);
  const QString key = QStringLiteral("weights/") + QString::fromLatin1(archInfo(m_arch).name);
  try {
    const auto found = resolveWeights(m_arch, {}, settings.value(key).toString().toStdString());
    m_weightsPath = QString::fromStdString(found.path);
    m_preset = found.preset;
  } catch (const std::exception& e) {
    m_weightsPath.clear();
    // Any of the three networks will do; the panel offers each.
    statusBar()->showMessage(tr("Pretrained ResNet weights are needed"));
    // Said in the user's language; the engine's full account (every path it tried) stays in
    // the tooltip for whoever needs it.
    m_weightsPanel->setProblem(
        tr("Pretrained ResNet weights are needed"),
        tr("No ResNet weights file was found in %1, torchvision's download folder, where Python "
           "would have put it. Download ResNet50, 34 or 18 here, or choose a .pth file you "
           "already have.")
            .arg(QString::fromStdString(torchHubCheckpointDir())),
        QString::fromStdString(e.what()));
    m_weightsPanel->setDismissable(false);
    m_weightsPanel->show();
    m_predict->setModelDescription(tr("<b>No pretrained weights</b>"));
    return;
  }
  m_weightsPanel->hide();
  updateModelDescription();
}

// The file is read before anything remembers it, off the GUI thread (it can be 100 MB).
void MainWindow::setWeights(const QString& path) {
  statusBar()->showMessage(tr("Checking %1…").arg(path));
  auto* watcher = new QFutureWatcher<WeightsInspection>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
    watcher->deleteLater();
    applyWeights(path, watcher->result());
  });
  watcher->setFuture(
      QtConcurrent::run([file = path.toStdString()] { return inspectWeights(file); }));
}

void MainWindow::applyWeights(const QString& path, const WeightsInspection& found) {
  const QString file = QFileInfo(path).fileName();
  if (found.kind == WeightsKind::Backbone) {
    const QString arch = QString::fromLatin1(archInfo(found.arch).name);
    QSettings settings;
    settings.setValue("weights/arch", arch);
    settings.setValue(QStringLiteral("weights/") + arch, path);
    findWeights();
    statusBar()->showMessage(tr("Using %1 (%2)").arg(file, archDisplayName(found.arch)), 10000);
    Q_EMIT weightsChecked(true);
    predictPending();
    return;
  }
  // Nothing is remembered; the panel says what the file is, and what can be done with it.
  if (found.kind == WeightsKind::Trained) {
    m_weightsPanel->setProblem(
        tr("%1 is a trained layer, not pretrained weights").arg(file),
        tr("This file comes from a HeadStart export: a final layer trained on your classes. "
           "Pretrained weights are a whole ResNet trained on ImageNet, such as torchvision's "
           "resnet50-11ad3fa6.pth. You can load this file as the trained layer instead."),
        QString::fromStdString(found.headPath));
    m_weightsPanel->offerHead(QString::fromStdString(found.headPath));
  } else {
    // What is wrong with this file, in the engine's words (its path and the cause), then what
    // would do.
    m_weightsPanel->setProblem(
        tr("%1 cannot be used as pretrained weights").arg(file),
        QString::fromStdString(found.problem) + QStringLiteral("\n\n") +
            tr("Pretrained weights are a ResNet (18, 34, 50, 101 or 152) trained on ImageNet's "
               "1000 classes. The weights in use stay as they were."),
        QString::fromStdString(found.problem));
  }
  m_weightsPanel->setDismissable(hasWeights());
  m_weightsPanel->show();
  statusBar()->showMessage(tr("%1 was not taken as pretrained weights").arg(file), 10000);
  Q_EMIT weightsChecked(false);
}

QString MainWindow::archDisplayName(Arch arch) {
  return QStringLiteral("ResNet") + QString::fromLatin1(archInfo(arch).name).mid(6);
}

void MainWindow::updateModelDescription() {
  const QString classes = m_headPath.isEmpty()
                              ? tr("ImageNet classes")
                              : tr("classes of %1").arg(QFileInfo(m_headPath).fileName());
  m_predict->setModelDescription(tr("%1, %2 (%3); %4")
                                     .arg(archDisplayName(m_arch),
                                          QFileInfo(m_weightsPath).fileName(),
                                          QString::fromStdString(m_preset.name), classes));
}

void MainWindow::predict(const QStringList& paths) {
  if (!hasWeights()) {
    // Kept, not dropped: they are predicted as soon as weights are chosen.
    m_pending << paths;
    statusBar()->showMessage(
        tr("%n image(s) waiting: they are predicted once pretrained weights "
           "are chosen (see the panel above)",
           nullptr, int(m_pending.size())));
    return;
  }
  auto options = predictionOptions();
  options.activationMaps = true;
  // Small batches: the first cards show within a second, the rest follow batch by batch.
  options.batchSize = 8;
  statusBar()->showMessage(tr("Predicting %n image(s)…", nullptr, int(paths.size())));
  worker()->armJob();
  QMetaObject::invokeMethod(worker(), "predict", Qt::QueuedConnection, Q_ARG(QStringList, paths),
                            Q_ARG(headstart::ClassifierOptions, options));
}

// Single images and whole folders are predicted alike, at the Speed menu's choice.
ClassifierOptions MainWindow::predictionOptions() const {
  ClassifierOptions options;
  options.arch = m_arch;
  options.weightsPath = m_weightsPath.toStdString();
  options.preset = m_preset;
  options.headPath = m_headPath.toStdString();
  // Automatic keeps predictions exact: the same numbers as torchvision is their promise.
  options.precision = m_precision == Precision::Auto ? Precision::Exact : m_precision;
  // Turbo calibrates on the images being predicted (the engine worker gives them), never on
  // whatever the Train page holds: digits there would spoil the scales for a photo.
  options.testTimeFlip = testTimeFlip();
  return options;
}

FolderPredictDialog* MainWindow::predictFolder(const QString& folder) {
  if (!hasWeights()) {
    showError(tr("Choose pretrained weights first (File menu)"));
    return nullptr;
  }
  const auto options = predictionOptions();
  auto* dialog = new FolderPredictDialog(worker(), options, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  dialog->start(folder);
  return dialog;
}

void MainWindow::predictPending() {
  if (!hasWeights() || m_pending.isEmpty()) return;
  const QStringList paths = m_pending;
  m_pending.clear();
  predict(paths);
}

void MainWindow::loadHead(const QString& path) {
  if (!path.isEmpty()) {
    try {
      headstart::loadHead(path.toStdString());  // check it before the predictions use it
    } catch (const std::exception& e) {
      showError(QString::fromStdString(e.what()));
      return;
    }
  }
  m_headPath = path;
  if (hasWeights()) updateModelDescription();
}

void MainWindow::startTraining() {
  if (!hasWeights()) {
    showError(tr("Choose pretrained weights first (File menu)"));
    return;
  }
  // One cancel flag serves the engine's one job at a time: Cancel must stop the job it names.
  if (m_data->busy()) return showError(tr("Wait for the dataset check to end, or cancel it"));
  TrainOptions options;
  options.arch = m_arch;
  options.weightsPath = m_weightsPath.toStdString();
  options.preset = m_preset;
  options.precision = m_precision;
  m_train->fillOptions(options);
  const Run& run = m_train->beginRun(options);
  statusBar()->showMessage(tr("Training %1…").arg(run.displayName()));
  worker()->armJob();
  QMetaObject::invokeMethod(worker(), "train", Qt::QueuedConnection,
                            Q_ARG(headstart::DatasetReport, m_train->dataset()),
                            Q_ARG(headstart::TrainOptions, options));
}

void MainWindow::startLrFind() {
  if (!hasWeights()) return showError(tr("Choose pretrained weights first (File menu)"));
  if (m_train->busy() || m_data->busy())
    return showError(tr("Wait for the running job to end, or cancel it"));
  TrainOptions options;
  options.arch = m_arch;
  options.weightsPath = m_weightsPath.toStdString();
  options.preset = m_preset;
  options.precision = m_precision;
  m_train->fillOptions(options);
  m_train->beginLrFind();
  statusBar()->showMessage(tr("Searching for a learning rate…"));
  worker()->armJob();
  QMetaObject::invokeMethod(worker(), "findLearningRate", Qt::QueuedConnection,
                            Q_ARG(headstart::DatasetReport, m_train->dataset()),
                            Q_ARG(headstart::TrainOptions, options));
}

void MainWindow::checkDataset() {
  if (!hasWeights()) return showError(tr("Choose pretrained weights first (File menu)"));
  const DatasetReport& dataset = m_train->dataset();
  if (dataset.root.empty() || !dataset.ok())
    return showError(tr("Choose a dataset on the Train page first: its images are checked"));
  if (m_train->busy() || m_data->busy())
    return showError(tr("Wait for the running job to end, or cancel it"));
  DoctorOptions options;
  options.arch = m_arch;
  options.weightsPath = m_weightsPath.toStdString();
  options.preset = m_preset;
  options.precision = m_precision;
  m_data->setBusy(true);
  statusBar()->showMessage(
      tr("Checking %1…").arg(QDir(QString::fromStdString(dataset.root)).dirName()));
  worker()->armJob();
  QMetaObject::invokeMethod(worker(), "diagnose", Qt::QueuedConnection,
                            Q_ARG(headstart::DatasetReport, dataset),
                            Q_ARG(headstart::DoctorOptions, options));
}

const Run* MainWindow::exportableRun(const QString& runId) const {
  const QString id = runId.isEmpty() ? m_train->runsView()->selectedId() : runId;
  if (const Run* run = m_project->run(id); run && run->result) return run;
  if (!runId.isEmpty()) return nullptr;
  for (auto it = m_project->runs().rbegin(); it != m_project->runs().rend(); ++it)
    if ((*it)->result) return it->get();
  return nullptr;
}

void MainWindow::updateExportAction() {
  const Run* run = exportableRun();
  m_exportAction->setEnabled(run != nullptr);
  m_exportAction->setText(run ? tr("&Export %1…").arg(run->displayName())
                              : tr("&Export trained head…"));
}

void MainWindow::askExport(const QString& runId) {
  const Run* run = exportableRun(runId);
  if (!run) return showError(tr("Nothing to export yet: train a head first"));
  QSettings settings;
  const QString folder = settings.value("export/folder", QDir::homePath()).toString();
  // The run's own name: two runs of one dataset do not propose the same files.
  QString name = run->displayName();
  name.replace(QLatin1Char('/'), QLatin1Char('-'));
  ExportDialog dialog(folder, name, this);
  dialog.setWindowTitle(tr("Export %1").arg(run->displayName()));
  if (run->result->stage) dialog.requireModel();
  if (dialog.exec() != QDialog::Accepted) return;
  settings.setValue("export/folder", dialog.folderField()->text());
  exportRun(run->id, dialog.basePath(), dialog.withModel());
  if (dialog.withOnnx())
    QMetaObject::invokeMethod(worker(), "exportOnnx", Qt::QueuedConnection,
                              Q_ARG(QString, dialog.onnxPath()),
                              Q_ARG(headstart::TrainResult, *run->result));
}

void MainWindow::exportHead(const QString& base, bool withModel) {
  const Run* run = exportableRun();
  if (!run) return showError(tr("Nothing to export yet: train a head first"));
  exportRun(run->id, base, withModel);
}

// The run's result carries its own options and dataset: the export describes that run, whatever
// the window shows by now.
void MainWindow::exportRun(const QString& runId, const QString& base, bool withModel) {
  const Run* run = exportableRun(runId);
  if (!run) return showError(tr("Nothing to export yet: train a head first"));
  QMetaObject::invokeMethod(worker(), "exportHead", Qt::QueuedConnection, Q_ARG(QString, base),
                            Q_ARG(headstart::TrainResult, *run->result), Q_ARG(bool, withModel));
}

// Always asks which file: the head loaded for predictions is only the proposal. Evaluating a
// file does not load it for predictions.
void MainWindow::askEvaluateHead() {
  const auto path =
      QFileDialog::getOpenFileName(this, tr("Evaluate a trained head"), m_headPath,
                                   tr("HeadStart export (*.json *.pt);;All files (*)"));
  if (!path.isEmpty()) evaluateHead(path);
}

void MainWindow::evaluateHead(const QString& headPath) {
  if (!hasWeights()) return showError(tr("Choose pretrained weights first (File menu)"));
  if (m_train->dataset().root.empty() || !m_train->dataset().ok())
    return showError(
        tr("Choose a dataset on the Train page first: the head is evaluated on its "
           "test images"));
  if (m_train->busy()) return showError(tr("Wait for the training run to end"));
  TrainOptions options;
  options.arch = m_arch;
  options.weightsPath = m_weightsPath.toStdString();
  options.preset = m_preset;
  // Whatever the Speed menu says: the accuracy read here is what the export does in PyTorch.
  options.precision = Precision::Exact;
  options.testTimeFlip = testTimeFlip();
  statusBar()->showMessage(tr("Evaluating %1…").arg(QFileInfo(headPath).fileName()));
  worker()->armJob();
  QMetaObject::invokeMethod(worker(), "evaluateHead", Qt::QueuedConnection,
                            Q_ARG(headstart::DatasetReport, m_train->dataset()),
                            Q_ARG(QString, headPath), Q_ARG(headstart::TrainOptions, options));
}

void MainWindow::evaluateRun(const QString& runId) {
  const Run* run = exportableRun(runId);
  if (!run) return;
  m_evaluatedRun = run->id;
  m_evaluate->showEvaluation(
      run->result->test,
      tr("%1 on %2 (test images)")
          .arg(run->displayName(), QDir(QString::fromStdString(run->dataset.root)).dirName()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (m_train->busy()) {
    const bool quit =
        confirmQuit ? confirmQuit()
                    : QMessageBox::question(
                          this, tr("Training is running"),
                          tr("Stop the training run and quit? Its curves so far are kept in the "
                             "project; finished runs are all saved.")) == QMessageBox::Yes;
    if (!quit) {
      event->ignore();
      return;
    }
    // Recorded as cancelled now: the engine's answer would come after the window is gone.
    worker()->cancel();
    m_train->onCancelled();
  }
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  if (const QScreen* where = screen())
    settings.setValue("window/screen", where->availableGeometry().size());
  worker()->cancel();
  event->accept();
}

}  // namespace headstart::ui
