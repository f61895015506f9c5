#include "util/output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sg::util {

namespace fs = std::filesystem;

namespace {

// Temporary files to remove if a signal arrives. Fixed storage, so the signal
// handler only reads plain memory and calls unlink(2) and _exit(2).
constexpr int kMaxTemps = 64;
constexpr std::size_t kMaxPath = 4096;
char g_temps[kMaxTemps][kMaxPath];
volatile std::sig_atomic_t g_used[kMaxTemps];
std::mutex g_temps_mutex;

int register_temp(const std::string& path) {
    if (path.size() >= kMaxPath) return -1;
    std::lock_guard<std::mutex> lock(g_temps_mutex);
    for (int i = 0; i < kMaxTemps; ++i) {
        if (!g_used[i]) {
            std::memcpy(g_temps[i], path.c_str(), path.size() + 1);
            g_used[i] = 1;
            return i;
        }
    }
    return -1;
}

void unregister_temp(int slot) {
    if (slot < 0) return;
    std::lock_guard<std::mutex> lock(g_temps_mutex);
    g_used[slot] = 0;
}

extern "C" void on_interrupt(int sig) {
    for (int i = 0; i < kMaxTemps; ++i)
        if (g_used[i]) ::unlink(g_temps[i]);
    _exit(128 + sig);
}

// A streambuf over a file descriptor that remembers the first write error.
class FdBuf : public std::streambuf {
public:
    explicit FdBuf(int fd) : fd_(fd) { setp(buf_, buf_ + sizeof buf_); }
    int error() const { return error_; }
    bool flush_all() { return sync() == 0; }

protected:
    int_type overflow(int_type ch) override {
        if (sync() != 0) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n >= static_cast<std::streamsize>(sizeof buf_)) {
            if (sync() != 0) return 0;
            return write_all(s, static_cast<std::size_t>(n)) ? n : 0;
        }
        return std::streambuf::xsputn(s, n);
    }
    int sync() override {
        std::size_t n = static_cast<std::size_t>(pptr() - pbase());
        bool ok = write_all(pbase(), n);
        setp(buf_, buf_ + sizeof buf_);
        return ok ? 0 : -1;
    }

private:
    bool write_all(const char* p, std::size_t left) {
        if (error_) return false;
        while (left > 0) {
            ssize_t w = ::write(fd_, p, left);
            if (w < 0) {
                if (errno == EINTR) continue;
                error_ = errno;
                return false;
            }
            p += w;
            left -= static_cast<std::size_t>(w);
        }
        return true;
    }
    int fd_;
    int error_ = 0;
    char buf_[1 << 16];
};

std::string errno_text(int e) { return std::strerror(e); }

}  // namespace


Output::~Output() {
    if (!done_) abort();
}

bool Output::open(const std::string& path, std::string& error) {
    path_ = path;
    if (path == "-") {
        to_stdout_ = true;
        fd_ = STDOUT_FILENO;
    } else {
        std::error_code ec;
        fs::path target(path);
        // Follow a symbolic link to the file it names, so the link stays.
        if (fs::is_symlink(fs::symlink_status(target, ec))) {
            auto resolved = fs::weakly_canonical(target, ec);
            if (!ec) target = resolved;
        }
        target_ = target.string();
        struct stat st{};
        bool exists = ::stat(target_.c_str(), &st) == 0;
        if (exists && S_ISDIR(st.st_mode)) {
            error = "is a folder";
            return false;
        }
        if (exists && !S_ISREG(st.st_mode)) {
            in_place_ = true;
            fd_ = ::open(target_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
            if (fd_ < 0) {
                error = errno_text(errno);
                return false;
            }
        } else {
            if (exists) mode_ = static_cast<int>(st.st_mode & 07777);
            fs::path dir = target.parent_path();
            if (dir.empty()) dir = ".";
            temp_ = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
            fd_ = ::mkstemp(temp_.data());
            if (fd_ < 0) {
                int e = errno;
                error = e == ENOENT ? "the folder " + dir.string() + " does not exist" : errno_text(e);
                temp_.clear();
                return false;
            }
            // A signal between mkstemp and here would leave the empty temporary
            // file; the window is a few instructions.
            slot_ = register_temp(temp_);
        }
    }
    buf_ = std::make_unique<FdBuf>(fd_);
    os_ = std::make_unique<std::ostream>(buf_.get());
    return true;
}

std::ostream& Output::stream() { return *os_; }

bool Output::commit(std::string& error) {
    done_ = true;
    auto* fb = static_cast<FdBuf*>(buf_.get());
    bool ok = fb && fb->flush_all() && fb->error() == 0;
    int e = fb && fb->error() ? fb->error() : EIO;
    if (to_stdout_) {
        if (!ok) error = "cannot write to standard output: " + errno_text(e);
        return ok;
    }
    if (ok && !in_place_ && ::fsync(fd_) != 0) {
        ok = false;
        e = errno;
    }
    if (::close(fd_) != 0 && ok) {
        ok = false;
        e = errno;
    }
    fd_ = -1;
    if (in_place_) {
        if (!ok) error = errno_text(e);
        return ok;
    }
    if (ok) {
        mode_t mode;
        if (mode_ >= 0) {
            mode = static_cast<mode_t>(mode_);
        } else {
            mode_t mask = ::umask(0);
            ::umask(mask);
            mode = 0666 & ~mask;
        }
        ::chmod(temp_.c_str(), mode);
        if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
            ok = false;
            e = errno;
        }
    }
    if (!ok) {
        ::unlink(temp_.c_str());
        error = errno_text(e);
    }
    unregister_temp(slot_);
    slot_ = -1;
    return ok;
}

void Output::abort() {
    done_ = true;
    if (to_stdout_) {
        if (buf_) static_cast<FdBuf*>(buf_.get())->flush_all();
        return;
    }
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!temp_.empty() && !in_place_) ::unlink(temp_.c_str());
    unregister_temp(slot_);
    slot_ = -1;
}

void install_interrupt_cleanup() {
    struct sigaction sa{};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
}

}  // namespace sg::util
