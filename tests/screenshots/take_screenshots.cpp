// Drives the real HeadStart window through its three pages and saves a picture of each, for
// packaging/screenshots/. Run under Xvfb:
//   xvfb-run -a -s "-screen 0 1280x900x24" build/tests/screenshots/take_screenshots \
//       build/tests/fixtures packaging/screenshots
// The fixtures are the tests' generated data: random-weight ResNets and synthetic images, so the
// class names predicted are arbitrary; the pictures show the application, not a model.

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <cstdio>

#include "evaluate_page.h"
#include "main_window.h"
#include "predict_page.h"
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
  QApplication::setOrganizationName(QStringLiteral("HeadStartScreenshots"));
  QApplication::setApplicationName(QStringLiteral("HeadStart"));
  QSettings().setValue("weights/resnet50", fixtures + "/resnet50.pth");
  QSettings().setValue("train/epochs", 8);
  QSettings().setValue("train/batchSize", 8);
  QSettings().setValue("train/validationFraction", 0.25);
  QSettings().setValue("train/warmStart", false);  // the fixture's "ImageNet" layer is random

  MainWindow window;
  window.resize(1200, 860);
  window.show();

  QStringList images;
  for (const char* name : {"photo.jpg", "portrait.png", "alpha.png"})
    images << fixtures + "/images/" + name;
  auto* worker = window.worker();
  if (!runAndWait(
          worker, &EngineWorker::predicted, [&] { window.predict(images); }, 120000))
    return 1;
  window.predictPage()->setShowActivation(true);
  bool ok = save(window, out.filePath("predict.png"));

  window.showPage(window.trainPage());
  const auto scan = [&] { window.trainPage()->setFolder(fixtures + "/dataset"); };
  if (!runAndWait(worker, &EngineWorker::scanned, scan, 60000)) return 1;
  const auto train = [&] {
    for (auto* b : window.trainPage()->findChildren<QPushButton*>()) {
      if (b->text() == QObject::tr("Train")) b->click();
    }
  };
  if (!runAndWait(worker, &EngineWorker::trained, train, 600000)) return 1;
  ok &= save(window, out.filePath("train.png"));

  window.showPage(window.evaluatePage());
  ok &= save(window, out.filePath("evaluate.png"));
  return ok ? 0 : 1;
}
