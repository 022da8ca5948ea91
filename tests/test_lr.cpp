// Learning-rate schedules, label smoothing, class weights and the learning-rate finder, each
// against PyTorch (or a Python re-implementation) on the same data, order and seed.

#include <torch/torch.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "headstart/export.h"
#include "headstart/lr_finder.h"
#include "headstart/training.h"
#include "io/checkpoint.h"
#include "planted_dataset.h"
#include "support.h"
#include "train/head_trainer.h"
#include "train/lr_range_test.h"
#include "train/schedule.h"

using namespace headstart;
using nlohmann::json;

Q_DECLARE_METATYPE(headstart::LrSchedule)

namespace {

constexpr double kScheduleBase = 0.01;

// The rate of every step as PyTorch's schedulers give it, for the definitions schedule.h
// documents: LinearLR for the warm-up, then CosineAnnealingLR (or nothing), or OneCycleLR.
const char* const kPythonRates =
    "import torch\n"
    "def rates(kind, W, total, base):\n"
    "    def run(opt, sched, n):\n"
    "        out = []\n"
    "        for _ in range(n):\n"
    "            out.append(opt.param_groups[0]['lr']); opt.step()\n"
    "            if sched: sched.step()\n"
    "        return out\n"
    "    def sgd(): return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=base)\n"
    "    S = torch.optim.lr_scheduler\n"
    "    if kind == 'onecycle':\n"
    "        o = sgd()\n"
    "        return run(o, S.OneCycleLR(o, max_lr=base, total_steps=total, pct_start=W / total,\n"
    "                   anneal_strategy='cos', div_factor=25, final_div_factor=1e4,\n"
    "                   three_phase=False, cycle_momentum=False), total)\n"
    "    out = []\n"
    "    if W > 0:\n"
    "        o = sgd()\n"
    "        out += run(o, S.LinearLR(o, start_factor=1 / W, end_factor=1, total_iters=W - 1), W)\n"
    "    o = sgd()\n"
    "    main = S.CosineAnnealingLR(o, T_max=total - W) if kind == 'cosine' else None\n"
    "    return out + run(o, main, total - W)\n";

// PyTorch's rates for each of `cases` ([kind, warm-up steps, total steps, base rate]), in one
// interpreter: starting one costs seconds.
std::vector<std::vector<double>> pythonRates(const json& cases) {
  const auto output = testsupport::runPython(
      QString(kPythonRates) +
          "import sys, json\n"
          "print(json.dumps([rates(*case) for case in json.loads(sys.argv[1])]))\n",
      {QString::fromStdString(cases.dump())});
  if (output.isEmpty()) return {};
  return json::parse(output.toStdString()).get<std::vector<std::vector<double>>>();
}

// The same settings for every case of trainingLossesMatchPyTorch: 37 samples in batches of 8
// (5 steps an epoch, the last one of 5 samples), 3 epochs.
TrainOptions lossCaseOptions(LrSchedule kind, double warmupEpochs, double smoothing, bool balance) {
  TrainOptions o;
  o.epochs = 3;
  o.batchSize = 8;
  o.learningRate = 0.05;
  o.weightDecay = 0.001;
  o.seed = 7;
  o.schedule = kind;
  o.warmupEpochs = warmupEpochs;
  o.labelSmoothing = smoothing;
  o.balance = balance;
  return o;
}

// Random features of an imbalanced four-class problem: 20, 9, 5 and 3 samples.
training::LabelledFeatures imbalancedFeatures() {
  torch::manual_seed(3);
  const auto y =
      torch::cat({torch::full({20}, 0, torch::kInt64), torch::full({9}, 1, torch::kInt64),
                  torch::full({5}, 2, torch::kInt64), torch::full({3}, 3, torch::kInt64)});
  training::LabelledFeatures data{
      torch::randn({37, 16}), y.index_select(0, torch::randperm(37)), {}};
  data.paths.assign(37, "x");
  return data;
}

// The features, the starting head and `epochs` epoch orders, saved for Python.
QString saveForPython(const QTemporaryDir& dir, const training::LabelledFeatures& data,
                      const training::LinearHead& start, uint64_t seed, int epochs) {
  std::mt19937_64 random(seed);
  std::vector<torch::Tensor> orders;
  for (int e = 0; e < epochs; ++e)
    orders.push_back(torch::tensor(training::epochOrder(data.x.size(0), random)));
  const auto path = dir.filePath("ref.pt");
  io::writeStateDict(path.toStdString(), {{"x", data.x},
                                          {"y", data.y},
                                          {"w", start.weight},
                                          {"b", start.bias},
                                          {"order", torch::stack(orders)}});
  return path;
}

struct CliRun {
  int exitCode = -1;
  QString out, err;
};

CliRun runCli(const QStringList& args) {
  QProcess p;
  p.start(qEnvironmentVariable("HEADSTART_CLI"), args);
  if (!p.waitForFinished(300000)) return {};
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

// What the range test records for a loss curve `clean` (of log10 of the rate) with the batches'
// noise on top: the rates, the losses and their bias-corrected moving average, to the
// divergence stop, as lrRangeTest does.
LrFinderResult curveOf(const std::function<double(double)>& clean, double noise, uint64_t seed) {
  const LrFinderOptions finder;
  std::mt19937_64 random(seed);
  std::normal_distribution<double> batchNoise(0, noise);
  LrFinderResult r;
  double average = 0, best = INFINITY;
  for (int step = 0; step < finder.steps; ++step) {
    const double lr =
        finder.startLr * std::pow(finder.endLr / finder.startLr, step / double(finder.steps - 1));
    const double loss = clean(std::log10(lr)) + batchNoise(random);
    average = finder.smoothing * average + (1 - finder.smoothing) * loss;
    const double smoothed = average / (1 - std::pow(finder.smoothing, step + 1));
    r.points.push_back({lr, loss, smoothed});
    best = std::min(best, smoothed);
    if (step > 0 && smoothed > finder.stopFactor * best) break;
  }
  training::suggestLearningRate(r, finder);
  return r;
}

// A loss that blows up past a rate of 1, as Adam's steps overshoot.
double divergence(double log10Lr) { return log10Lr < 0 ? 0 : std::exp(3 * log10Lr) - 1; }

// ROOT/{train,test}/class_N/: `classes` classes of small pictures, each class a tint of grey
// (its colour `signal` grey levels away, in a direction of its own) over a texture drawn from
// the colour set's six regardless of the class, with pixel noise: the weaker the signal and the
// stronger the noise, the less a backbone's features tell the classes apart.
void writeTintedSet(const QString& root, int classes, int trainPer, int testPer, double signal,
                    double noise) {
  cv::RNG rng(20240907 + classes);
  std::vector<cv::Vec3d> tints;
  for (int c = 0; c < classes; ++c) {
    cv::Vec3d d(rng.gaussian(1), rng.gaussian(1), rng.gaussian(1));
    tints.push_back(d * (signal / cv::norm(d)));
  }
  for (const char* split : {"train", "test"}) {
    const int count = QString(split) == "train" ? trainPer : testPer;
    for (int c = 0; c < classes; ++c) {
      const QString folder = QStringLiteral("%1/%2/class_%3").arg(root, split).arg(c);
      QDir().mkpath(folder);
      for (int i = 0; i < count; ++i) {
        cv::Mat texture;
        cv::resize(planted::classImage(rng.uniform(0, planted::kClasses), rng), texture, {64, 64});
        cv::Mat image(64, 64, CV_8UC3);
        for (int y = 0; y < 64; ++y) {
          for (int x = 0; x < 64; ++x) {
            for (int ch = 0; ch < 3; ++ch) {
              const double grey = 0.5 * texture.at<cv::Vec3b>(y, x)[ch] + 64;
              image.at<cv::Vec3b>(y, x)[ch] =
                  cv::saturate_cast<uchar>(grey + tints[size_t(c)][ch] + rng.gaussian(noise));
            }
          }
        }
        cv::imwrite(QStringLiteral("%1/%2.png").arg(folder).arg(i).toStdString(), image);
      }
    }
  }
}

// ROOT/{train,test}/<colour>/: the doctor's six colour-and-texture classes, without its faults.
void writeColourSet(const QString& root, int trainPer, int testPer) {
  cv::RNG rng(7);
  for (const char* split : {"train", "test"}) {
    for (int c = 0; c < planted::kClasses; ++c) {
      const QString folder = QStringLiteral("%1/%2/%3").arg(root, split, planted::kClassNames[c]);
      QDir().mkpath(folder);
      const int count = QString(split) == "train" ? trainPer : testPer;
      for (int i = 0; i < count; ++i) {
        cv::Mat small;
        cv::resize(planted::classImage(c, rng), small, {64, 64}, 0, 0, cv::INTER_AREA);
        cv::imwrite(QStringLiteral("%1/%2.png").arg(folder).arg(i).toStdString(), small);
      }
    }
  }
}

}  // namespace

class TestLr : public QObject {
  Q_OBJECT
  QTemporaryDir m_cache;
  QTemporaryDir m_sets;  // the generated datasets
  DatasetReport m_dataset;

  TrainOptions fixtureOptions() const {
    TrainOptions o;
    o.arch = Arch::ResNet18;
    o.weightsPath = testsupport::fixture("backbone18.pth");
    o.preset = imagenetV1Preset();
    o.batchSize = 8;
    o.seed = 11;
    o.warmStart = false;
    o.cacheRoot = m_cache.path().toStdString();
    return o;
  }

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    m_dataset = scanDataset(testsupport::fixture("dataset"));
    QVERIFY(m_dataset.ok());
    writeColourSet(m_sets.filePath("colours"), 16, 10);
    writeTintedSet(m_sets.filePath("tints"), 6, 20, 10, 24, 20);
    writeTintedSet(m_sets.filePath("weak"), 10, 30, 12, 8, 45);  // 10 classes, barely apart
  }

  // A curve that leaves its level at 1e-4, falls until 0.1, stays low and blows up past 1, with
  // the noise of small batches: the suggestion lies in its descent, past the moving average's
  // unsettled start, whatever the noise draws.
  void suggestionLiesInTheValley() {
    const auto clean = [](double x) {
      const double fall = std::clamp((x + 4) / 3, 0.0, 1.0);  // 0 at 1e-4, 1 at 1e-1
      return 0.4 + 1.9 * (1 + std::cos(M_PI * fall)) / 2 + divergence(x);
    };
    for (uint64_t seed = 1; seed <= 8; ++seed) {
      const auto r = curveOf(clean, 0.3, seed);
      QVERIFY2(r.suggestion, std::to_string(seed).c_str());
      QVERIFY2(*r.suggestion > 1e-4 && *r.suggestion < 0.2,
               (std::to_string(seed) + ": " + std::to_string(*r.suggestion)).c_str());
      QVERIFY(r.valleyStartLr <= *r.suggestion && *r.suggestion <= r.valleyEndLr);
    }
  }

  // Nearly flat: a noisy level that barely moves before the divergence. No rate is suggested
  // (the search keeps the current one); a first stretch of noise is no valley either.
  void flatNoisyCurveSuggestsNothing() {
    for (uint64_t seed = 1; seed <= 8; ++seed) {
      const auto flat = curveOf([](double x) { return 2.3 + divergence(x); }, 0.3, seed);
      QVERIFY2(!flat.suggestion,
               (std::to_string(seed) + ": " + std::to_string(flat.suggestion.value_or(0))).c_str());
      const auto slight = curveOf(
          [](double x) { return 2.3 - 0.05 * std::clamp(x + 4, 0.0, 3.0) / 3 + divergence(x); },
          0.3, seed);
      QVERIFY2(!slight.suggestion, std::to_string(seed).c_str());
      QVERIFY(flat.minimumLr > 0);
    }
  }

  // On generated sets from easy to weak and noisy: five epochs at the suggested rate (or, with
  // none, at the rate kept) train no worse than five at the default rate.
  void suggestionTrainsAsWellAsTheDefault_data() {
    QTest::addColumn<QString>("root");
    QTest::addColumn<bool>("clear");  // a descent clear enough that a rate must be suggested
    QTest::newRow("stripes, dots, plain") << testsupport::fixtureDir() + "/dataset" << true;
    QTest::newRow("colour and texture") << m_sets.filePath("colours") << true;
    QTest::newRow("tints, weak") << m_sets.filePath("tints") << false;
    QTest::newRow("weak, noisy, 10 classes") << m_sets.filePath("weak") << false;
  }

  void suggestionTrainsAsWellAsTheDefault() {
    QFETCH(QString, root);
    QFETCH(bool, clear);
    const auto dataset = scanDataset(root.toStdString());
    QVERIFY(dataset.ok());
    auto o = fixtureOptions();
    o.batchSize = 32;
    const auto search = findLearningRate(dataset, o);
    if (clear) QVERIFY(search.suggestion);
    const double rate = search.suggestion.value_or(o.learningRate);
    const double atDefault = train(dataset, o).test.accuracy;
    o.learningRate = rate;
    const double atSuggestion = train(dataset, o).test.accuracy;
    const auto report = QStringLiteral("rate %1 (drop %2, noise %3): accuracy %4; at 1e-3: %5")
                            .arg(rate)
                            .arg(search.drop)
                            .arg(search.noise)
                            .arg(atSuggestion)
                            .arg(atDefault);
    qInfo().noquote() << report;
    QVERIFY2(atSuggestion >= atDefault - 0.05, qPrintable(report));
  }

  void schedulesMatchPyTorch_data() {
    QTest::addColumn<LrSchedule>("kind");
    QTest::addColumn<int>("warmup");
    QTest::addColumn<int>("total");
    QTest::addColumn<QVector<double>>("theirs");
    const struct {
      const char* name;
      LrSchedule kind;
      int warmup, total;
    } cases[] = {{"constant, warm-up", LrSchedule::Constant, 7, 40},
                 {"constant, one warm-up step", LrSchedule::Constant, 1, 10},
                 {"cosine", LrSchedule::Cosine, 0, 37},
                 {"cosine, warm-up", LrSchedule::Cosine, 6, 40},
                 {"onecycle", LrSchedule::OneCycle, 12, 40},
                 {"onecycle, short rise", LrSchedule::OneCycle, 2, 9}};
    json arguments = json::array();
    for (const auto& c : cases)
      arguments.push_back({scheduleName(c.kind), c.warmup, c.total, kScheduleBase});
    const auto theirs = pythonRates(arguments);
    QCOMPARE(theirs.size(), std::size(cases));
    for (size_t i = 0; i < theirs.size(); ++i) {
      QTest::newRow(cases[i].name) << cases[i].kind << cases[i].warmup << cases[i].total
                                   << QVector<double>(theirs[i].begin(), theirs[i].end());
    }
  }

  void schedulesMatchPyTorch() {
    QFETCH(LrSchedule, kind);
    QFETCH(int, warmup);
    QFETCH(int, total);
    QFETCH(QVector<double>, theirs);
    QCOMPARE(theirs.size(), total);
    const training::Schedule schedule{kind, warmup};
    for (int step = 0; step < total; ++step) {
      const double ours = training::learningRateAt(schedule, step, total, kScheduleBase);
      QVERIFY2(std::abs(ours - theirs[step]) <= 1e-12 * kScheduleBase,
               qPrintable(QString("step %1: %2 vs %3")
                              .arg(step)
                              .arg(ours, 0, 'g', 17)
                              .arg(theirs[step], 0, 'g', 17)));
    }
  }

  void warmupIsRoundedToSteps() {
    TrainOptions o;
    o.epochs = 4;
    o.warmupEpochs = 0.5;
    QCOMPARE(training::scheduleFor(o, 9).warmupSteps, int64_t(5));  // 4.5 steps, rounded up
    o.warmupEpochs = 10;
    QCOMPARE(training::scheduleFor(o, 9).warmupSteps, int64_t(36));  // at most the whole run
    o.warmupEpochs = 0;
    o.schedule = LrSchedule::OneCycle;
    QCOMPARE(training::scheduleFor(o, 10).warmupSteps, int64_t(12));  // PyTorch's 30%
  }

  // Same features, head and batch order: PyTorch's Adam with nn.CrossEntropyLoss(weight,
  // label_smoothing) at its schedulers' rates must see the same losses.
  void trainingLossesMatchPyTorch_data() {
    QTest::addColumn<LrSchedule>("kind");
    QTest::addColumn<double>("warmupEpochs");
    QTest::addColumn<double>("smoothing");
    QTest::addColumn<bool>("balance");
    QTest::addColumn<QVector<double>>("theirLosses");
    QTest::addColumn<QVector<double>>("theirRates");
    const struct {
      const char* name;
      LrSchedule kind;
      double warmupEpochs, smoothing;
      bool balance;
    } cases[] = {{"constant, label smoothing", LrSchedule::Constant, 0.0, 0.1, false},
                 {"constant, class weights", LrSchedule::Constant, 0.0, 0.0, true},
                 {"cosine, warm-up, both", LrSchedule::Cosine, 0.6, 0.2, true},
                 {"onecycle, class weights", LrSchedule::OneCycle, 1.0, 0.0, true}};
    const auto o = lossCaseOptions(LrSchedule::Constant, 0, 0, false);
    QTemporaryDir dir;
    const auto saved =
        saveForPython(dir, imbalancedFeatures(), training::initialHead(4, 16, 5), o.seed, o.epochs);
    json configs = json::array();
    for (const auto& c : cases) {
      // 5 steps an epoch; OneCycle rises over the warm-up, the others warm up only when asked.
      configs.push_back({{"kind", scheduleName(c.kind)},
                         {"warmup", std::lround(c.warmupEpochs * 5)},
                         {"total", 15},
                         {"lr", o.learningRate},
                         {"smoothing", c.smoothing},
                         {"balance", c.balance}});
    }
    const auto output = testsupport::runPython(
        QString(kPythonRates) +
            "import sys, json\n"
            "d = torch.load(sys.argv[1])\n"
            "def train(c):\n"
            "    lrs = rates(c['kind'], c['warmup'], c['total'], c['lr'])\n"
            "    w = d['w'].clone().requires_grad_(); b = d['b'].clone().requires_grad_()\n"
            "    opt = torch.optim.Adam([w, b], lr=c['lr'], weight_decay=0.001)\n"
            "    weight = None\n"
            "    if c['balance']:\n"
            "        counts = torch.bincount(d['y'], minlength=4).double()\n"
            "        weight = (len(d['y']) / (4 * counts)).float()\n"
            "    loss_of = torch.nn.CrossEntropyLoss(weight=weight, "
            "label_smoothing=c['smoothing'])\n"
            "    losses = []\n"
            "    for order in d['order']:\n"
            "        for i in range(0, len(order), 8):\n"
            "            opt.param_groups[0]['lr'] = lrs[len(losses)]\n"
            "            rows = order[i:i + 8]\n"
            "            loss = loss_of(d['x'][rows] @ w.T + b, d['y'][rows])\n"
            "            opt.zero_grad(); loss.backward(); opt.step(); losses.append(loss.item())\n"
            "    return {'losses': losses, 'lrs': lrs}\n"
            "print(json.dumps([train(c) for c in json.loads(sys.argv[2])]))\n",
        {saved, QString::fromStdString(configs.dump())});
    QVERIFY(!output.isEmpty());
    const auto theirs = json::parse(output.toStdString());
    QCOMPARE(theirs.size(), std::size(cases));
    for (size_t i = 0; i < theirs.size(); ++i) {
      const auto losses = theirs[i]["losses"].get<std::vector<double>>();
      const auto lrs = theirs[i]["lrs"].get<std::vector<double>>();
      QTest::newRow(cases[i].name)
          << cases[i].kind << cases[i].warmupEpochs << cases[i].smoothing << cases[i].balance
          << QVector<double>(losses.begin(), losses.end())
          << QVector<double>(lrs.begin(), lrs.end());
    }
  }

  void trainingLossesMatchPyTorch() {
    QFETCH(LrSchedule, kind);
    QFETCH(double, warmupEpochs);
    QFETCH(double, smoothing);
    QFETCH(bool, balance);
    QFETCH(QVector<double>, theirLosses);
    QFETCH(QVector<double>, theirRates);
    std::vector<double> losses, rates;
    TrainingCallbacks callbacks;
    callbacks.batch = [&](const BatchProgress& b) {
      losses.push_back(b.loss);
      rates.push_back(b.learningRate);
    };
    training::trainHead(training::initialHead(4, 16, 5), imbalancedFeatures(), nullptr,
                        lossCaseOptions(kind, warmupEpochs, smoothing, balance), callbacks,
                        nullptr);
    QCOMPARE(losses.size(), size_t(15));
    QCOMPARE(theirLosses.size(), 15);
    for (int i = 0; i < 15; ++i) {
      QVERIFY2(std::abs(rates[size_t(i)] - theirRates[i]) <= 1e-12, std::to_string(i).c_str());
      QVERIFY2(std::abs(losses[size_t(i)] - theirLosses[i]) < 1e-5,
               (std::to_string(i) + ": " + std::to_string(losses[size_t(i)]) + " vs " +
                std::to_string(theirLosses[i]))
                   .c_str());
    }
  }

  // The constant default sets the very rate the options give, every step.
  void constantScheduleKeepsTheRate() {
    TrainOptions o;
    o.epochs = 2;
    o.learningRate = 0.0123;
    std::vector<double> rates;
    TrainingCallbacks callbacks;
    callbacks.batch = [&](const BatchProgress& b) { rates.push_back(b.learningRate); };
    training::trainHead(training::initialHead(4, 16, 5), imbalancedFeatures(), nullptr, o,
                        callbacks, nullptr);
    QCOMPARE(rates, std::vector<double>(4, 0.0123));  // 37 samples in batches of 32, 2 epochs
  }

  // A Python re-implementation of the range test on the same features, head and batch order: the
  // same points (the suggestion drawn from them is tested on curves of its own above).
  void lrFinderMatchesPython() {
    const auto data = imbalancedFeatures();
    TrainOptions o;
    o.batchSize = 8;
    o.weightDecay = 0.001;
    o.seed = 9;
    o.labelSmoothing = 0.05;
    const LrFinderOptions finder;  // 1e-7 to 10 in 100 steps
    const auto start = training::initialHead(4, 16, 5);
    const auto ours = training::lrRangeTest(start, data, o, finder, {}, nullptr);
    QVERIFY(ours.points.size() >= 20);

    QTemporaryDir dir;
    const auto saved = saveForPython(dir, data, start, o.seed, 21);  // 5 batches an epoch
    const auto output = testsupport::runPython(
        "import sys, json, math, torch\n"
        "d = torch.load(sys.argv[1])\n"
        "start, end, steps, beta, stop = 1e-7, 10.0, 100, 0.98, 4.0\n"
        "w = d['w'].clone().requires_grad_(); b = d['b'].clone().requires_grad_()\n"
        "opt = torch.optim.Adam([w, b], lr=start, weight_decay=0.001)\n"
        "batches = (order[i:i + 8] for order in d['order'] for i in range(0, len(order), 8))\n"
        "points, average, best = [], 0.0, math.inf\n"
        "for step in range(steps):\n"
        "    lr = start * (end / start) ** (step / (steps - 1))\n"
        "    opt.param_groups[0]['lr'] = lr\n"
        "    rows = next(batches)\n"
        "    loss = torch.nn.functional.cross_entropy(d['x'][rows] @ w.T + b, d['y'][rows],\n"
        "                                             label_smoothing=0.05)\n"
        "    opt.zero_grad(); loss.backward(); opt.step()\n"
        "    average = beta * average + (1 - beta) * loss.item()\n"
        "    smoothed = average / (1 - beta ** (step + 1))\n"
        "    points.append([lr, loss.item(), smoothed])\n"
        "    best = min(best, smoothed)\n"
        "    if not math.isfinite(smoothed) or (step > 0 and smoothed > stop * best): break\n"
        "print(json.dumps({'points': points}))\n",
        {saved});
    QVERIFY(!output.isEmpty());
    const auto theirs = json::parse(output.toStdString());
    const auto points = theirs["points"].get<std::vector<std::vector<double>>>();
    QCOMPARE(ours.points.size(), points.size());
    for (size_t i = 0; i < points.size(); ++i) {
      const auto& p = ours.points[i];
      QVERIFY(std::abs(p.learningRate - points[i][0]) <= 1e-12 * points[i][0]);
      QVERIFY2(std::abs(p.loss - points[i][1]) < 1e-5, std::to_string(i).c_str());
      QVERIFY2(std::abs(p.smoothedLoss - points[i][2]) < 1e-5, std::to_string(i).c_str());
    }
  }

  // On the fixture dataset: a curve that falls then rises, from the cache the second time, and
  // a suggestion that trains a head that separates the classes.
  void findsARateThatTrainsOnTheDataset() {
    auto o = fixtureOptions();
    const auto first = findLearningRate(m_dataset, o);
    QVERIFY(first.points.size() >= 10);
    // Linearly separable classes: the loss may fall to the very end, but not fastest there.
    QVERIFY(first.suggestion);
    QVERIFY2(*first.suggestion > 1e-6 && *first.suggestion < 1,
             std::to_string(*first.suggestion).c_str());
    QVERIFY(first.points.front().smoothedLoss > 0);
    double lowest = INFINITY;
    for (const auto& p : first.points) lowest = std::min(lowest, p.smoothedLoss);
    QVERIFY(lowest < 0.7 * first.points.front().smoothedLoss);

    const auto again = findLearningRate(m_dataset, o);
    QCOMPARE(again.extracted, size_t(0));
    QCOMPARE(again.fromCache, m_dataset.train.size());
    QCOMPARE(again.points.size(), first.points.size());
    QCOMPARE(again.suggestion, first.suggestion);

    o.learningRate = *first.suggestion;
    const auto trained = train(m_dataset, o);
    QVERIFY2(trained.test.accuracy > 0.9, std::to_string(trained.test.accuracy).c_str());
  }

  void manifestRecordsScheduleAndLoss() {
    auto o = fixtureOptions();
    o.epochs = 2;
    o.schedule = LrSchedule::Cosine;
    o.warmupEpochs = 0.5;
    o.labelSmoothing = 0.1;
    o.balance = true;
    const auto r = train(m_dataset, o);
    QCOMPARE(r.options.schedule, LrSchedule::Cosine);
    QTemporaryDir dir;
    const auto paths = exportTrained(dir.filePath("run.pt").toStdString(), r, false);
    std::ifstream in(paths.manifest);
    const auto h = json::parse(in)["hyperparameters"];
    QCOMPARE(h["schedule"].get<std::string>(), std::string("cosine"));
    QCOMPARE(h["warmup_epochs"].get<double>(), 0.5);
    QCOMPARE(h["label_smoothing"].get<double>(), 0.1);
    QCOMPARE(h["balance"].get<bool>(), true);
    const auto back = loadTrainResult(paths.head);
    QCOMPARE(back.options.schedule, LrSchedule::Cosine);
    QCOMPARE(back.options.warmupEpochs, 0.5);
    QCOMPARE(back.options.labelSmoothing, 0.1);
    QCOMPARE(back.options.balance, true);
  }

  void cliLrFind() {
    const QStringList common{"lr-find",
                             "--data",
                             QString::fromStdString(m_dataset.root),
                             "--weights",
                             QString::fromStdString(fixtureOptions().weightsPath),
                             "--cache-dir",
                             m_cache.path(),
                             "--batch-size",
                             "8",
                             "--seed",
                             "11",
                             "--no-warm-start"};
    const auto asJson = runCli(common + QStringList{"--json"});
    QCOMPARE(asJson.exitCode, 0);
    const auto line = json::parse(asJson.out.trimmed().toStdString());
    const auto engine = findLearningRate(m_dataset, fixtureOptions());
    QCOMPARE(line["event"].get<std::string>(), std::string("lr_find"));
    QVERIFY(engine.suggestion);
    QCOMPARE(line["suggestion"].get<double>(), *engine.suggestion);
    QCOMPARE(line["points"].size(), engine.points.size());
    QCOMPARE(line["points"][3]["smoothed_loss"].get<double>(), engine.points[3].smoothedLoss);

    const auto asText = runCli(common);
    QCOMPARE(asText.exitCode, 0);
    QVERIFY2(asText.out.contains(QString::number(*engine.suggestion, 'g', 3)),
             qPrintable(asText.out));
    QCOMPARE(asText.out.count("<- suggested"), 1);

    const auto wrong =
        runCli({"train", "--data", QString::fromStdString(m_dataset.root), "--weights",
                QString::fromStdString(fixtureOptions().weightsPath), "--schedule", "triangle"});
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.contains("--schedule 'triangle'"), qPrintable(wrong.err));
  }
};

QTEST_GUILESS_MAIN(TestLr)
#include "test_lr.moc"
