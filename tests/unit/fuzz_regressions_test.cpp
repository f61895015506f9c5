// Inputs the fuzz targets (tests/fuzz) found a problem with, and the behaviour
// fixed since. Each case uses the reproducer kept in tests/fuzz/regressions/,
// written inline so the test does not depend on the file.
#include <catch2/catch.hpp>

#include <string>

#include "input/answer.hpp"
#include "text/document.hpp"
#include "util/strings.hpp"

using sg::input::parse_answer;

// tests/fuzz/regressions/fuzz_answer/double-bom: only the first of two BOMs
// was removed, so the answer's text started with U+FEFF, a body of nothing but
// BOMs was not empty, and front matter after them was not recognised.
TEST_CASE("fuzz regression: every leading BOM is removed", "[fuzz][answer]") {
    const std::string two = "\xEF\xBB\xBF\xEF\xBB\xBF";
    CHECK(sg::text::normalise_newlines(two + "hello") == "hello");
    CHECK(sg::text::normalise_newlines(two + "\xEF\xBB\xBF" "a\r\nb") == "a\nb");

    auto only_boms = parse_answer(two, "a.md", "a");
    CHECK(only_boms.error == "a.md: the answer is empty");

    auto with_front_matter = parse_answer(two + "---\nid: x\nquestion: q1\n---\nThe body.\n", "b.md", "b");
    REQUIRE(with_front_matter.error.empty());
    CHECK(with_front_matter.id == "x");
    CHECK(with_front_matter.question == "q1");
    CHECK(with_front_matter.text.compare(0, 3, "\xEF\xBB\xBF") != 0);
    CHECK(with_front_matter.text.substr(with_front_matter.body_begin) == "The body.\n");

    // Places still count from after the BOMs.
    auto bad = parse_answer(two + "ok \xC3\x28", "c.md", "c");
    CHECK(bad.error == "c.md:1:4: invalid UTF-8 (byte 9); save the file as UTF-8");
}
