// text::Document: normalisation, positions, sentences, pasted-question headers, tokens.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "text/document.hpp"
#include "util/strings.hpp"

using sg::text::Document;
using sg::text::normalise_newlines;

namespace {

Document doc(const std::string& text) { return Document(text, 0); }

std::vector<std::string> norms(const Document& d) {
    std::vector<std::string> out;
    for (const auto& t : d.tokens()) out.push_back(t.norm);
    return out;
}

std::vector<std::string> sentences(const Document& d) {
    std::vector<std::string> out;
    for (const auto& s : d.sentences()) out.emplace_back(sg::util::trim(d.slice(s.begin, s.end)));
    return out;
}

std::size_t offset_of(const Document& d, const std::string& needle) {
    auto at = d.text().find(needle);
    REQUIRE(at != std::string::npos);
    return at;
}

}  // namespace

TEST_CASE("normalise_newlines strips a BOM and turns CRLF and lone CR into LF", "[document]") {
    CHECK(normalise_newlines("\xEF\xBB\xBFhello") == "hello");
    CHECK(normalise_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd");
    CHECK(normalise_newlines("a\r\n\r\nb") == "a\n\nb");
    CHECK(normalise_newlines("end\r") == "end\n");
}

TEST_CASE("BOM, CRLF and lone CR give the same tokens and sentences as clean text", "[document]") {
    const std::string clean = "Situation: we ran Kafka.\nI led the move.\n\nResult: p99 fell to 120 ms.\nDone";
    const std::string crlf = "\xEF\xBB\xBFSituation: we ran Kafka.\r\nI led the move.\r\n\r\nResult: p99 fell to 120 ms.\r\nDone";
    const std::string cr = "Situation: we ran Kafka.\rI led the move.\r\rResult: p99 fell to 120 ms.\rDone";
    Document a = doc(clean);
    for (const std::string& raw : {crlf, cr}) {
        Document b = doc(normalise_newlines(raw));
        CHECK(b.text() == clean);
        CHECK(norms(b) == norms(a));
        CHECK(sentences(b) == sentences(a));
        REQUIRE(b.tokens().size() == a.tokens().size());
        for (std::size_t i = 0; i < a.tokens().size(); ++i) {
            CHECK(b.tokens()[i].begin == a.tokens()[i].begin);
            CHECK(b.tokens()[i].sentence == a.tokens()[i].sentence);
        }
        auto p = b.position(offset_of(b, "Result"));
        CHECK(p.line == 4);
        CHECK(p.column == 1);
    }
}

TEST_CASE("positions are 1-based lines and code-point columns", "[document]") {
    // "é", "ö" and "€" are multibyte: columns count them once.
    Document d = doc("First line.\nCaf\xC3\xA9 cr\xC3\xA8me \xE2\x82\xAC" "5 target here.\n\nLast.");
    auto p = d.position(0);
    CHECK(p.line == 1);
    CHECK(p.column == 1);
    p = d.position(offset_of(d, "line."));
    CHECK(p.line == 1);
    CHECK(p.column == 7);
    p = d.position(offset_of(d, "target"));
    CHECK(p.line == 2);
    CHECK(p.column == 15);  // "Café crème €5 " is 14 code points
    p = d.position(offset_of(d, "Last"));
    CHECK(p.line == 4);
    CHECK(p.column == 1);
}

TEST_CASE("sentences split on '. ' followed by a capital", "[document][sentences]") {
    Document d = doc("We shipped it. Then we left! Was it worth it? Yes.");
    CHECK(sentences(d) == std::vector<std::string>{"We shipped it.", "Then we left!", "Was it worth it?", "Yes."});
}

TEST_CASE("no sentence split before a lower-case word, in numbers or in dotted names", "[document][sentences]") {
    Document d = doc("We used node.js at v3.2 speed, e.g. for the api. it was fine.");
    CHECK(d.sentences().size() == 1);
}

TEST_CASE("list items, headings and blank lines start new sentences", "[document][sentences]") {
    Document d = doc("## Situation\nThe platform was slow\nand old\n\n- first item\n- second item\n1. numbered item\n\nClosing words");
    auto s = sentences(d);
    REQUIRE(s.size() == 6);
    CHECK(s[0] == "## Situation");
    CHECK(s[1] == "The platform was slow\nand old");  // a plain line break continues the sentence
    CHECK(s[2] == "- first item");
    CHECK(s[3] == "- second item");
    CHECK(s[4] == "1. numbered item");
    CHECK(s[5] == "Closing words");
    const auto& sens = d.sentences();
    CHECK(sens[0].heading);
    CHECK_FALSE(sens[1].heading);
    for (const auto& sen : sens) CHECK(sen.paragraph_start);
}

TEST_CASE("header detection: a pasted question at the top", "[document][header]") {
    SECTION("Q: label") {
        Document d = doc("Q: Tell me about a conflict with a stakeholder.\n\nI disagreed with our VP about scope. We met twice.");
        CHECK(d.has_header());
        CHECK(d.header_text() == "Q: Tell me about a conflict with a stakeholder.");
        CHECK(d.sentences()[0].header);
        CHECK_FALSE(d.sentences()[1].header);
        CHECK(d.body_words() == 10);
    }
    SECTION("Markdown heading") {
        Document d = doc("## Describe a program that slipped\n\nOur launch slipped by two weeks.");
        CHECK(d.has_header());
        CHECK(sg::util::trim(d.header_text()) == "## Describe a program that slipped");
        CHECK(d.body_words() == 6);
    }
    SECTION("Interviewer: label") {
        Document d = doc("Interviewer: How do you handle risk?\nI keep a risk register and review it weekly.");
        CHECK(d.has_header());
        CHECK(d.header_text() == "Interviewer: How do you handle risk?");
        CHECK(d.body_words() == 9);
    }
    SECTION("short first line ending in '?'") {
        Document d = doc("Why do you want to be a TPM?\nBecause I like connecting teams.");
        CHECK(d.has_header());
        CHECK(d.header_text() == "Why do you want to be a TPM?");
        CHECK(d.body_words() == 5);
    }
}

TEST_CASE("no header for an ordinary first sentence", "[document][header]") {
    Document d = doc("I led the migration of our billing system. It took six months.");
    CHECK_FALSE(d.has_header());
    CHECK(d.header_text().empty());
    for (const auto& s : d.sentences()) CHECK_FALSE(s.header);
}

TEST_CASE("body_words counts every word when there is no header", "[document][header]") {
    Document d = doc("I led the migration of our billing system. It took six months.");
    REQUIRE(d.tokens().size() == 12);
    CHECK(d.body_words() == 12);
}

TEST_CASE("tokens are lower case and curly apostrophes become straight", "[document][tokens]") {
    Document d = doc("We didn\xE2\x80\x99t stop. Kafka\xE2\x80\x99s LAG wasn't it.");
    CHECK(norms(d) == std::vector<std::string>{"we", "didn't", "stop", "kafka's", "lag", "wasn't", "it"});
    // The token still spans the original bytes.
    const auto& t = d.tokens()[1];
    CHECK(d.slice(t.begin, t.end) == "didn\xE2\x80\x99t");
}

TEST_CASE("numbers with decimal points and thousands separators stay one token", "[document][tokens]") {
    Document d = doc("Latency fell 3.2 times for 1,200 users, then 7, 8 more.");
    auto n = norms(d);
    CHECK(n == std::vector<std::string>{"latency", "fell", "3.2", "times", "for", "1,200", "users", "then", "7", "8",
                                        "more"});
    CHECK(d.tokens()[2].has_digit);
    CHECK_FALSE(d.tokens()[0].has_digit);
}

TEST_CASE("hyphens split words, clause breaks advance the clause counter", "[document][tokens]") {
    Document d = doc("A design-doc review, but late.");
    CHECK(norms(d) == std::vector<std::string>{"a", "design", "doc", "review", "but", "late"});
    const auto& t = d.tokens();
    CHECK(t[1].clause == t[3].clause);
    CHECK(t[4].clause > t[3].clause);  // the comma, then "but"
}

TEST_CASE("body_begin skips front matter", "[document]") {
    std::string text = "---\nid: a1\n---\nThe body starts here.";
    Document d(text, text.find("The"));
    CHECK(norms(d) == std::vector<std::string>{"the", "body", "starts", "here"});
    CHECK(d.position(d.tokens()[0].begin).line == 4);
}

TEST_CASE("header labels need their colon: an answer may start with the word 'Question'", "[document][header]") {
    Document d = doc("Questioning the plan was my first step. I met every team lead that week.");
    CHECK_FALSE(d.has_header());
    CHECK(d.body_words() == 14);
}

TEST_CASE("header detection sees through emphasis and accepts Question:", "[document][header]") {
    Document bold = doc("**Q:** Tell me about a time you failed.\n\nI missed a launch date once.");
    CHECK(bold.has_header());
    CHECK(bold.body_words() == 6);
    Document question = doc("Question: How do you prioritise?\n\nBy impact and cost.");
    CHECK(question.has_header());
    CHECK(question.body_words() == 4);
}

TEST_CASE("curly quotes, dashes and no-break spaces are not part of words", "[document]") {
    auto d = doc("I moved it to \xe2\x80\x9cPostgres\xe2\x80\x9d \xe2\x80\x94 and\xc2\xa0Kafka.\n");
    CHECK(norms(d) == std::vector<std::string>{"i", "moved", "it", "to", "postgres", "and", "kafka"});
    CHECK(d.body_words() == 7);
}

TEST_CASE("abbreviations do not end a sentence", "[document]") {
    auto d = doc("We cut costs in the U.S. East region by approx. 30% this year. Then we stopped.\n");
    REQUIRE(d.sentences().size() == 2);
    auto e = doc("Use a queue, e.g. Kafka, for this. It works.\n");
    CHECK(e.sentences().size() == 2);
}

TEST_CASE("a labelled first line is not a pasted question", "[document]") {
    auto d = doc("**Situation:** our checkout service kept failing under load\n\n"
                 "Task: fix it.\n\nAction: I rewrote it.\n\nResult: errors fell by 40%.\n");
    CHECK_FALSE(d.has_header());
    auto q = doc("Q-learning is what I studied first.\nThen I moved to planning.\n");
    CHECK_FALSE(q.has_header());
}
