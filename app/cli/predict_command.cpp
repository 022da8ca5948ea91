#include <unistd.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/streaming.h"
#include "headstart/classifier.h"
#include "headstart/error.h"
#include "headstart/folders.h"
#include "headstart/weights.h"

namespace cli {
namespace {

struct PredictArgs {
  headstart::ClassifierOptions classifier;
  std::vector<std::string> images;
  int top = 5;
  bool json = false;
  QString csv;
};

void printText(QTextStream& out, const headstart::Prediction& p, bool withNames) {
  if (!p.ok()) return;
  if (withNames) out << QString::fromStdString(p.image) << ":\n";
  for (const auto& score : p.top) {
    out << (withNames ? "  " : "") << QString::fromStdString(score.label) << ": "
        << QString::number(score.probability, 'f', 4) << '\n';
  }
}

void printJson(QTextStream& out, const headstart::Prediction& p) {
  nlohmann::json line{{"image", p.image}};
  if (!p.ok()) {
    line["error"] = p.error;
  } else {
    line["top"] = nlohmann::json::array();
    for (const auto& s : p.top) {
      line["top"].push_back(
          {{"index", s.index}, {"label", s.label}, {"probability", s.probability}});
    }
  }
  out << QString::fromStdString(line.dump()) << '\n';
}

// Parses the command line; returns an exit code when the command should stop there.
std::optional<int> parse(const QStringList& arguments, PredictArgs& args) {
  CommandParser parser(
      "predict",
      QCoreApplication::translate("cli", "Prints the most likely ImageNet classes of each image."));
  const QCommandLineOption weights(QStringLiteral("weights"),
                                   QCoreApplication::translate("cli", "Weights file (.pth)."),
                                   QCoreApplication::translate("cli", "FILE"));
  const QCommandLineOption arch(
      QStringLiteral("arch"),
      QCoreApplication::translate("cli",
                                  "resnet18, resnet34, resnet50, resnet101 or resnet152. Default: "
                                  "the one the --weights file holds, else resnet50."),
      QCoreApplication::translate("cli", "NAME"));
  const QCommandLineOption top(QStringLiteral("top"),
                               QCoreApplication::translate("cli", "How many classes to print."),
                               QCoreApplication::translate("cli", "K"), QStringLiteral("5"));
  const QCommandLineOption json(
      QStringLiteral("json"),
      QCoreApplication::translate("cli", "One JSON object per image and line."));
  const QCommandLineOption preset(
      QStringLiteral("preset"),
      QCoreApplication::translate("cli",
                                  "Preprocessing: v1 (resize 256) or v2 (resize 232). Default: "
                                  "the one the weights were trained with."),
      QCoreApplication::translate("cli", "NAME"));
  const QCommandLineOption exif(
      QStringLiteral("exif-orientation"),
      QCoreApplication::translate(
          "cli", "Rotate images as their EXIF orientation says (torchvision does not)."));
  const QCommandLineOption batch(QStringLiteral("batch-size"),
                                 QCoreApplication::translate("cli", "Images per forward pass."),
                                 QCoreApplication::translate("cli", "N"), QStringLiteral("16"));
  const QCommandLineOption head(
      QStringLiteral("head"),
      QCoreApplication::translate(
          "cli", "A trained head (NAME.pt with its NAME.json): predict its classes."),
      QCoreApplication::translate("cli", "HEAD.pt"));
  const QCommandLineOption csv(
      QStringLiteral("csv"),
      QCoreApplication::translate(
          "cli", "Also write one CSV row per image (path, class, probability, then the top K)."),
      QCoreApplication::translate("cli", "FILE"));
  const PrecisionOption precision(QStringLiteral("exact"));
  const QCommandLineOption calibrate(
      QStringLiteral("calibrate"),
      QCoreApplication::translate(
          "cli",
          "With --precision int8: calibrate on up to 64 images of this folder (once; kept with "
          "the weights for later runs). Default: the calibration last made for the weights."),
      QCoreApplication::translate("cli", "DIR"));
  const QCommandLineOption tta(
      QStringLiteral("tta"),
      QCoreApplication::translate(
          "cli", "Classify each image and its mirror image, probabilities averaged."));
  parser.addOptions(
      {weights, arch, top, json, preset, exif, batch, head, precision.option, calibrate, csv, tta});
  parser.addPositionalArgument(
      QStringLiteral("images"),
      QCoreApplication::translate("cli", "Image files, or folders to search for images."),
      QCoreApplication::translate("cli", "IMAGE..."));
  if (const auto stop = readArguments("predict", [&] { return parser.parseOrHelp(arguments); }))
    return stop;
  QTextStream err(stderr);
  const auto archValue = parser.isSet(arch)
                             ? headstart::archFromName(parser.value(arch).toStdString())
                             : std::optional(cli::archFor(parser, arch, weights));
  bool topOk = false, batchOk = false;
  args.top = parser.value(top).toInt(&topOk);
  args.classifier.batchSize = parser.value(batch).toInt(&batchOk);
  if (!archValue || !topOk || args.top < 1 || !batchOk || args.classifier.batchSize < 1) {
    err << QCoreApplication::translate(
        "cli", "headstart-cli predict: invalid --arch, --top or --batch-size\n");
    return kUsageOrSetupError;
  }
  if (parser.positionalArguments().isEmpty()) {
    err << QCoreApplication::translate("cli", "headstart-cli predict: no image given\n");
    return kUsageOrSetupError;
  }
  args.classifier.arch = *archValue;
  const auto resolved = resolveWeights(parser, weights, *archValue);
  args.classifier.weightsPath = resolved.path;
  args.classifier.preset = resolved.preset;
  if (parser.isSet(preset)) {
    const auto chosen = headstart::presetFromName(parser.value(preset).toStdString());
    if (!chosen) {
      err << QCoreApplication::translate(
                 "cli", "headstart-cli predict: unknown --preset '%1' (use v1 or v2)\n")
                 .arg(parser.value(preset));
      return kUsageOrSetupError;
    }
    args.classifier.preset = *chosen;
  }
  args.classifier.decode.applyExifOrientation = parser.isSet(exif);
  args.classifier.headPath = parser.value(head).toStdString();
  args.classifier.precision = precision.parse(parser);
  args.classifier.calibrationFolder = parser.value(calibrate).toStdString();
  args.classifier.testTimeFlip = parser.isSet(tta);
  args.json = parser.isSet(json);
  args.csv = parser.value(csv);
  std::vector<std::string> inputs;
  for (const auto& input : parser.positionalArguments()) inputs.push_back(input.toStdString());
  args.images = headstart::listImages(inputs);
  return std::nullopt;
}

[[noreturn]] void cannotWrite(const QString& path) {
  throw headstart::Error(path.toStdString() + ": cannot write (" + std::strerror(errno) + ")");
}

int predict(const PredictArgs& args) {
  QTextStream out(stdout);
  QTextStream err(stderr);
  const headstart::Classifier classifier(args.classifier);
  printPrecisionNotice(classifier.precision().notice);
  printCalibration(err, classifier.precision());
  std::ofstream csv;
  if (!args.csv.isEmpty()) {
    csv.open(args.csv.toStdString(), std::ios::binary | std::ios::trunc);
    if (!csv) cannotWrite(args.csv);
    csv << headstart::csvHeader(args.top) << std::flush;
  }
  installInterruptHandler();
  int failed = 0;
  const bool withNames = args.images.size() > 1;
  // Each result goes out as it comes; the CSV is whole rows at every moment.
  const bool finished = streamPredictions(classifier, args.images, args.top, [&](const auto& p) {
    if (csv.is_open()) csv << headstart::csvRow(p, args.top) << std::flush;
    args.json ? printJson(out, p) : printText(out, p, withNames);
    out.flush();
    if (!p.ok()) {
      ++failed;
      if (!args.json) err << errorPrefix() << QString::fromStdString(p.error) << '\n';
    }
  });
  if (csv.is_open() && !csv.flush()) cannotWrite(args.csv);
  if (!finished) {
    err << QCoreApplication::translate("cli", "headstart-cli: interrupted\n");
    return kInterrupted;
  }
  return failed ? kSomeInputsFailed : kOk;
}

}  // namespace

int runPredict(const QStringList& arguments) {
  // Predict names itself only in the errors of its command line; the rest are the engine's.
  return reportingErrors(errorPrefix(), Progress::StatusLine, [&] {
    PredictArgs args;
    if (const auto stop = parse(arguments, args)) return *stop;
    return predict(args);
  });
}

}  // namespace cli
