// The window, offscreen, driven as a user drives it: drop images, train on a dataset, read the
// evaluation, cancel, load a broken head. Waits on signals, never on sleeps.

#include <qcustomplot.h>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>

#include "confusion_view.h"
#include "evaluate_page.h"
#include "loss_plot.h"
#include "main_window.h"
#include "predict_page.h"
#include "support.h"
#include "train_page.h"
#include "weights_panel.h"

using namespace headstart::ui;

namespace {

// Measures the longest gap between ticks of a fast timer: how long the event loop was blocked.
class LatencyProbe : public QObject {
 public:
  LatencyProbe() {
    m_timer.setInterval(5);
    connect(&m_timer, &QTimer::timeout, this, [this] {
      if (m_clock.isValid())
        m_worst = std::max(m_worst, m_clock.restart());
      else
        m_clock.start();
    });
    m_timer.start();
  }
  qint64 worstMs() const { return m_worst; }

 private:
  QTimer m_timer;
  QElapsedTimer m_clock;
  qint64 m_worst = 0;
};

// The engine's thread may emit before the test starts waiting: count what already came. Then let
// the window's queued slot for that signal run, since the checks read what it shows.
bool arrived(QSignalSpy& spy, int timeoutMs) {
  const bool ok = !spy.isEmpty() || spy.wait(timeoutMs);
  QCoreApplication::processEvents();
  return ok;
}

QPushButton* button(QWidget* parent, const QString& text) {
  for (auto* b : parent->findChildren<QPushButton*>()) {
    if (b->text() == text) return b;
  }
  return nullptr;
}

}  // namespace

class TestGui : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    qputenv("XDG_CONFIG_HOME", m_home.filePath("config").toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath("cache").toUtf8());
    qputenv("TORCH_HOME", m_home.filePath("torch").toUtf8());
    QCoreApplication::setOrganizationName("HeadStartTest");
    QCoreApplication::setApplicationName("HeadStartTest");
    QSettings().setValue("weights/resnet50",
                         QString::fromStdString(testsupport::fixture("resnet50.pth")));
    QSettings().setValue("train/epochs", 3);
    QSettings().setValue("train/batchSize", 16);
  }

  void withoutWeightsThePanelSaysWhatToDo() {
    QSettings().remove("weights/resnet50");
    MainWindow window;
    QVERIFY(!window.hasWeights());
    QVERIFY(window.statusBar()->currentMessage().contains("weights are needed"));
    QVERIFY(window.weightsPanel()->isVisibleTo(&window));
    // Choosing a file (as the panel's button does) puts the panel away and remembers the file.
    Q_EMIT window.weightsPanel()->weightsChosen(
        QString::fromStdString(testsupport::fixture("resnet50.pth")));
    QVERIFY(window.hasWeights());
    QVERIFY(!window.weightsPanel()->isVisibleTo(&window));
    QCOMPARE(QSettings().value("weights/resnet50").toString(),
             QString::fromStdString(testsupport::fixture("resnet50.pth")));
    QSettings().setValue("weights/resnet50",
                         QString::fromStdString(testsupport::fixture("resnet50.pth")));
  }

  void dropImagesAndSeeResults() {
    MainWindow window;
    window.show();
    QVERIFY(window.hasWeights());
    QTemporaryDir dir;
    QFile bad(dir.filePath("broken.jpg"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("not an image");
    bad.close();
    QMimeData mime;
    mime.setUrls(
        {QUrl::fromLocalFile(QString::fromStdString(testsupport::fixture("images/photo.jpg"))),
         QUrl::fromLocalFile(QString::fromStdString(testsupport::fixture("images/portrait.png"))),
         QUrl::fromLocalFile(bad.fileName())});
    QSignalSpy done(window.worker(), &EngineWorker::predicted);
    // Straight to the page's event handler: QApplication drops drag events that arrive without a
    // drag in progress, which offscreen there never is.
    QObject* page = window.predictPage();
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    page->event(&enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    page->event(&drop);
    QVERIFY2(arrived(done, 60000), qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(window.predictPage()->cardCount(), 3);
    QCOMPARE(window.predictPage()->findChildren<QFrame*>("errorCard").size(), 1);
    QCOMPARE(window.predictPage()->findChildren<QFrame*>("predictionCard").size(), 2);
    QCOMPARE(window.predictPage()->findChildren<QProgressBar*>().size(), 10);  // top-5 bars each
    // "Show why" swaps each thumbnail for the network's view with the activation map over it.
    window.predictPage()->setShowActivation(true);
    int overlays = 0;
    for (auto* picture : window.predictPage()->findChildren<QLabel*>("picture")) {
      const auto why = picture->property("why").value<QPixmap>();
      if (why.isNull()) continue;
      ++overlays;
      QCOMPARE(picture->pixmap().cacheKey(), why.cacheKey());
      QCOMPARE(why.size(), QSize(128, 128));
    }
    QCOMPARE(overlays, 2);
  }

  void trainWithLivePlotAndEvaluate() {
    MainWindow window;
    window.show();
    QSignalSpy scanned(window.worker(), &EngineWorker::scanned);
    window.trainPage()->setFolder(testsupport::fixtureDir() + "/dataset");
    QVERIFY(arrived(scanned, 30000));
    const QString dataset = testsupport::fixtureDir() + "/dataset";
    QVERIFY(QSettings().value("train/recentFolders").toStringList().contains(dataset));
    auto* report = window.trainPage()->reportView()->document();
    QVERIFY(report->toHtml().contains("thumb:0"));
    QVERIFY(
        !report->resource(QTextDocument::ImageResource, QUrl("thumb:0")).value<QImage>().isNull());
    QVERIFY(report->toPlainText().contains("skipped"));
    auto* train = button(window.trainPage(), "Train");
    QVERIFY(train && train->isEnabled());
    QSignalSpy trained(window.worker(), &EngineWorker::trained);
    LatencyProbe probe;
    QTest::mouseClick(train, Qt::LeftButton);
    QVERIFY(arrived(trained, 300000));
    QVERIFY(window.trainPage()->lossPlot()->batchPoints() > 0);
    QCOMPARE(window.trainPage()->progressBar()->value(), 100);
    QCOMPARE(window.evaluatePage()->confusion()->plot()->plottableCount(), 1);
    QCOMPARE(window.evaluatePage()->perClass()->rowCount(), 3);
    QVERIFY2(probe.worstMs() < 100,
             qPrintable(QString("event loop blocked %1 ms").arg(probe.worstMs())));

    // A cell of the matrix lists exactly its images, and their thumbnails arrive.
    const auto evaluation = trained.first().first().value<headstart::TrainResult>().test;
    for (int t = 0; t < 3; ++t) {
      for (int p = 0; p < 3; ++p) {
        window.evaluatePage()->showCell(t, p);
        const int expected = t == p ? 0 : int(evaluation.confusion[size_t(t)][size_t(p)]);
        QCOMPARE(window.evaluatePage()->mistakes()->count(), expected);
      }
    }
    window.evaluatePage()->showCell(-1, -1);
    auto* mistakes = window.evaluatePage()->mistakes();
    QCOMPARE(mistakes->count(), int(evaluation.mistakes.size()));
    if (mistakes->count() > 0) QTRY_VERIFY_WITH_TIMEOUT(!mistakes->item(0)->icon().isNull(), 10000);

    QTemporaryDir out;
    QSignalSpy exported(window.worker(), &EngineWorker::exported);
    window.exportHead(out.filePath("gui.pt"));
    QVERIFY(arrived(exported, 60000));
    QVERIFY(QFile::exists(out.filePath("gui.json")) && QFile::exists(out.filePath("gui-model.pt")));
  }

  void cancelMidRun() {
    MainWindow window;
    QSignalSpy scanned(window.worker(), &EngineWorker::scanned);
    window.trainPage()->setFolder(testsupport::fixtureDir() + "/dataset");
    QVERIFY(arrived(scanned, 30000));
    QSignalSpy cancelled(window.worker(), &EngineWorker::cancelled);
    QSignalSpy trained(window.worker(), &EngineWorker::trained);
    QTest::mouseClick(button(window.trainPage(), "Train"), Qt::LeftButton);
    QTest::mouseClick(button(window.trainPage(), "Cancel"), Qt::LeftButton);
    QVERIFY(arrived(cancelled, 60000));
    QCOMPARE(trained.size(), 0);
    QVERIFY(button(window.trainPage(), "Train")->isEnabled());
  }

  void brokenHeadShowsTheError() {
    MainWindow window;
    QTemporaryDir dir;
    const QString head = dir.filePath("broken.pt");
    QFile f(head);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("garbage");
    f.close();
    window.loadHead(head);
    QVERIFY2(window.statusBar()->currentMessage().contains(dir.filePath("broken.json")),
             qPrintable(window.statusBar()->currentMessage()));
  }
};

QTEST_MAIN(TestGui)
#include "test_gui.moc"
