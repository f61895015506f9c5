// input::Walker: globs, excludes, hidden files, symbolic links, order, shards.
#include <catch2/catch.hpp>

#include <filesystem>

#include "input/discovery.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using sg::input::discover;
using sg::input::DiscoveryOptions;
using sg::input::glob_match;

namespace {
std::vector<std::string> ids(const std::vector<sg::input::Source>& s) {
    std::vector<std::string> out;
    for (const auto& x : s) out.push_back(x.error.empty() ? x.id : "ERROR " + x.id);
    return out;
}
}  // namespace

TEST_CASE("glob patterns match names, paths and folders", "[walker]") {
    CHECK(glob_match("*.md", "a/b/c.md"));
    CHECK_FALSE(glob_match("*.md", "a/b/c.txt"));
    CHECK(glob_match("a/*.md", "a/c.md"));
    CHECK_FALSE(glob_match("a/*.md", "a/b/c.md"));
    CHECK(glob_match("a/**/*.md", "a/b/c/d.md"));
    CHECK(glob_match("a/**/*.md", "a/d.md"));
    CHECK(glob_match("**/drafts/**", "x/drafts/y.md"));
    CHECK(glob_match("q[0-9].md", "q7.md"));
    CHECK_FALSE(glob_match("q[!0-9].md", "q7.md"));
    CHECK(glob_match("?.txt", "a.txt"));
    CHECK_FALSE(glob_match("?.txt", "ab.txt"));
}

TEST_CASE("paths order component by component", "[walker]") {
    CHECK(sg::input::compare_paths("a/b.md", "a-c.md") < 0);
    CHECK(sg::input::compare_paths("a", "a/b") < 0);
    CHECK(sg::input::compare_paths("x/y", "x/y") == 0);
    CHECK(sg::input::compare_paths("b", "a/z") > 0);
}

TEST_CASE("folders are walked in path order with answer formats only, hidden entries left out", "[walker]") {
    test::TempDir d;
    d.write("a-c.md", "x");
    d.write("a/b.md", "x");
    d.write("log.jsonl", "{}");
    d.write("export.csv", "a\n");
    d.write("notes.pdf", "x");
    d.write(".hidden.md", "x");
    d.write(".git/HEAD.md", "x");
    CHECK(ids(discover({d.str()})) == std::vector<std::string>{"a/b", "a-c", "export", "log"});
}

TEST_CASE("the glob option replaces the extension filter and exclude prunes files and folders", "[walker]") {
    test::TempDir d;
    d.write("x/one.answer", "x");
    d.write("x/two.md", "x");
    d.write("drafts/three.md", "x");
    DiscoveryOptions o;
    o.globs = {"*.answer"};
    CHECK(ids(discover({d.str()}, o)) == std::vector<std::string>{"x/one"});
    DiscoveryOptions e;
    e.excludes = {"drafts"};
    CHECK(ids(discover({d.str()}, e)) == std::vector<std::string>{"x/two"});
    e.excludes = {"**/two.md"};
    CHECK(ids(discover({d.str()}, e)) == std::vector<std::string>{"drafts/three"});
}

TEST_CASE("a symbolic link loop is an error source and the walk goes on", "[walker]") {
    test::TempDir d;
    d.write("a/one.md", "x");
    d.write("b/two.md", "x");
    fs::create_directory_symlink("..", d.path() / "a" / "up");
    auto found = discover({d.str()});
    REQUIRE(found.size() == 3);
    CHECK(found[0].id == "a/one");
    CHECK_THAT(found[1].error, Catch::Contains("symbolic link loop") && Catch::Contains("a/up"));
    CHECK(found[2].id == "b/two");
}

TEST_CASE("links inside the inputs are read once under their own path, links out are followed", "[walker]") {
    test::TempDir d, outside;
    d.write("real/one.md", "x");
    fs::create_directory_symlink(d.path() / "real", d.path() / "alias");
    fs::create_symlink(d.path() / "real" / "one.md", d.path() / "latest.md");
    outside.write("ext.md", "x");
    fs::create_directory_symlink(outside.path(), d.path() / "shared");
    fs::create_symlink(d.path() / "nowhere.md", d.path() / "broken.md");
    auto found = discover({d.str()});
    CHECK(ids(found) == std::vector<std::string>{"ERROR broken", "real/one", "shared/ext"});
    CHECK_THAT(found[0].error, Catch::EndsWith("broken.md: broken symbolic link"));
}

TEST_CASE("an unreadable folder is an error source, not silently skipped", "[walker]") {
    if (::geteuid() == 0) return;  // root reads everything
    test::TempDir d;
    d.write("locked/a.md", "x");
    fs::permissions(d.path() / "locked", fs::perms::none);
    auto found = discover({d.str()});
    fs::permissions(d.path() / "locked", fs::perms::owner_all);
    REQUIRE(found.size() == 1);
    CHECK_THAT(found[0].error, Catch::Contains("cannot read folder"));
}

TEST_CASE("shards split sources stably and cover each exactly once", "[walker]") {
    std::vector<int> counts(4, 0);
    for (int i = 0; i < 400; ++i) {
        std::string p = "answers/a" + std::to_string(i) + ".md";
        int in = 0;
        for (unsigned k = 1; k <= 4; ++k)
            if (sg::input::in_shard(p, k, 4)) {
                ++in;
                ++counts[k - 1];
            }
        CHECK(in == 1);
    }
    for (int c : counts) CHECK(c > 60);
    CHECK(sg::input::path_hash("answers/a1.md") == sg::input::path_hash("answers/a1.md"));
    CHECK(sg::input::in_shard("anything", 1, 1));
}
