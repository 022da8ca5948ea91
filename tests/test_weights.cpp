// Finding pretrained weights: explicit file, settings, torchvision's cache, and a clear error.

#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "headstart/error.h"
#include "headstart/weights.h"

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
