#pragma once
// Files that are either wholly there or not there: a process killed at any moment (SIGKILL,
// power loss) leaves the previous version or the new one, never half of one.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace headstart::io {

// One file being written: without a name (or under a temporary one) until StagedFiles commits
// it; discarded when it goes away uncommitted. Not for concurrent writes.
class StagedFile {
 public:
  // Throws headstart::Error naming `path` and the cause, here and below.
  explicit StagedFile(const std::string& path);
  StagedFile(StagedFile&& other) noexcept;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile();

  void write(const char* data, size_t size);
  // Calls `consume` with what is written so far, in order, a piece at a time.
  void readBack(const std::function<void(const char* data, size_t size)>& consume) const;
  const std::string& path() const { return m_path; }

 private:
  friend class StagedFiles;
  std::string m_path, m_temporary;
  int m_fd = -1;
  bool m_anonymous = false;
};

// Several files written in full (flushed to disk, still without names) by add(), then put in
// place by commit(), in the order added, with one rename each. Readers that check the last file
// (a manifest) see a consistent set except in the microseconds between the renames.
// What is not committed is removed when the object goes away.
class StagedFiles {
 public:
  StagedFiles() = default;
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles();

  // Throws headstart::Error naming `path` and the cause.
  void add(const std::string& path, std::string_view bytes);
  // Flushes `file` and takes it into the set.
  void add(StagedFile file);
  void commit();

 private:
  struct Staged {
    std::string path;
    std::string temporary;  // the name beside `path` it has, or gets at commit()
    int anonymousFd;        // the unnamed O_TMPFILE holding the data, or -1
  };
  std::vector<Staged> m_files;
};

// One file, staged and committed.
void writeFileAtomically(const std::string& path, std::string_view bytes);

// Deletes temporaries beside `path` that a process killed while writing left behind; those of
// running processes are kept.
void removeStaleTemporaries(const std::string& path);

}  // namespace headstart::io
