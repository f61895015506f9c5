// util/files: whole-file reads and atomic report writes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "test_support.hpp"
#include "util/files.hpp"

namespace fs = std::filesystem;
using sg::util::read_file;
using sg::util::write_file_atomic;

static std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST_CASE("write_file_atomic writes the content and leaves no temporary file", "[files]") {
    test::TempDir dir;
    std::string path = (dir.path() / "report.json").string();
    std::string err;
    REQUIRE(write_file_atomic(path, "{\"ok\": true}\n", err));
    CHECK(err.empty());

    std::string back;
    REQUIRE(read_file(path, back, err));
    CHECK(back == "{\"ok\": true}\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
}

TEST_CASE("write_file_atomic replaces an existing file", "[files]") {
    test::TempDir dir;
    std::string path = dir.write("report.csv", "old content that is longer than the new one\n");
    std::string err;
    REQUIRE(write_file_atomic(path, "new\n", err));
    std::string back;
    REQUIRE(read_file(path, back, err));
    CHECK(back == "new\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.csv"});
}

TEST_CASE("write_file_atomic fails with an error when the folder is missing", "[files]") {
    test::TempDir dir;
    std::string path = (dir.path() / "no-such-folder" / "report.json").string();
    std::string err;
    CHECK_FALSE(write_file_atomic(path, "content", err));
    CHECK_THAT(err, Catch::Contains("no-such-folder does not exist"));
    CHECK_FALSE(fs::exists(path));
    CHECK(names_in(dir.path()).empty());
}

TEST_CASE("read_file reads bytes exactly", "[files]") {
    test::TempDir dir;
    std::string content("a\r\nb\0c\xFF", 7);
    std::string path = dir.write("raw.bin", content);
    std::string out, err;
    REQUIRE(read_file(path, out, err));
    CHECK(out == content);
}

TEST_CASE("read_file on a folder gives an error", "[files]") {
    test::TempDir dir;
    std::string out = "untouched", err;
    CHECK_FALSE(read_file(dir.str(), out, err));
    CHECK(err == "is a folder, not a file");
    CHECK(out == "untouched");
}

TEST_CASE("read_file on a missing file gives the system's reason", "[files]") {
    test::TempDir dir;
    std::string out, err;
    CHECK_FALSE(read_file((dir.path() / "missing.md").string(), out, err));
    CHECK_THAT(err, Catch::Contains("No such file or directory"));
}

TEST_CASE("MappedFile shows a file's bytes exactly, and an empty file as empty", "[files]") {
    test::TempDir dir;
    std::string content("cache\0bytes\xFF\n", 13);
    std::string path = dir.write("hs.db", content);
    std::string err;
    sg::util::MappedFile mapped;
    REQUIRE(mapped.open(path, err));
    CHECK(std::string(mapped.view()) == content);

    sg::util::MappedFile empty;
    REQUIRE(empty.open(dir.write("empty.db", ""), err));
    CHECK(empty.view().empty());

    // Opening another file replaces what was shown.
    REQUIRE(mapped.open(dir.write("other.db", "other"), err));
    CHECK(mapped.view() == "other");
}

TEST_CASE("MappedFile on a missing file gives the system's reason", "[files]") {
    test::TempDir dir;
    std::string err;
    sg::util::MappedFile mapped;
    CHECK_FALSE(mapped.open((dir.path() / "missing.db").string(), err));
    CHECK_THAT(err, Catch::Contains("No such file or directory"));
    CHECK(mapped.view().empty());
}
