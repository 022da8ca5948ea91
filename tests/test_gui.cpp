// The window, offscreen, driven as a user drives it: drop images, train on a dataset, read the
// evaluation, cancel, load a broken head. Waits on signals, never on sleeps.

#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QMutex>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "confusion_view.h"
#include "evaluate_page.h"
#include "export_dialog.h"
#include "folder_predict_dialog.h"
#include "headstart/export.h"
#include "language.h"
#include "loss_plot.h"
#include "lr_plot.h"
#include "main_window.h"
#include "number_field.h"
#include "predict_page.h"
#include "project.h"
#include "runs_view.h"
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

// The text of the label whose buddy is `field`, without its '&': what a screen reader says.
QString labelFor(QWidget* parent, QWidget* field) {
  for (auto* label : parent->findChildren<QLabel*>())
    if (label->buddy() == field) return label->text().remove('&');
  return {};
}

// Replaces a field's text the way a user does: select all, type, leave with Tab.
void retype(QLineEdit* field, const QString& text) {
  field->setFocus();
  field->selectAll();
  QTest::keyClicks(field, text);
  QTest::keyClick(field, Qt::Key_Tab);
}

NumberField* numberField(QWidget* page, const char* name) {
  return page->findChild<NumberField*>(QString::fromLatin1(name));
}

// Scans `folder` in the window and waits for its report (not another folder's).
bool scanned(MainWindow& window, const QString& folder) {
  QSignalSpy spy(window.worker(), &EngineWorker::scanned);
  window.trainPage()->setFolder(folder);
  const QString wanted = QDir(folder).absolutePath();
  for (int waited = 0; waited < 30000; waited += 50) {
    QCoreApplication::processEvents();
    for (const auto& args : spy) {
      const auto report = args.first().value<headstart::DatasetReport>();
      if (QDir(QString::fromStdString(report.root)).absolutePath() == wanted) {
        QCoreApplication::processEvents();
        return window.trainPage()->dataset().root == report.root;
      }
    }
    QTest::qWait(50);
  }
  return false;
}

// Clicks Train and waits for the engine's result.
std::optional<headstart::TrainResult> trainOnce(MainWindow& window) {
  QSignalSpy trained(window.worker(), &EngineWorker::trained);
  QTest::mouseClick(button(window.trainPage(), "Train"), Qt::LeftButton);
  if (!arrived(trained, 300000)) return std::nullopt;
  return trained.first().first().value<headstart::TrainResult>();
}

// The menu action whose text, without its '&', is `text`.
QAction* menuAction(MainWindow& window, const QString& text) {
  for (auto* menu : window.menuBar()->actions())
    if (menu->menu())
      for (auto* action : menu->menu()->actions())
        if (action->text().remove('&') == text) return action;
  return nullptr;
}

nlohmann::json readJson(const QString& path) {
  std::ifstream in(path.toStdString());
  return nlohmann::json::parse(in);
}

// Feeds the Train page a run as the engine reports it, without the engine: `epochs` epochs of
// `steps` batches whose loss falls from `start` to `end`, then cancelled (nothing to export).
void feedRun(TrainPage* page, double start, double end, headstart::TrainOptions options = {}) {
  const int epochs = options.epochs = 3, steps = 4;
  options.validationFraction = 0.2;
  page->beginRun(options);
  for (int e = 1; e <= epochs; ++e) {
    for (int s = 1; s <= steps; ++s) {
      const double t = double((e - 1) * steps + s) / (epochs * steps);
      const double loss = start + (end - start) * t;
      page->onBatch({e, epochs, s, steps, loss, loss, 1e-3});
    }
    const double t = double(e) / epochs;
    headstart::EpochResult result;
    result.epoch = e;
    result.trainLoss = start + (end - start) * t;
    result.validationLoss = result.trainLoss * 1.1;
    result.validationAccuracy = 0.3 + 0.2 * t;
    page->onEpoch(result);
  }
  page->onCancelled();
}

// Answers the next modal message box by clicking its button named `text`.
void answerNextBox(QObject* context, const QString& text, QString* question) {
  QTimer::singleShot(0, context, [text, question] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    QVERIFY(box);
    *question = box->text();
    QAbstractButton* answer =
        text == "Cancel" ? box->button(QMessageBox::Cancel) : button(box, text);
    QVERIFY(answer);
    answer->click();
  });
}

}  // namespace

class TestGui : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  int m_projects = 0;

 private Q_SLOTS:
  // Each story starts with a project of its own, so one story's runs and dataset do not leak
  // into the next window.
  void init() {
    QSettings().setValue("project/folder",
                         m_home.filePath(QString("projects/%1").arg(++m_projects)));
  }

  void initTestCase() {
    REQUIRE_FIXTURES();
    qputenv("XDG_DATA_HOME", m_home.filePath("data").toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath("config").toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath("cache").toUtf8());
    qputenv("TORCH_HOME", m_home.filePath("torch").toUtf8());
    QCoreApplication::setOrganizationName("HeadStartTest");
    // English, with its plural forms ("3 epochs"), whatever the machine's language.
    qputenv("LANGUAGE", "en");
    headstart::i18n::installTranslators(*QCoreApplication::instance(), /*honourChoice=*/false);
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
    // Choosing a file (as the panel's button does) puts the panel away and remembers the file,
    // once it was found to be a ResNet.
    QSignalSpy checked(&window, &MainWindow::weightsChecked);
    Q_EMIT window.weightsPanel()->weightsChosen(
        QString::fromStdString(testsupport::fixture("resnet50.pth")));
    QVERIFY(arrived(checked, 30000));
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
    for (auto* card : window.predictPage()->findChildren<QFrame*>("predictionCard"))
      QCOMPARE(card->findChildren<QProgressBar*>().size(), 5);  // top-5 bars each
    // Each card says which mode made it: exact, as the Speed menu's automatic choice predicts.
    for (auto* card : window.predictPage()->findChildren<QFrame*>("predictionCard"))
      QCOMPARE(card->findChild<QLabel*>("mode")->text(), QString("exact"));
    // "Show why" swaps each thumbnail for the network's view with the activation map over it,
    // larger, for the class chosen under it: any of the top five.
    window.predictPage()->setShowActivation(true);
    const qreal ratio = window.devicePixelRatioF();
    for (auto* card : window.predictPage()->findChildren<QFrame*>("predictionCard")) {
      auto* picture = card->findChild<QLabel*>("picture");
      auto* choice = card->findChild<QComboBox*>("whyClass");
      QVERIFY(choice && choice->isVisible());
      QStringList barLabels;
      for (auto* bar : card->findChildren<QProgressBar*>())
        barLabels << bar->format().section(": ", 0, 0);
      QStringList choices;
      for (int i = 0; i < choice->count(); ++i) choices << choice->itemText(i);
      QCOMPARE(choices, barLabels);
      const QImage top = picture->pixmap().toImage();
      QCOMPARE(top.size(), QSize(qRound(256 * ratio), qRound(256 * ratio)));
      choice->setCurrentIndex(2);
      const QImage third = picture->pixmap().toImage();
      QCOMPARE(third.size(), top.size());
      QVERIFY(third != top);  // another class's evidence lies elsewhere
      window.predictPage()->setShowActivation(false);
      QCOMPARE(qMax(picture->pixmap().width(), picture->pixmap().height()), qRound(128 * ratio));
      QVERIFY(!choice->isVisible());
      window.predictPage()->setShowActivation(true);
      QCOMPARE(picture->pixmap().toImage(), third);
    }
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
    // Nothing has run yet: no progress bar standing at 0%.
    QVERIFY(window.trainPage()->progressBar()->isHidden());
    QSignalSpy trained(window.worker(), &EngineWorker::trained);
    LatencyProbe probe;
    QTest::mouseClick(train, Qt::LeftButton);
    QVERIFY(!window.trainPage()->progressBar()->isHidden());
    QVERIFY(arrived(trained, 300000));
    QTRY_VERIFY(window.trainPage()->lossPlot()->batchPoints() > 0);  // drawn at the next tick
    QCOMPARE(window.trainPage()->progressBar()->value(), 100);
    QCOMPARE(window.evaluatePage()->confusion()->plot()->plottableCount(), 1);
    QCOMPARE(window.evaluatePage()->perClass()->rowCount(), 3);
    QVERIFY2(probe.worstMs() < 100,
             qPrintable(QString("event loop blocked %1 ms").arg(probe.worstMs())));

    // A cell of the matrix lists exactly its images (the correct ones on the diagonal), is
    // framed and named; "Show all mistakes" goes back to every mistake.
    const auto evaluation = trained.first().first().value<headstart::TrainResult>().test;
    QVERIFY(window.evaluatePage()->summary()->text().contains("Run 1"));
    for (int t = 0; t < 3; ++t) {
      for (int p = 0; p < 3; ++p) {
        window.evaluatePage()->showCell(t, p);
        QCOMPARE(window.evaluatePage()->mistakes()->count(),
                 int(evaluation.confusion[size_t(t)][size_t(p)]));
        const QString caption = window.evaluatePage()->cellCaption()->text();
        QVERIFY2(caption.contains(QString::fromStdString(evaluation.classes[size_t(t)])),
                 qPrintable(caption));
        QCOMPARE(window.evaluatePage()->confusion()->plot()->itemCount(), 9 + 1);  // counts + frame
      }
    }
    button(window.evaluatePage(), "Show all mistakes")->click();
    QCOMPARE(window.evaluatePage()->confusion()->plot()->itemCount(), 9);
    auto* mistakes = window.evaluatePage()->mistakes();
    QCOMPARE(mistakes->count(), int(evaluation.mistakes.size()));
    if (mistakes->count() > 0)
      QTRY_VERIFY_WITH_TIMEOUT(mistakes->item(0)->data(EvaluatePage::kThumbnailRead).toBool(),
                               10000);

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

  // A user in a Russian locale asks for a learning rate, sees the curve and the rate in the
  // field, sets a cosine schedule with warm-up, smoothing and balance in the advanced group, and
  // trains: the engine receives exactly that.
  void findALearningRateThenTrainWithAdvancedOptions() {
    QLocale::setDefault(QLocale("ru_RU"));
    MainWindow window;
    window.show();
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    auto* page = window.trainPage();
    QSignalSpy found(window.worker(), &EngineWorker::lrFound);
    QTest::mouseClick(page->findLrButton(), Qt::LeftButton);
    QVERIFY(arrived(found, 120000));
    const auto search = found.first().first().value<headstart::LrFinderResult>();
    QVERIFY(page->lrPlot()->isVisibleTo(page));
    QVERIFY(search.suggestion);  // separable classes: a clear valley
    // The bold curve is the one the suggestion is read from: the rate marked lies on its descent,
    // well below where it starts falling (a lagging moving average drew it at the top).
    const auto* curve = page->lrPlot()->plot()->graph(1)->data().data();
    QVERIFY(curve->size() > 10);
    auto drawn = curve->constBegin();
    for (const auto& p : search.points) {
      if (!std::isfinite(p.centredLoss)) continue;
      QVERIFY(drawn != curve->constEnd());
      QCOMPARE(drawn->key, p.learningRate);
      QCOMPARE(drawn->value, p.centredLoss);
      ++drawn;
    }
    double high = -INFINITY, low = INFINITY, atSuggestion = NAN;
    for (auto it = curve->constBegin(); it != curve->constEnd(); ++it) {
      if (it->key > search.valleyEndLr) break;
      high = std::max(high, it->value), low = std::min(low, it->value);
      if (it->key <= *search.suggestion) atSuggestion = it->value;
    }
    QVERIFY2(atSuggestion < high - 0.1 * (high - low),
             qPrintable(QStringLiteral("%1 within %2..%3").arg(atSuggestion).arg(low).arg(high)));
    const double suggested = QString::number(*search.suggestion, 'g', 2).toDouble();
    QCOMPARE(numberField(page, "learningRate")->value(), std::optional(suggested));
    QVERIFY(page->lrPlot()->accessibleDescription().contains(
        QLocale().toString(*search.suggestion, 'g', 3)));

    auto* schedule = page->findChild<QComboBox*>("schedule");
    schedule->setFocus();
    QTest::keyClick(schedule, Qt::Key_Down);  // constant -> cosine
    retype(numberField(page, "warmupEpochs"), "0,5");
    retype(numberField(page, "labelSmoothing"), "0,1");
    auto* balance = page->findChild<QCheckBox*>("balance");
    balance->setFocus();
    QTest::keyClick(balance, Qt::Key_Space);
    const auto result = trainOnce(window);
    QLocale::setDefault(QLocale::c());
    QVERIFY(result);
    QCOMPARE(result->options.learningRate, suggested);
    QCOMPARE(result->options.schedule, headstart::LrSchedule::Cosine);
    QCOMPARE(result->options.warmupEpochs, 0.5);
    QCOMPARE(result->options.labelSmoothing, 0.1);
    QCOMPARE(result->options.balance, true);
  }

  // Typed in a Russian or an English locale, with a point, a comma or an exponent: the engine
  // receives the number typed. QDoubleSpinBox gave lr = 1 for "0.01" under ru_RU.
  void typedNumbersReachTheEngine_data() {
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("lr");
    QTest::addColumn<double>("lrValue");
    QTest::addColumn<QString>("validation");
    QTest::addColumn<double>("validationValue");
    QTest::newRow("ru, point") << "ru_RU"
                               << "0.01" << 0.01 << "0.2" << 0.2;
    QTest::newRow("ru, comma, exponent") << "ru_RU"
                                         << "1,5e-3" << 0.0015 << "0,25" << 0.25;
    QTest::newRow("en, exponent") << "en_US"
                                  << "1e-4" << 1e-4 << "0.2" << 0.2;
    QTest::newRow("en, comma") << "en_US"
                               << "0,02" << 0.02 << ".1" << 0.1;
  }
  void typedNumbersReachTheEngine() {
    QFETCH(QString, locale);
    QFETCH(QString, lr);
    QFETCH(double, lrValue);
    QFETCH(QString, validation);
    QFETCH(double, validationValue);
    QLocale::setDefault(QLocale(locale));
    MainWindow window;
    window.show();
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    auto* page = window.trainPage();
    retype(numberField(page, "learningRate"), lr);
    retype(numberField(page, "validationFraction"), validation);
    QCOMPARE(numberField(page, "learningRate")->text(), lr);  // shown back as typed
    const auto result = trainOnce(window);
    QLocale::setDefault(QLocale::c());
    QVERIFY(result);
    QCOMPARE(result->options.learningRate, lrValue);
    QCOMPARE(result->options.validationFraction, validationValue);
  }

  void whatIsNotANumberIsRefusedVisibly() {
    QLocale::setDefault(QLocale("ru_RU"));
    MainWindow window;
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    auto* train = button(window.trainPage(), "Train");
    auto* lr = numberField(window.trainPage(), "learningRate");
    QVERIFY(train->isEnabled());
    for (const QString& bad : {"abc", "0.01.5", "1,000.5", "20", "0", "-1e-3", ""}) {
      retype(lr, bad);
      QVERIFY2(!lr->isValid(), qPrintable(bad));
      QVERIFY2(!train->isEnabled(), qPrintable(bad));
      QVERIFY(lr->styleSheet().contains("background"));
      QVERIFY(!lr->toolTip().isEmpty());
      QVERIFY(!train->toolTip().isEmpty());
    }
    retype(lr, "3e-4");
    QVERIFY(lr->isValid());
    QVERIFY(train->isEnabled());
    QVERIFY(lr->styleSheet().isEmpty());
    QLocale::setDefault(QLocale::c());
  }

  // A finished run on one dataset, then another folder chosen and a long run cancelled: the
  // export still describes the finished run, its dataset and its options.
  void exportDescribesTheRunThatProducedIt() {
    MainWindow window;
    window.show();
    const QString dataset = testsupport::fixtureDir() + "/dataset";
    QVERIFY(scanned(window, dataset));
    auto* epochs = window.trainPage()->findChild<QSpinBox*>("epochs");
    epochs->setValue(2);
    QVERIFY(trainOnce(window));
    epochs->setValue(999);
    QVERIFY(scanned(window, dataset + "/train"));  // class folders only: another dataset
    QSignalSpy cancelled(window.worker(), &EngineWorker::cancelled);
    QTest::mouseClick(button(window.trainPage(), "Train"), Qt::LeftButton);
    QTest::mouseClick(button(window.trainPage(), "Cancel"), Qt::LeftButton);
    QVERIFY(arrived(cancelled, 60000));

    QTemporaryDir out;
    QSignalSpy exported(window.worker(), &EngineWorker::exported);
    window.exportHead(out.filePath("digits"), false);
    QVERIFY(arrived(exported, 60000));
    const auto manifest = readJson(out.filePath("digits.json"));
    QCOMPARE(manifest["hyperparameters"]["epochs"].get<int>(), 2);
    QCOMPARE(QString::fromStdString(manifest["dataset"]["root"].get<std::string>()),
             QDir(dataset).absolutePath());
  }

  // Augmented views typed into the Train page reach the engine, and the export names them.
  void augmentedViewsReachTheManifest() {
    MainWindow window;
    window.show();
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    auto* page = window.trainPage();
    page->findChild<QSpinBox*>("epochs")->setValue(1);
    auto* views = page->findChild<QSpinBox*>("augmentViews");
    QVERIFY(views);
    QCOMPARE(views->accessibleName().isEmpty() ? labelFor(page, views) : views->accessibleName(),
             QString("Augmented views per image"));
    views->setFocus();
    views->selectAll();
    QTest::keyClicks(views, "1");  // one view: the centre crops are cached by earlier stories
    QTest::keyClick(views, Qt::Key_Tab);
    const auto result = trainOnce(window);
    QVERIFY(result);
    QCOMPARE(result->options.augment.views, 1);
    QTemporaryDir out;
    QSignalSpy exported(window.worker(), &EngineWorker::exported);
    window.exportHead(out.filePath("augmented"), false);
    QVERIFY(arrived(exported, 60000));
    const auto manifest = readJson(out.filePath("augmented.json"));
    QCOMPARE(manifest["hyperparameters"]["augment_views"].get<int>(), 1);
    QCOMPARE(manifest["augmentation"]["views"].get<int>(), 1);
    views->setValue(0);  // the next stories train without views
  }

  // Test-time flip, which the command line has, is in the window too: ticked on the Train page
  // it reaches the run's evaluation; chosen in the Speed menu it reaches predictions.
  void testTimeFlipReachesTheEngine() {
    MainWindow window;
    window.show();
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    auto* page = window.trainPage();
    page->findChild<QSpinBox*>("epochs")->setValue(1);
    auto* flip = page->findChild<QCheckBox*>("testTimeFlip");
    QVERIFY(flip && !flip->isChecked());
    QTest::mouseClick(flip, Qt::LeftButton, {}, QPoint(8, flip->height() / 2));
    const auto result = trainOnce(window);
    QVERIFY(result);
    QVERIFY(result->options.testTimeFlip);
    QVERIFY(!window.predictionOptions().testTimeFlip);
    QAction* menuFlip = window.menuBar()->findChild<QAction*>("testTimeFlip");
    QVERIFY(menuFlip);
    menuFlip->trigger();
    QVERIFY(window.predictionOptions().testTimeFlip);
    menuFlip->trigger();
    flip->setChecked(false);
    QSettings().setValue("train/testTimeFlip", false);
  }

  // A ResNet18 checkpoint is recognised and used; an exported head or a damaged file is refused
  // with a sentence, and never remembered.
  void chosenWeightsAreCheckedAndRecognised() {
    const QString r18 = QString::fromStdString(testsupport::fixture("resnet18.pth"));
    QTemporaryDir dir;
    headstart::TrainResult result;
    result.head.classes = {"red", "green"};
    result.head.featureDim = 512;
    result.head.weight.assign(2 * 512, 0.01f);
    result.head.bias = {0, 0};
    result.options.arch = headstart::Arch::ResNet18;
    result.options.weightsPath = r18.toStdString();
    const auto files = headstart::exportTrained(dir.filePath("mine").toStdString(), result, false);
    const QString junk = dir.filePath("junk.pth");
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("PK\x03\x04 not really");
    f.close();
    {
      MainWindow window;
      window.show();
      QSignalSpy checked(&window, &MainWindow::weightsChecked);
      Q_EMIT window.weightsPanel()->weightsChosen(r18);
      QVERIFY(arrived(checked, 30000));
      QCOMPARE(checked.takeFirst().first().toBool(), true);
      QVERIFY(!window.weightsPanel()->isVisibleTo(&window));
      QCOMPARE(QSettings().value("weights/arch").toString(), QString("resnet18"));
      QVERIFY(window.predictPage()
                  ->findChild<QLabel*>("modelDescription")
                  ->text()
                  .contains("ResNet18"));
      // Predictions come out of the ResNet18, not a shape error.
      QSignalSpy predicted(window.worker(), &EngineWorker::predicted);
      window.predict({QString::fromStdString(testsupport::fixture("images/photo.jpg"))});
      QVERIFY(arrived(predicted, 60000));
      QCOMPARE(window.predictPage()->findChildren<QFrame*>("predictionCard").size(), 1);

      for (const QString& wrong : {QString::fromStdString(files.head), junk}) {
        Q_EMIT window.weightsPanel()->weightsChosen(wrong);
        QVERIFY(arrived(checked, 30000));
        QCOMPARE(checked.takeFirst().first().toBool(), false);
        QVERIFY(window.weightsPanel()->isVisibleTo(&window));
        QCOMPARE(QSettings().value("weights/resnet18").toString(), r18);
        QVERIFY(window.hasWeights());
      }
      // The head was offered as a head; the junk file was not.
      QVERIFY(!window.weightsPanel()->loadHeadButton()->isVisibleTo(&window));
      Q_EMIT window.weightsPanel()->weightsChosen(QString::fromStdString(files.manifest));
      QVERIFY(arrived(checked, 30000));
      QVERIFY(window.weightsPanel()->loadHeadButton()->isVisibleTo(&window));
      QTest::mouseClick(window.weightsPanel()->loadHeadButton(), Qt::LeftButton);
      QVERIFY(
          window.predictPage()->findChild<QLabel*>("modelDescription")->text().contains("mine"));
    }
    MainWindow restarted;  // the refused files were not remembered
    QVERIFY(restarted.hasWeights());
    QVERIFY(restarted.predictPage()
                ->findChild<QLabel*>("modelDescription")
                ->text()
                .contains("resnet18.pth"));
    QSettings().setValue("weights/arch", "resnet50");
  }

  // A page saved as .pth and a download cut in half are refused with different sentences, each
  // naming the file, in the panel's text (not only in a tooltip).
  void damagedWeightsSayWhatIsWrong() {
    QTemporaryDir dir;
    const QString page = dir.filePath("page.pth"), half = dir.filePath("half.pth");
    QFile html(page);
    QVERIFY(html.open(QIODevice::WriteOnly));
    html.write("<html>404 Not Found</html>\n");
    html.close();
    QFile whole(QString::fromStdString(testsupport::fixture("resnet18.pth")));
    QVERIFY(whole.open(QIODevice::ReadOnly));
    QFile cut(half);
    QVERIFY(cut.open(QIODevice::WriteOnly));
    cut.write(whole.read(whole.size() / 2));
    cut.close();
    MainWindow window;
    window.show();
    QSignalSpy checked(&window, &MainWindow::weightsChecked);
    const auto shown = [&](const QString& path) {
      Q_EMIT window.weightsPanel()->weightsChosen(path);
      if (!arrived(checked, 30000)) return QString();
      checked.clear();
      QStringList texts;
      for (auto* label : window.weightsPanel()->findChildren<QLabel*>())
        if (label->isVisibleTo(&window)) texts << label->text();
      return texts.join('\n');
    };
    const QString garbage = shown(page);
    QVERIFY2(garbage.contains(page + ": not a PyTorch checkpoint (not a zip or pickle file)"),
             qPrintable(garbage));
    const QString truncated = shown(half);
    QVERIFY2(truncated.contains(half + ": truncated: the file ends after"), qPrintable(truncated));
  }

  // One name typed; the files get their extensions, and any of them loads the export back.
  void exportNamesRoundTrip() {
    QTemporaryDir out;
    ExportDialog dialog(out.path(), QString());
    QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::keyClicks(dialog.nameField(), "digits");
    QCOMPARE(dialog.files(),
             (QStringList{out.filePath("digits.pt"), out.filePath("digits-model.pt"),
                          out.filePath("digits.json")}));
    QVERIFY(dialog.filesLabel()->text().contains("digits-model.pt"));

    MainWindow window;
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    QVERIFY(trainOnce(window));
    QSignalSpy exported(window.worker(), &EngineWorker::exported);
    window.exportHead(dialog.basePath(), dialog.withModel());
    QVERIFY(arrived(exported, 60000));
    for (const QString& file : dialog.files()) QVERIFY2(QFile::exists(file), qPrintable(file));
    QVERIFY(!QFile::exists(out.filePath("digits")));
    for (const QString& pick : dialog.files()) {
      window.loadHead(QString());
      window.loadHead(pick);
      const QString shown = window.predictPage()->findChild<QLabel*>("modelDescription")->text();
      QVERIFY2(shown.contains("digits"), qPrintable(shown + " for " + pick));
    }
  }

  // A user fine-tunes the last stage, clicks Export…, finds the run's name proposed and the whole
  // network required, ticks ONNX and exports: the .onnx is written, the same file the
  // command line writes from that export (test_onnx checks those against PyTorch).
  void fineTunedRunExportsToOnnxFromTheWindow() {
    MainWindow window;
    window.show();
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    auto* page = window.trainPage();
    auto* parts = page->findChild<QComboBox*>("trainedParts");
    parts->setCurrentIndex(0);
    parts->setFocus();
    QTest::keyClick(parts, Qt::Key_Down);
    QCOMPARE(parts->currentText(), QString("Last stage and layer"));
    auto* epochs = page->findChild<QSpinBox*>("epochs");
    epochs->setFocus();
    epochs->selectAll();
    QTest::keyClicks(epochs, "1");
    QTest::keyClick(epochs, Qt::Key_Tab);
    const auto result = trainOnce(window);
    QVERIFY(result && result->stage);

    QTemporaryDir out;
    QSettings().setValue("export/folder", out.path());
    QString proposed;
    bool modelRequired = false;
    QTimer::singleShot(0, this, [&] {
      auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
      if (!dialog) return;
      proposed = dialog->nameField()->text();
      modelRequired = dialog->modelBox()->isChecked() && !dialog->modelBox()->isEnabled();
      QTest::mouseClick(dialog->onnxBox(), Qt::LeftButton);
      QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                        Qt::LeftButton);
    });
    QSignalSpy onnx(window.worker(), &EngineWorker::exportedOnnx);
    QSignalSpy failed(window.worker(), &EngineWorker::failed);
    QTest::mouseClick(button(page, "Export…"), Qt::LeftButton);
    QCOMPARE(proposed, QString("Run 1"));
    QVERIFY(modelRequired);
    QVERIFY2(arrived(onnx, 120000),
             qPrintable(failed.isEmpty() ? window.statusBar()->currentMessage()
                                         : failed.first().first().toString()));
    QVERIFY2(window.statusBar()->currentMessage().contains("Run 1.onnx"),
             qPrintable(window.statusBar()->currentMessage()));
    const QString fromWindow = out.filePath("Run 1.onnx");
    QVERIFY(QFile::exists(fromWindow));
    QVERIFY(QFile::exists(out.filePath("Run 1-model.pt")));
    QProcess cli;
    cli.start(qEnvironmentVariable("HEADSTART_CLI"),
              {"export", "--head", out.filePath("Run 1.json"), "--onnx", out.filePath("cli.onnx")});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QFile a(fromWindow), b(out.filePath("cli.onnx"));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QVERIFY(a.size() > 1000000);
    QVERIFY(a.readAll() == b.readAll());
    parts->setCurrentIndex(0);  // the next stories train the last layer only, 3 epochs
    QSettings().setValue("train/lastStage", false);
    QSettings().setValue("train/epochs", 3);
  }

  // Three runs: two finished, one cancelled. Each is listed with its own options and state, the
  // plot fits the runs ticked, a run can be renamed, evaluated, exported and deleted, and after a
  // restart the project brings everything back.
  void runsAreListedComparedAndKept() {
    const QString dataset = testsupport::fixtureDir() + "/dataset";
    QString projectFolder;
    QString kept;
    double keptAccuracy = 0;
    {
      MainWindow window;
      window.show();
      projectFolder = window.project()->folder();
      QVERIFY(scanned(window, dataset));
      auto* page = window.trainPage();
      auto* epochs = page->findChild<QSpinBox*>("epochs");
      epochs->setValue(2);
      QVERIFY(trainOnce(window));
      epochs->setValue(3);
      retype(numberField(page, "validationFraction"), "0.25");
      const auto second = trainOnce(window);
      QVERIFY(second);
      keptAccuracy = second->test.accuracy;
      epochs->setValue(999);
      QSignalSpy cancelled(window.worker(), &EngineWorker::cancelled);
      QSignalSpy epochDone(window.worker(), &EngineWorker::epochDone);
      QTest::mouseClick(button(page, "Train"), Qt::LeftButton);
      QTRY_VERIFY_WITH_TIMEOUT(epochDone.size() >= 6, 60000);  // longer than the others
      QTest::keyClick(page, Qt::Key_Escape);                   // Esc cancels
      QVERIFY(arrived(cancelled, 60000));
      QVERIFY2(page->progressBar()->format().startsWith("Cancelled at epoch"),
               qPrintable(page->progressBar()->format()));
      QVERIFY(page->progressBar()->format().endsWith("of 999"));

      const auto& runs = window.project()->runs();
      QCOMPARE(runs.size(), 3);
      QCOMPARE(runs[0]->displayName(), QString("Run 1"));
      QCOMPARE(int(runs[1]->state), int(RunState::Done));
      QCOMPARE(int(runs[2]->state), int(RunState::Cancelled));
      QCOMPARE(runs[1]->result->options.epochs, 3);
      auto* tree = page->runsView()->tree();
      QCOMPARE(tree->topLevelItemCount(), 3);
      QVERIFY(tree->topLevelItem(1)->text(3).contains("3 epochs"));
      QCOMPARE(tree->topLevelItem(2)->text(2), QString("cancelled"));

      // Hidden, the long cancelled run no longer stretches the axis.
      auto* plot = page->lossPlot();
      QTRY_VERIFY(plot->plot()->xAxis->range().upper > 5.5);
      tree->topLevelItem(2)->setCheckState(0, Qt::Unchecked);
      QTRY_VERIFY(plot->plot()->xAxis->range().upper <= 3.5);
      QTRY_VERIFY(plot->legendNames().contains("Run 2"));
      QVERIFY(!plot->legendNames().contains("Run 3"));
      QVERIFY(plot->legendNames().contains("kept epoch: lowest validation loss"));
      for (int i = 0; i < plot->plot()->legend->itemCount(); ++i) {
        if (!plot->plot()->legend->item(i)) continue;  // the last row's empty cells
        auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->plot()->legend->item(i));
        QVERIFY(item && !item->plottable()->name().isEmpty());
        QVERIFY(static_cast<QCPGraph*>(item->plottable())->dataCount() > 0);  // no empty series
      }
      // Steps on x: the same runs, wider.
      page->findChild<QComboBox*>()->setCurrentIndex(1);
      QTRY_VERIFY(plot->plot()->xAxis->range().upper > 3.5);
      page->findChild<QComboBox*>()->setCurrentIndex(0);

      tree->topLevelItem(1)->setText(0, "with validation");
      QCOMPARE(runs[1]->name, QString("with validation"));
      // Another run's name is refused, and the list shows the run's own again.
      tree->topLevelItem(0)->setText(0, "With Validation");
      QCOMPARE(runs[0]->displayName(), QString("Run 1"));
      QTRY_COMPARE(tree->topLevelItem(0)->text(0), QString("Run 1"));
      QVERIFY2(window.statusBar()->currentMessage().contains("already called"),
               qPrintable(window.statusBar()->currentMessage()));
      kept = runs[1]->id;
      page->runsView()->select(kept);
      button(page, "Evaluate")->click();
      QVERIFY(window.evaluatePage()->summary()->text().contains("with validation"));

      QTemporaryDir out;
      QSignalSpy exported(window.worker(), &EngineWorker::exported);
      window.exportRun(kept, out.filePath("second"), false);
      QVERIFY(arrived(exported, 60000));
      QCOMPARE(readJson(out.filePath("second.json"))["hyperparameters"]["epochs"].get<int>(), 3);

      // Delete asks first, naming the run: "Cancel" keeps it, "Delete" removes it, and the list
      // then holds each remaining run once.
      const QString first = runs[0]->id;
      page->runsView()->select(first);
      QString question;
      answerNextBox(this, "Cancel", &question);
      button(page, "Delete")->click();
      QVERIFY2(question.contains("Run 1"), qPrintable(question));
      QCOMPARE(window.project()->runs().size(), 3);
      window.project()->flush();
      QVERIFY(QDir(projectFolder + "/runs/" + first).exists());
      answerNextBox(this, "Delete", &question);
      button(page, "Delete")->click();
      QCOMPARE(window.project()->runs().size(), 2);
      QStringList listed;
      for (int i = 0; i < tree->topLevelItemCount(); ++i) listed << tree->topLevelItem(i)->text(0);
      QCOMPARE(listed, (QStringList{"with validation", "Run 3"}));
      window.project()->flush();
      QVERIFY(!QDir(projectFolder + "/runs/" + first).exists());
    }
    MainWindow restarted;
    QCOMPARE(restarted.project()->folder(), projectFolder);
    const auto& runs = restarted.project()->runs();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0]->id, kept);
    QCOMPARE(runs[0]->name, QString("with validation"));
    QVERIFY(runs[0]->result);
    QCOMPARE(runs[0]->result->test.accuracy, keptAccuracy);
    QCOMPARE(runs[0]->curves.epochs.size(), 3);
    QVERIFY(!runs[1]->shown);
    QCOMPARE(int(runs[1]->state), int(RunState::Cancelled));
    QVERIFY(runs[1]->note.startsWith("Cancelled at epoch"));
    QCOMPARE(restarted.trainPage()->runsView()->tree()->topLevelItemCount(), 2);
    QTRY_VERIFY(restarted.trainPage()->lossPlot()->batchPoints() > 0);
    QTRY_COMPARE(QDir(QString::fromStdString(restarted.trainPage()->dataset().root)).absolutePath(),
                 QDir(dataset).absolutePath());
    QCOMPARE(numberField(restarted.trainPage(), "validationFraction")->value().value_or(-1), 0.25);
  }

  // Seven runs at a laptop's sizes (and a 2x screen's 960x540): the legend sits under the axes,
  // never over the curves, and folds away rather than squeeze them.
  // A new project starts with an empty plot: its runs only, not the curves of the one before.
  void aNewProjectShowsNoOldCurves() {
    MainWindow window;
    window.show();
    auto* page = window.trainPage();
    for (int r = 0; r < 2; ++r) feedRun(page, 2.3 - 0.1 * r, 0.4);
    auto* plot = page->lossPlot()->plot();
    const auto drawnPoints = [plot] {
      int points = 0;
      for (int g = 0; g < plot->graphCount(); ++g) points += plot->graph(g)->dataCount();
      return points;
    };
    QTRY_VERIFY(drawnPoints() > 0);
    QTest::qWait(200);  // past the last drawing of those curves
    QSignalSpy drawn(plot, &QCustomPlot::afterReplot);
    QTemporaryDir fresh;
    QVERIFY(window.openProject(fresh.filePath("new project")));
    QTRY_VERIFY(!drawn.isEmpty());  // drawn again: the old curves no longer on screen
    QCOMPARE(drawnPoints(), 0);
    QTRY_VERIFY(page->lossPlot()->legendNames().isEmpty());
  }

  void theLegendNeverCoversTheCurves_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("1100x800") << QSize(1100, 800);
    QTest::newRow("1024x640") << QSize(1024, 640);
    QTest::newRow("960x540") << QSize(960, 540);
  }
  void theLegendNeverCoversTheCurves() {
    QFETCH(QSize, size);
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* page = window.trainPage();
    window.showPage(page);
    for (int r = 0; r < 7; ++r) feedRun(page, 2.3 - 0.1 * r, 0.4);
    auto* plot = page->lossPlot()->plot();
    QTRY_COMPARE(page->lossPlot()->legendNames().size(), 7 + 4);
    plot->replot();
    const QRect axes = plot->axisRect()->outerRect();
    QVERIFY2(axes.height() >= 60, qPrintable(QString::number(axes.height())));
    if (size.width() >= 1100) QVERIFY(page->lossPlot()->legendShown());
    if (page->lossPlot()->legendShown()) {
      const QRect legend = plot->legend->outerRect();
      QVERIFY(plot->rect().contains(legend));
      QVERIFY2(!legend.intersects(plot->axisRect()->rect()),
               qPrintable(QString("legend %1,%2 %3x%4 over axes %5,%6 %7x%8")
                              .arg(legend.x())
                              .arg(legend.y())
                              .arg(legend.width())
                              .arg(legend.height())
                              .arg(axes.x())
                              .arg(axes.y())
                              .arg(axes.width())
                              .arg(axes.height())));
    }
    // The user can fold it away, and bring it back.
    const bool shown = page->lossPlot()->legendShown();
    auto* toggle = page->findChild<QCheckBox*>("plotLegend");
    toggle->click();
    QVERIFY(!page->lossPlot()->legendShown());
    toggle->click();
    QCOMPARE(page->lossPlot()->legendShown(), shown);
  }

  // One run diverging to a loss of 200 among six near 2: the axis fits the six, the seventh
  // runs off the top and the axis says so.
  void aDivergedRunDoesNotFlattenTheOthers() {
    MainWindow window;
    window.show();
    auto* page = window.trainPage();
    for (int r = 0; r < 6; ++r) feedRun(page, 2.3 - 0.1 * r, 0.5);
    feedRun(page, 2.3, 200);
    auto* plot = page->lossPlot()->plot();
    QTRY_COMPARE(page->lossPlot()->legendNames().filter(QRegularExpression("^Run ")).size(), 7);
    const double top = plot->yAxis->range().upper;
    QVERIFY2(top > 2.0 && top < 3.5, qPrintable(QString::number(top)));
    QVERIFY2(plot->yAxis->label().contains("Run 7"), qPrintable(plot->yAxis->label()));
    // Hidden, it no longer counts; a single run always fits whole.
    page->runsView()->tree()->topLevelItem(6)->setCheckState(0, Qt::Unchecked);
    QTRY_VERIFY(!plot->yAxis->label().contains("Run 7"));
    for (int r = 0; r < 6; ++r)
      page->runsView()->tree()->topLevelItem(r)->setCheckState(0, Qt::Unchecked);
    page->runsView()->tree()->topLevelItem(6)->setCheckState(0, Qt::Checked);
    QTRY_VERIFY(plot->yAxis->range().upper > 200);
  }

  // Reading cached features takes no time: no rate is made up from it. A saved head evaluated
  // from the Evaluate page leaves the Train page's words alone; another dataset clears them, and
  // the learning-rate curve found on the previous one.
  void progressTextIsNeverStaleOrAbsurd() {
    MainWindow window;
    window.show();
    const QString dataset = testsupport::fixtureDir() + "/dataset";
    QVERIFY(scanned(window, dataset));
    auto* page = window.trainPage();
    page->findChild<QSpinBox*>("epochs")->setValue(1);
    QVERIFY(trainOnce(window));  // the features are cached from here on
    QStringList texts;
    connect(
        window.worker(), &EngineWorker::extractionProgress, this,
        [&] { texts << page->progressBar()->format(); }, Qt::QueuedConnection);
    QVERIFY(trainOnce(window));
    QVERIFY(!texts.isEmpty());
    for (const auto& text : texts) {
      QVERIFY2(text.contains("from the cache") && !text.contains("images/s"), qPrintable(text));
    }
    const QString finished = page->progressBar()->format();
    QVERIFY2(finished.contains("done: test accuracy"), qPrintable(finished));

    QTemporaryDir out;
    QSignalSpy exported(window.worker(), &EngineWorker::exported);
    window.exportHead(out.filePath("saved"), false);
    QVERIFY(arrived(exported, 60000));
    window.loadHead(out.filePath("saved.json"));
    QSignalSpy evaluated(window.worker(), &EngineWorker::evaluated);
    QTimer::singleShot(100, this, [] {  // the file dialog proposes the loaded head: accept it
      auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
      QVERIFY(dialog);
      QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
    });
    button(window.evaluatePage(), "Evaluate a trained head…")->click();
    QVERIFY(arrived(evaluated, 60000));
    QCOMPARE(page->progressBar()->format(), finished);

    QSignalSpy found(window.worker(), &EngineWorker::lrFound);
    QTest::mouseClick(page->findLrButton(), Qt::LeftButton);
    QVERIFY(arrived(found, 120000));
    QVERIFY(page->lrPlot()->isVisibleTo(page));
    QVERIFY(scanned(window, dataset + "/train"));  // class folders only: another dataset
    QVERIFY(!page->lrPlot()->isVisibleTo(page));
    QVERIFY(page->progressBar()->isHidden());
    QCOMPARE(page->progressBar()->format(), QString());
  }

  // A last-stage run of two epochs, chosen and trained as a user does: its options say so, and
  // its progress names the head-only warm-up and then the last stage's own epochs, with no
  // estimate until the last stage's pace is known.
  void lastStageRunsExplainTheirPhases() {
    MainWindow window;
    window.show();
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    auto* page = window.trainPage();
    page->findChild<QSpinBox*>("epochs")->setValue(2);
    auto* parts = page->findChild<QComboBox*>("trainedParts");
    parts->setFocus();
    QTest::keyClick(parts, Qt::Key_Down);  // last layer only -> last stage and layer
    QStringList texts;
    connect(
        window.worker(), &EngineWorker::batchDone, this,
        [&] { texts << page->progressBar()->format(); }, Qt::QueuedConnection);
    const auto result = trainOnce(window);
    QSettings().setValue("train/lastStage", false);  // the next stories train the last layer
    QVERIFY(result);
    QVERIFY(result->options.trainLastStage);
    QCoreApplication::processEvents();
    QVERIFY(texts.size() >= 6);
    const auto starting = [&](const QString& prefix) {
      QStringList found;
      for (const auto& t : texts)
        if (t.startsWith(prefix)) found << t;
      return found;
    };
    const auto warmUp = starting("Head warm-up: epoch 1 of 1, ");
    const auto first = starting("Last stage: epoch 1 of 2, ");
    const auto second = starting("Last stage: epoch 2 of 2, ");
    QCOMPARE(warmUp.size() + first.size() + second.size(), texts.size());
    QVERIFY2(!warmUp.isEmpty() && !first.isEmpty() && !second.isEmpty(),
             qPrintable(texts.join('\n')));
    for (const auto& t : warmUp) QVERIFY2(!t.contains("left"), qPrintable(t));
    QVERIFY2(!first.first().contains("left"), qPrintable(first.first()));
    QVERIFY2(second.last().contains("left"), qPrintable(second.last()));
    const auto* tree = page->runsView()->tree();
    const QString options = tree->topLevelItem(0)->text(3);
    QVERIFY2(options.startsWith("last stage, 2 epochs"), qPrintable(options));
  }

  // At 1400 px the runs list shows each run's test accuracy and state without scrolling, the
  // long options elided (whole in the tooltip).
  void runsListShowsAccuracyAndStateAt1400() {
    MainWindow window;
    window.resize(1400, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* page = window.trainPage();
    window.showPage(page);
    headstart::TrainOptions options;
    options.trainLastStage = true;
    options.augment.views = 4;
    options.schedule = headstart::LrSchedule::OneCycle;
    options.warmupEpochs = 0.5;
    options.labelSmoothing = 0.1;
    options.balance = true;
    for (int r = 0; r < 3; ++r) feedRun(page, 2.3, 0.5, options);
    auto* tree = page->runsView()->tree();
    QCoreApplication::processEvents();
    for (const int column : {1, 2}) {
      const int right =
          tree->header()->sectionViewportPosition(column) + tree->header()->sectionSize(column);
      QVERIFY2(right <= tree->viewport()->width(),
               qPrintable(QString("column %1 ends at %2 of %3")
                              .arg(tree->headerItem()->text(column))
                              .arg(right)
                              .arg(tree->viewport()->width())));
    }
    QCOMPARE(tree->headerItem()->text(1), QString("Test accuracy"));
    QCOMPARE(tree->headerItem()->text(2), QString("State"));
    QVERIFY(tree->topLevelItem(0)->toolTip(3).contains("balanced"));
  }

  // The hyperparameters take the page's height: at 1400x950 every row shows without scrolling,
  // and Tab goes down the rows in the order they are drawn.
  void hyperparametersShowWholeAndTabInOrder() {
    MainWindow window;
    window.resize(1400, 950);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));  // the finder enabled
    auto* page = window.trainPage();
    window.showPage(page);
    auto* scroll = page->formScroll();
    QCoreApplication::processEvents();
    QVERIFY2(scroll->verticalScrollBar()->maximum() == 0,
             qPrintable(QString("%1 of %2 px shown")
                            .arg(scroll->viewport()->height())
                            .arg(scroll->widget()->height())));
    auto* form = scroll->widget();
    auto* field = page->findChild<QComboBox*>("trainedParts");
    field->setFocus();
    QStringList order;
    int lastY = -1;
    for (QWidget* focus = field; focus && form->isAncestorOf(focus);
         focus = QApplication::focusWidget()) {
      const int y = focus->mapTo(form, QPoint(0, 0)).y();
      order << focus->objectName() + "@" + QString::number(y);
      QVERIFY2(y > lastY, qPrintable(order.join(", ")));
      lastY = y;
      QTest::keyClick(focus, Qt::Key_Tab);
    }
    QVERIFY2(order.size() >= 14, qPrintable(order.join(", ")));
    QVERIFY2(order.filter("findLearningRate").size() == 1, qPrintable(order.join(", ")));
  }

  // Quitting while a run trains asks first; agreeing keeps the run, as cancelled, with its curves.
  void quittingDuringTrainingAsksAndKeepsTheRun() {
    QString folder;
    {
      MainWindow window;
      window.show();
      folder = window.project()->folder();
      QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
      window.trainPage()->findChild<QSpinBox*>("epochs")->setValue(999);
      QSignalSpy epochDone(window.worker(), &EngineWorker::epochDone);
      QTest::mouseClick(button(window.trainPage(), "Train"), Qt::LeftButton);
      QVERIFY(epochDone.wait(60000));
      int asked = 0;
      window.confirmQuit = [&asked] { return ++asked > 1; };  // "no", then "yes"
      QVERIFY(!window.close());
      QVERIFY(window.trainPage()->busy());
      QVERIFY(window.close());
      QCOMPARE(asked, 2);
    }
    MainWindow restarted;
    QCOMPARE(restarted.project()->folder(), folder);
    QCOMPARE(restarted.project()->runs().size(), 1);
    const auto& run = *restarted.project()->runs().first();
    QCOMPARE(int(run.state), int(RunState::Cancelled));
    QVERIFY(run.curves.epochs.size() >= 1);
  }

  // Twenty images, one broken: cards come batch by batch under a progress bar, the status counts
  // the failure, every card names its classes; Clear and × remove cards.
  void predictionsArriveBatchByBatch() {
    MainWindow window;
    window.show();
    QTemporaryDir dir;
    QFile bad(dir.filePath("broken.jpg"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("not an image");
    bad.close();
    QStringList paths;
    for (int i = 0; i < 19; ++i)
      paths << QString::fromStdString(
          testsupport::fixture(i % 2 ? "images/photo.jpg" : "images/portrait.png"));
    paths.insert(5, bad.fileName());
    QSignalSpy batches(window.worker(), &EngineWorker::predicted);
    QSignalSpy progress(window.worker(), &EngineWorker::predictProgress);
    QSignalSpy finished(window.worker(), &EngineWorker::predictionFinished);
    window.predict(paths);
    QVERIFY(arrived(finished, 120000));
    QVERIFY2(batches.size() >= 3, qPrintable(QString::number(batches.size())));
    QVERIFY(progress.size() >= 3);
    QCOMPARE(progress.last().at(0).toInt(), 20);
    QCOMPARE(window.predictPage()->cardCount(), 20);
    QVERIFY(!window.predictPage()->progressBar()->isVisible());
    QVERIFY2(window.statusBar()->currentMessage().contains("1 of 20 could not be read"),
             qPrintable(window.statusBar()->currentMessage()));
    for (auto* label : window.predictPage()->findChildren<QLabel*>("classifier"))
      QCOMPARE(label->text(), QString("ImageNet classes"));
    // The first card on top is the first image given.
    auto* first = window.predictPage()->scrollArea()->widget()->layout()->itemAt(0)->widget();
    QCOMPARE(first->findChild<QLabel*>("fileName")->toolTip(), paths.first());
    first->findChild<QPushButton*>("removeCard")->click();
    QTRY_COMPARE(window.predictPage()->cardCount(), 19);
    button(window.predictPage(), "Clear")->click();
    QCOMPARE(window.predictPage()->cardCount(), 0);
  }

  // Images given before any weights are kept, and predicted once weights are chosen.
  void imagesWaitForWeights() {
    QSettings().remove("weights/resnet50");
    MainWindow window;
    QVERIFY(!window.hasWeights());
    const QString photo = QString::fromStdString(testsupport::fixture("images/photo.jpg"));
    window.predict({photo});
    QVERIFY(window.statusBar()->currentMessage().contains("waiting"));
    QSignalSpy finished(window.worker(), &EngineWorker::predictionFinished);
    Q_EMIT window.weightsPanel()->weightsChosen(
        QString::fromStdString(testsupport::fixture("resnet50.pth")));
    QVERIFY(arrived(finished, 60000));
    QCOMPARE(window.predictPage()->cardCount(), 1);
  }

  // A path copied as text opens that file; the hint names the buttons on screen.
  void pastedPathOpensTheFile() {
    PredictPage page;
    const QString photo = QString::fromStdString(testsupport::fixture("images/photo.jpg"));
    QSignalSpy chosen(&page, &PredictPage::imagesChosen);
    QApplication::clipboard()->setText("  " + photo + "\n");
    page.pasteImage();
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.first().first().toStringList(), QStringList{photo});
    const QString hint = page.findChild<QLabel*>("hint")->text();
    for (const char* name : {"Open images…", "Paste"}) {
      QVERIFY(button(&page, name));
      QVERIFY2(hint.contains(name), qPrintable(hint));
    }
  }

  // The first window fits the screen it opens on; every page can shrink to a small laptop's
  // screen, or a 1920x1080 one scaled by two (960x540), scrolling instead of leaving the screen.
  void theWindowFitsSmallScreens() {
    QSettings().remove("window/geometry");
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(available.contains(window.geometry()), qPrintable(QString("%1x%2 on %3x%4")
                                                                   .arg(window.width())
                                                                   .arg(window.height())
                                                                   .arg(available.width())
                                                                   .arg(available.height())));
    QVERIFY2(window.minimumSizeHint().height() <= 540 && window.minimumSizeHint().width() <= 960,
             qPrintable(QString("%1x%2")
                            .arg(window.minimumSizeHint().width())
                            .arg(window.minimumSizeHint().height())));
  }

  // A window closed on another screen (here: one scaled by two, half as many points) or left
  // tiny reopens at a size to work in on this one; one left at a fair size keeps it.
  void aRememberedGeometryFitsThisScreen() {
    QSize available;
    {
      MainWindow window;
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      available = window.screen()->availableGeometry().size();
      window.resize(320, 240);
      window.close();
    }
    const auto reopened = [] {
      MainWindow window;
      window.show();
      return window.size();
    };
    QVERIFY2(reopened().width() > 320 && reopened().height() > 240,
             qPrintable(QString("%1x%2").arg(reopened().width()).arg(reopened().height())));
    QSize fair;
    {
      MainWindow window;
      window.show();
      window.resize(available * 3 / 4);
      fair = window.size();  // at least its minimum size
      window.close();
    }
    QCOMPARE(reopened(), fair);
    QSettings().setValue("window/screen", available / 2);  // as closed at QT_SCALE_FACTOR=2
    const QSize fitted = reopened();
    QVERIFY2(fitted.width() >= std::min(1100, available.width() - 16) &&
                 fitted.height() >= std::min(800, available.height() - 40),
             qPrintable(QString("%1x%2 on %3x%4")
                            .arg(fitted.width())
                            .arg(fitted.height())
                            .arg(available.width())
                            .arg(available.height())));
    QSettings().remove("window/geometry");
  }

  // Ctrl+Tab switches pages even from the per-class table, which used to keep the focus.
  void ctrlTabAlwaysSwitchesPages() {
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.showPage(window.evaluatePage());
    window.evaluatePage()->perClass()->setFocus();
    QTest::keyClick(window.evaluatePage()->perClass(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), 3);  // Data, the last page
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), 0);  // and round to the first
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), 1);
  }

  // Under QT_SCALE_FACTOR=2 (ctest runs this function so too), thumbnails carry twice the pixels.
  void thumbnailsAreSharpWhenScaled() {
    MainWindow window;
    window.show();
    QSignalSpy finished(window.worker(), &EngineWorker::predictionFinished);
    window.predict({QString::fromStdString(testsupport::fixture("images/photo.jpg"))});
    QVERIFY(arrived(finished, 60000));
    const qreal ratio = window.devicePixelRatioF();
    auto* picture = window.predictPage()->findChild<QLabel*>("picture");
    const QPixmap shown = picture->pixmap();
    QCOMPARE(shown.devicePixelRatio(), ratio);
    QCOMPARE(qMax(shown.width(), shown.height()), qRound(128 * ratio));
  }

  // The Speed menu's choice reaches the engine, and the status bar names the mode that ran.
  void speedSettingReachesTheEngine() {
    MainWindow window;
    window.show();
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    QAction* exact = nullptr;
    QAction* fast = nullptr;
    QAction* turbo = nullptr;
    for (auto* menu : window.menuBar()->actions()) {
      if (!menu->menu()) continue;
      for (auto* action : menu->menu()->actions()) {
        if (action->text().startsWith("&Exact")) exact = action;
        if (action->text().startsWith("&Fast")) fast = action;
        if (action->text().startsWith("&Turbo")) turbo = action;
      }
    }
    QVERIFY(exact && fast && turbo);
    exact->trigger();
    auto result = trainOnce(window);
    QVERIFY(result);
    QCOMPARE(int(result->precision.used), int(headstart::Precision::Exact));
    QVERIFY2(window.statusBar()->currentMessage().contains("exact mode"),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(fast->isEnabled(), headstart::cpuHasNativeBf16());
    if (fast->isEnabled()) {
      fast->trigger();
      result = trainOnce(window);
      QVERIFY(result);
      QCOMPARE(int(result->precision.used), int(headstart::Precision::Fast));
      QVERIFY(window.statusBar()->currentMessage().contains("fast mode"));
    }
    // Turbo: int8 features, calibrated on the dataset's training images; the prediction that
    // follows uses that calibration, and the status bar says so.
    QVERIFY(turbo->isEnabled());
    turbo->trigger();
    QCOMPARE(QSettings().value("engine/precision").toString(), QString("int8"));
    result = trainOnce(window);
    QVERIFY(result);
    QCOMPARE(int(result->precision.used), int(headstart::Precision::Int8));
    QVERIFY2(window.statusBar()->currentMessage().contains("turbo mode, calibrated on 42 training "
                                                           "images of"),
             qPrintable(window.statusBar()->currentMessage()));
    // A prediction calibrates on its own images, not on the training images.
    QSignalSpy finished(window.worker(), &EngineWorker::predictionFinished);
    window.predict({QString::fromStdString(testsupport::fixture("images/photo.jpg"))});
    QVERIFY(arrived(finished, 120000));
    QCOMPARE(finished.first().at(2).toString(), QString("int8"));
    QVERIFY2(window.statusBar()->currentMessage().contains(
                 "turbo mode, calibrated on 1 image being predicted"),
             qPrintable(window.statusBar()->currentMessage()));
    // A whole folder is predicted at the same setting, calibrated on its images, and its
    // dialog says so.
    auto* dialog = window.predictFolder(testsupport::fixtureDir() + "/images");
    QVERIFY(dialog);
    QSignalSpy folderDone(dialog, &FolderPredictDialog::predictionDone);
    QVERIFY(arrived(folderDone, 120000));
    QVERIFY2(dialog->statusLabel()->text().contains("images being predicted"),
             qPrintable(dialog->statusLabel()->text()));
    dialog->close();
    QSettings().remove("engine/precision");
  }

  // A last-stage run that had to evict other runs' cached layer3 outputs says so when it ends.
  void finishedRunSaysWhatTheCacheEvicted() {
    MainWindow window;
    window.show();
    auto* page = window.trainPage();
    headstart::TrainOptions options;
    options.trainLastStage = true;
    page->beginRun(options);
    headstart::TrainResult result;
    result.options = options;
    result.test.accuracy = 0.5;
    result.mapCache.evicted = 3;
    result.mapCache.evictedBytes = int64_t(3) << 20;
    page->onTrained(result);
    const QString text = page->progressBar()->format();
    QVERIFY2(text.contains("test accuracy 50") &&
                 text.contains("3 older cached layer3 outputs removed to stay within the cache "
                               "budget"),
             qPrintable(text));
  }

  // A new project has nothing to export; the report starts with what is wrong, by name; the
  // progress speaks in words and percentages; a saved head is evaluated on the chosen dataset.
  void feedbackSaysWhatIsGoingOn() {
    MainWindow window;
    window.show();
    QAction* exportAction = nullptr;
    for (auto* menu : window.menuBar()->actions())
      if (menu->menu())
        for (auto* action : menu->menu()->actions())
          if (action->shortcut() == QKeySequence::Save) exportAction = action;
    QVERIFY(exportAction && !exportAction->isEnabled());
    QVERIFY(!button(window.trainPage(), "Export…")->isEnabled());
    QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
    const QString summary = window.trainPage()->reportSummary()->text();
    QVERIFY2(summary.contains("warning") && summary.contains("copy_of_train.jpg") &&
                 summary.contains("3 files skipped"),
             qPrintable(summary));
    QStringList formats;
    connect(
        window.worker(), &EngineWorker::batchDone, this,
        [&] { formats << window.trainPage()->progressBar()->format(); }, Qt::QueuedConnection);
    const auto result = trainOnce(window);
    QVERIFY(result);
    QVERIFY(!formats.isEmpty());
    QVERIFY2(formats.last().startsWith("Epoch ") && formats.last().contains("left") &&
                 !formats.last().contains("loss_mean"),
             qPrintable(formats.last()));
    QVERIFY2(window.trainPage()->progressBar()->format().contains(" %"),
             qPrintable(window.trainPage()->progressBar()->format()));
    QVERIFY(exportAction->isEnabled());

    QTemporaryDir out;
    QSignalSpy exported(window.worker(), &EngineWorker::exported);
    window.exportHead(out.filePath("saved"), false);
    QVERIFY(arrived(exported, 60000));
    window.loadHead(out.filePath("saved.json"));
    // With a head loaded, the button still asks which file, proposing the loaded one; the file
    // chosen there is the one evaluated.
    QVERIFY(QFile::copy(out.filePath("saved.json"), out.filePath("other.json")));
    QVERIFY(QFile::copy(out.filePath("saved.pt"), out.filePath("other.pt")));
    QString proposed;
    QTimer::singleShot(100, this, [&] {
      auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
      QVERIFY(dialog);
      proposed = dialog->selectedFiles().value(0);
      // Typed into the file name field, as a user does.
      auto* name = dialog->findChild<QLineEdit*>("fileNameEdit");
      QVERIFY(name);
      name->selectAll();
      QTest::keyClicks(name, "other.json");
      QTest::keyClick(name, Qt::Key_Return);
    });
    QSignalSpy evaluated(window.worker(), &EngineWorker::evaluated);
    QTest::mouseClick(button(window.evaluatePage(), "Evaluate a trained head…"), Qt::LeftButton);
    QVERIFY(arrived(evaluated, 60000));
    QCOMPARE(proposed, out.filePath("saved.json"));
    QCOMPARE(evaluated.first().at(1).toString(), out.filePath("other.json"));
    const auto e = evaluated.first().first().value<headstart::Evaluation>();
    QCOMPARE(e.accuracy, result->test.accuracy);
    QVERIFY(window.evaluatePage()->summary()->text().contains("other.json"));
  }

  // 63 mistakes: after scrolling, each thumbnail and its caption keep to their own cell.
  void mistakesGridKeepsCellsApartAfterScrolling() {
    QTemporaryDir dir;
    headstart::Evaluation e;
    e.classes = {"red", "green", "a class with a rather long name"};
    e.confusion.assign(3, std::vector<int64_t>(3, 0));
    for (int i = 0; i < 63; ++i) {
      // Wide, tall and square pictures, as photos come.
      QImage image(i % 3 == 0   ? QSize(160, 90)
                   : i % 3 == 1 ? QSize(90, 160)
                                : QSize(120, 120),
                   QImage::Format_RGB32);
      image.fill(QColor::fromHsv(i * 5, 200, 200));
      const QString path = dir.filePath(QString("mistake-%1.png").arg(i));
      QVERIFY(image.save(path));
      const int truth = i % 3, predicted = (i + 1) % 3;
      e.mistakes.push_back({path.toStdString(), truth, predicted, 0.5f + float(i) / 200});
      ++e.confusion[size_t(truth)][size_t(predicted)];
    }
    EvaluatePage page;
    page.resize(900, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.showEvaluation(e, "head on colours");
    auto* list = page.mistakes();
    QCOMPARE(list->count(), 63);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          for (int i = 0; i < list->count(); ++i)
            if (!list->item(i)->data(EvaluatePage::kThumbnailRead).toBool()) return false;
          return true;
        }(),
        20000);
    for (int scroll :
         {list->verticalScrollBar()->maximum() / 2, list->verticalScrollBar()->maximum()}) {
      list->verticalScrollBar()->setValue(scroll);
      QTest::qWait(50);
      QVector<QRect> cells;
      for (int i = 0; i < list->count(); ++i) {
        const QModelIndex index = list->model()->index(i, 0);
        const QRect cell = list->visualRect(index);
        if (!cell.intersects(list->viewport()->rect())) continue;
        // What the item needs (thumbnail and every line of its caption) fits in its cell.
        const QSize needed = list->sizeHintForIndex(index);
        QVERIFY2(needed.width() <= cell.width() && needed.height() <= cell.height(),
                 qPrintable(QString("item %1 needs %2x%3, has %4x%5")
                                .arg(i)
                                .arg(needed.width())
                                .arg(needed.height())
                                .arg(cell.width())
                                .arg(cell.height())));
        for (const QRect& other : cells)
          QVERIFY2(!other.intersects(cell), qPrintable(QString("item %1 overlaps").arg(i)));
        cells << cell;
      }
      QVERIFY(cells.size() >= 4);
    }
  }

  // Turbo with a dataset on the Train page, then without any: a pasted photo is calibrated on
  // itself, the wait says so, and the card names its mode.
  void turboCalibratesOnThePredictedImages() {
    QTemporaryDir dir;
    const QString photo = dir.filePath("apple.jpg");
    QVERIFY(QFile::copy(QString::fromStdString(testsupport::fixture("images/photo.jpg")), photo));
    QSettings().setValue("engine/precision", "int8");
    const auto restore = qScopeGuard([] { QSettings().remove("engine/precision"); });
    {
      MainWindow window;
      window.show();
      QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
      QStringList messages;
      connect(window.statusBar(), &QStatusBar::messageChanged, this,
              [&](const QString& m) { messages << m; });
      QSignalSpy calibrating(window.worker(), &EngineWorker::calibrating);
      QSignalSpy finished(window.worker(), &EngineWorker::predictionFinished);
      window.predict({photo});
      QVERIFY(arrived(finished, 120000));
      QCOMPARE(calibrating.size(), 1);
      QCOMPARE(calibrating.first().first().toInt(), 1);
      QVERIFY2(messages.contains("Calibrating turbo on 1 image…"), qPrintable(messages.join('|')));
      QCOMPARE(finished.first().at(3).toString(), QString("1 image being predicted"));
      auto* card = window.predictPage()->findChild<QFrame*>("predictionCard");
      QVERIFY(card);
      QCOMPARE(card->findChild<QLabel*>("mode")->text(), QString("turbo"));
      QVERIFY2(card->findChild<QLabel*>("mode")->toolTip().contains("1 image being predicted"),
               qPrintable(card->findChild<QLabel*>("mode")->toolTip()));
    }
    // No dataset anywhere: a pasted picture still gets its card, calibrated on itself.
    MainWindow window;
    window.show();
    QVERIFY(window.trainPage()->dataset().root.empty());
    QImage picture(640, 480, QImage::Format_RGB32);
    picture.fill(QColor(200, 30, 40));
    QApplication::clipboard()->setImage(picture);
    QSignalSpy finished(window.worker(), &EngineWorker::predictionFinished);
    window.predictPage()->pasteImage();
    QVERIFY2(arrived(finished, 120000), qPrintable(window.statusBar()->currentMessage()));
    auto* card = window.predictPage()->findChild<QFrame*>("predictionCard");
    QVERIFY(card);
    QCOMPARE(card->findChild<QLabel*>("mode")->text(), QString("turbo"));
    QCOMPARE(finished.first().at(3).toString(), QString("1 image being predicted"));
  }

  // Eight photos in one batch: the progress moves as each is read, before any card shows.
  void progressMovesImageByImage() {
    MainWindow window;
    window.show();
    QStringList paths;
    for (int i = 0; i < 8; ++i)
      paths << QString::fromStdString(
          testsupport::fixture(i % 2 ? "images/photo.jpg" : "images/portrait.png"));
    QMutex lock;
    QList<int> progressBeforeCards;
    bool cardsCame = false;
    connect(
        window.worker(), &EngineWorker::predictProgress, this,
        [&](int done, int) {
          const QMutexLocker locked(&lock);
          if (!cardsCame) progressBeforeCards << done;
        },
        Qt::DirectConnection);
    connect(
        window.worker(), &EngineWorker::predicted, this,
        [&] {
          const QMutexLocker locked(&lock);
          cardsCame = true;
        },
        Qt::DirectConnection);
    QSignalSpy finished(window.worker(), &EngineWorker::predictionFinished);
    window.predict(paths);
    QVERIFY(arrived(finished, 120000));
    QCOMPARE(window.predictPage()->cardCount(), 8);
    const QMutexLocker locked(&lock);
    QCOMPARE(progressBeforeCards.first(), 0);
    for (int read = 1; read <= 8; ++read)
      QVERIFY2(progressBeforeCards.contains(read),
               qPrintable(QString("no progress at %1 before the cards").arg(read)));
    QVERIFY(std::is_sorted(progressBeforeCards.begin(), progressBeforeCards.end()));
  }

  // A folder with unreadable files: the images predicted and those that could not be read are
  // counted apart, each truly.
  void folderCountsPredictedAndUnreadableApart() {
    MainWindow window;
    QTemporaryDir dir;
    for (int i = 0; i < 3; ++i)
      QVERIFY(QFile::copy(QString::fromStdString(testsupport::fixture("images/photo.jpg")),
                          dir.filePath(QString("photo%1.jpg").arg(i))));
    for (int i = 0; i < 2; ++i) {
      QFile bad(dir.filePath(QString("broken%1.jpg").arg(i)));
      QVERIFY(bad.open(QIODevice::WriteOnly));
      bad.write("not an image");
    }
    auto* dialog = window.predictFolder(dir.path());
    QVERIFY(dialog);
    QSignalSpy done(dialog, &FolderPredictDialog::predictionDone);
    QVERIFY(arrived(done, 120000));
    const QString status = dialog->statusLabel()->text();
    QVERIFY2(status.startsWith("Predicted 3 images.") && status.contains("2 could not be read."),
             qPrintable(status));
    dialog->close();
  }

  // The label of a probability bar is one colour over the filled part and beside it, and reads
  // well against both (the style's own bar writes white over its fill, black beside it).
  void barLabelsAreOneReadableColour() {
    PredictPage page;
    page.resize(900, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    PredictionCard card;
    card.path = "/photos/apple.jpg";
    card.thumbnail = QImage(64, 64, QImage::Format_RGB32);
    card.thumbnail.fill(Qt::darkGreen);
    card.labels = {"Granny Smith", "traffic light", "tennis ball", "pomegranate", "orange"};
    card.probabilities = {0.6f, 0.25f, 0.1f, 0.03f, 0.02f};
    card.precision = "exact";
    page.setProgress(0, 1);
    page.showCards({card});
    const auto bars = page.findChildren<QProgressBar*>("probability");
    QCOMPARE(bars.size(), 5);
    const auto distance = [](QRgb a, QRgb b) {
      return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) +
             std::abs(qBlue(a) - qBlue(b));
    };
    const auto luminance = [](QRgb c) {
      const auto channel = [](int v) {
        const double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
      };
      return 0.2126 * channel(qRed(c)) + 0.7152 * channel(qGreen(c)) + 0.0722 * channel(qBlue(c));
    };
    const auto contrast = [&](QRgb a, QRgb b) {
      const double la = luminance(a), lb = luminance(b);
      return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    };
    // The fill's and the background's colours, from the first bar's plain picture.
    bars[0]->setTextVisible(false);
    const QImage plainFirst = bars[0]->grab().toImage();
    bars[0]->setTextVisible(true);
    const int middle = plainFirst.height() / 2;
    const QRgb fill = plainFirst.pixel(plainFirst.width() * 3 / 10, middle);
    const QRgb empty = plainFirst.pixel(plainFirst.width() * 9 / 10, middle);
    QVERIFY(distance(fill, empty) > 30);
    // The text's ink over each: its pixel farthest from what lies under it.
    QRgb ink[2] = {0, 0};
    int farthest[2] = {-1, -1};
    for (auto* bar : bars) {
      const QImage text = bar->grab().toImage();
      bar->setTextVisible(false);
      const QImage plain = bar->grab().toImage();
      bar->setTextVisible(true);
      for (int y = 0; y < text.height(); ++y) {
        for (int x = 0; x < text.width(); ++x) {
          const QRgb under = plain.pixel(x, y), over = text.pixel(x, y);
          if (under == over) continue;
          const int region = distance(under, fill) < distance(under, empty) ? 0 : 1;
          if (distance(over, under) > farthest[region]) {
            farthest[region] = distance(over, under);
            ink[region] = over;
          }
        }
      }
    }
    QVERIFY2(farthest[0] > 0 && farthest[1] > 0, "text over the fill and beside it");
    QVERIFY2(distance(ink[0], ink[1]) < 60,
             qPrintable(QString("%1 over the fill, %2 beside it")
                            .arg(QColor(ink[0]).name(), QColor(ink[1]).name())));
    QVERIFY2(contrast(ink[0], fill) >= 4.5 && contrast(ink[1], empty) >= 4.5,
             qPrintable(QString("contrast %1 on the fill, %2 beside it")
                            .arg(contrast(ink[0], fill))
                            .arg(contrast(ink[1], empty))));
  }

  // Save as copies the project to the user's folder and continues there; Open switches back.
  void projectsAreSavedAsAndOpened() {
    QTemporaryDir mine;
    const QString target = mine.filePath("my project");
    QString original;
    {
      MainWindow window;
      original = window.project()->folder();
      QVERIFY(scanned(window, testsupport::fixtureDir() + "/dataset"));
      QVERIFY(trainOnce(window));
      QString error;
      QVERIFY2(window.project()->saveAs(target, &error), qPrintable(error));
      QVERIFY(trainOnce(window));                            // goes to the new place
      QVERIFY(!window.project()->saveAs(original, &error));  // not empty: refused
    }
    QSettings().setValue("project/folder", target);
    MainWindow reopened;
    QCOMPARE(reopened.project()->runs().size(), 2);
    QVERIFY(reopened.openProject(original));
    QCOMPARE(reopened.project()->runs().size(), 1);
  }

  // File > Save project as… and File > New project…: the user types a folder that does not exist
  // yet (or an empty one) into the dialog and presses Enter; the project goes there.
  void projectsGoToNewFoldersTyped() {
    QTemporaryDir mine;
    MainWindow window;
    window.show();
    const QString original = window.project()->folder();
    window.project()->startRun({}, {});
    auto typeIntoFolderDialog = [this](const QString& path) {
      QTimer::singleShot(0, this, [path] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        auto* name = dialog->findChild<QLineEdit*>("fileNameEdit");
        name->setFocus();
        name->selectAll();
        QTest::keyClicks(name, path);
        QTest::keyClick(name, Qt::Key_Return);
      });
      // Whatever is still open then (a refusal, the dialog itself) is closed: the test goes on.
      QTimer::singleShot(3000, [] {
        while (auto* open = QApplication::activeModalWidget()) {
          if (auto* d = qobject_cast<QDialog*>(open))
            d->reject();
          else
            open->close();
          QCoreApplication::processEvents();
        }
      });
    };
    const QString saved = mine.filePath("kept/my project");
    typeIntoFolderDialog(saved);
    QVERIFY(menuAction(window, "Save project as…"));
    menuAction(window, "Save project as…")->trigger();
    QCOMPARE(window.project()->folder(), saved);
    QVERIFY(QFile::exists(saved + "/project.json"));
    QCOMPARE(window.project()->runs().size(), 1);
    QCOMPARE(QSettings().value("project/folder").toString(), saved);

    const QString fresh = mine.filePath("fresh");  // made empty beforehand, as users do too
    QVERIFY(QDir().mkpath(fresh));
    typeIntoFolderDialog(fresh);
    QVERIFY(menuAction(window, "New project…"));
    menuAction(window, "New project…")->trigger();
    QCOMPARE(window.project()->folder(), fresh);
    QVERIFY(window.project()->runs().isEmpty());
    QVERIFY(QFile::exists(fresh + "/project.json"));
    QCOMPARE(QSettings().value("project/folder").toString(), fresh);
    QVERIFY(QFile::exists(original + "/project.json"));  // the others stay as they were
  }

  // The default project lies where README says (~/.local/share/HeadStart/projects/default); one
  // left by an earlier version under HeadStart/HeadStart/ is moved there with its runs.
  void defaultProjectMovesToTheDocumentedFolder() {
    const QString data = m_home.filePath("data");
    const QString app = QCoreApplication::applicationName();
    const QString legacy =
        data + "/" + QCoreApplication::organizationName() + "/" + app + "/projects/default";
    {
      Project old;
      QString error;
      QVERIFY2(old.open(legacy, &error), qPrintable(error));
      old.startRun({}, {});
    }
    QSettings().setValue("project/folder", legacy);  // as the earlier version remembered it
    MainWindow window;
    const QString documented = data + "/" + app + "/projects/default";
    QCOMPARE(window.project()->folder(), documented);
    QCOMPARE(window.project()->runs().size(), 1);
    QVERIFY(!QFile::exists(legacy));
    QSettings().remove("project/folder");
    MainWindow again;
    QCOMPARE(again.project()->folder(), documented);
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

  // A folder of photos, predicted in a table: least confident first, filtered, saved as CSV,
  // and sorted into class folders with the originals left as they were.
  void predictAFolderThenSortIt() {
    MainWindow window;
    window.show();
    QTemporaryDir dir;
    const QString root = dir.filePath("photos");
    const QStringList names{"a, b.jpg", "sub/портрет.png", "sub/deeper/tile.tiff", "small.bmp",
                            "gray.png"};
    const QStringList sources{"photo.jpg", "portrait.png", "tiled.tiff", "small.bmp", "gray.png"};
    for (int i = 0; i < names.size(); ++i) {
      QDir().mkpath(QFileInfo(root + "/" + names[i]).path());
      QVERIFY(QFile::copy(QString::fromStdString(testsupport::fixture("images/" + sources[i])),
                          root + "/" + names[i]));
    }
    QVERIFY(QFile::copy(QString::fromStdString(testsupport::fixture("images/photo.jpg")),
                        root + "/.hidden.jpg"));
    const auto sourceTimes = [&] {
      QStringList list;
      for (const auto& n : names)
        list << n + QString::number(QFileInfo(root + "/" + n).lastModified().toMSecsSinceEpoch());
      return list;
    };
    const auto before = sourceTimes();

    auto* dialog = window.predictFolder(root);
    QVERIFY(dialog);
    QSignalSpy predicted(dialog, &FolderPredictDialog::predictionDone);
    QVERIFY(arrived(predicted, 120000));
    QCOMPARE(dialog->imageCount(), names.size());  // the hidden file stays out
    QVERIFY(dialog->rateLabel()->text().contains("images/s"));
    QVERIFY(!dialog->cancelButton()->isEnabled());
    auto* view = dialog->filter();
    QCOMPARE(view->rowCount(), names.size());
    // Least confident first, each row with its thumbnail.
    for (int r = 0; r < view->rowCount(); ++r) {
      // Thumbnails come from Qt's image readers: TIFF needs qt6-image-formats-plugins.
      if (!view->index(r, 1).data().toString().endsWith(".tiff"))
        QVERIFY(!view->index(r, 0).data(Qt::DecorationRole).value<QPixmap>().isNull());
      if (r > 0)
        QVERIFY(view->index(r - 1, 3).data(Qt::UserRole).toDouble() <=
                view->index(r, 3).data(Qt::UserRole).toDouble());
    }
    // Confidence at most the middle value, typed as a user types it.
    const double middle = view->index(2, 3).data(Qt::UserRole).toDouble();
    auto* field = dialog->confidenceFilter();
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, QLocale().toString(100 * middle + 0.05, 'f', 1));
    QTest::keyClick(field, Qt::Key_Tab);
    QCOMPARE(view->rowCount(), 3);
    // One class: only its rows.
    dialog->classFilter()->setCurrentIndex(1);
    const QString chosen = dialog->classFilter()->currentText();
    for (int r = 0; r < view->rowCount(); ++r)
      QCOMPARE(view->index(r, 2).data().toString(), chosen);
    dialog->classFilter()->setCurrentIndex(0);

    // The CSV holds every image, whatever the filter shows.
    const QString csv = dir.filePath("out/predictions.csv");
    QDir().mkpath(dir.filePath("out"));
    QVERIFY(dialog->saveCsv(csv));
    const auto rows = testsupport::runPython(
        "import csv, sys\n"
        "rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\n"
        "print(len(rows), sorted(r[0].rsplit('/', 1)[-1] for r in rows[1:]))\n",
        {csv});
    QVERIFY2(rows.startsWith("6 "), qPrintable(rows));
    QVERIFY2(rows.contains("портрет.png") && rows.contains("'a, b.jpg'"), qPrintable(rows));

    // Sort into folders: typed into the dialog the button opens.
    const QString sorted = dir.filePath("sorted");
    const auto fillSortDialog = [&] {
      auto* options = qobject_cast<SortDialog*>(QApplication::activeModalWidget());
      QVERIFY(options);
      retype(options->folderField(), sorted);
      auto* confidence = options->confidenceField();
      confidence->setFocus();
      confidence->selectAll();
      QTest::keyClicks(confidence, "0");
      QTest::keyClick(confidence, Qt::Key_Tab);
      options->accept();
    };
    QTimer::singleShot(0, this, fillSortDialog);
    QSignalSpy sortedSpy(dialog, &FolderPredictDialog::sortDone);
    QTest::mouseClick(dialog->sortButton(), Qt::LeftButton);
    QVERIFY(arrived(sortedSpy, 60000));
    int copies = 0;
    QDirIterator it(sorted, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) copies += it.next().endsWith(".csv") ? 0 : 1;
    QCOMPARE(copies, names.size());
    QVERIFY(QFile::exists(sorted + "/predictions.csv"));
    QVERIFY(!QDir(sorted + "/_uncertain").exists());  // minimum 0: every image has a class
    QCOMPARE(sourceTimes(), before);
    // Sorting again adds nothing.
    QSignalSpy again(dialog, &FolderPredictDialog::sortDone);
    QTimer::singleShot(0, this, fillSortDialog);
    QTest::mouseClick(dialog->sortButton(), Qt::LeftButton);
    QVERIFY(arrived(again, 60000));
    QVERIFY2(dialog->statusLabel()->text().contains(": 0 new"),
             qPrintable(dialog->statusLabel()->text()));
    dialog->close();
  }
};

QTEST_MAIN(TestGui)
#include "test_gui.moc"
