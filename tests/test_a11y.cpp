// The window as a screen reader and a keyboard user meet it, offscreen. One window goes through
// a prediction, a training run and its evaluation; then its accessibility tree (what AT-SPI
// hands to Orca) is walked in English and in Russian, and Tab is pressed through each page.

#include <qcustomplot.h>
#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMetaEnum>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <memory>

#include "confusion_view.h"
#include "data_map.h"
#include "data_page.h"
#include "evaluate_page.h"
#include "language.h"
#include "loss_plot.h"
#include "main_window.h"
#include "predict_page.h"
#include "runs_view.h"
#include "support.h"
#include "train_page.h"

using namespace headstart::ui;

namespace {

// What a user operates or reads a value from; each needs a name to be announced by.
bool interactive(QAccessible::Role role) {
  switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::ComboBox:
    case QAccessible::List:
    case QAccessible::Table:
    case QAccessible::Tree:
    case QAccessible::ProgressBar:
    case QAccessible::Slider:
    case QAccessible::PageTab:
    case QAccessible::PageTabList:
      return true;
    default:
      return false;
  }
}

struct Element {
  QString path;  // child indexes from the window: the same element in both languages
  QAccessible::Role role;
  QString name;
  QObject* object;
};

void walk(QAccessibleInterface* node, const QString& path, QList<Element>& out) {
  if (!node || !node->isValid()) return;
  out.append({path, node->role(), node->text(QAccessible::Name), node->object()});
  for (int i = 0; i < node->childCount(); ++i)
    walk(node->child(i), path + QLatin1Char('/') + QString::number(i), out);
}

QList<Element> interactiveElements(QWidget* window) {
  QList<Element> all;
  walk(QAccessible::queryAccessibleInterface(window), QString(), all);
  QList<Element> found;
  for (const auto& e : all)
    if (interactive(e.role)) found << e;
  return found;
}

QString describe(const Element& e) {
  const char* role = QMetaEnum::fromType<QAccessible::Role>().valueToKey(e.role);
  return QStringLiteral("%1 %2 %3 \"%4\"")
      .arg(e.path, QLatin1String(role), e.object ? e.object->metaObject()->className() : "?",
           e.object ? e.object->objectName() : QString());
}

QAccessibleInterface* accessible(QObject* object) {
  return QAccessible::queryAccessibleInterface(object);
}

QPushButton* button(QWidget* parent, const QString& text) {
  for (auto* b : parent->findChildren<QPushButton*>())
    if (b->text() == text) return b;
  return nullptr;
}

bool arrived(QSignalSpy& spy, int timeoutMs) {
  const bool ok = !spy.isEmpty() || spy.wait(timeoutMs);
  QCoreApplication::processEvents();
  return ok;
}

void useLanguage(const QString& code) {
  headstart::i18n::setChosenLanguage(code);
  headstart::i18n::installTranslators(*QCoreApplication::instance(), /*honourChoice=*/true);
  QCoreApplication::processEvents();  // the LanguageChange events are posted
}

}  // namespace

class TestA11y : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  std::unique_ptr<MainWindow> m_window;
  QVector<PredictionCard> m_cards;  // as the engine sent them
  headstart::TrainResult m_result;

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    for (const char* dir : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TORCH_HOME"})
      qputenv(dir, m_home.filePath(QString::fromLatin1(dir)).toUtf8());
    QCoreApplication::setOrganizationName("HeadStartTest");
    QCoreApplication::setApplicationName("HeadStartA11y");
    qputenv("LANGUAGE", "en");
    headstart::i18n::installTranslators(*QCoreApplication::instance(), /*honourChoice=*/false);
    QSettings settings;
    settings.setValue("project/folder", m_home.filePath("project"));
    settings.setValue("weights/resnet50",
                      QString::fromStdString(testsupport::fixture("resnet50.pth")));
    settings.setValue("train/epochs", 3);
    settings.setValue("train/batchSize", 16);

    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    predictThreeImages();
    trainAndEvaluate();
  }

  void cleanupTestCase() { m_window.reset(); }

  // Each bar is named "class: probability"; the card by its file and top class; an error card
  // by its file, with the error as its description.
  void predictionBarsSayClassAndProbability() {
    const QLocale l;
    auto* page = m_window->predictPage();
    const auto frames = page->findChildren<QFrame*>("predictionCard");
    QCOMPARE(frames.size(), 2);
    int checked = 0;
    for (const auto& card : m_cards) {
      const QString file = QFileInfo(card.path).fileName();
      QFrame* frame = nullptr;
      for (auto* f : page->scrollArea()->widget()->findChildren<QFrame*>(
               QString(), Qt::FindDirectChildrenOnly))
        if (f->findChild<QLabel*>("fileName")->toolTip() == card.path) frame = f;
      QVERIFY2(frame, qPrintable(card.path));
      const QString cardName = accessible(frame)->text(QAccessible::Name);
      QVERIFY2(cardName.contains(file), qPrintable(cardName));
      if (!card.error.isEmpty()) {
        QVERIFY2(cardName.contains("could not be read"), qPrintable(cardName));
        QCOMPARE(accessible(frame)->text(QAccessible::Description), card.error);
        continue;
      }
      QVERIFY2(cardName.contains(card.labels[0]), qPrintable(cardName));
      const auto bars = frame->findChildren<QProgressBar*>();
      QCOMPARE(bars.size(), card.labels.size());
      for (int i = 0; i < bars.size(); ++i) {
        auto* bar = accessible(bars[i]);
        QCOMPARE(bar->role(), QAccessible::ProgressBar);
        const QString name = bar->text(QAccessible::Name);
        const QString probability = l.toString(100.0 * card.probabilities[i], 'f', 1) + " %";
        QVERIFY2(name.contains(card.labels[i]) && name.contains(probability),
                 qPrintable(name + " lacks " + card.labels[i] + " or " + probability));
        ++checked;
      }
    }
    QCOMPARE(checked, 10);  // two cards of five bars
  }

  // The plots are pixels: their descriptions say in words what they show, and follow the data.
  void plotsAreDescribedInWords() {
    const QLocale l;
    const auto& last = m_result.history.back();
    const QString epoch = QStringLiteral("epoch %1 of %1, train loss %2")
                              .arg(last.epoch)
                              .arg(l.toString(last.trainLoss, 'f', 3));
    auto* plot = accessible(m_window->trainPage()->lossPlot());
    QCOMPARE(plot->text(QAccessible::Name), QString("Training curves"));
    QTRY_VERIFY2(plot->text(QAccessible::Description).contains(epoch),
                 qPrintable(plot->text(QAccessible::Description) + " lacks " + epoch));

    auto* matrix = accessible(m_window->evaluatePage()->confusion());
    const QString description = matrix->text(QAccessible::Description);
    QVERIFY2(description.startsWith("Confusion matrix of 3 classes"), qPrintable(description));
    int64_t correct = 0;
    for (size_t c = 0; c < 3; ++c) correct += m_result.test.confusion[c][c];
    QVERIFY2(description.contains(QStringLiteral("%1 of %2 test images on the diagonal")
                                      .arg(correct)
                                      .arg(m_result.test.count)),
             qPrintable(description));
  }

  // Progress and status say in words what they say on screen, and keep saying it as it changes.
  void progressAndStatusAreExposed() {
    auto* progress = m_window->trainPage()->progressBar();
    QCOMPARE(accessible(progress)->text(QAccessible::Name), QString("Training progress"));
    QCOMPARE(accessible(progress)->text(QAccessible::Description), progress->format());
    QVERIFY2(progress->format().contains("test accuracy"), qPrintable(progress->format()));
    auto* status = m_window->statusBar();
    status->showMessage("Checking the status bar");
    QCOMPARE(accessible(status)->text(QAccessible::Name), QString("Checking the status bar"));
    QVERIFY(accessible(m_window->evaluatePage()->summary())
                ->text(QAccessible::Name)
                .contains("test images: accuracy"));
  }

  // Every control has a name, in English and after switching to Russian live; names made of
  // words (not data such as a file name) are in Russian then.
  void everyControlIsNamedInBothLanguages() {
    QHash<QString, QString> english;
    const auto before = interactiveElements(m_window.get());
    QVERIFY(before.size() > 40);
    QStringList unnamed;
    for (const auto& e : before) {
      if (e.name.trimmed().isEmpty()) unnamed << describe(e);
      english.insert(e.path, e.name);
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable("unnamed in English:\n" + unnamed.join('\n')));

    useLanguage("ru");
    const auto after = interactiveElements(m_window.get());
    static const QRegularExpression words(QStringLiteral("^[A-Za-z ,'()…-]+$"));
    static const QRegularExpression cyrillic(QStringLiteral("\\p{Cyrillic}"));
    QStringList untranslated;
    for (const auto& e : after) {
      if (e.name.trimmed().isEmpty()) unnamed << describe(e);
      // QTabBar names its scroll buttons once, in the language of the moment (hidden while the
      // three tabs fit); everything else is ours.
      if (e.object && qobject_cast<QTabBar*>(e.object->parent())) continue;
      // On Linux a combo box is named by its current item; a card's class chooser shows an
      // ImageNet class, which is data and stays English (its list and tooltip are checked).
      if (e.object && e.object->objectName() == QLatin1String("whyClass")) continue;
      const QString was = english.value(e.path);
      if (words.match(was).hasMatch() && !cyrillic.match(e.name).hasMatch())
        untranslated << describe(e) + ": " + e.name;
    }
    const QString plot =
        accessible(m_window->trainPage()->lossPlot())->text(QAccessible::Description);
    const QString matrix =
        accessible(m_window->evaluatePage()->confusion())->text(QAccessible::Description);
    useLanguage("en");
    QVERIFY2(unnamed.isEmpty(), qPrintable("unnamed in Russian:\n" + unnamed.join('\n')));
    QVERIFY2(untranslated.isEmpty(), qPrintable("English in Russian:\n" + untranslated.join('\n')));
    QVERIFY2(cyrillic.match(plot).hasMatch(), qPrintable(plot));
    QVERIFY2(cyrillic.match(matrix).hasMatch(), qPrintable(matrix));
    QCOMPARE(accessible(m_window->trainPage()->lossPlot())->text(QAccessible::Name),
             QString("Training curves"));
  }

  // Tab from the page's tab goes through the page's controls, one after another, and back
  // around: no control keeps the focus, and each main control is reached.
  void tabReachesEveryControlAndMovesOn_data() {
    QTest::addColumn<int>("page");
    QTest::newRow("Predict") << 0;
    QTest::newRow("Train") << 1;
    QTest::newRow("Evaluate") << 2;
    QTest::newRow("Data") << 3;
  }
  void tabReachesEveryControlAndMovesOn() {
    QFETCH(int, page);
    m_window->tabs()->setCurrentIndex(page);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTabBar* tabBar = m_window->tabs()->tabBar();
    tabBar->setFocus(Qt::TabFocusReason);
    QCOMPARE(QApplication::focusWidget(), tabBar);
    QSet<QWidget*> reached;
    bool around = false;
    for (int press = 0; press < 100 && !around; ++press) {
      QWidget* from = QApplication::focusWidget();
      QTest::keyClick(from, Qt::Key_Tab);
      QWidget* to = QApplication::focusWidget();
      QVERIFY2(to && to != from, qPrintable(QStringLiteral("Tab stays in %1 \"%2\"")
                                                .arg(from->metaObject()->className(),
                                                     accessible(from)->text(QAccessible::Name))));
      QVERIFY(to->isVisible());
      around = to == tabBar;
      reached.insert(to);
    }
    QVERIFY2(around, "Tab never came back to the page's tab");
    for (QWidget* control : mainControls(page)) {
      QVERIFY(control);
      QVERIFY2(reached.contains(control),
               qPrintable(QStringLiteral("Tab never reaches %1 \"%2\"")
                              .arg(control->metaObject()->className(),
                                   accessible(control)->text(QAccessible::Name))));
    }
  }

  // The matrix's cells, without a mouse: arrows move the frame and list the cell's images, and
  // the matrix's name says which cell it is.
  void arrowKeysChooseConfusionCells() {
    m_window->tabs()->setCurrentWidget(m_window->evaluatePage());
    auto* matrix = m_window->evaluatePage()->confusion();
    matrix->setFocus(Qt::TabFocusReason);
    QTest::keyClick(matrix, Qt::Key_Down);   // starts at the top left
    QTest::keyClick(matrix, Qt::Key_Right);  // true class 0, predicted 1
    QTest::keyClick(matrix, Qt::Key_Right);  // true class 0, predicted 2
    QTest::keyClick(matrix, Qt::Key_Right);  // stays at the edge
    const auto& e = m_result.test;
    QCOMPARE(m_window->evaluatePage()->mistakes()->count(), int(e.confusion[0][2]));
    const QString caption = m_window->evaluatePage()->cellCaption()->text();
    QVERIFY2(caption.contains(QString::fromStdString(e.classes[0])) &&
                 caption.contains(QString::fromStdString(e.classes[2])),
             qPrintable(caption));
    QVERIFY(accessible(matrix)->text(QAccessible::Name).endsWith(caption));
    button(m_window->evaluatePage(), "Show all mistakes")->click();
    QCOMPARE(accessible(matrix)->text(QAccessible::Name), QString("Confusion matrix"));
  }

  // The plot's pan, zoom and fit, from the keyboard.
  void plotAnswersTheKeyboard() {
    m_window->tabs()->setCurrentWidget(m_window->trainPage());
    auto* plot = m_window->trainPage()->lossPlot();
    plot->setFocus(Qt::TabFocusReason);
    const QCPRange fitted = plot->plot()->xAxis->range();
    QTest::keyClick(plot, Qt::Key_Right);
    QVERIFY(plot->plot()->xAxis->range().lower > fitted.lower);
    QTest::keyClick(plot, Qt::Key_Plus);
    QVERIFY(plot->plot()->xAxis->range().size() < fitted.size());
    QTest::keyClick(plot, Qt::Key_Home);
    QCOMPARE(plot->plot()->xAxis->range().lower, fitted.lower);
    QCOMPARE(plot->plot()->xAxis->range().upper, fitted.upper);
  }

 private:
  void predictThreeImages() {
    QFile bad(m_home.filePath("broken.jpg"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("not an image");
    bad.close();
    QSignalSpy cards(m_window->worker(), &EngineWorker::predicted);
    QSignalSpy finished(m_window->worker(), &EngineWorker::predictionFinished);
    m_window->predict({QString::fromStdString(testsupport::fixture("images/photo.jpg")),
                       QString::fromStdString(testsupport::fixture("images/portrait.png")),
                       bad.fileName()});
    QVERIFY(arrived(finished, 120000));
    for (const auto& batch : cards) m_cards << batch.first().value<QVector<PredictionCard>>();
    QCOMPARE(m_cards.size(), 3);
  }

  void trainAndEvaluate() {
    QSignalSpy scanned(m_window->worker(), &EngineWorker::scanned);
    m_window->trainPage()->setFolder(testsupport::fixtureDir() + "/dataset");
    QVERIFY(arrived(scanned, 30000));
    QSignalSpy trained(m_window->worker(), &EngineWorker::trained);
    button(m_window->trainPage(), "Train")->click();
    QVERIFY(arrived(trained, 300000));
    m_result = trained.first().first().value<headstart::TrainResult>();
    QCOMPARE(m_window->evaluatePage()->perClass()->rowCount(), 3);
  }

  QList<QWidget*> mainControls(int page) const {
    QWidget* p = m_window->tabs()->widget(page);
    QList<QWidget*> controls;
    if (page == 0) {
      controls << p->findChild<QCheckBox*>() << button(p, "Open images…") << button(p, "Paste")
               << button(p, "Clear") << p->findChild<QPushButton*>("removeCard");
    } else if (page == 1) {
      auto* train = m_window->trainPage();
      controls << p->findChild<QLineEdit*>() << button(p, "Choose…") << p->findChild<QToolButton*>()
               << p->findChild<QSpinBox*>("epochs") << p->findChild<QLineEdit*>("learningRate")
               << p->findChild<QCheckBox*>() << button(p, "Train") << p->findChild<QComboBox*>()
               << button(p, "Reset view") << train->lossPlot() << train->runsView()->tree()
               << button(p, "Export…") << button(p, "Evaluate") << train->reportView();
    } else if (page == 2) {
      auto* evaluate = m_window->evaluatePage();
      controls << button(p, "Evaluate a trained head…") << evaluate->confusion()
               << evaluate->perClass() << evaluate->mistakes() << evaluate->summary();
    } else {
      auto* data = m_window->dataPage();
      controls << button(p, "Check the dataset") << data->map() << data->labelsList()
               << data->duplicatesList() << data->outliersList();
    }
    return controls;
  }
};

QTEST_MAIN(TestA11y)
#include "test_a11y.moc"
