#pragma once
// What several subcommands share: the weights options, progress on a terminal, JSON summaries.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QTextStream>
#include <nlohmann/json.hpp>

#include "headstart/precision.h"
#include "headstart/training.h"
#include "headstart/weights.h"

namespace cli {

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

// The arch named on the command line; throws headstart::Error when unknown.
headstart::Arch parseArch(const QString& name);

// --arch if given, else the arch of the --weights file (read from its names and shapes), else
// resnet50. Throws headstart::Error when the weights file is no usable ResNet.
headstart::Arch archFor(const QCommandLineParser& parser, const QCommandLineOption& arch,
                        const QCommandLineOption& weights);

// --weights, else the path saved in the settings for this arch, else torchvision's cache.
headstart::ResolvedWeights resolveWeights(const QCommandLineParser& parser,
                                          const ModelOptions& model, headstart::Arch arch);

bool stderrIsTerminal();

// Rewrites one status line on a terminal; prints nothing elsewhere.
void statusLine(const QString& text);
void endStatusLine();

nlohmann::json skippedJson(const std::vector<headstart::SkippedFile>& files);
nlohmann::json evaluationJson(const headstart::Evaluation& e);
void printEvaluation(const headstart::Evaluation& e);

// Reads a number option; throws headstart::Error naming the option when it is not one.
double numberOption(const QCommandLineParser& parser, const QCommandLineOption& option, double min);
// A size in bytes: a number with an optional K, M, G or T (binary: 4G = 4 GiB; B, iB accepted).
int64_t sizeOption(const QCommandLineParser& parser, const QCommandLineOption& option);

}  // namespace cli
