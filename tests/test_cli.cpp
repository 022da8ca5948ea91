// headstart-cli predict, run as a user runs it.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support.h"

namespace {

struct Run {
  int exitCode = -1;
  QString out, err;
};

Run runCli(const QStringList& args,
           const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(qEnvironmentVariable("HEADSTART_CLI"), args);
  if (!p.waitForFinished(300000)) return {};
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

// Whether `--precision fast` computes in bfloat16 here (it falls back to exact elsewhere).
bool cpuHasNativeBf16() {
  QFile cpuinfo("/proc/cpuinfo");
  if (!cpuinfo.open(QIODevice::ReadOnly)) return false;
  const auto text = cpuinfo.readAll();
  return text.contains(" avx512_bf16") || text.contains(" amx_bf16");
}

QString image(const std::string& name) {
  return QString::fromStdString(testsupport::fixture(QString::fromStdString("images/" + name)));
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
  nlohmann::json m_summary;
  QTemporaryDir m_home;  // an empty torch cache, so no user's weights leak into the tests

  QProcessEnvironment isolatedEnv() const {
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("TORCH_HOME", m_home.path());
    env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
    return env;
  }

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    std::ifstream in(testsupport::fixture("reference.json"));
    m_summary = nlohmann::json::parse(in);
  }

  void textOutputLikeTheNotebook() {
    const auto r =
        runCli({"predict", "--weights",
                QString::fromStdString(testsupport::fixture("resnet50.pth")), image("photo.jpg")},
               isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    const auto lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    const auto& expected = m_summary["top5"]["photo.jpg/resnet50"];
    for (int i = 0; i < 5; ++i) {
      const QString probability = QString::number(expected["probability"][i].get<double>(), 'f', 4);
      QVERIFY2(lines[i].endsWith(": " + probability), qPrintable(lines[i]));
    }
  }

  void jsonLinesAndPartialFailure() {
    QTemporaryDir dir;
    const QString bad = dir.filePath("broken photo.jpg");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("\xff\xd8\xff garbage");
    f.close();
    QStringList args{"predict", "--json", "--weights",
                     QString::fromStdString(testsupport::fixture("resnet50.pth"))};
    std::vector<std::string> names;
    for (const auto& n : m_summary["images"]) names.push_back(n.get<std::string>());
    for (const auto& n : names) args << image(n);
    args.insert(5, bad);
    const auto r = runCli(args, isolatedEnv());
    QCOMPARE(r.exitCode, 1);  // one image failed, the others were still predicted
    const auto lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), int(names.size()) + 1);
    size_t next = 0;
    for (const auto& line : lines) {
      const auto obj = nlohmann::json::parse(line.toStdString());
      if (obj.contains("error")) {
        QCOMPARE(QString::fromStdString(obj["image"]), bad);
        QVERIFY(QString::fromStdString(obj["error"]).contains("truncated JPEG"));
        continue;
      }
      const auto& expected = m_summary["top5"][names[next++] + "/resnet50"];
      QCOMPARE(obj["top"].size(), size_t(5));
      for (size_t i = 0; i < 5; ++i) {
        QCOMPARE(obj["top"][i]["index"].get<int>(), expected["index"][i].get<int>());
        QVERIFY(std::abs(obj["top"][i]["probability"].get<double>() -
                         expected["probability"][i].get<double>()) < 1e-4);
        QVERIFY(obj["top"][i]["label"].is_string());
      }
    }
    QCOMPARE(next, names.size());
  }

  void weightsFromTorchvisionCache() {
    QDir(m_home.path()).mkpath("hub/checkpoints");
    const QString cached = m_home.filePath("hub/checkpoints/resnet50-11ad3fa6.pth");
    QVERIFY(QFile::link(QString::fromStdString(testsupport::fixture("resnet50.pth")), cached));
    const auto r =
        runCli({"predict", "--json", "--top", "2", image("portrait.png")}, isolatedEnv());
    QFile::remove(cached);
    QCOMPARE(r.exitCode, 0);
    const auto obj = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(obj["top"].size(), size_t(2));
    QCOMPARE(obj["top"][0]["index"].get<int>(),
             m_summary["top5"]["portrait.png/resnet50"]["index"][0].get<int>());
  }

  void missingWeightsExplainWhereToGetThem() {
    const auto r = runCli({"predict", image("photo.jpg")}, isolatedEnv());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(m_home.filePath("hub/checkpoints/resnet50-11ad3fa6.pth")),
             qPrintable(r.err));
    QVERIFY2(r.err.contains("https://download.pytorch.org/models/resnet50-11ad3fa6.pth"),
             qPrintable(r.err));
  }

  void trainEvaluatePredictWithHead() {
    QTemporaryDir out;
    const QString data = testsupport::fixtureDir() + "/dataset";
    const QString weights = QString::fromStdString(testsupport::fixture("backbone18.pth"));
    const QString head = out.filePath("dogs.pt");
    auto r = runCli({"train",     "--json", "--data",       data,
                     "--weights", weights,  "--arch",       "resnet18",
                     "--epochs",  "8",      "--batch-size", "8",
                     "--seed",    "3",      "--cache-dir",  out.filePath("cache"),
                     "--out",     head,     "--onnx",       out.filePath("train.onnx")},
                    isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    const auto lines = r.out.trimmed().split('\n');
    const auto first = nlohmann::json::parse(lines.first().toStdString());
    QCOMPARE(first["event"].get<std::string>(), std::string("dataset"));
    QCOMPARE(first["skipped"].size(), size_t(3));
    int epochs = 0;
    for (const auto& line : lines)
      epochs += nlohmann::json::parse(line.toStdString())["event"] == "epoch";
    QCOMPARE(epochs, 8);
    const auto summary = nlohmann::json::parse(lines.last().toStdString());
    for (const char* key : {"test_accuracy", "test_loss", "confusion", "classes", "per_class",
                            "skipped", "seconds"}) {
      QVERIFY2(summary.contains(key), key);
    }
    QVERIFY(summary["test_accuracy"].get<double>() > 0.9);
    QVERIFY(QFile::exists(out.filePath("dogs-model.pt")) &&
            QFile::exists(out.filePath("dogs.json")));

    r = runCli({"evaluate", "--json", "--data", data, "--head", head, "--weights", weights,
                "--cache-dir", out.filePath("cache")},
               isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    const auto evaluation = nlohmann::json::parse(r.out.trimmed().toStdString());
    QCOMPARE(evaluation["test_accuracy"].get<double>(), summary["test_accuracy"].get<double>());
    QVERIFY(evaluation["confusion"] == summary["confusion"]);
    // By default evaluate measures what the export does: 32-bit floats, whatever the processor.
    QCOMPARE(evaluation["precision"].get<std::string>(), std::string("exact"));
    QCOMPARE(summary["test_precision"].get<std::string>(), std::string("exact"));
    const auto evaluateIn = [&](const QString& precision) {
      const auto run =
          runCli({"evaluate", "--json", "--data", data, "--head", head, "--weights", weights,
                  "--cache-dir", out.filePath("cache"), "--precision", precision},
                 isolatedEnv());
      return run.exitCode == 0 ? nlohmann::json::parse(run.out.trimmed().toStdString())
                               : nlohmann::json();
    };
    const auto exact = evaluateIn("exact");
    QCOMPARE(exact["test_loss"].get<double>(), evaluation["test_loss"].get<double>());
    QCOMPARE(exact["test_loss"].get<double>(), summary["test_loss"].get<double>());
    const auto fast = evaluateIn("fast");
    QCOMPARE(fast["precision"].get<std::string>(),
             std::string(cpuHasNativeBf16() ? "fast" : "exact"));
    if (cpuHasNativeBf16())  // where they differ, the default is not the fast one
      QVERIFY(fast["test_loss"].get<double>() != evaluation["test_loss"].get<double>());
    r = runCli({"evaluate", "--help"}, isolatedEnv());
    QVERIFY2(r.out.contains("Default: exact."), qPrintable(r.out));

    r = runCli({"predict", "--json", "--arch", "resnet18", "--weights", weights, "--head", head,
                data + "/test/stripes/stri_04.png"},
               isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    const auto prediction = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(prediction["top"].size(), size_t(3));
    QCOMPARE(prediction["top"][0]["label"].get<std::string>(), std::string("stripes"));

    // No --arch: the weights file says it is a ResNet18; the export is found by its manifest.
    r = runCli({"predict", "--json", "--weights", weights, "--head", out.filePath("dogs.json"),
                data + "/test/stripes/stri_04.png"},
               isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(nlohmann::json::parse(r.out.toStdString())["top"][0]["label"].get<std::string>(),
             std::string("stripes"));
    // The ONNX file written by train equals the one export writes from the saved head, and
    // export refuses a backbone other than the one the head was trained on.
    QCOMPARE(summary["files"]["onnx"].get<std::string>(), out.filePath("train.onnx").toStdString());
    r = runCli({"export", "--head", out.filePath("dogs.json"), "--onnx", out.filePath("dogs.onnx")},
               isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    QFile trained(out.filePath("train.onnx")), exported(out.filePath("dogs.onnx"));
    QVERIFY(trained.open(QIODevice::ReadOnly) && exported.open(QIODevice::ReadOnly));
    QVERIFY(trained.size() > 1000000);
    QVERIFY(trained.readAll() == exported.readAll());
    r = runCli({"export", "--head", head, "--onnx", out.filePath("other.onnx"), "--weights",
                QString::fromStdString(testsupport::fixture("resnet18.pth"))},
               isolatedEnv());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("resnet18.pth") && r.err.contains("SHA-256"), qPrintable(r.err));
    QVERIFY(!QFile::exists(out.filePath("other.onnx")));

    // A trained layer given as pretrained weights is named for what it is.
    r = runCli({"predict", "--weights", head, image("photo.jpg")}, isolatedEnv());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--head"), qPrintable(r.err));
  }

  void trainRefusesBrokenDatasets() {
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath("train/a"));
    QFile f(dir.filePath("train/format.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"a\": 0, \"b\": 0}");
    f.close();
    const auto r = runCli(
        {"train", "--data", dir.path(), "--weights",
         QString::fromStdString(testsupport::fixture("backbone18.pth")), "--arch", "resnet18"},
        isolatedEnv());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("index 0 is given to both 'a' and 'b'"), qPrintable(r.err));
  }

  void usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{"frobnicate"};
    QTest::newRow("no image") << QStringList{"predict", "--weights", "x.pth"};
    QTest::newRow("bad arch") << QStringList{"predict", "--arch", "vgg16", "a.jpg"};
    QTest::newRow("bad top") << QStringList{"predict", "--top", "zero", "a.jpg"};
    QTest::newRow("broken weights") << QStringList{"predict", "--weights", "/no/such.pth", "a.jpg"};
    QTest::newRow("bad precision") << QStringList{"predict", "--precision", "bf16", "a.jpg"};
    QTest::newRow("bench, bad batch") << QStringList{"bench", "--batch-size", "0"};
    QTest::newRow("bench, no folder") << QStringList{"bench", "--arch", "resnet18", "/no/such"};
  }

  void usageErrors() {
    QFETCH(QStringList, args);
    const auto r = runCli(args, isolatedEnv());
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
  }

  // Each view is another pass over the training images: an absurd count is refused up front.
  void augmentedViewsAreBounded() {
    const auto r =
        runCli({"train", "--data", testsupport::fixtureDir() + "/dataset", "--weights",
                QString::fromStdString(testsupport::fixture("resnet18.pth")), "--augment", "99"},
               isolatedEnv());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--augment: at most 32 views"), qPrintable(r.err));
  }

  void benchTimesNetworkAndFolder() {
    QTemporaryDir dir;
    for (const char* name : {"photo.jpg", "portrait.png"})
      QVERIFY(QFile::copy(image(name), dir.filePath(name)));
    QFile broken(dir.filePath("zz broken.jpg"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not an image");
    broken.close();
    const auto r =
        runCli({"bench", "--json", "--arch", "resnet18", "--weights",
                QString::fromStdString(testsupport::fixture("resnet18.pth")), "--batch-size", "2",
                "--precision", "exact", "--seconds", "0", dir.path()},
               isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    const auto j = nlohmann::json::parse(r.out.trimmed().toStdString());
    QCOMPARE(j["arch"].get<std::string>(), std::string("resnet18"));
    QCOMPARE(j["precision"].get<std::string>(), std::string("exact"));
    QCOMPARE(j["batch_size"].get<int>(), 2);
    QCOMPARE(j["random_weights"].get<bool>(), false);
    const double ms = j["ms_per_image"].get<double>();
    const double perSecond = j["images_per_second"].get<double>();
    QVERIFY2(ms > 0 && std::abs(ms * perSecond / 1000 - 1) < 1e-9, r.out.toUtf8().constData());
    QCOMPARE(j["end_to_end"]["images"].get<int>(), 3);
    QCOMPARE(j["end_to_end"]["failed"].get<int>(), 1);
    QVERIFY(j["end_to_end"]["ms_per_image"].get<double>() > 0);
  }

  // Turbo: refused without a calibration, saying how to get one; calibrated from --calibrate,
  // named on stderr, and that calibration kept for the next run without --calibrate.
  void predictInt8NamesItsCalibration() {
    QTemporaryDir cache;
    auto env = isolatedEnv();
    env.insert("XDG_CACHE_HOME", cache.path());
    const QStringList base{
        "predict",     "--json",    "--arch",
        "resnet18",    "--weights", QString::fromStdString(testsupport::fixture("resnet18.pth")),
        "--precision", "int8"};
    auto r = runCli(base + QStringList{image("photo.jpg")}, env);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--calibrate"), qPrintable(r.err));
    const auto folder = QString::fromStdString(testsupport::fixture("images"));
    r = runCli(base + QStringList{"--calibrate", folder, image("photo.jpg")}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("int8 precision, calibrated on") && r.err.contains(folder),
             qPrintable(r.err));
    const auto first = r.out;
    r = runCli(base + QStringList{image("photo.jpg")}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(folder), qPrintable(r.err));
    QCOMPARE(r.out, first);
  }

  void benchWithoutWeightsSaysSo() {
    const auto r = runCli({"bench", "--arch", "resnet18", "--batch-size", "1", "--seconds", "0"},
                          isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("random weights"), qPrintable(r.out));
    QVERIFY2(r.out.contains("ms per image"), qPrintable(r.out));
  }

  // --arch is optional: the --weights file names it, and without either it is resnet50.
  void benchTakesTheArchFromTheWeightsOrDefaults() {
    auto r =
        runCli({"bench", "--weights", QString::fromStdString(testsupport::fixture("resnet18.pth")),
                "--batch-size", "1", "--seconds", "0"},
               isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("resnet18,"), qPrintable(r.out + r.err));
    r = runCli({"bench", "--batch-size", "1", "--seconds", "0"}, isolatedEnv());
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("resnet50,"), qPrintable(r.out + r.err));
  }

  void versionAndHelp() {
    auto r = runCli({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("headstart-cli "));
    r = runCli({"predict", "--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--weights"));
  }

  // Each command's help names the command as a user types it, not the path it was started by.
  void helpNamesTheCommand_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("arguments");  // after [options]
    QTest::newRow("predict") << "predict"
                             << " IMAGE...";
    QTest::newRow("train") << "train"
                           << "";
    QTest::newRow("lr-find") << "lr-find"
                             << "";
    QTest::newRow("evaluate") << "evaluate"
                              << "";
    QTest::newRow("bench") << "bench"
                           << " [DIR]";
    QTest::newRow("export") << "export"
                            << "";
    QTest::newRow("sort") << "sort"
                          << " DIR...";
    QTest::newRow("doctor") << "doctor"
                            << "";
  }

  void helpNamesTheCommand() {
    QFETCH(QString, command);
    QFETCH(QString, arguments);
    auto env = isolatedEnv();
    env.insert("LANGUAGE", "en");
    env.insert("LC_ALL", "C.UTF-8");
    const auto r = runCli({command, "--help"}, env);
    QCOMPARE(r.exitCode, 0);
    const auto lines = r.out.split('\n');
    QCOMPARE(lines.first(), "Usage: headstart-cli " + command + " [options]" + arguments);
    QVERIFY2(lines.size() > 3 && !lines[1].isEmpty(), qPrintable(r.out));  // the description
    QVERIFY2(r.out.contains("--help"), qPrintable(r.out));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
