// Inference against torchvision: the same logits on the same input tensor, and the same top-5
// from image files end to end.

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "headstart/classifier.h"
#include "headstart/error.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "io/checkpoint.h"
#include "model/fused.h"
#include "model/resnet.h"
#include "model/spec.h"
#include "reference.h"

using namespace headstart;

class TestClassifier : public QObject {
  Q_OBJECT
  std::map<std::string, torch::Tensor> m_reference;
  nlohmann::json m_summary;

  std::vector<std::string> imagePaths() const {
    std::vector<std::string> paths;
    for (const auto& name : m_summary["images"]) {
      paths.push_back(
          testsupport::fixture(QString::fromStdString("images/" + name.get<std::string>())));
    }
    return paths;
  }

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    auto reference = testsupport::loadReference();
    m_reference = std::move(reference.tensors);
    m_summary = std::move(reference.summary);
  }

  void logitsMatchTorchvision_data() {
    QTest::addColumn<QString>("arch");
    QTest::newRow("resnet50") << "resnet50";
    QTest::newRow("resnet18") << "resnet18";
  }

  void logitsMatchTorchvision() {
    QFETCH(QString, arch);
    const auto path = testsupport::fixture(arch + ".pth");
    model::ResNet net(*archFromName(arch.toStdString()), 1000);
    io::loadStateDict(*net, io::readStateDict(path), path);
    net->eval();
    const model::FusedResNet fused(*net);
    torch::InferenceMode guard;
    for (const auto& name : m_summary["images"]) {
      const std::string prefix = name.get<std::string>() + "/" + arch.toStdString();
      const auto input = m_reference.at(prefix + "/input").unsqueeze(0);
      const auto expected = m_reference.at(prefix + "/logits");
      for (const auto& actual : {net->forward(input)[0], fused.logits(fused.features(input))[0]}) {
        const float diff = (actual - expected).abs().max().item<float>();
        QVERIFY2(diff <= 1e-4f, (prefix + ": max difference " + std::to_string(diff)).c_str());
      }
    }
  }

  void topFiveMatchesTorchvision_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("batchSize");
    QTest::newRow("resnet50, batches of 4") << "resnet50"
                                            << "v2" << 4;
    QTest::newRow("resnet18, one batch") << "resnet18"
                                         << "v1" << 16;
  }

  void topFiveMatchesTorchvision() {
    QFETCH(QString, arch);
    QFETCH(QString, preset);
    QFETCH(int, batchSize);
    ClassifierOptions options;
    options.arch = *archFromName(arch.toStdString());
    options.weightsPath = testsupport::fixture(arch + ".pth");
    options.preset = *presetFromName(preset.toStdString());
    options.batchSize = batchSize;
    const Classifier classifier(options);
    std::vector<size_t> progress;
    const auto predictions =
        classifier.predict(imagePaths(), 5, [&](size_t done, size_t) { progress.push_back(done); });
    QCOMPARE(predictions.size(), imagePaths().size());
    QCOMPARE(progress.back(), predictions.size());
    for (const auto& p : predictions) {
      QVERIFY2(p.ok(), p.error.c_str());
      const auto name = QFileInfo(QString::fromStdString(p.image)).fileName().toStdString();
      const auto& expected = m_summary["top5"][name + "/" + arch.toStdString()];
      QCOMPARE(p.top.size(), size_t(5));
      for (size_t i = 0; i < 5; ++i) {
        QCOMPARE(p.top[i].index, expected["index"][i].get<int>());
        QVERIFY(std::abs(p.top[i].probability - expected["probability"][i].get<float>()) < 1e-4f);
        QCOMPARE(p.top[i].label, imagenetLabels()[size_t(p.top[i].index)]);
      }
    }
  }

  void badImagesDoNotStopTheOthers() {
    QTemporaryDir dir;
    const QString bad = dir.filePath("notes.jpg");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a picture");
    f.close();
    ClassifierOptions options;
    options.arch = Arch::ResNet18;
    options.weightsPath = testsupport::fixture("resnet18.pth");
    options.preset = imagenetV1Preset();
    const Classifier classifier(options);
    auto paths = imagePaths();
    paths.insert(paths.begin() + 1, bad.toStdString());
    const auto predictions = classifier.predict(paths, 3);
    QCOMPARE(predictions.size(), paths.size());
    QVERIFY(!predictions[1].ok());
    QVERIFY(QString::fromStdString(predictions[1].error).startsWith(bad + ": "));
    QVERIFY(predictions[0].ok() && predictions[2].ok());
    QCOMPARE(predictions[2].top.size(), size_t(3));
  }

  void cancelStopsBetweenBatches() {
    ClassifierOptions options;
    options.arch = Arch::ResNet18;
    options.weightsPath = testsupport::fixture("resnet18.pth");
    options.batchSize = 2;
    const Classifier classifier(options);
    std::atomic_bool cancel{false};
    const auto predictions = classifier.predict(
        imagePaths(), 5, [&](size_t, size_t) { cancel = true; }, &cancel);
    QCOMPARE(predictions.size(), size_t(2));
  }

  void fineTunedClassCountFromTheFile() {
    QTemporaryDir dir;
    model::ResNet net(Arch::ResNet18, 7);
    io::StateDict state;
    for (const auto& p : net->named_parameters()) state.emplace_back(p.key(), p.value());
    for (const auto& b : net->named_buffers()) state.emplace_back(b.key(), b.value());
    const auto path = dir.filePath("seven.pth").toStdString();
    io::writeStateDict(path, state);
    ClassifierOptions options;
    options.arch = Arch::ResNet18;
    options.weightsPath = path;
    const Classifier classifier(options);
    QCOMPARE(classifier.labels().size(), size_t(7));
    const auto predictions = classifier.predict({imagePaths()[0]}, 10);
    QCOMPARE(predictions[0].top.size(), size_t(7));
  }

  // The map of the top class averages, plus the class's bias, to its logit.
  void activationMapExplainsTheLogit() {
    ClassifierOptions options;
    options.arch = Arch::ResNet18;
    options.weightsPath = testsupport::fixture("resnet18.pth");
    options.preset = imagenetV1Preset();
    options.activationMaps = true;
    const auto path = testsupport::fixture("images/photo.jpg");
    const auto p = Classifier(options).predict({path}, 5)[0];
    QCOMPARE(p.mapHeight, 7);
    QCOMPARE(p.mapWidth, 7);
    QCOMPARE(p.activationMaps.size(), p.top.size());
    QCOMPARE(p.activationMaps.front().size(), size_t(49));

    auto state = io::readStateDict(options.weightsPath);
    float bias = 0;
    for (const auto& [name, t] : state) {
      if (name == "fc.bias") bias = t[p.top[0].index].item<float>();
    }
    state = io::conformToSpec(std::move(state), model::resnetSpec(Arch::ResNet18, 1000),
                              options.weightsPath);
    const model::FusedResNet net(Arch::ResNet18, std::move(state));
    torch::InferenceMode guard;
    const auto x = image::preprocess(image::decodeRgb(path), options.preset).unsqueeze(0);
    const float logit = net.logits(net.features(x))[0][p.top[0].index].item<float>();
    double mean = 0;
    for (float v : p.activationMaps.front()) mean += v / 49.0;
    QVERIFY2(std::abs(mean + bias - logit) < 1e-3,
             (std::to_string(mean + bias) + " vs " + std::to_string(logit)).c_str());
  }

  void cropBoxFollowsThePreset() {
    // 500x375 -> resized 309x232; the crop starts at round(42.5) = 42 (half to even), top 4.
    const auto box = cropBox(500, 375, imagenetV2Preset());
    QVERIFY(std::abs(box.x - 42 * 500.0 / 309) < 1e-9);
    QVERIFY(std::abs(box.y - 4 * 375.0 / 232) < 1e-9);
    QVERIFY(std::abs(box.width - 224 * 500.0 / 309) < 1e-9);
  }

  void wrongArchIsExplained() {
    ClassifierOptions options;
    options.arch = Arch::ResNet50;
    options.weightsPath = testsupport::fixture("resnet18.pth");
    try {
      Classifier classifier(options);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("resnet18.pth: "), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestClassifier)
#include "test_classifier.moc"
