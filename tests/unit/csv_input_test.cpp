// input::open_csv_reader: long exports (one answer per row) and wide exports
// (one column per question), RFC 4180 quoting, and every problem an error
// answer naming file#row (and :column in the wide layout).
#include <catch2/catch.hpp>

#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "input/reader.hpp"
#include "test_support.hpp"

using sg::input::Answer;
using sg::input::ReadOptions;
using sg::input::Source;

namespace {

std::vector<Answer> read_csv(const std::string& path, const std::string& id, const ReadOptions& options = {}) {
    auto reader = sg::input::open_csv_reader(Source{path, id, ""}, options);
    REQUIRE(reader != nullptr);
    std::vector<Answer> out;
    Answer a;
    while (reader->next(a)) {
        out.push_back(a);
        REQUIRE(out.size() < 1000);
    }
    CHECK_FALSE(reader->next(a));
    return out;
}

struct Csv {
    test::TempDir dir;
    std::string path;
    std::vector<Answer> answers;
    explicit Csv(const std::string& content, const ReadOptions& options = {}) {
        path = dir.write("export.csv", content);
        answers = read_csv(path, "export", options);
    }
    std::string at(int row) const { return path + "#" + std::to_string(row); }
    std::string at(int row, int column) const { return at(row) + ":" + std::to_string(column); }
};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

using Meta = std::vector<std::pair<std::string, std::string>>;

// A resolver standing in for the rubric: question texts to ids.
ReadOptions with_rubric() {
    ReadOptions o;
    o.resolve_question = [](const std::string& header) -> std::string {
        static const std::map<std::string, std::string> known = {
            {"Why do you want to be a Technical Program Manager?", "why-tpm"},
            {"Tell me about the most technically complex program you have managed.", "complex-program"},
            {"A key dependency from another team is delayed. How do you handle it?", "delayed-dependency"},
        };
        auto it = known.find(header);
        return it == known.end() ? "" : it->second;
    };
    return o;
}

}  // namespace

TEST_CASE("a long export gives one answer per row with its columns", "[csv_input]") {
    Csv csv("id,candidate,question,date,interviewer,round,answer\n"
            "r-1,priya,why-tpm,2024-05-02,Dana,onsite,I led the Kafka migration.\n"
            ",tom,stay-current,2024-05-03,,phone,I read release notes.\n");
    REQUIRE(csv.answers.size() == 2);
    const Answer& a = csv.answers[0];
    CHECK(a.error.empty());
    CHECK(a.id == "r-1");
    CHECK(a.source == csv.at(2));  // the header is row 1
    CHECK(a.candidate == "priya");
    CHECK(a.question == "why-tpm");
    CHECK(a.date == "2024-05-02");
    CHECK(a.text == "I led the Kafka migration.");
    CHECK(a.metadata == Meta{{"interviewer", "Dana"}, {"round", "onsite"}});
    CHECK(a.file == csv.path);
    CHECK(a.index == 0);
    const Answer& b = csv.answers[1];
    CHECK(b.error.empty());
    CHECK(b.id == "export#3");  // no id: the source id and the row
    CHECK(b.source == csv.at(3));
    CHECK(b.metadata == Meta{{"round", "phone"}});  // empty cells are left out
    CHECK(b.index == 1);
}

TEST_CASE("long exports accept other names for the text, candidate and date columns", "[csv_input]") {
    SECTION("response, name and timestamp; headers in any case") {
        Csv csv("Name,Email,Timestamp,Response\nLena,lena@example.com,2024-06-10 09:14,My answer.\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error.empty());
        CHECK(csv.answers[0].candidate == "Lena");
        CHECK(csv.answers[0].date == "2024-06-10 09:14");
        CHECK(csv.answers[0].text == "My answer.");
        CHECK(csv.answers[0].metadata == Meta{{"Email", "lena@example.com"}});
    }
    SECTION("text, email and submitted") {
        Csv csv("email,submitted,text\nsam@example.com,2024-01-02,Hello there.\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].candidate == "sam@example.com");
        CHECK(csv.answers[0].date == "2024-01-02");
        CHECK(csv.answers[0].text == "Hello there.");
    }
    SECTION("the text field option names the column") {
        ReadOptions o;
        o.text_field = "Reply";
        Csv csv("id,reply,notes\nq1,The reply.,keep\n", o);
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].text == "The reply.");
        CHECK(csv.answers[0].metadata == Meta{{"notes", "keep"}});
    }
}

TEST_CASE("a long export's question column may hold question text the rubric maps", "[csv_input]") {
    Csv csv("question,answer\n"
            "Why do you want to be a Technical Program Manager?,Because.\n"
            "tech-debt,Budget it.\n"
            ",No question.\n",
            with_rubric());
    REQUIRE(csv.answers.size() == 3);
    CHECK(csv.answers[0].question == "why-tpm");
    CHECK(csv.answers[1].question == "tech-debt");  // an id is kept as it is
    CHECK(csv.answers[2].question.empty());         // left to detection
}

TEST_CASE("quoted fields keep separators, doubled quotes and line breaks", "[csv_input]") {
    Csv csv("id,answer,team\n"
            "q1,\"One, two and \"\"three\"\".\",a\n"
            "q2,\"First line.\n\nSecond paragraph.\",b\n"
            "q3,after,c\n");
    REQUIRE(csv.answers.size() == 3);
    CHECK(csv.answers[0].text == "One, two and \"three\".");
    CHECK(csv.answers[1].text == "First line.\n\nSecond paragraph.");
    CHECK(csv.answers[1].source == csv.at(3));
    CHECK(csv.answers[2].source == csv.at(4));  // rows are records, not lines
    CHECK(csv.answers[2].metadata == Meta{{"team", "c"}});
}

TEST_CASE("CRLF line ends, a BOM and CRLF inside quotes are read", "[csv_input]") {
    Csv csv("\xEF\xBB\xBFid,answer\r\nq1,\"Line one.\r\nLine two.\"\r\nq2,Plain.\r\n");
    REQUIRE(csv.answers.size() == 2);
    CHECK(csv.answers[0].id == "q1");  // the BOM is not part of the first header
    CHECK(csv.answers[0].text == "Line one.\nLine two.");
    CHECK(csv.answers[1].text == "Plain.");
    CHECK(csv.answers[1].source == csv.at(3));
}

TEST_CASE("the separator is detected from the header outside quotes, or given", "[csv_input]") {
    SECTION("semicolons") {
        Csv csv("\"id;x\";answer;team\nq1;\"Text, with a comma; and a semicolon.\";ops\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error.empty());
        CHECK(csv.answers[0].text == "Text, with a comma; and a semicolon.");
        CHECK(csv.answers[0].metadata == Meta{{"id;x", "q1"}, {"team", "ops"}});
    }
    SECTION("commas win when a quoted header holds semicolons") {
        Csv csv("id,\"a;b;c\",answer\nq1,x,Text.\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error.empty());
        CHECK(csv.answers[0].id == "q1");
    }
    SECTION("an explicit separator") {
        ReadOptions o;
        o.csv_separator = ';';
        Csv csv("id,x;answer\nq,1;Text, kept.\n", o);
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].text == "Text, kept.");
        CHECK(csv.answers[0].metadata == Meta{{"id,x", "q,1"}});
    }
}

TEST_CASE("blank lines count as rows but give no answers", "[csv_input]") {
    Csv csv("id,answer\n\nq1,One.\n\n\nq2,Two.\n\n");
    REQUIRE(csv.answers.size() == 2);
    CHECK(csv.answers[0].source == csv.at(3));
    CHECK(csv.answers[1].source == csv.at(6));
}

TEST_CASE("an empty answer in a long export is an error for its row", "[csv_input]") {
    Csv csv("id,answer\nq1,\"\"\nq2,   \nq3,Fine.\n");
    REQUIRE(csv.answers.size() == 3);
    CHECK(csv.answers[0].error == csv.at(2) + ": the answer is empty (column 2 \"answer\")");
    CHECK(csv.answers[0].id == "q1");
    CHECK(csv.answers[1].error == csv.at(3) + ": the answer is empty (column 2 \"answer\")");
    CHECK(csv.answers[2].error.empty());
}

TEST_CASE("a row with more or fewer fields than the header is an error naming both counts", "[csv_input]") {
    Csv csv("id,candidate,answer\n"
            "q1,ann,Fine.\n"
            "q2,bob\n"
            "q3,cy,Too,many\n"
            "q4,\"multi\nline\",x,y\n"
            "q5,dee,Fine again.\n");
    REQUIRE(csv.answers.size() == 5);
    CHECK(csv.answers[0].error.empty());
    CHECK(csv.answers[1].error == csv.at(3) +
                                      ": row 3 (line 3) has 2 fields, but the header has 3 columns; check the row's "
                                      "quotes and separators");
    CHECK(csv.answers[1].source == csv.at(3));
    CHECK(csv.answers[1].id == "export#3");
    CHECK(contains(csv.answers[2].error, csv.at(4) + ": row 4 (line 4) has 4 fields, but the header has 3 columns"));
    CHECK(contains(csv.answers[3].error, csv.at(5) + ": row 5 (line 5) has 4 fields"));
    CHECK(csv.answers[4].error.empty());
    CHECK(csv.answers[4].source == csv.at(6));  // row 6 starts on line 7
}

TEST_CASE("a quote left open to the end of the file names the row where it opened", "[csv_input]") {
    Csv csv("id,answer\nq1,Fine.\nq2,\"Never closed,\nstill inside\n\nq3,lost\n");
    REQUIRE(csv.answers.size() == 2);
    CHECK(csv.answers[0].error.empty());
    CHECK(csv.answers[1].error == csv.at(3) +
                                      ": a quoted field opened on line 3 never closes; the file ends inside quotes");
    CHECK(csv.answers[1].source == csv.at(3));

    // The quote opens on a later line of a row that began with a quoted line break.
    Csv later("id,team,answer\nq1,\"ops\nteam\",\"open\n");
    REQUIRE(later.answers.size() == 1);
    CHECK(later.answers[0].error == later.at(2) +
                                        ": a quoted field opened on line 3 never closes; the file ends inside quotes "
                                        "(row 2 starts on line 2)");
}

TEST_CASE("invalid UTF-8, NUL bytes and oversized cells are errors naming the row and column", "[csv_input]") {
    std::string raw = "id,answer,team\nq1,caf\xE9,a\nq2,ok,b\xFF\nq3,a";
    raw += '\0';
    raw += "b,c\nq4,Fine.,d\n";
    Csv csv(raw);
    REQUIRE(csv.answers.size() == 4);
    CHECK(csv.answers[0].error ==
          csv.at(2) + ": column 2 \"answer\": invalid UTF-8 at byte 4 of the cell; save the file as UTF-8");
    CHECK(csv.answers[0].id == "q1");
    CHECK(csv.answers[1].error ==
          csv.at(3) + ": column 3 \"team\": invalid UTF-8 at byte 2 of the cell; save the file as UTF-8");
    CHECK(csv.answers[2].error ==
          csv.at(4) + ": column 2 \"answer\": binary data (a NUL byte at byte 2 of the cell); answers must be text");
    CHECK(csv.answers[3].error.empty());

    ReadOptions o;
    o.max_bytes = 10;
    Csv big("id,answer\nq1,\"" + std::string(50, 'x') + "\"\nq2,Short.\n", o);
    REQUIRE(big.answers.size() == 2);
    CHECK(big.answers[0].error ==
          big.at(2) + ": column 2 \"answer\": the cell is 50 bytes, over the limit of 10 bytes");
    CHECK(big.answers[1].error.empty());
}

TEST_CASE("header problems are one error for the file", "[csv_input]") {
    SECTION("duplicate names, in any case") {
        Csv csv("id,Answer,team,answer\nq1,a,b,c\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error == csv.at(1) +
                                          ": the header names \"answer\" twice (columns 2 and 4); column names must be "
                                          "unique");
        CHECK(csv.answers[0].id == "export");
    }
    SECTION("an empty name") {
        Csv csv("id,answer,\nq1,a,\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error == csv.at(1) + ": column 3 of the header has no name; every column needs one");
    }
    SECTION("an empty file") {
        Csv csv("");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error ==
              csv.path + ": the file is empty; a CSV file needs a header row naming its columns");
        CHECK(csv.answers[0].source == csv.path);
    }
    SECTION("a blank first row") {
        Csv csv("\nid,answer\nq1,a\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(contains(csv.answers[0].error, csv.at(1) + ": the first row is blank"));
    }
    SECTION("a header and no rows") {
        Csv csv("id,answer\n\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error == csv.path + ": the file has a header but no rows; there are no answers to grade");
    }
    SECTION("UTF-16") {
        Csv csv(std::string("\xFF\xFEi\0d\0,\0a\0\n\0", 12));
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error == csv.path + ": UTF-16 text is not supported; save the file as UTF-8 CSV");
    }
    SECTION("neither a text column nor question columns") {
        Csv csv("id,name,email\n1,Ann,ann@example.com\n");
        REQUIRE(csv.answers.size() == 1);
        CHECK(csv.answers[0].error == csv.at(1) +
                                          ": no answers to read: the header has no \"answer\" column (one answer per "
                                          "row) and no question columns (one answer per cell); the columns are: id, "
                                          "name, email");
    }
}

TEST_CASE("a wide export gives one answer per answered cell, in row then column order", "[csv_input]") {
    Csv csv("Timestamp,Email Address,Name,Why do you want to be a Technical Program Manager?,"
            "\"A key dependency from another team is delayed. How do you handle it?\"\n"
            "2024-08-01 10:02,jo@example.com,Jo Park,Because I like plans.,I re-plan.\n"
            "2024-08-01 11:40,ravi@example.com,Ravi Shah,,I talk to them.\n"
            "2024-08-02 09:15,mei@example.com,Mei Lin,   ,\n",
            with_rubric());
    REQUIRE(csv.answers.size() == 3);
    const Answer& a = csv.answers[0];
    CHECK(a.error.empty());
    CHECK(a.source == csv.at(2, 4));
    CHECK(a.id == "export#2/why-tpm");
    CHECK(a.question == "why-tpm");
    CHECK(a.candidate == "Jo Park");  // "Name" comes before "Email Address"
    CHECK(a.date == "2024-08-01 10:02");
    CHECK(a.text == "Because I like plans.");
    CHECK(a.metadata == Meta{{"Email Address", "jo@example.com"}});
    CHECK(csv.answers[1].source == csv.at(2, 5));
    CHECK(csv.answers[1].id == "export#2/delayed-dependency");
    CHECK(csv.answers[1].question == "delayed-dependency");
    CHECK(csv.answers[2].source == csv.at(3, 5));  // the empty cell of row 3 is no answer
    CHECK(csv.answers[2].candidate == "Ravi Shah");
    CHECK(csv.answers[2].index == 2);
    // Row 4 answered nothing: no answers, no error.
}

TEST_CASE("a wide export's id column names the answers", "[csv_input]") {
    Csv csv("ID,Why do you want to be a Technical Program Manager?\nresp-9,Because.\n", with_rubric());
    REQUIRE(csv.answers.size() == 1);
    CHECK(csv.answers[0].id == "resp-9/why-tpm");
    CHECK(csv.answers[0].metadata.empty());
}

TEST_CASE("the column map comes before the rubric, exact text first, then in any case", "[csv_input]") {
    ReadOptions o = with_rubric();
    o.column_map = {{"Q3 (dependency)", "delayed-dependency"},
                    {"  q4 (CONFLICT) ", "team-conflict"},
                    {"Why do you want to be a Technical Program Manager?", "motivation"}};
    Csv csv("name,Q3 (dependency),Q4 (conflict),Why do you want to be a Technical Program Manager?\n"
            "Ana,I re-plan.,I mediate.,Because.\n",
            o);
    REQUIRE(csv.answers.size() == 3);
    CHECK(csv.answers[0].question == "delayed-dependency");
    CHECK(csv.answers[0].id == "export#2/delayed-dependency");
    CHECK(csv.answers[1].question == "team-conflict");
    CHECK(csv.answers[2].question == "motivation");
    for (const auto& a : csv.answers) {
        CHECK(a.error.empty());
        CHECK(a.candidate == "Ana");
    }
}

TEST_CASE("a wide column that maps to no question makes each answered cell an error", "[csv_input]") {
    Csv csv("Timestamp,Name,Why do you want to be a Technical Program Manager?,Q3 (dependency)\n"
            "2024-08-05,Ana,Because.,I re-plan.\n"
            "2024-08-05,Ben,Because too.,\n",
            with_rubric());
    REQUIRE(csv.answers.size() == 3);
    CHECK(csv.answers[0].error.empty());
    const Answer& e = csv.answers[1];
    CHECK(e.source == csv.at(2, 4));
    CHECK(e.id == "export#2/4");
    CHECK(e.question.empty());
    CHECK(e.candidate == "Ana");
    CHECK(e.error == csv.at(2, 4) +
                         ": column 4 \"Q3 (dependency)\" is not a question of the rubric; map it to one with "
                         "--column-map 'Q3 (dependency)=question-id'");
    CHECK(csv.answers[2].error.empty());  // Ben left Q3 empty: nothing to report
    CHECK(csv.answers[2].source == csv.at(3, 3));
}

TEST_CASE("without a resolver every wide question column needs the column map", "[csv_input]") {
    Csv csv("name,How do you stay current?\nAnn,I read.\n");
    REQUIRE(csv.answers.size() == 1);
    CHECK(contains(csv.answers[0].error, "--column-map 'How do you stay current?=question-id'"));
}

TEST_CASE("two wide columns for the same question get distinct ids", "[csv_input]") {
    ReadOptions o;
    o.column_map = {{"First try", "why-tpm"}, {"Second try", "why-tpm"}};
    Csv csv("First try,Second try\nOne.,Two.\n", o);
    REQUIRE(csv.answers.size() == 2);
    CHECK(csv.answers[0].id == "export#2/why-tpm");
    CHECK(csv.answers[1].id == "export#2/why-tpm@2");
    CHECK(csv.answers[1].question == "why-tpm");
}

TEST_CASE("problems in a wide row: bad cells, ragged rows and bad metadata", "[csv_input]") {
    ReadOptions o;
    o.column_map = {{"Q1", "why-tpm"}, {"Q2", "tech-debt"}};
    std::string raw = "name,team,Q1,Q2\n"
                      "Ann,ops,caf\xE9,Fine.\n"
                      "Bob,ops,Only three\n"
                      "Cy,\xFF,One.,Two.\n";
    Csv csv(raw, o);
    REQUIRE(csv.answers.size() == 4);
    CHECK(csv.answers[0].error == csv.at(2, 3) +
                                      ": column 3 \"Q1\": invalid UTF-8 at byte 4 of the cell; save the file as UTF-8");
    CHECK(csv.answers[0].id == "export#2/why-tpm");
    CHECK(csv.answers[1].error.empty());  // the other cell of the row is still an answer
    CHECK(csv.answers[1].source == csv.at(2, 4));
    CHECK(contains(csv.answers[2].error, csv.at(3) + ": row 3 (line 3) has 3 fields, but the header has 4 columns"));
    CHECK(csv.answers[3].error ==
          csv.at(4) + ": column 2 \"team\": invalid UTF-8 at byte 1 of the cell; save the file as UTF-8");
    CHECK(csv.answers[3].candidate == "Cy");
}

TEST_CASE("\"-\" reads a CSV export from standard input", "[csv_input]") {
    std::istringstream in("id,answer\nq1,From a pipe.\n");
    std::streambuf* old = std::cin.rdbuf(in.rdbuf());
    std::vector<Answer> answers;
    {
        auto reader = sg::input::open_csv_reader(Source{"-", "stdin", ""}, {});
        Answer a;
        while (reader->next(a)) answers.push_back(a);
    }
    std::cin.rdbuf(old);
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].text == "From a pipe.");
    CHECK(answers[0].source == "<stdin>#2");
    CHECK(answers[0].file == "-");
}

TEST_CASE("a missing file or a source with an error is one error answer", "[csv_input]") {
    test::TempDir dir;
    auto missing = read_csv(dir.str() + "/nope.csv", "nope");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].error == dir.str() + "/nope.csv: cannot read: No such file or directory");
    auto reader = sg::input::open_csv_reader(Source{"x.csv", "x", "x.csv: no such file or folder"}, {});
    Answer a;
    REQUIRE(reader->next(a));
    CHECK(a.error == "x.csv: no such file or folder");
    CHECK_FALSE(reader->next(a));
}

TEST_CASE("the CSV data files read as a CLI would see them", "[csv_input]") {
    const std::string dir = std::string(STARGRADE_REPO) + "/tests/cli/data/logs/";

    auto lng = read_csv(dir + "export-long.csv", "export-long");
    REQUIRE(lng.size() == 4);
    for (const auto& a : lng) CHECK(a.error.empty());
    CHECK(lng[0].id == "r-101");
    CHECK(lng[0].candidate == "priya-nair");
    CHECK(lng[0].question == "complex-program");
    CHECK(lng[0].metadata == Meta{{"interviewer", "Dana"}, {"round", "onsite"}});
    CHECK(contains(lng[0].text, "900 orders a minute.\n\nI designed"));
    CHECK(contains(lng[1].text, "the \"glue\""));
    CHECK(lng[3].source == dir + "export-long.csv#5");

    auto semi = read_csv(dir + "export-long-semicolon.csv", "export-long-semicolon");
    REQUIRE(semi.size() == 2);
    CHECK(semi[0].error.empty());
    CHECK(semi[0].candidate == "Lena Vogel");
    CHECK(semi[1].question == "tech-debt");
    CHECK(semi[1].metadata == Meta{{"Team", "Payments"}});

    auto broken = read_csv(dir + "export-long-broken.csv", "export-long-broken");
    REQUIRE(broken.size() == 7);
    auto at = [&](int row) { return dir + "export-long-broken.csv#" + std::to_string(row); };
    CHECK(broken[0].error.empty());
    CHECK(broken[1].error == at(3) + ": the answer is empty (column 5 \"answer\")");
    CHECK(contains(broken[2].error, at(4) + ": row 4 (line 4) has 4 fields, but the header has 5"));
    CHECK(contains(broken[3].error, at(5) + ": row 5 (line 5) has 6 fields"));
    CHECK(broken[4].error.empty());
    CHECK(contains(broken[5].error, at(7) + ": column 5 \"answer\": invalid UTF-8"));
    CHECK(contains(broken[6].error, at(8) + ": a quoted field opened on line 8 never closes"));

    ReadOptions o = with_rubric();
    auto wide = read_csv(dir + "export-wide.csv", "export-wide", o);
    REQUIRE(wide.size() == 6);
    for (const auto& a : wide) CHECK(a.error.empty());
    CHECK(wide[0].id == "export-wide#2/complex-program");
    CHECK(wide[0].candidate == "Jo Park");
    CHECK(wide[0].date == "2024-08-01 10:02:11");
    CHECK(wide[2].source == dir + "export-wide.csv#3:5");
    CHECK(wide[4].question == "complex-program");
    CHECK(wide[5].source == dir + "export-wide.csv#4:6");

    auto unmapped = read_csv(dir + "export-wide-unmapped.csv", "export-wide-unmapped", o);
    REQUIRE(unmapped.size() == 4);
    CHECK(unmapped[0].error.empty());
    CHECK(contains(unmapped[1].error, "--column-map 'Q3 (dependency)=question-id'"));
    CHECK(unmapped[2].error.empty());
    CHECK(contains(unmapped[3].error, "export-wide-unmapped.csv#3:5: column 5 \"Anything else you would like us to "
                                      "know?\" is not a question of the rubric"));
    o.column_map = {{"Q3 (dependency)", "delayed-dependency"}};
    auto mapped = read_csv(dir + "export-wide-unmapped.csv", "export-wide-unmapped", o);
    REQUIRE(mapped.size() == 4);
    CHECK(mapped[1].question == "delayed-dependency");
    CHECK(mapped[1].error.empty());

    auto dup = read_csv(dir + "export-wide-duplicate-header.csv", "dup", o);
    REQUIRE(dup.size() == 1);
    CHECK(contains(dup[0].error, "the header names \"name\" twice (columns 2 and 4)"));

    auto header_only = read_csv(dir + "export-header-only.csv", "header-only");
    REQUIRE(header_only.size() == 1);
    CHECK(contains(header_only[0].error, "a header but no rows"));
}
