#pragma once
// Reading whole files and writing reports atomically.
#include <cstddef>
#include <cstdint>
#include <streambuf>
#include <string>

namespace sg::util {

// Reads a whole file ("-": standard input) with one allocation when its size
// is known. At most limit + 1 bytes are read, so a caller can tell a file is
// over its limit without reading all of it. On failure returns false and sets
// error to a readable reason.
bool read_file(const std::string& path, std::string& out, std::string& error, std::size_t limit = SIZE_MAX);

// Opens a file for reading ("-": standard input, not to be closed). A named
// pipe is opened without waiting for a writer: with none it reads as empty
// instead of blocking the run. A folder is refused. Returns -1 with `error`
// set to a readable reason on failure.
int open_for_reading(const std::string& path, std::string& error);

// A read-only streambuf over a file descriptor from open_for_reading, closed
// on destruction (standard input is left open). A read error throws
// std::runtime_error naming the reason.
class FdReader : public std::streambuf {
public:
    explicit FdReader(int fd) : fd_(fd) {}
    ~FdReader() override;
    FdReader(const FdReader&) = delete;
    FdReader& operator=(const FdReader&) = delete;
    void close();

protected:
    int_type underflow() override;

private:
    int fd_;
    char buf_[1 << 16];
};

// Writes content to path through a temporary file in the same folder and a rename,
// so readers never see a half-written file. "-" writes to standard output.
bool write_file_atomic(const std::string& path, const std::string& content, std::string& error);

}  // namespace sg::util
