// Drives the real HeadStart window through its pages and saves pictures of them (a learning-rate
// search and three training runs, the dataset doctor's findings, a project restored in a new
// window, the Russian window), for
// packaging/screenshots/. Run under Xvfb:
//   xvfb-run -a -s "-screen 0 1280x900x24" build/tests/screenshots/take_screenshots \
//       build/tests/fixtures packaging/screenshots
// The fixtures are the tests' generated data: random-weight ResNets and synthetic images, so the
// class names predicted are arbitrary; the pictures show the application, not a model.

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <cstdio>

#include "data_page.h"
#include "evaluate_page.h"
#include "language.h"
#include "main_window.h"
#include "predict_page.h"
#include "project.h"
#include "runs_view.h"
#include "train_page.h"

using namespace headstart::ui;

namespace {

void settle(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

// Starts `action` and waits for the worker's `signal`, listening before the action can finish.
template <typename Signal, typename Action>
bool runAndWait(EngineWorker* worker, Signal signal, Action action, int timeoutMs) {
  QEventLoop loop;
  bool arrived = false;
  QObject::connect(worker, signal, &loop, [&] {
    arrived = true;
    loop.quit();
  });
  QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
  action();
  if (!arrived) loop.exec();
  settle(100);  // the window's own slots for that signal
  return arrived;
}

bool save(MainWindow& window, const QString& path) {
  settle(300);  // let the plot's replot timer run
  const bool ok = window.grab().save(path);
  std::printf("%s %s\n", ok ? "saved" : "could not save", qPrintable(path));
  return ok;
}

// The button whose text, mnemonic aside, is `text`.
QPushButton* buttonOf(QWidget* page, const QString& text) {
  for (auto* b : page->findChildren<QPushButton*>())
    if (QString(b->text()).remove(QLatin1Char('&')) == text) return b;
  return nullptr;
}

// Three runs on the fixture dataset: plain, with a validation split, and one cancelled.
bool trainRuns(MainWindow& window) {
  auto* worker = window.worker();
  auto* page = window.trainPage();
  const auto train = [&] { buttonOf(page, QObject::tr("Train"))->click(); };
  auto* epochs = page->findChild<QSpinBox*>(QStringLiteral("epochs"));
  auto* validation = page->findChild<QLineEdit*>(QStringLiteral("validationFraction"));
  epochs->setValue(6);
  validation->setText(QStringLiteral("0"));
  if (!runAndWait(worker, &EngineWorker::trained, train, 600000)) return false;
  epochs->setValue(12);
  validation->setText(QStringLiteral("0.25"));
  if (!runAndWait(worker, &EngineWorker::trained, train, 600000)) return false;
  epochs->setValue(999);
  int seen = 0;
  const auto counting = QObject::connect(worker, &EngineWorker::epochDone, page, [&seen, worker] {
    if (++seen == 20) worker->cancel();
  });
  const bool cancelled = runAndWait(worker, &EngineWorker::cancelled, train, 600000);
  QObject::disconnect(counting);
  return cancelled;
}

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  if (argc != 3) {
    std::fprintf(stderr, "usage: take_screenshots FIXTURES_DIR OUT_DIR\n");
    return 2;
  }
  const QString fixtures = QString::fromLocal8Bit(argv[1]);
  const QDir out(QString::fromLocal8Bit(argv[2]));
  QTemporaryDir home;
  qputenv("XDG_CONFIG_HOME", home.filePath("config").toUtf8());
  qputenv("XDG_CACHE_HOME", home.filePath("cache").toUtf8());
  qputenv("XDG_DATA_HOME", home.filePath("data").toUtf8());
  qputenv("LANGUAGE", "en");
  QApplication::setOrganizationName(QStringLiteral("HeadStartScreenshots"));
  QApplication::setApplicationName(QStringLiteral("HeadStart"));
  headstart::i18n::installTranslators(app, /*honourChoice=*/true);
  QSettings().setValue("weights/resnet50", fixtures + "/resnet50.pth");
  QSettings().setValue("train/batchSize", 8);
  QSettings().setValue("train/learningRate", 1e-4);
  QSettings().setValue("train/warmStart", false);  // the fixture's "ImageNet" layer is random
  QSettings().setValue("project/folder", home.filePath("data/projects/flowers"));
  bool ok = true;
  {
    MainWindow window;
    window.resize(1200, 860);
    window.show();
    QStringList images;
    for (const char* name : {"photo.jpg", "portrait.png", "alpha.png"})
      images << fixtures + "/images/" + name;
    auto* worker = window.worker();
    if (!runAndWait(
            worker, &EngineWorker::predictionFinished, [&] { window.predict(images); }, 120000))
      return 1;
    window.predictPage()->setShowActivation(true);
    ok &= save(window, out.filePath("predict.png"));

    window.showPage(window.trainPage());
    const auto scan = [&] { window.trainPage()->setFolder(fixtures + "/dataset"); };
    if (!runAndWait(worker, &EngineWorker::scanned, scan, 60000)) return 1;
    const auto findRate = [&] {
      buttonOf(window.trainPage(), QObject::tr("Find learning rate"))->click();
    };
    if (!runAndWait(worker, &EngineWorker::lrFound, findRate, 300000)) return 1;
    if (!trainRuns(window)) return 1;
    window.trainPage()->runsView()->select(window.project()->runs()[1]->id);
    ok &= save(window, out.filePath("train.png"));
    window.evaluateRun(window.project()->runs()[1]->id);
    window.showPage(window.evaluatePage());
    window.evaluatePage()->showCell(0, 0);
    ok &= save(window, out.filePath("evaluate.png"));

    window.showPage(window.dataPage());
    const auto check = [&] {
      buttonOf(window.dataPage(), QObject::tr("Check the dataset"))->click();
    };
    if (!runAndWait(worker, &EngineWorker::diagnosed, check, 600000)) return 1;
    ok &= save(window, out.filePath("data.png"));
  }
  {
    // A new window, as after quitting and starting again: the project comes back.
    MainWindow restarted;
    restarted.resize(1200, 860);
    restarted.show();
    restarted.showPage(restarted.trainPage());
    settle(3000);  // the dataset folder is read again
    ok &= save(restarted, out.filePath("restored.png"));
    headstart::i18n::setChosenLanguage(QStringLiteral("ru"));
    headstart::i18n::installTranslators(app, /*honourChoice=*/true);
    ok &= save(restarted, out.filePath("train-ru.png"));
    restarted.showPage(restarted.evaluatePage());
    ok &= save(restarted, out.filePath("evaluate-ru.png"));
  }
  return ok ? 0 : 1;
}
