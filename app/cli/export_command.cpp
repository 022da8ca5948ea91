// `headstart-cli export`: writes a saved run again in another format (ONNX), from its manifest.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>
#include <optional>

#include "cli/commands.h"
#include "cli/common.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/onnx_export.h"
#include "headstart/sha256.h"

namespace cli {
namespace {

struct ExportArgs {
  QString head, onnx;
  std::optional<QString> weights;  // instead of those the manifest names
};

std::optional<int> parse(const QStringList& arguments, ExportArgs& a) {
  CommandParser parser(
      "export",
      QCoreApplication::translate(
          "cli", "Writes a trained head as an ONNX model with its preprocessing inside."));
  const auto head = headOption(
      QCoreApplication::translate("cli", "The trained head (NAME.pt or its NAME.json)."));
  const QCommandLineOption onnx(QStringLiteral("onnx"),
                                QCoreApplication::translate("cli", "The ONNX file to write."),
                                QCoreApplication::translate("cli", "FILE"));
  const QCommandLineOption weights(
      QStringLiteral("weights"),
      QCoreApplication::translate(
          "cli",
          "The pretrained weights the head was trained on, when not where the manifest "
          "says."),
      QCoreApplication::translate("cli", "FILE"));
  parser.addOptions({head, onnx, weights});
  if (const auto help = parser.parseOrHelp(arguments)) return help;
  if (!parser.isSet(head) || !parser.isSet(onnx)) {
    QTextStream(stderr) << QCoreApplication::translate(
        "cli", "headstart-cli export: --head and --onnx are required\n");
    return kUsageOrSetupError;
  }
  a.head = parser.value(head);
  a.onnx = parser.value(onnx);
  if (parser.isSet(weights)) a.weights = parser.value(weights);
  return std::nullopt;
}

// Throws headstart::Error unless `backbone` is there and, where the manifest records its
// SHA-256, the file the head was trained on.
void checkBackbone(const headstart::TrainResult& result, const std::string& manifest) {
  const auto& backbone = result.options.weightsPath;
  if (!QFileInfo::exists(QString::fromStdString(backbone)))
    throw headstart::Error(backbone + ": the weights named in " + manifest +
                           " are not there; give them with --weights");
  // Another backbone would give another network with the same head: refuse it.
  if (!result.weightsSha256.empty() && result.weightsSha256.size() == 64 &&
      headstart::sha256HexOfFile(backbone) != result.weightsSha256)
    throw headstart::Error(backbone +
                           ": not the weights the head was trained on (its SHA-256 "
                           "differs from the one in " +
                           manifest + ")");
}

int exportOnnx(const ExportArgs& a) {
  const auto name = a.head.toStdString();
  auto result = headstart::loadTrainResult(name);
  if (a.weights) result.options.weightsPath = a.weights->toStdString();
  // A fine-tuned export's whole model holds every weight: the original ones are not needed.
  if (result.head.fineTunedModel.empty())
    checkBackbone(result, headstart::exportPathsFor(name).manifest);
  headstart::exportOnnx(a.onnx.toStdString(), result);
  QTextStream(stdout) << QCoreApplication::translate("cli", "Saved %1\n").arg(a.onnx);
  return kOk;
}

}  // namespace

int runExport(const QStringList& arguments) {
  return runCommand("export", arguments, parse, exportOnnx, errorPrefix(), Progress::Silent);
}

}  // namespace cli
