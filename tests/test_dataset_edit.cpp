// Excluding images and moving them between class folders: what the scan then sees, that every
// move is undone to the same bytes at the same place, and that nothing is ever overwritten or
// reached outside the dataset, whatever the records on disk say.

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "headstart/dataset.h"
#include "headstart/dataset_edit.h"
#include "headstart/error.h"

using namespace headstart;

namespace {

// A small PNG of one colour with a little texture, different for every (class, index).
void writeImage(const QString& path, QColor colour, int index) {
  QDir().mkpath(QFileInfo(path).path());
  QImage image(16, 16, QImage::Format_RGB32);
  image.fill(colour);
  image.setPixelColor(index % 16, index / 16 % 16, Qt::white);
  QVERIFY(image.save(path));
}

// ROOT/{train,test}/{blue,red}/N.png: four training and two test images per class.
void makeDataset(const QString& root) {
  for (const QString split : {"train", "test"}) {
    for (const QString cls : {"blue", "red"}) {
      const int count = split == "train" ? 4 : 2;
      for (int i = 0; i < count; ++i)
        writeImage(QString("%1/%2/%3/%4.png").arg(root, split, cls).arg(i),
                   cls == "red" ? Qt::red : Qt::blue, i + (split == "test" ? 8 : 0));
    }
  }
}

QByteArray bytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeText(const QString& path, const QByteArray& text) {
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(text);
}

size_t trainCount(const DatasetReport& report, const std::string& cls) {
  for (const auto& c : report.counts)
    if (c.name == cls) return c.train;
  return 0;
}

// Runs `action`, which must throw headstart::Error with a message containing every part.
template <typename Action>
QString failure(Action action) {
  try {
    action();
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return QString();
}

std::string s(const QString& text) { return text.toStdString(); }

}  // namespace

class TestDatasetEdit : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString m_root;
  int m_count = 0;

 private Q_SLOTS:
  // Each case works on a dataset of its own.
  void init() {
    m_root = m_dir.filePath(QString("data%1").arg(++m_count));
    makeDataset(m_root);
  }

  void exclusionRoundTripAndTheScanHonoursIt() {
    const QString image = m_root + "/train/red/1.png";
    excludeImage(s(m_root), s(image));
    excludeImage(s(m_root), "train/red/1.png");  // the same image, by its relative path
    QCOMPARE(readExclusions(s(m_root)), std::vector<std::string>{"train/red/1.png"});
    QVERIFY(QFile::exists(image));  // excluded, not touched
    std::ifstream in(exclusionsFile(s(m_root)));
    const auto json = nlohmann::json::parse(in);
    QCOMPARE(json["format"].get<int>(), 1);
    QCOMPARE(json["excluded"].size(), size_t(1));

    const auto report = scanDataset(s(m_root));
    QVERIFY(report.ok());
    QCOMPARE(trainCount(report, "red"), size_t(3));
    QCOMPARE(report.excluded.size(), size_t(1));
    QCOMPARE(QFileInfo(QString::fromStdString(report.excluded[0])).canonicalFilePath(),
             QFileInfo(image).canonicalFilePath());
    for (const auto& item : report.train) QVERIFY(item.path != report.excluded[0]);
    ScanOptions all;
    all.honourExclusions = false;
    QCOMPARE(trainCount(scanDataset(s(m_root), all), "red"), size_t(4));

    includeImage(s(m_root), s(image));
    QVERIFY(readExclusions(s(m_root)).empty());
    const auto again = scanDataset(s(m_root) + "/");
    QCOMPARE(trainCount(again, "red"), size_t(4));
    QVERIFY(again.excluded.empty());
  }

  // A single folder of classes: the record's folder is neither a class nor a source of images,
  // and excluding an image moves no other between train and test.
  void theRecordFolderIsNeverAClass() {
    const QString flat = m_dir.filePath(QString("flat%1").arg(m_count));
    for (int i = 0; i < 5; ++i) {
      writeImage(QString("%1/red/%2.png").arg(flat).arg(i), Qt::red, i);
      writeImage(QString("%1/blue/%2.png").arg(flat).arg(i), Qt::blue, i);
    }
    writeImage(flat + "/.headstart/stray.png", Qt::green, 0);
    const auto before = scanDataset(s(flat));
    excludeImage(s(flat), before.train[0].path);
    const auto report = scanDataset(s(flat));
    QCOMPARE(report.classes, (std::vector<std::string>{"blue", "red"}));
    QCOMPARE(report.train.size() + report.test.size(), size_t(9));
    for (const auto& item : report.train)
      QVERIFY(item.path.find(".headstart") == std::string::npos);
    QCOMPARE(report.test.size(), before.test.size());
    for (size_t i = 0; i < report.test.size(); ++i)
      QCOMPARE(report.test[i].path, before.test[i].path);
  }

  void moveThenUndoRestoresTheSameBytes() {
    const QString from = m_root + "/train/red/1.png", to = m_root + "/train/blue/1 (2).png";
    const QByteArray original = bytes(from);
    const auto move = moveToClass(s(m_root), s(from), "blue");
    // blue/1.png is another image: the moved one takes the next free name, nothing is replaced.
    QCOMPARE(QString::fromStdString(move.to), QString("train/blue/1 (2).png"));
    QCOMPARE(QString::fromStdString(move.from), QString("train/red/1.png"));
    QVERIFY(!QFile::exists(from));
    QCOMPARE(bytes(to), original);
    QVERIFY(bytes(m_root + "/train/blue/1.png") != original);
    const auto report = scanDataset(s(m_root));
    QCOMPARE(trainCount(report, "red"), size_t(3));
    QCOMPARE(trainCount(report, "blue"), size_t(5));

    const auto undone = undoLastMove(s(m_root));
    QCOMPARE(undone.id, move.id);
    QVERIFY(undone.undone);
    QCOMPARE(bytes(from), original);
    QVERIFY(!QFile::exists(to));
    QVERIFY(readJournal(s(m_root)).at(0).undone);
    QVERIFY(failure([&] { undoLastMove(s(m_root)); }).contains("no move to undo"));
    QVERIFY(failure([&] { undoMove(s(m_root), move.id); }).contains("undone already"));
  }

  void aMoveNeverOverwrites() {
    writeImage(m_root + "/train/blue/1 (2).png", Qt::green, 0);
    const QByteArray blue1 = bytes(m_root + "/train/blue/1.png");
    const QByteArray blue2 = bytes(m_root + "/train/blue/1 (2).png");
    const auto move = moveToClass(s(m_root), s(m_root + "/train/red/1.png"), "blue");
    QCOMPARE(QString::fromStdString(move.to), QString("train/blue/1 (3).png"));
    QCOMPARE(bytes(m_root + "/train/blue/1.png"), blue1);
    QCOMPARE(bytes(m_root + "/train/blue/1 (2).png"), blue2);
    // A class that is not there is not created.
    const QString message =
        failure([&] { moveToClass(s(m_root), s(m_root + "/train/red/2.png"), "green"); });
    QVERIFY2(message.contains("no such class folder") && message.contains("green"),
             qPrintable(message));
    QVERIFY(QFile::exists(m_root + "/train/red/2.png"));
    QVERIFY(failure([&] {
              moveToClass(s(m_root), s(m_root + "/train/red/2.png"), "red");
            }).contains("already in class red"));
    QCOMPARE(readJournal(s(m_root)).size(), size_t(1));  // the refused moves left no entry
  }

  // The journal is on disk, not in memory: moves made "before a restart" are undone by id, in
  // any order, and the excluded image keeps its exclusion as it moves.
  void theJournalSurvivesReopening() {
    excludeImage(s(m_root), "train/red/3.png");
    const auto first = moveToClass(s(m_root), "train/red/3.png", "blue");
    const auto second = moveToClass(s(m_root), "test/blue/0.png", "red");
    QCOMPARE(second.id, first.id + 1);
    QCOMPARE(readExclusions(s(m_root)), std::vector<std::string>{first.to});
    std::ifstream in(journalFile(s(m_root)));
    const auto json = nlohmann::json::parse(in);
    QCOMPARE(json["format"].get<int>(), 1);
    QCOMPARE(json["moves"].size(), size_t(2));
    QCOMPARE(json["moves"][1]["from"].get<std::string>(), std::string("test/blue/0.png"));

    const auto journal = readJournal(s(m_root));
    QCOMPARE(journal.size(), size_t(2));
    QCOMPARE(journal[0].size,
             uint64_t(QFileInfo(m_root + "/" + QString::fromStdString(first.to)).size()));
    undoMove(s(m_root), first.id);  // the older one, the newer left as it is
    QVERIFY(QFile::exists(m_root + "/train/red/3.png"));
    QVERIFY(QFile::exists(m_root + "/" + QString::fromStdString(second.to)));
    QCOMPARE(readExclusions(s(m_root)), std::vector<std::string>{"train/red/3.png"});
    QCOMPARE(undoLastMove(s(m_root)).id, second.id);
    QVERIFY(QFile::exists(m_root + "/test/blue/0.png"));
  }

  void undoRefusesAChangedFileOrATakenPlace() {
    const auto changed = moveToClass(s(m_root), "train/red/0.png", "blue");
    const QString moved = m_root + "/" + QString::fromStdString(changed.to);
    writeImage(moved, Qt::yellow, 0);
    QString message = failure([&] { undoMove(s(m_root), changed.id); });
    QVERIFY2(message.contains("changed since it was moved") && message.contains(moved),
             qPrintable(message));
    QVERIFY(QFile::exists(moved));

    const auto blocked = moveToClass(s(m_root), "train/red/1.png", "blue");
    writeImage(m_root + "/train/red/1.png", Qt::black, 0);
    const QByteArray newcomer = bytes(m_root + "/train/red/1.png");
    message = failure([&] { undoMove(s(m_root), blocked.id); });
    QVERIFY2(message.contains("another file is there"), qPrintable(message));
    QCOMPARE(bytes(m_root + "/train/red/1.png"), newcomer);
    QVERIFY(QFile::exists(m_root + "/" + QString::fromStdString(blocked.to)));

    QFile::remove(m_root + "/" + QString::fromStdString(blocked.to));
    message = failure([&] { undoMove(s(m_root), blocked.id); });
    QVERIFY2(message.contains("no longer there"), qPrintable(message));
  }

  void damagedRecordsGiveClearErrors_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not JSON") << QByteArray("{\"format\": 1, \"excl") << "invalid JSON";
    QTest::newRow("a list") << QByteArray("[]") << "not a HeadStart record";
    QTest::newRow("no format") << QByteArray("{\"excluded\": []}") << "not a HeadStart record";
    QTest::newRow("newer") << QByteArray("{\"format\": 7, \"excluded\": []}") << "newer HeadStart";
    QTest::newRow("number") << QByteArray("{\"format\": 1, \"excluded\": [5]}") << "not a path";
    QTest::newRow("outside") << QByteArray("{\"format\": 1, \"excluded\": [\"../x.png\"]}")
                             << "outside the dataset";
  }
  void damagedRecordsGiveClearErrors() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString file = QString::fromStdString(exclusionsFile(s(m_root)));
    writeText(file, content);
    QString message = failure([&] { readExclusions(s(m_root)); });
    QVERIFY2(message.contains(file) && message.contains(expected), qPrintable(message));
    // The scan does not train on images the user may have excluded: it stops and says why.
    const auto report = scanDataset(s(m_root));
    QVERIFY(!report.ok());
    QVERIFY2(QString::fromStdString(report.errors[0]).contains(expected), report.errors[0].c_str());
    // Excluding more does not replace the damaged record with a fresh one.
    QVERIFY(failure([&] { excludeImage(s(m_root), "train/red/0.png"); }).contains(expected));
    QCOMPARE(bytes(file), content);

    const QString journal = QString::fromStdString(journalFile(s(m_root)));
    writeText(journal, QByteArray(content).replace("excluded", "moves"));
    message = failure([&] { moveToClass(s(m_root), "train/red/0.png", "blue"); });
    QVERIFY2(message.contains(journal), qPrintable(message));
    QVERIFY(QFile::exists(m_root + "/train/red/0.png"));  // not moved without its journal entry
  }

  void pathsOutsideTheDatasetAreRefused() {
    const QString outside = m_dir.filePath(QString("outside%1").arg(m_count));
    writeImage(outside + "/x.png", Qt::red, 0);
    for (const QString path : {outside + "/x.png", QString("../outside/x.png"),
                               m_root + "/train/../../outside/x.png", QString("/etc/passwd")}) {
      QVERIFY2(
          failure([&] { excludeImage(s(m_root), s(path)); }).contains("not inside the dataset"),
          qPrintable(path));
      QVERIFY(failure([&] {
                moveToClass(s(m_root), s(path), "blue");
              }).contains("not inside the dataset"));
    }
    QVERIFY(failure([&] {
              excludeImage(s(m_root), ".headstart/excluded.json");
            }).contains(".headstart"));
    QVERIFY(failure([&] {
              moveToClass(s(m_root), "train/red/0.png", "../../outside");
            }).contains("not a class folder name"));
    // A folder link inside the dataset does not carry a move out of it.
    QVERIFY(QFile::link(outside, m_root + "/train/red/linked"));
    const QString message =
        failure([&] { moveToClass(s(m_root), s(m_root + "/train/red/linked/x.png"), "blue"); });
    QVERIFY2(message.contains("leads outside the dataset"), qPrintable(message));
    QVERIFY(QFile::exists(outside + "/x.png"));
    // Nor is a link to a file moved in place of the file.
    QVERIFY(QFile::link(outside + "/x.png", m_root + "/train/red/link.png"));
    QVERIFY(failure([&] {
              moveToClass(s(m_root), "train/red/link.png", "blue");
            }).contains("a link, not moved"));
    QVERIFY(QFileInfo(m_root + "/train/red/link.png").isSymLink());
    QVERIFY(readJournal(s(m_root)).empty());
  }
};

QTEST_GUILESS_MAIN(TestDatasetEdit)
#include "test_dataset_edit.moc"
