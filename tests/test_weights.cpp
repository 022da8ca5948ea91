// Finding pretrained weights: explicit file, settings, torchvision's cache, and a clear error.

#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/weights.h"
#include "model/arch_detect.h"
#include "model/spec.h"
#include "support.h"

using namespace headstart;

namespace {
void touch(const QString& path) { std::ofstream(path.toStdString()) << "x"; }
}  // namespace

class TestWeights : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;

 private Q_SLOTS:
  void init() {
    QVERIFY(m_home.isValid());
    qputenv("TORCH_HOME", m_home.path().toUtf8());
    QDir(m_home.path()).mkpath("hub/checkpoints");
    for (const auto& f : QDir(m_home.filePath("hub/checkpoints")).entryList(QDir::Files)) {
      QFile::remove(m_home.filePath("hub/checkpoints/" + f));
    }
  }

  void everyArchIsRecognisedByItsNames() {
    for (const auto& name : archNames()) {
      const auto arch = *archFromName(name);
      std::vector<std::string> names;
      for (const auto& spec : model::resnetSpec(arch, 1000)) names.push_back(spec.name);
      const auto found = model::archFromParameterNames(names);
      QVERIFY2(found && *found == arch, name.c_str());
    }
    QVERIFY(!model::archFromParameterNames({"weight", "bias"}));
  }

  void inspectionTellsBackbonesHeadsAndJunkApart() {
    REQUIRE_FIXTURES();
    auto r18 = inspectWeights(testsupport::fixture("resnet18.pth"));
    QCOMPARE(int(r18.kind), int(WeightsKind::Backbone));
    QCOMPARE(int(r18.arch), int(Arch::ResNet18));
    auto r50 = inspectWeights(testsupport::fixture("resnet50.pth"));
    QCOMPARE(int(r50.kind), int(WeightsKind::Backbone));
    QCOMPARE(int(r50.arch), int(Arch::ResNet50));

    // An export of HeadStart, by any of its files.
    TrainResult result;
    result.head.classes = {"a", "b"};
    result.head.featureDim = 512;
    result.head.weight.assign(2 * 512, 0.5f);
    result.head.bias = {0, 1};
    result.options.arch = Arch::ResNet18;
    result.options.weightsPath = testsupport::fixture("resnet18.pth");
    const auto files =
        exportTrained(m_home.filePath("mine.pt").toStdString(), result, /*withModel=*/true);
    for (const auto& path : {files.head, files.model, files.manifest}) {
      const auto w = inspectWeights(path);
      QCOMPARE(int(w.kind), int(WeightsKind::Trained));
      QCOMPARE(w.headPath, files.head);
    }
    // The same model without its manifest is a ResNet with the wrong number of outputs.
    QFile::remove(QString::fromStdString(files.manifest));
    const auto orphan = inspectWeights(files.model);
    QCOMPARE(int(orphan.kind), int(WeightsKind::Unusable));
    QVERIFY2(orphan.problem.find("2 outputs") != std::string::npos, orphan.problem.c_str());

    const QString junk = m_home.filePath("junk.pth");
    touch(junk);
    const auto bad = inspectWeights(junk.toStdString());
    QCOMPARE(int(bad.kind), int(WeightsKind::Unusable));
    QVERIFY2(bad.problem.find(junk.toStdString()) != std::string::npos, bad.problem.c_str());
  }

  void cacheFollowsTorchHome() {
    QCOMPARE(QString::fromStdString(torchHubCheckpointDir()), m_home.filePath("hub/checkpoints"));
    qunsetenv("TORCH_HOME");
    qputenv("XDG_CACHE_HOME", "/somewhere");
    QCOMPARE(QString::fromStdString(torchHubCheckpointDir()),
             QString("/somewhere/torch/hub/checkpoints"));
    qunsetenv("XDG_CACHE_HOME");
  }

  void missingWeightsSayWhereAndHow() {
    try {
      resolveWeights(Arch::ResNet50, "");
      QFAIL("expected an error");
    } catch (const Error& e) {
      const QString message = e.what();
      QVERIFY2(message.contains(m_home.filePath("hub/checkpoints/resnet50-11ad3fa6.pth")),
               e.what());
      QVERIFY2(message.contains("https://download.pytorch.org/models/resnet50-11ad3fa6.pth"),
               e.what());
    }
  }

  void cachedOfficialFileWithItsPreset() {
    touch(m_home.filePath("hub/checkpoints/resnet50-0676ba61.pth"));
    auto found = resolveWeights(Arch::ResNet50, "");
    QVERIFY(QString::fromStdString(found.path).endsWith("resnet50-0676ba61.pth"));
    QCOMPARE(found.preset.resizeSize, 256);
    touch(m_home.filePath("hub/checkpoints/resnet50-11ad3fa6.pth"));
    found = resolveWeights(Arch::ResNet50, "");  // the default (V2) wins when both are there
    QVERIFY(QString::fromStdString(found.path).endsWith("resnet50-11ad3fa6.pth"));
    QCOMPARE(found.preset.resizeSize, 232);
  }

  void explicitAndSettingsPathsComeFirst() {
    const QString mine = m_home.filePath("mine.pth");
    touch(mine);
    touch(m_home.filePath("hub/checkpoints/resnet18-f37072fd.pth"));
    QCOMPARE(QString::fromStdString(resolveWeights(Arch::ResNet18, mine.toStdString()).path), mine);
    QCOMPARE(QString::fromStdString(resolveWeights(Arch::ResNet18, "", mine.toStdString()).path),
             mine);
    QCOMPARE(resolveWeights(Arch::ResNet18, mine.toStdString()).preset.resizeSize, 256);
    QVERIFY_THROWS_EXCEPTION(Error, resolveWeights(Arch::ResNet18, "/no/such/file.pth"));
  }

  void presetNames() {
    QCOMPARE(presetFromName("v1")->resizeSize, 256);
    QCOMPARE(presetFromName("IMAGENET1K_V2")->resizeSize, 232);
    QVERIFY(!presetFromName("v3"));
  }
};

QTEST_GUILESS_MAIN(TestWeights)
#include "test_weights.moc"
