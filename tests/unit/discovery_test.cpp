// input::discover: walking folders into a sorted list of answer sources.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "input/discovery.hpp"
#include "test_support.hpp"

using sg::input::discover;
using sg::input::Source;

namespace {

std::vector<std::string> ids(const std::vector<Source>& s) {
    std::vector<std::string> out;
    for (const auto& x : s) out.push_back(x.id);
    return out;
}

std::vector<std::string> paths(const std::vector<Source>& s) {
    std::vector<std::string> out;
    for (const auto& x : s) out.push_back(x.path);
    return out;
}

// A small answers folder with files that are and are not answers.
struct Tree {
    test::TempDir dir;
    std::string root = dir.str();
    Tree() {
        dir.write("b.md", "B");
        dir.write("a.txt", "A");
        dir.write("notes.pdf", "not an answer");
        dir.write("README", "no extension");
        dir.write("sub/c.md", "C");
        dir.write("sub/deeper/d.md", "D");
        dir.write("sub/deeper/e.json", "{}");
        dir.write("z/Upper.MD", "U");
    }
};

}  // namespace

TEST_CASE("a folder is walked recursively, sorted, for .md and .txt files", "[discovery]") {
    Tree t;
    auto found = discover({t.root});
    CHECK(paths(found) == std::vector<std::string>{t.root + "/a.txt", t.root + "/b.md", t.root + "/sub/c.md",
                                                   t.root + "/sub/deeper/d.md", t.root + "/z/Upper.MD"});
    CHECK(ids(found) == std::vector<std::string>{"a", "b", "sub/c", "sub/deeper/d", "z/Upper"});
    for (const auto& s : found) CHECK(s.error.empty());
}

TEST_CASE("ids are relative to the folder given", "[discovery]") {
    Tree t;
    auto found = discover({t.root + "/sub"});
    CHECK(ids(found) == std::vector<std::string>{"c", "deeper/d"});
}

TEST_CASE("other extensions can be chosen", "[discovery]") {
    Tree t;
    sg::input::DiscoveryOptions opts;
    opts.extensions = {".json"};
    CHECK(ids(discover({t.root}, opts)) == std::vector<std::string>{"sub/deeper/e"});
}

TEST_CASE("a file named on the command line is taken as given", "[discovery]") {
    Tree t;
    auto found = discover({t.root + "/notes.pdf", t.root + "/sub/c.md"});
    CHECK(paths(found) == std::vector<std::string>{t.root + "/notes.pdf", t.root + "/sub/c.md"});
    // Several inputs: ids are relative to the folder they share, so they cannot collide.
    CHECK(ids(found) == std::vector<std::string>{"notes", "sub/c"});
    CHECK(ids(discover({t.root + "/sub/c.md"})) == std::vector<std::string>{"c"});
}

TEST_CASE("a missing path becomes an error source", "[discovery]") {
    Tree t;
    std::string missing = t.root + "/nope/answer.md";
    auto found = discover({missing, t.root + "/b.md"});
    REQUIRE(found.size() == 2);
    const Source& err = found[0].path == missing ? found[0] : found[1];
    CHECK(err.path == missing);
    CHECK(err.id == "answer");
    CHECK(err.error == missing + ": no such file or folder");
    const Source& ok = found[0].path == missing ? found[1] : found[0];
    CHECK(ok.error.empty());
}

TEST_CASE("a file named twice appears once", "[discovery]") {
    Tree t;
    std::string b = t.root + "/b.md";
    CHECK(discover({b, b}).size() == 1);
    CHECK(discover({t.root + "/./b.md", b}).size() == 1);
    // Named on its own and found again inside its folder.
    auto found = discover({b, t.root});
    CHECK(found.size() == 5);
    std::size_t count_b = 0;
    for (const auto& s : found) count_b += s.id == "b" ? 1 : 0;
    CHECK(count_b == 1);
}

TEST_CASE("results from several inputs are sorted by path", "[discovery]") {
    Tree t;
    auto found = discover({t.root + "/sub", t.root + "/b.md", t.root + "/a.txt"});
    CHECK(paths(found) == std::vector<std::string>{t.root + "/a.txt", t.root + "/b.md", t.root + "/sub/c.md",
                                                   t.root + "/sub/deeper/d.md"});
}

TEST_CASE("an empty folder gives no sources", "[discovery]") {
    test::TempDir dir;
    CHECK(discover({dir.str()}).empty());
}
