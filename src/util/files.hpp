#pragma once
// Reading whole files and writing reports atomically.
#include <cstddef>
#include <cstdint>
#include <string>

namespace sg::util {

// Reads a whole file ("-": standard input) with one allocation when its size
// is known. At most limit + 1 bytes are read, so a caller can tell a file is
// over its limit without reading all of it. On failure returns false and sets
// error to a readable reason.
bool read_file(const std::string& path, std::string& out, std::string& error, std::size_t limit = SIZE_MAX);

// Writes content to path through a temporary file in the same folder and a rename,
// so readers never see a half-written file. "-" writes to standard output.
bool write_file_atomic(const std::string& path, const std::string& content, std::string& error);

// Where stargrade keeps what it can rebuild (compiled rubrics, Hyperscan
// databases): STARGRADE_CACHE_DIR, else $XDG_CACHE_HOME/stargrade, else
// $HOME/.cache/stargrade; empty (no cache) when STARGRADE_CACHE_DIR is "" or
// "off", or no home is known.
std::string cache_dir();
// Writes a cache file `path` in the folder `dir` (created when missing),
// atomically; false when it could not (the cache is then only slower).
bool save_in_cache(const std::string& dir, const std::string& path, const std::string& content);

}  // namespace sg::util
