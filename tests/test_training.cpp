// Transfer learning end to end on a generated dataset, and against a Python reference.

#include <torch/torch.h>

#include <dlfcn.h>

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "headstart/classifier.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/training.h"
#include "io/checkpoint.h"
#include "single_threaded.h"
#include "support.h"
#include "train/head_trainer.h"
#include "util/hash.h"
#include "util/legacy_hash.h"

using namespace headstart;

namespace {

// What `sha256sum` prints for each of `paths`, in order (empty when the tool fails).
QStringList sha256sum(const QStringList& paths) {
  QProcess p;
  p.start("sha256sum", QStringList{"-b"} + paths);
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  QStringList digests;
  for (const auto& line :
       QString::fromLatin1(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts))
    digests << line.section(' ', 0, 0);
  return digests;
}

QByteArray contentOf(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A feature cache entry as HeadStart wrote it before XXH3 ("HSF1"): a 24-byte header (magic,
// dimension, 64-bit key, 64-bit checksum by the old hash) and the floats.
QByteArray formatOneEntry(const std::vector<float>& values) {
  const std::string_view floats(reinterpret_cast<const char*>(values.data()),
                                values.size() * sizeof(float));
  struct {
    char magic[4] = {'H', 'S', 'F', '1'};
    uint32_t dim;
    uint64_t key = 0;  // the old key of the image; the new reader stops before it matters
    uint64_t checksum;
  } header;
  static_assert(sizeof header == 24);
  header.dim = uint32_t(values.size());
  header.checksum = util::legacy::formatOneHash(floats);
  return QByteArray(reinterpret_cast<const char*>(&header), sizeof header) +
         QByteArray(floats.data(), qsizetype(floats.size()));
}

}  // namespace

class TestTraining : public QObject {
  Q_OBJECT
  QTemporaryDir m_cache;
  DatasetReport m_dataset;

  TrainOptions options() const {
    TrainOptions o;
    o.arch = Arch::ResNet18;
    o.weightsPath = testsupport::fixture("backbone18.pth");
    o.preset = imagenetV1Preset();
    o.batchSize = 8;
    o.seed = 11;
    o.cacheRoot = m_cache.path().toStdString();
    return o;
  }

  std::vector<double> batchLosses(const TrainOptions& o, TrainResult* out = nullptr) {
    std::vector<double> losses;
    TrainingCallbacks callbacks;
    callbacks.batch = [&](const BatchProgress& b) { losses.push_back(b.loss); };
    auto result = train(m_dataset, o, callbacks);
    if (out) *out = result;
    return losses;
  }

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    m_dataset = scanDataset(testsupport::fixture("dataset"));
    QVERIFY(m_dataset.ok());
  }

  void learnsSeparableClasses() {
    TrainResult r;
    std::vector<BatchProgress> batches;
    std::vector<ExtractionProgress> extraction;
    TrainingCallbacks callbacks;
    callbacks.batch = [&](const BatchProgress& b) { batches.push_back(b); };
    callbacks.extraction = [&](const ExtractionProgress& p) { extraction.push_back(p); };
    auto o = options();
    o.warmStart = false;
    r = train(m_dataset, o, callbacks);
    QCOMPARE(r.history.size(), size_t(5));
    QVERIFY2(r.history.back().trainLoss < 0.6 * r.history.front().trainLoss, "loss did not fall");
    QVERIFY2(r.test.accuracy > 0.9, std::to_string(r.test.accuracy).c_str());  // chance: 0.33
    QCOMPARE(r.test.count, size_t(19));
    QCOMPARE(extraction.back().done, extraction.back().total);
    // 42 training and 19 test images; the test images once more in 32-bit floats where the
    // features are fast (bfloat16): the accuracy reported is the export's.
    const bool measuredApart = choosePrecision(o.precision).used != Precision::Exact;
    QCOMPARE(extraction.back().total, size_t(measuredApart ? 80 : 61));
    QCOMPARE(batches.front().steps, 6);  // 42 images in batches of 8
    QCOMPARE(batches.back().lossMean, r.history.back().trainLoss);
    // Rows of the confusion matrix are the true classes and add up to their test counts.
    for (size_t c = 0; c < 3; ++c) {
      int64_t row = 0;
      for (auto v : r.test.confusion[c]) row += v;
      QCOMPARE(size_t(row), m_dataset.counts[c].test);
      QCOMPARE(r.test.perClass[c].support, m_dataset.counts[c].test);
    }
  }

  // Head training's small products run on one thread: libtorch's pool and OpenBLAS's (whose
  // threads yield in a loop between products and doubled the time of 30 warm epochs).
  void singleThreadedScopeHoldsBothPools() {
    void* blas = ::dlopen("libblas.so.3", RTLD_LAZY | RTLD_NOLOAD);
    const auto get =
        blas ? reinterpret_cast<int (*)()>(::dlsym(blas, "openblas_get_num_threads")) : nullptr;
    const auto set =
        blas ? reinterpret_cast<void (*)(int)>(::dlsym(blas, "openblas_set_num_threads")) : nullptr;
    if (!get || !set) QSKIP("libtorch's BLAS here is not OpenBLAS");
    torch::set_num_threads(2);
    set(2);
    {
      const SingleThreaded scope;
      QCOMPARE(torch::get_num_threads(), 1);
      QCOMPARE(get(), 1);
    }
    QCOMPARE(torch::get_num_threads(), 2);
    QCOMPARE(get(), 2);
  }

  void sameSeedSameLossesAndCacheReuse() {
    TrainResult first, second;
    const auto a = batchLosses(options(), &first);
    const auto b = batchLosses(options(), &second);
    QCOMPARE(a, b);
    QCOMPARE(second.extracted, size_t(0));  // everything came from the feature cache
    // 61 renderings, and the 19 test images again in exact precision when the run is not exact.
    const size_t apart = second.precision.used == Precision::Exact ? 0 : 19;
    QCOMPARE(second.fromCache, size_t(61) + apart);
    auto other = options();
    other.seed = 12;
    QVERIFY(batchLosses(other) != a);
  }

  void damagedCacheEntryIsRecomputed() {
    batchLosses(options());
    QDirIterator it(m_cache.path(), {"*.feat"}, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    const QString entry = it.next();
    QFile f(entry);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(100);
    f.write("garbage");
    f.close();
    TrainResult r;
    batchLosses(options(), &r);
    QCOMPARE(r.extracted, size_t(1));
  }

  // A cache an older HeadStart wrote is rebuilt, never read: every entry is replaced by one in
  // the old format, at the place the new one reads, with valid old checksums and features of
  // 100 (which, if read, would change every loss); the weights memo by an old one that claims
  // another hash for the same file.
  void cacheOfThePreviousVersionIsRebuilt() {
    TrainResult fresh;
    const auto losses = batchLosses(options(), &fresh);
    QDirIterator it(m_cache.path(), {"*.feat"}, QDir::Files, QDirIterator::Subdirectories);
    int replaced = 0;
    for (; it.hasNext(); ++replaced) {
      QFile f(it.next());
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      f.write(formatOneEntry(std::vector<float>(512, 100.0f)));
    }
    const int apart = fresh.precision.used == Precision::Exact ? 0 : 19;  // exact test features
    QCOMPARE(replaced, 61 + apart);
    const QString memoPath = m_cache.filePath("weights-hashes.json");
    auto memo = nlohmann::json::parse(contentOf(memoPath).toStdString());
    nlohmann::json old = nlohmann::json::object();
    for (const auto& [key, value] : memo["sha256"].items()) old[key] = "0123456789abcdef";
    QVERIFY(!old.empty());
    QFile memoFile(memoPath);
    QVERIFY(memoFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    memoFile.write(QByteArray::fromStdString(old.dump(1)));
    memoFile.close();

    TrainResult rebuilt;
    QCOMPARE(batchLosses(options(), &rebuilt), losses);
    QCOMPARE(rebuilt.extracted, size_t(61 + apart));
    QCOMPARE(rebuilt.fromCache, size_t(0));
    QCOMPARE(rebuilt.weightsSha256, fresh.weightsSha256);
    QCOMPARE(nlohmann::json::parse(contentOf(memoPath).toStdString())["version"].get<int>(), 2);
    TrainResult again;
    batchLosses(options(), &again);
    QCOMPARE(again.fromCache, size_t(61 + apart));
  }

  void warmStartFromImagenetNames() {
    TrainResult r;
    batchLosses(options(), &r);
    QCOMPARE(r.warmStartedClasses,
             (std::vector<std::string>{"n02085620-Chihuahua", "n02086240-Shih-Tzu"}));
    QVERIFY(r.zeroTrainingAccuracy.has_value());
  }

  void validationKeepsBestEpoch() {
    auto o = options();
    o.validationFraction = 0.25;
    o.epochs = 12;
    o.patience = 2;
    o.learningRate = 0.05;
    TrainResult r;
    batchLosses(o, &r);
    QVERIFY(r.history.size() <= 12);
    QVERIFY(r.bestEpoch >= 1 && r.bestEpoch <= int(r.history.size()));
    double best = 1e9;
    for (const auto& e : r.history) {
      QVERIFY(e.validationLoss && e.validationAccuracy);
      best = std::min(best, *e.validationLoss);
    }
    QCOMPARE(*r.history[size_t(r.bestEpoch - 1)].validationLoss, best);
    if (int(r.history.size()) < 12)
      QCOMPARE(int(r.history.size()), r.bestEpoch + 2);  // stopped early
  }

  void cancelStopsWithinABatch() {
    std::atomic_bool cancel{false};
    TrainingCallbacks callbacks;
    int batchesAfterCancel = 0;
    callbacks.batch = [&](const BatchProgress& b) {
      if (cancel) ++batchesAfterCancel;
      if (b.epoch == 2 && b.step == 1) cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(OperationCancelled, train(m_dataset, options(), callbacks, &cancel));
    QCOMPARE(batchesAfterCancel, 0);
    auto o = options();
    o.cacheRoot = "-";
    std::atomic_bool early{false};
    TrainingCallbacks stopExtraction;
    stopExtraction.extraction = [&](const ExtractionProgress& p) {
      if (p.done > 0) early = true;
    };
    QVERIFY_THROWS_EXCEPTION(OperationCancelled, train(m_dataset, o, stopExtraction, &early));
  }

  // Same features, same initial head, same batch order: Python's Adam must see the same losses.
  void adamMatchesPython() {
    torch::manual_seed(3);
    training::LabelledFeatures data{
        torch::randn({37, 16}), torch::randint(0, 4, {37}, torch::kInt64), {}};
    data.paths.assign(37, "x");
    auto o = options();
    o.epochs = 3;
    o.batchSize = 8;
    o.learningRate = 0.01;
    o.weightDecay = 0.001;
    const auto start = training::initialHead(4, 16, 5);
    std::vector<double> ours;
    TrainingCallbacks callbacks;
    callbacks.batch = [&](const BatchProgress& b) { ours.push_back(b.loss); };
    training::trainHead(start, data, nullptr, o, callbacks, nullptr);

    std::mt19937_64 random(o.seed);
    std::vector<torch::Tensor> orders;
    for (int e = 0; e < o.epochs; ++e)
      orders.push_back(torch::tensor(training::epochOrder(37, random)));
    QTemporaryDir dir;
    io::writeStateDict(dir.filePath("ref.pt").toStdString(), {{"x", data.x},
                                                              {"y", data.y},
                                                              {"w", start.weight},
                                                              {"b", start.bias},
                                                              {"order", torch::stack(orders)}});
    const QString output = testsupport::runPython(
        "import sys, json, torch\n"
        "d = torch.load(sys.argv[1])\n"
        "w = d['w'].clone().requires_grad_(); b = d['b'].clone().requires_grad_()\n"
        "opt = torch.optim.Adam([w, b], lr=0.01, weight_decay=0.001)\n"
        "losses = []\n"
        "for order in d['order']:\n"
        "    for i in range(0, len(order), 8):\n"
        "        rows = order[i:i + 8]\n"
        "        loss = torch.nn.functional.cross_entropy(d['x'][rows] @ w.T + b, d['y'][rows])\n"
        "        opt.zero_grad(); loss.backward(); opt.step(); losses.append(loss.item())\n"
        "print(json.dumps(losses))\n",
        {dir.filePath("ref.pt")});
    const auto theirs = nlohmann::json::parse(output.toStdString()).get<std::vector<double>>();
    QCOMPARE(theirs.size(), ours.size());
    for (size_t i = 0; i < ours.size(); ++i)
      QVERIFY2(std::abs(ours[i] - theirs[i]) < 1e-5, std::to_string(i).c_str());
  }

  void exportedFilesLoadInPythonAndBack() {
    TrainResult r;
    batchLosses(options(), &r);
    QTemporaryDir dir;
    const auto paths = exportTrained(dir.filePath("out/dogs.pt").toStdString(), r);
    QCOMPARE(QDir(dir.filePath("out")).entryList(QDir::Files),
             (QStringList{"dogs-model.pt", "dogs.json", "dogs.pt"}));  // and no temporary files
    const QString image = testsupport::fixtureDir() + "/dataset/test/stripes/stri_02.png";
    const QString output = testsupport::runPython(
        "import sys, json, torch, torchvision\n"
        "from PIL import Image\n"
        "from torchvision.models import ResNet18_Weights\n"
        "head = torch.nn.Linear(512, 3); head.load_state_dict(torch.load(sys.argv[1]))\n"
        "model = torchvision.models.resnet18(num_classes=3); "
        "model.load_state_dict(torch.load(sys.argv[2])); model.eval()\n"
        "x = ResNet18_Weights.IMAGENET1K_V1.transforms()(Image.open(sys.argv[3]).convert('RGB'))\n"
        "with torch.no_grad(): p = model(x.unsqueeze(0)).softmax(1)[0]\n"
        "print(json.dumps(p.tolist()))\n",
        {QString::fromStdString(paths.head), QString::fromStdString(paths.model), image});
    const auto python = nlohmann::json::parse(output.toStdString()).get<std::vector<float>>();

    ClassifierOptions c;
    c.arch = Arch::ResNet18;
    c.weightsPath = options().weightsPath;
    c.preset = imagenetV1Preset();
    c.headPath = paths.head;
    const auto ours = Classifier(c).predict({image.toStdString()}, 3)[0];
    QVERIFY(ours.ok());
    QCOMPARE(ours.top[0].label, std::string("stripes"));
    for (const auto& s : ours.top)
      QVERIFY(std::abs(s.probability - python[size_t(s.index)]) < 1e-4f);

    const auto saved = loadHead(paths.head);
    QCOMPARE(saved.head.classes, m_dataset.classes);
    QCOMPARE(saved.head.weight, r.head.weight);
    const auto again = evaluate(m_dataset, saved.head, options());
    QCOMPARE(again.accuracy, r.test.accuracy);
    QCOMPARE(again.confusion, r.test.confusion);

    std::ifstream in(paths.manifest);
    const auto manifest = nlohmann::json::parse(in);
    for (const char* key : {"classes", "arch", "weights", "preset", "hyperparameters", "seed",
                            "dataset", "metrics", "software"}) {
      QVERIFY2(manifest.contains(key), key);
    }
    QCOMPARE(manifest["metrics"]["test_accuracy"].template get<double>(), r.test.accuracy);
  }

  // Every export runs in 32-bit floats: a fast (bfloat16) run reports, and its manifest records,
  // the accuracy an exact evaluation of its head measures; its own figure is kept apart.
  void reportedAccuracyIsTheExports() {
    auto o = options();
    o.epochs = 3;
    o.warmStart = false;
    o.precision = Precision::Fast;
    if (choosePrecision(o.precision).used != Precision::Fast)
      QSKIP("this processor has no native bfloat16: fast runs exact here");
    const auto r = train(m_dataset, o);
    QCOMPARE(r.precision.used, Precision::Fast);
    auto exact = o;
    exact.precision = Precision::Exact;
    const auto measured = evaluate(m_dataset, r.head, exact);
    const auto fast = evaluate(m_dataset, r.head, o);
    QVERIFY2(std::abs(fast.loss - measured.loss) > 1e-6, "bfloat16 and fp32 features agree");
    QCOMPARE(r.test.accuracy, measured.accuracy);
    QCOMPARE(r.test.confusion, measured.confusion);
    QVERIFY2(std::abs(r.test.loss - measured.loss) < 1e-6,
             (std::to_string(r.test.loss) + " vs " + std::to_string(measured.loss)).c_str());
    QVERIFY(r.testAccuracyAsTrained.has_value());
    QCOMPARE(*r.testAccuracyAsTrained, fast.accuracy);

    QTemporaryDir dir;
    const auto paths = exportTrained(dir.filePath("fast").toStdString(), r, false);
    std::ifstream in(paths.manifest);
    const auto metrics = nlohmann::json::parse(in)["metrics"];
    QCOMPARE(metrics["test_accuracy"].get<double>(), measured.accuracy);
    QVERIFY(std::abs(metrics["test_loss"].get<double>() - measured.loss) < 1e-6);
    QCOMPARE(metrics["test_precision"].get<std::string>(), std::string("exact"));
    QCOMPARE(metrics["test_accuracy_as_trained"].get<double>(), fast.accuracy);
    QCOMPARE(*loadTrainResult(paths.head).testAccuracyAsTrained, fast.accuracy);
  }

  void exportRecordsItsOwnRunAndReadsBack() {
    auto o = options();
    o.epochs = 2;
    o.learningRate = 0.004;
    TrainResult r;
    batchLosses(o, &r);
    // The result carries what produced it, whatever the caller holds afterwards.
    QCOMPARE(r.options.epochs, 2);
    QCOMPARE(r.dataset.root, m_dataset.root);
    QCOMPARE(r.dataset.trainImages, m_dataset.train.size());
    QTemporaryDir dir;
    exportTrained(dir.filePath("digits").toStdString(), r, false);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), (QStringList{"digits.json", "digits.pt"}));
    std::ifstream in(dir.filePath("digits.json").toStdString());
    const auto manifest = nlohmann::json::parse(in);
    QCOMPARE(manifest["hyperparameters"]["epochs"].get<int>(), 2);
    QCOMPARE(manifest["hyperparameters"]["learning_rate"].get<double>(), 0.004);
    QCOMPARE(manifest["dataset"]["root"].get<std::string>(), m_dataset.root);

    // Any of the export's names finds the same export.
    for (const char* name : {"digits", "digits.pt", "digits.json"}) {
      const auto back = loadTrainResult(dir.filePath(name).toStdString());
      QCOMPARE(back.head.weight, r.head.weight);
      QCOMPARE(back.options.epochs, 2);
      QCOMPARE(back.options.learningRate, 0.004);
      QCOMPARE(back.options.weightsPath, o.weightsPath);
      QCOMPARE(back.dataset.root, m_dataset.root);
      QCOMPARE(back.dataset.counts.size(), m_dataset.counts.size());
      QCOMPARE(back.history.size(), r.history.size());
      QCOMPARE(back.history.back().trainLoss, r.history.back().trainLoss);
      QCOMPARE(back.test.confusion, r.test.confusion);
      QCOMPARE(back.test.accuracy, r.test.accuracy);
      QCOMPARE(back.test.perClass.size(), r.test.perClass.size());
      QCOMPARE(back.test.mistakes.size(), r.test.mistakes.size());
    }
    const auto withModel = exportTrained(dir.filePath("full.pt").toStdString(), r, true);
    QCOMPARE(loadHead(withModel.model).head.weight, r.head.weight);  // the model file leads home
    // A head merely named like a model file is itself, not a part of "x".
    exportTrained(dir.filePath("x-model").toStdString(), r, false);
    QCOMPARE(
        QString::fromStdString(exportPathsFor(dir.filePath("x-model.pt").toStdString()).manifest),
        dir.filePath("x-model.json"));
  }

  // What a user checks with the standard tool is what the manifest says: on a first export, on
  // the next ones (which resume hashing after the backbone from a kept state), and when the kept
  // state is damaged or does not fit the file.
  void manifestHashesAreWhatSha256sumPrints() {
    TrainResult r;
    batchLosses(options(), &r);
    QTemporaryDir dir;
    QDir kept(m_cache.filePath("model-prefixes"));
    kept.removeRecursively();
    const auto exportAndCheck = [&](const char* when) {
      const auto paths = exportTrained(dir.filePath("dogs.pt").toStdString(), r);
      std::ifstream in(paths.manifest);
      const auto manifest = nlohmann::json::parse(in);
      QCOMPARE(manifest["format"].get<int>(), 2);
      const auto tool =
          sha256sum({QString::fromStdString(paths.head), QString::fromStdString(paths.model),
                     QString::fromStdString(options().weightsPath)});
      QCOMPARE(tool.size(), 3);
      QCOMPARE(QString::fromStdString(manifest["files"]["head_hash"].get<std::string>()), tool[0]);
      QVERIFY2(manifest["files"]["model_hash"].get<std::string>() == tool[1].toStdString(), when);
      QCOMPARE(QString::fromStdString(manifest["weights"]["hash"].get<std::string>()), tool[2]);
      QCOMPARE(QString::fromStdString(r.weightsSha256), tool[2]);
    };
    exportAndCheck("first export");
    const auto states = kept.entryList(QDir::Files);
    QCOMPARE(states.size(), 1);  // the state after the backbone was kept
    const auto statePath = kept.filePath(states[0]);
    exportAndCheck("resumed from the kept state");
    // A kept state, with a consistent checksum, for a prefix of another length (and so another
    // state): it does not fit this file, which is then read back to hash.
    const auto rewrite = [&](const QByteArray& bytes) {
      QFile f(statePath);
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      QCOMPARE(f.write(bytes), bytes.size());
    };
    QByteArray bytes = contentOf(statePath);
    bytes[8] = char(bytes[8] ^ 1);    // the length, after the 8-byte tag
    bytes[20] = char(bytes[20] ^ 1);  // the state
    const uint64_t checksum =
        util::xxh3_64(std::string_view(bytes.constData(), size_t(bytes.size()) - 8));
    std::memcpy(bytes.data() + bytes.size() - 8, &checksum, 8);
    rewrite(bytes);
    exportAndCheck("kept state of another length");
    bytes = contentOf(statePath);
    bytes[20] = char(bytes[20] ^ 1);  // damaged: ignored, hashed again and kept anew
    rewrite(bytes);
    exportAndCheck("damaged kept state");
    exportAndCheck("kept state written anew");
  }

  void continuesFromASavedHead() {
    auto o = options();
    o.warmStart = false;
    TrainResult first;
    const auto fresh = batchLosses(o, &first);
    QTemporaryDir dir;
    const auto head = dir.filePath("h.pt").toStdString();
    exportTrained(head, first, false);
    o.initialHeadPath = head;
    const auto continued = batchLosses(o);
    // Starting from the trained head, the first batches are already as good as the last ones.
    QVERIFY2(continued.front() < 0.7 * fresh.front(),
             (std::to_string(continued.front()) + " vs " + std::to_string(fresh.front())).c_str());
    auto wrong = first;
    wrong.head.classes = {"a", "b", "c"};
    exportTrained(head, wrong, false);
    QVERIFY_THROWS_EXCEPTION(Error, train(m_dataset, o));
  }

  void headsThatDoNotFitAreRefused() {
    TrainResult r;
    batchLosses(options(), &r);
    QTemporaryDir dir;
    const auto head = dir.filePath("h.pt").toStdString();
    exportTrained(head, r, false);
    QFile::remove(dir.filePath("h.json"));
    QVERIFY_THROWS_EXCEPTION(Error, loadHead(head));  // manifest missing
    exportTrained(head, r, false);
    ClassifierOptions c;
    c.arch = Arch::ResNet50;
    c.weightsPath = testsupport::fixture("resnet50.pth");
    Classifier classifier(c);
    try {
      classifier.useHead(head);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("trained on resnet18"), e.what());
    }
    auto other = r.head;
    other.classes.pop_back();
    QVERIFY_THROWS_EXCEPTION(Error, evaluate(m_dataset, other, options()));
  }
};

QTEST_GUILESS_MAIN(TestTraining)
#include "test_training.moc"
