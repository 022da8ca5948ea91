#include "headstart/dataset.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "headstart/dataset_edit.h"
#include "headstart/error.h"
#include "image/decode.h"
#include "util/hash.h"

namespace fs = std::filesystem;

namespace headstart {
namespace {

using ClassMap = std::map<std::string, int>;  // folder name -> class index

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool isHidden(const fs::path& p) {
  const auto name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool hasImageExtension(const fs::path& p) {
  static const std::set<std::string> kExtensions{".jpg",  ".jpeg", ".png", ".bmp",
                                                 ".webp", ".tif",  ".tiff"};
  return kExtensions.count(lower(p.extension().string())) > 0;
}

std::string readSome(std::ifstream& in, std::streamoff from, size_t n) {
  std::string bytes(n, '\0');
  in.seekg(from, from < 0 ? std::ios::end : std::ios::beg);
  in.read(bytes.data(), static_cast<std::streamsize>(n));
  bytes.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  in.clear();
  return bytes;
}

// A key of format.json becomes a path under the split folder: "/", "../.." or "/home" would send
// the scan (and its content hashing) across the whole disk. Found by fuzz_dataset.
bool isPlainFolderName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
}

// Cheap checks that catch most broken files without decoding them: the decoder reports the rest
// when features are extracted.
std::optional<std::string> problemWith(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return "unreadable (" + ec.message() + ")";
  if (size == 0) return std::string("zero bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) return "unreadable (" + std::string(std::strerror(errno)) + ")";
  const std::string head = readSome(in, 0, 12);
  const auto tailSize = static_cast<size_t>(std::min<uintmax_t>(size, image::kEndMarkerWindow));
  const std::string tail = readSome(in, -static_cast<std::streamoff>(tailSize), tailSize);
  if (const char* format = image::truncatedFormat(head, tail))
    return "truncated " + std::string(format);
  const auto starts = [&](std::string_view magic) { return head.rfind(magic, 0) == 0; };
  const bool known = starts("\xff\xd8\xff") || starts("\x89PNG\r\n\x1a\n") || starts("BM") ||
                     starts("II*") || starts(std::string_view("MM\0*", 4)) ||
                     (starts("RIFF") && head.size() >= 12 && head.compare(8, 4, "WEBP") == 0);
  if (!known) return std::string("not an image (unrecognised content)");
  return std::nullopt;
}

class Scanner {
 public:
  Scanner(DatasetReport& report, const ScanOptions& options)
      : m_report(report), m_options(options) {}

  // Image files under `dir`, sorted, recursing into subfolders but not into hidden ones or
  // through folder links (a link loop must not hang the scan).
  std::vector<std::string> imagesIn(const fs::path& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      m_report.skipped.push_back({dir.string(), "unreadable folder (" + ec.message() + ")"});
      return files;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        m_report.skipped.push_back({dir.string(), "not fully readable (" + ec.message() + ")"});
        break;
      }
      const auto& p = it->path();
      if (isHidden(p)) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_symlink(ec) && fs::is_directory(p, ec)) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec) || !hasImageExtension(p)) continue;
      if (auto problem = problemWith(p)) {
        m_report.skipped.push_back({p.string(), *problem});
        continue;
      }
      files.push_back(p.string());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  std::vector<std::string> classFolders(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!isHidden(entry.path()) && entry.is_directory(ec)) {
        names.push_back(entry.path().filename().string());
      }
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::optional<ClassMap> readFormatJson(const fs::path& file) {
    const std::string where = file.string() + ": ";
    nlohmann::json json;
    try {
      std::ifstream in(file);
      json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      m_report.errors.push_back(where + "invalid JSON (" + e.what() + ")");
      return std::nullopt;
    }
    if (!json.is_object() || json.empty()) {
      m_report.errors.push_back(where +
                                "must be a non-empty object mapping folder names to class indices");
      return std::nullopt;
    }
    ClassMap map;
    std::map<int, std::string> byIndex;
    bool ok = true;
    for (const auto& [name, value] : json.items()) {
      if (!isPlainFolderName(name)) {
        m_report.errors.push_back(where + "'" + name +
                                  "' is not a folder name (a class must be a folder right inside "
                                  "the split, with no '/' and not '.' or '..')");
        ok = false;
        continue;
      }
      if (!value.is_number_integer()) {
        m_report.errors.push_back(where + "index of '" + name + "' is not an integer");
        ok = false;
        continue;
      }
      const auto index = value.get<int64_t>();
      if (index < 0 || index >= static_cast<int64_t>(json.size())) {
        m_report.errors.push_back(where + "index " + std::to_string(index) + " of '" + name +
                                  "' is out of range 0.." + std::to_string(json.size() - 1));
        ok = false;
        continue;
      }
      const int i = static_cast<int>(index);
      if (byIndex.count(i)) {
        m_report.errors.push_back(where + "index " + std::to_string(i) + " is given to both '" +
                                  byIndex[i] + "' and '" + name + "'");
        ok = false;
      }
      byIndex[i] = name;
      map[name] = i;
    }
    return ok ? std::optional<ClassMap>(map) : std::nullopt;
  }

  void collect(const fs::path& splitDir, const ClassMap& classes, std::vector<DatasetItem>& out) {
    for (const auto& folder : classFolders(splitDir)) {
      if (!classes.count(folder)) {
        m_report.warnings.push_back((splitDir / folder).string() +
                                    ": folder not named in format.json, ignored");
      }
    }
    for (const auto& [name, index] : classes) {
      const auto dir = splitDir / name;
      std::error_code ec;
      if (!fs::is_directory(dir, ec)) {
        m_report.warnings.push_back(dir.string() + ": folder named in format.json is missing");
        continue;
      }
      for (auto& file : imagesIn(dir)) out.push_back({std::move(file), index});
    }
  }

  void split(const std::vector<std::vector<std::string>>& perClass) {
    std::mt19937_64 random(m_options.seed);
    for (size_t c = 0; c < perClass.size(); ++c) {
      auto files = perClass[c];
      for (size_t i = files.size(); i > 1; --i) std::swap(files[i - 1], files[random() % i]);
      size_t test = static_cast<size_t>(files.size() * m_options.testFraction + 0.5);
      if (files.size() >= 2) test = std::clamp<size_t>(test, 1, files.size() - 1);
      for (size_t i = 0; i < files.size(); ++i) {
        (i < test ? m_report.test : m_report.train).push_back({files[i], static_cast<int>(c)});
      }
    }
  }

 private:
  DatasetReport& m_report;
  const ScanOptions& m_options;
};

ClassMap sortedClassMap(const std::vector<std::string>& names) {
  ClassMap map;
  for (size_t i = 0; i < names.size(); ++i) map[names[i]] = static_cast<int>(i);
  return map;
}

void scanSplits(Scanner& scanner, DatasetReport& report, const fs::path& root) {
  const auto trainJson = root / "train" / "format.json";
  const auto testJson = root / "test" / "format.json";
  std::error_code ec;
  ClassMap classes;
  if (fs::exists(trainJson, ec) || fs::exists(testJson, ec)) {
    report.layout = DatasetLayout::FormatJson;
    const auto train = scanner.readFormatJson(trainJson);
    const auto test = fs::exists(testJson, ec) ? scanner.readFormatJson(testJson) : train;
    if (!train || !test) return;
    if (*train != *test) {
      report.errors.push_back(trainJson.string() + " and " + testJson.string() +
                              " disagree on the classes or their indices");
      return;
    }
    classes = *train;
  } else {
    report.layout = DatasetLayout::ImageFolder;
    classes = sortedClassMap(scanner.classFolders(root / "train"));
  }
  report.classes.resize(classes.size());
  for (const auto& [name, index] : classes) report.classes[static_cast<size_t>(index)] = name;
  scanner.collect(root / "train", classes, report.train);
  scanner.collect(root / "test", classes, report.test);
}

void scanSingleFolder(Scanner& scanner, DatasetReport& report, const fs::path& root,
                      const ScanOptions& options) {
  report.layout = DatasetLayout::SingleSplit;
  report.testFraction = options.testFraction;
  report.splitSeed = options.seed;
  report.classes = scanner.classFolders(root);
  std::vector<std::vector<std::string>> perClass;
  for (const auto& name : report.classes) perClass.push_back(scanner.imagesIn(root / name));
  scanner.split(perClass);
}

void countAndCheck(DatasetReport& report, const ScanOptions& options) {
  report.counts.clear();
  for (const auto& name : report.classes) report.counts.push_back({name, 0, 0});
  for (const auto& item : report.train) report.counts[static_cast<size_t>(item.label)].train++;
  for (const auto& item : report.test) report.counts[static_cast<size_t>(item.label)].test++;
  if (report.classes.size() < 2) {
    report.errors.push_back(report.root + ": at least two classes are needed, found " +
                            std::to_string(report.classes.size()));
  }
  size_t smallest = SIZE_MAX, largest = 0;
  for (const auto& c : report.counts) {
    if (c.train == 0)
      report.errors.push_back("class '" + c.name + "' has no usable training image");
    if (c.test == 0 && report.layout != DatasetLayout::SingleSplit) {
      report.warnings.push_back("class '" + c.name + "' has no test image");
    }
    smallest = std::min(smallest, c.train);
    largest = std::max(largest, c.train);
  }
  if (smallest > 0 && largest > options.imbalanceRatio * smallest) {
    report.warnings.push_back("classes are imbalanced: " + std::to_string(largest) + " vs " +
                              std::to_string(smallest) +
                              " training images (balancing the loss may help: train --balance, "
                              "or Advanced on the Train page)");
  }
}

// Drops the images the user excluded. An unreadable record stops training rather than bring
// back, unnoticed, images the user chose to leave out.
void applyExclusions(DatasetReport& report) {
  std::set<std::string> excluded;
  try {
    for (auto& path : readExclusions(report.root)) excluded.insert(std::move(path));
  } catch (const Error& e) {
    report.errors.push_back(std::string(e.what()) + "; correct or delete it to use the dataset");
    return;
  }
  if (excluded.empty()) return;
  fs::path root = fs::path(report.root).lexically_normal();
  if (root.filename().empty()) root = root.parent_path();
  const auto drop = [&](std::vector<DatasetItem>& items) {
    const auto kept = std::remove_if(items.begin(), items.end(), [&](const DatasetItem& item) {
      const auto key = fs::path(item.path).lexically_normal().lexically_relative(root);
      if (!excluded.count(key.generic_string())) return false;
      report.excluded.push_back(item.path);
      return true;
    });
    items.erase(kept, items.end());
  };
  drop(report.train);
  drop(report.test);
  std::sort(report.excluded.begin(), report.excluded.end());
}

// Exact copies of one file in both train and test inflate the test accuracy.
void findLeakage(DatasetReport& report) {
  std::map<uintmax_t, std::vector<const DatasetItem*>> trainBySize;
  std::error_code ec;
  for (const auto& item : report.train) trainBySize[fs::file_size(item.path, ec)].push_back(&item);
  std::map<std::string, util::Hash128> hashes;
  const auto hashOf = [&](const std::string& path) {
    auto it = hashes.find(path);
    if (it == hashes.end()) it = hashes.emplace(path, util::xxh3_128OfFile(path)).first;
    return it->second;
  };
  size_t found = 0;
  for (const auto& test : report.test) {
    const auto same = trainBySize.find(fs::file_size(test.path, ec));
    if (same == trainBySize.end()) continue;
    for (const auto* train : same->second) {
      try {
        if (hashOf(train->path) != hashOf(test.path)) continue;
      } catch (const Error&) {
        continue;
      }
      if (++found <= 20) {
        report.warnings.push_back("leakage: " + test.path + " is the same file as " + train->path);
      }
    }
  }
  if (found > 20) {
    report.warnings.push_back("leakage: " + std::to_string(found - 20) +
                              " more duplicates between train and test");
  }
}

}  // namespace

const char* layoutName(DatasetLayout layout) {
  switch (layout) {
    case DatasetLayout::FormatJson:
      return "format.json";
    case DatasetLayout::ImageFolder:
      return "ImageFolder";
    case DatasetLayout::SingleSplit:
      return "single folder, split";
  }
  return "?";
}

DatasetSummary summarize(const DatasetReport& report) {
  return {report.root,        report.layout,       report.counts,   report.train.size(),
          report.test.size(), report.testFraction, report.splitSeed};
}

DatasetReport scanDataset(const std::string& rootPath, const ScanOptions& options) {
  const fs::path root(rootPath);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw Error(rootPath + ": not a folder");
  DatasetReport report;
  report.root = rootPath;
  Scanner scanner(report, options);
  if (fs::is_directory(root / "train", ec)) {
    scanSplits(scanner, report, root);
  } else {
    scanSingleFolder(scanner, report, root, options);
  }
  if (options.honourExclusions) applyExclusions(report);
  if (!report.errors.empty()) return report;
  countAndCheck(report, options);
  findLeakage(report);
  return report;
}

}  // namespace headstart
