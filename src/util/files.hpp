#pragma once
// Reading whole files and writing reports atomically.
#include <string>

namespace sg::util {

// Reads a whole file. On failure returns false and sets error to a readable reason.
bool read_file(const std::string& path, std::string& out, std::string& error);

// Writes content to path through a temporary file in the same folder and a rename,
// so readers never see a half-written file. "-" writes to standard output.
bool write_file_atomic(const std::string& path, const std::string& content, std::string& error);

}  // namespace sg::util
