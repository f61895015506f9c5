// Regressions found by the end-to-end battery of bad inputs
// (tests/cli/bad_input_battery.sh): each was a crash, a hang or an unclear
// message, and each must stay a located error that lets the run go on.
#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/inputs.hpp"
#include "input/answer.hpp"
#include "input/discovery.hpp"
#include "input/reader.hpp"
#include "rubric/loader.hpp"
#include "test_support.hpp"

using sg::input::Answer;
using sg::input::ReadOptions;
using sg::input::Source;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::vector<Answer> read_all(std::unique_ptr<sg::input::Reader> reader) {
    std::vector<Answer> out;
    Answer a;
    while (reader->next(a)) {
        out.push_back(a);
        REQUIRE(out.size() < 1000);
    }
    return out;
}

// Captures what is printed to std::cerr while it lives.
struct CaptureCerr {
    std::ostringstream text;
    std::streambuf* old;
    CaptureCerr() : old(std::cerr.rdbuf(text.rdbuf())) {}
    ~CaptureCerr() { std::cerr.rdbuf(old); }
};

std::string nested(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

}  // namespace

TEST_CASE("a JSONL line nested too deeply is an error for that line, not a crash", "[bad-input][jsonl]") {
    test::TempDir dir;
    // 200000 levels used to overflow the stack when the value was kept as metadata.
    std::string deep = R"({"answer": "I led it.", "meta": )" + nested(200000) + "}";
    std::string path = dir.write("log.jsonl", R"({"answer": "first"})" "\n" + deep + "\n" +
                                                  R"({"answer": "third", "meta": )" + nested(50) + "}\n");
    auto answers = read_all(sg::input::open_jsonl_reader(Source{path, "log", ""}, ReadOptions{}));
    REQUIRE(answers.size() == 3);
    CHECK(answers[0].error.empty());
    // the object is level 1, so the 1000th [ is one level too many: 32 bytes precede the first [
    CHECK(answers[1].error == path + "#2: the JSON nests lists and objects more than 1000 levels deep (at byte column 1032)");
    CHECK(answers[1].source == path + "#2");
    CHECK(answers[2].error.empty());
    REQUIRE(answers[2].metadata.size() == 1);
    CHECK(answers[2].metadata[0].second == nested(50));
}

TEST_CASE("brackets inside JSON strings do not count as nesting", "[bad-input][jsonl]") {
    test::TempDir dir;
    std::string text = std::string(5000, '[') + " \\\" " + std::string(5000, '{');
    std::string path = dir.write("log.jsonl", R"({"answer": ")" + text + "\"}\n");
    auto answers = read_all(sg::input::open_jsonl_reader(Source{path, "log", ""}, ReadOptions{}));
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].error.empty());
    CHECK(answers[0].text == std::string(5000, '[') + " \" " + std::string(5000, '{'));
}

TEST_CASE("a rubric whose aliases expand to billions of nodes is refused at once", "[bad-input][loader]") {
    // Nine levels of nine aliases: 9^9 conditions if the aliases were written out.
    std::string cond = "&l0 {feature: {name: words, min: 1}}";
    for (int k = 1; k <= 9; ++k) {
        std::string next = "&l" + std::to_string(k) + " {all: [" + cond;
        for (int i = 0; i < 8; ++i) next += ", *l" + std::to_string(k - 1);
        cond = next + "]}";
    }
    std::string yaml = test::kRubricYaml;
    auto at = yaml.find("pitfalls:\n  - id:");
    REQUIRE(at != std::string::npos);
    yaml += "  - id: bomb\n    generic: true\n    message: m\n    detect: " + cond + "\n";
    sg::util::Diagnostics diags;
    auto start = std::chrono::steady_clock::now();
    auto rubric = sg::rubric::load_rubric_text(yaml, "bomb.yaml", diags);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    CHECK(rubric == nullptr);
    REQUIRE(diags.size() == 1);
    const auto& d = diags.items()[0];
    CHECK(contains(d.message, "YAML nodes: aliases (*name) repeat this part of it too many times"));
    CHECK(d.line > 0);
}

TEST_CASE("a rubric with an alias inside the node it names is refused, not a crash", "[bad-input][loader]") {
    std::string yaml = test::kRubricYaml + "description: &loop [*loop]\n";
    sg::util::Diagnostics diags;
    auto rubric = sg::rubric::load_rubric_text(yaml, "loop.yaml", diags);
    CHECK(rubric == nullptr);
    REQUIRE(diags.size() == 1);
    auto w = test::where(yaml, "&loop");
    CHECK(diags.items()[0].str() == "loop.yaml:" + std::to_string(w.line) + ":" + std::to_string(w.column) +
                                        ": aliases (*name) nest this part of the rubric inside itself (a loop) or more "
                                        "than 1000 levels deep");
}

TEST_CASE("a rubric that uses an alias as intended still loads", "[bad-input][loader]") {
    std::string yaml = test::kRubricYaml;
    auto stop = yaml.find("  stopwords: [");
    auto lex = yaml.find("lexicons:\n");
    REQUIRE(stop != std::string::npos);
    REQUIRE(lex != std::string::npos);
    yaml.replace(lex, std::string("lexicons:\n").size(), "lexicons:\n  stops: *stop\n");
    yaml.replace(stop, std::string("  stopwords: [").size(), "  stopwords: &stop [");
    sg::util::Diagnostics diags;
    auto rubric = sg::rubric::load_rubric_text(yaml, "alias.yaml", diags);
    for (const auto& d : diags.items()) UNSCOPED_INFO(d.str());
    CHECK(diags.empty());
    REQUIRE(rubric != nullptr);
    REQUIRE(rubric->lexicons.count("stops") == 1);
    CHECK(rubric->sets[static_cast<std::size_t>(rubric->lexicons.at("stops"))].phrases.size() ==
          rubric->detection.stopwords.size());
}

TEST_CASE("YAML nested too deeply is reported at its line with a readable message", "[bad-input][loader]") {
    std::string yaml = "schema: 1\nid: deep\ndescription: " + nested(10000) + "\n";
    sg::util::Diagnostics diags;
    auto rubric = sg::rubric::load_rubric_text(yaml, "deep.yaml", diags);
    CHECK(rubric == nullptr);
    REQUIRE(diags.size() == 1);
    const auto& d = diags.items()[0];
    CHECK(d.str() == "deep.yaml:3: lists or maps nest too deeply to read (at most about 500 levels)");
}

TEST_CASE("front matter nested too deeply is a located error, not 'bad file'", "[bad-input][answer]") {
    std::string raw = "---\nid: x\ntags: " + nested(10000) + "\n---\nI led the migration.\n";
    Answer a = sg::input::parse_answer(raw, "a.md", "a");
    CHECK(a.error == "a.md:3: malformed front matter: lists or maps nest too deeply to read (at most about 500 levels)");
}

TEST_CASE("a column map naming a folder or a missing file is a usage error, not a crash", "[bad-input][cli]") {
    test::TempDir dir;
    std::string folder = (dir.path() / "maps").string();
    std::filesystem::create_directories(folder);
    sg::input::ReadOptions out;
    {
        sg::cli::InputArgs args;
        args.column_maps = {folder};
        CaptureCerr err;
        CHECK_FALSE(sg::cli::make_read_options(args, test::test_engine(), out));
        CHECK(err.text.str() == "stargrade: --column-map " + folder +
                                    ": is a folder, not a YAML file; expected 'HEADER=question-id' or a YAML file\n");
    }
    {
        sg::cli::InputArgs args;
        args.column_maps = {folder + "/missing.yaml"};
        CaptureCerr err;
        CHECK_FALSE(sg::cli::make_read_options(args, test::test_engine(), out));
        CHECK(err.text.str() == "stargrade: --column-map " + folder +
                                    "/missing.yaml: no such file; expected 'HEADER=question-id' or a YAML file\n");
    }
    {
        sg::cli::InputArgs args;
        args.column_maps = {dir.write("map.yaml", "Q1: " + nested(5000) + "\n")};
        CaptureCerr err;
        CHECK_FALSE(sg::cli::make_read_options(args, test::test_engine(), out));
        CHECK(contains(err.text.str(), "map.yaml:1: lists or maps nest too deeply to read"));
    }
}

TEST_CASE("a loop of file links inside a folder says it is a loop", "[bad-input][discovery]") {
    test::TempDir dir;
    dir.write("in/a.md", "I led it.\n");
    std::string in = (dir.path() / "in").string();
    REQUIRE(::symlink("l2.md", (in + "/l1.md").c_str()) == 0);
    REQUIRE(::symlink("l1.md", (in + "/l2.md").c_str()) == 0);
    auto sources = sg::input::discover({in});
    REQUIRE(sources.size() == 3);
    CHECK(sources[0].error.empty());
    CHECK(sources[1].error == in + "/l1.md: symbolic link loop");
    CHECK(sources[2].error == in + "/l2.md: symbolic link loop");
}
