// pipeline::QuestionDetector: which rubric question an answer addresses.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pipeline/detect.hpp"
#include "test_support.hpp"

using sg::pipeline::QuestionDetector;

namespace {

sg::pipeline::Detection detect(const std::string& text) {
    const auto& engine = test::test_engine();
    QuestionDetector detector(engine.rubric());
    sg::text::Document doc(text, 0);
    auto matches = engine.matcher().scan(doc);
    return detector.detect(doc, matches);
}

}  // namespace

TEST_CASE("detection words drop stopwords and light suffixes", "[detect]") {
    QuestionDetector detector(test::test_engine().rubric());
    CHECK(detector.words("Tell me about the programs you managed, managing programs") ==
          std::vector<std::string>{"program", "manag"});
    CHECK(detector.words("Kafka's partitions") == std::vector<std::string>{"kafka", "partition"});
}

TEST_CASE("a pasted question text selects its question", "[detect]") {
    auto d = detect("Q: Tell me about the most technically complex program you have managed.\n\nIt was a big one.");
    REQUIRE(d.question);
    CHECK(d.question->id == "complex-program");
    CHECK(d.confidence == Approx(1.0));
}

TEST_CASE("header and body evidence combine with header_weight", "[detect]") {
    // The header says why-tpm; a body cue of complex-program (a migration) is evidence
    // against it, but the header weighs three times as much as the body.
    auto clean = detect("Q: Why do you want to be a technical program manager?\n\nI like the work.");
    auto mixed = detect("Q: Why do you want to be a technical program manager?\n\nI once ran a migration.");
    REQUIRE(clean.question);
    REQUIRE(mixed.question);
    CHECK(clean.question->id == "why-tpm");
    CHECK(mixed.question->id == "why-tpm");
    CHECK(mixed.confidence < clean.confidence);
    CHECK(mixed.confidence > 0.5);
    // Two body cues of complex-program and none of why-tpm outweigh a header that only
    // shares the word "program".
    auto body = detect("Q: What program?\n\nThe migration changed the architecture.");
    REQUIRE(body.question);
    CHECK(body.question->id == "complex-program");
}

TEST_CASE("no evidence means no question", "[detect]") {
    auto d = detect("Nothing here relates to anything.");
    CHECK(d.question == nullptr);
    CHECK(d.confidence == 0);
}
