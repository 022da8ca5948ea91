// `headstart-cli export`: writes a saved run again in another format (ONNX), from its manifest.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include "cli/commands.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/onnx_export.h"
#include "headstart/sha256.h"

namespace cli {

int runExport(const QStringList& arguments) {
  QTextStream out(stdout);
  QTextStream err(stderr);
  QCommandLineParser parser;
  parser.setApplicationDescription(QCoreApplication::translate(
      "cli", "Writes a trained head as an ONNX model with its preprocessing inside."));
  parser.addHelpOption();
  const QCommandLineOption head(
      QStringLiteral("head"),
      QCoreApplication::translate("cli", "The trained head (NAME.pt or its NAME.json)."),
      QCoreApplication::translate("cli", "HEAD.pt"));
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
  if (!parser.parse(arguments)) {
    err << "headstart-cli export: " << parser.errorText() << '\n';
    return kUsageOrSetupError;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out << parser.helpText();
    return kOk;
  }
  if (!parser.isSet(head) || !parser.isSet(onnx)) {
    err << QCoreApplication::translate("cli",
                                       "headstart-cli export: --head and --onnx are required\n");
    return kUsageOrSetupError;
  }
  try {
    const auto name = parser.value(head).toStdString();
    auto result = headstart::loadTrainResult(name);
    const auto manifest = headstart::exportPathsFor(name).manifest;
    if (parser.isSet(weights)) result.options.weightsPath = parser.value(weights).toStdString();
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
    const auto path = parser.value(onnx).toStdString();
    headstart::exportOnnx(path, result);
    out << QCoreApplication::translate("cli", "Saved %1\n").arg(parser.value(onnx));
    return kOk;
  } catch (const std::exception& e) {
    err << "headstart-cli: " << QString::fromStdString(e.what()) << '\n';
    return kUsageOrSetupError;
  }
}

}  // namespace cli
