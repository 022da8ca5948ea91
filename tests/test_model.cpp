// The ResNet family: torchvision's parameter names and sizes, and the BatchNorm-folded
// inference copy agreeing with the module.

#include <torch/torch.h>

#include <QTest>
#include <set>

#include "io/checkpoint.h"
#include "model/fused.h"
#include "model/resnet.h"
#include "model/spec.h"
#include "support.h"

using namespace headstart;

class TestModel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void parameterCounts_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<qint64>("count");
    // torchvision's published parameter counts (ImageNet, 1000 classes).
    QTest::newRow("resnet18") << "resnet18" << qint64(11689512);
    QTest::newRow("resnet34") << "resnet34" << qint64(21797672);
    QTest::newRow("resnet50") << "resnet50" << qint64(25557032);
    QTest::newRow("resnet101") << "resnet101" << qint64(44549160);
    QTest::newRow("resnet152") << "resnet152" << qint64(60192808);
  }

  void parameterCounts() {
    QFETCH(QString, arch);
    QFETCH(qint64, count);
    model::ResNet net(*archFromName(arch.toStdString()), 1000);
    int64_t total = 0;
    for (const auto& p : net->parameters()) total += p.numel();
    QCOMPARE(qint64(total), count);
  }

  void namesAndShapesMatchTorchvision_data() {
    QTest::addColumn<QString>("arch");
    QTest::newRow("resnet18") << "resnet18";
    QTest::newRow("resnet50") << "resnet50";
  }

  void namesAndShapesMatchTorchvision() {
    REQUIRE_FIXTURES();
    QFETCH(QString, arch);
    const auto state = io::readStateDict(testsupport::fixture(arch + ".pth"));
    model::ResNet net(*archFromName(arch.toStdString()), 1000);
    std::map<std::string, std::vector<int64_t>> ours;
    for (const auto& p : net->named_parameters()) ours[p.key()] = p.value().sizes().vec();
    for (const auto& b : net->named_buffers()) ours[b.key()] = b.value().sizes().vec();
    QCOMPARE(ours.size(), state.size());
    for (const auto& [name, tensor] : state) {
      QVERIFY2(ours.count(name), name.c_str());
      QVERIFY2(ours[name] == tensor.sizes().vec(), name.c_str());
    }
  }

  void foldedNetworkMatchesModule() {
    REQUIRE_FIXTURES();
    const auto path = testsupport::fixture("resnet18.pth");
    model::ResNet net(Arch::ResNet18, 1000);
    io::loadStateDict(*net, io::readStateDict(path), path);
    net->eval();
    const model::FusedResNet fused(*net);
    torch::manual_seed(0);
    const auto x = torch::randn({2, 3, 160, 128});
    torch::InferenceMode guard;
    const auto expected = net->forward(x);
    const auto actual = fused.logits(fused.features(x));
    QCOMPARE(actual.sizes(), expected.sizes());
    const float diff = (actual - expected).abs().max().item<float>();
    QVERIFY2(diff < 1e-4f, std::to_string(diff).c_str());
  }

  void specMatchesModule_data() { parameterCounts_data(); }

  void specMatchesModule() {
    QFETCH(QString, arch);
    const Arch a = *archFromName(arch.toStdString());
    model::ResNet net(a, 37);
    std::vector<std::string> names;
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const auto& list : {net->named_parameters(), net->named_buffers()}) {
      for (const auto& item : list) shapes[item.key()] = item.value().sizes().vec();
    }
    const auto spec = model::resnetSpec(a, 37);
    QCOMPARE(spec.size(), shapes.size());
    for (const auto& item : spec) {
      QVERIFY2(shapes.count(item.name), item.name.c_str());
      QVERIFY2(shapes[item.name] == item.shape, item.name.c_str());
    }
  }

  void featuresArePooledVectors() {
    model::ResNet net(Arch::ResNet50, 10);
    net->eval();
    torch::InferenceMode guard;
    const auto f = net->features(torch::randn({3, 3, 64, 64}));
    QCOMPARE(f.sizes(), (torch::IntArrayRef{3, 2048}));
    QCOMPARE(net->forward(torch::randn({1, 3, 64, 64})).size(1), int64_t(10));
  }

  void rejectsZeroClasses() {
    QVERIFY_THROWS_EXCEPTION(c10::Error, model::ResNet(Arch::ResNet18, 0));
  }
};

QTEST_GUILESS_MAIN(TestModel)
#include "test_model.moc"
