// Augmented views against torchvision (their parameters and their pixels), and augmentation and
// test-time augmentation through training, the cache, evaluation and the manifest.

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "features/views.h"
#include "headstart/classifier.h"
#include "headstart/export.h"
#include "headstart/training.h"
#include "image/augment.h"
#include "image/decode.h"
#include "io/checkpoint.h"
#include "support.h"
#include "train/head_trainer.h"
#include "train/session.h"

using namespace headstart;
using json = nlohmann::json;

namespace {

QString referenceScript() {
  return QStringLiteral(HEADSTART_TESTS_DIR "/python/augment_reference.py");
}

json runReference(const QStringList& args) {
  QProcess p;
  p.start(qEnvironmentVariable("HEADSTART_PYTHON"), QStringList{referenceScript()} + args);
  if (!p.waitForFinished(300000) || p.exitCode() != 0) {
    qWarning("augment_reference.py failed: %s", p.readAllStandardError().constData());
    return {};
  }
  return json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
}

json settingsJson(const AugmentSettings& s) {
  return {{"scale", {s.scaleMin, s.scaleMax}},
          {"ratio", {s.ratioMin, s.ratioMax}},
          {"brightness", s.brightness},
          {"contrast", s.contrast},
          {"saturation", s.saturation}};
}

// A photograph-like test card: smooth colour gradients, a few sharp edges, some noise, so that
// both the resampling and every colour operation have something to change.
cv::Mat testCard(int width, int height) {
  cv::Mat rgb(height, width, CV_8UC3);
  cv::RNG noise(7);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const int edge = ((x / 37 + y / 23) % 2) * 60;
      rgb.at<cv::Vec3b>(y, x) = {
          cv::saturate_cast<uint8_t>(x * 255 / width + edge / 2),
          cv::saturate_cast<uint8_t>(y * 255 / height + noise.uniform(-20, 20)),
          cv::saturate_cast<uint8_t>(128 + edge - (x + y) % 50)};
    }
  return rgb;
}

}  // namespace

class TestAugment : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  DatasetReport m_dataset;

  TrainOptions options(const QString& cache) const {
    TrainOptions o;
    o.arch = Arch::ResNet18;
    o.weightsPath = testsupport::fixture("backbone18.pth");
    o.preset = imagenetV1Preset();
    o.batchSize = 8;
    o.seed = 5;
    o.epochs = 3;
    o.warmStart = false;
    o.precision = Precision::Exact;  // the classifier's, for comparing with it
    o.cacheRoot = cache.toStdString();
    return o;
  }

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    m_dataset = scanDataset(testsupport::fixture("dataset"));
    QVERIFY(m_dataset.ok());
  }

  // The parameters are a function of (seed, image, view) alone, drawn the same in Python.
  void viewParamsMatchTheWrittenOutReference() {
    AugmentSettings settings;
    json cases = json::array();
    std::vector<image::ViewParams> ours;
    const struct {
      int width, height;
    } sizes[] = {{640, 480}, {480, 640}, {224, 224}, {1000, 10}, {10, 1000}, {33, 2000}};
    uint64_t key = 0x0123456789abcdefull;
    for (const auto& size : sizes)
      for (uint64_t seed : {uint64_t(0), uint64_t(42), ~uint64_t(0)})
        for (int view = 1; view <= 4; ++view) {
          key = key * 6364136223846793005ull + 1442695040888963407ull;
          cases.push_back({{"seed", seed},
                           {"key", key},
                           {"view", view},
                           {"width", size.width},
                           {"height", size.height},
                           {"settings", settingsJson(settings)}});
          ours.push_back(image::viewParams(settings, seed, key, view, size.width, size.height));
        }
    QTemporaryDir dir;
    const auto path = dir.filePath("cases.json");
    std::ofstream(path.toStdString()) << cases.dump();
    const auto theirs = runReference({"params", path});
    QCOMPARE(theirs.size(), ours.size());
    int fallbacks = 0, flips = 0;
    for (size_t i = 0; i < ours.size(); ++i) {
      const auto& t = theirs[i];
      const auto& o = ours[i];
      const auto where = cases[i].dump();
      QVERIFY2(t["top"] == o.top && t["left"] == o.left && t["height"] == o.height &&
                   t["width"] == o.width && t["flip"] == o.flip,
               (where + " -> " + t.dump()).c_str());
      // Exact: the same double operations in the same order on both sides.
      QCOMPARE(t["brightness"].get<double>(), o.brightness);
      QCOMPARE(t["contrast"].get<double>(), o.contrast);
      QCOMPARE(t["saturation"].get<double>(), o.saturation);
      fallbacks += cases[i]["width"] == 10 || cases[i]["height"] == 10;
      flips += o.flip;
    }
    QVERIFY(fallbacks > 0);
    QVERIFY2(flips > 10 && flips < 62, std::to_string(flips).c_str());  // about half of 72
  }

  void viewParamsAreDeterministicAndDistinct() {
    AugmentSettings s;
    const auto a = image::viewParams(s, 3, 99, 1, 500, 375);
    const auto b = image::viewParams(s, 3, 99, 1, 500, 375);
    QCOMPARE(a.top, b.top);
    QCOMPARE(a.left, b.left);
    QCOMPARE(a.width, b.width);
    QCOMPARE(a.brightness, b.brightness);
    int same = 0;
    for (const auto& other :
         {image::viewParams(s, 3, 99, 2, 500, 375), image::viewParams(s, 4, 99, 1, 500, 375),
          image::viewParams(s, 3, 100, 1, 500, 375)})
      same += other.top == a.top && other.left == a.left && other.width == a.width;
    QCOMPARE(same, 0);
    // Many draws stay inside the image and inside the settings' area and aspect ranges.
    for (int v = 1; v <= 500; ++v) {
      const auto p = image::viewParams(s, 1, 2, v, 500, 375);
      QVERIFY(p.top >= 0 && p.left >= 0 && p.top + p.height <= 375 && p.left + p.width <= 500);
      const double area = double(p.width) * p.height / (500.0 * 375);
      QVERIFY2(area > 0.34 && area <= 1.0, std::to_string(area).c_str());
      QVERIFY(p.brightness >= 0.8 && p.brightness < 1.2);
    }
  }

  // Given the crop box, the flip and the factors, the rendered tensor is torchvision's
  // resized_crop (antialiased), hflip and adjust_* on the same decoded PIL image.
  void renderedViewsMatchTorchvision() {
    QTemporaryDir dir;
    const auto imagePath = dir.filePath("card.png").toStdString();
    cv::Mat bgr;
    cv::cvtColor(testCard(401, 297), bgr, cv::COLOR_RGB2BGR);
    QVERIFY(cv::imwrite(imagePath, bgr));
    const cv::Mat rgb = image::decodeRgb(imagePath);
    const Preset preset = imagenetV2Preset();
    AugmentSettings withJitter, plain;
    plain.brightness = plain.contrast = plain.saturation = 0;
    json views = json::array();
    io::StateDict rendered;
    for (int v = 1; v <= 8; ++v) {
      const auto& settings = v <= 4 ? plain : withJitter;
      auto p = image::viewParams(settings, 17, 1234, v, rgb.cols, rgb.rows);
      if (v == 8) p = {0, 0, rgb.rows, rgb.cols, true, 1.3, 0.6, 1.4};  // strong, clipping
      const std::string name = "view" + std::to_string(v);
      views.push_back({{"name", name},
                       {"top", p.top},
                       {"left", p.left},
                       {"height", p.height},
                       {"width", p.width},
                       {"flip", p.flip},
                       {"brightness", p.brightness},
                       {"contrast", p.contrast},
                       {"saturation", p.saturation}});
      rendered.push_back({name, image::renderView(rgb, p, preset)});
    }
    const json spec{
        {"views", views}, {"crop", preset.cropSize}, {"mean", preset.mean}, {"std", preset.std}};
    const auto specPath = dir.filePath("views.json");
    std::ofstream(specPath.toStdString()) << spec.dump();
    const auto renderedPath = dir.filePath("rendered.pt");
    io::writeStateDict(renderedPath.toStdString(), rendered);
    const auto result =
        runReference({"render", QString::fromStdString(imagePath), specPath, renderedPath});
    QCOMPARE(result.size(), size_t(8));
    for (const auto& r : result) {
      // PIL computes in 8-bit fixed point and we reproduce it, so the bytes are the same; the
      // tensors then differ by at most the rounding of one float division (0 measured).
      qInfo("%s", r.dump().c_str());
      QVERIFY2(r["max_abs"].get<double>() <= 1e-6, r.dump().c_str());
    }
  }

  // A second run with the same settings reads every view from the cache; other settings do not.
  void viewsAreCachedAndCountedInProgress() {
    QTemporaryDir cache;
    auto o = options(cache.path());
    o.augment.views = 2;
    std::vector<ExtractionProgress> progress;
    TrainingCallbacks callbacks;
    callbacks.extraction = [&](const ExtractionProgress& p) { progress.push_back(p); };
    const auto first = train(m_dataset, o, callbacks);
    const size_t trainImages = m_dataset.train.size(), testImages = m_dataset.test.size();
    const size_t all = trainImages * 3 + testImages;
    QCOMPARE(first.extracted, all);
    QCOMPARE(first.fromCache, size_t(0));
    QCOMPARE(progress.back().total, all);
    QCOMPARE(progress.back().done, all);

    const auto second = train(m_dataset, o);
    QCOMPARE(second.extracted, size_t(0));
    QCOMPARE(second.fromCache, all);
    QCOMPARE(second.history.back().trainLoss, first.history.back().trainLoss);
    QCOMPARE(second.head.weight, first.head.weight);

    o.augment.scaleMin = 0.5;  // other views: extracted again, the centre crops are not
    const auto third = train(m_dataset, o);
    QCOMPARE(third.extracted, trainImages * 2);
    QCOMPARE(third.fromCache, trainImages + testImages);
  }

  // Views change what the head learns; none leaves training exactly as it was.
  void viewsChangeTrainingAndZeroViewsDoNot() {
    const auto o = options(m_dir.path());
    const auto plain = train(m_dataset, o);
    auto zero = o;
    zero.augment.views = 0;
    zero.augment.scaleMin = 0.9;  // settings of views that are not drawn change nothing
    QCOMPARE(train(m_dataset, zero).head.weight, plain.head.weight);
    auto augmented = o;
    augmented.augment.views = 2;
    const auto withViews = train(m_dataset, augmented);
    QVERIFY(withViews.head.weight != plain.head.weight);
    QVERIFY(withViews.history.front().trainLoss != plain.history.front().trainLoss);
    // Still learnt (chance is 1/3), though crops and colour changes make the colour classes of
    // the random-weight backbone harder to tell apart in three epochs.
    QVERIFY2(withViews.test.accuracy > 0.5, std::to_string(withViews.test.accuracy).c_str());
  }

  // Validation and test see the centre crops: their numbers are those of the kept head on the
  // centre-crop features.
  void validationAndTestUseCentreCrops() {
    auto o = options(m_dir.path());
    o.augment.views = 1;
    o.validationFraction = 0.3;
    const auto r = train(m_dataset, o);
    training::Session session(o, m_dataset);
    auto trainSet = training::labelled(session.extract(m_dataset.train, {}, nullptr));
    const auto test = training::labelled(session.extract(m_dataset.test, {}, nullptr));
    const auto held = training::holdOut(trainSet, o.validationFraction, o.seed).second;
    const auto head = training::fromHead(r.head);
    const auto onHeld = training::evaluateHead(head, held, m_dataset.classes);
    const auto& best = r.history[size_t(r.bestEpoch - 1)];
    QCOMPARE(*best.validationLoss, onHeld.loss);
    QCOMPARE(*best.validationAccuracy, onHeld.accuracy);
    const auto onTest = training::evaluateHead(head, test, m_dataset.classes);
    QCOMPARE(r.test.loss, onTest.loss);
    QCOMPARE(r.test.accuracy, onTest.accuracy);
  }

  // --tta: the mirrored crops' probabilities averaged in, the same on every run, the same as
  // the classifier's own test-time augmentation, and named in the manifest.
  void testTimeFlipAveragesAndIsRecorded() {
    auto o = options(m_dir.path());
    const auto r = train(m_dataset, o);
    auto tta = o;
    tta.testTimeFlip = true;
    const auto plain = evaluate(m_dataset, r.head, o);
    const auto flipped = evaluate(m_dataset, r.head, tta);
    const auto again = evaluate(m_dataset, r.head, tta);
    QVERIFY(flipped.loss != plain.loss);
    QCOMPARE(again.loss, flipped.loss);
    QCOMPARE(again.confusion, flipped.confusion);

    const auto stem = m_dir.filePath("tta").toStdString();
    auto run = train(m_dataset, tta);
    QCOMPARE(run.test.loss, evaluate(m_dataset, run.head, tta).loss);
    const auto paths = exportTrained(stem + ".pt", run, false);
    std::ifstream in(paths.manifest);
    const auto manifest = json::parse(in);
    QCOMPARE(manifest["metrics"]["test_time_augmentation"].get<std::string>(), "flip");
    QVERIFY(loadTrainResult(stem + ".pt").options.testTimeFlip);

    // The classifier mirrors the normalised tensor instead of the 8-bit crop: the same images.
    ClassifierOptions c;
    c.arch = o.arch;
    c.weightsPath = o.weightsPath;
    c.preset = o.preset;
    c.precision = Precision::Exact;
    c.headPath = stem + ".pt";
    c.testTimeFlip = true;
    const Classifier classifier(c);
    std::vector<std::string> images;
    for (const auto& m : flipped.mistakes) images.push_back(m.path);
    for (const auto& m : flipped.correct) images.push_back(m.path);
    const auto predictions = classifier.predict(images, 1);
    size_t i = 0;
    for (const auto* list : {&flipped.mistakes, &flipped.correct})
      for (const auto& m : *list) {
        QCOMPARE(predictions[i].top.front().index, m.predictedClass);
        QVERIFY(std::abs(predictions[i].top.front().probability - m.confidence) < 1e-5);
        ++i;
      }
  }
};

QTEST_GUILESS_MAIN(TestAugment)
#include "test_augment.moc"
