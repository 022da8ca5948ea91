// The catalogues against the sources, Russian plurals, and the window and the CLI speaking
// Russian when the environment asks for it. CTest runs this under LANG=ru_RU.UTF-8.

#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>
#include <QXmlStreamReader>

#include "evaluate_page.h"
#include "language.h"
#include "loss_plot.h"
#include "main_window.h"
#include "project.h"
#include "train_page.h"

namespace {

struct Message {
  QString context;
  QString source;
  bool numerus = false;
  bool unfinished = false;
  bool stale = false;  // vanished or obsolete: in the catalogue, gone from the sources
  QStringList translations;
  QString key() const { return context + QLatin1Char('|') + source; }
};

QList<Message> readCatalogue(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QXmlStreamReader xml(&file);
  QList<Message> messages;
  QString context;
  while (!xml.atEnd()) {
    if (xml.readNext() != QXmlStreamReader::StartElement) continue;
    if (xml.name() == QLatin1String("name")) context = xml.readElementText();
    if (xml.name() == QLatin1String("message")) {
      Message m;
      m.context = context;
      m.numerus = xml.attributes().value("numerus") == QLatin1String("yes");
      messages.append(m);
    }
    if (xml.name() == QLatin1String("source")) messages.last().source = xml.readElementText();
    if (xml.name() == QLatin1String("translation")) {
      const auto type = xml.attributes().value("type");
      messages.last().unfinished = type == QLatin1String("unfinished");
      messages.last().stale =
          type == QLatin1String("vanished") || type == QLatin1String("obsolete");
      if (!messages.last().numerus) messages.last().translations << xml.readElementText();
    }
    if (xml.name() == QLatin1String("numerusform"))
      messages.last().translations << xml.readElementText();
  }
  return messages;
}

// Runs lupdate over the sources into a copy of the catalogue, as the update_translations target
// does: what the sources say now, with the catalogue's translations kept where they still fit.
QList<Message> refreshedCopy(const QString& catalogue, const QTemporaryDir& dir) {
  const QString copy = dir.filePath(QFileInfo(catalogue).fileName());
  QFile::remove(copy);
  if (!QFile::copy(catalogue, copy)) return {};
  QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
  const QString root = QStringLiteral(HEADSTART_SOURCE_DIR);
  QProcess lupdate;
  lupdate.start(QStringLiteral(HEADSTART_LUPDATE), {root + "/ui", root + "/app/cli", "-locations",
                                                    "none", "-no-obsolete", "-ts", copy});
  if (!lupdate.waitForFinished(120000) || lupdate.exitCode() != 0) {
    qWarning("lupdate failed: %s", lupdate.readAllStandardError().constData());
    return {};
  }
  return readCatalogue(copy);
}

QSet<QString> placeholders(const QString& text) {
  QSet<QString> found;
  static const QRegularExpression pattern(QStringLiteral("%(?:\\d+|n)"));
  for (const auto& match : pattern.globalMatch(text)) found.insert(match.captured());
  return found;
}

QString catalogue(const QString& language) {
  return QStringLiteral(HEADSTART_SOURCE_DIR "/translations/headstart_%1.ts").arg(language);
}

// The window's message for `count`, through the embedded catalogue of `language`; the
// application, not the translator, puts the number in place of %n.
QString translated(const QString& language, const char* source, int count) {
  QTranslator translator;
  if (!translator.load(QStringLiteral(":/i18n/headstart_") + language)) return {};
  QCoreApplication::installTranslator(&translator);
  const QString text =
      QCoreApplication::translate("headstart::ui::MainWindow", source, nullptr, count);
  QCoreApplication::removeTranslator(&translator);
  return text;
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;

 private Q_SLOTS:
  void initTestCase() {
    qputenv("XDG_CONFIG_HOME", m_home.filePath("config").toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath("data").toUtf8());
    QCoreApplication::setOrganizationName("HeadStartTest");
    QCoreApplication::setApplicationName("HeadStartTest");
  }

  void catalogueCoversEverySourceString_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("pluralForms");
    QTest::newRow("en") << "en" << 2;
    QTest::newRow("ru") << "ru" << 3;
  }
  void catalogueCoversEverySourceString() {
    QFETCH(QString, language);
    QFETCH(int, pluralForms);
    QTemporaryDir dir;
    const auto committed = readCatalogue(catalogue(language));
    const auto refreshed = refreshedCopy(catalogue(language), dir);
    QVERIFY(!committed.isEmpty());
    QVERIFY2(refreshed.size() > 100, "lupdate found too few strings: did it scan the sources?");
    QSet<QString> committedKeys;
    for (const auto& m : committed) {
      QVERIFY2(!m.stale, qPrintable("no longer in the sources: " + m.source));
      committedKeys.insert(m.key());
    }
    for (const auto& m : refreshed) {
      QVERIFY2(committedKeys.contains(m.key()), qPrintable("missing: " + m.key()));
      QVERIFY2(!m.unfinished, qPrintable("unfinished: " + m.key()));
      QCOMPARE(m.translations.size(), m.numerus ? pluralForms : 1);
      for (const auto& t : m.translations) {
        QVERIFY2(!t.isEmpty(), qPrintable("empty translation: " + m.key()));
        QVERIFY2(placeholders(t) == placeholders(m.source),
                 qPrintable("placeholders differ: " + m.key() + " -> " + t));
      }
    }
    QCOMPARE(refreshed.size(), committed.size());
  }

  // Russian counts have three forms: 1, 21 (one); 2-4, 22 (few); 5-20, 0, 11 (many).
  void russianPluralsFollowTheNumber_data() {
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("1") << 1 << "Распознано 1 изображение";
    QTest::newRow("2") << 2 << "Распознано 2 изображения";
    QTest::newRow("5") << 5 << "Распознано 5 изображений";
    QTest::newRow("11") << 11 << "Распознано 11 изображений";
    QTest::newRow("21") << 21 << "Распознано 21 изображение";
    QTest::newRow("22") << 22 << "Распознано 22 изображения";
  }
  void russianPluralsFollowTheNumber() {
    QFETCH(int, count);
    QFETCH(QString, expected);
    QCOMPARE(translated("ru", "Predicted %n image(s)", count), expected);
  }

  void englishPluralsHaveNoParentheses() {
    QCOMPARE(translated("en", "Predicted %n image(s)", 1), QStringLiteral("Predicted 1 image"));
    QCOMPARE(translated("en", "Predicted %n image(s)", 3), QStringLiteral("Predicted 3 images"));
  }

  void languageFollowsTheSystemUnlessChosen() {
    QCOMPARE(qEnvironmentVariable("LANG"), QStringLiteral("ru_RU.UTF-8"));
    headstart::i18n::setChosenLanguage(QString());
    QCOMPARE(headstart::i18n::languageToUse(true), QStringLiteral("ru"));
    headstart::i18n::setChosenLanguage("en");
    QCOMPARE(headstart::i18n::languageToUse(true), QStringLiteral("en"));
    // The CLI ignores the window's choice and follows the environment.
    QCOMPARE(headstart::i18n::languageToUse(false), QStringLiteral("ru"));
    headstart::i18n::setChosenLanguage("xx");  // a stale or hand-edited setting
    QCOMPARE(headstart::i18n::languageToUse(true), QStringLiteral("ru"));
    headstart::i18n::setChosenLanguage(QString());
  }

  void windowSpeaksRussian() {
    QCOMPARE(headstart::i18n::installTranslators(*QCoreApplication::instance(), true),
             QStringLiteral("ru"));
    headstart::ui::MainWindow window;
    window.show();
    auto* tabs = window.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(0), QStringLiteral("Предсказание"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Обучение"));
    QStringList menus;
    for (auto* action : window.menuBar()->actions()) menus << action->text();
    QVERIFY2(menus.contains(QStringLiteral("&Файл")), qPrintable(menus.join(", ")));
    QVERIFY2(menus.contains(QStringLiteral("&Язык")), qPrintable(menus.join(", ")));
  }

  // In Russian, whose words run longer, the Train page's form keeps to its column: the plot and
  // the runs list, the page's main content, keep at least as much width at 1400 px.
  void russianFormLeavesThePlotItsWidth() {
    QCOMPARE(headstart::i18n::installTranslators(*QCoreApplication::instance(), true),
             QStringLiteral("ru"));
    headstart::ui::MainWindow window;
    window.resize(1400, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* page = window.trainPage();
    window.showPage(page);
    QCoreApplication::processEvents();
    const int form = page->formScroll()->width(), plot = page->lossPlot()->width();
    QVERIFY2(form <= plot,
             qPrintable(QStringLiteral("form %1 px, plot %2 px").arg(form).arg(plot)));
  }

  // The Language menu changes every text at once, Qt's own buttons included; Russian keeps
  // accuracy and precision apart, and its buttons are verbs.
  void languageChangesLive() {
    headstart::i18n::installTranslators(*QCoreApplication::instance(), true);
    headstart::ui::MainWindow window;
    window.show();
    auto choose = [&window](const QString& label) {
      for (auto* menu : window.menuBar()->actions()) {
        if (!menu->menu()) continue;
        for (auto* action : menu->menu()->actions()) {
          if (action->text() == label) {
            action->trigger();
            QCoreApplication::processEvents();
            return true;
          }
        }
      }
      return false;
    };
    auto* tabs = window.findChild<QTabWidget*>();
    auto* trainButton = [&window] {
      for (auto* b : window.trainPage()->findChildren<QPushButton*>())
        if (b->text() == QStringLiteral("Обучить") || b->text() == QStringLiteral("Train"))
          return b;
      return static_cast<QPushButton*>(nullptr);
    }();
    QVERIFY(trainButton);
    QCOMPARE(trainButton->text(), QStringLiteral("Обучить"));
    auto* table = window.evaluatePage()->perClass();
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Точность"));
    QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("Полнота"));
    QCOMPARE(table->horizontalHeaderItem(3)->text(), QStringLiteral("F-мера"));
    const QString accuracy = QCoreApplication::translate(
        "headstart::ui::EvaluatePage", "%n test image(s): accuracy %1, loss %2, top-5 accuracy %3",
        nullptr, 5);
    QVERIFY2(accuracy.contains(QStringLiteral("доля верных ответов")) &&
                 !accuracy.contains(QStringLiteral("точность"), Qt::CaseInsensitive),
             qPrintable(accuracy));

    auto* rate = window.trainPage()->findChild<QLineEdit*>(QStringLiteral("learningRate"));
    QVERIFY(rate);
    QVERIFY2(rate->text().contains(','), qPrintable(rate->text()));  // started in Russian
    QVERIFY(choose(QStringLiteral("English")));
    QCOMPARE(tabs->tabText(0), QStringLiteral("Predict"));
    QVERIFY2(rate->text().contains('.'), qPrintable(rate->text()));  // numbers follow too
    QCOMPARE(trainButton->text(), QStringLiteral("Train"));
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Precision"));
    QDialogButtonBox english(QDialogButtonBox::Cancel);
    QCOMPARE(english.button(QDialogButtonBox::Cancel)->text().remove('&'),
             QStringLiteral("Cancel"));

    QVERIFY(choose(QStringLiteral("Русский")));
    QCOMPARE(tabs->tabText(0), QStringLiteral("Предсказание"));
    QVERIFY2(rate->text().contains(','), qPrintable(rate->text()));
    QCOMPARE(trainButton->text(), QStringLiteral("Обучить"));
    QDialogButtonBox russian(QDialogButtonBox::Cancel);
    QCOMPARE(russian.button(QDialogButtonBox::Cancel)->text().remove('&'),
             QStringLiteral("Отмена"));
    headstart::i18n::setChosenLanguage(QString());
  }

  // A percentage is written as the window's language writes it, and a run is named in the
  // window's language, also one a previous version stored under its English name.
  void numbersAndRunNamesFollowTheLanguage() {
    headstart::i18n::useNumbersOf(
        headstart::i18n::installTranslators(*QCoreApplication::instance(), true));
    headstart::ui::MainWindow window;
    window.show();
    auto choose = [&window](const QString& label) {
      for (auto* menu : window.menuBar()->actions())
        for (auto* action : menu->menu() ? menu->menu()->actions() : QList<QAction*>{})
          if (action->text() == label) {
            action->trigger();
            QCoreApplication::processEvents();
            return true;
          }
      return false;
    };
    headstart::Evaluation e;
    e.count = 120;
    e.accuracy = 0.292;
    e.classes = {"a", "b"};
    e.confusion = {{1, 0}, {0, 1}};
    window.evaluatePage()->showEvaluation(e, "digits");
    auto* summary = window.evaluatePage()->summary();
    QVERIFY2(summary->text().contains(QStringLiteral("29,2 %")), qPrintable(summary->text()));
    QVERIFY(choose(QStringLiteral("English")));
    QVERIFY2(summary->text().contains(QStringLiteral("29.2 %")), qPrintable(summary->text()));

    auto* project = window.project();
    const QString id = project->startRun({}, {}).id;
    auto* runs = window.trainPage()->findChild<QTreeWidget*>();
    QVERIFY(runs && runs->topLevelItemCount() == 1);
    QCOMPARE(runs->topLevelItem(0)->text(0), QStringLiteral("Run 1"));
    QVERIFY(choose(QStringLiteral("Русский")));
    QVERIFY2(summary->text().contains(QStringLiteral("29,2 %")), qPrintable(summary->text()));
    QCOMPARE(project->run(id)->displayName(), QStringLiteral("Запуск 1"));
    QCOMPARE(runs->topLevelItem(0)->text(0), QStringLiteral("Запуск 1"));

    // As an earlier version left it: the English name stored with the run.
    project->flush();
    const QString runJson = QDir(project->folder()).filePath("runs/" + id + "/run.json");
    QFile file(runJson);
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto j = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    j["name"] = QStringLiteral("Run 1");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(j).toJson());
    file.close();
    QVERIFY(window.openProject(project->folder()));
    QCOMPARE(project->run(id)->displayName(), QStringLiteral("Запуск 1"));
    headstart::i18n::setChosenLanguage(QString());
    QLocale::setDefault(QLocale::system());
    // "Зерно" (grain) is no term a Russian ML user knows for a random seed.
    QFile ru(catalogue("ru"));
    QVERIFY(ru.open(QIODevice::ReadOnly));
    QVERIFY(!QString::fromUtf8(ru.readAll()).contains(QStringLiteral("Зерн")));
  }

  void cliSpeaksTheEnvironmentsLanguage_data() {
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ru") << "ru_RU.UTF-8"
                        << "Использование: headstart-cli <команда>";
    QTest::newRow("C") << "C"
                       << "Usage: headstart-cli <command>";
    QTest::newRow("no catalogue") << "de_DE.UTF-8"
                                  << "Usage: headstart-cli <command>";
  }
  void cliSpeaksTheEnvironmentsLanguage() {
    QFETCH(QString, lang);
    QFETCH(QString, expected);
    QProcess cli;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("LANG", lang);
    env.insert("LC_ALL", lang);
    env.remove("LANGUAGE");
    cli.setProcessEnvironment(env);
    cli.start(qEnvironmentVariable("HEADSTART_CLI"), {"--help"});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    QVERIFY2(out.startsWith(expected), qPrintable(out));
  }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
