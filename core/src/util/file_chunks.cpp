#include "util/file_chunks.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "headstart/error.h"

namespace headstart::util {
namespace {

// Closes the descriptor on every way out, including a throwing `consume`.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

void readInChunks(const std::string& path,
                  const std::function<void(const char* data, size_t size)>& consume) {
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
  std::vector<char> buffer(kHashChunk);
  for (;;) {
    size_t filled = 0;
    while (filled < buffer.size()) {
      const ssize_t got = ::read(file.fd, buffer.data() + filled, buffer.size() - filled);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) throw Error(path + ": read error (" + std::strerror(errno) + ")");
      if (got == 0) break;
      filled += static_cast<size_t>(got);
    }
    if (filled > 0) consume(buffer.data(), filled);
    if (filled < buffer.size()) return;
  }
}

}  // namespace headstart::util
