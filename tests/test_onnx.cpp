// The ONNX export checked by engines that are not ours: onnx::checker accepts the file, and
// OpenCV's DNN module, fed the plain [0, 1] RGB crop, gives HeadStart's probabilities.

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <torch/torch.h>

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/dnn.hpp>

#include "headstart/classifier.h"
#include "headstart/dataset.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/onnx_export.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "support.h"

using namespace headstart;

namespace {

constexpr double kTolerance = 1e-4;  // the bound on probabilities

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::string> fixtureImages() {
  std::vector<std::string> paths;
  const QDir dir(QDir(testsupport::fixtureDir()).filePath("images"));
  for (const auto& name : dir.entryList({"*.jpg", "*.png", "*.bmp", "*.webp"}, QDir::Files))
    paths.push_back(dir.filePath(name).toStdString());
  return paths;
}

// A head-only run as training leaves it: the fixture backbone and a random final layer, scaled
// so that the probabilities are far from uniform.
TrainResult headOnlyRun(const QString& arch, int64_t classes) {
  TrainResult r;
  r.options.arch = *archFromName(arch.toStdString());
  r.options.weightsPath = testsupport::fixture(arch + ".pth");
  r.options.preset = imagenetV2Preset();
  const int64_t dim = archInfo(r.options.arch).featureDim;
  torch::manual_seed(classes);
  const auto w = (torch::randn({classes, dim}) * (0.5 / std::sqrt(double(dim)))).contiguous();
  const auto b = (torch::randn({classes}) * 0.5).contiguous();
  r.head.featureDim = dim;
  r.head.weight.assign(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
  r.head.bias.assign(b.data_ptr<float>(), b.data_ptr<float>() + b.numel());
  for (int64_t i = 0; i < classes; ++i) r.head.classes.push_back("класс, \"" + std::to_string(i));
  return r;
}

std::map<std::string, std::string> metadataOf(const onnx::ModelProto& model) {
  std::map<std::string, std::string> m;
  for (const auto& p : model.metadata_props()) m[p.key()] = p.value();
  return m;
}

// What HeadStart's own engine predicts for every class of every image.
std::vector<std::vector<float>> headStartProbabilities(const TrainResult& r,
                                                       const std::string& head,
                                                       const std::vector<std::string>& images) {
  ClassifierOptions options;
  options.arch = r.options.arch;
  options.weightsPath = r.options.weightsPath;
  options.preset = r.options.preset;
  options.headPath = head;
  const Classifier classifier(options);
  const auto classes = static_cast<int>(r.head.classes.size());
  std::vector<std::vector<float>> out;
  for (const auto& p : classifier.predict(images, classes)) {
    if (!p.ok()) throw Error(p.error);
    std::vector<float> row(static_cast<size_t>(classes));
    for (const auto& s : p.top) row[static_cast<size_t>(s.index)] = s.probability;
    out.push_back(row);
  }
  return out;
}

// A last-stage run (layer4 and the final layer trained), short, on the fixture dataset.
TrainResult fineTuned(const QString& arch, double learningRate, const DatasetReport& dataset,
                      const QString& cache) {
  TrainOptions o;
  o.arch = *archFromName(arch.toStdString());
  o.weightsPath = testsupport::fixture(arch + ".pth");
  o.preset = imagenetV1Preset();
  o.preset.resizeSize = 128;  // small crops keep the run short
  o.preset.cropSize = 112;
  o.batchSize = 8;
  o.epochs = 1;
  o.learningRate = learningRate;
  o.precision = Precision::Exact;
  o.trainLastStage = true;
  o.cacheRoot = cache.toStdString();
  return train(dataset, o);
}

// The documented way to feed the file: the resized and centre-cropped 8-bit RGB image, / 255.
cv::Mat cropOf(const std::string& path, const Preset& preset) {
  return image::resizeAndCrop(image::decodeRgb(path), preset);
}

}  // namespace

class TestOnnx : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { REQUIRE_FIXTURES(); }

  void openCvReproducesHeadStart_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<bool>("fromWholeModel");
    QTest::newRow("resnet18 head-only") << "resnet18" << false;
    QTest::newRow("resnet50 head-only") << "resnet50" << false;
    QTest::newRow("resnet18 from the whole-model file") << "resnet18" << true;
  }

  void openCvReproducesHeadStart() {
    QFETCH(QString, arch);
    QFETCH(bool, fromWholeModel);
    QTemporaryDir dir;
    const auto name = dir.filePath("pets").toStdString();
    const auto r = headOnlyRun(arch, 5);
    const auto paths = exportTrained(name, r, fromWholeModel);
    const auto onnxPath = dir.filePath("pets.onnx").toStdString();
    OnnxSource source;
    if (fromWholeModel) source.modelWeightsPath = paths.model;
    exportOnnx(onnxPath, r, source);

    // The file as a reader sees it: checked, named, documented, its metadata complete.
    onnx::ModelProto model;
    QVERIFY(model.ParseFromString(readAll(onnxPath)));
    onnx::checker::check_model(model);
    QVERIFY(model.opset_import(0).version() >= 13);
    QCOMPARE(model.graph().input_size(), 1);
    QCOMPARE(model.graph().input(0).name(), std::string("image"));
    QVERIFY(!model.graph().input(0).doc_string().empty());
    const auto& dims = model.graph().input(0).type().tensor_type().shape().dim();
    QCOMPARE(dims.size(), 4);
    QVERIFY(!dims.Get(0).dim_param().empty());  // batch left open
    QCOMPARE(dims.Get(2).dim_value(), int64_t(r.options.preset.cropSize));
    QCOMPARE(model.graph().output_size(), 2);
    QCOMPARE(model.graph().output(1).name(), std::string("probabilities"));
    for (const auto& initializer : model.graph().initializer())
      QCOMPARE(initializer.data_type(), int(onnx::TensorProto::FLOAT));
    const auto metadata = metadataOf(model);
    QCOMPARE(nlohmann::json::parse(metadata.at("classes")).get<std::vector<std::string>>(),
             r.head.classes);
    const auto preset = nlohmann::json::parse(metadata.at("preset"));
    QCOMPARE(preset.at("resize").get<int>(), r.options.preset.resizeSize);
    QCOMPARE(preset.at("crop").get<int>(), r.options.preset.cropSize);
    QVERIFY(preset.contains("interpolation"));
    QVERIFY(metadata.at("software").find("HeadStart") == 0);

    const auto images = fixtureImages();
    QVERIFY(images.size() >= 3);
    const auto expected = headStartProbabilities(r, paths.head, images);

    auto net = cv::dnn::readNetFromONNX(onnxPath);
    double worst = 0, leastSure = 1;
    for (size_t i = 0; i < images.size(); ++i) {
      const auto blob = cv::dnn::blobFromImage(cropOf(images[i], r.options.preset), 1.0 / 255);
      net.setInput(blob, "image");
      const cv::Mat probs = net.forward("probabilities");
      QCOMPARE(probs.total(), expected[i].size());
      float sum = 0;
      leastSure =
          std::min(leastSure, double(*std::max_element(expected[i].begin(), expected[i].end())));
      for (size_t c = 0; c < expected[i].size(); ++c) {
        const float got = probs.ptr<float>(0)[c];
        sum += got;
        worst = std::max(worst, double(std::abs(got - expected[i][c])));
        QVERIFY2(std::abs(got - expected[i][c]) <= kTolerance,
                 qPrintable(QString("%1 class %2: OpenCV %3, HeadStart %4")
                                .arg(QString::fromStdString(images[i]))
                                .arg(c)
                                .arg(double(got))
                                .arg(double(expected[i][c]))));
      }
      QVERIFY(std::abs(sum - 1.0f) < 1e-4f);
    }
    qInfo("largest difference from HeadStart: %.2g", worst);
    // Probabilities far from 0 and 1, where a wrong logit would show.
    QVERIFY2(leastSure < 0.9, qPrintable(QString::number(leastSure)));
  }

  // A last-stage fine-tuned run: the ONNX file carries its trained layer4 (taken from the
  // exported whole model), so OpenCV gives what HeadStart predicts with that export.
  void fineTunedRunReproduced_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<double>("learningRate");  // low enough that probabilities stay below 1
    QTest::newRow("resnet18") << "resnet18" << 0.003;
    QTest::newRow("resnet50") << "resnet50" << 1e-5;
  }

  void fineTunedRunReproduced() {
    QFETCH(QString, arch);
    QFETCH(double, learningRate);
    QTemporaryDir dir;
    const auto dataset = scanDataset(testsupport::fixture("dataset"));
    QVERIFY(dataset.ok());
    const auto r = fineTuned(arch, learningRate, dataset, dir.filePath("cache"));
    QVERIFY(r.stage);
    const auto& o = r.options;
    const auto paths = exportTrained(dir.filePath("fine").toStdString(), r);
    const auto onnxPath = dir.filePath("fine.onnx").toStdString();
    exportOnnx(onnxPath, r, {paths.model, "layer4+head"});
    onnx::ModelProto model;
    QVERIFY(model.ParseFromString(readAll(onnxPath)));
    QCOMPARE(metadataOf(model).at("trained"), std::string("layer4+head"));

    std::vector<std::string> images;
    for (const auto& item : dataset.test) images.push_back(item.path);
    ClassifierOptions c;
    c.arch = o.arch;
    c.weightsPath = o.weightsPath;
    c.preset = o.preset;
    c.headPath = paths.manifest;  // the fine-tuned export: its whole model runs
    const auto classes = static_cast<int>(r.head.classes.size());
    auto net = cv::dnn::readNetFromONNX(onnxPath);
    double worst = 0, leastSure = 1;
    size_t compared = 0;
    for (const auto& p : Classifier(c).predict(images, classes)) {
      if (!p.ok()) continue;
      leastSure = std::min(leastSure, double(p.top.front().probability));
      net.setInput(cv::dnn::blobFromImage(cropOf(p.image, o.preset), 1.0 / 255), "image");
      const cv::Mat probs = net.forward("probabilities");
      for (const auto& s : p.top)
        worst = std::max(worst, double(std::abs(probs.ptr<float>(0)[s.index] - s.probability)));
      ++compared;
    }
    QCOMPARE(compared, r.test.count);
    qInfo("largest difference from HeadStart: %.2g; least sure top class: %.3f", worst, leastSure);
    QVERIFY2(worst <= kTolerance, qPrintable(QString::number(worst)));
    // Probabilities away from 0 and 1, where a wrong layer4 would show.
    QVERIFY2(leastSure < 0.9, qPrintable(QString::number(leastSure)));
  }

  // A fine-tuned run exports to ONNX in one step, as the window does it (from the run just
  // trained) and as `headstart-cli export --head` does it (from the saved export): each file
  // gives what PyTorch gives with the exported NAME-model.pt on the same crops.
  void fineTunedRunExportsInOneStep() {
    QTemporaryDir dir;
    const auto dataset = scanDataset(testsupport::fixture("dataset"));
    QVERIFY(dataset.ok());
    const auto r = fineTuned("resnet18", 0.003, dataset, dir.filePath("cache"));
    QVERIFY(r.stage);
    const auto paths = exportTrained(dir.filePath("fine").toStdString(), r);
    const QString fromRun = dir.filePath("run.onnx");
    exportOnnx(fromRun.toStdString(), r);
    const QString fromCli = dir.filePath("cli.onnx");
    QProcess cli;
    cli.start(qEnvironmentVariable("HEADSTART_CLI"),
              {"export", "--head", QString::fromStdString(paths.manifest), "--onnx", fromCli});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

    // The crops, as float32 NCHW in [0, 1], for both engines.
    QStringList args{QString::fromStdString(paths.model)};
    std::vector<cv::Mat> blobs;
    for (const auto& item : dataset.test) {
      cv::Mat rgb;
      try {
        rgb = cropOf(item.path, r.options.preset);
      } catch (const std::exception&) {
        continue;  // the fixture's unreadable files
      }
      blobs.push_back(cv::dnn::blobFromImage(rgb, 1.0 / 255));
      const QString raw = dir.filePath(QString("crop%1.f32").arg(blobs.size()));
      std::ofstream(raw.toStdString(), std::ios::binary)
          .write(reinterpret_cast<const char*>(blobs.back().ptr<float>()),
                 std::streamsize(blobs.back().total() * sizeof(float)));
      args << raw;
    }
    QVERIFY(blobs.size() >= 3);
    const auto crop = r.options.preset.cropSize;
    const QString output = testsupport::runPython(
        QString(
            "import sys, json, numpy, torch, torchvision\n"
            "model = torchvision.models.resnet18(num_classes=%1)\n"
            "model.load_state_dict(torch.load(sys.argv[1])); model.eval()\n"
            "mean = torch.tensor(%3).view(1, 3, 1, 1)\n"
            "std = torch.tensor(%4).view(1, 3, 1, 1)\n"
            "out = []\n"
            "for path in sys.argv[2:]:\n"
            "    x = torch.from_numpy(numpy.fromfile(path, numpy.float32)).view(1, 3, %2, %2)\n"
            "    with torch.no_grad(): out.append(model((x - mean) / std).softmax(1)[0].tolist())\n"
            "print(json.dumps(out))\n")
            .arg(r.head.classes.size())
            .arg(crop)
            .arg(QString::fromStdString(nlohmann::json(r.options.preset.mean).dump()),
                 QString::fromStdString(nlohmann::json(r.options.preset.std).dump())),
        args);
    QVERIFY(!output.isNull());
    const auto python =
        nlohmann::json::parse(output.toStdString()).get<std::vector<std::vector<float>>>();
    QCOMPARE(python.size(), blobs.size());
    for (const QString& onnxPath : {fromRun, fromCli}) {
      onnx::ModelProto model;
      QVERIFY(model.ParseFromString(readAll(onnxPath.toStdString())));
      onnx::checker::check_model(model);
      QCOMPARE(metadataOf(model).at("trained"), std::string("layer4+head"));
      auto net = cv::dnn::readNetFromONNX(onnxPath.toStdString());
      double worst = 0, leastSure = 1;
      for (size_t i = 0; i < blobs.size(); ++i) {
        net.setInput(blobs[i], "image");
        const cv::Mat probs = net.forward("probabilities");
        QCOMPARE(probs.total(), python[i].size());
        leastSure =
            std::min(leastSure, double(*std::max_element(python[i].begin(), python[i].end())));
        for (size_t c = 0; c < python[i].size(); ++c)
          worst = std::max(worst, double(std::abs(probs.ptr<float>(0)[c] - python[i][c])));
      }
      qInfo("%s: largest difference from PyTorch %.2g", qPrintable(QFileInfo(onnxPath).fileName()),
            worst);
      QVERIFY2(worst <= kTolerance, qPrintable(QString::number(worst)));
      QVERIFY2(leastSure < 0.9, qPrintable(QString::number(leastSure)));
    }
  }

  // Python's onnx package, a second checker, where it is installed.
  void pythonOnnxCheckerAccepts() {
    if (testsupport::runPython("import onnx\nprint('ok')").isNull())
      QSKIP("no python3-onnx for the reference interpreter");
    QTemporaryDir dir;
    const auto path = dir.filePath("pets.onnx");
    exportOnnx(path.toStdString(), headOnlyRun("resnet18", 3));
    const auto out = testsupport::runPython(
        "import onnx, sys\n"
        "m = onnx.load(sys.argv[1])\n"
        "onnx.checker.check_model(m, full_check=True)\n"
        "print(m.graph.input[0].name, len(m.graph.output))\n",
        {path});
    QCOMPARE(out.trimmed(), QString("image 2"));
  }

  void errorsNameTheFile() {
    QTemporaryDir dir;
    auto r = headOnlyRun("resnet18", 3);
    r.options.weightsPath = dir.filePath("missing.pth").toStdString();
    try {
      exportOnnx(dir.filePath("x.onnx").toStdString(), r);
      QFAIL("exported from a missing weights file");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("missing.pth") != std::string::npos, e.what());
    }
    QVERIFY(!QFile::exists(dir.filePath("x.onnx")));
  }
};

QTEST_GUILESS_MAIN(TestOnnx)
#include "test_onnx.moc"
