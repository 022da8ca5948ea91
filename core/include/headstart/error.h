#pragma once

#include <stdexcept>
#include <string>

namespace headstart {

// Every failure the engine reports to a user: the message already names the file and the cause
// ("photo.jpg: not an image (cannot decode)").
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace headstart
