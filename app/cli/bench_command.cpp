#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "headstart/bench.h"
#include "headstart/error.h"

namespace cli {
namespace {

// The files of `dir` that decoding will be tried on: what `predict DIR/*` would be given.
std::vector<std::string> imagesIn(const QString& dir) {
  const QDir folder(dir);
  if (!folder.exists())
    throw headstart::Error(dir.toStdString() + ": " +
                           QCoreApplication::translate("cli", "no such folder").toStdString());
  std::vector<std::string> images;
  for (const auto& name : folder.entryList(QDir::Files, QDir::Name))
    images.push_back(folder.filePath(name).toStdString());
  if (images.empty())
    throw headstart::Error(dir.toStdString() + ": " +
                           QCoreApplication::translate("cli", "no files to predict").toStdString());
  return images;
}

nlohmann::json toJson(const headstart::BenchResult& r) {
  nlohmann::json j{{"arch", headstart::archInfo(r.arch).name},
                   {"precision", headstart::precisionName(r.precision.used)},
                   {"requested_precision", headstart::precisionName(r.precision.requested)},
                   {"batch_size", r.batchSize},
                   {"threads", r.threads},
                   {"random_weights", r.randomWeights},
                   {"runs", r.runs},
                   {"ms_per_image", r.msPerImage},
                   {"images_per_second", r.imagesPerSecond}};
  if (r.endToEndImages > 0) {
    j["end_to_end"] = {{"images", r.endToEndImages},
                       {"failed", r.endToEndFailed},
                       {"ms_per_image", r.endToEndMsPerImage},
                       {"images_per_second", r.endToEndImagesPerSecond},
                       {"decode_ms_per_image", r.decodeMsPerImage}};
  }
  return j;
}

void printText(QTextStream& out, const headstart::BenchResult& r) {
  out << QCoreApplication::translate("cli", "%1, %2 precision, batch %3, %4 threads, %5\n")
             .arg(QString::fromLatin1(headstart::archInfo(r.arch).name),
                  QString::fromLatin1(headstart::precisionName(r.precision.used)))
             .arg(r.batchSize)
             .arg(r.threads)
             .arg(r.randomWeights
                      ? QCoreApplication::translate(
                            "cli", "random weights (no --weights given; the speed is the same)")
                      : QCoreApplication::translate("cli", "weights from --weights"));
  out << QCoreApplication::translate("cli",
                                     "network: %1 ms per image, %2 images/s (median of %3 runs)\n")
             .arg(r.msPerImage, 0, 'f', 2)
             .arg(r.imagesPerSecond, 0, 'f', 1)
             .arg(r.runs);
  if (r.endToEndImages > 0) {
    out << QCoreApplication::translate(
               "cli",
               "end to end, decode and predict %1 images (%2 unreadable): %3 ms per "
               "image, %4 images/s\n")
               .arg(r.endToEndImages)
               .arg(r.endToEndFailed)
               .arg(r.endToEndMsPerImage, 0, 'f', 2)
               .arg(r.endToEndImagesPerSecond, 0, 'f', 1);
  }
}

struct BenchArgs {
  headstart::BenchOptions options;
  bool json = false;
};

std::optional<int> parse(const QStringList& arguments, BenchArgs& a) {
  CommandParser parser(
      "bench", QCoreApplication::translate(
                   "cli",
                   "Times the network on random 224x224 batches after a warm-up; with DIR, also "
                   "decoding and predicting the files in DIR."));
  const ModelOptions model;
  model.addTo(parser);
  const QCommandLineOption batch(QStringLiteral("batch-size"),
                                 QCoreApplication::translate("cli", "Images per forward pass."),
                                 QCoreApplication::translate("cli", "N"), QStringLiteral("8"));
  const PrecisionOption precision(QStringLiteral("exact"));
  const QCommandLineOption threads(
      QStringLiteral("threads"),
      QCoreApplication::translate("cli", "Threads for the network (default: every core)."),
      QCoreApplication::translate("cli", "N"), QStringLiteral("0"));
  const QCommandLineOption seconds(
      QStringLiteral("seconds"),
      QCoreApplication::translate("cli", "Time the network at least this long (and 5 runs)."),
      QCoreApplication::translate("cli", "S"), QStringLiteral("3"));
  parser.addOptions({batch, precision.option, threads, seconds});
  parser.addPositionalArgument(QStringLiteral("dir"),
                               QCoreApplication::translate("cli", "Folder of images (optional)."),
                               QCoreApplication::translate("cli", "[DIR]"));
  if (const auto help = parser.parseOrHelp(arguments)) return help;
  auto& options = a.options;
  options.arch = archFor(parser, model.arch, model.weights);
  options.weightsPath = parser.value(model.weights).toStdString();
  options.batchSize = static_cast<int>(numberOption(parser, batch, 1));
  options.threads = static_cast<int>(numberOption(parser, threads, 0));
  options.precision = precision.parse(parser);
  options.minSeconds = numberOption(parser, seconds, 0);
  const auto dirs = parser.positionalArguments();
  if (dirs.size() > 1)
    throw headstart::Error(
        QCoreApplication::translate("cli", "give at most one folder").toStdString());
  if (!dirs.isEmpty()) options.images = imagesIn(dirs.front());
  a.json = parser.isSet(model.json);
  return std::nullopt;
}

int bench(const BenchArgs& a) {
  const auto result = headstart::benchmark(a.options);
  printPrecisionNotice(result.precision.notice);
  if (a.json) {
    printJsonLine(toJson(result));
  } else {
    QTextStream out(stdout);
    printText(out, result);
  }
  return kOk;
}

}  // namespace

int runBench(const QStringList& arguments) {
  return runCommand("bench", arguments, parse, bench, errorPrefix("bench"), Progress::Silent);
}

}  // namespace cli
