#include "headstart/precision.h"

#include <fstream>
#include <sstream>

namespace headstart {
namespace {

bool cpuInfoListsBf16() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      if (word == "avx512_bf16" || word == "amx_bf16") return true;
    }
    return false;  // every core lists the same flags
  }
  return false;
}

}  // namespace

bool cpuHasNativeBf16() {
  static const bool has = cpuInfoListsBf16();
  return has;
}

PrecisionChoice choosePrecision(Precision requested) {
  return choosePrecision(requested, cpuHasNativeBf16());
}

PrecisionChoice choosePrecision(Precision requested, bool native) {
  PrecisionChoice choice;
  choice.requested = requested;
  if (requested == Precision::Int8) {
    choice.used = Precision::Int8;
    return choice;
  }
  choice.used = requested != Precision::Exact && native ? Precision::Fast : Precision::Exact;
  if (requested == Precision::Fast && !native) {
    choice.notice =
        "fast precision needs a processor with native bfloat16 (avx512_bf16 or amx_bf16); "
        "using exact";
  }
  return choice;
}

const char* precisionName(Precision precision) {
  switch (precision) {
    case Precision::Exact:
      return "exact";
    case Precision::Fast:
      return "fast";
    case Precision::Auto:
      return "auto";
    case Precision::Int8:
      return "int8";
  }
  return "exact";
}

std::optional<Precision> precisionFromName(const std::string& name) {
  for (auto p : {Precision::Exact, Precision::Fast, Precision::Auto, Precision::Int8}) {
    if (name == precisionName(p)) return p;
  }
  return std::nullopt;
}

std::vector<std::string> precisionNames() { return {"exact", "fast", "auto", "int8"}; }

const char* precisionExplanation() {
  return "Exact computes in 32-bit floats and gives the same numbers as PyTorch; fast computes "
         "in bfloat16, about twice as fast on processors that support it, with the same top "
         "classes in nearly every case; int8 (turbo) is the fastest and may cost a little "
         "accuracy.";
}

}  // namespace headstart
