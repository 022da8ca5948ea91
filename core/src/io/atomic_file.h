#pragma once

#include <string>
#include <string_view>

namespace headstart::io {

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it over
// `path`: readers see the old file or the new one, never half of one. Throws headstart::Error.
void writeFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace headstart::io
