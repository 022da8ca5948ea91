// `headstart-cli train` killed with SIGKILL at random moments, over and over: the export from
// before stays loadable and consistent, nothing of ours is left half-written, and the feature
// cache stays usable (a later run recomputes what was lost and trains the same head, which a
// damaged cache entry taken for a good one would change).

#include <torch/torch.h>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/sha256.h"
#include "support.h"

namespace {

QByteArray contentOf(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Files in `dir` (recursively) whose names say they are somebody's unfinished temporary.
QStringList temporaries(const QString& dir) {
  QStringList found;
  QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    if (path.contains(".tmp-")) found << path;
  }
  return found;
}

// A temporary export file that holds a complete manifest or state_dict.
bool isWhole(const QString& path) {
  const QByteArray bytes = contentOf(path);
  if (path.contains(".json.tmp-")) return QJsonDocument::fromJson(bytes).isObject();
  try {
    return torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end())).isGenericDict();
  } catch (const c10::Error&) {
    return false;
  }
}

}  // namespace

class TestCrashSafety : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  QString head() const { return m_dir.filePath("out/head.pt"); }
  QString cache() const { return m_dir.filePath("cache"); }

  QStringList trainArgs() const {
    return {"train",
            "--data",
            QString::fromStdString(testsupport::fixture("dataset")),
            "--arch",
            "resnet18",
            "--weights",
            QString::fromStdString(testsupport::fixture("backbone18.pth")),
            "--epochs",
            "3",
            "--out",
            head(),
            "--cache-dir",
            cache(),
            "--json"};
  }

  // The export on disk is whole: the manifest parses, the head matches the hash the manifest
  // recorded (loadHead checks it) and so does the whole model.
  void checkExportIsWhole() {
    const auto manifest = QJsonDocument::fromJson(contentOf(m_dir.filePath("out/head.json")));
    QVERIFY2(manifest.isObject(), "the manifest is not whole JSON");
    try {
      const auto saved = headstart::loadHead(head().toStdString());
      QCOMPARE(saved.head.classes.size(), size_t(3));
    } catch (const headstart::Error& e) {
      QFAIL(e.what());
    }
    const auto files = manifest.object()["files"].toObject();
    QCOMPARE(files["model_hash"].toString().toStdString(),
             headstart::sha256HexOfFile(m_dir.filePath("out/head-model.pt").toStdString()));
  }

 private Q_SLOTS:
  void initTestCase() { REQUIRE_FIXTURES(); }

  // Runs training to the end; returns how long it took, or -1.
  qint64 trainToTheEnd() {
    QProcess run;
    QElapsedTimer clock;
    clock.start();
    run.start(qEnvironmentVariable("HEADSTART_CLI"), trainArgs());
    if (!run.waitForFinished(300000) || run.exitCode() != 0) {
      qWarning("%s", run.readAllStandardError().constData());
      return -1;
    }
    return clock.elapsed();
  }

  void killedTrainingLosesNothing() {
    const qint64 coldMs = trainToTheEnd();
    QVERIFY(coldMs > 0);
    const qint64 warmMs = trainToTheEnd();
    QVERIFY(warmMs > 0);
    checkExportIsWhole();
    const QByteArray referenceHead = contentOf(head());

    // Kills spread over whole runs: with a warm cache (training and export) and a cold one
    // (extraction and cache writes too).
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill schedule seed %u; a run takes %lld ms cold, %lld ms warm", seed, coldMs, warmMs);
    QRandomGenerator random(seed);
    const int kills = 16;
    for (int i = 0; i < kills; ++i) {
      const bool cold = i >= kills / 2;
      if (i == kills / 2) QDir(cache()).removeRecursively();
      QProcess run;
      run.start(qEnvironmentVariable("HEADSTART_CLI"), trainArgs());
      QVERIFY(run.waitForStarted());
      const qint64 pid = run.processId();
      const int delay = int(random.bounded(quint32(cold ? coldMs : warmMs)));
      const bool finished = run.waitForFinished(delay);
      if (!finished) {
        run.kill();  // SIGKILL: no handler, no cleanup
        QVERIFY(run.waitForFinished(30000));
      }
      qInfo("kill %d (%s cache) after %d ms: %s", i + 1, cold ? "cold" : "warm", delay,
            finished ? "had finished" : "killed");
      checkExportIsWhole();
      // Data gets a name only when complete, and the final name microseconds later: a kill in
      // between leaves a whole file under a temporary name, which the next export removes.
      for (const auto& leftover : temporaries(m_dir.filePath("out"))) {
        QVERIFY2(leftover.contains(QStringLiteral(".tmp-%1-").arg(pid)), qPrintable(leftover));
        QVERIFY2(isWhole(leftover), qPrintable("half-written: " + leftover));
      }
    }

    // The cache the killed runs left is used, what they lost is recomputed, and the head comes
    // out as it did the first time: no damaged feature was taken for a good one.
    QProcess last;
    last.start(qEnvironmentVariable("HEADSTART_CLI"), trainArgs());
    QVERIFY(last.waitForFinished(300000));
    QVERIFY2(last.exitCode() == 0, last.readAllStandardError().constData());
    const auto lines = last.readAllStandardOutput().trimmed().split('\n');
    const auto summary = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(summary["event"].toString(), QStringLiteral("summary"));
    QVERIFY(summary["cached_images"].toInt() > 0);
    checkExportIsWhole();
    const auto expected =
        torch::pickle_load(std::vector<char>(referenceHead.begin(), referenceHead.end()))
            .toGenericDict();
    const QByteArray finalHead = contentOf(head());
    const auto actual =
        torch::pickle_load(std::vector<char>(finalHead.begin(), finalHead.end())).toGenericDict();
    for (const char* key : {"weight", "bias"}) {
      const auto a = actual.at(key).toTensor();
      const auto e = expected.at(key).toTensor();
      QVERIFY2(
          torch::allclose(a, e, 1e-5, 1e-6),
          qPrintable(QString("%1 differs by %2").arg(key).arg((a - e).abs().max().item<float>())));
    }
    QVERIFY2(temporaries(m_dir.filePath("out")).isEmpty(),
             qPrintable(temporaries(m_dir.filePath("out")).join(", ")));
  }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "test_crash_safety.moc"
