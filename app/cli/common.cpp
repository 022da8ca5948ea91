#include "cli/common.h"

#include <unistd.h>

#include <QCoreApplication>
#include <QSettings>
#include <QTextStream>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "cli/commands.h"
#include "headstart/error.h"

namespace cli {

QString errorPrefix(const char* command) {
  return command ? QStringLiteral("headstart-cli %1: ").arg(QLatin1String(command))
                 : QStringLiteral("headstart-cli: ");
}

namespace {

void printError(const QString& prefix, const std::exception& e) {
  QTextStream(stderr) << prefix << QString::fromStdString(e.what()) << '\n';
}

}  // namespace

std::optional<int> readArguments(const char* command,
                                 const std::function<std::optional<int>()>& parse) {
  try {
    return parse();
  } catch (const std::exception& e) {
    printError(errorPrefix(command), e);
    return kUsageOrSetupError;
  }
}

int reportingErrors(const QString& prefix, Progress progress, const std::function<int()>& work) {
  try {
    return work();
  } catch (const std::exception& e) {
    if (progress == Progress::StatusLine) endStatusLine();
    printError(prefix, e);
    return kUsageOrSetupError;
  }
}

CommandParser::CommandParser(const char* command, const QString& description)
    : m_command(QLatin1String(command)) {
  setApplicationDescription(description);
  addHelpOption();
}

void CommandParser::addPositionalArgument(const QString& name, const QString& description,
                                          const QString& syntax) {
  QCommandLineParser::addPositionalArgument(name, description, syntax);
  m_positionalSyntax << (syntax.isEmpty() ? name : syntax);
}

QString CommandParser::help() const {
  // Qt's own usage line names argv[0], a path ("./headstart-cli"), and no subcommand.
  QString usage =
      QCoreApplication::translate("cli", "Usage: headstart-cli %1 [options]").arg(m_command);
  for (const auto& syntax : m_positionalSyntax) usage += QLatin1Char(' ') + syntax;
  const QString qtHelp = helpText();
  const auto firstLineEnd = qtHelp.indexOf(QLatin1Char('\n'));
  return usage + (firstLineEnd < 0 ? QStringLiteral("\n") : qtHelp.mid(firstLineEnd));
}

std::optional<int> CommandParser::parseOrHelp(const QStringList& arguments) {
  if (!parse(arguments)) throw headstart::Error(errorText().toStdString());
  if (!isSet(QStringLiteral("help"))) return std::nullopt;
  QTextStream(stdout) << help();
  return kOk;
}

DatasetOptions::DatasetOptions(const QString& seedHelp)
    : data(QStringLiteral("data"), QCoreApplication::translate("cli", "Dataset folder."),
           QCoreApplication::translate("cli", "DIR")),
      cache(QStringLiteral("cache-dir"),
            QCoreApplication::translate("cli", "Feature cache folder ('-' for none)."),
            QCoreApplication::translate("cli", "DIR")),
      testFraction(QStringLiteral("test-fraction"),
                   QCoreApplication::translate(
                       "cli", "Test part when the folder has no train/test split (0.2)."),
                   QCoreApplication::translate("cli", "F"), QStringLiteral("0.2")),
      seed(QStringLiteral("seed"), seedHelp, QCoreApplication::translate("cli", "N"),
           QStringLiteral("0")) {}

QString DatasetOptions::defaultSeedHelp() {
  return QCoreApplication::translate("cli", "Random seed (0).");
}

QString DatasetOptions::folder(const QCommandLineParser& parser) const {
  if (!parser.isSet(data))
    throw headstart::Error(
        QCoreApplication::translate("cli", "--data DIR is required").toStdString());
  return parser.value(data);
}

headstart::ScanOptions DatasetOptions::scan(const QCommandLineParser& parser) const {
  headstart::ScanOptions options;
  options.seed = static_cast<uint64_t>(numberOption(parser, seed, 0));
  options.testFraction = numberOption(parser, testFraction, 0);
  requireBelowOne(options.testFraction);
  return options;
}

void requireBelowOne(double fraction) {
  if (fraction >= 1)
    throw headstart::Error(
        QCoreApplication::translate("cli", "fractions must be below 1").toStdString());
}

headstart::DatasetReport openDataset(const QString& folder, const headstart::ScanOptions& scan,
                                     headstart::Precision precision) {
  printPrecisionNotice(headstart::choosePrecision(precision).notice);
  return headstart::scanDataset(folder.toStdString(), scan);
}

void printDatasetErrors(const headstart::DatasetReport& dataset) {
  QTextStream err(stderr);
  for (const auto& e : dataset.errors)
    err << QCoreApplication::translate("cli", "headstart-cli: error: %1\n")
               .arg(QString::fromStdString(e));
}

void printSkipped(QTextStream& out, const std::vector<headstart::SkippedFile>& files) {
  for (const auto& s : files) {
    out << QCoreApplication::translate("cli", "  skipped %1: %2\n")
               .arg(QString::fromStdString(s.path), QString::fromStdString(s.reason));
  }
}

QCommandLineOption headOption(const QString& help) {
  return QCommandLineOption(QStringLiteral("head"), help,
                            QCoreApplication::translate("cli", "HEAD.pt"));
}

PrecisionOption::PrecisionOption(const QString& defaultName)
    : option(QStringLiteral("precision"),
             QCoreApplication::translate("cli",
                                         "exact (32-bit, the same numbers as PyTorch), fast "
                                         "(bfloat16, where the processor has it natively), "
                                         "auto (fast where native) or int8 (turbo: the "
                                         "fastest, may cost a little accuracy). Default: %1.")
                 .arg(defaultName),
             QCoreApplication::translate("cli", "MODE"), defaultName) {}

headstart::Precision PrecisionOption::parse(const QCommandLineParser& parser) const {
  const auto value = parser.value(option);
  const auto precision = headstart::precisionFromName(value.toStdString());
  if (!precision) {
    throw headstart::Error(QCoreApplication::translate(
                               "cli", "invalid --precision '%1' (use exact, fast, auto or int8)")
                               .arg(value)
                               .toStdString());
  }
  return *precision;
}

void printPrecisionNotice(const std::string& notice) {
  if (!notice.empty())
    QTextStream(stderr) << errorPrefix() << QString::fromStdString(notice) << '\n';
}

void printCalibration(QTextStream& err, const headstart::PrecisionChoice& choice) {
  if (choice.used != headstart::Precision::Int8) return;
  err << QCoreApplication::translate("cli", "headstart-cli: int8 precision, calibrated on %1\n")
             .arg(QString::fromStdString(choice.calibration));
}

headstart::Arch parseArch(const QString& name) {
  const auto arch = headstart::archFromName(name.toStdString());
  if (!arch)
    throw headstart::Error(
        QCoreApplication::translate("cli", "unknown --arch '%1'").arg(name).toStdString());
  return *arch;
}

headstart::Arch archFor(const QCommandLineParser& parser, const QCommandLineOption& arch,
                        const QCommandLineOption& weights) {
  if (parser.isSet(arch)) return parseArch(parser.value(arch));
  if (!parser.isSet(weights)) return headstart::Arch::ResNet50;
  const auto found = headstart::inspectWeights(parser.value(weights).toStdString());
  switch (found.kind) {
    case headstart::WeightsKind::Backbone:
      return found.arch;
    case headstart::WeightsKind::Trained:
      throw headstart::Error(
          QCoreApplication::translate(
              "cli",
              "%1: a layer trained by HeadStart, not pretrained weights; pass it with --head")
              .arg(parser.value(weights))
              .toStdString());
    case headstart::WeightsKind::Unusable:
      break;
  }
  throw headstart::Error(found.problem);
}

headstart::ResolvedWeights resolveWeights(const QCommandLineParser& parser,
                                          const QCommandLineOption& weights, headstart::Arch arch) {
  const QString key =
      QStringLiteral("weights/") + QString::fromLatin1(headstart::archInfo(arch).name);
  return headstart::resolveWeights(arch, parser.value(weights).toStdString(),
                                   QSettings().value(key).toString().toStdString());
}

bool stderrIsTerminal() { return ::isatty(STDERR_FILENO) != 0; }

void statusLine(const QString& text) {
  if (!stderrIsTerminal()) return;
  std::fprintf(stderr, "\r\033[K%s", text.toLocal8Bit().constData());
  std::fflush(stderr);
}

void endStatusLine() {
  if (stderrIsTerminal()) std::fprintf(stderr, "\n");
}

void clearStatusLine() {
  statusLine(QString());
  if (stderrIsTerminal()) std::fprintf(stderr, "\r");
}

void showExtraction(const headstart::ExtractionProgress& p) {
  statusLine(
      QCoreApplication::translate("cli", "Extracting features: %1/%2 (%3 images/s, ETA %4 s)")
          .arg(p.done)
          .arg(p.total)
          .arg(p.imagesPerSecond, 0, 'f', 1)
          .arg(p.etaSeconds, 0, 'f', 0));
  if (p.done == p.total) endStatusLine();
}

void printJsonLine(const nlohmann::json& line) {
  QTextStream(stdout) << QString::fromStdString(line.dump()) << '\n';
}

nlohmann::json skippedJson(const std::vector<headstart::SkippedFile>& files) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : files) list.push_back({{"file", s.path}, {"reason", s.reason}});
  return list;
}

nlohmann::json evaluationJson(const headstart::Evaluation& e) {
  nlohmann::json perClass = nlohmann::json::array();
  for (const auto& m : e.perClass) {
    perClass.push_back({{"class", m.name},
                        {"precision", m.precision},
                        {"recall", m.recall},
                        {"f1", m.f1},
                        {"support", m.support}});
  }
  nlohmann::json mistakes = nlohmann::json::array();
  for (const auto& m : e.mistakes) {
    mistakes.push_back({{"image", m.path},
                        {"true", e.classes[size_t(m.trueClass)]},
                        {"predicted", e.classes[size_t(m.predictedClass)]},
                        {"confidence", m.confidence}});
  }
  return {{"test_images", e.count}, {"test_accuracy", e.accuracy},
          {"test_loss", e.loss},    {"test_top5_accuracy", e.top5Accuracy},
          {"classes", e.classes},   {"confusion", e.confusion},
          {"per_class", perClass},  {"mistakes", mistakes}};
}

QString accuracyName(headstart::Precision measuredIn) {
  switch (measuredIn) {
    case headstart::Precision::Fast:
      return QCoreApplication::translate("cli", "fast (bfloat16) accuracy");
    case headstart::Precision::Int8:
      return QCoreApplication::translate("cli", "turbo (int8) accuracy");
    default:
      return QCoreApplication::translate("cli", "accuracy");
  }
}

void printEvaluation(const headstart::Evaluation& e, headstart::Precision measuredIn) {
  QTextStream out(stdout);
  out << QCoreApplication::translate(
             "cli", "Test: %n image(s), %1 %2, loss %3, top-5 accuracy %4\n", nullptr, int(e.count))
             .arg(accuracyName(measuredIn))
             .arg(e.accuracy, 0, 'f', 4)
             .arg(e.loss, 0, 'f', 4)
             .arg(e.top5Accuracy, 0, 'f', 4);
  out << QCoreApplication::translate("cli", "%1 %2 %3 %4 %5\n")
             .arg(QCoreApplication::translate("cli", "class"), -28)
             .arg(QCoreApplication::translate("cli", "precision"), 9)
             .arg(QCoreApplication::translate("cli", "recall"), 9)
             .arg(QCoreApplication::translate("cli", "f1"), 9)
             .arg(QCoreApplication::translate("cli", "support"), 8);
  for (const auto& m : e.perClass) {
    out << QString::fromStdString(m.name).leftJustified(28, ' ', true) << ' '
        << QString::number(m.precision, 'f', 3).rightJustified(9) << ' '
        << QString::number(m.recall, 'f', 3).rightJustified(9) << ' '
        << QString::number(m.f1, 'f', 3).rightJustified(9) << ' '
        << QString::number(m.support).rightJustified(8) << '\n';
  }
}

double numberOption(const QCommandLineParser& parser, const QCommandLineOption& option,
                    double min) {
  bool ok = false;
  const double value = parser.value(option).toDouble(&ok);
  if (!ok || value < min) {
    throw headstart::Error(QCoreApplication::translate("cli", "invalid --%1 '%2'")
                               .arg(option.names().first(), parser.value(option))
                               .toStdString());
  }
  return value;
}

LossOptions::LossOptions()
    : labelSmoothing(QStringLiteral("label-smoothing"),
                     QCoreApplication::translate(
                         "cli", "Label smoothing of the cross-entropy, from 0 to below 1 (0)."),
                     QCoreApplication::translate("cli", "F"), QStringLiteral("0")),
      balance(QStringLiteral("balance"),
              QCoreApplication::translate(
                  "cli",
                  "Weight each class's loss by the inverse of its share of the training "
                  "images, for imbalanced folders.")) {}

void LossOptions::apply(const QCommandLineParser& parser, headstart::TrainOptions& options) const {
  options.labelSmoothing = numberOption(parser, labelSmoothing, 0);
  if (options.labelSmoothing >= 1) {
    throw headstart::Error(QCoreApplication::translate("cli", "invalid --%1 '%2'")
                               .arg(labelSmoothing.names().first(), parser.value(labelSmoothing))
                               .toStdString());
  }
  options.balance = parser.isSet(balance);
}

ScheduleOptions::ScheduleOptions()
    : schedule(QStringLiteral("schedule"),
               QCoreApplication::translate(
                   "cli", "Learning-rate schedule: constant, cosine or onecycle (constant)."),
               QCoreApplication::translate("cli", "NAME"), QStringLiteral("constant")),
      warmup(QStringLiteral("warmup-epochs"),
             QCoreApplication::translate(
                 "cli",
                 "Epochs of linear learning-rate warm-up, may be fractional; for "
                 "onecycle, of its rise (0; onecycle: 30% of the steps)."),
             QCoreApplication::translate("cli", "F"), QStringLiteral("0")) {}

void ScheduleOptions::apply(const QCommandLineParser& parser,
                            headstart::TrainOptions& options) const {
  const auto name = parser.value(schedule);
  const auto kind = headstart::scheduleFromName(name.toStdString());
  if (!kind) {
    throw headstart::Error(QCoreApplication::translate("cli", "invalid --%1 '%2'")
                               .arg(schedule.names().first(), name)
                               .toStdString());
  }
  options.schedule = *kind;
  options.warmupEpochs = numberOption(parser, warmup, 0);
}

int64_t sizeOption(const QCommandLineParser& parser, const QCommandLineOption& option) {
  QString text = parser.value(option).trimmed().toUpper();
  for (const char* suffix : {"IB", "B"}) {
    if (text.endsWith(QLatin1String(suffix)) && text.size() > int(std::strlen(suffix))) {
      text.chop(int(std::strlen(suffix)));
      break;
    }
  }
  double unit = 1;
  const QString units = QStringLiteral("KMGT");
  if (!text.isEmpty() && units.contains(text.back())) {
    unit = std::pow(1024.0, units.indexOf(text.back()) + 1);
    text.chop(1);
  }
  bool ok = false;
  const double value = text.toDouble(&ok) * unit;
  if (!ok || value < 1 || value > 9e18) {
    throw headstart::Error(QCoreApplication::translate("cli", "invalid --%1 '%2'")
                               .arg(option.names().first(), parser.value(option))
                               .toStdString());
  }
  return static_cast<int64_t>(value);
}

}  // namespace cli
