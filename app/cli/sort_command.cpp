// `headstart-cli sort`: copies (or hard-links) images into one folder per predicted class.
// Sources are only read; nothing is ever overwritten; a re-run adds nothing new.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <QTextStream>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/streaming.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/folders.h"

namespace fs = std::filesystem;

namespace cli {
namespace {

// OUT/predictions.csv, written as results come into a file without a name (O_TMPFILE) and
// named at the end (or on Ctrl+C): a kill leaves the previous file or none, never half of one.
class StagedCsv {
 public:
  explicit StagedCsv(const fs::path& path) : m_path(path) {
    const auto folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    m_fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (m_fd < 0)
      throw headstart::Error(folder.string() + ": cannot create a file there (" +
                             std::strerror(errno) + ")");
  }
  ~StagedCsv() {
    if (m_fd >= 0) ::close(m_fd);
  }
  StagedCsv(const StagedCsv&) = delete;
  StagedCsv& operator=(const StagedCsv&) = delete;

  void write(const std::string& text) {
    for (size_t done = 0; done < text.size();) {
      const auto n = ::write(m_fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail();
      done += size_t(n);
    }
  }

  void commit() {
    const auto temporary = m_path.string() + ".tmp-" + std::to_string(::getpid());
    const auto self = "/proc/self/fd/" + std::to_string(m_fd);
    ::unlink(temporary.c_str());  // left by a dead process that had our id
    if (::fchmod(m_fd, 0644) != 0 || ::fsync(m_fd) != 0 ||
        ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temporary.c_str(), AT_SYMLINK_FOLLOW) != 0)
      fail();
    if (std::rename(temporary.c_str(), m_path.c_str()) != 0) {
      ::unlink(temporary.c_str());
      fail();
    }
  }

 private:
  [[noreturn]] void fail() const {
    throw headstart::Error(m_path.string() + ": cannot write (" + std::strerror(errno) + ")");
  }
  fs::path m_path;
  int m_fd = -1;
};

struct SortArgs {
  headstart::SortOptions sort;
  headstart::ClassifierOptions classifier;
  std::vector<std::string> inputs;
  QString into;
  int top = 3;
};

// Neither --arch nor --weights: the head says which network it was trained on.
headstart::Arch archFor(const QCommandLineParser& parser, const ModelOptions& model,
                        const QCommandLineOption& head) {
  auto arch = cli::archFor(parser, model.arch, model.weights);
  if (parser.isSet(head) && !parser.isSet(model.arch) && !parser.isSet(model.weights)) {
    if (const auto named =
            headstart::archFromName(headstart::loadHead(parser.value(head).toStdString()).arch))
      arch = *named;
  }
  return arch;
}

std::optional<int> parse(const QStringList& arguments, SortArgs& a) {
  CommandParser parser(
      "sort",
      QCoreApplication::translate(
          "cli", "Copies images into one folder per predicted class; never moves or overwrites."));
  ModelOptions model;
  parser.addOptions({model.weights, model.arch});
  const auto head = headOption(
      QCoreApplication::translate("cli", "A trained head (NAME.pt or NAME.json): its classes."));
  const QCommandLineOption into(QStringLiteral("into"),
                                QCoreApplication::translate("cli", "The folder to sort into."),
                                QCoreApplication::translate("cli", "OUT"));
  const QCommandLineOption minConfidence(
      QStringLiteral("min-confidence"),
      QCoreApplication::translate("cli", "Below this probability, into OUT/_uncertain (0)."),
      QCoreApplication::translate("cli", "P"), QStringLiteral("0"));
  const QCommandLineOption link(
      QStringLiteral("link"),
      QCoreApplication::translate("cli", "Hard links instead of copies (same file system)."));
  const QCommandLineOption copy(QStringLiteral("copy"),
                                QCoreApplication::translate("cli", "Copies (the default)."));
  const QCommandLineOption top(QStringLiteral("top"),
                               QCoreApplication::translate("cli", "Classes per CSV row (3)."),
                               QCoreApplication::translate("cli", "K"), QStringLiteral("3"));
  const QCommandLineOption batch(QStringLiteral("batch-size"),
                                 QCoreApplication::translate("cli", "Images per forward pass."),
                                 QCoreApplication::translate("cli", "N"), QStringLiteral("16"));
  parser.addOptions({head, into, minConfidence, link, copy, top, batch});
  parser.addPositionalArgument(
      QStringLiteral("folders"),
      QCoreApplication::translate("cli", "Folders (searched recursively) or image files."),
      QCoreApplication::translate("cli", "DIR..."));
  if (const auto help = parser.parseOrHelp(arguments)) return help;
  if (!parser.isSet(into) || parser.positionalArguments().isEmpty())
    throw headstart::Error(
        QCoreApplication::translate("cli", "--into OUT and at least one folder are required")
            .toStdString());
  if (parser.isSet(link) && parser.isSet(copy))
    throw headstart::Error(
        QCoreApplication::translate("cli", "--link and --copy exclude each other").toStdString());
  a.into = parser.value(into);
  a.sort.into = a.into.toStdString();
  a.sort.link = parser.isSet(link);
  a.sort.minConfidence = numberOption(parser, minConfidence, 0);
  a.top = static_cast<int>(numberOption(parser, top, 1));
  if (a.sort.minConfidence > 1)
    throw headstart::Error(
        QCoreApplication::translate("cli", "--min-confidence is a probability, 0 to 1")
            .toStdString());
  auto& options = a.classifier;
  options.arch = archFor(parser, model, head);
  const auto weights = resolveWeights(parser, model.weights, options.arch);
  options.weightsPath = weights.path;
  options.preset = weights.preset;
  options.headPath = parser.value(head).toStdString();
  options.batchSize = static_cast<int>(numberOption(parser, batch, 1));
  for (const auto& input : parser.positionalArguments()) a.inputs.push_back(input.toStdString());
  return std::nullopt;
}

int sort(const SortArgs& a) {
  QTextStream err(stderr);
  std::error_code ec;
  fs::create_directories(a.sort.into, ec);
  if (ec) throw headstart::Error(a.sort.into + ": cannot create the folder (" + ec.message() + ")");
  // OUT inside one of the folders: its copies are not sorted again.
  const auto images = headstart::listImages(a.inputs, {a.sort.into});
  const headstart::Classifier classifier(a.classifier);
  StagedCsv csv(fs::path(a.sort.into) / "predictions.csv");
  csv.write(headstart::csvHeader(a.top));
  installInterruptHandler();
  size_t created = 0, present = 0, failed = 0;
  const auto fail = [&](const std::string& error) {
    ++failed;
    endStatusLine();
    err << errorPrefix() << QString::fromStdString(error) << '\n';
  };
  const bool finished = streamPredictions(classifier, images, a.top, [&](const auto& p) {
    csv.write(headstart::csvRow(p, a.top));
    if (!p.ok()) {
      fail(p.error);
      return;
    }
    const auto outcome = headstart::sortImage(p, a.sort);
    if (!outcome.error.empty()) {
      fail(outcome.error);
      return;
    }
    outcome.created ? ++created : ++present;
  });
  csv.commit();
  QTextStream(stdout) << QCoreApplication::translate(
                             "cli", "%1 images: %2 placed in %3, %4 already there, %5 failed\n")
                             .arg(images.size())
                             .arg(created)
                             .arg(a.into)
                             .arg(present)
                             .arg(failed);
  if (!finished) {
    err << QCoreApplication::translate("cli", "headstart-cli: interrupted\n");
    return kInterrupted;
  }
  return failed ? kSomeInputsFailed : kOk;
}

}  // namespace

int runSort(const QStringList& arguments) {
  return runCommand("sort", arguments, parse, sort, errorPrefix("sort"), Progress::StatusLine);
}

}  // namespace cli
