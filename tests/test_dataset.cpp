// Dataset scanning: the three layouts and every problem a real folder can have.

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "headstart/dataset.h"
#include "headstart/error.h"
#include "support.h"

using namespace headstart;

namespace {

const QStringList kClasses{"n02085620-Chihuahua", "n02086240-Shih-Tzu", "stripes"};

QString source(const QString& cls, int i) {
  const QString ext = i % 2 ? "jpg" : "png";
  return testsupport::fixtureDir() + "/dataset/train/" + cls + "/" + cls.left(4) +
         QString("_%1.").arg(i, 2, 10, QChar('0')) + ext;
}

void write(const QString& path, const QByteArray& content) {
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(content);
}

// A clean copy of a few fixture images: ROOT/<split>/<class>/...
void populate(const QString& root, const QStringList& splits, int perClass) {
  for (const auto& split : splits) {
    for (const auto& cls : kClasses) {
      QDir().mkpath(root + "/" + split + "/" + cls);
      for (int i = 0; i < perClass; ++i) {
        QFile::copy(source(cls, i), root + "/" + split + "/" + cls +
                                        QString("/%1_%2").arg(split).arg(i) + "." +
                                        QFileInfo(source(cls, i)).suffix());
      }
    }
  }
}

bool anyContains(const std::vector<std::string>& lines, const QString& text) {
  for (const auto& l : lines) {
    if (QString::fromStdString(l).contains(text)) return true;
  }
  return false;
}

}  // namespace

class TestDataset : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { REQUIRE_FIXTURES(); }

  void formatJsonLayoutWithItsMess() {
    const auto r = scanDataset(testsupport::fixture("dataset"));
    QVERIFY2(r.ok(), r.errors.empty() ? "" : r.errors[0].c_str());
    QCOMPARE(r.layout, DatasetLayout::FormatJson);
    QCOMPARE(r.classes.size(), size_t(3));
    QCOMPARE(QString::fromStdString(r.classes[2]), QString("stripes"));
    QCOMPARE(r.counts[0].train, size_t(14));
    QCOMPARE(r.counts[2].train, size_t(14));
    QCOMPARE(r.counts[2].test, size_t(7));
    std::map<QString, QString> skipped;
    for (const auto& s : r.skipped)
      skipped[QFileInfo(QString::fromStdString(s.path)).fileName()] =
          QString::fromStdString(s.reason);
    QCOMPARE(skipped["empty.jpg"], QString("zero bytes"));
    QCOMPARE(skipped["cut.jpg"], QString("truncated JPEG"));
    QVERIFY(skipped["notes.jpg"].startsWith("not an image"));
    QCOMPARE(skipped.size(), size_t(3));  // hidden files and readme.txt are ignored, not reported
    for (const auto& item : r.train)
      QVERIFY(!QString::fromStdString(item.path).contains(".hidden"));
    QVERIFY(anyContains(r.warnings, "leakage: " + testsupport::fixtureDir() +
                                        "/dataset/test/stripes/copy_of_train.jpg"));
  }

  void imageFolderSortsClasses() {
    QTemporaryDir dir;
    populate(dir.path(), {"train", "test"}, 3);
    QDir().mkpath(dir.filePath("train/.cache"));
    const auto r = scanDataset(dir.path().toStdString());
    QVERIFY(r.ok());
    QCOMPARE(r.layout, DatasetLayout::ImageFolder);
    QCOMPARE(r.classes,
             (std::vector<std::string>{"n02085620-Chihuahua", "n02086240-Shih-Tzu", "stripes"}));
    QCOMPARE(r.train.size(), size_t(9));
    QCOMPARE(r.test.size(), size_t(9));
  }

  void singleFolderIsSplitBySeed() {
    QTemporaryDir dir;
    for (const auto& cls : kClasses) {
      QDir().mkpath(dir.filePath(cls));
      for (int i = 0; i < 10; ++i)
        QFile::copy(source(cls, i), dir.filePath(cls + QString("/%1.").arg(i) +
                                                 QFileInfo(source(cls, i)).suffix()));
    }
    ScanOptions options;
    options.seed = 5;
    const auto a = scanDataset(dir.path().toStdString(), options);
    const auto b = scanDataset(dir.path().toStdString(), options);
    options.seed = 6;
    const auto c = scanDataset(dir.path().toStdString(), options);
    QVERIFY(a.ok());
    QCOMPARE(a.layout, DatasetLayout::SingleSplit);
    for (const auto& counts : a.counts) {
      QCOMPARE(counts.test, size_t(2));  // stratified 80/20
      QCOMPARE(counts.train, size_t(8));
    }
    QCOMPARE(a.test.size(), b.test.size());
    for (size_t i = 0; i < a.test.size(); ++i) QCOMPARE(a.test[i].path, b.test[i].path);
    bool differs = false;
    for (size_t i = 0; i < a.test.size(); ++i) differs |= a.test[i].path != c.test[i].path;
    QVERIFY(differs);
  }

  void formatJsonProblems_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("invalid JSON") << QByteArray("{\"a\": 0,") << "invalid JSON";
    QTest::newRow("not an object") << QByteArray("[0, 1, 2]") << "must be a non-empty object";
    QTest::newRow("negative")
        << QByteArray(R"({"n02085620-Chihuahua": -1, "n02086240-Shih-Tzu": 1, "stripes": 2})")
        << "index -1 of 'n02085620-Chihuahua' is out of range";
    QTest::newRow("duplicate")
        << QByteArray(R"({"n02085620-Chihuahua": 0, "n02086240-Shih-Tzu": 0, "stripes": 2})")
        << "index 0 is given to both";
    QTest::newRow("not an integer")
        << QByteArray(R"({"n02085620-Chihuahua": 0.5, "n02086240-Shih-Tzu": 1, "stripes": 2})")
        << "is not an integer";
    QTest::newRow("text index")
        << QByteArray(R"({"n02085620-Chihuahua": "0", "n02086240-Shih-Tzu": 1, "stripes": 2})")
        << "is not an integer";
    QTest::newRow("out of range")
        << QByteArray(R"({"n02085620-Chihuahua": 0, "n02086240-Shih-Tzu": 1, "stripes": 7})")
        << "index 7 of 'stripes' is out of range 0..2";
  }

  void formatJsonProblems() {
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    populate(dir.path(), {"train", "test"}, 2);
    write(dir.filePath("train/format.json"), json);
    write(dir.filePath("test/format.json"), json);
    const auto r = scanDataset(dir.path().toStdString());
    QVERIFY(!r.ok());
    QVERIFY2(anyContains(r.errors, dir.filePath("train/format.json") + ": "), r.errors[0].c_str());
    QVERIFY2(anyContains(r.errors, expected), r.errors[0].c_str());
  }

  void trainAndTestDisagree() {
    QTemporaryDir dir;
    populate(dir.path(), {"train", "test"}, 2);
    write(dir.filePath("train/format.json"),
          R"({"n02085620-Chihuahua": 0, "n02086240-Shih-Tzu": 1, "stripes": 2})");
    write(dir.filePath("test/format.json"),
          R"({"n02085620-Chihuahua": 1, "n02086240-Shih-Tzu": 0, "stripes": 2})");
    const auto r = scanDataset(dir.path().toStdString());
    QVERIFY(anyContains(r.errors, "disagree"));
  }

  void missingAndUnnamedFolders() {
    QTemporaryDir dir;
    populate(dir.path(), {"train", "test"}, 2);
    const QByteArray json = R"({"n02085620-Chihuahua": 0, "n02086240-Shih-Tzu": 1, "poodle": 2})";
    write(dir.filePath("train/format.json"), json);
    write(dir.filePath("test/format.json"), json);
    const auto r = scanDataset(dir.path().toStdString());
    QVERIFY(anyContains(r.warnings,
                        dir.filePath("train/stripes") + ": folder not named in format.json"));
    QVERIFY(anyContains(r.warnings,
                        dir.filePath("train/poodle") + ": folder named in format.json is missing"));
    QVERIFY(anyContains(r.errors, "class 'poodle' has no usable training image"));
  }

  void linkLoopsAndOddNamesDoNotHang() {
    QTemporaryDir dir;
    populate(dir.path(), {"train", "test"}, 2);
    const QString cls = dir.filePath("train/stripes");
    QVERIFY(QFile::link(cls, cls + "/loop"));                    // a folder that contains itself
    QVERIFY(QFile::link(cls + "/self.jpg", cls + "/self.jpg"));  // a link to itself
    QFile::copy(source("stripes", 3), cls + "/фото с пробелом.jpg");
    const auto r = scanDataset(dir.path().toStdString());
    QVERIFY(r.ok());
    QCOMPARE(r.counts[2].train, size_t(3));
    bool loopReported = false;
    for (const auto& s : r.skipped)
      loopReported |= QString::fromStdString(s.path).endsWith("self.jpg");
    QVERIFY(loopReported);
  }

  void unreadableFile() {
    if (::geteuid() == 0) QSKIP("running as root: file permissions do not stop reading");
    QTemporaryDir dir;
    populate(dir.path(), {"train", "test"}, 2);
    const QString locked = dir.filePath("train/stripes/locked.jpg");
    QFile::copy(source("stripes", 1), locked);
    QFile(locked).setPermissions(QFileDevice::Permissions());
    const auto r = scanDataset(dir.path().toStdString());
    QVERIFY(!r.skipped.empty());
    QVERIFY(QString::fromStdString(r.skipped[0].reason).startsWith("unreadable"));
  }

  void imbalanceAndEmptyClass() {
    QTemporaryDir dir;
    populate(dir.path(), {"train", "test"}, 1);
    for (int i = 2; i < 6; ++i)
      QFile::copy(source("stripes", i), dir.filePath(QString("train/stripes/extra%1.").arg(i) +
                                                     QFileInfo(source("stripes", i)).suffix()));
    auto r = scanDataset(dir.path().toStdString());
    QVERIFY(anyContains(r.warnings, "imbalanced"));
    QDir(dir.filePath("train/stripes")).removeRecursively();
    QDir().mkpath(dir.filePath("train/stripes"));
    write(dir.filePath("train/stripes/readme.txt"), "no images here");
    r = scanDataset(dir.path().toStdString());
    QVERIFY(anyContains(r.errors, "class 'stripes' has no usable training image"));
  }

  void notAFolder() { QVERIFY_THROWS_EXCEPTION(Error, scanDataset("/no/such/folder")); }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "test_dataset.moc"
