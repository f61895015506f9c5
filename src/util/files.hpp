#pragma once
// Reading whole files and writing reports atomically.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sg::util {

// A whole file, read-only, mapped into memory when it is a regular file (no
// copy and no zero-filled buffer: pages are read as they are touched), else
// read into a buffer. For large files read once, such as cache files.
class MappedFile {
public:
    MappedFile() = default;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();
    // False, with error set to a readable reason, when the file cannot be read.
    bool open(const std::string& path, std::string& error);
    std::string_view view() const { return map_ ? std::string_view(static_cast<const char*>(map_), size_) : buffer_; }

private:
    void* map_ = nullptr;
    std::size_t size_ = 0;
    std::string buffer_;
};

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
