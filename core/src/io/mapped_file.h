#pragma once
// A whole file mapped into memory, so the tensors read from a checkpoint can point into the page
// cache instead of into a copy of it: opening a 100 MB backbone then costs page-table entries, not
// a 100 MB read and copy. The mapping is private and writable: a tensor changed in place gets
// its own copy of the pages it touches, and the file on disk never changes.

#include <memory>
#include <string>
#include <string_view>

namespace headstart::io {

class MappedFile {
 public:
  // Throws headstart::Error naming `path` when it cannot be opened or mapped. An empty file maps
  // to an empty view.
  static std::shared_ptr<const MappedFile> open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(m_data), m_size}; }

 private:
  MappedFile(void* data, size_t size) : m_data(data), m_size(size) {}
  void* m_data;
  size_t m_size;
};

}  // namespace headstart::io
