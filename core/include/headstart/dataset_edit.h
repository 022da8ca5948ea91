#pragma once
// Acting on what the dataset doctor found, without ever losing a user's image: excluding a file
// from training (it stays where it is) and moving a file into another class folder of its split,
// with a journal that undoes every move. Nothing here deletes or overwrites an image.
//
// Both records live in ROOT/.headstart/ (a hidden folder the scan never takes for a class), are
// written whole under a temporary name and renamed into place, and hold paths relative to ROOT
// with '/' between folders:
//
//   excluded.json  {"format": 1, "excluded": ["train/cat/0007.png", ...]}
//   journal.json   {"format": 1, "moves": [{"id": 1, "from": "train/cat/0007.png",
//                   "to": "train/dog/0007.png", "size": 1234, "xxh3": "<32 hex digits>",
//                   "time": "2026-01-31T12:00:00Z", "undone": false}, ...]}
//
// Every function takes image paths either absolute (as a DatasetReport lists them) or relative
// to the root, refuses one that leads outside the root or into .headstart, and throws
// headstart::Error naming the file and the cause.

#include <cstdint>
#include <string>
#include <vector>

namespace headstart {

// Paths relative to `root`, sorted; none when the file does not exist. Throws when excluded.json
// cannot be read or is not in the format above.
std::vector<std::string> readExclusions(const std::string& root);
// Adds `image` (a file that exists under the root) to the exclusions; already excluded: nothing.
void excludeImage(const std::string& root, const std::string& image);
// Takes `image` out of the exclusions; not excluded: nothing.
void includeImage(const std::string& root, const std::string& image);

struct DatasetMove {
  int id = 0;
  std::string from, to;  // relative to the root
  uint64_t size = 0;     // of the file as it was moved
  std::string xxh3;      // XXH3-128 of its bytes, to tell whether it changed since
  std::string time;      // UTC, ISO 8601
  bool undone = false;
};

// Moves `image` into the folder of class `className` in the same split (ROOT/<split>/<class>/,
// or ROOT/<class>/ for a dataset of class folders only), keeping its file name; when a file of
// that name is already there, the moved one becomes "name (2).ext" (then 3, ...): nothing is
// overwritten. The class folder must exist. The move is journalled before it is made, and an
// excluded image stays excluded under its new path. Returns the move as journalled.
DatasetMove moveToClass(const std::string& root, const std::string& image,
                        const std::string& className);
// Every move made in the dataset, oldest first, undone ones included. Throws when journal.json
// cannot be read or is not in the format above.
std::vector<DatasetMove> readJournal(const std::string& root);
// Moves the file of move `id` back to where it was. Refuses when that move is undone already,
// when the file is no longer at its new place or its bytes changed, or when its old place is
// taken by another file.
DatasetMove undoMove(const std::string& root, int id);
// Undoes the newest move not undone yet; throws when there is none.
DatasetMove undoLastMove(const std::string& root);

// Where the records are: ROOT/.headstart/excluded.json and ROOT/.headstart/journal.json.
std::string exclusionsFile(const std::string& root);
std::string journalFile(const std::string& root);

}  // namespace headstart
