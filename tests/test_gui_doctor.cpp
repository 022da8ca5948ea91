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
