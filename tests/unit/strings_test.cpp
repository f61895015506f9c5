// util/strings: "did you mean" suggestions, UTF-8 validation and excerpts.
#include <catch2/catch.hpp>

#include <string>

#include "util/strings.hpp"

using namespace sg::util;

static constexpr auto npos = std::string::npos;

TEST_CASE("edit_distance counts insertions, deletions and substitutions", "[strings]") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("flaw", "lawn") == 2);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("same", "same") == 0);
    CHECK(edit_distance("pitfals", "pitfalls") == 1);
}

TEST_CASE("closest suggests the nearest candidate for a typo", "[strings]") {
    const std::vector<std::string> keys = {"schema", "id", "version", "questions", "pitfalls", "lexicons"};
    CHECK(closest("questons", keys) == std::optional<std::string>("questions"));
    CHECK(closest("pitfall", keys) == std::optional<std::string>("pitfalls"));
    CHECK(closest("lexicon", keys) == std::optional<std::string>("lexicons"));
    CHECK(closest("verison", keys) == std::optional<std::string>("version"));
}

TEST_CASE("closest gives no suggestion when nothing is near", "[strings]") {
    const std::vector<std::string> keys = {"schema", "version", "questions"};
    CHECK_FALSE(closest("zzzzzzzz", keys).has_value());
    CHECK_FALSE(closest("anything", {}).has_value());
}

TEST_CASE("first_invalid_utf8 accepts valid UTF-8", "[strings][utf8]") {
    CHECK(first_invalid_utf8("") == npos);
    CHECK(first_invalid_utf8("plain ascii") == npos);
    CHECK(first_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E") == npos);  // é € 𝄞
    CHECK(first_invalid_utf8("\xF4\x8F\xBF\xBF") == npos);                          // U+10FFFF
}

TEST_CASE("first_invalid_utf8 rejects overlong forms at their first byte", "[strings][utf8]") {
    CHECK(first_invalid_utf8("ab\xC0\xAF") == 2);          // overlong '/'
    CHECK(first_invalid_utf8("x\xC1\xBF") == 1);           // overlong 2-byte
    CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0);        // overlong 3-byte
    CHECK(first_invalid_utf8("ok \xF0\x82\x82\xAC") == 3); // overlong 4-byte
}

TEST_CASE("first_invalid_utf8 rejects truncated sequences", "[strings][utf8]") {
    CHECK(first_invalid_utf8("abc\xE2\x82") == 3);   // cut at end of input
    CHECK(first_invalid_utf8("\xE2\x82x tail") == 0); // continuation missing mid-text
    CHECK(first_invalid_utf8("\xF0\x9D\x84") == 0);
    CHECK(first_invalid_utf8("a\x80") == 1);          // stray continuation byte
    CHECK(first_invalid_utf8("a\xF8\x88\x80\x80\x80") == 1);  // 5-byte lead
}

TEST_CASE("first_invalid_utf8 rejects surrogates and values past U+10FFFF", "[strings][utf8]") {
    CHECK(first_invalid_utf8("a\xED\xA0\x80" "b") == 1);  // U+D800
    CHECK(first_invalid_utf8("\xED\xBF\xBF") == 0);       // U+DFFF
    CHECK(first_invalid_utf8("\xED\x9F\xBF") == npos);    // U+D7FF is fine
    CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0);   // U+110000
}

TEST_CASE("utf8_length counts code points", "[strings][utf8]") {
    CHECK(utf8_length("abc") == 3);
    CHECK(utf8_length("h\xC3\xA9llo") == 5);
    CHECK(utf8_length("\xE2\x82\xAC\xF0\x9D\x84\x9E") == 2);
}

TEST_CASE("excerpt keeps short text and folds whitespace", "[strings][excerpt]") {
    CHECK(excerpt("short text") == "short text");
    CHECK(excerpt("line one\nline two") == "line one line two");
    CHECK(excerpt("  a \r\n\t  b  ") == "a b");
    CHECK(excerpt("abcde", 5) == "abcde");
}

TEST_CASE("excerpt cuts at max code points and adds an ellipsis", "[strings][excerpt]") {
    CHECK(excerpt("abcdef", 5) == "abcde...");
    CHECK(excerpt("hello world", 5) == "hello...");
    CHECK(excerpt("hello world", 8) == "hello wo...");
    // Multibyte characters count once and are never split.
    CHECK(excerpt("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9\xC3\xA9\xC3\xA9...");
    std::string long_text(200, 'x');
    std::string cut = excerpt(long_text);
    CHECK(cut == std::string(80, 'x') + "...");
}

TEST_CASE("small string helpers", "[strings]") {
    CHECK(to_lower_ascii("HeLLo \xC3\x89") == "hello \xC3\x89");
    CHECK(trim("  \t x y \n") == "x y");
    CHECK(trim(" \n ").empty());
    CHECK(starts_with("question", "quest"));
    CHECK_FALSE(starts_with("q", "quest"));
    CHECK(ends_with("answer.md", ".md"));
    CHECK_FALSE(ends_with("md", ".md"));
    CHECK(join({"a", "b", "c"}, ";") == "a;b;c");
    CHECK(join({}, ";").empty());
}
