#include "util/files.hpp"

#include "util/output.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sg::util {

namespace fs = std::filesystem;

int open_for_reading(const std::string& path, std::string& error) {
    if (path == "-") return STDIN_FILENO;
    // O_NONBLOCK: opening a named pipe would otherwise wait for a writer forever.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        error = std::strerror(errno);
        return -1;
    }
    struct stat st{};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        error = "is a folder, not a file";
        return -1;
    }
    // Reads block again, so that a pipe with a writer is read to its end.
    int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

FdReader::~FdReader() { close(); }

void FdReader::close() {
    if (fd_ >= 0 && fd_ != STDIN_FILENO) ::close(fd_);
    fd_ = -1;
}

FdReader::int_type FdReader::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (fd_ < 0) return traits_type::eof();
    for (;;) {
        ssize_t n = ::read(fd_, buf_, sizeof buf_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error(std::string("cannot read: ") + std::strerror(errno));
        if (n == 0) return traits_type::eof();
        setg(buf_, buf_, buf_ + n);
        return traits_type::to_int_type(*gptr());
    }
}

bool read_file(const std::string& path, std::string& out, std::string& error, std::size_t limit) {
    int fd = open_for_reading(path, error);
    if (fd < 0) return false;
    struct stat st{};
    if (::fstat(fd, &st) != 0) st = {};
    // One allocation for a regular file: its size is known up front.
    out.clear();
    std::size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
    // Past the limit only one byte more is read: enough for the caller to tell.
    std::size_t stop = limit == SIZE_MAX ? SIZE_MAX : limit + 1;
    if (cap >= stop) cap = stop - 1;
    out.resize(cap > 0 ? cap + 1 : std::min<std::size_t>(stop, 1 << 16));
    std::size_t len = 0;
    bool ok = true;
    for (;;) {
        if (len >= stop) break;
        if (len == out.size()) out.resize(std::min(stop, out.size() * 2));
        ssize_t n = ::read(fd, &out[len], out.size() - len);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::strerror(errno);
            ok = false;
            break;
        }
        if (n == 0) break;
        len += static_cast<std::size_t>(n);
    }
    if (fd != STDIN_FILENO) ::close(fd);
    out.resize(len);
    return ok;
}

bool write_file_atomic(const std::string& path, const std::string& content, std::string& error) {
    Output out;
    if (!out.open(path, error)) return false;
    out.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
    return out.commit(error);
}

}  // namespace sg::util
