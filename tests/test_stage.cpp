// Last-stage fine-tuning: layer4 and the head trained on cached layer3 maps, against PyTorch, the
// map cache's budget, cancelling, and the fine-tuned export read back by Python and by HeadStart.

#include <torch/torch.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "features/map_cache.h"
#include "headstart/classifier.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/training.h"
#include "io/checkpoint.h"
#include "model/fused.h"
#include "support.h"
#include "train/stage_trainer.h"

using namespace headstart;
namespace fs = std::filesystem;

namespace {

// Losses of the warm-up (Adam on the frozen layer4's pooled features) then of the stage epochs
// (AdamW, layer4 at lr * factor, the head at lr), with the batch orders HeadStart used. x holds
// every rendering ([views + 1, N, C, H, W], the centre crops first); in each epoch, image i is
// seen in rendering picks[i].
const char* kReferenceRecipe =
    "import sys, json, torch, torchvision\n"
    "import torch.nn.functional as F\n"
    "d = torch.load(sys.argv[1]); arch = sys.argv[3]\n"
    "lr, wd, factor, B = 0.01, 0.01, 0.1, 4\n"
    "m = getattr(torchvision.models, arch)(); m.load_state_dict(torch.load(sys.argv[2]))\n"
    "l4 = m.layer4.eval()\n"
    "x, y = d['x'], d['y']\n"
    "w = d['w'].clone(); b = d['b'].clone()\n"
    "with torch.no_grad(): f = torch.stack([F.adaptive_avg_pool2d(l4(v), 1).flatten(1) for v in "
    "x])\n"
    "w.requires_grad_(); b.requires_grad_()\n"
    "losses = []\n"
    "def run(opt, order, picks, inputs):\n"
    "    for i in range(0, len(order), B):\n"
    "        rows = order[i:i + B]\n"
    "        loss = F.cross_entropy(F.linear(inputs(picks[rows], rows), w, b), y[rows])\n"
    "        opt.zero_grad(); loss.backward(); opt.step(); losses.append(loss.item())\n"
    "adam = torch.optim.Adam([w, b], lr=lr, weight_decay=wd)\n"
    "for order, picks in zip(d['warm'], d['warm_picks']):\n"
    "    run(adam, order, picks, lambda views, rows: f[views, rows])\n"
    "adamw = torch.optim.AdamW([{'params': list(l4.parameters()), 'lr': lr * factor},\n"
    "                           {'params': [w, b], 'lr': lr}], lr=lr, weight_decay=wd)\n"
    "for order, picks in zip(d['stage'], d['stage_picks']):\n"
    "    run(adamw, order, picks,\n"
    "        lambda views, rows: F.adaptive_avg_pool2d(l4(x[views, rows]), 1).flatten(1))\n"
    "print(json.dumps(losses))\n";

std::vector<torch::Tensor> orders(uint64_t seed, int epochs, int64_t n) {
  std::mt19937_64 random(seed);
  std::vector<torch::Tensor> out;
  for (int e = 0; e < epochs; ++e) out.push_back(torch::tensor(training::epochOrder(n, random)));
  return out;
}

// The renderings each epoch shows the images in: head training's draw, all centre crops without
// views.
torch::Tensor picks(uint64_t seed, int views, int epochs, int64_t n) {
  training::ViewDraw draw(seed, views);
  std::vector<torch::Tensor> out;
  for (int e = 0; e < epochs; ++e)
    out.push_back(views > 0 ? torch::tensor(draw.next(n)) : torch::zeros({n}, torch::kInt64));
  return torch::stack(out);
}

// The resident and peak resident memory of this process, in bytes, from /proc/self/status.
std::pair<int64_t, int64_t> residentMemory() {
  std::ifstream in("/proc/self/status");
  int64_t rss = 0, peak = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) rss = std::stoll(line.substr(6)) * 1024;
    if (line.rfind("VmHWM:", 0) == 0) peak = std::stoll(line.substr(6)) * 1024;
  }
  return {rss, peak};
}

// Starts a new peak-RSS measurement (Linux 4.0 and later); false where it cannot.
bool resetPeakMemory() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return bool(out);
}

// `count` small files, each a distinct image identity for the map cache.
std::vector<std::string> identities(const QTemporaryDir& dir, int count) {
  std::vector<std::string> paths;
  for (int i = 0; i < count; ++i) {
    paths.push_back(dir.filePath(QString("img%1.png").arg(i)).toStdString());
    std::ofstream(paths.back()) << "image " << i;
  }
  return paths;
}

// ImageNet's normalisation on a 112 crop: a quarter of the work of 224, for a fast test.
Preset smallPreset() {
  Preset p = imagenetV1Preset();
  p.name = "small";
  p.resizeSize = 128;
  p.cropSize = 112;
  return p;
}

std::string contentOfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

class TestStage : public QObject {
  Q_OBJECT
  QTemporaryDir m_cache;
  DatasetReport m_dataset;

  TrainOptions options() const {
    TrainOptions o;
    o.arch = Arch::ResNet18;
    o.weightsPath = testsupport::fixture("backbone18.pth");
    o.preset = smallPreset();
    o.batchSize = 8;
    o.seed = 11;
    o.epochs = 2;
    o.learningRate = 0.003;
    o.precision = Precision::Exact;
    o.trainLastStage = true;
    o.cacheRoot = m_cache.path().toStdString();
    return o;
  }

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    m_dataset = scanDataset(testsupport::fixture("dataset"));
    QVERIFY(m_dataset.ok());
  }

  // The network cut after layer3 gives what the module's first three stages give.
  void trunkStopsAfterLayer3() {
    model::ResNet net(Arch::ResNet18, 1000);
    io::loadStateDict(*net, io::readStateDict(testsupport::fixture("backbone18.pth")), "");
    net->eval();
    const auto trunk = model::loadFusedResNet(
        Arch::ResNet18, testsupport::fixture("backbone18.pth"), Precision::Exact, {}, 3);
    QCOMPARE(trunk->featureDim(), int64_t(256));
    torch::manual_seed(1);
    const auto x = torch::randn({2, 3, 96, 96});
    torch::NoGradGuard noGrad;
    auto y = torch::max_pool2d(torch::relu(net->bn1(net->conv1(x))), 3, 2, 1);
    y = net->layer3->forward(net->layer2->forward(net->layer1->forward(y)));
    const auto ours = trunk->featureMaps(x);
    QCOMPARE(ours.sizes().vec(), (std::vector<int64_t>{2, 256, 6, 6}));
    QVERIFY((ours - y).abs().max().item<float>() < 1e-3f);
    const auto shape = features::layer3Shape(Arch::ResNet50, 224);
    QCOMPARE(shape.channels * shape.height * shape.width, int64_t(1024 * 14 * 14));
  }

  // Same cached maps, same initial weights, same batch order and parameter groups: PyTorch's
  // Adam then AdamW must see the same losses, for a basic block (resnet18) and a bottleneck.
  // With augmented views, each epoch shows every image in the rendering head training's draw
  // picks, the warm-up's and the stage epochs' alike.
  void stepsMatchPyTorch_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QString>("weights");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("views");
    QTest::newRow("resnet18") << "resnet18"
                              << "backbone18.pth" << 256 << 0;
    QTest::newRow("resnet50") << "resnet50"
                              << "resnet50.pth" << 1024 << 0;
    QTest::newRow("resnet18, 2 views") << "resnet18"
                                       << "backbone18.pth" << 256 << 2;
  }
  void stepsMatchPyTorch() {
    QFETCH(QString, arch);
    QFETCH(QString, weights);
    QFETCH(int, channels);
    QFETCH(int, views);
    const auto a = *archFromName(arch.toStdString());
    const int64_t n = 10, classes = 3;
    torch::manual_seed(4);
    // Rounded to bfloat16 as the cache stores them, then handed to both sides as float.
    const auto x =
        torch::randn({views + 1, n, channels, 4, 4}).relu().to(torch::kBFloat16).to(torch::kFloat);
    training::LabelledMaps data{{}, torch::randint(0, classes, {n}, torch::kInt64), {}, {}};
    for (int64_t i = 0; i < n; ++i) data.maps.emplace_back(x[0][i]);
    data.views.resize(size_t(views));
    for (int v = 1; v <= views; ++v)
      for (int64_t i = 0; i < n; ++i) data.views[size_t(v - 1)].emplace_back(x[v][i]);
    data.paths.assign(size_t(n), "x");
    auto o = options();
    o.arch = a;
    o.weightsPath = testsupport::fixture(weights);
    o.epochs = 2;
    o.headWarmupEpochs = 1;
    o.batchSize = 4;
    o.learningRate = 0.01;
    o.weightDecay = 0.01;
    o.stageLearningRateFactor = 0.1;
    const int64_t dim = archInfo(a).featureDim;
    const auto start = training::initialHead(classes, dim, 5);
    std::vector<double> ours;
    TrainingCallbacks callbacks;
    callbacks.batch = [&](const BatchProgress& b) {
      ours.push_back(b.loss);
      QCOMPARE(b.epochs, 3);
    };
    const auto trained = training::trainStage(training::loadLastStage(a, o.weightsPath), start,
                                              data, nullptr, o, callbacks, nullptr);
    QCOMPARE(trained.history.size(), size_t(3));

    QTemporaryDir dir;
    io::writeStateDict(dir.filePath("ref.pt").toStdString(),
                       {{"x", x},
                        {"y", data.y},
                        {"w", start.weight},
                        {"b", start.bias},
                        {"warm", torch::stack(orders(o.seed, 1, n))},
                        {"stage", torch::stack(orders(o.seed ^ training::kStageOrderSalt, 2, n))},
                        {"warm_picks", picks(o.seed, views, 1, n)},
                        {"stage_picks", picks(o.seed ^ training::kStageOrderSalt, views, 2, n)}});
    const QString output = testsupport::runPython(
        kReferenceRecipe, {dir.filePath("ref.pt"), QString::fromStdString(o.weightsPath), arch});
    const auto theirs = nlohmann::json::parse(output.toStdString()).get<std::vector<double>>();
    QCOMPARE(theirs.size(), ours.size());
    QCOMPARE(ours.size(), size_t(9));  // 3 epochs of 3 batches
    for (size_t i = 0; i < ours.size(); ++i) {
      QVERIFY2(
          std::abs(ours[i] - theirs[i]) < 1e-4,
          (std::to_string(i) + ": " + std::to_string(ours[i]) + " vs " + std::to_string(theirs[i]))
              .c_str());
    }
  }

  // Maps extracted in fast precision train layer4 in bfloat16: the steps' losses follow exact
  // precision's (within 2%; 0.4% at most when written) but not bit for bit, and the trained
  // weights stay float.
  void fastMapsTrainLayer4InBfloat16() {
    const int64_t n = 12, classes = 3;
    torch::manual_seed(7);
    const auto x = torch::randn({n, 256, 4, 4}).relu().to(torch::kBFloat16).to(torch::kFloat);
    auto o = options();
    o.epochs = 2;
    o.headWarmupEpochs = 1;
    o.batchSize = 4;
    o.learningRate = 0.001;
    const auto start = training::initialHead(classes, archInfo(o.arch).featureDim, 5);
    const auto run = [&](Precision precision) {
      training::LabelledMaps data{{}, torch::arange(n) % classes, {}, {}, precision};
      for (int64_t i = 0; i < n; ++i) data.maps.emplace_back(x[i]);
      data.paths.assign(size_t(n), "x");
      std::vector<double> losses;
      TrainingCallbacks callbacks;
      callbacks.batch = [&](const BatchProgress& b) { losses.push_back(b.loss); };
      const auto trained = training::trainStage(training::loadLastStage(o.arch, o.weightsPath),
                                                start, data, nullptr, o, callbacks, nullptr);
      for (const auto& p : trained.layer4->parameters())
        if (p.scalar_type() != torch::kFloat32) losses.clear();  // fails the size check below
      return losses;
    };
    const auto exact = run(Precision::Exact), fast = run(Precision::Fast);
    QCOMPARE(exact.size(), size_t(9));  // 3 epochs of 3 batches
    QCOMPARE(fast.size(), exact.size());
    double largest = 0;
    for (size_t i = 0; i < exact.size(); ++i) {
      largest = std::max(largest, std::abs(fast[i] - exact[i]));
      QVERIFY2(std::abs(fast[i] - exact[i]) < 0.02 * exact[i],
               (std::to_string(fast[i]) + " vs " + std::to_string(exact[i])).c_str());
    }
    QVERIFY2(largest > 1e-5, "fast precision gave exact precision's losses: not run in bfloat16");
  }

  // Maps of other models are evicted oldest first to make room; maps this run uses never are;
  // a run whose own maps exceed the budget is refused before anything is evicted.
  void budgetEvictsOldestAndRefusesWhatWillNotFit() {
    QTemporaryDir dir;
    const auto images = identities(dir, 4);
    const features::MapShape shape{4, 2, 2};
    const auto root = dir.filePath("cache").toStdString();
    features::MapCache probe(root, "probe", shape, 0);
    const int64_t entry = probe.entryBytes();
    const int64_t budget = 3 * entry;
    const auto map = [](int i) { return torch::full({4, 2, 2}, float(i)); };

    features::MapCache first(root, "first", shape, budget);
    first.reserve(3);
    for (int i = 0; i < 3; ++i) first.store(images[size_t(i)], {}, map(i));
    QCOMPARE(first.report().evicted, size_t(0));
    const auto entries = [&root]() {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) found.push_back(e.path().string());
      return found;
    };
    QCOMPARE(entries().size(), size_t(3));
    // The first image's map becomes the most recently used one.
    features::MapCache again(root, "first", shape, budget);
    const auto hit = again.load(images[0], {});
    QVERIFY(hit.has_value());
    QCOMPARE(hit->read().to(torch::kFloat).sum().item<float>(), 0.f);
    QVERIFY(again.load(images[2], {}).has_value());
    QCOMPARE(again.load(images[2], {})->read().to(torch::kFloat).mean().item<float>(), 2.f);
    QVERIFY(!again.load(images[0], {1, "a view"}).has_value());  // another view: not cached

    features::MapCache second(root, "second", shape, budget);
    QVERIFY(!second.load(images[0], {}).has_value());
    second.reserve(1);
    QCOMPARE(second.report().evicted, size_t(1));
    QCOMPARE(second.report().evictedBytes, entry);
    features::MapCache check(root, "first", shape, budget);
    QVERIFY(!check.load(images[1], {}).has_value());  // the least recently used went
    QVERIFY(check.load(images[0], {}).has_value());
    QVERIFY(check.load(images[2], {}).has_value());

    // Two of the first model's maps in use, two more wanted: four will not fit in three.
    const auto before = entries();
    try {
      check.reserve(2);
      QFAIL("a run larger than the budget was accepted");
    } catch (const Error& e) {
      const std::string what = e.what();
      QVERIFY2(what.find("will not fit") != std::string::npos, e.what());
      QVERIFY2(what.find("--cache-budget") != std::string::npos, e.what());
    }
    QCOMPARE(entries(), before);  // nothing evicted for a refused run
  }

  // A view is its own entry, and so is every setting of it; a damaged entry is never trusted:
  // not when a run looks it up (it is computed again), nor when a batch reads it back.
  void viewsAreKeyedAndDamagedEntriesAreNotTrusted() {
    QTemporaryDir dir;
    const auto images = identities(dir, 1);
    const features::MapShape shape{4, 3, 3};
    features::MapCache cache(dir.filePath("cache").toStdString(), "model", shape, 1 << 20);
    const auto centre = torch::full({4, 3, 3}, 1.f), view = torch::full({4, 3, 3}, 2.f);
    cache.store(images[0], {}, centre);
    cache.store(images[0], {1, "settings a"}, view);
    QCOMPARE(cache.load(images[0], {})->read().to(torch::kFloat).mean().item<float>(), 1.f);
    QCOMPARE(
        cache.load(images[0], {1, "settings a"})->read().to(torch::kFloat).mean().item<float>(),
        2.f);
    QVERIFY(!cache.load(images[0], {1, "settings b"}).has_value());
    QVERIFY(!cache.load(images[0], {2, "settings a"}).has_value());

    const auto loaded = cache.load(images[0], {1, "settings a"});
    QVERIFY(loaded.has_value());
    std::string entry;
    for (const auto& e : fs::recursive_directory_iterator(dir.filePath("cache").toStdString()))
      if (e.is_regular_file() && e.path().string().find("-v1.map") != std::string::npos)
        entry = e.path().string();
    QVERIFY(!entry.empty());
    {
      std::fstream file(entry, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(-1, std::ios::end);
      file.put('\x7f');  // one value's byte, past the header
    }
    QVERIFY_THROWS_EXCEPTION(Error, loaded->read());
    QVERIFY(!cache.load(images[0], {1, "settings a"}).has_value());
    fs::remove(entry);
    QVERIFY_THROWS_EXCEPTION(Error, loaded->read());
  }

  // A batch shows image r in the rendering picked for it: view k's map for image i.
  void batchShowsEachImageInItsPickedRendering() {
    const int64_t n = 6;
    const int views = 3;
    training::LabelledMaps data{{}, torch::zeros({n}, torch::kInt64), {}, {}};
    data.views.resize(views);
    const auto value = [](int64_t image, int view) { return float(10 * view + image); };
    for (int64_t i = 0; i < n; ++i) {
      data.maps.emplace_back(torch::full({2, 1, 1}, value(i, 0)));
      for (int v = 1; v <= views; ++v)
        data.views[size_t(v - 1)].emplace_back(torch::full({2, 1, 1}, value(i, v)));
    }
    training::ViewDraw draw(3, views);
    std::set<int64_t> seen;
    for (int epoch = 0; epoch < 3; ++epoch) {
      const auto picks = draw.next(n);
      seen.insert(picks.begin(), picks.end());
      const auto rows = torch::tensor(std::vector<int64_t>{4, 0, 5, 2});
      const auto batch = data.batch(rows, picks);
      QCOMPARE(batch.scalar_type(), torch::kFloat32);
      QCOMPARE(batch.sizes().vec(), (std::vector<int64_t>{4, 2, 1, 1}));
      for (int64_t r = 0; r < rows.numel(); ++r) {
        const auto image = rows[r].item<int64_t>();
        QCOMPARE(batch[r].mean().item<float>(), value(image, int(picks[size_t(image)])));
      }
      QCOMPARE(data.batch(rows)[1].mean().item<float>(), value(0, 0));  // no picks: centre crops
    }
    QCOMPARE(seen.size(), size_t(views + 1));  // every rendering is drawn
  }

  // Reading batches back keeps no map in memory: resident memory grows by a batch or so, not by
  // the maps read (the cache's files stay in the page cache, which is not the process's).
  void readingMapsKeepsResidentMemoryFlat() {
    QTemporaryDir dir;
    const int count = 400;
    const auto images = identities(dir, count);
    const features::MapShape shape{512, 14, 14};  // 200 KB each in bfloat16: 80 MB in all
    const auto root = dir.filePath("cache").toStdString();
    {
      features::MapCache cache(root, "model", shape, int64_t(1) << 30);
      torch::manual_seed(2);
      for (const auto& image : images) cache.store(image, {}, torch::randn({512, 14, 14}));
    }
    const int64_t total = int64_t(count) * 512 * 14 * 14 * 2;
    const bool peakMeasured = resetPeakMemory();
    const auto before = residentMemory();
    features::MapCache cache(root, "model", shape, int64_t(1) << 30);
    training::LabelledMaps data{{}, torch::zeros({count}, torch::kInt64), {}, {}};
    for (const auto& image : images) data.maps.push_back(*cache.load(image, {}));
    double sum = 0;
    for (int64_t start = 0; start < count; start += 16)
      sum += data.batch(torch::arange(start, std::min<int64_t>(count, start + 16)))
                 .sum()
                 .item<double>();
    QVERIFY(std::isfinite(sum));
    const auto after = residentMemory();
    const int64_t grown = after.first - before.first;
    qInfo("%d maps, %.1f MiB: resident memory grew %.1f MiB, peak %.1f MiB above the start", count,
          double(total) / (1 << 20), double(grown) / (1 << 20),
          double(after.second - before.first) / (1 << 20));
    QVERIFY2(grown < total / 8, std::to_string(grown).c_str());
    if (peakMeasured)
      QVERIFY2(after.second - before.first < total / 8, std::to_string(after.second).c_str());
  }

  void trainingRefusesARunThatWillNotFit() {
    auto o = options();
    QTemporaryDir cache;
    o.cacheRoot = cache.path().toStdString();
    o.cacheBudgetBytes = 1 << 20;  // 1 MiB: 61 maps of 25 KB need 1.5 MiB
    try {
      train(m_dataset, o);
      QFAIL("training started though its maps do not fit");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("will not fit") != std::string::npos, e.what());
    }
  }

  // The command line: a size with its unit, and the refusal as the user sees it.
  void cliRefusesARunThatWillNotFit() {
    QTemporaryDir dir;
    const auto run = [&](const QString& budget) {
      QProcess p;
      p.start(qEnvironmentVariable("HEADSTART_CLI"),
              {"train", "--data", testsupport::fixtureDir() + "/dataset", "--arch", "resnet18",
               "--weights", QString::fromStdString(options().weightsPath), "--train-last-stage",
               "--cache-dir", dir.filePath("cache"), "--cache-budget", budget, "--out",
               dir.filePath("out.pt")});
      p.waitForFinished(120000);
      return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
    };
    const auto [code, message] = run("1M");
    QVERIFY(code != 0);
    QVERIFY2(message.contains("will not fit") && message.contains("the budget is 1.0 MiB"),
             qPrintable(message));
    const auto [badCode, badMessage] = run("lots");
    QVERIFY(badCode != 0);
    QVERIFY2(badMessage.contains("invalid --cache-budget 'lots'"), qPrintable(badMessage));
    QVERIFY(!QFile::exists(dir.filePath("out.pt")));
  }

  // --augment N: the maps of views 1..N of the training images are extracted with the centre
  // crops (all counted in the progress and the report), read back on the next run, and drawn by
  // the epochs. The budget counts them before any work.
  void viewsAreExtractedOnceAndTrainedOn() {
    QTemporaryDir cache;
    auto o = options();
    o.cacheRoot = cache.path().toStdString();
    o.augment.views = 2;
    std::vector<ExtractionProgress> progress;
    std::vector<double> losses;
    TrainingCallbacks callbacks;
    callbacks.extraction = [&](const ExtractionProgress& p) { progress.push_back(p); };
    callbacks.batch = [&](const BatchProgress& b) { losses.push_back(b.loss); };
    const auto first = train(m_dataset, o, callbacks);
    const size_t trainImages = m_dataset.train.size(), testImages = m_dataset.test.size();
    const size_t all = trainImages * 3 + testImages;
    QCOMPARE(first.unreadable.size(), size_t(0));
    QCOMPARE(first.extracted, all);
    QCOMPARE(first.fromCache, size_t(0));
    QCOMPARE(first.mapCache.entries, all);
    QCOMPARE(progress.back().total, all);
    QCOMPARE(progress.back().done, all);
    size_t files = 0;
    for (const auto& e :
         fs::recursive_directory_iterator(features::MapCache::mapsRoot(o.cacheRoot)))
      files += e.is_regular_file() ? 1 : 0;
    QCOMPARE(files, all);

    std::vector<double> again;
    TrainingCallbacks second;
    second.batch = [&](const BatchProgress& b) { again.push_back(b.loss); };
    const auto warm = train(m_dataset, o, second);
    QCOMPARE(warm.extracted, size_t(0));
    QCOMPARE(warm.fromCache, all);
    QCOMPARE(again, losses);

    // Without views the same seed trains on centre crops only: other losses, from the first
    // warm-up batch on (its features are drawn from the views too).
    auto plain = o;
    plain.augment.views = 0;
    std::vector<double> centreOnly;
    TrainingCallbacks third;
    third.batch = [&](const BatchProgress& b) { centreOnly.push_back(b.loss); };
    const auto withoutViews = train(m_dataset, plain, third);
    QCOMPARE(withoutViews.extracted, size_t(0));
    QCOMPARE(centreOnly.size(), losses.size());
    QVERIFY(centreOnly.front() != losses.front());
    QVERIFY(centreOnly.back() != losses.back());

    // A budget that holds the centre crops' maps but not the views' refuses the run up front.
    QTemporaryDir small;
    o.cacheRoot = small.path().toStdString();
    o.cacheBudgetBytes = 2 << 20;  // 2 MiB: 61 maps of 25 KB fit, 61 + 2 x 42 do not
    try {
      train(m_dataset, o);
      QFAIL("training started though its views' maps do not fit");
    } catch (const Error& e) {
      const std::string what = e.what();
      QVERIFY2(what.find(std::to_string(all) + " maps") != std::string::npos, e.what());
    }
  }

  void cancelStopsWithinABatch() {
    std::atomic_bool cancel{false};
    int batchesAfterCancel = 0;
    TrainingCallbacks callbacks;
    callbacks.batch = [&](const BatchProgress& b) {
      if (cancel) ++batchesAfterCancel;
      if (b.epoch == 2 && b.step == 2) cancel = true;  // in the first stage epoch
    };
    QVERIFY_THROWS_EXCEPTION(OperationCancelled, train(m_dataset, options(), callbacks, &cancel));
    QCOMPARE(batchesAfterCancel, 0);
  }

  // Trains, exports, and checks that Python's torchvision, HeadStart's predict and evaluate all
  // see the fine-tuned network that the run measured.
  void fineTunedExportPredictsAsTrained() {
    std::vector<double> losses;
    TrainingCallbacks callbacks;
    callbacks.batch = [&](const BatchProgress& b) { losses.push_back(b.loss); };
    const auto r = train(m_dataset, options(), callbacks);
    QCOMPARE(r.history.size(), size_t(3));  // one warm-up epoch, two stage epochs
    QVERIFY(r.stage);
    QVERIFY2(r.test.accuracy > 0.9, std::to_string(r.test.accuracy).c_str());
    QCOMPARE(r.extracted + r.fromCache, size_t(61));
    QCOMPARE(r.mapCache.entries, size_t(61) - r.unreadable.size());
    const auto original = io::readStateDict(options().weightsPath);
    bool changed = false;
    for (const auto& t : r.stage->tensors) {
      for (const auto& [name, tensor] : original)
        if (name == t.name)
          changed |= !torch::allclose(tensor, torch::tensor(t.values).view(t.shape));
    }
    QVERIFY2(changed, "layer4 did not train");

    // A second run reads every map back from the cache, and trains the same.
    std::vector<double> again;
    TrainingCallbacks second;
    second.batch = [&](const BatchProgress& b) { again.push_back(b.loss); };
    const auto warm = train(m_dataset, options(), second);
    QCOMPARE(warm.extracted, size_t(0));
    QCOMPARE(again, losses);

    QTemporaryDir dir;
    const auto paths = exportTrained(dir.filePath("fine.pt").toStdString(), r, /*withModel=*/false);
    QVERIFY(fs::exists(paths.model));  // the fine-tuned layer4 lives there
    std::ifstream in(paths.manifest);
    const auto manifest = nlohmann::json::parse(in);
    QVERIFY(manifest["trained"] == nlohmann::json({"layer4", "fc"}));
    QVERIFY(manifest["hyperparameters"]["optimizer"] == "AdamW");

    std::vector<std::string> images;
    QStringList args{QString::fromStdString(paths.model)};
    for (const auto& item : m_dataset.test) {
      images.push_back(item.path);
      args << QString::fromStdString(item.path);
    }
    const QString output = testsupport::runPython(
        "import sys, json, torch, torchvision\n"
        "from PIL import Image\n"
        "from torchvision.transforms._presets import ImageClassification\n"
        "model = torchvision.models.resnet18(num_classes=3)\n"
        "model.load_state_dict(torch.load(sys.argv[1])); model.eval()\n"
        "t = ImageClassification(crop_size=112, resize_size=128)\n"
        "out = {}\n"
        "for path in sys.argv[2:]:\n"
        "    try: x = t(Image.open(path).convert('RGB'))\n"
        "    except Exception: continue\n"
        "    with torch.no_grad(): out[path] = model(x.unsqueeze(0)).softmax(1)[0].tolist()\n"
        "print(json.dumps(out))\n",
        args);
    const auto python = nlohmann::json::parse(output.toStdString())
                            .get<std::map<std::string, std::vector<float>>>();

    ClassifierOptions c;
    c.arch = Arch::ResNet18;
    c.weightsPath = options().weightsPath;
    c.preset = smallPreset();
    c.headPath = paths.manifest;
    const auto predictions = Classifier(c).predict(images, 3);
    std::map<std::string, int> trained;  // what the run itself predicted for each test image
    for (const auto* list : {&r.test.correct, &r.test.mistakes})
      for (const auto& m : *list) trained[m.path] = m.predictedClass;
    size_t compared = 0;
    for (const auto& p : predictions) {
      if (!p.ok()) continue;
      QVERIFY2(python.count(p.image), p.image.c_str());
      for (const auto& s : p.top)
        QVERIFY(std::abs(s.probability - python.at(p.image)[size_t(s.index)]) < 1e-4f);
      QCOMPARE(p.top.front().index, trained.at(p.image));
      ++compared;
    }
    QCOMPARE(compared, r.test.count);

    const auto saved = loadHead(paths.head);
    QCOMPARE(saved.head.fineTunedModel, paths.model);
    const auto evaluation = evaluate(m_dataset, saved.head, options());
    QCOMPARE(evaluation.confusion, r.test.confusion);
    const auto reloaded = loadTrainResult(paths.head);
    QVERIFY(reloaded.stage);
    QCOMPARE(reloaded.stage->tensors.size(), r.stage->tensors.size());
    QVERIFY(reloaded.options.trainLastStage);

    // A run whose trained layer4 is gone (a window restarted) cannot export a head that needs it.
    auto lost = r;
    lost.stage.reset();
    QVERIFY_THROWS_EXCEPTION(Error, exportTrained(dir.filePath("lost.pt").toStdString(), lost));
    QVERIFY(!QFile::exists(dir.filePath("lost.json")));

    // A model file that is not the one the manifest recorded is refused, not silently used.
    const auto bytes = contentOfFile(paths.model);
    std::ofstream(paths.model, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    QVERIFY_THROWS_EXCEPTION(Error, loadHead(paths.head));
  }
};

QTEST_GUILESS_MAIN(TestStage)
#include "test_stage.moc"
