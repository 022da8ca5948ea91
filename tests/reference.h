#pragma once
// The torchvision reference data that tests/python/make_fixtures.py writes, for tests that link
// libtorch.

#include <torch/torch.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "io/checkpoint.h"
#include "support.h"

namespace testsupport {

struct Reference {
  std::map<std::string, torch::Tensor> tensors;  // "<image>/decoded", "<image>/<arch>/input", ...
  nlohmann::json summary;                        // image names and torchvision's top-5
};

inline Reference loadReference() {
  Reference r;
  for (auto& [key, tensor] : headstart::io::readStateDict(fixture("reference.pt"))) {
    r.tensors[key] = tensor;
  }
  std::ifstream in(fixture("reference.json"));
  r.summary = nlohmann::json::parse(in);
  return r;
}

}  // namespace testsupport
