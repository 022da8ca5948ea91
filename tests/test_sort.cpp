// headstart-cli predict on folders with --csv, and headstart-cli sort, run as a user runs them:
// the CSV read back by Python's csv module, the sources checked byte for byte afterwards.

#include <signal.h>

#include <QCryptographicHash>
#include <QDirIterator>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "support.h"

namespace {

struct Run {
  int exitCode = -1;
  QString out, err;
};

QProcessEnvironment isolated(const QString& home) {
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert("TORCH_HOME", home);
  env.insert("XDG_CONFIG_HOME", home + "/config");
  return env;
}

Run runCli(const QStringList& args, const QString& home) {
  QProcess p;
  p.setProcessEnvironment(isolated(home));
  p.start(qEnvironmentVariable("HEADSTART_CLI"), args);
  if (!p.waitForFinished(300000)) return {};
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

QString weights() { return QString::fromStdString(testsupport::fixture("resnet18.pth")); }

QString fixtureImage(const QString& name) {
  return QString::fromStdString(testsupport::fixture("images/" + name));
}

void copyFile(const QString& from, const QString& to) {
  QDir().mkpath(QFileInfo(to).path());
  QVERIFY2(QFile::copy(from, to), qPrintable(to));
}

// Every file under `root` (hidden ones too) with its content hash and modification time.
std::map<QString, QString> snapshot(const QString& root) {
  std::map<QString, QString> files;
  QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const auto path = it.next();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) continue;
    files[QDir(root).relativeFilePath(path)] =
        QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex() + " " +
        QString::number(QFileInfo(path).lastModified().toMSecsSinceEpoch());
  }
  return files;
}

// The CSV as Python's csv module reads it: a JSON list of rows.
nlohmann::json readCsv(const QString& path) {
  const auto out = testsupport::runPython(
      "import csv, json, sys\n"
      "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
      "    print(json.dumps(list(csv.reader(f, strict=True))))\n",
      {path});
  if (out.isNull()) return nlohmann::json::array();
  return nlohmann::json::parse(out.toStdString());
}

// Folders of images with the names users give them, and what must be left out.
QStringList makeFolder(const QString& root) {
  const QStringList images{"a, b.jpg", "quote \"x\".png", "фото собаки.jpg", "sub/deeper/tile.tiff",
                           "sub/small.bmp"};
  const QStringList sources{"photo.jpg", "alpha.png", "subsampled.jpg", "tiled.tiff", "small.bmp"};
  for (int i = 0; i < images.size(); ++i)
    copyFile(fixtureImage(sources[i]), root + "/" + images[i]);
  copyFile(fixtureImage("photo.jpg"), root + "/.hidden.jpg");
  copyFile(fixtureImage("photo.jpg"), root + "/.cache/inside.jpg");
  QFile notes(root + "/notes.txt");
  notes.open(QIODevice::WriteOnly);
  notes.write("not an image\n");
  return images;
}

}  // namespace

class TestSort : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    if (testsupport::runPython("import csv\nprint('ok')").isNull())
      QSKIP("no python3 to read the CSV back");
  }

  void predictFolderWritesCsv() {
    QTemporaryDir dir;
    const auto root = dir.filePath("photos");
    const auto images = makeFolder(root);
    const auto csvPath = dir.filePath("out.csv");
    const auto r =
        runCli({"predict", "--weights", weights(), "--top", "3", "--json", "--csv", csvPath, root},
               m_home.path());
    QCOMPARE(r.exitCode, 0);
    // What --json printed, by image.
    std::map<std::string, nlohmann::json> printed;
    for (const auto& line : r.out.trimmed().split('\n')) {
      const auto j = nlohmann::json::parse(line.toStdString());
      printed[j["image"].get<std::string>()] = j;
    }
    QCOMPARE(printed.size(), size_t(images.size()));

    const auto rows = readCsv(csvPath);
    QCOMPARE(rows.size(), size_t(images.size() + 1));
    QCOMPARE(rows[0].get<std::vector<std::string>>(),
             (std::vector<std::string>{"path", "class", "probability", "class_2", "probability_2",
                                       "class_3", "probability_3", "error"}));
    std::set<std::string> paths;
    for (size_t i = 1; i < rows.size(); ++i) {
      const auto row = rows[i].get<std::vector<std::string>>();
      QCOMPARE(row.size(), size_t(8));
      paths.insert(row[0]);
      QVERIFY2(printed.count(row[0]), row[0].c_str());
      const auto& top = printed[row[0]]["top"];
      for (size_t k = 0; k < 3; ++k) {
        QCOMPARE(row[1 + 2 * k], top[k]["label"].get<std::string>());
        QVERIFY(std::abs(std::stod(row[2 + 2 * k]) - top[k]["probability"].get<double>()) < 1e-6);
      }
      QVERIFY(row[7].empty());
    }
    std::set<std::string> expected;
    for (const auto& name : images) expected.insert((root + "/" + name).toStdString());
    QVERIFY(paths == expected);  // commas, quotes and Cyrillic survive; hidden and text left out
  }

  void sortCopiesWithoutTouchingSources() {
    QTemporaryDir dir;
    const auto root = dir.filePath("photos");
    const auto images = makeFolder(root);
    // The same name in two folders, with different content: one of them gets a suffix.
    copyFile(fixtureImage("gray.png"), root + "/sub/a, b.jpg");
    const auto before = snapshot(root);
    const auto out = dir.filePath("sorted");

    // A threshold between the predictions, so both class folders and _uncertain are used.
    auto r = runCli({"predict", "--weights", weights(), "--json", root}, m_home.path());
    QCOMPARE(r.exitCode, 0);
    std::map<QString, nlohmann::json> top;
    std::vector<double> confidences;
    for (const auto& line : r.out.trimmed().split('\n')) {
      const auto j = nlohmann::json::parse(line.toStdString());
      top[QString::fromStdString(j["image"].get<std::string>())] = j["top"][0];
      confidences.push_back(j["top"][0]["probability"].get<double>());
    }
    std::sort(confidences.begin(), confidences.end());
    const double threshold = (confidences[2] + confidences[3]) / 2;
    // A file already where the first image goes: it must stay as it is.
    const auto firstImage = root + "/" + images[0];
    const auto firstFolder = top[firstImage]["probability"].get<double>() < threshold
                                 ? QString("_uncertain")
                                 : QString::fromStdString(top[firstImage]["label"]);
    copyFile(fixtureImage("palette.png"), out + "/" + firstFolder + "/" + images[0]);
    const auto userFile = snapshot(out);

    const QStringList sortArgs{"sort",
                               "--weights",
                               weights(),
                               "--into",
                               out,
                               "--min-confidence",
                               QString::number(threshold, 'g', 17),
                               root};
    r = runCli(sortArgs, m_home.path());
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(snapshot(root) == before, "the sources changed");
    auto after = snapshot(out);
    for (const auto& [path, hash] : userFile) QCOMPARE(after[path], hash);  // not overwritten

    // Every image once, where its prediction says, with its own bytes: the two "a, b.jpg" of
    // different content both arrive, beside the user's file of that name.
    int placed = 0;
    for (const auto& [image, best] : top) {
      const bool sure = best["probability"].get<double>() >= threshold;
      const QString folder = sure ? QString::fromStdString(best["label"]) : "_uncertain";
      const auto name = QFileInfo(image).fileName();
      const auto hash = before.at(QDir(root).relativeFilePath(image)).section(' ', 0, 0);
      int found = 0;
      for (const auto& [path, h] : after)
        if (path.startsWith(folder + "/") && h.section(' ', 0, 0) == hash) ++found;
      QVERIFY2(found == 1, qPrintable(image));
      ++placed;
    }
    QCOMPARE(placed, int(before.size()) - 3);  // the hidden pair and notes.txt stay out
    const auto rows = readCsv(out + "/predictions.csv");
    QCOMPARE(rows.size(), top.size() + 1);

    // Again: nothing new, nothing changed.
    r = runCli(sortArgs, m_home.path());
    QCOMPARE(r.exitCode, 0);
    auto again = snapshot(out);
    again.erase("predictions.csv");
    after.erase("predictions.csv");
    QVERIFY2(again == after, "a second run changed the output");
    QVERIFY(snapshot(root) == before);

    // Hard links: the same files, not copies; OUT inside the folder is not sorted again.
    const auto inside = root + "/sorted";
    r = runCli({"sort", "--weights", weights(), "--link", "--into", inside, root}, m_home.path());
    QCOMPARE(r.exitCode, 0);
    const auto linked = snapshot(inside);
    r = runCli({"sort", "--weights", weights(), "--link", "--into", inside, root}, m_home.path());
    QCOMPARE(r.exitCode, 0);
    auto linkedAgain = snapshot(inside);
    QCOMPARE(linkedAgain.size(), linked.size());
    QCOMPARE(linked.size(), size_t(placed + 1));
  }

  void killDuringSortLeavesNoPartialFile() {
    QTemporaryDir dir;
    const auto root = dir.filePath("many");
    // Large images take a while to copy and to decode: a kill lands in the middle.
    const QStringList sources{"photo.jpg", "portrait.png", "tiled.tiff", "lossless.webp"};
    for (int i = 0; i < 120; ++i)
      copyFile(fixtureImage(sources[i % sources.size()]),
               root + QString("/img_%1.%2")
                          .arg(i, 3, 10, QChar('0'))
                          .arg(QFileInfo(sources[i % sources.size()]).suffix()));
    const auto out = dir.filePath("sorted");
    std::map<QString, QByteArray> content;
    for (const auto& s : sources) {
      QFile f(fixtureImage(s));
      f.open(QIODevice::ReadOnly);
      content[QFileInfo(s).suffix()] = f.readAll();
    }
    auto* rng = QRandomGenerator::global();
    for (int attempt = 0; attempt < 4; ++attempt) {
      QProcess p;
      p.setProcessEnvironment(isolated(m_home.path()));
      p.start(qEnvironmentVariable("HEADSTART_CLI"),
              {"sort", "--weights", weights(), "--batch-size", "4", "--into", out, root});
      QVERIFY(p.waitForStarted());
      QTest::qWait(int(rng->bounded(1500, 6000)));
      const auto pid = pid_t(p.processId());
      if (p.state() == QProcess::Running && pid > 0) ::kill(pid, SIGKILL);
      p.waitForFinished();
      if (p.exitStatus() == QProcess::NormalExit)
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
      // Whatever is there under a name is whole: the same bytes as its source.
      QDirIterator it(out, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
      while (it.hasNext()) {
        const auto path = it.next();
        QVERIFY2(!QFileInfo(path).fileName().startsWith('.'), qPrintable(path));
        if (QFileInfo(path).fileName() == "predictions.csv") {
          QCOMPARE(readCsv(path).size(), size_t(121));  // only from a finished run
          continue;
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(f.readAll() == content[QFileInfo(path).suffix()], qPrintable(path));
      }
    }
    const auto r = runCli({"sort", "--weights", weights(), "--into", out, root}, m_home.path());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(readCsv(out + "/predictions.csv").size(), size_t(121));
    int files = 0;
    QDirIterator it(out, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) files += it.next().endsWith(".csv") ? 0 : 1;
    QCOMPARE(files, 120);  // each image once, though runs were killed before
  }
};

QTEST_GUILESS_MAIN(TestSort)
#include "test_sort.moc"
