// The hashes: SHA-256 (what users verify) and XXH3 (identities HeadStart reads back) against
// published values and against the command-line tools that users run; the legacy hash against
// an export the previous version wrote.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/sha256.h"
#include "util/file_chunks.h"
#include "util/hash.h"
#include "util/legacy_hash.h"

using namespace headstart;

namespace {

constexpr size_t kChunk = util::kHashChunk;

// Bytes that are not all alike, so a hash that skips or repeats a piece gives another digest.
std::string pattern(size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) bytes[i] = char((i * 2654435761u) >> 13);
  return bytes;
}

void writeFile(const QString& path, const std::string& bytes) {
  QFile f(path);
  QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
  QCOMPARE(f.write(bytes.data(), qint64(bytes.size())), qint64(bytes.size()));
}

// The first word a `sha256sum`-style tool prints for `path`, or an empty string.
QString toolDigest(const QString& tool, const QStringList& args, const QString& path) {
  QProcess p;
  p.start(tool, args + QStringList{path});
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return QString::fromLatin1(p.readAllStandardOutput()).section(' ', 0, 0);
}

QString legacyExport(const QString& name) {
  return QStringLiteral(HEADSTART_TEST_DATA "/legacy/") + name;
}

}  // namespace

class TestHashing : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // FIPS 180-2, appendix B, and the empty message.
  void sha256KnownAnswers_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("digest");
    QTest::newRow("abc") << QByteArray("abc")
                         << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("empty") << QByteArray()
                           << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("448 bits") << QByteArray(
                                     "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                              << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    QTest::newRow("a million a")
        << QByteArray(1000000, 'a')
        << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  }
  void sha256KnownAnswers() {
    QFETCH(QByteArray, message);
    QFETCH(QString, digest);
    QCOMPARE(QString::fromStdString(sha256Hex({message.constData(), size_t(message.size())})),
             digest);
  }

  // A download arrives in pieces of any size; the digest must not depend on where they end.
  void sha256InPiecesIsTheSame() {
    const auto bytes = pattern(1000);
    Sha256 hash;
    for (const size_t piece : {size_t(1), size_t(63), size_t(64), size_t(65), size_t(200)}) {
      for (size_t at = 0; at < bytes.size(); at += piece)
        hash.update(std::string_view(bytes).substr(at, piece));
      QCOMPARE(hash.hexDigest(), sha256Hex(bytes));  // and hexDigest starts afresh
    }
    hash.update("abc");
    hash.reset();
    hash.update("abc");
    QCOMPARE(hash.hexDigest(), sha256Hex("abc"));
  }

  // xxHash's own sanity vectors for empty input, seed 0 (also what `xxhsum -H3` and `-H2`
  // print for an empty file).
  void xxh3KnownAnswers() {
    QCOMPARE(util::xxh3_64(""), uint64_t(0x2D06800538D394C2ull));
    const auto empty = util::xxh3_128("");
    QCOMPARE(empty.high, uint64_t(0x99AA06D3014798D8ull));
    QCOMPARE(empty.low, uint64_t(0x6001C324468D497Full));
    QCOMPARE(empty.hex(), std::string("99aa06d3014798d86001c324468d497f"));
    // "abc", as `printf abc | xxhsum -H3` and `-H2` print it (xxHash 0.8.1).
    QCOMPARE(util::xxh3_64("abc"), uint64_t(0x78AF5F94892F3950ull));
    QCOMPARE(util::xxh3_128("abc").hex(), std::string("06b05ab6733a618578af5f94892f3950"));
    QVERIFY(util::xxh3_128("a") != util::xxh3_128("b"));
  }

  // A file's digest equals the digest of the same bytes in memory, at every size around the
  // pieces files are read in, and equals what the standard tools print for that file.
  void filesAgreeWithMemoryAndTools_data() {
    QTest::addColumn<qulonglong>("size");
    for (const size_t size : {size_t(0), size_t(7), kChunk - 1, kChunk, kChunk + 1, 3 * kChunk + 5})
      QTest::newRow(qPrintable(QString::number(size))) << qulonglong(size);
  }
  void filesAgreeWithMemoryAndTools() {
    QFETCH(qulonglong, size);
    QTemporaryDir dir;
    const auto bytes = pattern(size);
    const QString path = dir.filePath("data.bin");
    writeFile(path, bytes);
    const auto file = path.toStdString();
    QCOMPARE(sha256HexOfFile(file), sha256Hex(bytes));
    QCOMPARE(util::xxh3_128OfFile(file), util::xxh3_128(bytes));
    char legacy[17];
    std::snprintf(legacy, sizeof legacy, "%016llx",
                  static_cast<unsigned long long>(util::legacy::formatOneHash(bytes)));
    QCOMPARE(util::legacy::formatOneHashOfFile(file), std::string(legacy));

    QCOMPARE(toolDigest("sha256sum", {"-b"}, path), QString::fromStdString(sha256Hex(bytes)));
    if (QStandardPaths::findExecutable("xxhsum").isEmpty())
      QSKIP("xxhsum is not installed (Debian package xxhash): the tool comparison is skipped");
    QCOMPARE(toolDigest("xxhsum", {"-H2"}, path),
             QString::fromStdString(util::xxh3_128(bytes).hex()));
  }

  void unreadableFilesAreNamed() {
    QTemporaryDir dir;
    const auto missing = dir.filePath("missing.pt").toStdString();
    try {
      sha256HexOfFile(missing);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(missing) + ": cannot open ("),
               e.what());
    }
    try {
      util::xxh3_128OfFile(dir.path().toStdString());
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains(dir.path() + ": read error ("), e.what());
    }
  }

  // tests/data/legacy holds an export written by HeadStart before SHA-256 (manifest format 1,
  // `head_hash` the old 64-bit hash). It still loads, its head still verified: the same manifest
  // with another head is refused.
  void exportOfFormatOneStillLoads() {
    std::ifstream in(legacyExport("dogs.json").toStdString());
    const auto manifest = nlohmann::json::parse(in);
    QCOMPARE(manifest["format"].get<int>(), 1);
    QCOMPARE(manifest["files"]["head_hash"].get<std::string>().size(), size_t(16));
    QCOMPARE(util::legacy::formatOneHashOfFile(legacyExport("dogs.pt").toStdString()),
             manifest["files"]["head_hash"].get<std::string>());
    const auto saved = loadHead(legacyExport("dogs.pt").toStdString());
    QCOMPARE(saved.head.classes, manifest["classes"].get<std::vector<std::string>>());
    QCOMPARE(saved.arch, std::string("resnet18"));

    QTemporaryDir dir;
    QVERIFY(QFile::copy(legacyExport("dogs.json"), dir.filePath("dogs.json")));
    QVERIFY(QFile::copy(legacyExport("other.pt"), dir.filePath("dogs.pt")));
    try {
      loadHead(dir.filePath("dogs.pt").toStdString());
      QFAIL("a head from another export was accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("does not match its manifest"), e.what());
    }
  }

  void manifestFromANewerVersionIsRefused() {
    QTemporaryDir dir;
    QVERIFY(QFile::copy(legacyExport("dogs.pt"), dir.filePath("dogs.pt")));
    std::ifstream in(legacyExport("dogs.json").toStdString());
    auto manifest = nlohmann::json::parse(in);
    manifest["format"] = 3;
    std::ofstream(dir.filePath("dogs.json").toStdString()) << manifest.dump(2);
    try {
      loadHead(dir.filePath("dogs.pt").toStdString());
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("manifest format 3"), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestHashing)
#include "test_hashing.moc"
