// The bad-input corpus (tests/data/bad, written by tests/data/make_bad_inputs.py) through the
// engine and through headstart-cli: every file gets its clear error or skip, nothing crashes,
// nothing in a file is run.

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

#include "headstart/classifier.h"
#include "headstart/dataset.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

QString corpus(const QString& relative) {
  return QStringLiteral(HEADSTART_BAD_INPUTS "/") + relative;
}

struct CliRun {
  int exitCode = -1;
  QString out;
  QString err;
};

CliRun runCli(const QStringList& args, const QString& workingDir = QString()) {
  QProcess cli;
  if (!workingDir.isEmpty()) cli.setWorkingDirectory(workingDir);
  cli.start(qEnvironmentVariable("HEADSTART_CLI"), args);
  CliRun run;
  if (!cli.waitForFinished(120000)) return run;
  // A crash is not an exit: QProcess reports it apart, and the test must see it as a failure.
  run.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
  run.out = QString::fromUtf8(cli.readAllStandardOutput());
  run.err = QString::fromUtf8(cli.readAllStandardError());
  return run;
}

QStringList resnet18() {
  return {"--arch", "resnet18", "--weights",
          QString::fromStdString(testsupport::fixture("resnet18.pth"))};
}

// A dataset folder with two classes, one image each in train/ and test/, and `format` (unless
// empty) as the format.json of both splits.
QString datasetWithFormat(const QTemporaryDir& dir, const QString& format) {
  const QString root = dir.filePath("dataset");
  for (const char* split : {"train", "test"}) {
    for (const char* name : {"cat", "dog"}) {
      QDir().mkpath(QStringLiteral("%1/%2/%3").arg(root, split, name));
      QFile::copy(corpus("images/palette.png"),
                  QStringLiteral("%1/%2/%3/a.png").arg(root, split, name));
    }
    if (!format.isEmpty())
      QFile::copy(format, QStringLiteral("%1/%2/format.json").arg(root, split));
  }
  return root;
}

}  // namespace

class TestBadInputs : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { REQUIRE_FIXTURES(); }

  // Expected: an error containing `error`, or, where it is empty, a decoded image of that size.
  void images_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QSize>("size");
    QTest::newRow("zero bytes") << "empty.jpg"
                                << "empty file (0 bytes)" << QSize();
    QTest::newRow("truncated JPEG") << "truncated.jpg"
                                    << "truncated JPEG" << QSize();
    QTest::newRow("truncated PNG") << "truncated.png"
                                   << "truncated PNG" << QSize();
    QTest::newRow("text named .jpg") << "text.jpg"
                                     << "not an image" << QSize();
    QTest::newRow("50000x50000 bomb") << "bomb.png"
                                      << "image too large" << QSize();
    // Claiming 65344x16432, just under OpenCV's own limit: 3 GiB decoded
    QTest::newRow("65344x16432 JPEG bomb") << "bomb.jpg"
                                           << "image too large" << QSize();
    // The same behind stray bytes with a stuffed 0xFF00, which hid the frame from our own
    // header reader (found by the fuzzer)
    QTest::newRow("JPEG bomb behind stray bytes") << "stuffed_bomb.jpg"
                                                  << "image too large" << QSize();
    QTest::newRow("16-bit grey") << "gray16.png"
                                 << "" << QSize(40, 30);
    QTest::newRow("palette") << "palette.png"
                             << "" << QSize(64, 48);
    QTest::newRow("CMYK JPEG") << "cmyk.jpg"
                               << "" << QSize(64, 48);
    QTest::newRow("EXIF-rotated, ignored as torchvision does") << "exif_rotated.jpg"
                                                               << "" << QSize(64, 48);
    QTest::newRow("spaces and Cyrillic in the name") << "фото собаки 1.jpg"
                                                     << "" << QSize(64, 48);
  }
  void images() {
    QFETCH(QString, file);
    QFETCH(QString, error);
    QFETCH(QSize, size);
    const std::string path = corpus("images/" + file).toStdString();
    QElapsedTimer clock;
    clock.start();
    // Decoding and the preset's resize and crop, as prediction and feature extraction run them.
    const auto prepared =
        headstart::image::prepareImages({path}, {}, headstart::imagenetV2Preset());
    const QString message = QString::fromStdString(prepared.front().error);
    if (error.isEmpty()) {
      QVERIFY2(message.isEmpty(), qPrintable("refused a valid file: " + message));
      QCOMPARE(prepared.front().input.sizes(), (c10::IntArrayRef{3, 224, 224}));
      const cv::Mat rgb = headstart::image::decodeRgb(path);
      QCOMPARE(QSize(rgb.cols, rgb.rows), size);
      QCOMPARE(rgb.channels(), 3);
    } else {
      QVERIFY2(message.contains(error), qPrintable(message));
      QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable(message));
    }
    // The bomb is refused from its header, not by allocating 7.5 GB and failing.
    QVERIFY(clock.elapsed() < 2000);
  }

  void exifOrientationOnRequest() {
    const auto rgb = headstart::image::decodeRgb(corpus("images/exif_rotated.jpg").toStdString(),
                                                 headstart::DecodeOptions{true});
    QCOMPARE(QSize(rgb.cols, rgb.rows), QSize(48, 64));
  }

  // The CLI on the whole folder at once: one line per image, the bad ones with their reason,
  // the good ones classified; exit status 1 because some failed.
  void imagesThroughTheCli() {
    QStringList files = QDir(corpus("images")).entryList(QDir::Files, QDir::Name);
    QStringList args = QStringList{"predict", "--json", "--top", "1"} + resnet18();
    for (const auto& f : files) args << corpus("images/" + f);
    const auto run = runCli(args);
    QCOMPARE(run.exitCode, 1);
    QMap<QString, QJsonObject> byName;
    for (const auto& line : run.out.split('\n', Qt::SkipEmptyParts)) {
      const auto object = QJsonDocument::fromJson(line.toUtf8()).object();
      byName[QFileInfo(object["image"].toString()).fileName()] = object;
    }
    QCOMPARE(byName.size(), files.size());
    const QMap<QString, QString> refused{
        {"empty.jpg", "empty file"},        {"truncated.jpg", "truncated JPEG"},
        {"truncated.png", "truncated PNG"}, {"text.jpg", "not an image"},
        {"bomb.png", "image too large"},    {"strip.png", "too elongated"},
        {"bomb.jpg", "image too large"},    {"stuffed_bomb.jpg", "image too large"}};
    for (auto it = byName.begin(); it != byName.end(); ++it) {
      const QString error = it.value()["error"].toString();
      if (refused.contains(it.key())) {
        QVERIFY2(error.contains(refused[it.key()]), qPrintable(it.key() + ": " + error));
      } else {
        QVERIFY2(error.isEmpty(), qPrintable(it.key() + ": " + error));
        QCOMPARE(it.value()["top"].toArray().size(), 1);
      }
    }
  }

  void formatJson_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    QTest::newRow("invalid JSON") << "invalid_json.json"
                                  << "invalid JSON";
    QTest::newRow("not an object") << "not_object.json"
                                   << "must be a non-empty object";
    QTest::newRow("empty object") << "empty_object.json"
                                  << "must be a non-empty object";
    QTest::newRow("negative index") << "negative.json"
                                    << "index -1 of 'cat' is out of range";
    QTest::newRow("duplicate index") << "duplicate.json"
                                     << "index 0 is given to both 'cat' and 'dog'";
    QTest::newRow("fractional index") << "non_integer.json"
                                      << "index of 'dog' is not an integer";
    QTest::newRow("index as a string") << "string_index.json"
                                       << "index of 'dog' is not an integer";
    QTest::newRow("the disk's root as a class") << "root_as_class.json"
                                                << "'/' is not a folder name";
    QTest::newRow("a path out of the split as a class") << "parent_as_class.json"
                                                        << "'../dog' is not a folder name";
    QTest::newRow("index out of range") << "out_of_range.json"
                                        << "index 7 of 'dog' is out of range";
  }
  void formatJson() {
    QFETCH(QString, file);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString root = datasetWithFormat(dir, corpus("format/" + file));
    const auto report = headstart::scanDataset(root.toStdString());
    QVERIFY(!report.ok());
    const QString errors = QString::fromStdString(report.errors.front());
    QVERIFY2(errors.contains("format.json: ") && errors.contains(error), qPrintable(errors));

    // A dataset to fix before anything can run: the CLI's "usage or setup" status.
    const auto run = runCli(QStringList{"train", "--data", root, "--cache-dir", "-"} + resnet18());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(error), qPrintable(run.err));
    QVERIFY(!QFile::exists(dir.filePath("dataset.pt")));
  }

  // A link loop and an unreadable image in a class folder: the scan ends, names both, and
  // training goes on with the rest.
  void hostileFolders() {
    QTemporaryDir dir;
    const QString root = datasetWithFormat(dir, QString());
    fs::create_directory_symlink("..", (root + "/train/cat/loop").toStdString());
    const QString locked = root + "/train/dog/locked.png";
    QFile::copy(corpus("images/palette.png"), locked);
    QFile::setPermissions(locked, QFileDevice::Permissions());
    const bool root_user = QFile(locked).open(QIODevice::ReadOnly);  // root reads anything
    QFile::copy(corpus("images/фото собаки 1.jpg"), root + "/train/dog/фото собаки 1.jpg");
    const auto report = headstart::scanDataset(root.toStdString());
    QVERIFY2(report.ok(), report.errors.empty() ? "" : report.errors.front().c_str());
    QString skipped;
    for (const auto& s : report.skipped)
      skipped += QString::fromStdString(s.path + ": " + s.reason) + "\n";
    if (!root_user) QVERIFY2(skipped.contains("locked.png: unreadable"), qPrintable(skipped));
    QCOMPARE(report.train.size(), size_t(root_user ? 4 : 3));  // a.png x2, the Cyrillic name
    const auto run = runCli(QStringList{"train", "--data", root, "--epochs", "1", "--cache-dir",
                                        "-", "--out", dir.filePath("out/head.pt"), "--no-model"} +
                            resnet18());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(QFile::exists(dir.filePath("out/head.json")));
  }

  void checkpoints_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    QTest::newRow("truncated") << "truncated.pth"
                               << "truncated: the file ends after";
    QTest::newRow("not a zip") << "not_zip.pth"
                               << "not a PyTorch checkpoint (not a zip or pickle file)";
    QTest::newRow("legacy format") << "legacy.pth"
                                   << "legacy PyTorch checkpoint format";
    QTest::newRow("record declaring 4 GiB") << "declares_4gb_record.pth"
                                            << "record 'archive/data.pkl' claims 4294967294 bytes";
    QTest::newRow("element count that overflows")
        << "huge_element_count.pth"
        << "storage '0' holds 0 bytes, expected 4611686018427387904 elements of 4 bytes";
    QTest::newRow("names os.system") << "os_system.pth"
                                     << "refused to load global 'posix.system'";
    QTest::newRow("wrong shapes")
        << "wrong_shape.pth"
        << "'conv1.weight' has shape [64, 3, 3, 3], the model expects [64, 3, 7, 7]";
  }
  void checkpoints() {
    QFETCH(QString, file);
    QFETCH(QString, error);
    const QString path = corpus("checkpoints/" + file);
    QTemporaryDir cwd;  // where the os.system payload would leave its mark
    const QString previous = QDir::currentPath();
    QDir::setCurrent(cwd.path());
    try {
      headstart::ClassifierOptions options;
      options.arch = headstart::Arch::ResNet18;
      options.weightsPath = path.toStdString();
      headstart::Classifier classifier(options);
      QDir::setCurrent(previous);
      QFAIL("loaded a bad checkpoint");
    } catch (const headstart::Error& e) {
      QDir::setCurrent(previous);
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.startsWith(path + ": ") && message.contains(error), qPrintable(message));
    }
    const auto run =
        runCli({"predict", "--arch", "resnet18", "--weights", path, corpus("images/palette.png")},
               cwd.path());
    QCOMPARE(run.exitCode, 2);  // nothing can run without weights: "usage or setup"
    QVERIFY2(run.err.contains(path + ": ") && run.err.contains(error), qPrintable(run.err));
    QVERIFY(!QFile::exists(cwd.filePath("headstart-pwned")));
  }

  void heads_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    QTest::newRow("wrong shape") << "wrong_shape.pt"
                                 << "'weight' has shape [2, 100], the model expects [2, 512]";
    QTest::newRow("truncated") << "truncated.pt"
                               << "truncated: the file ends after";
  }
  void heads() {
    QFETCH(QString, file);
    QFETCH(QString, error);
    const QString path = corpus("heads/" + file);
    QVERIFY_THROWS_EXCEPTION(headstart::Error, headstart::loadHead(path.toStdString()));
    try {
      headstart::loadHead(path.toStdString());
    } catch (const headstart::Error& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(error), e.what());
    }
    const auto run =
        runCli(QStringList{"predict", "--head", path, corpus("images/palette.png")} + resnet18());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(error), qPrintable(run.err));
  }
};

QTEST_GUILESS_MAIN(TestBadInputs)
#include "test_bad_inputs.moc"
