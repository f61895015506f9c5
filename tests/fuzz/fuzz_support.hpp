#pragma once
// Helpers shared by the fuzz targets: an invariant check that aborts (so
// libFuzzer saves the input), and an in-memory file for the readers, which
// take a path.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

namespace fuzz {

// Aborts with a message when an invariant of the code under test is broken.
inline void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

// A file in memory (memfd), rewritten for each input and read through its
// /proc/self/fd path, so a run does not touch the disk.
class MemFile {
public:
    MemFile() {
        fd_ = ::memfd_create("stargrade-fuzz", MFD_CLOEXEC);
        require(fd_ >= 0, "memfd_create failed");
        path_ = "/proc/self/fd/" + std::to_string(fd_);
    }
    ~MemFile() { ::close(fd_); }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;

    // Replaces the content and returns the path to open.
    const std::string& write(const unsigned char* data, std::size_t size) {
        require(::ftruncate(fd_, 0) == 0, "ftruncate failed");
        std::size_t done = 0;
        while (done < size) {
            ssize_t n = ::pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
            require(n > 0, "pwrite failed");
            done += static_cast<std::size_t>(n);
        }
        return path_;
    }

private:
    int fd_ = -1;
    std::string path_;
};

}  // namespace fuzz
