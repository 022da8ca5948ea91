#pragma once
// The median of a few values, for robust scales (the doctor's and the LR finder's noise).

#include <algorithm>
#include <cstddef>
#include <vector>

namespace headstart {

// The middle value (of an even count, the upper of the two middle ones); 0 for none.
inline double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace headstart
