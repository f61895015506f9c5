// input::parse_answer: encoding checks, line ends and front matter.
#include <catch2/catch.hpp>

#include <string>

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
