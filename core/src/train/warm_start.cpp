#include "train/warm_start.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "headstart/classifier.h"

namespace headstart::training {
namespace {

std::string normalise(std::string name) {
  static const std::regex wordnetPrefix("^n[0-9]{8}[-_ ]");
  name = std::regex_replace(name, wordnetPrefix, "");
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(c == '_' ? ' ' : static_cast<char>(std::tolower(u)));
  }
  return out;
}

}  // namespace

std::vector<int> matchImagenetClasses(const std::vector<std::string>& classes) {
  std::map<std::string, int> byName;
  const auto& labels = imagenetLabels();
  for (size_t i = 0; i < labels.size(); ++i)
    byName.emplace(normalise(labels[i]), static_cast<int>(i));
  std::vector<int> matches;
  for (const auto& name : classes) {
    const auto it = byName.find(normalise(name));
    matches.push_back(it == byName.end() ? -1 : it->second);
  }
  return matches;
}

}  // namespace headstart::training
