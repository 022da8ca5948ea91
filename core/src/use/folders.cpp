#include "headstart/folders.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "headstart/error.h"
#include "io/atomic_file.h"

namespace fs = std::filesystem;

namespace headstart {
namespace {

constexpr const char* kUncertain = "_uncertain";

bool isHidden(const fs::path& p) {
  const auto name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool isImageName(const fs::path& p) {
  static const std::set<std::string> kExtensions{".jpg",  ".jpeg", ".png", ".bmp",
                                                 ".webp", ".tif",  ".tiff"};
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return kExtensions.count(ext) > 0;
}

bool isUnder(const fs::path& p, const std::vector<fs::path>& folders) {
  for (const auto& f : folders) {
    std::error_code ec;
    if (fs::equivalent(p, f, ec)) return true;
  }
  return false;
}

void walk(const fs::path& dir, const std::vector<fs::path>& exclude,
          std::vector<std::string>& out) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec))
    entries.push_back(*it);
  if (ec) throw Error(dir.string() + ": cannot read the folder (" + ec.message() + ")");
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& e : entries) {
    const auto& p = e.path();
    if (isHidden(p)) continue;
    std::error_code err;
    if (e.is_directory(err)) {
      if (e.is_symlink(err) || isUnder(p, exclude)) continue;  // no link loops, no OUT
      walk(p, exclude, out);
    } else if (e.is_regular_file(err) && isImageName(p)) {
      out.push_back(p.string());
    }
  }
}

bool sameContent(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::equivalent(a, b, ec)) return true;  // a hard link made by an earlier run
  if (fs::file_size(a, ec) != fs::file_size(b, ec) || ec) return false;
  std::ifstream x(a, std::ios::binary), y(b, std::ios::binary);
  char bx[65536], by[65536];
  while (x && y) {
    x.read(bx, sizeof bx);
    y.read(by, sizeof by);
    if (x.gcount() != y.gcount() || std::memcmp(bx, by, size_t(x.gcount())) != 0) return false;
  }
  return x.eof() && y.eof();
}

std::string safeFolderName(std::string name) {
  for (auto& c : name)
    if (c == '/' || c == '\0') c = '_';
  if (name.empty() || name[0] == '.') name = "_" + name;
  return name;
}

// A copy of `source` in `folder`, flushed to disk and still without a name (O_TMPFILE): a kill
// before it is linked into place leaves nothing behind. Where the file system lacks O_TMPFILE, a
// hidden named temporary instead.
class StagedCopy {
 public:
  StagedCopy(const fs::path& source, const fs::path& folder) {
    m_fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (m_fd < 0) {
      m_named =
          folder / ("." + source.filename().string() + ".headstart-" + std::to_string(::getpid()));
      m_fd = ::open(m_named.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (m_fd < 0) fail(m_named.string() + ": cannot create", errno);
    }
    std::ifstream in(source, std::ios::binary);
    if (!in) fail(source.string() + ": cannot read", errno);
    char buffer[65536];
    while (in) {
      in.read(buffer, sizeof buffer);
      for (std::streamsize done = 0; done < in.gcount();) {
        const auto n = ::write(m_fd, buffer + done, size_t(in.gcount() - done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(folder.string() + ": cannot write the copy of " + source.string(), errno);
        done += n;
      }
    }
    if (!in.eof()) fail(source.string() + ": cannot read", errno);
    if (::fchmod(m_fd, 0644) != 0 || ::fsync(m_fd) != 0)
      fail(folder.string() + ": cannot write the copy of " + source.string(), errno);
  }
  ~StagedCopy() { discard(); }
  StagedCopy(const StagedCopy&) = delete;
  StagedCopy& operator=(const StagedCopy&) = delete;

  // Gives the copy the name `target` unless that name exists (errno EEXIST then).
  bool linkTo(const fs::path& target) const {
    const auto from = m_named.empty() ? "/proc/self/fd/" + std::to_string(m_fd) : m_named.string();
    return ::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, target.c_str(), AT_SYMLINK_FOLLOW) == 0;
  }

 private:
  [[noreturn]] void fail(const std::string& what, int error) {
    discard();
    throw Error(what + " (" + std::strerror(error) + ")");
  }
  void discard() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    if (!m_named.empty()) ::unlink(m_named.c_str());
    m_named.clear();
  }
  int m_fd = -1;
  fs::path m_named;
};

fs::path candidate(const fs::path& folder, const fs::path& name, int n) {
  if (n == 1) return folder / name;
  return folder /
         (name.stem().string() + " (" + std::to_string(n) + ")" + name.extension().string());
}

}  // namespace

std::vector<std::string> listImages(const std::vector<std::string>& inputs,
                                    const std::vector<std::string>& exclude) {
  std::vector<fs::path> excluded(exclude.begin(), exclude.end());
  std::vector<std::string> out;
  for (const auto& input : inputs) {
    std::error_code ec;
    const auto status = fs::status(input, ec);
    if (fs::is_directory(status)) {
      walk(input, excluded, out);
    } else {
      // Named on purpose: taken even if hidden or oddly named; one that is not there gets the
      // engine's error for its row, like any unreadable image.
      out.push_back(input);
    }
  }
  return out;
}

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string csvHeader(int topK) {
  std::string h = "path,class,probability";
  for (int i = 2; i <= topK; ++i) {
    h += ",class_" + std::to_string(i) + ",probability_" + std::to_string(i);
  }
  return h + ",error\r\n";
}

std::string csvRow(const Prediction& p, int topK) {
  std::string row = csvField(p.image);
  for (int i = 0; i < topK; ++i) {
    if (size_t(i) < p.top.size()) {
      char number[32];
      std::snprintf(number, sizeof number, "%.6f", double(p.top[size_t(i)].probability));
      row += "," + csvField(p.top[size_t(i)].label) + "," + number;
    } else {
      row += ",,";
    }
  }
  return row + "," + csvField(p.error) + "\r\n";
}

void writePredictionsCsv(const std::string& path, const std::vector<Prediction>& predictions,
                         int topK) {
  std::string text = csvHeader(topK);
  for (const auto& p : predictions) text += csvRow(p, topK);
  io::removeStaleTemporaries(path);
  io::writeFileAtomically(path, text);
}

std::string sortFolderFor(const Prediction& p, double minConfidence) {
  if (!p.ok() || p.top.empty() || double(p.top.front().probability) < minConfidence)
    return kUncertain;
  return safeFolderName(p.top.front().label);
}

SortOutcome sortImage(const Prediction& p, const SortOptions& options) {
  SortOutcome outcome;
  try {
    const fs::path source = p.image;
    const fs::path folder = fs::path(options.into) / sortFolderFor(p, options.minConfidence);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw Error(folder.string() + ": cannot create the folder (" + ec.message() + ")");
    // An identical file under the name or one of its suffixed names: sorted before.
    int free = 0;
    for (int n = 1;; ++n) {
      const auto target = candidate(folder, source.filename(), n);
      if (!fs::exists(fs::symlink_status(target, ec))) {
        if (!free) free = n;
        if (n > free + 10) break;  // suffixes are taken in order: nothing identical further on
        continue;
      }
      if (sameContent(source, target)) {
        outcome.destination = target.string();
        return outcome;
      }
    }
    std::optional<StagedCopy> copy;
    if (!options.link) copy.emplace(source, folder);
    // A link never replaces an existing name: a clash (another process, a file made meanwhile)
    // moves on to the next suffix.
    for (int n = free;; ++n) {
      const auto target = candidate(folder, source.filename(), n);
      const bool linked = copy ? copy->linkTo(target) : ::link(source.c_str(), target.c_str()) == 0;
      if (linked) {
        outcome.destination = target.string();
        outcome.created = true;
        break;
      }
      if (errno != EEXIST)
        throw Error(target.string() + ": cannot " + (options.link ? "hard-link " : "copy ") +
                    source.string() + " there (" + std::strerror(errno) + ")");
    }
  } catch (const Error& e) {
    outcome.error = e.what();
  }
  return outcome;
}

}  // namespace headstart
