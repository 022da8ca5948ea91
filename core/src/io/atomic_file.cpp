#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "headstart/error.h"

namespace headstart::io {
namespace {

[[noreturn]] void failWith(const std::string& path, const std::string& what, int err) {
  throw Error(path + ": cannot " + what + " (" + std::strerror(err) + ")");
}

void writeAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failWith(path, "write", errno);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

void writeFileAtomically(const std::string& path, std::string_view bytes) {
  std::string pattern = path + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) failWith(path, "create a temporary file beside it", errno);
  const std::string tmp(name.data());
  int err = 0;
  const char* step = nullptr;
  try {
    writeAll(fd, bytes, path);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) {
    err = errno;
    step = "flush";
  }
  if (::close(fd) != 0 && !step) {
    err = errno;
    step = "close";
  }
  if (step) {
    ::unlink(tmp.c_str());
    failWith(path, step, err);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    failWith(path, "replace", err);
  }
}

}  // namespace headstart::io
