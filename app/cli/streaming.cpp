#include "cli/streaming.h"

#include <chrono>
#include <csignal>

#include "cli/common.h"

namespace cli {
namespace {

std::atomic_bool g_interrupted{false};
static_assert(std::atomic_bool::is_always_lock_free, "set from a signal handler");

extern "C" void onInterrupt(int) {
  g_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl+C ends the process
}

}  // namespace

const std::atomic_bool& interrupted() { return g_interrupted; }

void installInterruptHandler() { std::signal(SIGINT, onInterrupt); }

bool streamPredictions(const headstart::Classifier& classifier,
                       const std::vector<std::string>& images, int topK,
                       const std::function<void(const headstart::Prediction&)>& each) {
  // A few batches per call: decoding threads stay busy, and little is held at a time.
  const size_t chunk = size_t(std::max(1, classifier.options().batchSize)) * 4;
  const auto start = std::chrono::steady_clock::now();
  const bool showProgress = stderrIsTerminal() && images.size() > 1;
  size_t done = 0;
  for (size_t first = 0; first < images.size() && !g_interrupted.load(); first += chunk) {
    const std::vector<std::string> part(
        images.begin() + std::ptrdiff_t(first),
        images.begin() + std::ptrdiff_t(std::min(images.size(), first + chunk)));
    const auto progress = [&](size_t partDone, size_t) {
      if (!showProgress) return;
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      statusLine(QCoreApplication::translate("cli", "%1/%2 images, %3 images/s")
                     .arg(done + partDone)
                     .arg(images.size())
                     .arg(seconds > 0 ? double(done + partDone) / seconds : 0.0, 0, 'f', 1));
    };
    for (const auto& p : classifier.predict(part, topK, progress, &g_interrupted)) {
      each(p);
      ++done;
    }
  }
  if (showProgress) endStatusLine();
  return !g_interrupted.load();
}

}  // namespace cli
