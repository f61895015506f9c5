// util::Output: reports appear complete or not at all.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

#include "test_support.hpp"
#include "util/output.hpp"

namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
std::size_t entries(const fs::path& d) {
    std::size_t n = 0;
    for (auto it = fs::directory_iterator(d); it != fs::directory_iterator(); ++it) ++n;
    return n;
}
}  // namespace

TEST_CASE("an output is invisible until commit and complete after it", "[output]") {
    test::TempDir dir;
    fs::path target = dir.path() / "report.json";
    sg::util::Output out;
    std::string err;
    REQUIRE(out.open(target.string(), err));
    for (int i = 0; i < 20000; ++i) out.stream() << "line " << i << "\n";
    CHECK_FALSE(fs::exists(target));  // only the hidden temporary file so far
    CHECK(entries(dir.path()) == 1);
    REQUIRE(out.commit(err));
    std::string text = slurp(target);
    CHECK_THAT(text, Catch::StartsWith("line 0\n") && Catch::EndsWith("line 19999\n"));
    CHECK(entries(dir.path()) == 1);
}

TEST_CASE("an output that is not committed leaves nothing behind, and the old file stays", "[output]") {
    test::TempDir dir;
    std::string target = dir.write("report.csv", "old\n");
    {
        sg::util::Output out;
        std::string err;
        REQUIRE(out.open(target, err));
        out.stream() << "half a report";
    }
    CHECK(slurp(target) == "old\n");
    CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a new report gets the umask's mode and a replaced one keeps its mode", "[output]") {
    test::TempDir dir;
    mode_t old = ::umask(027);
    std::string err;
    {
        sg::util::Output out;
        REQUIRE(out.open((dir.path() / "new.json").string(), err));
        out.stream() << "{}";
        REQUIRE(out.commit(err));
    }
    ::umask(old);
    struct stat st{};
    REQUIRE(::stat((dir.path() / "new.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    std::string kept = dir.write("kept.json", "x");
    ::chmod(kept.c_str(), 0600);
    sg::util::Output out;
    REQUIRE(out.open(kept, err));
    out.stream() << "y";
    REQUIRE(out.commit(err));
    REQUIRE(::stat(kept.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(slurp(kept) == "y");
}

TEST_CASE("a symbolic link to a report stays a link and its target is replaced", "[output]") {
    test::TempDir dir;
    std::string real = dir.write("reports/real.json", "old");
    fs::path link = dir.path() / "latest.json";
    fs::create_symlink(real, link);
    sg::util::Output out;
    std::string err;
    REQUIRE(out.open(link.string(), err));
    out.stream() << "new";
    REQUIRE(out.commit(err));
    CHECK(fs::is_symlink(link));
    CHECK(slurp(real) == "new");
}

TEST_CASE("an output into a missing folder or onto a folder fails at open with a reason", "[output]") {
    test::TempDir dir;
    sg::util::Output a, b;
    std::string err;
    CHECK_FALSE(a.open((dir.path() / "missing" / "r.json").string(), err));
    CHECK_THAT(err, Catch::Contains("missing does not exist"));
    CHECK_FALSE(b.open(dir.str(), err));
    CHECK(err == "is a folder");
}

TEST_CASE("writing to a full disk fails at commit", "[output]") {
    if (!fs::exists("/dev/full")) return;
    sg::util::Output out;
    std::string err;
    REQUIRE(out.open("/dev/full", err));
    for (int i = 0; i < 10000; ++i) out.stream() << "filling the disk ";
    CHECK_FALSE(out.commit(err));
    CHECK_THAT(err, Catch::Contains("No space left"));
}
