// util::Diagnostics: problems printed as FILE:LINE:COL: message.
#include <catch2/catch.hpp>

#include "util/diagnostic.hpp"

using sg::util::Diagnostic;
using sg::util::Diagnostics;

TEST_CASE("a diagnostic prints as FILE:LINE:COL: message, leaving out unknown parts", "[diagnostic]") {
    CHECK(Diagnostic{"r.yaml", 12, 5, "unknown key 'x'"}.str() == "r.yaml:12:5: unknown key 'x'");
    CHECK(Diagnostic{"r.yaml", 12, 0, "no column"}.str() == "r.yaml:12: no column");
    CHECK(Diagnostic{"r.yaml", 0, 0, "the rubric is empty"}.str() == "r.yaml: the rubric is empty");
}

TEST_CASE("diagnostics keep every problem in order", "[diagnostic]") {
    Diagnostics d;
    CHECK(d.empty());
    d.add("a.yaml", 1, 2, "first");
    d.add("a.yaml", 3, 4, "second");
    REQUIRE(d.size() == 2);
    CHECK_FALSE(d.empty());
    CHECK(d.items()[0].str() == "a.yaml:1:2: first");
    CHECK(d.items()[1].message == "second");
    CHECK(d.items()[1].line == 3);
}

TEST_CASE("sorted diagnostics are in reading order: file, line, column", "[diagnostic]") {
    Diagnostics d;
    d.add("b.yaml", 1, 1, "b first");
    d.add("a.yaml", 9, 3, "a late");
    d.add("a.yaml", 2, 7, "a early, right");
    d.add("a.yaml", 2, 1, "a early, left");
    d.add("a.yaml", 0, 0, "a whole file");
    auto s = d.sorted();
    REQUIRE(s.size() == 5);
    CHECK(s[0].message == "a whole file");
    CHECK(s[1].message == "a early, left");
    CHECK(s[2].message == "a early, right");
    CHECK(s[3].message == "a late");
    CHECK(s[4].message == "b first");
    CHECK(d.items()[0].message == "b first");  // the original order is kept
}
