#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

#include "cli/commands.h"
#include "cli/common.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/onnx_export.h"
#include "headstart/training.h"

namespace cli {
namespace {

using nlohmann::json;

json datasetJson(const headstart::DatasetReport& d) {
  json counts = json::array();
  for (const auto& c : d.counts)
    counts.push_back({{"class", c.name}, {"train", c.train}, {"test", c.test}});
  return {{"event", "dataset"},
          {"root", d.root},
          {"layout", headstart::layoutName(d.layout)},
          {"classes", d.classes},
          {"counts", counts},
          {"skipped", skippedJson(d.skipped)},
          {"excluded", d.excluded},
          {"warnings", d.warnings},
          {"errors", d.errors}};
}

void printDataset(const headstart::DatasetReport& d) {
  QTextStream out(stdout);
  out << QCoreApplication::translate(
             "cli", "Dataset %1 (%2): %3 classes, %4 training and %5 test images\n")
             .arg(QString::fromStdString(d.root),
                  QString::fromLatin1(headstart::layoutName(d.layout)))
             .arg(d.classes.size())
             .arg(d.train.size())
             .arg(d.test.size());
  printSkipped(out, d.skipped);
  for (const auto& e : d.excluded) {
    out << QCoreApplication::translate("cli",
                                       "  excluded %1 (listed in .headstart/excluded.json)\n")
               .arg(QString::fromStdString(e));
  }
  for (const auto& w : d.warnings)
    out << QCoreApplication::translate("cli", "  warning: %1\n").arg(QString::fromStdString(w));
  out.flush();
  printDatasetErrors(d);
}

headstart::TrainingCallbacks callbacks(bool asJson, int epochs) {
  headstart::TrainingCallbacks c;
  c.extraction = [asJson](const headstart::ExtractionProgress& p) {
    if (asJson) {
      printJsonLine({{"event", "extraction"},
                     {"done", p.done},
                     {"total", p.total},
                     {"cached", p.fromCache},
                     {"images_per_second", p.imagesPerSecond},
                     {"eta_seconds", p.etaSeconds}});
    } else {
      showExtraction(p);
    }
  };
  c.batch = [asJson](const headstart::BatchProgress& b) {
    if (asJson) {
      printJsonLine({{"event", "batch"},
                     {"epoch", b.epoch},
                     {"step", b.step},
                     {"steps", b.steps},
                     {"loss", b.loss},
                     {"loss_mean", b.lossMean},
                     {"lr", b.learningRate}});
    } else {
      statusLine(QCoreApplication::translate("cli", "Epoch %1/%2, loss_mean=%3: %4/%5")
                     .arg(b.epoch)
                     .arg(b.epochs)
                     .arg(b.lossMean, 0, 'f', 3)
                     .arg(b.step)
                     .arg(b.steps));
    }
  };
  c.epoch = [asJson, epochs](const headstart::EpochResult& e) {
    json line{{"event", "epoch"}, {"epoch", e.epoch}, {"train_loss", e.trainLoss}};
    QString text = QCoreApplication::translate("cli", "Epoch %1/%2, loss_mean=%3")
                       .arg(e.epoch)
                       .arg(epochs)
                       .arg(e.trainLoss, 0, 'f', 3);
    if (e.validationLoss) {
      line["validation_loss"] = *e.validationLoss;
      line["validation_accuracy"] = *e.validationAccuracy;
      text += QCoreApplication::translate("cli", ", validation loss %1, accuracy %2")
                  .arg(*e.validationLoss, 0, 'f', 3)
                  .arg(*e.validationAccuracy, 0, 'f', 3);
    }
    if (asJson) {
      printJsonLine(line);
    } else {
      clearStatusLine();
      QTextStream(stdout) << text << '\n';
    }
  };
  return c;
}

struct TrainArgs {
  headstart::TrainOptions train;
  headstart::ScanOptions scan;
  QString data, out, onnx;
  bool json = false, withModel = true;
};

// Each view costs one more backbone pass per training image, and its features stay cached.
constexpr int kMaxAugmentViews = 32;

std::optional<int> parse(const QStringList& arguments, TrainArgs& a) {
  CommandParser parser(
      "train", QCoreApplication::translate("cli", "Trains a new final layer on a frozen ResNet."));
  ModelOptions model;
  model.addTo(parser);
  const DatasetOptions dataset;
  const QCommandLineOption epochs(QStringLiteral("epochs"),
                                  QCoreApplication::translate("cli", "Epochs (5)."),
                                  QCoreApplication::translate("cli", "N"), QStringLiteral("5"));
  const QCommandLineOption batch(QStringLiteral("batch-size"),
                                 QCoreApplication::translate("cli", "Batch size (32)."),
                                 QCoreApplication::translate("cli", "N"), QStringLiteral("32"));
  const QCommandLineOption lr(QStringLiteral("lr"),
                              QCoreApplication::translate("cli", "Adam learning rate (0.001)."),
                              QCoreApplication::translate("cli", "LR"), QStringLiteral("0.001"));
  const QCommandLineOption wd(QStringLiteral("weight-decay"),
                              QCoreApplication::translate("cli", "Weight decay (0.001)."),
                              QCoreApplication::translate("cli", "WD"), QStringLiteral("0.001"));
  const QCommandLineOption val(
      QStringLiteral("val-fraction"),
      QCoreApplication::translate(
          "cli", "Part of train held out for validation and best-epoch selection (0)."),
      QCoreApplication::translate("cli", "F"), QStringLiteral("0"));
  const QCommandLineOption patience(
      QStringLiteral("patience"),
      QCoreApplication::translate("cli",
                                  "Stop after N epochs without validation improvement (0: never)."),
      QCoreApplication::translate("cli", "N"), QStringLiteral("0"));
  const QCommandLineOption out(
      QStringLiteral("out"),
      QCoreApplication::translate(
          "cli",
          "Where to save the head (NAME.pt, NAME-model.pt, NAME.json). Default: <dataset>.pt"),
      QCoreApplication::translate("cli", "HEAD.pt"));
  const QCommandLineOption initHead(
      QStringLiteral("init-head"),
      QCoreApplication::translate("cli", "Continue training this saved head."),
      QCoreApplication::translate("cli", "HEAD.pt"));
  const QCommandLineOption noWarm(
      QStringLiteral("no-warm-start"),
      QCoreApplication::translate(
          "cli", "Do not start classes named like ImageNet's from the pretrained layer."));
  const QCommandLineOption noModel(
      QStringLiteral("no-model"),
      QCoreApplication::translate("cli", "Save the head and manifest only, not the whole model."));
  const PrecisionOption precision(QStringLiteral("auto"));
  const ScheduleOptions schedule;
  const LossOptions loss;
  const QCommandLineOption onnx(
      QStringLiteral("onnx"),
      QCoreApplication::translate("cli", "Also save the model as ONNX, preprocessing inside."),
      QCoreApplication::translate("cli", "FILE"));
  const QCommandLineOption augment(
      QStringLiteral("augment"),
      QCoreApplication::translate(
          "cli", "Augmented views per training image besides the centre crop (0: none)."),
      QCoreApplication::translate("cli", "N"), QStringLiteral("0"));
  const QCommandLineOption tta(
      QStringLiteral("tta"),
      QCoreApplication::translate(
          "cli", "Test with each image and its mirror image, probabilities averaged."));
  const QCommandLineOption lastStage(
      QStringLiteral("train-last-stage"),
      QCoreApplication::translate(
          "cli",
          "Fine-tune layer4 together with the new final layer (layer3's output is cached)."));
  const QCommandLineOption stageLr(
      QStringLiteral("stage-lr-factor"),
      QCoreApplication::translate("cli",
                                  "layer4's learning rate relative to the final layer's (0.1)."),
      QCoreApplication::translate("cli", "F"), QStringLiteral("0.1"));
  const QCommandLineOption headEpochs(
      QStringLiteral("head-epochs"),
      QCoreApplication::translate(
          "cli", "With --train-last-stage: final-layer-only epochs before layer4 trains (1)."),
      QCoreApplication::translate("cli", "N"), QStringLiteral("1"));
  const QCommandLineOption budget(
      QStringLiteral("cache-budget"),
      QCoreApplication::translate(
          "cli", "Disk space for cached layer3 outputs, e.g. 4G or 500M (4G); oldest evicted."),
      QCoreApplication::translate("cli", "SIZE"), QStringLiteral("4G"));
  parser.addOptions({dataset.data,
                     epochs,
                     batch,
                     lr,
                     wd,
                     dataset.seed,
                     val,
                     patience,
                     dataset.testFraction,
                     out,
                     initHead,
                     noWarm,
                     noModel,
                     dataset.cache,
                     precision.option,
                     onnx,
                     lastStage,
                     stageLr,
                     headEpochs,
                     budget,
                     augment,
                     tta});
  schedule.addTo(parser);
  loss.addTo(parser);
  if (const auto help = parser.parseOrHelp(arguments)) return help;
  a.data = dataset.folder(parser);
  a.json = parser.isSet(model.json);
  a.withModel = !parser.isSet(noModel);
  a.onnx = parser.value(onnx);
  auto& t = a.train;
  readBackbone(parser, model, t);
  t.epochs = static_cast<int>(numberOption(parser, epochs, 1));
  t.batchSize = static_cast<int>(numberOption(parser, batch, 1));
  t.learningRate = numberOption(parser, lr, 0);
  t.weightDecay = numberOption(parser, wd, 0);
  a.scan = dataset.scan(parser);
  t.seed = a.scan.seed;
  t.validationFraction = numberOption(parser, val, 0);
  t.patience = static_cast<int>(numberOption(parser, patience, 0));
  t.warmStart = !parser.isSet(noWarm);
  t.initialHeadPath = parser.value(initHead).toStdString();
  t.cacheRoot = parser.value(dataset.cache).toStdString();
  t.precision = precision.parse(parser);
  schedule.apply(parser, t);
  loss.apply(parser, t);
  t.augment.views = static_cast<int>(numberOption(parser, augment, 0));
  if (t.augment.views > kMaxAugmentViews) {
    throw headstart::Error(QCoreApplication::translate("cli", "--augment: at most %1 views")
                               .arg(kMaxAugmentViews)
                               .toStdString());
  }
  t.testTimeFlip = parser.isSet(tta);
  t.trainLastStage = parser.isSet(lastStage);
  t.stageLearningRateFactor = numberOption(parser, stageLr, 0);
  t.headWarmupEpochs = static_cast<int>(numberOption(parser, headEpochs, 0));
  t.cacheBudgetBytes = sizeOption(parser, budget);
  requireBelowOne(t.validationFraction);
  a.out =
      parser.isSet(out) ? parser.value(out) : QFileInfo(a.data).fileName() + QStringLiteral(".pt");
  return std::nullopt;
}

json summaryJson(const headstart::TrainResult& r, const headstart::DatasetReport& d,
                 const headstart::ExportPaths& files, const QString& onnx) {
  json line = evaluationJson(r.test);
  line["event"] = "summary";
  auto skipped = d.skipped;
  skipped.insert(skipped.end(), r.unreadable.begin(), r.unreadable.end());
  line["skipped"] = skippedJson(skipped);
  line["seconds"] = r.seconds;
  line["best_epoch"] = r.bestEpoch;
  line["backbone_precision"] = headstart::precisionName(r.precision.used);
  if (!r.precision.calibration.empty()) line["calibration"] = r.precision.calibration;
  line["augment_views"] = r.options.augment.views;
  line["test_time_augmentation"] = r.options.testTimeFlip ? "flip" : "none";
  line["extracted_images"] = r.extracted;
  if (r.stage) {
    line["trained"] = {"layer4", "fc"};
    line["map_cache"] = {{"entries", r.mapCache.entries},
                         {"bytes", r.mapCache.bytes},
                         {"budget_bytes", r.mapCache.budgetBytes},
                         {"evicted", r.mapCache.evicted},
                         {"evicted_bytes", r.mapCache.evictedBytes}};
  }
  line["cached_images"] = r.fromCache;
  line["warm_started_classes"] = r.warmStartedClasses;
  if (r.zeroTrainingAccuracy) line["zero_training_accuracy"] = *r.zeroTrainingAccuracy;
  line["test_precision"] = headstart::precisionName(headstart::Precision::Exact);
  if (r.testAccuracyAsTrained) line["test_accuracy_as_trained"] = *r.testAccuracyAsTrained;
  line["files"] = {{"head", files.head}, {"manifest", files.manifest}};
  if (!files.model.empty()) line["files"]["model"] = files.model;
  if (!onnx.isEmpty()) line["files"]["onnx"] = onnx.toStdString();
  return line;
}

void printSummary(const headstart::TrainResult& result, const headstart::ExportPaths& files,
                  const QString& onnx) {
  QTextStream out(stdout);
  printSkipped(out, result.unreadable);
  if (result.zeroTrainingAccuracy) {
    out << QCoreApplication::translate(
               "cli",
               "Warm start from ImageNet for %n class(es): test accuracy %1 before training\n",
               nullptr, int(result.warmStartedClasses.size()))
               .arg(*result.zeroTrainingAccuracy, 0, 'f', 4);
  }
  out.flush();
  printEvaluation(result.test);
  if (result.testAccuracyAsTrained) {
    out << QCoreApplication::translate(
               "cli", "Test, %1 as trained: %2 (the figures above are exact, as exports compute)\n")
               .arg(accuracyName(result.precision.used))
               .arg(*result.testAccuracyAsTrained, 0, 'f', 4);
  }
  out << QCoreApplication::translate(
             "cli", "Saved %1 and %2 (%3 s; %4 images through the backbone, %5 from the cache)\n")
             .arg(QString::fromStdString(files.head), QString::fromStdString(files.manifest))
             .arg(result.seconds, 0, 'f', 1)
             .arg(result.extracted)
             .arg(result.fromCache);
  if (result.stage && result.mapCache.evicted > 0) {
    out << QCoreApplication::translate(
               "cli", "Evicted %1 older layer3 cache entries (%2 MiB) to stay within %3 MiB\n")
               .arg(result.mapCache.evicted)
               .arg(double(result.mapCache.evictedBytes) / (1 << 20), 0, 'f', 1)
               .arg(double(result.mapCache.budgetBytes) / (1 << 20), 0, 'f', 0);
  }
  for (const auto& also : {QString::fromStdString(files.model), onnx})
    if (!also.isEmpty()) out << QCoreApplication::translate("cli", "Saved %1\n").arg(also);
}

int train(const TrainArgs& a) {
  const auto dataset = openDataset(a.data, a.scan, a.train.precision);
  a.json ? printJsonLine(datasetJson(dataset)) : printDataset(dataset);
  if (!dataset.ok()) return kUsageOrSetupError;
  const int epochs = a.train.epochs + (a.train.trainLastStage ? a.train.headWarmupEpochs : 0);
  const auto result = headstart::train(dataset, a.train, callbacks(a.json, epochs));
  if (!a.json) {
    QTextStream err(stderr);
    printCalibration(err, result.precision);
  }
  auto files = headstart::exportTrained(a.out.toStdString(), result, a.withModel);
  if (!a.withModel && !result.stage) files.model.clear();  // a fine-tuned run keeps it
  if (!a.onnx.isEmpty()) {
    // A fine-tuned layer4 is in the exported whole model only.
    const headstart::OnnxSource source =
        result.stage ? headstart::OnnxSource{files.model, "layer4+head"} : headstart::OnnxSource{};
    headstart::exportOnnx(a.onnx.toStdString(), result, source);
  }
  if (a.json) {
    printJsonLine(summaryJson(result, dataset, files, a.onnx));
    return kOk;
  }
  printSummary(result, files, a.onnx);
  return kOk;
}

}  // namespace

int runTrain(const QStringList& arguments) {
  return runCommand("train", arguments, parse, train, errorPrefix(), Progress::StatusLine);
}

}  // namespace cli
