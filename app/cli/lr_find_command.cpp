// headstart-cli lr-find: the learning-rate range test on the cached features of a dataset.

#include <QCommandLineParser>
#include <QTextStream>
#include <cmath>

#include "cli/commands.h"
#include "cli/common.h"
#include "headstart/error.h"
#include "headstart/lr_finder.h"

namespace cli {
namespace {

using nlohmann::json;

struct LrFindArgs {
  headstart::TrainOptions train;
  headstart::ScanOptions scan;
  headstart::LrFinderOptions finder;
  QString data;
  bool json = false;
};

QCommandLineOption valueOption(const char* name, const QString& help, const QString& valueName,
                               const QString& defaultValue) {
  return QCommandLineOption(QString::fromLatin1(name), help, valueName, defaultValue);
}

std::optional<int> parse(const QStringList& arguments, LrFindArgs& a) {
  CommandParser parser(
      "lr-find",
      QCoreApplication::translate(
          "cli",
          "Suggests a learning rate: trains the head on the cached features while the rate "
          "rises exponentially, and suggests a rate well inside the smoothed loss's valley (none "
          "when the loss shows no clear descent)."));
  ModelOptions model;
  model.addTo(parser);
  const DatasetOptions dataset;
  const auto batch =
      valueOption("batch-size", QCoreApplication::translate("cli", "Batch size (32)."),
                  QCoreApplication::translate("cli", "N"), QStringLiteral("32"));
  const auto wd =
      valueOption("weight-decay", QCoreApplication::translate("cli", "Weight decay (0.001)."), "WD",
                  QStringLiteral("0.001"));
  const auto val = valueOption(
      "val-fraction",
      QCoreApplication::translate("cli", "Part of train held out for validation, as in train (0)."),
      QCoreApplication::translate("cli", "F"), QStringLiteral("0"));
  const auto startLr = valueOption(
      "start-lr", QCoreApplication::translate("cli", "Lowest learning rate tried (1e-7)."),
      QCoreApplication::translate("cli", "LR"), QStringLiteral("1e-7"));
  const auto endLr =
      valueOption("end-lr", QCoreApplication::translate("cli", "Highest learning rate tried (10)."),
                  QCoreApplication::translate("cli", "LR"), QStringLiteral("10"));
  const auto steps = valueOption(
      "steps", QCoreApplication::translate("cli", "Steps from the lowest to the highest (100)."),
      QCoreApplication::translate("cli", "N"), QStringLiteral("100"));
  const QCommandLineOption initHead(
      QStringLiteral("init-head"),
      QCoreApplication::translate("cli", "Continue training this saved head."),
      QCoreApplication::translate("cli", "HEAD.pt"));
  const QCommandLineOption noWarm(
      QStringLiteral("no-warm-start"),
      QCoreApplication::translate(
          "cli", "Do not start classes named like ImageNet's from the pretrained layer."));
  const PrecisionOption precision(QStringLiteral("auto"));
  const LossOptions loss;
  parser.addOptions({dataset.data, batch, wd, dataset.seed, val, dataset.testFraction, startLr,
                     endLr, steps, initHead, noWarm, dataset.cache, precision.option});
  loss.addTo(parser);
  if (const auto help = parser.parseOrHelp(arguments)) return help;
  a.data = dataset.folder(parser);
  a.json = parser.isSet(model.json);
  auto& t = a.train;
  readBackbone(parser, model, t);
  t.batchSize = static_cast<int>(numberOption(parser, batch, 1));
  t.weightDecay = numberOption(parser, wd, 0);
  a.scan = dataset.scan(parser);
  t.seed = a.scan.seed;
  t.validationFraction = numberOption(parser, val, 0);
  t.warmStart = !parser.isSet(noWarm);
  t.initialHeadPath = parser.value(initHead).toStdString();
  t.cacheRoot = parser.value(dataset.cache).toStdString();
  t.precision = precision.parse(parser);
  loss.apply(parser, t);
  a.finder.startLr = numberOption(parser, startLr, 0);
  a.finder.endLr = numberOption(parser, endLr, 0);
  a.finder.steps = static_cast<int>(numberOption(parser, steps, 2));
  requireBelowOne(t.validationFraction);
  return std::nullopt;
}

// Train's rate, the one to keep when the curve suggests none.
double defaultRate() { return headstart::TrainOptions{}.learningRate; }

json resultJson(const headstart::LrFinderResult& r) {
  json points = json::array();
  for (const auto& p : r.points)
    points.push_back(
        {{"lr", p.learningRate},
         {"loss", p.loss},
         {"smoothed_loss", p.smoothedLoss},
         {"centred_loss", std::isfinite(p.centredLoss) ? json(p.centredLoss) : json()}});
  json line{{"event", "lr_find"},
            {"suggestion", r.suggestion ? json(*r.suggestion) : json()},
            {"drop", r.drop},
            {"noise", r.noise},
            {"minimum_lr", r.minimumLr},
            {"diverged", r.diverged},
            {"points", points},
            {"extracted_images", r.extracted},
            {"cached_images", r.fromCache},
            {"seconds", r.seconds}};
  if (r.suggestion)
    line["valley"] = {r.valleyStartLr, r.valleyEndLr};
  else
    line["keep_lr"] = defaultRate();
  return line;
}

void printSuggestion(QTextStream& out, const headstart::LrFinderResult& r) {
  if (!r.suggestion) {
    out << QCoreApplication::translate(
               "cli",
               "No clear descent (the smoothed loss falls by %1 at most, its noise is %2); keeping "
               "the current rate %3\n")
               .arg(r.drop, 0, 'g', 2)
               .arg(r.noise, 0, 'g', 2)
               .arg(defaultRate(), 0, 'g', 3);
    return;
  }
  out << QCoreApplication::translate("cli",
                                     "Suggested learning rate: %1 (half-way down the smoothed "
                                     "loss's valley, %2 to %3; its minimum is at %4)\n")
             .arg(*r.suggestion, 0, 'g', 3)
             .arg(r.valleyStartLr, 0, 'g', 3)
             .arg(r.valleyEndLr, 0, 'g', 3)
             .arg(r.minimumLr, 0, 'g', 3);
}

void printTable(const headstart::LrFinderResult& r) {
  QTextStream out(stdout);
  out << QCoreApplication::translate("cli", "%1  %2  %3\n")
             .arg(QCoreApplication::translate("cli", "learning rate"), -13)
             .arg(QCoreApplication::translate("cli", "loss"), -9)
             .arg(QCoreApplication::translate("cli", "smoothed"));
  for (const auto& p : r.points) {
    out << QStringLiteral("%1  %2  %3")
               .arg(p.learningRate, -13, 'e', 3)
               .arg(p.loss, -9, 'f', 4)
               .arg(p.smoothedLoss, 0, 'f', 4);
    if (r.suggestion && p.learningRate == *r.suggestion)
      out << QCoreApplication::translate("cli", "  <- suggested");
    out << '\n';
  }
  printSuggestion(out, r);
  out << QCoreApplication::translate("cli",
                                     "(%1 s; %2 images through the backbone, %3 from the cache)\n")
             .arg(r.seconds, 0, 'f', 1)
             .arg(r.extracted)
             .arg(r.fromCache);
}

headstart::TrainingCallbacks progress(bool asJson) {
  headstart::TrainingCallbacks c;
  if (asJson) return c;
  c.extraction = showExtraction;
  c.batch = [](const headstart::BatchProgress& b) {
    statusLine(QCoreApplication::translate("cli", "Learning rate %1: %2/%3")
                   .arg(b.learningRate, 0, 'e', 2)
                   .arg(b.step)
                   .arg(b.steps));
  };
  return c;
}

int findLearningRate(const LrFindArgs& a) {
  const auto dataset = openDataset(a.data, a.scan, a.train.precision);
  if (!dataset.ok()) {
    printDatasetErrors(dataset);
    return kUsageOrSetupError;
  }
  const auto result = headstart::findLearningRate(dataset, a.train, a.finder, progress(a.json));
  endStatusLine();
  a.json ? printJsonLine(resultJson(result)) : printTable(result);
  return kOk;
}

}  // namespace

int runLrFind(const QStringList& arguments) {
  return runCommand("lr-find", arguments, parse, findLearningRate, errorPrefix(),
                    Progress::StatusLine);
}

}  // namespace cli
