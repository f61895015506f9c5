#pragma once
// A report file written as it is produced and put in place only when it is
// complete: the text goes to a temporary file beside the target, which is
// renamed over the target on commit() and removed on abort(), on destruction
// without commit, and when the process is interrupted (SIGINT, SIGTERM,
// SIGHUP), so no reader ever sees half a report.
//
// "-" is standard output. Special files (/dev/stdout, /dev/full, pipes) are
// written in place. A target that is a symbolic link keeps the link: the file
// it points to is replaced. A new file gets the usual mode (0666 less the
// umask); a replaced file keeps its mode.
#include <memory>
#include <ostream>
#include <string>

namespace sg::util {

class Output {
public:
    Output() = default;
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    // Opens the target; false with `error` set when it cannot be written.
    bool open(const std::string& path, std::string& error);
    std::ostream& stream();
    const std::string& path() const { return path_; }
    // Flushes and puts the file in place; false with `error` on any write error.
    bool commit(std::string& error);
    void abort();

private:
    std::string path_, target_, temp_;
    int fd_ = -1;
    int slot_ = -1;
    bool to_stdout_ = false, in_place_ = false, done_ = false;
    int mode_ = -1;
    std::unique_ptr<std::streambuf> buf_;
    std::unique_ptr<std::ostream> os_;
};

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every open
// temporary report file and exit with 128 + the signal number.
void install_interrupt_cleanup();

}  // namespace sg::util
