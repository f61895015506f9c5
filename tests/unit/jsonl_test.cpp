// input::open_jsonl_reader: one answer per line of a JSON Lines log, every bad
// line an error answer naming file#line, the rest of the log still read.
#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "input/reader.hpp"
#include "test_support.hpp"

using sg::input::Answer;
using sg::input::ReadOptions;
using sg::input::Source;

namespace {

std::vector<Answer> read_log(const std::string& path, const std::string& id = "log", const ReadOptions& options = {}) {
    auto reader = sg::input::open_jsonl_reader(Source{path, id, ""}, options);
    REQUIRE(reader != nullptr);
    std::vector<Answer> out;
    Answer a;
    while (reader->next(a)) {
        out.push_back(a);
        REQUIRE(out.size() < 1000);
    }
    CHECK_FALSE(reader->next(a));  // stays finished
    return out;
}

// Writes content to log.jsonl in a fresh folder and reads it.
struct Log {
    test::TempDir dir;
    std::string path;
    std::vector<Answer> answers;
    explicit Log(const std::string& content, const ReadOptions& options = {}) {
        path = dir.write("log.jsonl", content);
        answers = read_log(path, "log", options);
    }
    std::string at(int line) const { return path + "#" + std::to_string(line); }
};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a practice log gives one answer per line with its fields", "[jsonl]") {
    Log log(R"({"id": "a-1", "candidate": "maya", "question": "why-tpm", "date": "2024-03-04", "minutes": 12, "tags": ["mock", "x"], "coach": "Dana", "answer": "I led the Kafka migration."}
{"id": "a-2", "candidate": "maya", "question": "complex-program", "date": "2024-03-05", "answer": "First line.\nSecond line."}
)");
    REQUIRE(log.answers.size() == 2);
    const Answer& a = log.answers[0];
    CHECK(a.error.empty());
    CHECK(a.id == "a-1");
    CHECK(a.source == log.at(1));
    CHECK(a.candidate == "maya");
    CHECK(a.question == "why-tpm");
    CHECK(a.date == "2024-03-04");
    CHECK(a.text == "I led the Kafka migration.");
    CHECK(a.body_begin == 0);
    CHECK(a.file == log.path);
    CHECK(a.index == 0);
    // Other fields, in the order of the line; non-strings as compact JSON.
    REQUIRE(a.metadata.size() == 3);
    CHECK(a.metadata[0] == std::make_pair(std::string("minutes"), std::string("12")));
    CHECK(a.metadata[1] == std::make_pair(std::string("tags"), std::string(R"(["mock","x"])")));
    CHECK(a.metadata[2] == std::make_pair(std::string("coach"), std::string("Dana")));

    const Answer& b = log.answers[1];
    CHECK(b.error.empty());
    CHECK(b.id == "a-2");
    CHECK(b.source == log.at(2));
    CHECK(b.text == "First line.\nSecond line.");
    CHECK(b.metadata.empty());
    CHECK(b.index == 1);
}

TEST_CASE("without an id a line's answer is named after the source and its physical line", "[jsonl]") {
    Log log("\n"
            "{\"answer\": \"One.\"}\n"
            "   \n"
            "{\"id\": 17, \"answer\": \"Two.\"}\n"
            "{\"id\": \"\", \"answer\": \"Three.\"}\n"
            "{\"id\": null, \"candidate\": null, \"answer\": \"Four.\"}");  // no final newline
    REQUIRE(log.answers.size() == 4);
    CHECK(log.answers[0].id == "log#2");
    CHECK(log.answers[0].source == log.at(2));
    CHECK(log.answers[1].id == "17");
    CHECK(log.answers[1].source == log.at(4));
    CHECK(log.answers[2].id == "log#5");
    CHECK(log.answers[3].id == "log#6");
    CHECK(log.answers[3].candidate.empty());
    CHECK(log.answers[3].text == "Four.");
    for (const auto& a : log.answers) CHECK(a.error.empty());
}

TEST_CASE("the text field can be renamed, the default field is then metadata", "[jsonl]") {
    ReadOptions options;
    options.text_field = "response";
    Log log(R"({"id": "x", "response": "The real answer.", "answer": "a draft"})"
            "\n",
            options);
    REQUIRE(log.answers.size() == 1);
    const Answer& a = log.answers[0];
    CHECK(a.error.empty());
    CHECK(a.text == "The real answer.");
    REQUIRE(a.metadata.size() == 1);
    CHECK(a.metadata[0] == std::make_pair(std::string("answer"), std::string("a draft")));
}

TEST_CASE("malformed JSON is an error for its line with the byte column, and the log goes on", "[jsonl]") {
    Log log("{\"id\": \"a\", \"answer\": \"Fine.\"}\n"
            "{\"id\": \"b\" \"answer\": \"No comma.\"}\n"
            "{\"id\": \"c\", \"answer\": \"Fine again.\"}\n"
            "{\"id\": \"d\", \"answer\": \"unclosed}\n"
            "{\"id\": \"e\", \"answer\": \"x\"} trailing\n"
            "{\"answer\": \"x\", \"score\": 1e999}\n");
    REQUIRE(log.answers.size() == 6);
    CHECK(log.answers[0].error.empty());
    const Answer& b = log.answers[1];
    CHECK(b.source == log.at(2));
    CHECK(b.id == "log#2");
    CHECK(b.error.rfind(log.at(2) + ": malformed JSON at byte column 19: ", 0) == 0);
    CHECK(contains(b.error, "syntax error while parsing object"));
    CHECK_FALSE(contains(b.error, "json.exception"));
    CHECK(log.answers[2].error.empty());
    CHECK(log.answers[2].text == "Fine again.");
    CHECK(contains(log.answers[3].error, log.at(4) + ": malformed JSON"));
    CHECK(contains(log.answers[3].error, "missing closing quote"));
    CHECK(contains(log.answers[4].error, log.at(5) + ": malformed JSON at byte column"));
    CHECK(contains(log.answers[4].error, "expected end of input"));
    CHECK(log.answers[5].error == log.at(6) + ": malformed JSON: number overflow parsing '1e999'");
}

TEST_CASE("a line that is not an object is an error naming what it is", "[jsonl]") {
    Log log("[\"a\", \"b\"]\n\"just a string\"\n42\nnull\n");
    REQUIRE(log.answers.size() == 4);
    CHECK(log.answers[0].error == log.at(1) + ": expected a JSON object with an \"answer\" field, got an array");
    CHECK(log.answers[1].error == log.at(2) + ": expected a JSON object with an \"answer\" field, got a string");
    CHECK(log.answers[2].error == log.at(3) + ": expected a JSON object with an \"answer\" field, got a number");
    CHECK(log.answers[3].error == log.at(4) + ": expected a JSON object with an \"answer\" field, got null");
}

TEST_CASE("a missing text field is named with the keys the line has", "[jsonl]") {
    Log log("{\"id\": \"q\", \"candidate\": \"sam\", \"response\": \"Hello.\"}\n{}\n");
    REQUIRE(log.answers.size() == 2);
    const Answer& a = log.answers[0];
    CHECK(a.error == log.at(1) +
                         ": no \"answer\" field; the keys present are: id, candidate, response (choose the answer's "
                         "field with --text-field)");
    CHECK(a.id == "q");  // what could be read is kept, to name the answer
    CHECK(a.candidate == "sam");
    CHECK(log.answers[1].error == log.at(2) + ": no \"answer\" field: the object is empty");
}

TEST_CASE("fields of the wrong type are errors naming the field and the type", "[jsonl]") {
    Log log("{\"answer\": 42}\n"
            "{\"answer\": null}\n"
            "{\"answer\": [\"a\"]}\n"
            "{\"date\": 20240407, \"answer\": \"Text.\"}\n"
            "{\"candidate\": {\"name\": \"x\"}, \"answer\": \"Text.\"}\n"
            "{\"question\": true, \"answer\": \"Text.\"}\n"
            "{\"id\": 1.5, \"answer\": \"Text.\"}\n"
            "{\"id\": [1], \"answer\": \"Text.\"}\n");
    REQUIRE(log.answers.size() == 8);
    CHECK(log.answers[0].error == log.at(1) + ": the \"answer\" field must be a string, got a number");
    CHECK(log.answers[1].error == log.at(2) + ": the \"answer\" field must be a string, got null");
    CHECK(log.answers[2].error == log.at(3) + ": the \"answer\" field must be a string, got an array");
    CHECK(log.answers[3].error == log.at(4) + ": the \"date\" field must be a string, got a number");
    CHECK(log.answers[4].error == log.at(5) + ": the \"candidate\" field must be a string, got an object");
    CHECK(log.answers[5].error == log.at(6) + ": the \"question\" field must be a string, got true");
    CHECK(log.answers[6].error == log.at(7) + ": the \"id\" field must be a string or a whole number, got a number");
    CHECK(log.answers[7].error == log.at(8) + ": the \"id\" field must be a string or a whole number, got an array");
}

TEST_CASE("an empty or blank answer text is an error, like an empty text file", "[jsonl]") {
    Log log("{\"id\": \"e1\", \"answer\": \"\"}\n{\"id\": \"e2\", \"answer\": \"  \\n\\t \"}\n");
    REQUIRE(log.answers.size() == 2);
    CHECK(log.answers[0].error == log.at(1) + ": the answer is empty");
    CHECK(log.answers[0].id == "e1");
    CHECK(log.answers[1].error == log.at(2) + ": the answer is empty");
}

TEST_CASE("a line over the size limit is an error and the next line is read", "[jsonl]") {
    ReadOptions options;
    options.max_bytes = 60;
    std::string big = "{\"answer\": \"" + std::string(100, 'x') + "\"}";
    Log log(big + "\n{\"answer\": \"Short.\"}\n", options);
    REQUIRE(log.answers.size() == 2);
    CHECK(log.answers[0].error ==
          log.at(1) + ": the line is " + std::to_string(big.size()) + " bytes, over the limit of 60 bytes");
    CHECK(log.answers[1].error.empty());
    CHECK(log.answers[1].text == "Short.");
    CHECK(log.answers[1].source == log.at(2));
}

TEST_CASE("invalid UTF-8 and NUL bytes are errors for their line with the byte column", "[jsonl]") {
    Log log("{\"answer\": \"caf\xE9\"}\n"
            "{\"answer\": \"nul \\u0000 escape\"}\n"
            "{\"answer\": \"caf\xC3\xA9 is fine\"}\n");
    REQUIRE(log.answers.size() == 3);
    CHECK(log.answers[0].error == log.at(1) + ": invalid UTF-8 at byte column 16; save the log as UTF-8");
    CHECK(log.answers[1].error ==
          log.at(2) + ": the \"answer\" field holds a NUL character (\\u0000); answers must be text");
    CHECK(log.answers[2].error.empty());
    CHECK(log.answers[2].text == "caf\xC3\xA9 is fine");

    // A raw NUL byte in the line itself (the literal above cannot hold one).
    std::string raw = "{\"answer\": \"ok\"}\n{\"answer\": \"a";
    raw += '\0';
    raw += "b\"}\n";
    Log nul(raw);
    REQUIRE(nul.answers.size() == 2);
    CHECK(nul.answers[0].error.empty());
    CHECK(nul.answers[1].error == nul.at(2) + ": binary data (a NUL byte at column 14); a log line must be JSON text");
}

TEST_CASE("a UTF-8 BOM is skipped and CRLF line ends are accepted", "[jsonl]") {
    Log log("\xEF\xBB\xBF{\"id\": \"b1\", \"answer\": \"One.\\r\\nTwo.\"}\r\n{\"id\": \"b2\", \"answer\": \"Three.\"}\r\n");
    REQUIRE(log.answers.size() == 2);
    CHECK(log.answers[0].error.empty());
    CHECK(log.answers[0].id == "b1");
    CHECK(log.answers[0].source == log.at(1));
    CHECK(log.answers[0].text == "One.\nTwo.");
    CHECK(log.answers[1].error.empty());
    CHECK(log.answers[1].source == log.at(2));
}

TEST_CASE("a UTF-16 log is one clear error for the file", "[jsonl]") {
    std::string raw("\xFF\xFE{\0\"\0a\0\"\0:\0 \0\"\0x\0\"\0}\0\n\0", 24);
    Log log(raw);
    REQUIRE(log.answers.size() == 1);
    CHECK(log.answers[0].error == log.path + ": UTF-16 text is not supported; save the log as UTF-8");
    CHECK(log.answers[0].source == log.path);
    CHECK(log.answers[0].id == "log");
}

TEST_CASE("front matter is not parsed inside a log's answer text", "[jsonl]") {
    Log log(R"({"id": "fm", "answer": "---\nid: other\ncandidate: eve\n---\nBody."})"
            "\n");
    REQUIRE(log.answers.size() == 1);
    const Answer& a = log.answers[0];
    CHECK(a.error.empty());
    CHECK(a.id == "fm");
    CHECK(a.candidate.empty());
    CHECK(a.body_begin == 0);
    CHECK(a.text == "---\nid: other\ncandidate: eve\n---\nBody.");
}

TEST_CASE("an empty log, a missing file and a source with an error are one error each", "[jsonl]") {
    test::TempDir dir;
    auto empty = read_log(dir.write("empty.jsonl", "\n\n"), "empty");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].error == dir.str() + "/empty.jsonl: the log holds no answers: it has no JSON lines");

    auto missing = read_log(dir.str() + "/nope.jsonl", "nope");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].error == dir.str() + "/nope.jsonl: cannot read: No such file or directory");
    CHECK(missing[0].id == "nope");

    auto folder = read_log(dir.str(), "d");
    REQUIRE(folder.size() == 1);
    CHECK(contains(folder[0].error, "is a folder, not a file"));

    auto reader = sg::input::open_jsonl_reader(Source{"gone.jsonl", "gone", "gone.jsonl: no such file or folder"}, {});
    Answer a;
    REQUIRE(reader->next(a));
    CHECK(a.error == "gone.jsonl: no such file or folder");
    CHECK(a.id == "gone");
    CHECK(a.source == "gone.jsonl");
    CHECK_FALSE(reader->next(a));
}

TEST_CASE("\"-\" reads the log from standard input", "[jsonl]") {
    std::istringstream in("{\"answer\": \"From a pipe.\"}\nnot json\n");
    std::streambuf* old = std::cin.rdbuf(in.rdbuf());
    std::vector<Answer> answers;
    {
        auto reader = sg::input::open_jsonl_reader(Source{"-", "stdin", ""}, {});
        Answer a;
        while (reader->next(a)) answers.push_back(a);
    }
    std::cin.rdbuf(old);
    REQUIRE(answers.size() == 2);
    CHECK(answers[0].text == "From a pipe.");
    CHECK(answers[0].source == "<stdin>#1");
    CHECK(answers[0].id == "stdin#1");
    CHECK(answers[0].file == "-");
    CHECK(contains(answers[1].error, "<stdin>#2: malformed JSON at byte column 2"));
}

TEST_CASE("the practice log data files read as a CLI would see them", "[jsonl]") {
    const std::string dir = std::string(STARGRADE_REPO) + "/tests/cli/data/logs/";
    auto good = read_log(dir + "practice-log.jsonl", "practice-log");
    REQUIRE(good.size() == 4);
    for (const auto& a : good) {
        CHECK(a.error.empty());
        CHECK(a.candidate == "maya-chen");
    }
    CHECK(good[0].id == "maya-01");
    CHECK(good[0].question == "complex-program");
    CHECK(good[0].date == "2024-03-04");
    CHECK(good[2].source == dir + "practice-log.jsonl#4");  // after a blank line
    CHECK(good[3].question == "success-metrics");

    auto bad = read_log(dir + "practice-log-broken.jsonl", "practice-log-broken");
    REQUIRE(bad.size() == 9);
    auto at = [&](int line) { return dir + "practice-log-broken.jsonl#" + std::to_string(line); };
    CHECK(bad[0].error.empty());
    CHECK(contains(bad[1].error, at(2) + ": malformed JSON at byte column"));
    CHECK(contains(bad[2].error, at(3) + ": expected a JSON object"));
    CHECK(contains(bad[3].error, at(4) + ": no \"answer\" field; the keys present are: id, candidate, date, question, "
                                         "response"));
    CHECK(bad[4].error == at(5) + ": the \"answer\" field must be a string, got a number");
    CHECK(bad[5].error == at(6) + ": the \"date\" field must be a string, got a number");
    CHECK(bad[6].error == at(7) + ": the answer is empty");
    CHECK(bad[7].error.empty());
    CHECK(contains(bad[8].error, at(9) + ": invalid UTF-8"));

    auto utf16 = read_log(dir + "practice-log-utf16.jsonl", "practice-log-utf16");
    REQUIRE(utf16.size() == 1);
    CHECK(contains(utf16[0].error, "UTF-16 text is not supported"));
}
