#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTranslator>
#include <QVBoxLayout>

#include "evaluate_page.h"
#include "headstart/export.h"
#include "headstart/weights.h"
#include "language.h"
#include "predict_page.h"
#include "train_page.h"
#include "weights_panel.h"

namespace headstart::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("HeadStart"));
  m_tabs = new QTabWidget;
  m_predict = new PredictPage;
  m_train = new TrainPage;
  m_evaluate = new EvaluatePage;
  m_tabs->addTab(m_predict, tr("Predict"));
  m_tabs->addTab(m_train, tr("Train"));
  m_tabs->addTab(m_evaluate, tr("Evaluate"));
  m_weightsPanel = new WeightsPanel;
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_weightsPanel);
  layout->addWidget(m_tabs, 1);
  setCentralWidget(central);
  connect(m_weightsPanel, &WeightsPanel::weightsChosen, this, &MainWindow::setWeights);
  buildMenus();
  connectWorker();
  connect(m_predict, &PredictPage::imagesChosen, this, &MainWindow::predict);
  connect(m_train, &TrainPage::scanRequested, this, [this](const QString& folder) {
    statusBar()->showMessage(tr("Reading %1…").arg(folder));
    QMetaObject::invokeMethod(worker(), "scan", Qt::QueuedConnection, Q_ARG(QString, folder),
                              Q_ARG(headstart::ScanOptions, ScanOptions{}));
  });
  connect(m_train, &TrainPage::trainRequested, this, &MainWindow::startTraining);
  connect(m_train, &TrainPage::cancelRequested, this, [this] {
    worker()->cancel();
    statusBar()->showMessage(tr("Cancelling…"));
  });
  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  resize(settings.contains("window/geometry") ? size() : QSize(1100, 800));
  findWeights();
}

MainWindow::~MainWindow() = default;

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
    const auto path =
        QFileDialog::getOpenFileName(this, tr("Trained head"), QString(), tr("Head (*.pt)"));
    if (!path.isEmpty()) loadHead(path);
  });
  file->addAction(tr("Use &ImageNet classes"), this, [this] { loadHead(QString()); });
  auto* save = file->addAction(tr("&Export trained head…"), this, [this] {
    const auto path = QFileDialog::getSaveFileName(this, tr("Export head"),
                                                   QStringLiteral("head.pt"), tr("Head (*.pt)"));
    if (!path.isEmpty()) exportHead(path);
  });
  save->setShortcut(QKeySequence::Save);
  file->addSeparator();
  auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  buildLanguageMenu();
}

// Every widget sets its text once, when it is built, so a new language takes effect at the next
// start; the choice is saved at once and the user is told so in the language chosen.
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
    connect(action, &QAction::triggered, this, [this, code] {
      i18n::setChosenLanguage(code);
      QTranslator next;
      const QString use = i18n::languageToUse(true);
      const bool loaded = next.load(QStringLiteral(":/i18n/headstart_") + use);
      const char* note = QT_TR_NOOP("The language changes when HeadStart is started again.");
      const QString text = loaded ? next.translate("headstart::ui::MainWindow", note) : QString();
      statusBar()->showMessage(text.isEmpty() ? tr(note) : text, 10000);
    });
  };
  addChoice(QString(), tr("As the system"));
  menu->addSeparator();
  for (const auto& language : i18n::languages()) addChoice(language.code, language.nativeName);
}

void MainWindow::connectWorker() {
  auto* w = worker();
  connect(w, &EngineWorker::predicted, this, [this](const QVector<PredictionCard>& cards) {
    m_predict->showCards(cards);
    statusBar()->showMessage(tr("Predicted %n image(s)", nullptr, int(cards.size())), 5000);
  });
  connect(w, &EngineWorker::scanned, this,
          [this](const DatasetReport& r, const QVector<QImage>& thumbnails) {
            m_train->setDataset(r, thumbnails);
            statusBar()->showMessage(
                r.ok() ? tr("Dataset ready") : tr("The dataset has problems: see the report"),
                5000);
          });
  connect(w, &EngineWorker::extractionProgress, m_train, &TrainPage::onExtraction);
  connect(w, &EngineWorker::batchDone, m_train, &TrainPage::onBatch);
  connect(w, &EngineWorker::epochDone, m_train, &TrainPage::onEpoch);
  connect(w, &EngineWorker::trained, this, [this](const TrainResult& r) {
    m_result = r;
    m_train->onTrained(r);
    m_train->setBusy(false);
    m_evaluate->showEvaluation(r.test);
    statusBar()->showMessage(tr("Training done in %1 s").arg(r.seconds, 0, 'f', 1), 10000);
  });
  connect(w, &EngineWorker::cancelled, this, [this] {
    m_train->setBusy(false);
    statusBar()->showMessage(tr("Training cancelled"), 5000);
  });
  connect(w, &EngineWorker::exported, this, [this](const QString& manifest) {
    statusBar()->showMessage(tr("Exported; manifest %1").arg(manifest), 10000);
  });
  connect(w, &EngineWorker::failed, this, [this](const QString& message) {
    m_train->setBusy(false);
    showError(message);
  });
}

void MainWindow::showError(const QString& message) {
  // In the window, not a dialog storm: the status bar and a dismissable banner-like message.
  statusBar()->showMessage(message);
}

void MainWindow::findWeights() {
  const QString saved = QSettings().value("weights/resnet50").toString();
  try {
    const auto found = resolveWeights(Arch::ResNet50, {}, saved.toStdString());
    m_weightsPath = QString::fromStdString(found.path);
    m_preset = found.preset;
  } catch (const std::exception& e) {
    m_weightsPath.clear();
    statusBar()->showMessage(tr("Pretrained ResNet50 weights are needed"));
    // Said in the user's language; the engine's full account (every path it tried) stays in
    // the tooltip for whoever needs it.
    m_weightsPanel->setProblem(
        tr("No ResNet50 weights file was found in %1, torchvision's download folder, where "
           "Python would have put it. Download it here, or choose a .pth file you already have.")
            .arg(QString::fromStdString(torchHubCheckpointDir())),
        QString::fromStdString(e.what()));
    m_weightsPanel->show();
    m_predict->setModelDescription(tr("<b>No pretrained weights</b>"));
    return;
  }
  m_weightsPanel->hide();
  updateModelDescription();
}

void MainWindow::setWeights(const QString& path) {
  QSettings().setValue("weights/resnet50", path);
  findWeights();
}

void MainWindow::updateModelDescription() {
  const QString classes = m_headPath.isEmpty()
                              ? tr("ImageNet classes")
                              : tr("classes of %1").arg(QFileInfo(m_headPath).fileName());
  m_predict->setModelDescription(tr("ResNet50, %1 (%2); %3")
                                     .arg(QFileInfo(m_weightsPath).fileName(),
                                          QString::fromStdString(m_preset.name), classes));
}

void MainWindow::predict(const QStringList& paths) {
  if (!hasWeights()) {
    showError(tr("Choose pretrained weights first (File menu)"));
    return;
  }
  ClassifierOptions options;
  options.weightsPath = m_weightsPath.toStdString();
  options.preset = m_preset;
  options.headPath = m_headPath.toStdString();
  options.activationMaps = true;
  statusBar()->showMessage(tr("Predicting %n image(s)…", nullptr, int(paths.size())));
  worker()->armJob();
  QMetaObject::invokeMethod(worker(), "predict", Qt::QueuedConnection, Q_ARG(QStringList, paths),
                            Q_ARG(headstart::ClassifierOptions, options));
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
  TrainOptions options;
  options.weightsPath = m_weightsPath.toStdString();
  options.preset = m_preset;
  m_train->fillOptions(options);
  m_lastOptions = options;
  m_train->setBusy(true);
  statusBar()->showMessage(tr("Training…"));
  worker()->armJob();
  QMetaObject::invokeMethod(worker(), "train", Qt::QueuedConnection,
                            Q_ARG(headstart::DatasetReport, m_train->dataset()),
                            Q_ARG(headstart::TrainOptions, options));
}

void MainWindow::exportHead(const QString& path) {
  if (!m_result) {
    showError(tr("Nothing to export yet: train a head first"));
    return;
  }
  QMetaObject::invokeMethod(worker(), "exportHead", Qt::QueuedConnection, Q_ARG(QString, path),
                            Q_ARG(headstart::TrainResult, *m_result),
                            Q_ARG(headstart::TrainOptions, m_lastOptions),
                            Q_ARG(headstart::DatasetReport, m_train->dataset()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings().setValue("window/geometry", saveGeometry());
  worker()->cancel();
  event->accept();
}

}  // namespace headstart::ui
