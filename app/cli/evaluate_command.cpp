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
  parser.setApplicationDescription(tr("Measures a trained head on a dataset's test images."));
  parser.addHelpOption();
  ModelOptions model;
  model.addTo(parser);
  const QCommandLineOption data(QStringLiteral("data"), tr("Dataset folder."), tr("DIR"));
  const QCommandLineOption head(QStringLiteral("head"),
                                tr("Trained head (NAME.pt with NAME.json)."), tr("HEAD.pt"));
  const QCommandLineOption cache(QStringLiteral("cache-dir"),
                                 tr("Feature cache folder ('-' for none)."), tr("DIR"));
  const QCommandLineOption testFraction(
      QStringLiteral("test-fraction"),
      tr("Test part when the folder has no train/test split (0.2)."), tr("F"),
      QStringLiteral("0.2"));
  const QCommandLineOption seed(QStringLiteral("seed"), tr("Seed of that split (0)."), tr("N"),
                                QStringLiteral("0"));
  parser.addOptions({data, head, cache, testFraction, seed});
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
      throw headstart::Error(tr("--data DIR and --head HEAD.pt are required").toStdString());
    }
    const auto saved = headstart::loadHead(parser.value(head).toStdString());
    headstart::TrainOptions options;
    options.arch = parseArch(QString::fromStdString(saved.arch));
    const auto weights = resolveWeights(parser, model, options.arch);
    options.weightsPath = weights.path;
    options.preset = headstart::presetFromName(saved.preset).value_or(weights.preset);
    options.cacheRoot = parser.value(cache).toStdString();
    headstart::ScanOptions scan;
    scan.testFraction = numberOption(parser, testFraction, 0);
    scan.seed = static_cast<uint64_t>(numberOption(parser, seed, 0));
    const auto dataset = headstart::scanDataset(parser.value(data).toStdString(), scan);
    const auto result = headstart::evaluate(dataset, saved.head, options);
    if (parser.isSet(model.json)) {
      auto line = evaluationJson(result);
      line["event"] = "summary";
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
