// The Data page, offscreen, as a user meets it: choose a dataset with a blank frame and a
// mislabelled image planted in it, check it with the real engine, exclude the blank frame, move
// the mislabelled image to the class the doctor suggests after agreeing to it, and undo the move.
// The files on disk are checked at each step: nothing copied, deleted or overwritten.

#include <qcustomplot.h>
#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "data_map.h"
#include "data_page.h"
#include "headstart/dataset_edit.h"
#include "language.h"
#include "main_window.h"
#include "support.h"
#include "train_page.h"

using namespace headstart::ui;

namespace {

const QString kSmallDog = "n02085620-Chihuahua", kShihTzu = "n02086240-Shih-Tzu",
              kStripes = "stripes";

// The fixtures' images of class Shih-Tzu are a green checkerboard on blue, with noise: a random
// backbone tells them from the red waves and the blue stripes by colour and texture.
QImage checkerboard(quint32 seed) {
  QRandomGenerator random(seed);
  QImage image(100, 84, QImage::Format_RGB32);
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const auto noisy = [&](int v) { return qBound(0, v + int(random.bounded(41)) - 20, 255); };
      image.setPixel(x, y, qRgb(noisy(0), noisy((x / 10 + y / 10) % 2 ? 180 : 0), noisy(90)));
    }
  }
  return image;
}

// A picture of class `cls` of the colour-named set: red waves, green bars, blue checks, and
// black-and-white diagonal stripes (a class whose name says no colour), with noise.
QImage namedClassImage(const QString& cls, quint32 seed) {
  QRandomGenerator random(seed);
  QImage image(96, 80, QImage::Format_RGB32);
  const int period = 8 + int(random.bounded(6)), phase = int(random.bounded(16));
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const auto noisy = [&](double v) {
        return qBound(0, int(v) + int(random.bounded(31)) - 15, 255);
      };
      const double wave = 0.5 + 0.5 * std::sin((x + 2 * y + phase) * 6.28 / period);
      QRgb rgb;
      if (cls == "red")
        rgb = qRgb(noisy(120 + 120 * wave), noisy(20), noisy(20));
      else if (cls == "green")
        rgb = qRgb(noisy(20), noisy(((x + phase) / period) % 2 ? 200 : 90), noisy(30));
      else if (cls == "blue")
        rgb = qRgb(noisy(20), noisy(30), noisy(((x + phase) / period + y / period) % 2 ? 220 : 90));
      else
        rgb = qRgb(noisy(230 * wave), noisy(230 * wave), noisy(230 * wave));
      image.setPixel(x, y, rgb);
    }
  }
  return image;
}

// ROOT/{train,test}/{red,green,blue,stripes}/, 12 training and 4 test pictures each.
void writeNamedColourDataset(const QString& root) {
  quint32 seed = 1;
  for (const QString cls : {"red", "green", "blue", "stripes"}) {
    for (const QString split : {"train", "test"}) {
      QDir().mkpath(root + "/" + split + "/" + cls);
      for (int i = 0; i < (split == "train" ? 12 : 4); ++i)
        QVERIFY(namedClassImage(cls, seed++)
                    .save(QStringLiteral("%1/%2/%3/%4.png").arg(root, split, cls).arg(i)));
    }
  }
}

// The map as the user sees it, and where dot `index` is on it.
QImage mapImage(DataMap* map) {
  map->plot()->replot();
  return map->plot()->grab().toImage();
}
QPoint onPlot(DataMap* map, int index) { return map->plot()->mapFrom(map, map->position(index)); }

// A dot of class `label` drawn clear of every other dot and ring: its centre shows its colour.
int lonelyDot(DataMap* map, int label) {
  for (int i = 0; i < map->pointCount(); ++i) {
    if (map->point(i).label != label || map->point(i).flagged) continue;
    bool alone = true;
    for (int j = 0; j < map->pointCount() && alone; ++j) {
      const QPoint d = map->position(j) - map->position(i);
      alone = j == i || d.manhattanLength() > (map->point(j).flagged ? 14 : 8);
    }
    if (alone) return i;
  }
  return -1;
}

double hueDegrees(const QColor& c) { return c.hsvHueF() * 360; }
double hueApart(double a, double b) { return std::min(std::abs(a - b), 360 - std::abs(a - b)); }

// How many of 16 pixels on a circle of `radius` around dot `index` are near black.
int darkAround(DataMap* map, int index, int radius) {
  const QImage image = mapImage(map);
  const QPoint centre = onPlot(map, index);
  int dark = 0;
  for (int k = 0; k < 16; ++k) {
    const double angle = k * 6.2832 / 16;
    const QColor c = image.pixelColor(centre + QPoint(int(std::lround(radius * std::cos(angle))),
                                                      int(std::lround(radius * std::sin(angle)))));
    dark += c.red() < 80 && c.green() < 80 && c.blue() < 80;
  }
  return dark;
}

// The fixture dataset's clean images as an ImageFolder: ROOT/{train,test}/<class>/.
void copyCleanDataset(const QString& root) {
  const QDir source(testsupport::fixtureDir() + "/dataset");
  QDirIterator it(source.path(), {"*_??.png", "*_??.jpg"}, QDir::Files,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString file = it.next();
    const QString target = root + "/" + source.relativeFilePath(file);
    QDir().mkpath(QFileInfo(target).path());
    QVERIFY(QFile::copy(file, target));
  }
}

QByteArray bytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int filesUnder(const QString& root) {
  int n = 0;
  for (QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
       it.hasNext(); it.next())
    ++n;
  return n;
}

QPushButton* button(QWidget* parent, const QString& text) {
  for (auto* b : parent->findChildren<QPushButton*>())
    if (b->text() == text) return b;
  return nullptr;
}

// The row of `list` whose finding names `path`; -1 if none.
int rowNaming(QListWidget* list, const QString& path) {
  for (int i = 0; i < list->count(); ++i)
    if (list->item(i)->toolTip().split('\n').contains(path)) return i;
  return -1;
}

// Scans `folder` on the Train page and waits for its report.
headstart::DatasetReport scan(MainWindow& window, const QString& folder) {
  QSignalSpy spy(window.worker(), &EngineWorker::scanned);
  window.trainPage()->setFolder(folder);
  if (spy.isEmpty() && !spy.wait(30000)) return {};
  QCoreApplication::processEvents();
  return spy.first().first().value<headstart::DatasetReport>();
}

// Reads the next message box and answers it as the user would.
void answerNextMessageBox(QString* text, QMessageBox::StandardButton answer) {
  auto* timer = new QTimer;
  timer->setInterval(20);
  QObject::connect(timer, &QTimer::timeout, [timer, text, answer] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (!box) return;
    *text = box->text();
    box->button(answer)->click();
    timer->stop();
    timer->deleteLater();
  });
  timer->start();
}

}  // namespace

class TestGuiDoctor : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    qputenv("XDG_DATA_HOME", m_home.filePath("data").toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath("config").toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath("cache").toUtf8());
    qputenv("TORCH_HOME", m_home.filePath("torch").toUtf8());
    // English, with its plural forms ("62 images"), whatever the machine's language.
    qputenv("LANGUAGE", "en");
    headstart::i18n::installTranslators(*QCoreApplication::instance(), /*honourChoice=*/false);
    QCoreApplication::setOrganizationName("HeadStartTest");
    QCoreApplication::setApplicationName("HeadStartDoctorTest");
    // The ResNet18 whose BatchNorm statistics come from this dataset's own images: small and
    // quick, and its features keep the classes apart.
    QSettings settings;
    settings.setValue("weights/arch", "resnet18");
    settings.setValue("weights/resnet18",
                      QString::fromStdString(testsupport::fixture("backbone18.pth")));
  }

  void init() { QSettings().setValue("project/folder", m_home.filePath("project")); }

  void checkExcludeMoveAndUndo() {
    QTemporaryDir data;
    const QString root = data.filePath("pets");
    copyCleanDataset(root);
    const QString blank = root + "/train/" + kStripes + "/blank.png";
    QImage grey(100, 84, QImage::Format_RGB32);
    grey.fill(QColor(128, 128, 128));
    QVERIFY(grey.save(blank));
    // A Shih-Tzu picture filed under stripes, named like a Shih-Tzu file that exists: moving it
    // there must not replace that one.
    const QString swapped = root + "/train/" + kStripes + "/n020_02.png";
    QVERIFY(checkerboard(7).save(swapped));
    const QString namesake = root + "/train/" + kShihTzu + "/n020_02.png";
    const QByteArray namesakeBytes = bytes(namesake), swappedBytes = bytes(swapped);
    QVERIFY(!namesakeBytes.isEmpty());
    const int files = filesUnder(root);

    auto window = std::make_unique<MainWindow>();
    window->show();
    QVERIFY(window->hasWeights());
    QVERIFY(scan(*window, root).ok());
    auto* page = window->dataPage();
    window->showPage(page);
    QCOMPARE(window->tabs()->tabText(window->tabs()->currentIndex()), QString("Data"));

    // Before the first check: a clear empty state, no axes and no progress bar at 0%.
    QCoreApplication::processEvents();
    QVERIFY(!page->progressBar()->isVisible());
    QVERIFY(page->map()->emptyState()->isVisible());
    QVERIFY(!page->map()->emptyState()->text().isEmpty());
    QVERIFY(!page->map()->plot()->isVisible());

    // Check: progress, then the map and the lists.
    QSignalSpy diagnosed(window->worker(), &EngineWorker::diagnosed);
    QSignalSpy failed(window->worker(), &EngineWorker::doctorFailed);
    QTest::mouseClick(button(page, "Check the dataset"), Qt::LeftButton);
    QVERIFY(page->busy());
    QVERIFY(page->progressBar()->isVisible());
    QVERIFY(diagnosed.wait(240000) || !diagnosed.isEmpty());
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
    QCoreApplication::processEvents();
    const auto report = diagnosed.first().first().value<headstart::DoctorReport>();
    QVERIFY(!page->busy());
    QCOMPARE(page->map()->pointCount(), int(report.map.size()));
    QCOMPARE(page->map()->pointCount(), files);
    // The map in place of the empty state, at a size where its clusters can be told apart.
    QVERIFY(!page->map()->emptyState()->isVisible());
    QVERIFY(page->map()->plot()->isVisible());
    QVERIFY(page->map()->plot()->height() >= 240);
    page->map()->plot()->replot();
    QVERIFY2(page->map()->plot()->axisRect()->width() >= 200 &&
                 page->map()->plot()->axisRect()->height() >= 150,
             qPrintable(QStringLiteral("%1x%2")
                            .arg(page->map()->plot()->axisRect()->width())
                            .arg(page->map()->plot()->axisRect()->height())));
    // A screen reader hears what the map shows.
    const QString description = page->map()->accessibleDescription();
    QVERIFY2(description.startsWith(QString("%1 images placed by similarity").arg(files)) &&
                 description.contains(kShihTzu) && description.contains("ringed"),
             qPrintable(description));

    // The blank frame is among the outliers, shown with its thumbnail; pointing at its dot on
    // the map names it.
    auto* outliers = page->outliersList();
    const int blankRow = rowNaming(outliers, blank);
    QVERIFY2(blankRow >= 0, "the blank frame is not among the outliers");
    QTRY_VERIFY(!outliers->item(blankRow)->icon().isNull());
    int dot = -1;
    for (int i = 0; i < page->map()->pointCount(); ++i)
      if (QString::fromStdString(page->map()->point(i).path) == blank) dot = i;
    QVERIFY(dot >= 0);
    QVERIFY(page->map()->point(dot).flagged);
    QTest::qWait(100);  // the map's first drawing lays out its axes
    QTest::mouseMove(page->map()->plot(),
                     page->map()->plot()->mapFrom(page->map(), page->map()->position(dot)));
    QTRY_VERIFY(page->map()->hoverLabel()->isVisible());
    QVERIFY(page->map()->hoverText()->text().contains("blank.png"));
    QVERIFY(page->map()->accessibleDescription().startsWith("blank.png, class stripes"));
    QTRY_VERIFY(!page->map()->hoverPicture()->pixmap().isNull());

    // Exclude it: the file stays, the record names it, and the dataset read again leaves it out.
    outliers->setFocus();
    outliers->setCurrentRow(blankRow);
    QSignalSpy rescanned(window->worker(), &EngineWorker::scanned);
    QTest::mouseClick(button(page, "Exclude from training"), Qt::LeftButton);
    QVERIFY(QFile::exists(blank));
    QCOMPARE(headstart::readExclusions(root.toStdString()),
             std::vector<std::string>{"train/" + kStripes.toStdString() + "/blank.png"});
    QVERIFY(rescanned.wait(30000) || !rescanned.isEmpty());
    const auto after = rescanned.first().first().value<headstart::DatasetReport>();
    QCOMPARE(after.excluded.size(), size_t(1));
    for (const auto& item : after.train) QVERIFY(QString::fromStdString(item.path) != blank);
    QTRY_COMPARE(window->trainPage()->dataset().train.size(), after.train.size());
    QVERIFY2(
        window->trainPage()->reportSummary()->text().contains("1 image excluded on the Data page"),
        qPrintable(window->trainPage()->reportSummary()->text()));
    QVERIFY(button(page, "Include in training"));

    // The Shih-Tzu filed under stripes is a likely wrong label; moving it asks first, naming
    // both places, and takes the next free name in the Shih-Tzu folder.
    auto* labels = page->labelsList();
    const int swappedRow = rowNaming(labels, swapped);
    QVERIFY2(swappedRow >= 0, "the mislabelled image is not among the likely wrong labels");
    labels->setFocus();
    labels->setCurrentRow(swappedRow);
    QPushButton* move = button(page, "Move to " + kShihTzu);
    QVERIFY(move && move->isEnabled());
    QString question;
    answerNextMessageBox(&question, QMessageBox::Yes);
    QTest::mouseClick(move, Qt::LeftButton);
    QVERIFY2(question.contains(QDir::toNativeSeparators(swapped)), qPrintable(question));
    QVERIFY2(question.contains(QDir::toNativeSeparators(root + "/train/" + kShihTzu)),
             qPrintable(question));
    const QString moved = root + "/train/" + kShihTzu + "/n020_02 (2).png";
    QVERIFY(!QFile::exists(swapped));
    QCOMPARE(bytes(moved), swappedBytes);
    QCOMPARE(bytes(namesake), namesakeBytes);
    QCOMPARE(filesUnder(root) - filesUnder(root + "/.headstart"), files);  // moved, not copied
    QVERIFY(labels->item(swappedRow)->text().contains("moved to " + kShihTzu));

    // Undo puts it back; then saying no to a move leaves the file where it is.
    auto* undo = button(page, "Undo last move");
    QVERIFY(undo->isEnabled());
    QTest::mouseClick(undo, Qt::LeftButton);
    QCOMPARE(bytes(swapped), swappedBytes);
    QVERIFY(!QFile::exists(moved));
    QCOMPARE(bytes(namesake), namesakeBytes);
    QVERIFY(!undo->isEnabled());
    labels->setCurrentRow(swappedRow);
    answerNextMessageBox(&question, QMessageBox::No);
    QTest::mouseClick(button(page, "Move to " + kShihTzu), Qt::LeftButton);
    QVERIFY(!question.isEmpty());
    QCOMPARE(bytes(swapped), swappedBytes);
    QVERIFY(!QFile::exists(moved));

    // A move is undone also after a restart: the journal is in the dataset, the dataset in the
    // project.
    answerNextMessageBox(&question, QMessageBox::Yes);
    QTest::mouseClick(button(page, "Move to " + kShihTzu), Qt::LeftButton);
    QCOMPARE(bytes(moved), swappedBytes);
    window.reset();
    window = std::make_unique<MainWindow>();
    window->show();
    undo = button(window->dataPage(), "Undo last move");
    QTRY_VERIFY(undo->isEnabled());  // once the project's dataset is read
    QTest::mouseClick(undo, Qt::LeftButton);
    QCOMPARE(bytes(swapped), swappedBytes);
    QVERIFY(!QFile::exists(moved));
    QVERIFY(!undo->isEnabled());
  }

  // Classes named after colours are drawn in them (before, "red" came out green and "green"
  // orange), the unnamed class in none of theirs; clicking a finding rings its dot on the map,
  // deselecting it takes the ring away; two blank frames of different classes are outliers said
  // to be blank, not a pair of duplicates of which "one label is wrong".
  void mapColoursRingsAndBlankFrames() {
    QTemporaryDir data;
    const QString root = data.filePath("colours");
    writeNamedColourDataset(root);
    const QString blanks[2] = {root + "/train/stripes/blank.png", root + "/train/green/blank.png"};
    QImage grey(96, 80, QImage::Format_RGB32);
    grey.fill(QColor(128, 128, 128));
    QVERIFY(grey.save(blanks[0]));
    grey.fill(QColor(20, 20, 20));
    QVERIFY(grey.save(blanks[1]));

    MainWindow window;
    window.show();
    QVERIFY(scan(window, root).ok());
    auto* page = window.dataPage();
    window.showPage(page);
    QSignalSpy diagnosed(window.worker(), &EngineWorker::diagnosed);
    QTest::mouseClick(button(page, "Check the dataset"), Qt::LeftButton);
    QVERIFY(diagnosed.wait(240000) || !diagnosed.isEmpty());
    QCoreApplication::processEvents();
    const auto report = diagnosed.first().first().value<headstart::DoctorReport>();
    auto* map = page->map();
    QTest::qWait(100);  // the map's first drawing lays out its axes

    // (a) The colour of each class's dots, read off the drawn map.
    QHash<QString, QColor> drawn;
    const QImage image = mapImage(map);
    for (int c = 0; c < int(report.classes.size()); ++c) {
      const QString cls = QString::fromStdString(report.classes[size_t(c)]);
      const int dot = lonelyDot(map, c);
      QVERIFY2(dot >= 0, qPrintable(cls));
      drawn[cls] = image.pixelColor(onPlot(map, dot));
      qInfo("%s drawn as %s", qPrintable(cls), qPrintable(drawn[cls].name()));
      QVERIFY2(drawn[cls].hsvSaturationF() > 0.5, qPrintable(cls + " " + drawn[cls].name()));
    }
    const double red = hueDegrees(drawn["red"]), green = hueDegrees(drawn["green"]),
                 blue = hueDegrees(drawn["blue"]), other = hueDegrees(drawn["stripes"]);
    QVERIFY2(red < 15 || red > 345, qPrintable(drawn["red"].name()));
    QVERIFY2(green > 90 && green < 150, qPrintable(drawn["green"].name()));
    QVERIFY2(blue > 200 && blue < 250, qPrintable(drawn["blue"].name()));
    for (double named : {red, green, blue})
      QVERIFY2(hueApart(other, named) >= 30, qPrintable(drawn["stripes"].name()));

    // (b) Clicking the grey frame's row rings its dot; clicking it again with Ctrl deselects it.
    auto* outliers = page->outliersList();
    int dot = -1;
    for (int i = 0; i < map->pointCount(); ++i)
      if (QString::fromStdString(map->point(i).path) == blanks[0]) dot = i;
    QVERIFY(dot >= 0);
    const int before = darkAround(map, dot, 10);
    auto* row = outliers->item(rowNaming(outliers, blanks[0]));
    outliers->scrollToItem(row);
    QTest::mouseClick(outliers->viewport(), Qt::LeftButton, {},
                      outliers->visualItemRect(row).center());
    QVERIFY(row->isSelected());
    QTRY_VERIFY2(darkAround(map, dot, 10) >= 12, qPrintable(QString::number(before)));
    QCOMPARE(map->highlighted(), QVector<int>{dot});
    QTest::mouseClick(outliers->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      outliers->visualItemRect(row).center());
    QVERIFY(!row->isSelected());
    QVERIFY(map->highlighted().isEmpty());
    QTRY_COMPARE(darkAround(map, dot, 10), before);

    // (c) Blank frames: outliers said to be blank, in no other list.
    for (const auto& blank : blanks) {
      const int row = rowNaming(outliers, blank);
      QVERIFY2(row >= 0, qPrintable(blank));
      QVERIFY2(outliers->item(row)->text().contains("blank or nearly uniform image"),
               qPrintable(outliers->item(row)->text()));
      QCOMPARE(rowNaming(page->duplicatesList(), blank), -1);
      QCOMPARE(rowNaming(page->labelsList(), blank), -1);
    }
  }

  // Cancel (or Esc) stops the check; the page is ready for the next one and shows no findings.
  void cancelStopsTheCheck() {
    QTemporaryDir data;
    copyCleanDataset(data.path());
    MainWindow window;
    window.show();
    QVERIFY(scan(window, data.path()).ok());
    auto* page = window.dataPage();
    window.showPage(page);
    QSignalSpy cancelled(window.worker(), &EngineWorker::doctorCancelled);
    QSignalSpy diagnosed(window.worker(), &EngineWorker::diagnosed);
    QTest::mouseClick(button(page, "Check the dataset"), Qt::LeftButton);
    QVERIFY(!button(page, "Check the dataset")->isEnabled());
    QTest::keyClick(page, Qt::Key_Escape);
    QVERIFY(cancelled.wait(120000) || !cancelled.isEmpty());
    QCoreApplication::processEvents();
    QVERIFY(diagnosed.isEmpty());
    QVERIFY(!page->busy());
    QVERIFY(button(page, "Check the dataset")->isEnabled());
    QCOMPARE(page->progressBar()->format(), QString("Check cancelled"));
    QCOMPARE(page->map()->pointCount(), 0);
    QVERIFY(page->map()->emptyState()->isVisible());
    QCOMPARE(page->outliersList()->count(), 0);
  }
};

QTEST_MAIN(TestGuiDoctor)
#include "test_gui_doctor.moc"
