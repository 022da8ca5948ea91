// headstart-cli: the command-line twin of the HeadStart window. Thin: parses arguments, calls
// the engine, prints.

#include <QCoreApplication>
#include <QTextStream>

#include "cli/commands.h"
#include "headstart/classifier.h"
#include "language.h"

namespace {

void printUsage(QTextStream& out) {
  out << QCoreApplication::translate(
      "cli",
      "Usage: headstart-cli <command> [options]\n"
      "\n"
      "Commands:\n"
      "  predict   top-k ImageNet classes of images, or the classes of a trained head\n"
      "  train     train a new final layer on a frozen ResNet from a dataset folder\n"
      "  lr-find   suggest a learning rate for train from a quick range test\n"
      "  evaluate  measure a trained head on a dataset's test images\n"
      "  bench     time the network (and, given a folder, decoding and predicting its images)\n"
      "  export    write a trained head as an ONNX model\n"
      "  sort      copy images into one folder per predicted class\n"
      "  doctor    find wrong labels, near-duplicates, leaks and outliers in a dataset\n"
      "\n"
      "Run 'headstart-cli <command> --help' for a command's options.\n"
      "Options: --help, --version\n");
}

}  // namespace

int main(int argc, char* argv[]) {
  headstart::useAllCoresFromStart();  // before any thread starts
  QCoreApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("HeadStart"));
  QCoreApplication::setApplicationName(QStringLiteral("HeadStart"));
  QCoreApplication::setApplicationVersion(QStringLiteral(HEADSTART_VERSION));
  // A terminal program speaks the language of its environment, not the window's menu choice.
  headstart::i18n::installTranslators(app, /*honourChoice=*/false);

  const QStringList args = QCoreApplication::arguments();
  QTextStream out(stdout);
  QTextStream err(stderr);
  const QString command = args.size() > 1 ? args.at(1) : QString();
  if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
    out << "headstart-cli " << QCoreApplication::applicationVersion() << '\n';
    return cli::kOk;
  }
  if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h") ||
      command == QLatin1String("help")) {
    if (command.isEmpty()) {
      printUsage(err);
      return cli::kUsageOrSetupError;
    }
    printUsage(out);
    return cli::kOk;
  }
  QStringList rest = args;
  rest.removeAt(1);
  if (command == QLatin1String("predict")) return cli::runPredict(rest);
  if (command == QLatin1String("train")) return cli::runTrain(rest);
  if (command == QLatin1String("evaluate")) return cli::runEvaluate(rest);
  if (command == QLatin1String("bench")) return cli::runBench(rest);
  if (command == QLatin1String("export")) return cli::runExport(rest);
  if (command == QLatin1String("sort")) return cli::runSort(rest);
  if (command == QLatin1String("doctor")) return cli::runDoctor(rest);
  if (command == QLatin1String("lr-find")) return cli::runLrFind(rest);
  err << QCoreApplication::translate("cli", "headstart-cli: unknown command '%1'\n").arg(command);
  printUsage(err);
  return cli::kUsageOrSetupError;
}
