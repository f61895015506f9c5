#include "report/baseline.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "util/files.hpp"
#include "util/strings.hpp"

namespace sg::report::baseline {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kStarNames[4] = {"situation", "task", "action", "result"};
constexpr char kStarLetters[4] = {'S', 'T', 'A', 'R'};

// ---------------------------------------------------------------- reading

// A report problem: where in the document, and what is wrong there.
struct ReportError {
    std::string message;
};

[[noreturn]] void bad(const std::string& where, const std::string& what) { throw ReportError{where + ": " + what}; }

std::string kind_of(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unexpected value";
    }
}

const json* member(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

std::string required_string(const json& obj, const char* key, const std::string& where) {
    const json* v = member(obj, key);
    if (!v) bad(where + "." + key, "missing");
    if (!v->is_string()) bad(where + "." + key, "expected a string, found " + kind_of(*v));
    return v->get<std::string>();
}

std::string optional_string(const json& obj, const char* key, const std::string& where) {
    const json* v = member(obj, key);
    if (!v || v->is_null()) return "";
    if (!v->is_string()) bad(where + "." + key, "expected a string or null, found " + kind_of(*v));
    return v->get<std::string>();
}

const json* optional_object(const json& obj, const char* key, const std::string& where) {
    const json* v = member(obj, key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_object()) bad(where + "." + key, "expected an object, found " + kind_of(*v));
    return v;
}

void read_checks(const json& checks, const std::string& where, Record& r) {
    if (const json* star = optional_object(checks, "star", where)) {
        std::string w = where + ".star";
        r.star_applies = true;
        if (const json* applies = member(*star, "applies")) {
            if (!applies->is_boolean()) bad(w + ".applies", "expected a boolean, found " + kind_of(*applies));
            r.star_applies = applies->get<bool>();
        }
        if (const json* parts = optional_object(*star, "parts", w)) {
            for (int p = 0; p < 4; ++p) {
                const json* v = member(*parts, kStarNames[p]);
                if (!v) continue;
                if (!v->is_boolean())
                    bad(w + ".parts." + kStarNames[p], "expected a boolean, found " + kind_of(*v));
                r.star[static_cast<std::size_t>(p)] = v->get<bool>();
            }
        }
    }
    if (const json* metrics = optional_object(checks, "metrics", where)) {
        if (const json* count = member(*metrics, "count"); count && !count->is_null()) {
            if (!count->is_number_integer() || count->get<long long>() < 0)
                bad(where + ".metrics.count", "expected a whole number, found " +
                                                  (count->is_number() ? count->dump() : kind_of(*count)));
            r.metrics = count->get<int>();
        }
    }
    if (const json* pitfalls = optional_object(checks, "pitfalls", where)) {
        std::string w = where + ".pitfalls.found";
        const json* found = member(*pitfalls, "found");
        if (found && !found->is_null()) {
            if (!found->is_array()) bad(w, "expected an array, found " + kind_of(*found));
            for (std::size_t i = 0; i < found->size(); ++i) {
                const json& item = (*found)[i];
                std::string wi = fmt::format("{}[{}]", w, i);
                if (!item.is_object()) bad(wi, "expected an object with an id, found " + kind_of(item));
                r.pitfalls.push_back(required_string(item, "id", wi));
            }
        }
    }
}

Record read_answer(const json& a, const std::string& where) {
    if (!a.is_object()) bad(where, "expected an object, found " + kind_of(a));
    Record r;
    r.id = required_string(a, "id", where);
    r.source = required_string(a, "source", where);
    r.status = required_string(a, "status", where);
    if (r.status != "graded" && r.status != "error" && r.status != "skipped")
        bad(where + ".status", fmt::format("expected graded, error or skipped, found \"{}\"", r.status));
    r.error = optional_string(a, "error", where);
    r.candidate = optional_string(a, "candidate", where);
    r.question = optional_string(a, "question", where);
    r.date = optional_string(a, "date", where);
    bool graded = r.graded();

    const json* score = member(a, "score");
    if (score && !score->is_null() && !score->is_number())
        bad(where + ".score", "expected a number or null, found " + kind_of(*score));
    if (graded) {
        if (!score || score->is_null()) bad(where + ".score", "missing for a graded answer");
        r.score = score->get<double>();
        r.band = optional_string(a, "band", where);
    }

    const json* passed = member(a, "passed");
    if (!passed) bad(where + ".passed", "missing");
    if (!passed->is_boolean()) bad(where + ".passed", "expected true or false, found " + kind_of(*passed));
    r.passed = graded && passed->get<bool>();

    if (const json* checks = optional_object(a, "checks", where); checks && graded)
        read_checks(*checks, where + ".checks", r);
    return r;
}

void read_root(const json& root, Report& out) {
    if (!root.is_object()) bad("the document", "expected an object, found " + kind_of(root));
    const json* tool = optional_object(root, "tool", "");
    if (!tool) bad("tool", "missing (a stargrade report starts with \"tool\": {\"name\": \"stargrade\", ...})");
    std::string name = required_string(*tool, "name", "tool");
    if (name != "stargrade") bad("tool.name", fmt::format("expected \"stargrade\", found \"{}\"", name));
    out.tool_version = optional_string(*tool, "version", "tool");
    if (const json* rubric = optional_object(root, "rubric", "")) {
        out.rubric_id = optional_string(*rubric, "id", "rubric");
        out.rubric_version = optional_string(*rubric, "version", "rubric");
    }
    if (const json* pm = member(root, "pass_mark"); pm && !pm->is_null()) {
        if (!pm->is_number()) bad("pass_mark", "expected a number, found " + kind_of(*pm));
        out.pass_mark = pm->get<double>();
    }
    out.generated_at = optional_string(root, "generated_at", "");
    const json* answers = member(root, "answers");
    if (!answers) bad("answers", "missing");
    if (!answers->is_array()) bad("answers", "expected an array, found " + kind_of(*answers));
    out.answers.reserve(answers->size());
    for (std::size_t i = 0; i < answers->size(); ++i)
        out.answers.push_back(read_answer((*answers)[i], fmt::format("answers[{}]", i)));
}

// nlohmann's messages start with "[json.exception.parse_error.101] ".
std::string json_message(const std::exception& e) {
    std::string m = e.what();
    if (util::starts_with(m, "[json.exception.")) {
        auto close = m.find("] ");
        if (close != std::string::npos) m = m.substr(close + 2);
    }
    return m;
}

// ---------------------------------------------------------------- dates

bool take_digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    pos += n;
    return true;
}

bool take(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

int days_in_month(int y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// ---------------------------------------------------------------- diff

std::string result_word(const Record& r) {
    if (!r.graded()) return r.status;
    return r.passed ? "pass" : "FAIL";
}

std::string score_text(const Record& r) { return r.score ? fmt::format("{:.1f}", *r.score) : r.status; }

// "78.5 hire pass", "error".
std::string outcome_text(const Record& r) {
    if (!r.graded()) return r.status;
    return fmt::format("{:.1f} {}{}", *r.score, r.band.empty() ? "" : r.band + " ", result_word(r));
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::set<std::string> drop(b.begin(), b.end());
    std::vector<std::string> out;
    for (const auto& x : a)
        if (!drop.count(x) && std::find(out.begin(), out.end(), x) == out.end()) out.push_back(x);
    return out;
}

bool status_only_change(const Change& c) {
    return c.old.status != c.now.status && !c.newly_failing && !c.newly_passing;
}

// A small aligned table: a header row, then rows; each row may be coloured.
class Table {
public:
    explicit Table(std::vector<std::string> header, std::vector<bool> right = {})
        : right_(std::move(right)) {
        rows_.push_back({std::move(header), ""});
    }
    void add(std::vector<std::string> cells, const char* color = "") { rows_.push_back({std::move(cells), color}); }
    void print(std::ostream& os, bool color) const {
        std::vector<std::size_t> w;
        for (const auto& r : rows_)
            for (std::size_t i = 0; i < r.cells.size(); ++i) {
                if (w.size() <= i) w.push_back(0);
                w[i] = std::max(w[i], util::utf8_length(r.cells[i]));
            }
        for (std::size_t n = 0; n < rows_.size(); ++n) {
            const auto& r = rows_[n];
            std::string line = "  ";
            for (std::size_t i = 0; i < r.cells.size(); ++i) {
                std::size_t pad = w[i] - util::utf8_length(r.cells[i]);
                bool last = i + 1 == r.cells.size();
                bool right = i < right_.size() && right_[i];
                if (right) line += std::string(pad, ' ');
                line += r.cells[i];
                if (!right && !last) line += std::string(pad, ' ');
                if (!last) line += "  ";
            }
            while (!line.empty() && line.back() == ' ') line.pop_back();
            const char* on = n == 0 ? "\x1b[2m" : r.color;
            if (color && *on)
                os << on << line << "\x1b[0m\n";
            else
                os << line << "\n";
        }
    }

private:
    struct Row {
        std::vector<std::string> cells;
        const char* color;
    };
    std::vector<bool> right_;
    std::vector<Row> rows_;
};

constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

std::string question_of(const Record& r) { return r.question.empty() ? "?" : r.question; }

// The lists of the result, each in the order it is printed.
struct Sections {
    std::vector<const Change*> down, up, failing, passing, gained, resolved, status;
};

Sections sections_of(const DiffResult& d) {
    Sections s;
    for (const auto& c : d.changes) {
        if (c.moved_down()) s.down.push_back(&c);
        if (c.moved_up()) s.up.push_back(&c);
        if (c.newly_failing) s.failing.push_back(&c);
        if (c.newly_passing) s.passing.push_back(&c);
        if (!c.new_pitfalls.empty()) s.gained.push_back(&c);
        if (!c.resolved_pitfalls.empty()) s.resolved.push_back(&c);
        if (status_only_change(c)) s.status.push_back(&c);
    }
    // Biggest moves first; ties keep the new run's order.
    std::stable_sort(s.down.begin(), s.down.end(), [](auto* a, auto* b) { return *a->delta < *b->delta; });
    std::stable_sort(s.up.begin(), s.up.end(), [](auto* a, auto* b) { return *a->delta > *b->delta; });
    return s;
}

std::vector<std::string> regressed_keys(const DiffResult& d) {
    std::vector<std::string> keys;
    for (const auto& c : d.changes)
        if (c.regressed()) keys.push_back(c.key);
    return keys;
}

std::string summary_line(const DiffResult& d, const Sections& s) {
    return fmt::format(
        "{} matched: {} down, {} up, {} newly failing, {} newly passing, {} with new pitfalls, {} with resolved "
        "pitfalls; {} added, {} removed",
        d.matched, s.down.size(), s.up.size(), s.failing.size(), s.passing.size(), s.gained.size(), s.resolved.size(),
        d.added.size(), d.removed.size());
}

void put_record(ojson& o, const Record& r) {
    o["status"] = r.status;
    o["score"] = r.score ? ojson(*r.score) : ojson(nullptr);
    o["band"] = r.band.empty() ? ojson(nullptr) : ojson(r.band);
    o["passed"] = r.passed;
    o["pitfalls"] = r.pitfalls;
    if (!r.error.empty()) o["error"] = r.error;
}

ojson record_json(const Record& r) {
    ojson o = ojson::object();
    put_record(o, r);
    return o;
}

ojson unmatched_json(const Unmatched& u) {
    ojson o;
    o["key"] = u.key;
    o["id"] = u.record.id;
    o["source"] = u.record.source;
    o["question"] = u.record.question.empty() ? ojson(nullptr) : ojson(u.record.question);
    put_record(o, u.record);
    return o;
}

std::string md_cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += '\\';
        if (c == '\n') {
            out += ' ';
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------- Record

int Record::star_parts() const { return star[0] + star[1] + star[2] + star[3]; }

std::string Record::star_letters() const {
    std::string s;
    for (std::size_t p = 0; p < 4; ++p) {
        if (p) s += ' ';
        s += star[p] ? kStarLetters[p] : '-';
    }
    return s;
}

Record record_of(const pipeline::Graded& g) {
    Record r;
    r.id = g.answer.id;
    r.source = g.answer.source;
    r.candidate = g.answer.candidate;
    r.question = g.question;
    r.date = g.answer.date;
    r.status = pipeline::status_name(g.status);
    r.error = g.error;
    if (g.status != pipeline::Status::Graded) return r;
    r.score = g.score;
    r.band = g.band;
    r.passed = g.passed;
    if (const auto* star = g.check("star")) {
        r.star_applies = star->applies;
        auto parts = star->details.find("parts");
        if (parts != star->details.end() && parts->is_object())
            for (std::size_t p = 0; p < 4; ++p) {
                auto v = parts->find(kStarNames[p]);
                r.star[p] = v != parts->end() && v->is_boolean() && v->get<bool>();
            }
    }
    if (const auto* metrics = g.check("metrics")) {
        auto count = metrics->details.find("count");
        if (count != metrics->details.end() && count->is_number_integer()) r.metrics = count->get<int>();
    }
    if (const auto* pitfalls = g.check("pitfalls")) {
        auto found = pitfalls->details.find("found");
        if (found != pitfalls->details.end() && found->is_array())
            for (const auto& f : *found)
                if (f.is_object() && f.contains("id") && f["id"].is_string())
                    r.pitfalls.push_back(f["id"].get<std::string>());
    }
    return r;
}

std::vector<Record> records_of(const std::vector<pipeline::Graded>& results) {
    std::vector<Record> out;
    out.reserve(results.size());
    for (const auto& g : results) out.push_back(record_of(g));
    return out;
}

bool to_trend_point(const Record& r, TrendPoint& out) {
    if (!r.graded() || !r.score) return false;
    out = TrendPoint{};
    out.id = r.id;
    out.source = r.source;
    out.candidate = r.candidate;
    out.question = r.question;
    out.date = r.date;
    out.score = *r.score;
    out.star_parts = r.star_parts();
    out.metrics = r.metrics;
    out.pitfalls = r.pitfalls;
    return true;
}

// ---------------------------------------------------------------- reading

bool parse_report(const std::string& text, const std::string& name, Report& out, std::string& error) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& e) {
        error = fmt::format("{}: not valid JSON: {}", name, json_message(e));
        return false;
    }
    Report r;
    r.path = name;
    try {
        read_root(root, r);
    } catch (const ReportError& e) {
        error = fmt::format("{}: not a stargrade JSON report: {}", name, e.message);
        return false;
    } catch (const json::exception& e) {  // e.g. a number out of range
        error = fmt::format("{}: not a stargrade JSON report: {}", name, json_message(e));
        return false;
    }
    out = std::move(r);
    return true;
}

ReadStatus read_report(const std::string& path, Report& out, std::string& error) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        error = fmt::format("{}: no such file", path);
        return ReadStatus::Missing;
    }
    if (std::filesystem::is_directory(path, ec)) {
        error = fmt::format("{}: is a folder, not a JSON report", path);
        return ReadStatus::Missing;
    }
    std::string text, why;
    if (!util::read_file(path, text, why)) {
        error = fmt::format("{}: cannot read: {}", path, why);
        return ReadStatus::Missing;
    }
    return parse_report(text, path, out, error) ? ReadStatus::Ok : ReadStatus::Invalid;
}

// ---------------------------------------------------------------- dates

bool parse_date(std::string_view s, long long& seconds, int& nanos) {
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0;
    if (!take_digits(s, pos, 4, y) || !take(s, pos, '-') || !take_digits(s, pos, 2, mo) || !take(s, pos, '-') ||
        !take_digits(s, pos, 2, d))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return false;
    int h = 0, mi = 0, sec = 0, ns = 0;
    long long offset = 0;
    if (pos < s.size()) {
        if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return false;
        ++pos;
        if (!take_digits(s, pos, 2, h) || !take(s, pos, ':') || !take_digits(s, pos, 2, mi)) return false;
        if (take(s, pos, ':')) {
            if (!take_digits(s, pos, 2, sec)) return false;
            if (take(s, pos, '.') || take(s, pos, ',')) {
                std::size_t n = 0;
                for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++n)
                    if (n < 9) ns = ns * 10 + (s[pos] - '0');
                if (n == 0) return false;
                for (; n < 9; ++n) ns *= 10;
            }
        }
        if (h > 23 || mi > 59 || sec > 60) return false;
        if (take(s, pos, 'Z') || take(s, pos, 'z')) {
        } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            int sign = s[pos] == '-' ? -1 : 1;
            ++pos;
            int oh = 0, om = 0;
            if (!take_digits(s, pos, 2, oh)) return false;
            if (take(s, pos, ':')) {
                if (!take_digits(s, pos, 2, om)) return false;
            } else if (pos < s.size() && !take_digits(s, pos, 2, om)) {
                return false;
            }
            if (oh > 23 || om > 59) return false;
            offset = sign * (oh * 3600LL + om * 60LL);
        }
        if (pos != s.size()) return false;
    }
    seconds = days_from_civil(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL + sec - offset;
    nanos = ns;
    return true;
}

// ---------------------------------------------------------------- diff

std::size_t DiffResult::regressions() const {
    return static_cast<std::size_t>(
        std::count_if(changes.begin(), changes.end(), [](const Change& c) { return c.regressed(); }));
}

DiffResult diff(const std::vector<Record>& old, const std::vector<Record>& now, const DiffOptions& options) {
    DiffResult d;
    d.options = options;
    d.old_answers = old.size();
    d.new_answers = now.size();

    std::map<std::string, int> old_ids, new_ids;
    for (const auto& r : old) ++old_ids[r.id];
    for (const auto& r : now) ++new_ids[r.id];
    auto ambiguous = [&](const std::string& id) {
        auto o = old_ids.find(id);
        auto n = new_ids.find(id);
        return (o != old_ids.end() && o->second > 1) || (n != new_ids.end() && n->second > 1);
    };
    auto key_of = [&](const Record& r) { return ambiguous(r.id) ? r.id + '\n' + r.source : r.id; };
    auto label_of = [&](const Record& r) {
        return ambiguous(r.id) ? fmt::format("{} ({})", r.id, r.source) : r.id;
    };

    // Several old answers with one key (the same id and source twice) match in order.
    std::map<std::string, std::vector<std::size_t>> old_by_key;
    for (std::size_t i = 0; i < old.size(); ++i) old_by_key[key_of(old[i])].push_back(i);
    std::map<std::string, std::size_t> next_of_key;
    std::vector<char> used(old.size(), 0);
    const double eps = 1e-9;

    for (const auto& n : now) {
        std::string key = key_of(n);
        auto it = old_by_key.find(key);
        std::size_t& next = next_of_key[key];
        if (it == old_by_key.end() || next >= it->second.size()) {
            d.added.push_back({label_of(n), n});
            continue;
        }
        const Record& o = old[it->second[next++]];
        used[static_cast<std::size_t>(&o - old.data())] = 1;
        ++d.matched;

        Change c;
        c.key = label_of(n);
        c.by_source = ambiguous(n.id);
        c.old = o;
        c.now = n;
        if (o.score && n.score) {
            c.delta = *n.score - *o.score;
            c.moved = std::fabs(*c.delta) > options.tolerance + eps;
        }
        c.newly_failing = o.passed && !n.passed;
        c.newly_passing = !o.passed && n.passed;
        if (o.graded() && n.graded()) {
            c.new_pitfalls = minus(n.pitfalls, o.pitfalls);
            c.resolved_pitfalls = minus(o.pitfalls, n.pitfalls);
        }
        if (c.moved || c.newly_failing || c.newly_passing || !c.new_pitfalls.empty() ||
            !c.resolved_pitfalls.empty() || o.status != n.status)
            d.changes.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < old.size(); ++i)
        if (!used[i]) d.removed.push_back({label_of(old[i]), old[i]});
    return d;
}

DiffResult diff(const Report& old, const Report& now, const DiffOptions& options) {
    DiffResult d = diff(old.answers, now.answers, options);
    auto rubric = [](const Report& r) {
        return r.rubric_version.empty() ? r.rubric_id : r.rubric_id + " " + r.rubric_version;
    };
    if (old.rubric_id != now.rubric_id || old.rubric_version != now.rubric_version)
        d.notes.push_back(fmt::format("the runs used different rubrics ({} before, {} now): scores may not compare",
                                      rubric(old), rubric(now)));
    if (old.pass_mark && now.pass_mark && std::fabs(*old.pass_mark - *now.pass_mark) > 1e-9)
        d.notes.push_back(fmt::format("the pass mark changed from {:g} to {:g}", *old.pass_mark, *now.pass_mark));
    return d;
}

// ---------------------------------------------------------------- output

void print_diff(std::ostream& os, const DiffResult& d, bool color) {
    auto title = [&](const std::string& t, std::size_t n) {
        os << "\n" << (color ? "\x1b[1m" : "") << t << " (" << n << ")" << (color ? "\x1b[0m" : "") << "\n";
    };
    const std::string old_label = d.options.old_label.empty() ? "old" : d.options.old_label;
    const std::string new_label = d.options.new_label.empty() ? "new" : d.options.new_label;
    os << fmt::format("Comparing {} ({}) with {} ({}), tolerance {:g} point{}\n", old_label,
                      plural(d.old_answers, "answer"), new_label, plural(d.new_answers, "answer"),
                      d.options.tolerance, d.options.tolerance == 1 ? "" : "s");
    for (const auto& n : d.notes) os << (color ? kYellow : "") << "note: " << n << (color ? "\x1b[0m" : "") << "\n";

    Sections s = sections_of(d);
    auto moves = [&](const std::vector<const Change*>& list, const char* c) {
        Table t({"answer", "question", "old", "new", "delta"}, {false, false, true, true, true});
        for (const auto* ch : list)
            t.add({ch->key, question_of(ch->now), score_text(ch->old), score_text(ch->now),
                   fmt::format("{:+.1f}", *ch->delta)},
                  c);
        t.print(os, color);
    };
    auto flips = [&](const std::vector<const Change*>& list, const char* c) {
        Table t({"answer", "question", "old", "new"});
        for (const auto* ch : list) {
            std::string now = outcome_text(ch->now);
            if (!ch->now.graded() && !ch->now.error.empty()) now += ": " + util::excerpt(ch->now.error, 60);
            t.add({ch->key, question_of(ch->now), outcome_text(ch->old), now}, c);
        }
        t.print(os, color);
    };
    auto pitfalls = [&](const std::vector<const Change*>& list, bool gained, const char* c) {
        Table t({"answer", "question", gained ? "new pitfalls" : "resolved pitfalls"});
        for (const auto* ch : list)
            t.add({ch->key, question_of(ch->now), util::join(gained ? ch->new_pitfalls : ch->resolved_pitfalls, ", ")},
                  c);
        t.print(os, color);
    };
    auto unmatched = [&](const std::vector<Unmatched>& list) {
        Table t({"answer", "source", "question", "score", "result"}, {false, false, false, true, false});
        for (const auto& u : list)
            t.add({u.key, u.record.source, question_of(u.record), score_text(u.record), result_word(u.record)});
        t.print(os, color);
    };

    std::string tol = fmt::format("{:g}", d.options.tolerance);
    auto section = [&](const std::string& name, std::size_t n, const std::function<void()>& body) {
        if (n == 0) return;
        title(name, n);
        body();
    };
    section("Score down by more than " + tol, s.down.size(), [&] { moves(s.down, kRed); });
    section("Score up by more than " + tol, s.up.size(), [&] { moves(s.up, kGreen); });
    section("Newly failing", s.failing.size(), [&] { flips(s.failing, kRed); });
    section("Newly passing", s.passing.size(), [&] { flips(s.passing, kGreen); });
    section("New pitfalls", s.gained.size(), [&] { pitfalls(s.gained, true, kRed); });
    section("Resolved pitfalls", s.resolved.size(), [&] { pitfalls(s.resolved, false, kGreen); });
    section("Status changed", s.status.size(), [&] { flips(s.status, kYellow); });
    section("Added", d.added.size(), [&] { unmatched(d.added); });
    section("Removed", d.removed.size(), [&] { unmatched(d.removed); });

    os << "\n" << summary_line(d, s) << "\n";
    auto keys = regressed_keys(d);
    if (!keys.empty()) {
        std::string list = keys.size() <= 8 ? util::join(keys, ", ")
                                            : util::join(std::vector<std::string>(keys.begin(), keys.begin() + 8), ", ") +
                                                  ", ...";
        os << (color ? "\x1b[1;31m" : "") << "REGRESSION: " << plural(keys.size(), "answer") << " regressed (" << list
           << ")" << (color ? "\x1b[0m" : "") << "\n";
    } else {
        os << (color ? "\x1b[1;32m" : "") << "No regression" << (color ? "\x1b[0m" : "") << "\n";
    }
}

std::string diff_json(const DiffResult& d) {
    Sections s = sections_of(d);
    ojson root;
    root["old"] = {{"path", d.options.old_label}, {"answers", d.old_answers}};
    root["new"] = {{"path", d.options.new_label}, {"answers", d.new_answers}};
    root["tolerance"] = d.options.tolerance;
    root["regression"] = d.regression();
    root["summary"] = {{"matched", d.matched},
                       {"regressed", d.regressions()},
                       {"down", s.down.size()},
                       {"up", s.up.size()},
                       {"newly_failing", s.failing.size()},
                       {"newly_passing", s.passing.size()},
                       {"new_pitfalls", s.gained.size()},
                       {"resolved_pitfalls", s.resolved.size()},
                       {"added", d.added.size()},
                       {"removed", d.removed.size()}};
    root["notes"] = d.notes;
    ojson changes = ojson::array();
    for (const auto& c : d.changes) {
        ojson o;
        o["key"] = c.key;
        o["id"] = c.now.id;
        o["source"] = c.now.source;
        o["matched_by"] = c.by_source ? "id+source" : "id";
        o["question"] = c.now.question.empty() ? ojson(nullptr) : ojson(c.now.question);
        o["old"] = record_json(c.old);
        o["new"] = record_json(c.now);
        o["delta"] = c.delta ? ojson(std::round(*c.delta * 10.0) / 10.0) : ojson(nullptr);
        o["moved"] = c.moved ? ojson(c.moved_down() ? "down" : "up") : ojson(nullptr);
        o["newly_failing"] = c.newly_failing;
        o["newly_passing"] = c.newly_passing;
        o["new_pitfalls"] = c.new_pitfalls;
        o["resolved_pitfalls"] = c.resolved_pitfalls;
        o["regressed"] = c.regressed();
        changes.push_back(o);
    }
    root["changes"] = changes;
    ojson added = ojson::array(), removed = ojson::array();
    for (const auto& u : d.added) added.push_back(unmatched_json(u));
    for (const auto& u : d.removed) removed.push_back(unmatched_json(u));
    root["added"] = added;
    root["removed"] = removed;
    return root.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

std::string diff_markdown(const DiffResult& d) {
    Sections s = sections_of(d);
    std::ostringstream os;
    std::size_t regressed = d.regressions();
    os << "### stargrade diff: "
       << (regressed ? fmt::format("regression ({})", plural(regressed, "answer")) : std::string("no regression"))
       << "\n\n";
    os << fmt::format("`{}` ({}) → `{}` ({}), tolerance {:g} points. {}.\n",
                      md_cell(d.options.old_label.empty() ? "old" : d.options.old_label),
                      plural(d.old_answers, "answer"),
                      md_cell(d.options.new_label.empty() ? "new" : d.options.new_label),
                      plural(d.new_answers, "answer"), d.options.tolerance, summary_line(d, s));
    for (const auto& n : d.notes) os << "\n> **Note:** " << md_cell(n) << "\n";
    if (!d.changes.empty()) {
        os << "\n| answer | question | old | new | delta | what changed |\n|---|---|---|---|---:|---|\n";
        for (const auto& c : d.changes) {
            std::vector<std::string> what;
            if (c.moved_down()) what.push_back("**down**");
            if (c.moved_up()) what.push_back("up");
            if (c.newly_failing) what.push_back("**newly failing**");
            if (c.newly_passing) what.push_back("newly passing");
            if (!c.new_pitfalls.empty()) what.push_back("**new pitfalls:** " + util::join(c.new_pitfalls, ", "));
            if (!c.resolved_pitfalls.empty()) what.push_back("resolved: " + util::join(c.resolved_pitfalls, ", "));
            if (status_only_change(c)) what.push_back("status " + c.old.status + " → " + c.now.status);
            os << fmt::format("| {}`{}` | {} | {} | {} | {} | {} |\n", c.regressed() ? "❌ " : "", md_cell(c.key),
                              md_cell(question_of(c.now)), md_cell(outcome_text(c.old)),
                              md_cell(outcome_text(c.now)), c.delta ? fmt::format("{:+.1f}", *c.delta) : "",
                              util::join(what, "; "));
        }
    }
    auto list = [&](const char* name, const std::vector<Unmatched>& items) {
        if (items.empty()) return;
        std::vector<std::string> parts;
        for (const auto& u : items)
            parts.push_back(fmt::format("`{}` ({})", md_cell(u.key), md_cell(outcome_text(u.record))));
        os << "\n**" << name << ":** " << util::join(parts, ", ") << "\n";
    };
    list("Added", d.added);
    list("Removed", d.removed);
    return os.str();
}

}  // namespace sg::report::baseline
