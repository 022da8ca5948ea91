#include <QCommandLineParser>
#include <QTextStream>

#include "cli/commands.h"
#include "cli/common.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/training.h"

namespace cli {
namespace {

struct EvaluateArgs {
  headstart::TrainOptions options;
  headstart::ScanOptions scan;
  headstart::Head head;
  QString data;
  bool json = false;
};

std::optional<int> parse(const QStringList& arguments, EvaluateArgs& a) {
  CommandParser parser(
      "evaluate",
      QCoreApplication::translate("cli", "Measures a trained head on a dataset's test images."));
  ModelOptions model;
  model.addTo(parser);
  const DatasetOptions dataset(QCoreApplication::translate("cli", "Seed of that split (0)."));
  const auto head =
      headOption(QCoreApplication::translate("cli", "Trained head (NAME.pt with NAME.json)."));
  // Exact: the accuracy read here is what an export (32-bit floats) does in PyTorch.
  const PrecisionOption precision(QStringLiteral("exact"));
  const QCommandLineOption tta(
      QStringLiteral("tta"),
      QCoreApplication::translate(
          "cli", "Test with each image and its mirror image, probabilities averaged."));
  parser.addOptions({dataset.data, head, dataset.cache, dataset.testFraction, dataset.seed,
                     precision.option, tta});
  if (const auto help = parser.parseOrHelp(arguments)) return help;
  if (!parser.isSet(dataset.data) || !parser.isSet(head)) {
    throw headstart::Error(
        QCoreApplication::translate("cli", "--data DIR and --head HEAD.pt are required")
            .toStdString());
  }
  a.data = parser.value(dataset.data);
  a.json = parser.isSet(model.json);
  auto saved = headstart::loadHead(parser.value(head).toStdString());
  a.head = std::move(saved.head);
  auto& options = a.options;
  options.arch = parseArch(QString::fromStdString(saved.arch));
  const auto weights = resolveWeights(parser, model.weights, options.arch);
  options.weightsPath = weights.path;
  options.preset = headstart::presetFromName(saved.preset).value_or(weights.preset);
  options.cacheRoot = parser.value(dataset.cache).toStdString();
  options.precision = precision.parse(parser);
  options.testTimeFlip = parser.isSet(tta);
  a.scan = dataset.scan(parser);
  return std::nullopt;
}

int evaluate(const EvaluateArgs& a) {
  const auto dataset = openDataset(a.data, a.scan, a.options.precision);
  const auto result = headstart::evaluate(dataset, a.head, a.options);
  const auto measuredIn = headstart::choosePrecision(a.options.precision).used;
  if (!a.json) {
    printEvaluation(result, measuredIn);
    return kOk;
  }
  auto line = evaluationJson(result);
  line["event"] = "summary";
  line["precision"] = headstart::precisionName(measuredIn);
  line["test_time_augmentation"] = a.options.testTimeFlip ? "flip" : "none";
  line["skipped"] = skippedJson(dataset.skipped);
  printJsonLine(line);
  return kOk;
}

}  // namespace

int runEvaluate(const QStringList& arguments) {
  return runCommand("evaluate", arguments, parse, evaluate, errorPrefix("evaluate"),
                    Progress::Silent);
}

}  // namespace cli
