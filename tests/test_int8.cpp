// int8 ("turbo") precision: the engine's quantised network against PyTorch's own FX-quantised
// network given the same scales and zero points, calibrations that repeat byte for byte, heads
// trained on int8 features scoring like heads trained on exact ones, and where prediction finds
// its calibration.

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "features/calibration.h"
#include "headstart/classifier.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/training.h"
#include "image/preprocess.h"
#include "io/checkpoint.h"
#include "model/calibration.h"
#include "model/fused.h"
#include "support.h"

using namespace headstart;

namespace {

std::vector<std::string> photos() {
  std::ifstream in(testsupport::fixture("reference.json"));
  const auto summary = nlohmann::json::parse(in);
  std::vector<std::string> paths;
  for (const auto& name : summary["images"])
    paths.push_back(
        testsupport::fixture(QString::fromStdString("images/" + name.get<std::string>())));
  return paths;
}

torch::Tensor preparedBatch(const std::vector<std::string>& paths, const Preset& preset) {
  std::vector<torch::Tensor> inputs;
  for (auto& p : image::prepareImages(paths, {}, preset))
    if (p.error.empty()) inputs.push_back(p.input);
  return torch::stack(inputs);
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A calibration provider that also hands back what it made.
model::QuantProvider observing(const torch::Tensor& batch, model::Int8Quant& made) {
  return [&made, batch](const model::FoldedResNet& net) {
    model::RangeObserver observer(net);
    observer.observe(batch);
    made = observer.quantisation();
    return made;
  };
}

// Images whose class is a digit's glyph, drawn grey on dark like scanned digits; each digit
// also has its own stroke width and hatching, which is what a random backbone can tell apart.
const char* kDigitsScript = R"(
import os, sys, zlib
import numpy as np
from PIL import Image, ImageDraw
root = sys.argv[1]
for split, count in (("train", 24), ("test", 20)):
    for digit in range(4):
        folder = os.path.join(root, split, f"digit{digit}")
        os.makedirs(folder, exist_ok=True)
        for i in range(count):
            rng = np.random.default_rng(zlib.crc32(f"{split}/{digit}/{i}".encode()))
            img = Image.new("L", (64, 64), 0)
            d = ImageDraw.Draw(img)
            w = 3 + 3 * digit
            x0, y0 = rng.integers(8, 16, 2)
            if digit == 0: d.ellipse([x0, y0, x0 + 36, y0 + 44], outline=230, width=w)
            if digit == 1: d.line([x0 + 18, y0, x0 + 18, y0 + 44], fill=230, width=w)
            if digit == 2: d.line([x0, y0, x0 + 36, y0, x0, y0 + 44, x0 + 36, y0 + 44], fill=230, width=w)
            if digit == 3: d.line([x0, y0, x0 + 36, y0 + 22, x0, y0 + 44], fill=230, width=w)
            a = np.asarray(img, np.float32)
            yy, xx = np.mgrid[0:64, 0:64]
            a *= 0.6 + 0.4 * (((xx + yy) // (2 + digit)) % 2)
            a += rng.normal(0, 12, a.shape)
            Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(
                os.path.join(folder, f"{i:02d}.png"))
print("written")
)";

}  // namespace

class TestInt8 : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { REQUIRE_FIXTURES(); }

  // Same weights, same scales and zero points: HeadStart's oneDNN int8 network and PyTorch's
  // FX-quantised one (oneDNN quantised engine) agree within one step of the output's scale.
  void matchesPyTorchQuantised_data() {
    QTest::addColumn<QString>("arch");
    QTest::newRow("resnet18") << "resnet18";  // basic blocks
    QTest::newRow("resnet50") << "resnet50";  // bottlenecks
  }

  void matchesPyTorchQuantised() {
    QFETCH(QString, arch);
    const auto weights = testsupport::fixture(arch + ".pth");
    const auto preset = imagenetV1Preset();
    const auto all = photos();
    const auto batch = preparedBatch({all.begin(), all.begin() + 3}, preset);
    model::Int8Quant quant;
    const auto net = model::loadFusedResNet(*archFromName(arch.toStdString()), weights,
                                            Precision::Int8, observing(batch, quant));
    torch::Tensor ours;
    {
      torch::InferenceMode guard;
      ours = net->featureMaps(batch).contiguous().view({batch.size(0), net->featureDim(), -1});
    }
    QTemporaryDir dir;
    const auto calibration = dir.filePath("calibration.json");
    {
      QFile f(calibration);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(QByteArray::fromStdString(model::quantToJson(quant)));
    }
    io::writeStateDict(dir.filePath("input.pt").toStdString(), {{"input", batch}});
    const auto script = readAll(QStringLiteral(HEADSTART_TESTS_DIR "/python/int8_reference.py"));
    QVERIFY(!script.isEmpty());
    const auto ran = testsupport::runPython(QString::fromUtf8(script),
                                            {arch, QString::fromStdString(weights), calibration,
                                             dir.filePath("input.pt"), dir.filePath("output.pt")});
    QVERIFY2(!ran.isNull(), "the PyTorch reference failed (see the warning above)");
    const auto theirs = io::readStateDict(dir.filePath("output.pt").toStdString()).at(0).second;
    QCOMPARE(theirs.sizes(), ours.sizes());
    const float step = quant.blocks.back().output.scale;
    const auto diff = (ours - theirs).abs();
    const float worst = diff.max().item<float>();
    const double equal = (diff < step * 0.5f).to(torch::kDouble).mean().item<double>();
    qInfo("%s: %.4f%% of %lld values equal, largest difference %.3g steps", qPrintable(arch),
          100 * equal, static_cast<long long>(diff.numel()), worst / step);
    QVERIFY2(worst <= step * 1.001f,
             qPrintable(QStringLiteral("largest difference %1 steps").arg(worst / step)));
    QVERIFY2(equal > 0.99, qPrintable(QString::number(equal)));
    // The int8 network is not the exact one: the comparison above would pass vacuously if
    // both sides ignored the scales.
    const auto exact = model::loadFusedResNet(*archFromName(arch.toStdString()), weights);
    torch::InferenceMode guard;
    const auto exactMaps = exact->featureMaps(batch).contiguous().view(ours.sizes());
    QVERIFY((exactMaps - ours).abs().max().item<float>() > 0);
  }

  // Same images, same bytes: in another cache, and given in another order.
  void calibrationIsDeterministic() {
    QTemporaryDir a, b;
    auto images = photos();
    features::CalibrationSetup setup{images, "test photos", imagenetV1Preset(), {}, {},
                                     {},     Arch::ResNet18};
    setup.weightsSha256 = std::string(64, '0');
    const auto weights = testsupport::fixture("resnet18.pth");
    QByteArray first;
    for (const auto* dir : {&a, &b}) {
      setup.cacheRoot = dir->path().toStdString();
      PrecisionChoice choice;
      const auto provider = features::calibrationProvider(setup, choice);
      QVERIFY(choice.calibration.find("test photos") != std::string::npos);
      const auto net = model::loadFusedResNet(Arch::ResNet18, weights, Precision::Int8, provider);
      const auto file =
          dir->filePath(QString::fromStdString("calibrations/" + choice.calibrationKey + ".json"));
      const auto bytes = readAll(file);
      QVERIFY2(!bytes.isEmpty(), qPrintable(file));
      if (first.isEmpty()) {
        first = bytes;
      } else {
        QCOMPARE(bytes, first);
      }
      std::reverse(setup.images.begin(), setup.images.end());
    }
    // The same calibration and input give the same output, bit for bit.
    PrecisionChoice choice;
    setup.cacheRoot = a.path().toStdString();
    const auto net = model::loadFusedResNet(Arch::ResNet18, weights, Precision::Int8,
                                            features::calibrationProvider(setup, choice));
    const auto batch = preparedBatch(images, imagenetV1Preset());
    torch::InferenceMode guard;
    QVERIFY(torch::equal(net->features(batch), net->features(batch)));
    QVERIFY(torch::equal(net->features(batch.slice(0, 0, 2)), net->features(batch).slice(0, 0, 2)));
  }

  // Heads trained on int8 features score within 0.05 of heads trained on exact features.
  void int8HeadsScoreLikeExact_data() {
    QTest::addColumn<QString>("which");
    QTest::newRow("colour") << "colour";
    QTest::newRow("digits") << "digits";
  }

  void int8HeadsScoreLikeExact() {
    QFETCH(QString, which);
    QTemporaryDir cache, data, out;
    std::string root = testsupport::fixture("dataset");
    if (which == "digits") {
      QVERIFY(!testsupport::runPython(kDigitsScript, {data.path()}).isNull());
      root = data.path().toStdString();
    }
    const auto dataset = scanDataset(root);
    QVERIFY(dataset.ok());
    TrainOptions o;
    o.arch = Arch::ResNet18;
    o.weightsPath = testsupport::fixture("backbone18.pth");
    // A quarter of the usual pixels: these images are small, and the test stays fast.
    o.preset = imagenetV1Preset();
    o.preset.name = "small";
    o.preset.resizeSize = 128;
    o.preset.cropSize = 112;
    o.batchSize = 8;
    o.epochs = 8;
    o.seed = 11;
    o.warmStart = false;
    o.cacheRoot = cache.path().toStdString();
    o.precision = Precision::Exact;
    const auto exact = train(dataset, o);
    o.precision = Precision::Int8;
    const auto int8 = train(dataset, o);
    QCOMPARE(int8.precision.used, Precision::Int8);
    // int8 features have their own cache key; only the test images' exact ones are reused, as a
    // run measures its reported accuracy on what its export computes.
    QCOMPARE(int8.fromCache, dataset.test.size());
    QVERIFY(int8.testAccuracyAsTrained.has_value());
    QVERIFY2(int8.precision.calibration.find("training images of " + root) != std::string::npos,
             int8.precision.calibration.c_str());
    const double asTrained = *int8.testAccuracyAsTrained;
    qInfo("%s: exact %.3f, int8 %.3f on %zu test images", qPrintable(which), exact.test.accuracy,
          asTrained, exact.test.count);
    QVERIFY2(exact.test.accuracy > 0.75, std::to_string(exact.test.accuracy).c_str());
    QVERIFY2(std::abs(asTrained - exact.test.accuracy) <= 0.05 + 1e-9,
             (std::to_string(asTrained) + " vs " + std::to_string(exact.test.accuracy)).c_str());
    // The int8 head on exact test features: what its export scores, close to the exact head's.
    QVERIFY2(std::abs(int8.test.accuracy - exact.test.accuracy) <= 0.05 + 1e-9,
             (std::to_string(int8.test.accuracy) + " vs " + std::to_string(exact.test.accuracy))
                 .c_str());
    // A second run calibrates nothing and computes nothing: both come from the caches.
    const auto again = train(dataset, o);
    QCOMPARE(again.fromCache, int8.extracted + int8.fromCache);
    QCOMPARE(again.test.accuracy, int8.test.accuracy);

    const auto paths = exportTrained(out.filePath("int8.pt").toStdString(), int8, false);
    std::ifstream in(paths.manifest);
    const auto manifest = nlohmann::json::parse(in);
    QCOMPARE(manifest["precision"].get<std::string>(), std::string("int8"));
    QCOMPARE(manifest["recommended_precision"].get<std::string>(), std::string("int8"));
    QCOMPARE(manifest["calibration"]["key"].get<std::string>(), int8.precision.calibrationKey);
    QCOMPARE(loadTrainResult(paths.head).precision.calibrationKey, int8.precision.calibrationKey);
    // Predicting with that head in int8 takes the head's own calibration.
    ClassifierOptions predictWith;
    predictWith.arch = o.arch;
    predictWith.weightsPath = o.weightsPath;
    predictWith.preset = o.preset;
    predictWith.headPath = paths.head;
    predictWith.precision = Precision::Int8;
    predictWith.cacheRoot = o.cacheRoot;
    QCOMPARE(Classifier(predictWith).precision().calibrationKey, int8.precision.calibrationKey);
  }

  // Prediction: refused without a calibration, calibrated from a chosen folder, and that
  // calibration kept with the weights for the next prediction.
  void predictionFindsItsCalibration() {
    QTemporaryDir cache;
    ClassifierOptions options;
    options.arch = Arch::ResNet18;
    options.weightsPath = testsupport::fixture("resnet18.pth");
    options.precision = Precision::Int8;
    options.cacheRoot = cache.path().toStdString();
    try {
      Classifier refused(options);
      QFAIL("int8 without any calibration was accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("calibration"), e.what());
    }
    const auto folder = testsupport::fixture("images");
    options.calibrationFolder = folder;
    const Classifier chosen(options);
    QVERIFY2(chosen.precision().calibration.find(folder) != std::string::npos,
             chosen.precision().calibration.c_str());
    options.calibrationFolder.clear();
    const Classifier kept(options);
    QCOMPARE(kept.precision().calibrationKey, chosen.precision().calibrationKey);
    const auto a = chosen.predict(photos(), 3), b = kept.predict(photos(), 3);
    for (size_t i = 0; i < a.size(); ++i) {
      QVERIFY(a[i].ok());
      QCOMPARE(a[i].top[0].index, b[i].top[0].index);
      QCOMPARE(a[i].top[0].probability, b[i].top[0].probability);
    }
  }
};

QTEST_GUILESS_MAIN(TestInt8)
#include "test_int8.moc"
