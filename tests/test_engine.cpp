// The oneDNN backbone: exact precision against the libtorch module on any batch and size, fast
// (bfloat16) precision against exact on the test photos and on a trained head, and the choice
// between them.

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "headstart/classifier.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/precision.h"
#include "headstart/training.h"
#include "io/checkpoint.h"
#include "model/fused.h"
#include "model/packed_cache.h"
#include "model/resnet.h"
#include "single_threaded.h"
#include "support.h"

using namespace headstart;

namespace {

#define REQUIRE_NATIVE_BF16()                                                             \
  do {                                                                                    \
    if (!cpuHasNativeBf16())                                                              \
      QSKIP(                                                                              \
          "this processor has no native bfloat16 (neither avx512_bf16 nor amx_bf16 in "   \
          "/proc/cpuinfo): fast precision falls back to exact here, nothing to compare"); \
  } while (false)

std::set<int> topIndices(const Prediction& p) {
  std::set<int> out;
  for (const auto& s : p.top) out.insert(s.index);
  return out;
}

std::set<QString> threadIds() {
  const auto ids =
      QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  return {ids.begin(), ids.end()};
}

// Copies `from` to `to` with the same modification time: a file the cache cannot tell apart.
void copyKeepingTime(const QString& from, const QString& to) {
  QFile::remove(to);
  QVERIFY(QFile::copy(from, to));
  QFile out(to);
  QVERIFY(out.open(QIODevice::ReadWrite));
  QVERIFY(out.setFileTime(QFileInfo(from).lastModified(), QFileDevice::FileModificationTime));
}

// Changes bytes in the middle of a file (a tensor's), keeping its size and modification time.
void damageKeepingTime(const QString& path) {
  const auto time = QFileInfo(path).lastModified();
  QFile f(path);
  QVERIFY(f.open(QIODevice::ReadWrite));
  f.seek(f.size() / 2);
  f.write(QByteArray(4096, '\x7f'));
  QVERIFY(f.flush());
  QVERIFY(f.setFileTime(time, QFileDevice::FileModificationTime));
}

QStringList packedFiles(const QString& root) {
  return QDir(root + "/packed-networks").entryList({"*.hsnet"}, QDir::Files);
}

torch::Tensor logitsOf(const model::FusedResNet& net, const torch::Tensor& x) {
  torch::InferenceMode guard;
  return net.logits(net.features(x));
}

std::vector<std::string> photos() {
  std::ifstream in(testsupport::fixture("reference.json"));
  const auto summary = nlohmann::json::parse(in);
  std::vector<std::string> paths;
  for (const auto& name : summary["images"])
    paths.push_back(
        testsupport::fixture(QString::fromStdString("images/" + name.get<std::string>())));
  return paths;
}

}  // namespace

class TestEngine : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { REQUIRE_FIXTURES(); }

  // Each shape gets its own primitives, and a larger one regrows the shared buffers: every
  // order of shapes must give the module's numbers.
  void exactMatchesModuleAcrossShapes_data() {
    QTest::addColumn<QString>("arch");
    QTest::newRow("resnet18") << "resnet18";
    QTest::newRow("resnet50") << "resnet50";
  }

  void exactMatchesModuleAcrossShapes() {
    QFETCH(QString, arch);
    const auto path = testsupport::fixture(arch + ".pth");
    model::ResNet net(*archFromName(arch.toStdString()), 1000);
    io::loadStateDict(*net, io::readStateDict(path), path);
    net->eval();
    const model::FusedResNet fused(*net);
    torch::InferenceMode guard;
    torch::manual_seed(1);
    const std::vector<std::vector<int64_t>> shapes{
        {1, 3, 96, 96}, {5, 3, 128, 160}, {1, 3, 96, 96}, {2, 3, 67, 45}, {5, 3, 128, 160}};
    for (const auto& shape : shapes) {
      const auto x = torch::randn(shape);
      const auto expected = net->forward(x);
      const auto actual = fused.logits(fused.features(x));
      // Random inputs give logits far larger than photos do: the bound is relative to them.
      const float scale = std::max(1.f, expected.abs().max().item<float>());
      const float diff = (actual - expected).abs().max().item<float>();
      QVERIFY2(diff < 1e-5f * scale, (torch::str(x.sizes()) + ": " + std::to_string(diff) +
                                      " for logits up to " + std::to_string(scale))
                                         .c_str());
    }
  }

  // Each run once set libtorch's thread count again, which rebuilt its pthreadpool: a new thread
  // per run, spinning beside the network (6% of its time on two cores). A thread's count is now
  // set only when it differs, and the same threads serve every run.
  void repeatedRunsStartNoThreads() {
    const auto path = testsupport::fixture("resnet18.pth");
    const auto fused = model::loadFusedResNet(Arch::ResNet18, path);
    setThreadCount(2);
    torch::InferenceMode guard;
    const auto x = torch::randn({2, 3, 64, 64});
    fused->logits(fused->features(x));
    const auto before = threadIds();
    for (int i = 0; i < 5; ++i) fused->logits(fused->features(x));
    QCOMPARE(threadIds(), before);
    // ... and a thread that has not run the network yet gets the count too
    std::thread([&] {
      fused->features(x);
      QCOMPARE(torch::get_num_threads(), 2);
    }).join();
  }

  // A packed network read back runs the very same weights: bit-identical logits, in exact and
  // (where native) fast precision. That it is the file that runs, not the checkpoint, shows when
  // the checkpoint's bytes change behind an unchanged size and time: the old numbers stay.
  void packedNetworkRunsTheSameWeights_data() {
    QTest::addColumn<int>("precision");
    QTest::newRow("exact") << int(Precision::Exact);
    if (cpuHasNativeBf16()) QTest::newRow("fast") << int(Precision::Fast);
  }

  void packedNetworkRunsTheSameWeights() {
    QFETCH(int, precision);
    const auto p = static_cast<Precision>(precision);
    QTemporaryDir dir;
    const auto weights = dir.filePath("weights.pth"), root = dir.filePath("cache");
    copyKeepingTime(QString::fromStdString(testsupport::fixture("resnet18.pth")), weights);
    torch::manual_seed(3);
    const auto x = torch::randn({2, 3, 96, 96});
    const auto direct =
        logitsOf(*model::loadFusedResNet(Arch::ResNet18, weights.toStdString(), p), x);
    const auto written =
        model::loadPackedOrFused(Arch::ResNet18, weights.toStdString(), p, root.toStdString());
    QCOMPARE(packedFiles(root).size(), 1);
    QVERIFY(torch::equal(logitsOf(*written, x), direct));
    damageKeepingTime(weights);
    const auto read =
        model::loadPackedOrFused(Arch::ResNet18, weights.toStdString(), p, root.toStdString());
    QVERIFY(torch::equal(logitsOf(*read, x), direct));
  }

  // Damage anywhere in the file is not run: the checkpoint is packed again and the file
  // replaced. A changed checkpoint gets its own file.
  void damagedOrStalePackedNetworkIsNotUsed() {
    QTemporaryDir dir;
    const auto weights = dir.filePath("weights.pth"), root = dir.filePath("cache");
    copyKeepingTime(QString::fromStdString(testsupport::fixture("resnet18.pth")), weights);
    torch::manual_seed(4);
    const auto x = torch::randn({1, 3, 64, 64});
    const auto expected = logitsOf(*model::loadPackedOrFused(Arch::ResNet18, weights.toStdString(),
                                                             Precision::Exact, root.toStdString()),
                                   x);
    const auto file = root + "/packed-networks/" + packedFiles(root).front();
    const auto size = QFileInfo(file).size();
    // the header, weights (64 KB of 0x7f: floats of 3.4e38) and the checksum
    for (const qint64 at : {qint64(20), size / 2 / 8 * 8, size - 8}) {
      QFile f(file);
      QVERIFY(f.open(QIODevice::ReadWrite));
      f.seek(at);
      f.write(QByteArray(at == size / 2 / 8 * 8 ? 65536 : 8, '\x7f'));
      f.close();
      const auto again = model::loadPackedOrFused(Arch::ResNet18, weights.toStdString(),
                                                  Precision::Exact, root.toStdString());
      QVERIFY2(torch::equal(logitsOf(*again, x), expected), qPrintable(QString::number(at)));
    }
    QVERIFY(QFile::remove(weights));
    QVERIFY(QFile::copy(QString::fromStdString(testsupport::fixture("backbone18.pth")), weights));
    const auto other = model::loadFusedResNet(Arch::ResNet18, weights.toStdString());
    const auto reloaded = model::loadPackedOrFused(Arch::ResNet18, weights.toStdString(),
                                                   Precision::Exact, root.toStdString());
    QVERIFY(torch::equal(logitsOf(*reloaded, x), logitsOf(*other, x)));
    QCOMPARE(packedFiles(root).size(), 2);
  }

  // A weights file a run packed is known as ImageNet weights of its arch without being read
  // again (a cold start's 19 ms); one not packed, changed since, or with other outputs is not.
  void packedWeightsAreKnownWithoutReadingThem() {
    QTemporaryDir dir;
    const auto weights = dir.filePath("weights.pth"), tenClasses = dir.filePath("ten.pth");
    const auto root = dir.filePath("cache").toStdString();
    copyKeepingTime(QString::fromStdString(testsupport::fixture("resnet18.pth")), weights);
    QVERIFY(!model::packedImagenetArch(weights.toStdString(), root));
    model::loadPackedOrFused(Arch::ResNet18, weights.toStdString(), Precision::Exact, root);
    QCOMPARE(model::packedImagenetArch(weights.toStdString(), root), std::optional(Arch::ResNet18));

    QFile file(weights);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QFileInfo(weights).lastModified().addSecs(10),
                             QFileDevice::FileModificationTime));
    file.close();
    QVERIFY(!model::packedImagenetArch(weights.toStdString(), root));

    auto state = io::readStateDict(testsupport::fixture("resnet18.pth"));
    for (auto& [name, tensor] : state) {
      if (name.rfind("fc.", 0) == 0) tensor = tensor.narrow(0, 0, 10).clone();
    }
    io::writeStateDict(tenClasses.toStdString(), state);
    model::loadPackedOrFused(Arch::ResNet18, tenClasses.toStdString(), Precision::Exact, root);
    QCOMPARE(packedFiles(QString::fromStdString(root)).size(), 2);
    QVERIFY(!model::packedImagenetArch(tenClasses.toStdString(), root));
  }

  // The folder holds the few networks most recently written or used, not one per file ever
  // opened: the first weights, used again before the others are written, stay.
  void packedNetworksAreEvicted() {
    QTemporaryDir dir;
    const auto root = dir.filePath("cache");
    const auto source = QString::fromStdString(testsupport::fixture("resnet18.pth"));
    const auto load = [&](int i) {
      const auto weights = dir.filePath(QString("weights%1.pth").arg(i));
      if (!QFile::exists(weights)) QVERIFY(QFile::copy(source, weights));
      model::loadPackedOrFused(Arch::ResNet18, weights.toStdString(), Precision::Exact,
                               root.toStdString());
    };
    load(0);
    const auto first = packedFiles(root).front();
    for (int i = 1; i < model::kPackedNetworksKept + 2; ++i) {
      load(i);
      if (i == model::kPackedNetworksKept - 1) load(0);
    }
    QCOMPARE(packedFiles(root).size(), model::kPackedNetworksKept);
    QVERIFY(packedFiles(root).contains(first));
  }

  void choiceFollowsTheProcessor() {
    const auto withBf16 = choosePrecision(Precision::Auto, true);
    QCOMPARE(withBf16.used, Precision::Fast);
    QVERIFY(withBf16.notice.empty());
    const auto autoWithout = choosePrecision(Precision::Auto, false);
    QCOMPARE(autoWithout.used, Precision::Exact);
    QVERIFY(autoWithout.notice.empty());  // auto promised nothing
    const auto fastWithout = choosePrecision(Precision::Fast, false);
    QCOMPARE(fastWithout.used, Precision::Exact);
    QVERIFY2(QString::fromStdString(fastWithout.notice).contains("bfloat16"),
             fastWithout.notice.c_str());
    QCOMPARE(choosePrecision(Precision::Exact, true).used, Precision::Exact);
    for (const auto& name : precisionNames())
      QCOMPARE(precisionName(*precisionFromName(name)), name.c_str());
    QVERIFY(!precisionFromName("bf16"));
  }

  void fastKeepsTheTopClassesOfExact() {
    REQUIRE_NATIVE_BF16();
    ClassifierOptions options;
    options.arch = Arch::ResNet50;
    options.weightsPath = testsupport::fixture("resnet50.pth");
    const Classifier exact(options);
    options.precision = Precision::Fast;
    const Classifier fast(options);
    QCOMPARE(fast.precision().used, Precision::Fast);
    const auto a = exact.predict(photos(), 5);
    const auto b = fast.predict(photos(), 5);
    QCOMPARE(a.size(), b.size());
    size_t overlap = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      QVERIFY2(a[i].ok() && b[i].ok(), a[i].image.c_str());
      const auto ta = topIndices(a[i]), tb = topIndices(b[i]);
      size_t shared = 0;
      for (int index : ta) shared += tb.count(index);
      QVERIFY2(shared >= 4, (a[i].image + ": " + std::to_string(shared) + " of 5").c_str());
      overlap += shared;
      // A near tie may swap (these random weights make peaky, close logits); a clear lead not.
      if (a[i].top[0].probability - a[i].top[1].probability > 0.15f)
        QVERIFY2(a[i].top[0].index == b[i].top[0].index, a[i].image.c_str());
    }
    const double meanOverlap = double(overlap) / double(a.size());
    QVERIFY2(meanOverlap >= 4.5, std::to_string(meanOverlap).c_str());
  }

  void headOnFastFeaturesLearnsAsWell() {
    REQUIRE_NATIVE_BF16();
    const auto dataset = scanDataset(testsupport::fixture("dataset"));
    QVERIFY(dataset.ok());
    QTemporaryDir cache, out;
    TrainOptions o;
    o.arch = Arch::ResNet18;
    o.weightsPath = testsupport::fixture("backbone18.pth");
    o.preset = imagenetV1Preset();
    o.batchSize = 8;
    o.seed = 11;
    o.warmStart = false;
    o.cacheRoot = cache.path().toStdString();
    o.precision = Precision::Exact;
    const auto exact = train(dataset, o);
    o.precision = Precision::Fast;
    const auto fast = train(dataset, o);
    QCOMPARE(fast.precision.used, Precision::Fast);
    // The precision is part of the cache key: exact features are not reused for fast, except the
    // test images', which a fast run measures in 32-bit floats as its export runs.
    QCOMPARE(fast.fromCache, dataset.test.size());
    QCOMPARE(train(dataset, o).fromCache, fast.extracted + fast.fromCache);
    QVERIFY2(exact.test.accuracy > 0.9, std::to_string(exact.test.accuracy).c_str());
    QCOMPARE(fast.test.accuracy, exact.test.accuracy);  // the same head on the same exact features
    QVERIFY(fast.testAccuracyAsTrained.has_value());
    const double oneImage = 1.0 / double(exact.test.count);
    QVERIFY2(
        std::abs(*fast.testAccuracyAsTrained - exact.test.accuracy) <= oneImage + 1e-9,
        (std::to_string(*fast.testAccuracyAsTrained) + " vs " + std::to_string(exact.test.accuracy))
            .c_str());

    const auto paths =
        exportTrained(out.filePath("fast.pt").toStdString(), fast, /*withModel=*/false);
    std::ifstream in(paths.manifest);
    QCOMPARE(nlohmann::json::parse(in)["precision"].get<std::string>(), std::string("fast"));
  }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
