// JUnit XML, for CI systems that show test results (GitLab, Jenkins, GitHub
// test-report actions): every answer is a testcase, every question a suite.
//
//   <testsuites name="stargrade" tests failures errors skipped time timestamp>
//     <testsuite name="QUESTION" ...same counts...>       rubric question order,
//       <properties> rubric, pass mark, question text       then "unknown", "errors"
//       <testcase classname="stargrade.QUESTION" name="ID" file="SOURCE" time>
//         <properties> score, band, candidate, ...
//         <failure type="below-pass-mark" message="score 48.2 &lt; 60 (band mixed)">findings</failure>
//         <error type="ungradable" message="...">the error</error>
//         <system-out> the scores, and the findings of an answer that passed
//
// A <testsuite> carries its counts before its testcases, so the testcases of
// each suite are kept as XML text until finish(); nothing else is kept.
// A testcase's time is the time spent grading that answer (measured by the
// pipeline, in microseconds); answers read back from JSON reports (add_json)
// take 0. Times add up exactly: suite = sum of its cases.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/writers.hpp"

namespace sg::report {

namespace {

using ordered_json = nlohmann::ordered_json;

// Decodes the UTF-8 sequence at s[i]; returns its length, or 0 when it is not
// valid UTF-8 (truncated, overlong, a surrogate or past U+10FFFF).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = byte(i);
    std::size_t n;
    char32_t min;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        n = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        n = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        n = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

// The characters XML 1.0 allows in a document.
bool xml_char(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Calls emit(code point, its bytes) for each character of s that XML allows,
// and emit(U+FFFD, its bytes) for each invalid byte or disallowed character.
template <class Emit>
void each_char(std::string_view s, Emit&& emit) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        std::size_t n = decode_utf8(s, i, cp);
        if (n == 0 || !xml_char(cp))
            emit(U'\uFFFD', kReplacement);
        else
            emit(cp, s.substr(i, n));
        i += n == 0 ? 1 : n;
    }
}

std::string xml(std::string_view s, bool attribute = false) { return escape_xml(s, attribute); }

std::string attr(std::string_view name, std::string_view value) {
    return fmt::format(" {}=\"{}\"", name, xml(value, true));
}

std::string str(const ordered_json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
double num(const ordered_json& j, const char* key, double fallback = 0) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}
bool flag(const ordered_json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

// Seconds from microseconds, as an xs:decimal.
std::string seconds(std::int64_t us) { return fmt::format("{}.{:06d}", us / 1000000, us % 1000000); }

// A score shown against the pass mark: cut (not rounded) to one decimal, so
// that a failing 59.96 reads 59.9 < 60 and never 60.0 < 60.
std::string score_below(double score) { return fmt::format("{:.1f}", std::floor(score * 10.0) / 10.0); }

// "rule 3:14: message" for each finding of every check, in check order.
std::vector<std::string> finding_lines(const ordered_json& answer) {
    std::vector<std::string> lines;
    auto checks = answer.find("checks");
    if (checks == answer.end() || !checks->is_object()) return lines;
    for (const auto& [name, check] : checks->items()) {
        (void)name;
        auto fs = check.find("findings");
        if (fs == check.end() || !fs->is_array()) continue;
        for (const auto& f : *fs) {
            int line = static_cast<int>(num(f, "line")), column = static_cast<int>(num(f, "column"));
            std::string where = line > 0 ? fmt::format(" {}:{}", line, column) : std::string();
            lines.push_back(fmt::format("  {}{}: {}", str(f, "rule"), where, str(f, "message")));
        }
    }
    return lines;
}

struct Suite {
    std::string name;
    std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    std::int64_t us = 0;
    std::string cases;  // the <testcase> elements, as XML
};

class JunitWriter : public Writer {
public:
    JunitWriter(const pipeline::Engine& engine, std::ostream& out) : engine_(engine), out_(out) {
        // Suites in the rubric's question order come first, whatever order the answers arrive in.
        for (const auto& q : engine_.rubric().questions) order_.emplace(q.id, order_.size());
    }

    void begin(const RunInfo& info) override { info_ = info; }

    // Answers graded now carry their grading time; answers read back from a
    // JSON report (add_json) have none and get 0.
    void add(const pipeline::Graded& g) override {
        add_answer(answer_to_json(g), static_cast<std::int64_t>(g.seconds * 1e6 + 0.5));
    }
    void add_json(const ordered_json& answer) override { add_answer(answer, 0); }

    void finish(const Summary& summary) override {
        (void)summary;  // the counts below are those of the testcases written
        std::vector<const Suite*> suites;
        for (const auto& [key, suite] : suites_) {
            (void)key;
            suites.push_back(&suite);
        }
        Suite all;
        for (const auto* s : suites) {
            all.tests += s->tests;
            all.failures += s->failures;
            all.errors += s->errors;
            all.skipped += s->skipped;
            all.us += s->us;
        }
        out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        out_ << "<testsuites" << attr("name", "stargrade") << counts(all) << timestamp() << ">\n";
        const auto& r = engine_.rubric();
        for (const auto* s : suites) {
            out_ << "  <testsuite" << attr("name", s->name) << counts(*s) << timestamp() << ">\n";
            out_ << "    <properties>\n";
            property("rubric", r.id);
            property("rubric_version", r.version);
            property("pass_mark", fmt::format("{:g}", info_.pass_mark));
            if (const auto* q = r.question(s->name)) property("question", q->text);
            if (!info_.tool_version.empty()) property("stargrade_version", info_.tool_version);
            if (!info_.shard.empty()) property("shard", info_.shard);
            out_ << "    </properties>\n";
            out_ << s->cases;
            out_ << "  </testsuite>\n";
        }
        out_ << "</testsuites>\n";
        out_.flush();
    }

private:
    static std::string counts(const Suite& s) {
        return fmt::format(" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\"", s.tests,
                           s.failures, s.errors, s.skipped, seconds(s.us));
    }

    // generated_at when it is an xs:dateTime (YYYY-MM-DDTHH:MM:SS, then a zone or fraction).
    std::string timestamp() const {
        const std::string& t = info_.generated_at;
        static const char shape[] = "dddd-dd-ddTdd:dd:dd";
        if (t.size() < sizeof shape - 1) return "";
        for (std::size_t i = 0; i + 1 < sizeof shape; ++i) {
            bool ok = shape[i] == 'd' ? (t[i] >= '0' && t[i] <= '9') : t[i] == shape[i];
            if (!ok) return "";
        }
        return attr("timestamp", t);
    }

    void property(std::string_view name, std::string_view value) {
        out_ << "      <property" << attr("name", name) << attr("value", value) << "/>\n";
    }

    Suite& suite_for(const std::string& name, std::size_t rank) {
        auto key = std::make_pair(rank, rank == kUnlisted ? name : std::string());
        auto& s = suites_[key];
        s.name = name;
        return s;
    }

    void add_answer(const ordered_json& a, std::int64_t us) {
        std::string status = str(a, "status");
        std::string question = str(a, "question");
        Suite* suite;
        if (status == "error") {
            suite = &suite_for("errors", kErrors);
        } else if (question.empty()) {
            suite = &suite_for("unknown", kUnknown);
        } else {
            auto it = order_.find(question);
            // A question the rubric does not have (a report merged from another rubric) sorts after them by name.
            suite = &suite_for(question, it != order_.end() ? it->second : kUnlisted);
        }
        // The class is the suite: a CI view groups the answers by question either way.
        std::string c = "    <testcase" + attr("classname", "stargrade." + suite->name) + attr("name", str(a, "id"));
        if (auto src = str(a, "source"); !src.empty()) c += attr("file", src);
        c += attr("time", seconds(us)) + ">\n";

        bool graded = status == "graded";
        std::vector<std::pair<std::string, std::string>> props;
        props.emplace_back("status", status);
        if (graded) {
            props.emplace_back("score", fmt::format("{:.1f}", num(a, "score")));
            props.emplace_back("band", str(a, "band"));
            props.emplace_back("passed", flag(a, "passed") ? "true" : "false");
        }
        if (auto cand = str(a, "candidate"); !cand.empty()) props.emplace_back("candidate", cand);
        if (auto date = str(a, "date"); !date.empty()) props.emplace_back("date", date);
        if (graded)
            props.emplace_back("question_detection", flag(a, "question_declared")
                                                         ? std::string("declared")
                                                         : fmt::format("detected, confidence {:.2f}",
                                                                       num(a, "question_confidence")));
        c += "      <properties>\n";
        for (const auto& [k, v] : props) c += "        <property" + attr("name", k) + attr("value", v) + "/>\n";
        c += "      </properties>\n";

        std::vector<std::string> findings = finding_lines(a);
        std::string findings_text;
        for (const auto& f : findings) findings_text += f + "\n";

        ++suite->tests;
        suite->us += us;
        if (status == "error") {
            ++suite->errors;
            std::string err = str(a, "error");
            c += "      <error" + attr("message", err) + attr("type", "ungradable") + ">" + xml(err) + "</error>\n";
        } else if (!graded) {
            ++suite->skipped;
            std::string why = str(a, "error");
            c += "      <skipped" + attr("message", why.empty() ? status : why) + "/>\n";
        } else {
            bool passed = flag(a, "passed");
            double score = num(a, "score");
            std::string band = str(a, "band");
            if (!passed) {
                ++suite->failures;
                std::string message = fmt::format("score {} < {:g}{}", score_below(score), info_.pass_mark,
                                                  band.empty() ? std::string() : " (band " + band + ")");
                c += "      <failure" + attr("message", message) + attr("type", "below-pass-mark") + ">" +
                     xml(message + "\n" + (findings.empty() ? std::string() : "Findings:\n" + findings_text)) +
                     "</failure>\n";
            }
            std::string log = fmt::format("score {:.1f}, band {}, {} (pass mark {:g})\n", score,
                                          band.empty() ? "none" : band, passed ? "pass" : "FAIL", info_.pass_mark);
            log += "question: " + (question.empty() ? std::string("none detected") : question) + "\n";
            if (auto checks = a.find("checks"); checks != a.end() && checks->is_object()) {
                std::string scores;
                for (const auto& [name, check] : checks->items())
                    scores += fmt::format("{}{} {}", scores.empty() ? "" : ", ", name,
                                          flag(check, "applies") ? fmt::format("{:.1f}", num(check, "score"))
                                                                 : std::string("n/a"));
                log += "checks: " + scores + "\n";
            }
            // A failing answer's findings are in its <failure>; a passing one's still help.
            if (passed && !findings.empty()) log += "Findings:\n" + findings_text;
            c += "      <system-out>" + xml(log) + "</system-out>\n";
        }
        c += "    </testcase>\n";
        suite->cases += c;
    }

    static constexpr std::size_t kUnlisted = static_cast<std::size_t>(-3);
    static constexpr std::size_t kUnknown = static_cast<std::size_t>(-2);
    static constexpr std::size_t kErrors = static_cast<std::size_t>(-1);

    const pipeline::Engine& engine_;
    std::ostream& out_;
    RunInfo info_;
    std::map<std::string, std::size_t> order_;                   // question id -> rank in the rubric
    std::map<std::pair<std::size_t, std::string>, Suite> suites_;  // by (rank, name)
};

}  // namespace

std::string clean_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    each_char(s, [&](char32_t, std::string_view bytes) { out.append(bytes); });
    return out;
}

std::string escape_xml(std::string_view s, bool attribute) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    each_char(s, [&](char32_t cp, std::string_view bytes) {
        switch (cp) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += attribute ? "&quot;" : "\""; break;
            case '\'': out += attribute ? "&#39;" : "'"; break;
            case '\t': out += attribute ? "&#9;" : "\t"; break;
            case '\n': out += attribute ? "&#10;" : "\n"; break;
            case '\r': out += "&#13;"; break;
            default: out.append(bytes);
        }
    });
    return out;
}

std::unique_ptr<Writer> make_junit_writer(const pipeline::Engine& engine, std::ostream& out) {
    return std::make_unique<JunitWriter>(engine, out);
}

}  // namespace sg::report
