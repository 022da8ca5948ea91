#include "headstart/dataset_edit.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "headstart/error.h"
#include "io/atomic_file.h"
#include "util/hash.h"

namespace fs = std::filesystem;

namespace headstart {
namespace {

constexpr int kFormat = 1;
const char* const kFolder = ".headstart";

fs::path rootPath(const std::string& root) {
  fs::path r = fs::absolute(fs::path(root)).lexically_normal();
  // "data/" and "data" are one root: a trailing separator leaves an empty last component.
  if (r.filename().empty() && r.has_parent_path() && r != r.root_path()) r = r.parent_path();
  return r;
}

bool escapes(const fs::path& relative) {
  return relative.empty() || relative == "." || relative.is_absolute() || *relative.begin() == "..";
}

// `image` relative to the root, checked by its name alone: enough for the records, which only
// name files. `physical` also follows links, for the moves, which act on the files: a folder
// link inside the dataset must not carry a move outside it.
fs::path insideRoot(const std::string& root, const std::string& image, bool physical) {
  const fs::path r = rootPath(root);
  fs::path p(image);
  if (p.is_relative()) p = r / p;
  const fs::path relative = p.lexically_normal().lexically_relative(r);
  if (escapes(relative)) throw Error(image + ": not inside the dataset " + root);
  if (*relative.begin() == kFolder)
    throw Error(image + ": inside the dataset's own " + kFolder + " folder, not an image of it");
  if (physical) {
    std::error_code ec;
    const fs::path where = fs::weakly_canonical(r / relative.parent_path(), ec);
    const fs::path base = fs::weakly_canonical(r, ec);
    if (ec || (where != base && escapes(where.lexically_relative(base))))
      throw Error(image + ": its folder leads outside the dataset " + root + " (a link)");
  }
  return relative;
}

std::string folderFile(const std::string& root, const char* name) {
  return (rootPath(root) / kFolder / name).string();
}

// The record's JSON, or null when there is no record yet.
nlohmann::json readRecord(const std::string& path, const char* listKey) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return nullptr;
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot read (" + std::strerror(errno) + ")");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": invalid JSON (" + e.what() + ")");
  }
  if (!json.is_object() || !json.contains("format") || !json["format"].is_number_integer() ||
      !json.contains(listKey) || !json[listKey].is_array())
    throw Error(path + ": not a HeadStart record (an object with \"format\" and \"" + listKey +
                "\" is expected)");
  if (json["format"].get<int64_t>() > kFormat)
    throw Error(path + ": written by a newer HeadStart (format " +
                std::to_string(json["format"].get<int64_t>()) + ")");
  return json;
}

void writeRecord(const std::string& path, const nlohmann::json& json) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec)
    throw Error(fs::path(path).parent_path().string() + ": cannot create (" + ec.message() + ")");
  io::removeStaleTemporaries(path);
  io::writeFileAtomically(path, json.dump(2) + "\n");
}

void writeExclusions(const std::string& root, const std::set<std::string>& paths) {
  writeRecord(
      exclusionsFile(root),
      {{"format", kFormat}, {"excluded", std::vector<std::string>(paths.begin(), paths.end())}});
}

std::set<std::string> exclusionSet(const std::string& root) {
  const auto list = readExclusions(root);
  return {list.begin(), list.end()};
}

// An excluded image that moves stays excluded under its new name. `excluded` is read before the
// move: a damaged record stops the move instead of failing after it.
void carryExclusion(const std::string& root, std::set<std::string> excluded,
                    const std::string& from, const std::string& to) {
  if (!excluded.erase(from)) return;
  excluded.insert(to);
  writeExclusions(root, excluded);
}

DatasetMove moveFromJson(const nlohmann::json& j, const std::string& file) {
  try {
    DatasetMove m;
    m.id = j.at("id").get<int>();
    m.from = j.at("from").get<std::string>();
    m.to = j.at("to").get<std::string>();
    m.size = j.at("size").get<uint64_t>();
    m.xxh3 = j.at("xxh3").get<std::string>();
    m.time = j.value("time", std::string());
    m.undone = j.value("undone", false);
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw Error(file + ": a move is incomplete (" + e.what() + ")");
  }
}

nlohmann::json moveToJson(const DatasetMove& m) {
  return {{"id", m.id},     {"from", m.from}, {"to", m.to},        {"size", m.size},
          {"xxh3", m.xxh3}, {"time", m.time}, {"undone", m.undone}};
}

void writeJournal(const std::string& root, const std::vector<DatasetMove>& moves) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : moves) list.push_back(moveToJson(m));
  writeRecord(journalFile(root), {{"format", kFormat}, {"moves", list}});
}

std::string utcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// One rename that fails rather than replace what is at `to`. File systems without
// RENAME_NOREPLACE get a hard link and an unlink, which cannot replace either.
void moveWithoutReplacing(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return;
  int err = errno;
  if (err == EINVAL || err == ENOSYS) {
    if (::link(from.c_str(), to.c_str()) == 0) {
      if (::unlink(from.c_str()) == 0) return;
      err = errno;
      ::unlink(to.c_str());  // the second name only: the file stays where it was
    } else {
      err = errno;
    }
  }
  if (err == EEXIST) throw Error(to.string() + ": already exists; " + from.string() + " not moved");
  if (err == EXDEV)
    throw Error(from.string() + ": not moved to " + to.string() +
                " (another file system; HeadStart only renames, it does not copy and delete)");
  throw Error(from.string() + ": cannot move to " + to.string() + " (" + std::strerror(err) + ")");
}

bool taken(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

// "name.ext", else "name (2).ext", "name (3).ext", ...: the first that is free.
fs::path freeName(const fs::path& folder, const fs::path& name) {
  fs::path candidate = folder / name;
  for (int n = 2; taken(candidate); ++n)
    candidate = folder /
                (name.stem().string() + " (" + std::to_string(n) + ")" + name.extension().string());
  return candidate;
}

bool isPlainClassName(const std::string& name) {
  return !name.empty() && name[0] != '.' && name.find_first_of("/\\") == std::string::npos;
}

// The folder of class `className` in the split `relative` belongs to.
fs::path targetFolder(const fs::path& root, const fs::path& relative, const std::string& image,
                      const std::string& className) {
  std::vector<fs::path> parts(relative.begin(), relative.end());
  std::error_code ec;
  const bool splits = fs::is_directory(root / "train", ec);
  const size_t classAt = splits ? 1 : 0;
  if (parts.size() < classAt + 2 || (splits && parts[0] != "train" && parts[0] != "test"))
    throw Error(image + ": not in a class folder of the dataset");
  if (!isPlainClassName(className)) throw Error(className + ": not a class folder name");
  if (parts[classAt] == className) throw Error(image + ": already in class " + className);
  const fs::path folder = splits ? root / parts[0] / className : root / className;
  if (!fs::is_directory(folder, ec))
    throw Error(folder.string() + ": no such class folder; " + image + " not moved");
  return folder;
}

}  // namespace

std::string exclusionsFile(const std::string& root) { return folderFile(root, "excluded.json"); }
std::string journalFile(const std::string& root) { return folderFile(root, "journal.json"); }

std::vector<std::string> readExclusions(const std::string& root) {
  const std::string file = exclusionsFile(root);
  const auto json = readRecord(file, "excluded");
  if (json.is_null()) return {};
  std::set<std::string> paths;
  for (const auto& entry : json["excluded"]) {
    if (!entry.is_string()) throw Error(file + ": an entry of \"excluded\" is not a path");
    const auto path = fs::path(entry.get<std::string>()).lexically_normal();
    if (escapes(path))
      throw Error(file + ": " + entry.get<std::string>() + " is outside the dataset");
    paths.insert(path.generic_string());
  }
  return {paths.begin(), paths.end()};
}

void excludeImage(const std::string& root, const std::string& image) {
  const auto relative = insideRoot(root, image, false);
  std::error_code ec;
  if (!fs::is_regular_file(rootPath(root) / relative, ec))
    throw Error(image + ": no such file in the dataset " + root);
  auto excluded = exclusionSet(root);
  if (excluded.insert(relative.generic_string()).second) writeExclusions(root, excluded);
}

void includeImage(const std::string& root, const std::string& image) {
  const auto relative = insideRoot(root, image, false);
  auto excluded = exclusionSet(root);
  if (excluded.erase(relative.generic_string())) writeExclusions(root, excluded);
}

std::vector<DatasetMove> readJournal(const std::string& root) {
  const std::string file = journalFile(root);
  const auto json = readRecord(file, "moves");
  std::vector<DatasetMove> moves;
  if (json.is_null()) return moves;
  for (const auto& entry : json["moves"]) {
    auto move = moveFromJson(entry, file);
    if (escapes(fs::path(move.from).lexically_normal()) ||
        escapes(fs::path(move.to).lexically_normal()))
      throw Error(file + ": move " + std::to_string(move.id) + " leads outside the dataset");
    moves.push_back(std::move(move));
  }
  return moves;
}

// Journalled first: a move interrupted after it was made is still undoable; one that fails is
// taken out of the journal again.
DatasetMove moveToClass(const std::string& root, const std::string& image,
                        const std::string& className) {
  const fs::path base = rootPath(root);
  const auto relative = insideRoot(root, image, true);
  const fs::path source = base / relative;
  std::error_code ec;
  const auto status = fs::symlink_status(source, ec);
  if (fs::is_symlink(status))
    throw Error(image + ": a link, not moved (HeadStart moves files, not links to them)");
  if (!fs::is_regular_file(status)) throw Error(image + ": no such file in the dataset " + root);
  const fs::path target =
      freeName(targetFolder(base, relative, image, className), relative.filename());
  auto moves = readJournal(root);
  const auto excluded = exclusionSet(root);
  DatasetMove move;
  for (const auto& m : moves) move.id = std::max(move.id, m.id);
  ++move.id;
  move.from = relative.generic_string();
  move.to = target.lexically_relative(base).generic_string();
  move.size = fs::file_size(source);
  move.xxh3 = util::xxh3_128OfFile(source.string()).hex();
  move.time = utcNow();
  moves.push_back(move);
  writeJournal(root, moves);
  try {
    moveWithoutReplacing(source, target);
  } catch (const Error&) {
    moves.pop_back();
    writeJournal(root, moves);
    throw;
  }
  carryExclusion(root, excluded, move.from, move.to);
  return move;
}

DatasetMove undoMove(const std::string& root, int id) {
  const fs::path base = rootPath(root);
  auto moves = readJournal(root);
  const auto excluded = exclusionSet(root);
  const auto it =
      std::find_if(moves.begin(), moves.end(), [id](const DatasetMove& m) { return m.id == id; });
  if (it == moves.end()) throw Error(journalFile(root) + ": no move " + std::to_string(id));
  if (it->undone) throw Error(it->to + ": move " + std::to_string(id) + " was undone already");
  insideRoot(root, it->to, true);
  insideRoot(root, it->from, true);
  const fs::path now = base / it->to, was = base / it->from;
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(now, ec)))
    throw Error(now.string() + ": no longer there; cannot move it back to " + was.string());
  if (fs::file_size(now, ec) != it->size || util::xxh3_128OfFile(now.string()).hex() != it->xxh3)
    throw Error(now.string() + ": changed since it was moved; not moved back");
  if (taken(was))
    throw Error(was.string() + ": another file is there now; " + now.string() + " not moved back");
  fs::create_directories(was.parent_path(), ec);
  moveWithoutReplacing(now, was);
  it->undone = true;
  const DatasetMove undone = *it;
  writeJournal(root, moves);
  carryExclusion(root, excluded, undone.to, undone.from);
  return undone;
}

DatasetMove undoLastMove(const std::string& root) {
  const auto moves = readJournal(root);
  for (auto it = moves.rbegin(); it != moves.rend(); ++it)
    if (!it->undone) return undoMove(root, it->id);
  throw Error(root + ": no move to undo");
}

}  // namespace headstart
