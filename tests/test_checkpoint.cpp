// Checkpoint I/O against files written by Python's torch.save, good and bad.

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>

#include "headstart/error.h"
#include "io/atomic_file.h"
#include "io/checkpoint.h"
#include "model/resnet.h"
#include "support.h"

using namespace headstart;

namespace {

QString errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

void loadIntoResNet18(const std::string& path) {
  model::ResNet net(Arch::ResNet18, 1000);
  io::loadStateDict(*net, io::readStateDict(path), path);
}

}  // namespace

class TestCheckpoint : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { REQUIRE_FIXTURES(); }

  void readsTorchvisionStateDict() {
    const auto state = io::readStateDict(testsupport::fixture("resnet50.pth"));
    QCOMPARE(state.size(), size_t(320));  // 161 parameters + 159 BatchNorm buffers... as saved
    QCOMPARE(QString::fromStdString(state.front().first), QString("conv1.weight"));
    QCOMPARE(QString::fromStdString(state.back().first), QString("fc.bias"));
    for (const auto& [name, tensor] : state) {
      if (name.find("num_batches_tracked") != std::string::npos) {
        QCOMPARE(tensor.scalar_type(), torch::kInt64);
      } else {
        QCOMPARE(tensor.scalar_type(), torch::kFloat32);
      }
    }
  }

  void readsViewsIntoSharedStorage() {
    // reference.pt holds tensors of several dtypes (uint8 images, float tensors).
    const auto state = io::readStateDict(testsupport::fixture("reference.pt"));
    QVERIFY(state.size() > 10);
    QCOMPARE(state.front().second.scalar_type(), torch::kUInt8);
  }

  void acceptedVariants_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("half precision is converted") << "bad/half_precision.pth";
    QTest::newRow("dict with a state_dict entry") << "bad/wrapped.pth";
  }

  void acceptedVariants() {
    QFETCH(QString, file);
    loadIntoResNet18(testsupport::fixture(file));
  }

  void rejected_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("legacy") << "bad/legacy.pth"
                            << "legacy PyTorch checkpoint format";
    QTest::newRow("truncated") << "bad/truncated.pth"
                               << "truncated: the file ends after";
    QTest::newRow("not a zip") << "bad/not_zip.pth"
                               << "not a PyTorch checkpoint";
    QTest::newRow("empty") << "bad/empty.pth"
                           << "empty file";
    QTest::newRow("no pickle") << "bad/no_pickle.pth"
                               << "without data.pkl";
    QTest::newRow("code") << "bad/exploit.pth"
                          << "refused to load global 'posix.system'";
    QTest::newRow("wrong shape")
        << "bad/wrong_shape.pth"
        << "'layer1.0.conv1.weight' has shape [64, 64, 1, 1], the model expects [64, 64, 3, 3]";
    QTest::newRow("missing key") << "bad/missing_key.pth"
                                 << "missing key 'layer4.1.bn2.running_var'";
    QTest::newRow("unexpected key") << "bad/unexpected_key.pth"
                                    << "unexpected key 'layer5.0.conv1.weight'";
    QTest::newRow("integer weights") << "bad/integer_weights.pth"
                                     << "'conv1.weight' has dtype Int";
    QTest::newRow("no such file") << "bad/absent.pth"
                                  << "cannot open";
  }

  void rejected() {
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const auto path = testsupport::fixture(file);
    const QString message = errorOf([&] { loadIntoResNet18(path); });
    QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY(!QFile::exists(QDir(testsupport::fixtureDir()).filePath("bad/PWNED")));
  }

  void failedLoadLeavesModelUntouched() {
    model::ResNet net(Arch::ResNet18, 1000);
    const auto before = net->fc->weight.clone();
    const auto path = testsupport::fixture("bad/missing_key.pth");
    QVERIFY(!errorOf([&] { io::loadStateDict(*net, io::readStateDict(path), path); }).isEmpty());
    QVERIFY(torch::equal(before, net->fc->weight));
  }

  // A re-export copies the backbone's records as they are, with the CRCs the source's directory
  // gave them. torch.load checks the pickle and the offsets; zipfile's testzip the CRCs, which
  // torch.load does not read.
  void reExportedCheckpointLoadsInPythonUnchanged() {
    QTemporaryDir dir;
    const auto source = testsupport::fixture("resnet18.pth");
    io::KnownCrcs crcs;
    auto state = io::readStateDict(source, &crcs);
    QCOMPARE(crcs.size(), state.size());  // torch.save keeps every record uncompressed
    state.emplace_back("extra.half", torch::arange(6, torch::kHalf).reshape({2, 3}));
    state.emplace_back("extra.transposed", torch::arange(6, torch::kFloat).reshape({2, 3}).t());
    state.emplace_back("extra.scalar", torch::tensor(int64_t(1) << 40));
    const std::string copy = dir.filePath("copy.pth").toStdString();
    io::writeFileAtomically(copy, io::serializeStateDict(state, crcs));

    const auto back = io::readStateDict(copy);
    QCOMPARE(back.size(), state.size());
    for (size_t i = 0; i < state.size(); ++i) {
      QCOMPARE(back[i].first, state[i].first);
      QVERIFY2(torch::equal(back[i].second, state[i].second), back[i].first.c_str());
    }
    const QString verdict = testsupport::runPython(
        "import sys, torch, zipfile\n"
        "assert zipfile.ZipFile(sys.argv[2]).testzip() is None\n"
        "a, b = torch.load(sys.argv[1]), torch.load(sys.argv[2])\n"
        "same = all(torch.equal(a[k], b[k]) and a[k].dtype == b[k].dtype for k in a)\n"
        "extra = b['extra.transposed'].tolist() == [[0, 3], [1, 4], [2, 5]] and "
        "b['extra.scalar'].item() == 2 ** 40 and b['extra.half'].dtype == torch.float16\n"
        "print(same and extra and len(b) == len(a) + 3)\n",
        {QString::fromStdString(source), QString::fromStdString(copy)});
    QCOMPARE(verdict.trimmed(), QString("True"));
  }

  // Tensors point into a private mapping of the file: changing one in place must not reach it.
  void changingAReadTensorLeavesTheFileAlone() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("w.pth").toStdString();
    io::writeStateDict(path, {{"w", torch::zeros({1000})}});
    {
      auto state = io::readStateDict(path);
      state[0].second.add_(1);
      QCOMPARE(state[0].second.sum().item<float>(), 1000.f);
    }
    QCOMPARE(io::readStateDict(path)[0].second.sum().item<float>(), 0.f);
  }

  void writtenFileReadsBackHereAndInPython() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("head.pt").toStdString();
    torch::manual_seed(3);
    const io::StateDict state{{"weight", torch::randn({10, 2048})}, {"bias", torch::randn({10})}};
    io::writeStateDict(path, state);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"head.pt"});  // no temp left

    const auto back = io::readStateDict(path);
    QCOMPARE(back.size(), size_t(2));
    QVERIFY(torch::equal(back[0].second, state[0].second));
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const auto loaded = torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
    QVERIFY(loaded.isGenericDict());  // libtorch's own reader, as a C++ user would load it
    QVERIFY(torch::equal(loaded.toGenericDict().at("bias").toTensor(), state[1].second));

    const QString sums = testsupport::runPython(
        "import sys, torch\n"
        "sd = torch.load(sys.argv[1])\n"
        "m = torch.nn.Linear(2048, 10)\n"
        "m.load_state_dict(sd)\n"
        "print(repr(float(sd['weight'].double().sum())), repr(float(sd['bias'].double().sum())))\n",
        {dir.filePath("head.pt")});
    const auto parts = sums.split(' ');
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].toDouble(), state[0].second.to(torch::kFloat64).sum().item<double>());
    QCOMPARE(parts[1].trimmed().toDouble(),
             state[1].second.to(torch::kFloat64).sum().item<double>());
  }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
