#pragma once

#include <string>
#include <vector>

namespace headstart::training {

// For each dataset class, the ImageNet class it names, or -1. Folder names may carry a WordNet
// id prefix ("n02085620-Chihuahua") and use underscores for spaces ("golden_retriever").
std::vector<int> matchImagenetClasses(const std::vector<std::string>& classes);

}  // namespace headstart::training
