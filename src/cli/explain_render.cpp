#include "cli/explain_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/check.hpp"
#include "util/strings.hpp"

namespace sg::cli {

namespace {

using json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------
// Styled text: bytes with one style each, emitted as ANSI SGR sequences in
// colour mode and as the bare text otherwise.

enum class Style : std::uint8_t { None, Dim, Bold, Star, Metric, Pitfall, Finding, PitfallLabel, FindingLabel, Pass, Fail };

const char* sgr(Style s) {
    switch (s) {
        case Style::None: return "";
        case Style::Dim: return "\x1b[2m";
        case Style::Bold: return "\x1b[1m";
        case Style::Star: return "\x1b[1;36m";
        case Style::Metric: return "\x1b[1;32m";
        case Style::Pitfall: return "\x1b[1;31m";
        case Style::Finding: return "\x1b[33m";
        case Style::PitfallLabel: return "\x1b[2;31m";
        case Style::FindingLabel: return "\x1b[2;33m";
        case Style::Pass: return "\x1b[1;32m";
        case Style::Fail: return "\x1b[1;31m";
    }
    return "";
}
constexpr const char* kReset = "\x1b[0m";

struct Styled {
    std::string text;
    std::vector<Style> style;  // one per byte of text

    Styled& add(std::string_view s, Style st = Style::None) {
        text.append(s.data(), s.size());
        style.insert(style.end(), s.size(), st);
        return *this;
    }
    bool empty() const { return text.empty(); }

    std::string emit(bool color) const {
        if (!color) return text;
        std::string out;
        Style cur = Style::None;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (style[i] != cur) {
                if (cur != Style::None) out += kReset;
                out += sgr(style[i]);
                cur = style[i];
            }
            out += text[i];
        }
        if (cur != Style::None) out += kReset;
        return out;
    }
};

bool is_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Splits a line into rows of at most width code points, at spaces when it can.
std::vector<Styled> wrap(const Styled& line, std::size_t width) {
    std::vector<std::size_t> cps;  // byte offset of each code point
    for (std::size_t i = 0; i < line.text.size(); ++i)
        if (is_lead(line.text[i])) cps.push_back(i);
    if (width == 0 || cps.size() <= width) return {line};
    auto slice = [&](std::size_t from_cp, std::size_t to_cp) {
        std::size_t b = cps[from_cp], e = to_cp < cps.size() ? cps[to_cp] : line.text.size();
        Styled s;
        s.text = line.text.substr(b, e - b);
        s.style.assign(line.style.begin() + static_cast<std::ptrdiff_t>(b), line.style.begin() + static_cast<std::ptrdiff_t>(e));
        return s;
    };
    std::vector<Styled> rows;
    std::size_t start = 0;
    while (cps.size() - start > width) {
        std::size_t brk = start + width;  // a space here may end the row
        while (brk > start && line.text[cps[brk]] != ' ') --brk;
        if (brk == start) {
            rows.push_back(slice(start, start + width));  // one long word: cut it
            start += width;
        } else {
            rows.push_back(slice(start, brk));
            start = brk;
            while (start < cps.size() && line.text[cps[start]] == ' ') ++start;
        }
    }
    if (start < cps.size()) rows.push_back(slice(start, cps.size()));
    return rows;
}

// ---------------------------------------------------------------------------
// Marks in the answer text.

enum class LabelKind { Metric, Pitfall, Finding };

struct Label {
    LabelKind kind;
    std::string text;  // "metric", "pitfall ID", "vague"
    bool operator==(const Label& o) const { return kind == o.kind && text == o.text; }
};

struct Mark {
    std::size_t begin = 0, end = 0;  // byte offsets into the answer text
    std::vector<Label> labels;

    bool has(LabelKind k) const {
        return std::any_of(labels.begin(), labels.end(), [k](const Label& l) { return l.kind == k; });
    }
    bool metric_only() const { return !has(LabelKind::Pitfall) && !has(LabelKind::Finding); }
    Style style() const {
        return has(LabelKind::Pitfall) ? Style::Pitfall : has(LabelKind::Finding) ? Style::Finding : Style::Metric;
    }
    std::string joined() const {
        std::string s;
        for (const auto& l : labels) s += (s.empty() ? "" : "; ") + l.text;
        return s;
    }
    void merge(const std::vector<Label>& more) {
        for (const auto& l : more)
            if (std::find(labels.begin(), labels.end(), l) == labels.end()) labels.push_back(l);
    }
    bool has_label(const Label& l) const { return std::find(labels.begin(), labels.end(), l) != labels.end(); }
};

struct StarTag {
    std::size_t at = 0;
    char letter = 'S';
};

// Makes the marks a proper nesting: identical spans merge their labels, a span
// inside another drops the labels the outer one shows (and is dropped when none
// are left), and a span that starts inside another but ends after it is cut at
// the other's end.
std::vector<Mark> normalise(std::vector<Mark> marks) {
    std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<Mark> merged;
    for (auto& m : marks) {
        if (!merged.empty() && merged.back().begin == m.begin && merged.back().end == m.end)
            merged.back().merge(m.labels);
        else
            merged.push_back(std::move(m));
    }
    std::vector<Mark> out;
    std::vector<std::size_t> stack;  // indexes into out of the enclosing marks
    for (auto& m : merged) {
        while (!stack.empty() && out[stack.back()].end <= m.begin) stack.pop_back();
        if (!stack.empty() && m.end > out[stack.back()].end) m.end = out[stack.back()].end;
        // Labels an enclosing mark already shows are not repeated inside it.
        m.labels.erase(std::remove_if(m.labels.begin(), m.labels.end(),
                                      [&](const Label& l) {
                                          return std::any_of(stack.begin(), stack.end(), [&](std::size_t i) {
                                              return out[i].has_label(l);
                                          });
                                      }),
                       m.labels.end());
        if (m.labels.empty() || m.end <= m.begin) continue;
        stack.push_back(out.size());
        out.push_back(std::move(m));
    }
    return out;
}

std::string rule_tail(const std::string& rule) {
    auto slash = rule.find('/');
    return slash == std::string::npos ? rule : rule.substr(slash + 1);
}

int int_or(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<int>() : 0;
}
std::string str_or(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct Collected {
    std::vector<Mark> marks;
    std::vector<StarTag> tags;
};

Collected collect(const pipeline::Graded& g) {
    const std::string& text = g.answer.text;
    Collected c;
    auto add = [&](int line, int column, const std::string& excerpt, Label label) {
        std::size_t b = byte_offset(text, line, column);
        if (b == std::string::npos || b < g.answer.body_begin || b >= text.size()) return;
        std::size_t e = excerpt_end(text, b, excerpt);
        if (e <= b) return;
        c.marks.push_back(Mark{b, e, {std::move(label)}});
    };
    if (const auto* star = g.check("star"); star && star->applies && star->details.contains("starts")) {
        for (const auto& [part, where] : star->details["starts"].items()) {
            if (part.empty() || !where.is_object()) continue;
            std::size_t b = byte_offset(text, int_or(where, "line"), int_or(where, "column"));
            if (b == std::string::npos || b < g.answer.body_begin) continue;
            char letter = static_cast<char>(part[0] >= 'a' && part[0] <= 'z' ? part[0] - 'a' + 'A' : part[0]);
            c.tags.push_back(StarTag{b, letter});
        }
    }
    if (const auto* metrics = g.check("metrics"); metrics && metrics->details.contains("outcomes"))
        for (const auto& o : metrics->details["outcomes"])
            add(int_or(o, "line"), int_or(o, "column"), str_or(o, "text"), Label{LabelKind::Metric, "metric"});
    if (const auto* pitfalls = g.check("pitfalls"); pitfalls && pitfalls->details.contains("found"))
        for (const auto& p : pitfalls->details["found"]) {
            if (!p.contains("evidence")) continue;
            for (const auto& ev : p["evidence"])
                add(int_or(ev, "line"), int_or(ev, "column"), str_or(ev, "excerpt"),
                    Label{LabelKind::Pitfall, "pitfall " + str_or(p, "id")});
        }
    for (const auto& cap : g.caps)
        for (const auto& ev : cap.evidence)
            add(int_or(ev, "line"), int_or(ev, "column"), str_or(ev, "excerpt"),
                Label{LabelKind::Pitfall, "cap " + cap.id});
    for (const auto& check : g.checks)
        for (const auto& f : check.findings) {
            // A pitfall's finding sits on its first evidence, which is marked already.
            if (f.line <= 0 || util::starts_with(f.rule, "pitfall/")) continue;
            add(f.line, f.column, f.excerpt, Label{LabelKind::Finding, rule_tail(f.rule)});
        }
    c.marks = normalise(std::move(c.marks));
    std::stable_sort(c.tags.begin(), c.tags.end(), [](const StarTag& a, const StarTag& b) { return a.at < b.at; });
    return c;
}

// The answer text with line numbers and marks, from the first line of the body.
void render_text(std::string& out, const pipeline::Graded& g, const Collected& c, const RenderOptions& o) {
    const std::string& text = g.answer.text;
    std::size_t first = g.answer.body_begin;
    while (first > 0 && text[first - 1] != '\n') --first;
    int first_line = 1;
    for (std::size_t i = 0; i < first; ++i) first_line += text[i] == '\n';
    int lines = 0;
    for (std::size_t i = first; i < text.size(); ++i) lines += text[i] == '\n';
    if (!text.empty() && text.back() != '\n') ++lines;
    std::size_t numw = std::to_string(first_line + std::max(lines, 1) - 1).size();

    auto open_mark = [&](Styled& s, const Mark& m) {
        if (o.color) return;
        s.add(m.metric_only() ? "[[metric: " : "{{" + m.joined() + ": ");
    };
    auto close_mark = [&](Styled& s, const Mark& m, bool final_close) {
        if (!o.color) {
            s.add(m.metric_only() ? "]]" : "}}");
            return;
        }
        if (final_close && !m.metric_only())
            s.add("[" + m.joined() + "]", m.has(LabelKind::Pitfall) ? Style::PitfallLabel : Style::FindingLabel);
    };

    std::vector<const Mark*> stack;  // open marks, outermost first
    std::size_t next_mark = 0, next_tag = 0;
    while (next_mark < c.marks.size() && c.marks[next_mark].begin < first) ++next_mark;
    while (next_tag < c.tags.size() && c.tags[next_tag].at < first) ++next_tag;

    int line_no = first_line;
    for (std::size_t lb = first; lb < text.size(); ++line_no) {
        std::size_t le = text.find('\n', lb);
        if (le == std::string::npos) le = text.size();
        Styled row;
        // Marks that continue from the line before open again.
        while (!stack.empty() && stack.back()->end <= lb) stack.pop_back();
        for (const auto* m : stack) open_mark(row, *m);
        for (std::size_t p = lb;; ++p) {
            while (!stack.empty() && stack.back()->end <= p) {
                close_mark(row, *stack.back(), true);
                stack.pop_back();
            }
            if (p >= le) break;
            bool tagged = false;
            while (next_tag < c.tags.size() && c.tags[next_tag].at <= p) {
                row.add(std::string("[") + c.tags[next_tag].letter + "]", Style::Star);
                tagged = true;
                ++next_tag;
            }
            if (tagged) row.add(" ");
            while (next_mark < c.marks.size() && c.marks[next_mark].begin <= p) {
                stack.push_back(&c.marks[next_mark++]);
                open_mark(row, *stack.back());
            }
            row.add(std::string_view(&text[p], 1), stack.empty() ? Style::None : stack.back()->style());
        }
        // Marks that go on past the end of the line close here and open again on the next.
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) close_mark(row, **it, false);

        std::string num = fmt::format("{:>{}}", line_no, numw);
        std::string blank(numw, ' ');
        auto rows = wrap(row, o.width > numw + 3 ? o.width - numw - 3 : o.width);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            Styled gutter;
            gutter.add(r == 0 ? num : blank, Style::Dim).add(" |", Style::Dim);
            out += gutter.emit(o.color);
            if (!rows[r].empty()) out += " " + rows[r].emit(o.color);
            out += "\n";
        }
        lb = le + 1;
    }
}

std::string heading(const std::string& s, bool color) { return Styled().add(s, Style::Bold).emit(color); }

std::string fmt_score(double s) { return fmt::format("{:.1f}", s); }

std::string at(int line, int column) { return fmt::format("{}:{}", line, column); }

// A pitfall's or cap's evidence (an array of line, column, excerpt) as LINE:COL "excerpt" items.
std::vector<std::string> evidence_places(const json& evidence) {
    std::vector<std::string> where;
    if (evidence.is_array())
        for (const auto& ev : evidence)
            where.push_back(fmt::format("{} \"{}\"", at(int_or(ev, "line"), int_or(ev, "column")), str_or(ev, "excerpt")));
    return where;
}

// The excerpt of the first piece of evidence, for a message's {excerpt}.
std::string first_excerpt(const json& evidence) {
    return evidence.is_array() && !evidence.empty() ? str_or(evidence.front(), "excerpt") : std::string();
}

}  // namespace

std::size_t byte_offset(const std::string& text, int line, int column) {
    if (line < 1) return std::string::npos;
    std::size_t p = 0;
    for (int l = 1; l < line; ++l) {
        p = text.find('\n', p);
        if (p == std::string::npos) return std::string::npos;
        ++p;
    }
    for (int c = 1; c < column && p < text.size() && text[p] != '\n'; ++c) {
        ++p;
        while (p < text.size() && !is_lead(text[p])) ++p;
    }
    return p;
}

std::size_t excerpt_end(const std::string& text, std::size_t begin, const std::string& excerpt) {
    auto match = [&](std::string_view pat, std::size_t& end) {
        std::size_t i = begin;
        for (char c : pat) {
            if (c == ' ') {
                if (i >= text.size() || !is_space(text[i])) return false;
                while (i < text.size() && is_space(text[i])) ++i;
            } else {
                if (i >= text.size() || text[i] != c) return false;
                ++i;
            }
        }
        end = i;
        return true;
    };
    std::size_t end = begin;
    if (!excerpt.empty() && match(excerpt, end) && end > begin) return end;
    if (util::ends_with(excerpt, "...") && excerpt.size() > 3 &&
        match(std::string_view(excerpt).substr(0, excerpt.size() - 3), end) && end > begin)
        return end;
    // No match: the word at begin (at least one code point).
    end = begin;
    while (end < text.size() && !is_space(text[end])) ++end;
    if (end == begin && begin < text.size()) {
        ++end;
        while (end < text.size() && !is_lead(text[end])) ++end;
    }
    return end;
}

std::string render_explain(const pipeline::Engine& engine, const pipeline::Graded& g, const RenderOptions& o) {
    const rubric::Rubric& rubric = engine.rubric();
    std::string out;
    auto line = [&](const std::string& label, const std::string& value) {
        out += heading(fmt::format("{:<11}", label), o.color) + " " + value + "\n";
    };
    if (g.status != pipeline::Status::Graded) {
        line("Answer", fmt::format("{} ({})", g.answer.id, g.answer.source));
        line("Error", g.error);
        return out;
    }

    // Header.
    const rubric::Question* question = g.question.empty() ? nullptr : rubric.question(g.question);
    double pass_mark = o.pass_mark.value_or(rubric.scoring.pass);
    line("Answer", fmt::format("{} ({})", g.answer.id, g.answer.source));
    line("Candidate", g.answer.candidate.empty() ? "unknown" : g.answer.candidate);
    if (question) {
        std::string how = g.question_declared ? "declared"
                                              : fmt::format("detected, confidence {:.2f}", g.question_confidence);
        line("Question", fmt::format("{} ({}): {}", question->id, how, question->text));
    } else {
        line("Question", fmt::format("none detected (best confidence {:.2f})", g.question_confidence));
    }
    std::string band = g.band_label.empty() ? g.band : g.band_label;
    line("Score", fmt::format("{}  {}  ", fmt_score(g.score), band) +
                      Styled().add(g.passed ? "PASS" : "FAIL", g.passed ? Style::Pass : Style::Fail).emit(o.color) +
                      fmt::format(" (pass mark {:g})", pass_mark));
    for (const auto& cap : g.caps) {
        auto where = evidence_places(cap.evidence);
        line("Capped", fmt::format("at {:g} by {} (the checks gave {}): {}{}", cap.max, cap.id,
                                   fmt_score(g.uncapped_score), cap.message,
                                   where.empty() ? std::string() : "\n            evidence: " + util::join(where, ", ")));
    }
    std::string scores;
    for (const auto& c : g.checks)
        scores += fmt::format("{}{} {}", scores.empty() ? "" : ", ", c.name, c.applies ? fmt_score(c.score) : "n/a");
    line("Checks", scores);
    out += "\n";

    // The text with its marks.
    Collected marks = collect(g);
    if (o.color) {
        out += Styled()
                   .add("Marks: ", Style::Dim)
                   .add("[S] [T] [A] [R]", Style::Star)
                   .add(" STAR part starts, ", Style::Dim)
                   .add("metric", Style::Metric)
                   .add(" outcome, ", Style::Dim)
                   .add("pitfall", Style::Pitfall)
                   .add(" evidence, ", Style::Dim)
                   .add("finding", Style::Finding)
                   .add(" (vague, we-not-i, ...)", Style::Dim)
                   .emit(true);
    } else {
        out += "Marks: [S] [T] [A] [R] STAR part starts, [[metric: ...]] outcome, {{pitfall ID: ...}} evidence, "
               "{{RULE: ...}} other finding";
    }
    out += "\n\n";
    render_text(out, g, marks, o);
    out += "\n";

    // STAR.
    if (const auto* star = g.check("star")) {
        if (!star->applies) {
            out += heading("STAR", o.color) +
                   fmt::format(": does not apply to this question{}\n",
                               question ? fmt::format(" (kind {})", question->kind) : std::string(" (none detected)"));
        } else {
            std::vector<std::string> present, missing;
            const json& parts = star->details.contains("parts") ? star->details["parts"] : json::object();
            const json& starts = star->details.contains("starts") ? star->details["starts"] : json::object();
            for (const auto& [part, is] : parts.items()) {
                if (!(is.is_boolean() && is.get<bool>())) {
                    missing.push_back(part);
                    continue;
                }
                auto it = starts.find(part);
                if (it != starts.end())
                    present.push_back(fmt::format("{} (line {}, {} words)", part, int_or(*it, "line"), int_or(*it, "words")));
                else
                    present.push_back(part);
            }
            out += heading("STAR", o.color) + fmt::format(": present: {}; missing: {}\n",
                                                          present.empty() ? "none" : util::join(present, ", "),
                                                          missing.empty() ? "none" : util::join(missing, ", "));
        }
    }

    // Metrics.
    if (const auto* metrics = g.check("metrics")) {
        const json& outcomes = metrics->details.contains("outcomes") ? metrics->details["outcomes"] : json::array();
        std::size_t n = outcomes.size();
        out += heading("Metrics", o.color) +
               fmt::format(": {} quantified outcome{}{}\n", n, n == 1 ? "" : "s", n ? ":" : "");
        for (const auto& m : outcomes)
            out += fmt::format("  {:<8} {:<14} {}\n", at(int_or(m, "line"), int_or(m, "column")), str_or(m, "kind"),
                               str_or(m, "text"));
    }

    // Specificity and coverage, in numbers.
    if (const auto* spec = g.check("specificity")) {
        const json& d = spec->details;
        std::vector<std::string> named;
        if (d.contains("named") && d["named"].is_array())
            for (const auto& n : d["named"]) named.push_back(n.get<std::string>());
        out += heading("Specificity", o.color) +
               fmt::format(": {} named ({}), {} numbers, \"I\" {} / \"we\" {}, {:g} vague words per 100\n", named.size(),
                           named.empty() ? "none" : util::join(named, ", "), d.value("numbers", 0),
                           d.value("first_person_singular", 0), d.value("first_person_plural", 0),
                           d.value("vague_per_100_words", 0.0));
    }
    if (const auto* cov = g.check("coverage"); cov && cov->applies) {
        auto list = [&](const char* key) {
            std::vector<std::string> v;
            if (cov->details.contains(key) && cov->details[key].is_array())
                for (const auto& x : cov->details[key]) v.push_back(x.get<std::string>());
            return v.empty() ? std::string("none") : util::join(v, ", ");
        };
        out += heading("Coverage", o.color) + fmt::format(": covered: {}; only in general terms: {}; missing: {}\n",
                                                          list("covered"), list("covered_generically"), list("missing"));
    }

    // Pitfalls.
    out += "\n";
    const json* found = nullptr;
    if (const auto* p = g.check("pitfalls"); p && p->details.contains("found") && p->details["found"].is_array())
        found = &p->details["found"];
    if (!found || found->empty()) {
        out += heading("Pitfalls", o.color) + ": none found\n";
    } else {
        out += heading("Pitfalls", o.color) + fmt::format(": {} found\n", found->size());
        for (const auto& p : *found) {
            const json evidence = p.value("evidence", json::array());
            auto where = evidence_places(evidence);
            double penalty = p.value("penalty", 0.0);
            // a percent pitfall takes a share of the score: "(-20%)"
            const char* unit = str_or(p, "penalty_as") == "percent" ? "%" : "";
            out += "  " + Styled().add(str_or(p, "id"), Style::Pitfall).emit(o.color) +
                   fmt::format(" (-{:g}{}): {}\n", penalty, unit, checks::render(str_or(p, "message"), first_excerpt(evidence)));
            out += "    evidence:  " + (where.empty() ? std::string("none in the text (something is missing)")
                                                      : util::join(where, ", ")) +
                   "\n";
            if (auto advice = str_or(p, "advice"); !advice.empty()) out += "    advice:    " + advice + "\n";
            if (auto fu = str_or(p, "follow_up"); !fu.empty()) out += "    follow-up: " + fu + "\n";
        }
    }

    out += "\n";
    // Other findings: located ones (marked in the text) and those without a place.
    std::vector<std::string> placed, unplaced;
    for (const auto& c : g.checks)
        for (const auto& f : c.findings) {
            if (util::starts_with(f.rule, "pitfall/")) continue;  // shown with the pitfalls
            if (f.line > 0)
                placed.push_back(fmt::format("  {:<8} {}: {}\n", at(f.line, f.column), f.rule, f.message));
            else
                unplaced.push_back(fmt::format("  {}: {}\n", f.rule, f.message));
        }
    out += heading("Findings in the text", o.color) + (placed.empty() ? ": none\n" : ":\n");
    for (const auto& s : placed) out += s;
    out += heading("Findings without a place", o.color) + (unplaced.empty() ? ": none\n" : ":\n");
    for (const auto& s : unplaced) out += s;

    out += "\n";
    // Competencies and what an interviewer would ask next.
    std::vector<std::string> comps;
    for (const auto& id : g.competencies) {
        auto it = std::find_if(rubric.competencies.begin(), rubric.competencies.end(),
                               [&](const rubric::Competency& c) { return c.id == id; });
        comps.push_back(it != rubric.competencies.end() && !it->name.empty() ? it->name : id);
    }
    out += heading("Competencies shown", o.color) + ": " + (comps.empty() ? "none" : util::join(comps, ", ")) + "\n";
    out += heading("Questions an interviewer would ask next", o.color) + (g.follow_ups.empty() ? ": none\n" : ":\n");
    for (const auto& q : g.follow_ups) out += "  - " + q + "\n";
    return out;
}

}  // namespace sg::cli
