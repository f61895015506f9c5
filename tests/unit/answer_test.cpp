// input::parse_answer: encoding checks, line ends and front matter.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

#include "input/answer.hpp"
#include "test_support.hpp"

using sg::input::Answer;
using sg::input::parse_answer;

namespace {
Answer parse(const std::string& raw) { return parse_answer(raw, "a.md", "default-id"); }
std::string body(const Answer& a) { return a.text.substr(a.body_begin); }
}  // namespace

TEST_CASE("an answer without front matter is its whole text", "[answer]") {
    Answer a = parse("I led the migration.\n");
    CHECK(a.error.empty());
    CHECK(a.id == "default-id");
    CHECK(a.source == "a.md");
    CHECK(a.body_begin == 0);
    CHECK(a.text == "I led the migration.\n");
    CHECK(a.candidate.empty());
    CHECK(a.question.empty());
    CHECK(a.metadata.empty());
}

TEST_CASE("front matter sets id, candidate, question and date and keeps other keys", "[answer][front-matter]") {
    const std::string raw =
        "---\n"
        "id: a-17\n"
        "candidate: Jane Doe\n"
        "question: why-tpm\n"
        "date: 2024-05-01\n"
        "team: payments\n"
        "level: [senior, staff]\n"
        "---\n"
        "Body text here.\n";
    Answer a = parse(raw);
    REQUIRE(a.error.empty());
    CHECK(a.id == "a-17");
    CHECK(a.candidate == "Jane Doe");
    CHECK(a.question == "why-tpm");
    CHECK(a.date == "2024-05-01");
    REQUIRE(a.metadata.size() == 2);
    CHECK(a.metadata[0] == std::make_pair(std::string("team"), std::string("payments")));
    CHECK(a.metadata[1].first == "level");
    CHECK(a.metadata[1].second == "[senior, staff]");
    CHECK(a.body_begin == raw.find("Body"));
    CHECK(body(a) == "Body text here.\n");
}

TEST_CASE("front matter may close with '...' and may leave the id out", "[answer][front-matter]") {
    Answer a = parse("---\ncandidate: Sam\n...\nThe body.");
    REQUIRE(a.error.empty());
    CHECK(a.id == "default-id");
    CHECK(a.candidate == "Sam");
    CHECK(body(a) == "The body.");
}

TEST_CASE("empty and whitespace-only answers are errors", "[answer][errors]") {
    CHECK(parse("").error == "a.md: the answer is empty");
    CHECK(parse("  \n\t\n \r\n").error == "a.md: the answer is empty");
    CHECK(parse("---\nid: x\n---\n\n   \n").error == "a.md: the answer is empty");
}

TEST_CASE("a NUL byte means binary data, with its byte offset", "[answer][errors]") {
    Answer a = parse(std::string("some text\0more", 14));
    CHECK(a.error == "a.md: binary data (a NUL byte at byte 9); answers must be text");
    CHECK(a.text.empty());
}

TEST_CASE("invalid UTF-8 is an error naming line and column", "[answer][errors]") {
    // Line 2 has "café " (5 code points, 6 bytes) before the bad byte.
    Answer a = parse("first line\ncaf\xC3\xA9 \xFF rest\n");
    CHECK(a.error == "a.md:2:6: invalid UTF-8 (byte 17); save the file as UTF-8");
}

TEST_CASE("invalid UTF-8 in a CRLF file is placed like in the editor", "[answer][errors]") {
    Answer a = parse("one\r\ntwo\r\nab\xC0\xAF\r\n");
    CHECK(a.error == "a.md:3:3: invalid UTF-8 (byte 12); save the file as UTF-8");
}

TEST_CASE("invalid UTF-8 place ignores a BOM and counts lone CR line breaks", "[answer][errors]") {
    SECTION("a BOM is not a column") {
        Answer a = parse("\xEF\xBB\xBF" "ab\xFF");
        CHECK(a.error == "a.md:1:3: invalid UTF-8 (byte 5); save the file as UTF-8");
    }
    SECTION("lone CR ends a line, as everywhere else in stargrade") {
        Answer a = parse("one\rtwo\rab\xFF");
        CHECK(a.error == "a.md:3:3: invalid UTF-8 (byte 10); save the file as UTF-8");
    }
}

TEST_CASE("UTF-16 files are rejected with a hint", "[answer][errors]") {
    const std::string le("\xFF\xFEh\0i\0", 6);
    const std::string be("\xFE\xFF\0h\0i", 6);
    CHECK(parse(le).error == "a.md: UTF-16 text is not supported; save the file as UTF-8");
    CHECK(parse(be).error == "a.md: UTF-16 text is not supported; save the file as UTF-8");
}

TEST_CASE("unclosed front matter is an error", "[answer][errors]") {
    CHECK(parse("---\nid: x\nThe body never ends the front matter.\n").error ==
          "a.md:1:1: front matter opened with '---' is never closed");
}

TEST_CASE("malformed YAML front matter is an error with its line", "[answer][errors]") {
    Answer a = parse("---\nid: x\ntitle: a: b\n---\nBody.\n");
    CHECK_THAT(a.error, Catch::StartsWith("a.md:3:9: malformed front matter: "));
}

TEST_CASE("front matter must be a map and its known keys single values", "[answer][errors]") {
    CHECK(parse("---\n- a\n- b\n---\nBody.\n").error == "a.md:2:1: front matter must be a map of key: value");
    Answer a = parse("---\ncandidate: Jo\nid: [a, b]\n---\nBody.\n");
    CHECK(a.error == "a.md:3:5: front matter 'id' must be a single value");
}

TEST_CASE("BOM and CRLF give the same answer as the clean file", "[answer]") {
    const std::string clean = "---\nid: a1\ncandidate: Kim\n---\nLine one.\nLine two.\n\nLine three.\n";
    const std::string dirty =
        "\xEF\xBB\xBF---\r\nid: a1\r\ncandidate: Kim\r\n---\r\nLine one.\r\nLine two.\r\n\r\nLine three.\r\n";
    Answer a = parse(clean), b = parse(dirty);
    REQUIRE(a.error.empty());
    REQUIRE(b.error.empty());
    CHECK(b.id == "a1");
    CHECK(b.id == a.id);
    CHECK(b.candidate == a.candidate);
    CHECK(b.text == a.text);
    CHECK(b.body_begin == a.body_begin);
    CHECK(body(b) == "Line one.\nLine two.\n\nLine three.\n");
}

TEST_CASE("an answer over max_bytes is an error", "[answer][errors]") {
    std::string raw(101, 'a');
    CHECK(parse_answer(raw, "big.md", "big", 100).error == "big.md: the file is 101 bytes, over the limit of 100 bytes");
    CHECK(parse_answer(std::string(100, 'a'), "ok.md", "ok", 100).error.empty());
}

TEST_CASE("read_answer reads a file and reports an unreadable one", "[answer]") {
    test::TempDir dir;
    std::string path = dir.write("one.md", "---\nid: one\n---\nHello there.\n");
    Answer a = sg::input::read_answer(path, "fallback");
    CHECK(a.error.empty());
    CHECK(a.id == "one");
    CHECK(a.source == path);

    std::string missing = (dir.path() / "none.md").string();
    Answer b = sg::input::read_answer(missing, "none");
    CHECK(b.id == "none");
    CHECK(b.source == missing);
    CHECK_THAT(b.error, Catch::StartsWith(missing + ": cannot read: "));
}

TEST_CASE("plain key: value front matter is read without YAML, and means what YAML says", "[answer][front-matter]") {
    using Pairs = std::vector<std::pair<std::string, std::string>>;
    // What yaml-cpp makes of a front matter that is a map of scalars.
    auto by_yaml = [](const std::string& y) {
        Pairs out;
        YAML::Node n = YAML::Load(y);
        for (const auto& kv : n) out.emplace_back(kv.first.Scalar(), kv.second.IsNull() ? "" : kv.second.Scalar());
        return out;
    };
    const std::vector<std::string> simple = {
        "id: a1\ncandidate: sam-okafor\nquestion: team-conflict\n",
        "date: 2026-12-08\nsource: ats/export 3.2\nscore_hint: 42\n",
        "id: x\n\nnote: ships at 10:30 in Zurich, (UTC+1)\n",
        "title: Migración del ledger\ntrailing: spaced   \n",
        "empty:\nflag: yes\nversion: 1.10\n",
    };
    for (const auto& y : simple) {
        INFO(y);
        Pairs fast;
        REQUIRE(sg::input::simple_front_matter(y, fast));
        CHECK(fast == by_yaml(y));
    }
    // Anything YAML would read differently goes to yaml-cpp.
    const std::vector<std::string> not_simple = {
        "id: 'quoted'\n",        "tags: [a, b]\n",     "id: a # comment\n",   "note: a: b\n",
        "id: a\nid: b\n",       "list:\n  - a\n",   "id: null\n",          "# only a comment\n",
        "key:value\n",           "id: ~\n",           "id: *anchor\n",       "id: \"x\"\n",
        "text: >-\n  folded\n", "  indented: 1\n",    "id: a\tb\n",
    };
    for (const auto& y : not_simple) {
        INFO(y);
        Pairs fast;
        CHECK_FALSE(sg::input::simple_front_matter(y, fast));
    }
    // Through parse_answer, both ways give the same answer fields.
    Answer plain = parse("---\nid: a1\ncandidate: sam\nteam: payments\n---\nI led it.\n");
    Answer quoted = parse("---\nid: 'a1'\ncandidate: \"sam\"\nteam: payments # a comment\n---\nI led it.\n");
    CHECK(plain.id == quoted.id);
    CHECK(plain.candidate == quoted.candidate);
    CHECK(plain.metadata == quoted.metadata);
    CHECK(body(plain) == body(quoted));
}
