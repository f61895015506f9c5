#include "util/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sg::util {

namespace fs = std::filesystem;

bool read_file(const std::string& path, std::string& out, std::string& error) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        error = "is a folder, not a file";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        error = "read error";
        return false;
    }
    out = std::move(ss).str();
    return true;
}

static bool write_all(int fd, const std::string& content) {
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

bool write_file_atomic(const std::string& path, const std::string& content, std::string& error) {
    if (path == "-") {
        std::cout << content;
        std::cout.flush();
        if (!std::cout) {
            error = "cannot write to standard output";
            return false;
        }
        return true;
    }
    fs::path target(path);
    std::error_code ec;
    // Special files (/dev/stdout, /dev/full, pipes) cannot be renamed over: write in place.
    if (fs::exists(target, ec) && !fs::is_regular_file(target, ec)) {
        int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC);
        if (fd < 0) {
            error = std::strerror(errno);
            return false;
        }
        bool ok = write_all(fd, content);
        int saved = errno;
        if (::close(fd) != 0 && ok) {
            ok = false;
            saved = errno;
        }
        if (!ok) error = std::strerror(saved);
        return ok;
    }
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    bool ok = write_all(fd, content) && ::fsync(fd) == 0;
    int saved = errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok) ::chmod(tmpl.c_str(), 0644);
    if (ok && std::rename(tmpl.c_str(), path.c_str()) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        std::remove(tmpl.c_str());
        error = std::strerror(saved);
    }
    return ok;
}

}  // namespace sg::util
