#pragma once
// What several subcommands share: the opening and error handling of a command, the weights and
// dataset options, progress on a terminal, JSON summaries.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QTextStream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "headstart/dataset.h"
#include "headstart/precision.h"
#include "headstart/training.h"
#include "headstart/weights.h"

namespace cli {

// "headstart-cli NAME: " before an error in the command's arguments or its own work;
// "headstart-cli: " (no name) before an error of the engine.
QString errorPrefix(const char* command = nullptr);

// Reads a command's arguments with `parse`, which returns an exit code where the command ends
// there (after --help) and throws on a usage error: that error is printed after
// errorPrefix(command) and ends the command with kUsageOrSetupError.
std::optional<int> readArguments(const char* command,
                                 const std::function<std::optional<int>()>& parse);

// Whether a command's work draws a status line, below which an error message must start.
enum class Progress { Silent, StatusLine };

// Runs a command's work: an exception it throws is printed after `prefix`, and the command ends
// with kUsageOrSetupError.
int reportingErrors(const QString& prefix, Progress progress, const std::function<int()>& work);

// A command in two steps: `parse` reads the arguments into Args (see readArguments), then `work`
// does the rest (see reportingErrors).
template <class Args>
int runCommand(const char* command, const QStringList& arguments,
               std::optional<int> (*parse)(const QStringList&, Args&), int (*work)(const Args&),
               const QString& workErrorPrefix, Progress progress) {
  Args args;
  if (const auto stop = readArguments(command, [&] { return parse(arguments, args); }))
    return *stop;
  return reportingErrors(workErrorPrefix, progress, [&] { return work(args); });
}

// A command's parser: its description and --help.
class CommandParser final : public QCommandLineParser {
 public:
  // `command`: the subcommand's name, for the help's usage line ("headstart-cli train").
  CommandParser(const char* command, const QString& description);
  // As QCommandLineParser's, and remembered for the usage line.
  void addPositionalArgument(const QString& name, const QString& description,
                             const QString& syntax);
  // Parses the arguments; after --help prints it and returns kOk. Throws headstart::Error with
  // the parser's message when they do not parse.
  std::optional<int> parseOrHelp(const QStringList& arguments);
  // The help: "Usage: headstart-cli NAME [options] ARGS", then QCommandLineParser's text.
  QString help() const;

 private:
  QString m_command;
  QStringList m_positionalSyntax;
};

struct ModelOptions {
  QCommandLineOption weights{QStringLiteral("weights"),
                             QCoreApplication::translate("cli", "Pretrained weights file (.pth)."),
                             QCoreApplication::translate("cli", "FILE")};
  QCommandLineOption arch{
      QStringLiteral("arch"),
      QCoreApplication::translate("cli",
                                  "resnet18, resnet34, resnet50, resnet101 or resnet152. Default: "
                                  "the one the --weights file holds, else resnet50."),
      QCoreApplication::translate("cli", "NAME")};
  QCommandLineOption json{
      QStringLiteral("json"),
      QCoreApplication::translate("cli", "Machine-readable output: JSON lines.")};
  void addTo(QCommandLineParser& parser) const { parser.addOptions({weights, arch, json}); }
};

// The line, when not empty, saying that the precision asked for cannot run here.
void printPrecisionNotice(const std::string& notice);

// For int8: one line on stderr naming the images that calibrated it; nothing otherwise.
void printCalibration(QTextStream& err, const headstart::PrecisionChoice& choice);

// --precision exact|fast|auto|int8, with the command's own default.
struct PrecisionOption {
  explicit PrecisionOption(const QString& defaultName);
  QCommandLineOption option;
  // Throws headstart::Error naming the value when it is none of the three.
  headstart::Precision parse(const QCommandLineParser& parser) const;
};

// --label-smoothing F and --balance: how the head's loss is computed (train and lr-find).
struct LossOptions {
  LossOptions();
  QCommandLineOption labelSmoothing;
  QCommandLineOption balance;
  void addTo(QCommandLineParser& parser) const { parser.addOptions({labelSmoothing, balance}); }
  // Throws headstart::Error naming the option when a value is out of range.
  void apply(const QCommandLineParser& parser, headstart::TrainOptions& options) const;
};

// --schedule constant|cosine|onecycle and --warmup-epochs F (train).
struct ScheduleOptions {
  ScheduleOptions();
  QCommandLineOption schedule;
  QCommandLineOption warmup;
  void addTo(QCommandLineParser& parser) const { parser.addOptions({schedule, warmup}); }
  void apply(const QCommandLineParser& parser, headstart::TrainOptions& options) const;
};

// --data, --cache-dir, --test-fraction and --seed of the commands that read a dataset. Each adds
// them itself: its --help lists them among its other options, in its own order.
struct DatasetOptions {
  // Evaluate's seed only splits the dataset; the others' also seeds their training.
  explicit DatasetOptions(const QString& seedHelp = defaultSeedHelp());
  static QString defaultSeedHelp();
  QCommandLineOption data;
  QCommandLineOption cache;
  QCommandLineOption testFraction;
  QCommandLineOption seed;
  // The folder; throws headstart::Error when --data is missing.
  QString folder(const QCommandLineParser& parser) const;
  // --test-fraction and --seed; throws headstart::Error when one is invalid.
  headstart::ScanOptions scan(const QCommandLineParser& parser) const;
};

// Throws headstart::Error when a fraction of the images is not below 1.
void requireBelowOne(double fraction);

// The opening of train, evaluate, doctor and lr-find: the notice when the precision asked for
// cannot run here, then the dataset scanned (its errors are for the command to report).
headstart::DatasetReport openDataset(const QString& folder, const headstart::ScanOptions& scan,
                                     headstart::Precision precision);
// Each of the dataset's errors as a line "headstart-cli: error: ..." on stderr.
void printDatasetErrors(const headstart::DatasetReport& dataset);
void printSkipped(QTextStream& out, const std::vector<headstart::SkippedFile>& files);

// --head HEAD.pt, with the command's own description of the head.
QCommandLineOption headOption(const QString& help);

// The arch named on the command line; throws headstart::Error when unknown.
headstart::Arch parseArch(const QString& name);

// --arch if given, else the arch of the --weights file (read from its names and shapes), else
// resnet50. Throws headstart::Error when the weights file is no usable ResNet.
headstart::Arch archFor(const QCommandLineParser& parser, const QCommandLineOption& arch,
                        const QCommandLineOption& weights);

// --weights, else the path saved in the settings for this arch, else torchvision's cache.
headstart::ResolvedWeights resolveWeights(const QCommandLineParser& parser,
                                          const QCommandLineOption& weights, headstart::Arch arch);

// The arch, weights and preset of `options` (train's, doctor's, ...) from --arch and --weights.
template <class Options>
void readBackbone(const QCommandLineParser& parser, const ModelOptions& model, Options& options) {
  options.arch = archFor(parser, model.arch, model.weights);
  const auto weights = resolveWeights(parser, model.weights, options.arch);
  options.weightsPath = weights.path;
  options.preset = weights.preset;
}

bool stderrIsTerminal();

// Rewrites one status line on a terminal; prints nothing elsewhere.
void statusLine(const QString& text);
void endStatusLine();
// Empties the status line and leaves the cursor at its start, for a line on stdout.
void clearStatusLine();
// "Extracting features: done/total ..." while train or lr-find extracts them.
void showExtraction(const headstart::ExtractionProgress& p);

void printJsonLine(const nlohmann::json& line);

nlohmann::json skippedJson(const std::vector<headstart::SkippedFile>& files);
nlohmann::json evaluationJson(const headstart::Evaluation& e);
// "accuracy", or "fast (bfloat16) accuracy" / "turbo (int8) accuracy": a figure not measured in
// 32-bit floats, as exports compute, says so.
QString accuracyName(headstart::Precision measuredIn);
// `measuredIn`: the precision (never Auto) the test features were computed in.
void printEvaluation(const headstart::Evaluation& e,
                     headstart::Precision measuredIn = headstart::Precision::Exact);

// Reads a number option; throws headstart::Error naming the option when it is not one.
double numberOption(const QCommandLineParser& parser, const QCommandLineOption& option, double min);
// A size in bytes: a number with an optional K, M, G or T (binary: 4G = 4 GiB; B, iB accepted).
int64_t sizeOption(const QCommandLineParser& parser, const QCommandLineOption& option);

}  // namespace cli
