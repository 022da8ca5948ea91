#include "io/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "headstart/error.h"

namespace fs = std::filesystem;

namespace headstart::io {
namespace {

[[noreturn]] void failWith(const std::string& path, const std::string& what, int err) {
  throw Error(path + ": cannot " + what + " (" + std::strerror(err) + ")");
}

std::string folderOf(const std::string& path) {
  const auto parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// "<path>.tmp-<pid>-<n>": the process id tells a later run whether the writer is still alive.
std::string temporaryPrefix(const std::string& path) { return path + ".tmp-"; }

std::string temporaryName(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return temporaryPrefix(path) + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  ~Descriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const { return m_fd; }
  int release() { return std::exchange(m_fd, -1); }

 private:
  int m_fd;
};

void writeAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failWith(path, "write", errno);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

// Gives complete, flushed data a temporary name beside `path`: an unnamed O_TMPFILE is linked in
// now; a named temporary already has one.
std::string nameTemporary(int anonymousFd, const std::string& path, std::string temporary) {
  if (anonymousFd < 0) return temporary;
  const std::string self = "/proc/self/fd/" + std::to_string(anonymousFd);
  if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temporary.c_str(), AT_SYMLINK_FOLLOW) != 0)
    failWith(path, "name its new content", errno);
  return temporary;
}

// The renames themselves reach the disk only when their folder is flushed.
void flushFolder(const std::string& path) {
  Descriptor folder(::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder.get() >= 0) ::fsync(folder.get());
}

bool processIsGone(const std::string& pidText) {
  char* end = nullptr;
  const long pid = std::strtol(pidText.c_str(), &end, 10);
  if (end == pidText.c_str() || *end != '\0' || pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

StagedFiles::~StagedFiles() {
  for (const auto& f : m_files) {
    if (f.anonymousFd >= 0)
      ::close(f.anonymousFd);  // unnamed: closing it is all it takes to discard it
    else
      ::unlink(f.temporary.c_str());
  }
}

// O_TMPFILE: the data stays without a name until commit(), so a process killed while writing
// leaves nothing behind. Where the filesystem lacks it, a named temporary that
// removeStaleTemporaries cleans up after a kill.
StagedFile::StagedFile(const std::string& path) : m_path(path), m_temporary(temporaryName(path)) {
  // A name with our process id can only be left over from a dead process that had it before.
  ::unlink(m_temporary.c_str());
  m_fd = ::open(folderOf(path).c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
  if (m_fd >= 0) {
    m_anonymous = true;
    return;
  }
  m_fd = ::open(m_temporary.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0644);
  if (m_fd < 0) failWith(path, "create a temporary file beside it", errno);
}

StagedFile::StagedFile(StagedFile&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_temporary(std::move(other.m_temporary)),
      m_fd(std::exchange(other.m_fd, -1)),
      m_anonymous(other.m_anonymous) {}

StagedFile::~StagedFile() {
  if (m_fd < 0) return;
  ::close(m_fd);
  if (!m_anonymous) ::unlink(m_temporary.c_str());
}

void StagedFile::write(const char* data, size_t size) {
  writeAll(m_fd, std::string_view(data, size), m_path);
}

void StagedFile::readBack(const std::function<void(const char*, size_t)>& consume) const {
  std::vector<char> chunk(size_t(1) << 20);
  for (off_t offset = 0;;) {
    const ssize_t n = ::pread(m_fd, chunk.data(), chunk.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failWith(m_path, "read back", errno);
    if (n == 0) return;
    consume(chunk.data(), size_t(n));
    offset += n;
  }
}

void StagedFiles::add(const std::string& path, std::string_view bytes) {
  StagedFile file(path);
  file.write(bytes.data(), bytes.size());
  add(std::move(file));
}

void StagedFiles::add(StagedFile file) {
  if (::fchmod(file.m_fd, 0644) != 0 || ::fsync(file.m_fd) != 0)
    failWith(file.m_path, "flush", errno);
  Staged staged{file.m_path, file.m_temporary, -1};
  if (file.m_anonymous) {
    staged.anonymousFd = std::exchange(file.m_fd, -1);
  } else {
    const int fd = std::exchange(file.m_fd, -1);
    if (::close(fd) != 0) {
      ::unlink(staged.temporary.c_str());
      failWith(file.m_path, "close", errno);
    }
  }
  m_files.push_back(staged);
}

// Each file is named and renamed back to back (microseconds), all of them before the folders
// are flushed, so the set changes as nearly at once as POSIX allows.
void StagedFiles::commit() {
  std::vector<std::string> folders;
  while (!m_files.empty()) {
    Staged f = m_files.front();
    m_files.erase(m_files.begin());
    Descriptor anonymous(f.anonymousFd);
    const std::string temporary = nameTemporary(anonymous.get(), f.path, f.temporary);
    if (std::rename(temporary.c_str(), f.path.c_str()) != 0) {
      const int err = errno;
      ::unlink(temporary.c_str());
      failWith(f.path, "replace", err);
    }
    folders.push_back(f.path);
  }
  for (const auto& path : folders) flushFolder(path);
}

void writeFileAtomically(const std::string& path, std::string_view bytes) {
  StagedFiles files;
  files.add(path, bytes);
  files.commit();
}

void removeStaleTemporaries(const std::string& path) {
  const auto prefix = fs::path(temporaryPrefix(path)).filename().string();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folderOf(path), ec)) {
    const auto name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const auto rest = name.substr(prefix.size());
    if (processIsGone(rest.substr(0, rest.find('-')))) fs::remove(entry.path(), ec);
  }
}

}  // namespace headstart::io
