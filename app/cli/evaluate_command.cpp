#include <QCommandLineParser>
#include <QTextStream>

#include "cli/commands.h"
#include "cli/common.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/training.h"

namespace cli {

int runEvaluate(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QCoreApplication::translate("cli", "Measures a trained head on a dataset's test images."));
  parser.addHelpOption();
  ModelOptions model;
  model.addTo(parser);
  const QCommandLineOption data(QStringLiteral("data"),
                                QCoreApplication::translate("cli", "Dataset folder."),
                                QCoreApplication::translate("cli", "DIR"));
  const QCommandLineOption head(
      QStringLiteral("head"),
      QCoreApplication::translate("cli", "Trained head (NAME.pt with NAME.json)."),
      QCoreApplication::translate("cli", "HEAD.pt"));
  const QCommandLineOption cache(
      QStringLiteral("cache-dir"),
      QCoreApplication::translate("cli", "Feature cache folder ('-' for none)."),
      QCoreApplication::translate("cli", "DIR"));
  const QCommandLineOption testFraction(
      QStringLiteral("test-fraction"),
      QCoreApplication::translate("cli",
                                  "Test part when the folder has no train/test split (0.2)."),
      QCoreApplication::translate("cli", "F"), QStringLiteral("0.2"));
  const QCommandLineOption seed(QStringLiteral("seed"),
                                QCoreApplication::translate("cli", "Seed of that split (0)."),
                                QCoreApplication::translate("cli", "N"), QStringLiteral("0"));
  const PrecisionOption precision(QStringLiteral("auto"));
  const QCommandLineOption tta(
      QStringLiteral("tta"),
      QCoreApplication::translate(
          "cli", "Test with each image and its mirror image, probabilities averaged."));
  parser.addOptions({data, head, cache, testFraction, seed, precision.option, tta});
  QTextStream err(stderr);
  if (!parser.parse(arguments)) {
    err << "headstart-cli evaluate: " << parser.errorText() << '\n';
    return kUsageOrSetupError;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    QTextStream(stdout) << parser.helpText();
    return kOk;
  }
  try {
    if (!parser.isSet(data) || !parser.isSet(head)) {
      throw headstart::Error(
          QCoreApplication::translate("cli", "--data DIR and --head HEAD.pt are required")
              .toStdString());
    }
    const auto saved = headstart::loadHead(parser.value(head).toStdString());
    headstart::TrainOptions options;
    options.arch = parseArch(QString::fromStdString(saved.arch));
    const auto weights = resolveWeights(parser, model, options.arch);
    options.weightsPath = weights.path;
    options.preset = headstart::presetFromName(saved.preset).value_or(weights.preset);
    options.cacheRoot = parser.value(cache).toStdString();
    options.precision = precision.parse(parser);
    options.testTimeFlip = parser.isSet(tta);
    const auto notice = headstart::choosePrecision(options.precision).notice;
    if (!notice.empty()) err << "headstart-cli: " << QString::fromStdString(notice) << '\n';
    headstart::ScanOptions scan;
    scan.testFraction = numberOption(parser, testFraction, 0);
    scan.seed = static_cast<uint64_t>(numberOption(parser, seed, 0));
    const auto dataset = headstart::scanDataset(parser.value(data).toStdString(), scan);
    const auto result = headstart::evaluate(dataset, saved.head, options);
    if (parser.isSet(model.json)) {
      auto line = evaluationJson(result);
      line["event"] = "summary";
      line["test_time_augmentation"] = options.testTimeFlip ? "flip" : "none";
      nlohmann::json skipped = nlohmann::json::array();
      for (const auto& s : dataset.skipped)
        skipped.push_back({{"file", s.path}, {"reason", s.reason}});
      line["skipped"] = skipped;
      QTextStream(stdout) << QString::fromStdString(line.dump()) << '\n';
    } else {
      printEvaluation(result);
    }
    return kOk;
  } catch (const std::exception& e) {
    err << "headstart-cli evaluate: " << QString::fromStdString(e.what()) << '\n';
    return kUsageOrSetupError;
  }
}

}  // namespace cli
