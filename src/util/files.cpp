#include "util/files.hpp"

#include "util/output.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sg::util {

namespace fs = std::filesystem;

bool read_file(const std::string& path, std::string& out, std::string& error, std::size_t limit) {
    int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    struct stat st{};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (fd != STDIN_FILENO) ::close(fd);
        error = "is a folder, not a file";
        return false;
    }
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

MappedFile::~MappedFile() {
    if (map_) ::munmap(map_, size_);
}

bool MappedFile::open(const std::string& path, std::string& error) {
    if (map_) ::munmap(map_, size_);
    map_ = nullptr;
    size_ = 0;
    buffer_.clear();
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    struct stat st{};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            ::close(fd);
            map_ = p;
            size_ = static_cast<std::size_t>(st.st_size);
            return true;
        }
    }
    ::close(fd);
    return read_file(path, buffer_, error);
}

bool write_file_atomic(const std::string& path, const std::string& content, std::string& error) {
    Output out;
    if (!out.open(path, error)) return false;
    out.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
    return out.commit(error);
}

std::string cache_dir() {
    if (const char* d = std::getenv("STARGRADE_CACHE_DIR")) {
        std::string s(d);
        return s == "off" ? std::string() : s;
    }
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/stargrade";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/stargrade";
    return {};
}

bool save_in_cache(const std::string& dir, const std::string& path, const std::string& content) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::string error;
    return !ec && write_file_atomic(path, content, error);
}

}  // namespace sg::util
