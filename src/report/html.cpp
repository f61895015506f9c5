// HTML: one self-contained page for people. No network: the CSS and the small
// script are inline, the charts inline SVG, and a Content-Security-Policy
// forbids fetching anything. Every piece of text from an answer, a file name or
// the rubric goes through escape_xml.
//
//   header       rubric, pass mark, counts
//   overview     pass rate, band counts, a histogram of scores (10-point bins)
//   questions    average score per question, as horizontal bars
//   competencies average score of the answers showing each competency
//   answers      a table sortable by its headers and filterable; each answer
//                expands to its text with STAR part starts, metrics and
//                pitfall evidence marked in place, its findings and follow-ups
//   trends       per candidate, scores over the dates of their answers
//
// Without the script the page is complete: the table is in input order and
// each answer opens with its own <details>. A page format: it renders each
// answer's expanded part as it arrives and keeps that, a small row and a trend
// point; the page is written in finish().
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/explain_render.hpp"
#include "report/trend.hpp"
#include "report/writers.hpp"

namespace sg::report {

namespace {

using json = nlohmann::ordered_json;

std::string h(std::string_view s) { return escape_xml(s); }
std::string ha(std::string_view s) { return escape_xml(s, true); }

std::string f1(double v) { return fmt::format("{:.1f}", v); }
std::string px(double v) { return fmt::format("{:.1f}", v); }

bool lead_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

int int_of(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<int>() : 0;
}
std::string str_of(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
const json* array_of(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_array() ? &*it : nullptr;
}

// At most n code points of s: n - 1 and an ellipsis when it is longer.
std::string shorten(const std::string& s, std::size_t n) {
    std::size_t count = 0, cut = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (lead_byte(s[i]) && count++ == n - 1) cut = i;
    return count <= n ? s : s.substr(0, cut) + "\u2026";
}

// ---------------------------------------------------------------------------
// The answer text, marked in place.

enum class MarkKind { Metric, Finding, Pitfall };

struct Marked {
    std::size_t begin = 0, end = 0;  // bytes of the answer text
    MarkKind kind;
    std::string label;  // "metric: change", "pitfall no-metrics", "vague"
};

struct StarStart {
    std::size_t at = 0;
    std::string part;  // situation, task, action, result
};

std::string capital(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string rule_tail(const std::string& rule) {
    auto slash = rule.find('/');
    return slash == std::string::npos ? rule : rule.substr(slash + 1);
}

// Where each finding sits in the text: the place a check gave (line, column)
// and, for its end, the excerpt it quoted. What falls in the front matter or
// cannot be placed is left out (it is still listed under the text).
void locate(const pipeline::Graded& g, std::vector<Marked>& marks, std::vector<StarStart>& starts) {
    const std::string& text = g.answer.text;
    auto place = [&](int line, int column, const std::string& excerpt, MarkKind kind, std::string label) {
        std::size_t b = cli::byte_offset(text, line, column);
        if (b == std::string::npos || b < g.answer.body_begin || b >= text.size()) return;
        std::size_t e = cli::excerpt_end(text, b, excerpt);
        while (e < text.size() && !lead_byte(text[e])) ++e;
        if (e > b) marks.push_back(Marked{b, e, kind, std::move(label)});
    };
    if (const auto* star = g.check("star"); star && star->applies) {
        auto it = star->details.find("starts");
        if (it != star->details.end() && it->is_object())
            for (const auto& [part, where] : it->items()) {
                if (!where.is_object()) continue;
                std::size_t b = cli::byte_offset(text, int_of(where, "line"), int_of(where, "column"));
                if (b != std::string::npos && b >= g.answer.body_begin) starts.push_back(StarStart{b, part});
            }
    }
    if (const auto* m = g.check("metrics"))
        if (const json* outcomes = array_of(m->details, "outcomes"))
            for (const auto& o : *outcomes) {
                std::string kind = str_of(o, "kind");
                place(int_of(o, "line"), int_of(o, "column"), str_of(o, "text"), MarkKind::Metric,
                      kind.empty() ? "metric" : "metric: " + kind);
            }
    if (const auto* p = g.check("pitfalls"))
        if (const json* found = array_of(p->details, "found"))
            for (const auto& pit : *found)
                if (const json* evidence = array_of(pit, "evidence"))
                    for (const auto& ev : *evidence)
                        place(int_of(ev, "line"), int_of(ev, "column"), str_of(ev, "excerpt"), MarkKind::Pitfall,
                              "pitfall " + str_of(pit, "id"));
    for (const auto& c : g.checks)
        for (const auto& f : c.findings) {
            // A pitfall's own finding sits on its first evidence, marked above.
            if (f.line <= 0 || f.rule.rfind("pitfall/", 0) == 0) continue;
            place(f.line, f.column, f.excerpt, MarkKind::Finding, rule_tail(f.rule));
        }
    std::stable_sort(starts.begin(), starts.end(), [](const StarStart& a, const StarStart& b) { return a.at < b.at; });
}

std::string line_anchor(std::size_t row, int line) { return fmt::format("a{}-L{}", row, line); }

// The text from the first line of the answer body, one <div> per line of the
// file (with the file's line number). A line is cut wherever a mark starts or
// ends; each piece is one <mark> carrying a class for every kind of mark over
// it and all their labels as its title, so overlapping marks stay visible
// without nesting tags.
std::string marked_text(const pipeline::Graded& g, std::size_t row) {
    const std::string& text = g.answer.text;
    std::vector<Marked> marks;
    std::vector<StarStart> starts;
    locate(g, marks, starts);

    std::size_t first = std::min(g.answer.body_begin, text.size());
    while (first > 0 && text[first - 1] != '\n') --first;
    int line_no = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(first), '\n'));

    std::string out;
    std::size_t next_start = 0;
    auto tags_at = [&](std::size_t pos) {
        while (next_start < starts.size() && starts[next_start].at <= pos) {
            const auto& s = starts[next_start++];
            out += fmt::format("<span class=\"star\" title=\"{} starts\">{}</span>", ha(capital(s.part)),
                               h(s.part.empty() ? "?" : capital(s.part.substr(0, 1))));
        }
    };
    for (std::size_t lb = first; lb < text.size(); ++line_no) {
        std::size_t le = text.find('\n', lb);
        if (le == std::string::npos) le = text.size();
        out += fmt::format("<div class=\"ln\" id=\"{}\" data-n=\"{}\">", line_anchor(row, line_no), line_no);
        std::vector<std::size_t> cuts = {lb, le};
        for (const auto& m : marks) {
            if (m.begin > lb && m.begin < le) cuts.push_back(m.begin);
            if (m.end > lb && m.end < le) cuts.push_back(m.end);
        }
        for (const auto& s : starts)
            if (s.at > lb && s.at < le) cuts.push_back(s.at);
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
            std::size_t x = cuts[i], y = cuts[i + 1];
            tags_at(x);
            bool kinds[3] = {false, false, false};
            std::vector<std::string> labels;
            for (const auto& m : marks)
                if (m.begin <= x && m.end >= y) {
                    kinds[static_cast<int>(m.kind)] = true;
                    if (std::find(labels.begin(), labels.end(), m.label) == labels.end()) labels.push_back(m.label);
                }
            std::string piece = h(std::string_view(text).substr(x, y - x));
            if (labels.empty()) {
                out += piece;
                continue;
            }
            std::string cls;
            static const char* names[] = {"k-metric", "k-finding", "k-pitfall"};
            for (int k = 0; k < 3; ++k)
                if (kinds[k]) cls += std::string(cls.empty() ? "" : " ") + names[k];
            std::string title;
            for (const auto& l : labels) title += (title.empty() ? "" : "; ") + l;
            out += fmt::format("<mark class=\"{}\" title=\"{}\">{}</mark>", cls, ha(title), piece);
        }
        tags_at(le);
        out += "</div>";
        lb = le + 1;
    }
    if (out.empty()) out = "<div class=\"ln empty\">(no text)</div>";
    return out;
}

// ---------------------------------------------------------------------------
// The expanded part of an answer's row.

const char* kLegend =
    "<p class=\"legend\"><span class=\"star\">S</span><span class=\"star\">T</span><span class=\"star\">A</span>"
    "<span class=\"star\">R</span> where a STAR part starts "
    "<mark class=\"k-metric\">metric</mark> quantified outcome "
    "<mark class=\"k-pitfall\">pitfall</mark> evidence of a pitfall "
    "<mark class=\"k-finding\">finding</mark> other finding (vague, we-not-i, \u2026) "
    "<span class=\"hint\">Hover a mark for its label.</span></p>";

std::string loc_link(std::size_t row, int line, int column) {
    return fmt::format("<a class=\"loc\" href=\"#{}\">{}:{}</a>", line_anchor(row, line), line, column);
}

// A pitfall's or cap's evidence as links to its lines with the quoted excerpt.
std::vector<std::string> evidence_links(std::size_t row, const json* evidence) {
    std::vector<std::string> where;
    if (evidence && evidence->is_array())
        for (const auto& ev : *evidence)
            where.push_back(loc_link(row, int_of(ev, "line"), int_of(ev, "column")) + " \u201c" +
                            h(str_of(ev, "excerpt")) + "\u201d");
    return where;
}

std::string render_detail(const rubric::Rubric& rubric, const pipeline::Graded& g, std::size_t row) {
    std::string o;
    if (g.status != pipeline::Status::Graded) {
        o += "<div class=\"detail\"><p class=\"err\"><b>" + h(pipeline::status_name(g.status)) + ":</b> " + h(g.error) +
             "</p><p class=\"muted\">Source: " + h(g.answer.source) + "</p></div>";
        return o;
    }
    const rubric::Question* q = g.question.empty() ? nullptr : rubric.question(g.question);
    o += "<div class=\"detail\">";
    o += "<dl class=\"facts\">";
    o += "<div><dt>Source</dt><dd>" + h(g.answer.source) + "</dd></div>";
    o += "<div><dt>Question</dt><dd>";
    if (q)
        o += "<b>" + h(q->id) + "</b> " + h(q->text) +
             (g.question_declared ? " <span class=\"muted\">(declared)</span>"
                                  : fmt::format(" <span class=\"muted\">(detected, confidence {:.2f})</span>",
                                                g.question_confidence));
    else
        o += fmt::format("none detected <span class=\"muted\">(best confidence {:.2f})</span>", g.question_confidence);
    o += "</dd></div>";
    if (!g.answer.date.empty()) o += "<div><dt>Date</dt><dd>" + h(g.answer.date) + "</dd></div>";
    o += fmt::format("<div><dt>Words</dt><dd>{}</dd></div>", g.words);
    o += "</dl>";

    // Check scores as small bars.
    o += "<div class=\"checks\">";
    for (const auto& c : g.checks) {
        double v = std::clamp(c.score, 0.0, 100.0);
        o += "<div class=\"chk\"><span class=\"chk-name\">" + h(c.name) + "</span>";
        if (c.applies)
            o += fmt::format("<span class=\"meter\"><i style=\"width:{:.0f}%\"></i></span><span class=\"chk-v\">{}</span>",
                             v, f1(c.score));
        else
            o += "<span class=\"meter na\"></span><span class=\"chk-v muted\">n/a</span>";
        o += "</div>";
    }
    o += "</div>";

    o += "<div class=\"cols\"><section class=\"text-col\"><h4>Answer</h4>";
    o += kLegend;
    o += "<div class=\"answer-text\">" + marked_text(g, row) + "</div></section>";

    o += "<section class=\"find-col\">";
    // STAR and coverage at a glance.
    if (const auto* star = g.check("star")) {
        o += "<h4>STAR</h4>";
        if (!star->applies) {
            o += "<p class=\"muted\">Does not apply to this question.</p>";
        } else if (auto parts = star->details.find("parts"); parts != star->details.end() && parts->is_object()) {
            o += "<p class=\"parts\">";
            for (const auto& [part, present] : parts->items()) {
                bool yes = present.is_boolean() && present.get<bool>();
                o += fmt::format("<span class=\"part {}\">{} {}</span>", yes ? "yes" : "no", yes ? "\u2713" : "\u2717",
                                 h(part));
            }
            o += "</p>";
        }
    }
    if (const auto* cov = g.check("coverage"); cov && cov->applies) {
        auto names = [&](const char* key) {
            std::vector<std::string> v;
            if (const json* a = array_of(cov->details, key))
                for (const auto& x : *a)
                    if (x.is_string()) v.push_back(h(x.get<std::string>()));
            return v;
        };
        auto covered = names("covered"), generic = names("covered_generically"), missing = names("missing");
        o += "<h4>Coverage</h4><p class=\"parts\">";
        for (const auto& s : covered) o += "<span class=\"part yes\">\u2713 " + s + "</span>";
        for (const auto& s : generic) o += "<span class=\"part half\">~ " + s + "</span>";
        for (const auto& s : missing) o += "<span class=\"part no\">\u2717 " + s + "</span>";
        if (covered.empty() && generic.empty() && missing.empty()) o += "<span class=\"muted\">nothing expected</span>";
        o += "</p>";
    }

    // Caps that held the score down, with their evidence.
    for (const auto& cap : g.caps) {
        auto where = evidence_links(row, &cap.evidence);
        o += fmt::format("<p class=\"cap\"><b>Capped at {:g}</b> by <span class=\"pid\">{}</span> (the checks gave {:.1f}): ",
                         cap.max, h(cap.id), g.uncapped_score) +
             h(cap.message) + "</p>";
        if (!where.empty()) o += "<div class=\"sub\"><b>Evidence</b> " + fmt::format("{}", fmt::join(where, ", ")) + "</div>";
    }

    // Pitfalls with their evidence, advice and follow-up.
    std::vector<std::string> follow_ups = g.follow_ups;
    const json* found = nullptr;
    if (const auto* p = g.check("pitfalls")) found = array_of(p->details, "found");
    o += "<h4>Pitfalls</h4>";
    if (!found || found->empty()) {
        o += "<p class=\"muted\">None found.</p>";
    } else {
        o += "<ul class=\"pits\">";
        for (const auto& p : *found) {
            const json* evidence = array_of(p, "evidence");
            auto where = evidence_links(row, evidence);
            std::string first_excerpt = evidence && !evidence->empty() ? str_of(evidence->front(), "excerpt") : "";
            double penalty = p.value("penalty", 0.0);
            o += "<li><div><span class=\"pid\">" + h(str_of(p, "id")) + "</span> " +
                 fmt::format("<span class=\"pen\">\u2212{:g}</span> ", penalty) +
                 h(checks::render(str_of(p, "message"), first_excerpt)) + "</div>";
            o += "<div class=\"sub\"><b>Evidence</b> " +
                 (where.empty() ? std::string("none in the text (something is missing)") : fmt::format("{}", fmt::join(where, ", "))) +
                 "</div>";
            if (auto advice = str_of(p, "advice"); !advice.empty())
                o += "<div class=\"sub\"><b>Advice</b> " + h(advice) + "</div>";
            if (auto fu = str_of(p, "follow_up"); !fu.empty()) {
                o += "<div class=\"sub\"><b>Ask</b> " + h(fu) + "</div>";
                if (std::find(follow_ups.begin(), follow_ups.end(), fu) == follow_ups.end()) follow_ups.push_back(fu);
            }
            o += "</li>";
        }
        o += "</ul>";
    }

    // Other findings: those at a place in the text first, with a link to it.
    std::vector<std::string> placed, unplaced;
    for (const auto& c : g.checks)
        for (const auto& f : c.findings) {
            if (f.rule.rfind("pitfall/", 0) == 0) continue;
            std::string item = "<code>" + h(f.rule) + "</code> " + h(f.message);
            if (f.line > 0)
                placed.push_back("<li>" + loc_link(row, f.line, f.column) + " " + item + "</li>");
            else
                unplaced.push_back("<li>" + item + "</li>");
        }
    o += "<h4>Findings</h4>";
    if (placed.empty() && unplaced.empty()) o += "<p class=\"muted\">None.</p>";
    else {
        o += "<ul class=\"finds\">";
        for (const auto& s : placed) o += s;
        for (const auto& s : unplaced) o += s;
        o += "</ul>";
    }

    o += "<h4>Follow-up questions</h4>";
    if (follow_ups.empty()) o += "<p class=\"muted\">None.</p>";
    else {
        o += "<ol class=\"fus\">";
        for (const auto& f : follow_ups) o += "<li>" + h(f) + "</li>";
        o += "</ol>";
    }

    if (!g.competencies.empty()) {
        o += "<h4>Competencies shown</h4><p class=\"parts\">";
        for (const auto& id : g.competencies) {
            auto it = std::find_if(rubric.competencies.begin(), rubric.competencies.end(),
                                   [&](const rubric::Competency& c) { return c.id == id; });
            o += "<span class=\"part\">" + h(it != rubric.competencies.end() && !it->name.empty() ? it->name : id) +
                 "</span>";
        }
        o += "</p>";
    }
    for (const auto& w : g.warnings) o += "<p class=\"warn\">" + h(w) + "</p>";
    o += "</section></div></div>";
    return o;
}

// ---------------------------------------------------------------------------
// Charts (inline SVG, drawn in a 560-unit-wide box that scales with the page).

constexpr double kChartW = 560;

struct Bar {
    std::string label, tooltip;
    double value = 0;  // 0..100
    std::size_t n = 0;
};

std::string svg_open(double height, const std::string& title, const std::string& desc) {
    return fmt::format(
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">"
        "<title>{}</title><desc>{}</desc>",
        px(kChartW), px(height), ha(title), h(title), h(desc));
}

// Counts of scores in ten bins (the last holds 100), a line at the pass mark.
std::string histogram(const std::vector<double>& scores, double pass) {
    std::size_t bins[10] = {};
    for (double s : scores) bins[std::min<std::size_t>(9, static_cast<std::size_t>(std::max(0.0, s) / 10.0))]++;
    std::size_t most = *std::max_element(std::begin(bins), std::end(bins));
    std::size_t step = std::max<std::size_t>(1, (most + 3) / 4);
    std::size_t top = std::max<std::size_t>(step, (most + step - 1) / step * step);
    const double L = 34, R = 10, T = 30, B = 34, H = 232;
    double pw = kChartW - L - R, ph = H - T - B, bw = pw / 10;
    auto y = [&](double c) { return T + ph - ph * c / static_cast<double>(top); };
    auto x = [&](double score) { return L + pw * score / 100.0; };
    std::string o = svg_open(H, "Score distribution",
                             fmt::format("{} graded answers in 10-point bins; pass mark {:g}", scores.size(), pass));
    for (std::size_t t = 0; t <= top; t += step)
        o += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
                         "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                         px(L), px(L + pw), px(y(static_cast<double>(t))), px(y(static_cast<double>(t))), px(L - 6),
                         px(y(static_cast<double>(t)) + 4), t);
    for (int i = 0; i < 10; ++i) {
        double lo = i * 10, hi = lo + 10;
        const char* cls = hi <= pass ? "bar fail" : lo >= pass ? "bar pass" : "bar mid";
        double c = static_cast<double>(bins[i]);
        double bx = L + i * bw + 3, by = y(c);
        o += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"><title>{:g}\u2013{:g}: {} answer{}</title></rect>",
                         cls, px(bx), px(by), px(bw - 6), px(T + ph - by), lo, hi, bins[i], bins[i] == 1 ? "" : "s");
        if (bins[i] > 0)
            o += fmt::format("<text class=\"val\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", px(bx + (bw - 6) / 2),
                             px(by - 4), bins[i]);
    }
    o += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", px(L), px(L + pw), px(T + ph), px(T + ph));
    for (int i = 0; i <= 10; ++i)
        o += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", px(x(i * 10.0)),
                         px(T + ph + 16), i * 10);
    o += fmt::format("<text class=\"axis-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">score</text>", px(L + pw / 2), px(H - 2));
    double xp = x(std::clamp(pass, 0.0, 100.0));
    o += fmt::format("<line class=\"passline\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
                     "<text class=\"passlabel\" x=\"{3}\" y=\"{4}\" text-anchor=\"{5}\">pass {6:g}</text>",
                     px(xp), px(T - 16), px(T + ph), px(xp + (pass > 85 ? -4 : 4)), px(T - 19), pass > 85 ? "end" : "start", pass);
    o += "</svg>";
    return o;
}

// Horizontal bars of average scores (0..100), a line at the pass mark.
std::string hbars(const std::vector<Bar>& bars, double pass, const std::string& title, const std::string& desc) {
    const double L = 178, R = 78, T = 8, row = 26, B = 24;
    double H = T + row * static_cast<double>(bars.size()) + B, pw = kChartW - L - R;
    auto x = [&](double v) { return L + pw * std::clamp(v, 0.0, 100.0) / 100.0; };
    std::string o = svg_open(H, title, desc);
    for (int t = 0; t <= 100; t += 20)
        o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
                         "<text class=\"tick\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>",
                         px(x(t)), px(T), px(H - B), px(H - B + 15), t);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        double yy = T + row * static_cast<double>(i);
        const char* cls = b.value >= pass ? "bar pass" : "bar fail";
        o += "<g>";
        o += fmt::format("<title>{}: average {} over {} answer{}</title>", h(b.tooltip), f1(b.value), b.n, b.n == 1 ? "" : "s");
        o += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", px(L - 8), px(yy + 17),
                         h(shorten(b.label, 26)));
        o += fmt::format("<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"2\"/>", px(L), px(yy + 6), px(pw));
        o += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"2\"/>", cls, px(L), px(yy + 6),
                         px(std::max(1.0, x(b.value) - L)));
        o += fmt::format("<text class=\"val\" x=\"{}\" y=\"{}\">{} <tspan class=\"n\">n={}</tspan></text>", px(L + pw + 6),
                         px(yy + 17), f1(b.value), b.n);
        o += "</g>";
    }
    double xp = x(pass);
    o += fmt::format("<line class=\"passline\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>", px(xp), px(T), px(H - B));
    o += "</svg>";
    return o;
}

// One candidate's scores in date order, a line at the pass mark.
std::string trend_chart(const TrendSeries& s, double pass) {
    const double L = 34, R = 54, T = 14, B = 34, H = 200;
    double pw = kChartW - L - R, ph = H - T - B;
    std::size_t n = s.points.size();
    auto x = [&](std::size_t i) { return n <= 1 ? L + pw / 2 : L + pw * static_cast<double>(i) / static_cast<double>(n - 1); };
    auto y = [&](double v) { return T + ph - ph * std::clamp(v, 0.0, 100.0) / 100.0; };
    std::string o = svg_open(H, "Scores of " + s.candidate + " by date",
                             fmt::format("{} answers from {} to {}", n, s.points.front().date, s.points.back().date));
    for (int t = 0; t <= 100; t += 25)
        o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
                         "<text class=\"tick\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>",
                         px(L), px(L + pw), px(y(t)), px(L - 6), px(y(t) + 4), t);
    o += fmt::format("<line class=\"passline\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
                     "<text class=\"passlabel\" x=\"{3}\" y=\"{4}\">pass {5:g}</text>",
                     px(L), px(L + pw), px(y(pass)), px(L + pw + 4), px(y(pass) + 4), pass);
    std::string pts;
    for (std::size_t i = 0; i < n; ++i) pts += fmt::format("{}{},{}", i ? " " : "", px(x(i)), px(y(s.points[i].score)));
    o += "<polyline class=\"trend\" points=\"" + pts + "\"/>";
    std::size_t every = std::max<std::size_t>(1, (n + 5) / 6);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = s.points[i];
        o += fmt::format("<circle class=\"dot {}\" cx=\"{}\" cy=\"{}\" r=\"4.5\"><title>{} \u00b7 {} \u00b7 {}: {}</title></circle>",
                         p.score >= pass ? "pass" : "fail", px(x(i)), px(y(p.score)), h(p.date),
                         h(p.question.empty() ? "question not detected" : p.question), h(p.id), f1(p.score));
        if (i % every == 0 || i + 1 == n)
            o += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", px(x(i)),
                             px(T + ph + 18), h(shorten(p.date, 12)));
    }
    o += "</svg>";
    return o;
}

// ---------------------------------------------------------------------------
// The page.

const char* kCss = R"CSS(
:root{--fg:#1f2328;--muted:#59636e;--line:#d8dee4;--soft:#f6f8fa;--card:#fff;--accent:#0969da;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;
--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--soft);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
header.top{background:var(--card);border-bottom:1px solid var(--line)}
header.top .wrap{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:16px;padding-top:22px;padding-bottom:18px}
h1{font-size:22px;line-height:1.25;margin:0 0 4px;font-weight:600;letter-spacing:-.01em}
h2{font-size:17px;margin:0 0 12px;font-weight:600}
h3{font-size:13px;margin:0 0 10px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
h4{font-size:12px;margin:14px 0 6px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.sub{margin:0;color:var(--muted)}
.sub b{color:var(--fg);font-weight:600}
nav.toc{display:flex;gap:18px;font-size:13px}
main{padding:20px 0 40px}
section.block{margin:0 0 24px}
.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 18px}
.kpis{display:grid;grid-template-columns:repeat(6,minmax(0,1fr));gap:12px;margin-bottom:16px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.kpi .v{font-size:24px;font-weight:600;font-variant-numeric:tabular-nums;line-height:1.2}
.kpi .k{color:var(--muted);font-size:12px}
.kpi.pass .v{color:var(--pass)}.kpi.fail .v{color:var(--fail)}.kpi.err .v{color:var(--warn)}
.rate{height:8px;background:#eaeef2;border-radius:4px;overflow:hidden;margin-top:8px}
.rate i{display:block;height:100%;background:var(--pass)}
.bands{list-style:none;margin:0;padding:0}
.bands li{display:grid;grid-template-columns:150px 1fr 64px;align-items:center;gap:10px;padding:5px 0;border-bottom:1px solid #eef1f4}
.bands li:last-child{border-bottom:0}
.bands .meter{height:10px;width:100%}
.bands .meter.b0 i{background:#2da44e}.bands .meter.b1 i{background:#6fc287}.bands .meter.b2 i{background:#d4a72c}.bands .meter.b3 i{background:#e08a4f}.bands .meter.b4 i{background:#e5534b}
.bands .c{text-align:right;font-variant-numeric:tabular-nums;color:var(--muted)}
.bands .c b{color:var(--fg)}
.note{color:var(--muted);font-size:12px;margin:8px 0 0}
svg.chart{width:100%;height:auto;display:block;font-size:11.5px;font-family:inherit}
svg .grid{stroke:#eaeef2;stroke-width:1}
svg .axis{stroke:#8c959f;stroke-width:1}
svg .tick{fill:var(--muted)}
svg .axis-label{fill:var(--muted);font-size:11px}
svg .label{fill:var(--fg);font-size:12px}
svg .val{fill:var(--fg);font-size:11.5px;font-variant-numeric:tabular-nums}
svg .val .n{fill:var(--muted)}
svg .track{fill:#f0f2f4}
svg .bar.pass{fill:#4c9a6a}svg .bar.fail{fill:#d47a72}svg .bar.mid{fill:#b8a06a}
svg .passline{stroke:var(--fg);stroke-width:1.2;stroke-dasharray:4 3}
svg .passlabel{fill:var(--fg);font-size:11px;font-weight:600}
svg .trend{fill:none;stroke:var(--accent);stroke-width:2}
svg .dot{stroke:#fff;stroke-width:1.5}svg .dot.pass{fill:var(--pass)}svg .dot.fail{fill:var(--fail)}
.filterbar{display:flex;align-items:center;gap:12px;margin:0 0 10px}
.filterbar input{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:6px;width:320px;max-width:100%;background:#fff}
.filterbar input:focus{outline:2px solid var(--accent);outline-offset:-1px}
.filterbar .muted{font-size:13px}
table.answers{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
table.answers th,table.answers td{text-align:left;padding:8px 12px;vertical-align:top}
table.answers thead th{background:var(--soft);border-bottom:1px solid var(--line);font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap}
table.answers th button{all:unset;cursor:pointer;color:inherit}
table.answers th button:focus-visible{outline:2px solid var(--accent)}
table.answers th button::after{content:"\2195";opacity:.35;margin-left:4px}
table.answers th[aria-sort=ascending] button::after{content:"\2191";opacity:1}
table.answers th[aria-sort=descending] button::after{content:"\2193";opacity:1}
table.answers tbody tr.row td{border-top:1px solid #eef1f4}
table.answers tbody:first-of-type tr.row td{border-top:0}
html.js table.answers tr.row{cursor:pointer}
html.js table.answers tr.row:hover td{background:#f6f8fa}
html.js table.answers tbody.open tr.row td{background:#f1f6fd}
td.num,th.num{text-align:right!important;font-variant-numeric:tabular-nums}
td.score{font-weight:600}
td.id{font-family:var(--mono);font-size:12.5px;white-space:nowrap}
td.pits{color:var(--muted);font-size:12.5px;width:34%}
td.nw{white-space:nowrap}
.toggle{all:unset;cursor:pointer;display:inline-block;width:14px;color:var(--muted);transition:transform .15s}
tbody.open .toggle{transform:rotate(90deg)}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:500;white-space:nowrap;border:1px solid transparent}
.b0{background:#dafbe1;color:#116329;border-color:#aceebb}
.b1{background:#eef9f0;color:#1a7f37;border-color:#c6ecd0}
.b2{background:#fff8c5;color:#7d4e00;border-color:#f0dd8a}
.b3{background:#fff1e5;color:#953800;border-color:#ffd3b0}
.b4{background:#ffebe9;color:#a40e26;border-color:#ffc1bc}
.bx{background:#eaeef2;color:var(--muted)}
.res{font-weight:600;font-size:12.5px}.res.pass{color:var(--pass)}.res.fail{color:var(--fail)}.res.error{color:var(--warn)}
tr.more>td{padding:0 12px 12px!important;background:#fbfcfd}
tr.more summary{cursor:pointer;color:var(--accent);font-size:12.5px;padding:4px 0}
html.js tr.more{display:none}
html.js tbody.open tr.more{display:table-row}
html.js tr.more summary{display:none}
.detail{border:1px solid var(--line);border-radius:6px;background:#fff;padding:12px 16px;margin-top:4px}
dl.facts{display:flex;flex-wrap:wrap;gap:6px 28px;margin:0 0 8px;font-size:13px}
dl.facts div{display:flex;gap:8px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.checks{display:flex;flex-wrap:wrap;gap:8px 22px;margin:4px 0 6px;font-size:12.5px}
.chk{display:flex;align-items:center;gap:8px}
.chk-name{color:var(--muted);min-width:70px}
.chk-v{font-variant-numeric:tabular-nums;min-width:34px}
.meter{display:inline-block;width:90px;height:8px;border-radius:4px;background:#eaeef2;overflow:hidden}
.meter i{display:block;height:100%;background:var(--accent)}
.meter.na{background:repeating-linear-gradient(45deg,#eaeef2 0 4px,#f6f8fa 4px 8px)}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:24px}
.answer-text{font-size:13.5px;line-height:1.65;border:1px solid #eef1f4;border-radius:6px;padding:8px 12px 8px 0;background:#fff;max-height:560px;overflow:auto}
.ln{position:relative;padding-left:46px;white-space:pre-wrap;overflow-wrap:anywhere;min-height:1.65em}
.ln::before{content:attr(data-n);position:absolute;left:0;width:34px;text-align:right;color:#8c959f;font:11px/2.1 var(--mono);user-select:none}
.ln:target{background:#fff8c5}
.ln.empty{color:var(--muted)}
mark{color:inherit;background:none;border-radius:2px;padding:0}
mark.k-metric{background:#e6f6ea;text-decoration:underline 2px #2da44e;text-underline-offset:3px}
mark.k-finding{background:#fff3c4;box-shadow:inset 0 -2px #d4a72c}
mark.k-pitfall{background:#ffe2de;box-shadow:inset 0 -2px #e5534b}
.star{display:inline-block;font:600 10px/16px var(--mono);color:#fff;background:var(--accent);border-radius:3px;padding:0 4px;margin:0 4px 0 1px;vertical-align:1px}
.legend{font-size:12px;color:var(--muted);margin:0 0 8px;display:flex;flex-wrap:wrap;align-items:center;gap:4px 6px}
.legend mark{padding:0 3px;color:var(--fg)}
.legend .hint{margin-left:6px;font-style:italic}
.parts{display:flex;flex-wrap:wrap;gap:6px;margin:0}
.part{font-size:12px;padding:1px 8px;border-radius:999px;background:#eaeef2;color:var(--fg)}
.part.yes{background:var(--pass-bg);color:#116329}.part.no{background:var(--fail-bg);color:#a40e26}.part.half{background:var(--warn-bg);color:#7d4e00}
ul.pits,ul.finds,ol.fus{margin:0;padding-left:18px;font-size:13px}
ul.pits li,ul.finds li,ol.fus li{margin:0 0 6px}
.pid{font-family:var(--mono);font-size:12.5px;font-weight:600;color:#a40e26}
.pen{font-size:12px;color:var(--fail);font-variant-numeric:tabular-nums}
.sub{font-size:12.5px;color:var(--muted);margin-top:2px}.sub b{color:var(--fg);font-weight:600}
a.loc{font-family:var(--mono);font-size:12px}
code{font-family:var(--mono);font-size:12px;background:#f0f2f4;padding:0 4px;border-radius:3px}
.muted{color:var(--muted)}
.err{color:var(--fail);margin:0 0 4px}
.warn{color:var(--warn);font-size:12.5px}
.trends{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px}
.trends h3{text-transform:none;letter-spacing:0;font-size:14px;color:var(--fg)}
.trends .delta{font-weight:400;color:var(--muted);margin-left:6px}
.trends table{width:100%;border-collapse:collapse;font-size:12.5px;margin-top:8px}
.trends td,.trends th{padding:3px 6px;border-top:1px solid #eef1f4;text-align:left;vertical-align:top}
.trends td:first-child{white-space:nowrap}
.trends th{color:var(--muted);font-weight:600;border-top:0}
footer{color:var(--muted);font-size:12px;padding:0 0 32px}
@media (max-width:900px){.grid,.trends,.cols{grid-template-columns:1fr}.kpis{grid-template-columns:repeat(3,1fr)}}
@media print{
 body{background:#fff;font-size:11pt}
 .wrap{max-width:none;padding:0}
 header.top{border:0}
 nav.toc,.filterbar,.toggle,.hint{display:none!important}
 .card,.kpi,table.answers,.detail{border-color:#bbb;break-inside:avoid}
 tbody{break-inside:avoid}
 .answer-text{max-height:none;overflow:visible}
 mark,.star,.meter i,.rate i,.badge,.part,svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit}
}
)CSS";

// Sorting, filtering and expanding rows. A test hook reads the URL fragment at
// load: #sort=KEY[:asc|:desc] clicks that header until it sorts that way,
// filter=TEXT types into the filter box, open=ID|all expands rows (joined by &).
// When done it sets data-report-ready on <html> and data-rows, data-visible
// and data-sort on the table.
const char* kScript = R"JS(
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  root.classList.add("js");
  var table = doc.getElementById("answers");
  if (!table) { root.setAttribute("data-report-ready", "1"); return; }
  var bodies = Array.prototype.slice.call(table.tBodies);
  var filter = doc.getElementById("filter"), shown = doc.getElementById("shown");
  var state = { key: null, dir: null };

  function setOpen(tb, open) {
    tb.classList.toggle("open", open);
    var d = tb.querySelector("details");
    if (d) d.open = open;
    var b = tb.querySelector("button.toggle");
    if (b) b.setAttribute("aria-expanded", open ? "true" : "false");
  }
  bodies.forEach(function (tb) {
    var row = tb.rows[0], cell = row.cells[0];
    var b = doc.createElement("button");
    b.type = "button"; b.className = "toggle"; b.textContent = "\u25B8";
    b.setAttribute("aria-expanded", "false");
    b.setAttribute("aria-label", "Show details of " + tb.getAttribute("data-id"));
    cell.insertBefore(b, cell.firstChild);
    row.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      setOpen(tb, !tb.classList.contains("open"));
    });
    tb._search = (tb.getAttribute("data-search") || "").toLowerCase();
  });

  function value(tb, key) { return tb.getAttribute("data-" + key) || ""; }
  function compare(key, dir) {
    var sign = dir === "asc" ? 1 : -1;
    return function (a, b) {
      var r;
      if (key === "score") {
        r = parseFloat(value(a, key)) - parseFloat(value(b, key));
      } else {
        var x = value(a, key), y = value(b, key);
        if (!x !== !y) return x ? -1 : 1;  // empty values last either way
        r = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
      }
      return r !== 0 ? sign * r : parseInt(value(a, "order"), 10) - parseInt(value(b, "order"), 10);
    };
  }
  function sortBy(key, dir) {
    bodies.sort(compare(key, dir));
    bodies.forEach(function (tb) { table.appendChild(tb); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.getAttribute("data-key") === key) th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    state.key = key; state.dir = dir;
    table.setAttribute("data-sort", key + ":" + dir);
  }
  Array.prototype.forEach.call(table.querySelectorAll("th[data-key]"), function (th) {
    var key = th.getAttribute("data-key"), b = doc.createElement("button");
    b.type = "button";
    while (th.firstChild) b.appendChild(th.firstChild);
    th.appendChild(b);
    b.addEventListener("click", function () {
      var first = key === "score" ? "desc" : "asc";
      var dir = state.key === key ? (state.dir === "asc" ? "desc" : "asc") : first;
      sortBy(key, dir);
    });
  });

  function applyFilter() {
    var q = filter.value.trim().toLowerCase(), n = 0;
    bodies.forEach(function (tb) {
      var hit = !q || tb._search.indexOf(q) >= 0;
      tb.hidden = !hit;
      if (hit) n++;
    });
    table.setAttribute("data-visible", String(n));
    shown.textContent = q ? "Showing " + n + " of " + bodies.length + " answers" : bodies.length + " answers";
  }
  doc.getElementById("filterbar").hidden = false;
  filter.addEventListener("input", applyFilter);
  table.setAttribute("data-rows", String(bodies.length));
  applyFilter();

  // The test hook (also handy for links: report.html#sort=score:asc).
  var hash = decodeURIComponent((location.hash || "").replace(/^#/, ""));
  if (hash.indexOf("=") > 0) {
    hash.split("&").forEach(function (kv) {
      var i = kv.indexOf("="), k = kv.slice(0, i), v = kv.slice(i + 1);
      if (k === "sort") {
        var parts = v.split(":"), th = table.querySelector('th[data-key="' + parts[0].replace(/[^a-z]/g, "") + '"] button');
        if (!th) return;
        th.click();
        if (parts[1] && state.dir !== parts[1]) th.click();
      } else if (k === "filter") {
        filter.value = v;
        filter.dispatchEvent(new Event("input"));
      } else if (k === "open") {
        bodies.forEach(function (tb) { if (v === "all" || tb.getAttribute("data-id") === v) setOpen(tb, true); });
      }
    });
  }
  root.setAttribute("data-report-ready", "1");
})();
)JS";

struct Row {
    std::size_t order = 0;
    std::string id, candidate, question, status, error, band, band_label;
    double score = 0;
    bool graded = false, passed = false;
    std::vector<std::string> pitfalls;
    std::vector<std::string> competencies;
    std::string detail;
};

class HtmlWriter : public Writer {
public:
    HtmlWriter(const pipeline::Engine& engine, std::ostream& out) : engine_(engine), out_(out) {}

    void begin(const RunInfo& info) override { info_ = info; }

    void add(const pipeline::Graded& g) override {
        Row r;
        r.order = rows_.size();
        r.id = g.answer.id;
        r.candidate = g.answer.candidate;
        r.question = g.question;
        r.status = pipeline::status_name(g.status);
        r.error = g.error;
        r.graded = g.status == pipeline::Status::Graded;
        if (r.graded) {
            r.score = g.score;
            r.band = g.band;
            r.band_label = g.band_label.empty() ? g.band : g.band_label;
            r.passed = g.passed;
            r.competencies = g.competencies;
            if (const auto* p = g.check("pitfalls"))
                if (const json* found = array_of(p->details, "found"))
                    for (const auto& f : *found) r.pitfalls.push_back(str_of(f, "id"));
        }
        r.detail = render_detail(engine_.rubric(), g, r.order);
        TrendPoint tp;
        if (trend_point(g, tp) && !tp.candidate.empty() && !tp.date.empty()) trend_points_.push_back(std::move(tp));
        rows_.push_back(std::move(r));
    }

    void finish(const Summary& s) override {
        const auto& rubric = engine_.rubric();
        double pass = info_.pass_mark;
        std::string o;
        o.reserve(64 * 1024);
        std::string title = rubric.title.empty() ? rubric.id : rubric.title;
        o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
        o += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
             "script-src 'unsafe-inline'; img-src data:\">\n";
        o += "<meta name=\"generator\" content=\"stargrade " + ha(info_.tool_version) + "\">\n";
        o += "<title>" + h(title) + " \u2014 stargrade report</title>\n<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n";

        // Header.
        o += "<header class=\"top\"><div class=\"wrap\"><div><h1>Interview answers \u00b7 " + h(title) + "</h1>";
        o += "<p class=\"sub\">Rubric <b>" + h(rubric.id) + "</b> " + h(rubric.version) +
             fmt::format(" \u00b7 pass mark <b>{:g}</b>", pass);
        o += fmt::format(" \u00b7 <b>{}</b> answer{} \u00b7 <b>{}</b> passed \u00b7 <b>{}</b> failed", s.answers,
                         s.answers == 1 ? "" : "s", s.passed, s.failed);
        if (s.errors) o += fmt::format(" \u00b7 <b>{}</b> error{}", s.errors, s.errors == 1 ? "" : "s");
        if (!info_.shard.empty()) o += " \u00b7 shard " + h(info_.shard);
        o += "</p></div><nav class=\"toc\"><a href=\"#overview\">Overview</a><a href=\"#questions\">Questions</a>"
             "<a href=\"#answers-section\">Answers</a><a href=\"#trends\">Trends</a></nav></div></header>\n";
        o += "<main class=\"wrap\">\n";

        overview(o, s, pass);
        breakdowns(o, pass);
        answers(o);
        trends(o, pass);

        o += "</main>\n<footer class=\"wrap\">Generated by stargrade " + h(info_.tool_version);
        if (!info_.generated_at.empty()) o += " at " + h(info_.generated_at);
        if (!info_.rubric_path.empty()) o += " from " + h(info_.rubric_path);
        o += ". This page is self-contained and loads nothing from the network.</footer>\n";
        o += "<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
        out_ << o;
        out_.flush();
    }

private:
    // The band's shade: its rank among the rubric's bands, spread over five.
    std::string band_class(const std::string& band) const {
        const auto& bands = engine_.rubric().scoring.bands;
        for (std::size_t i = 0; i < bands.size(); ++i)
            if (bands[i].id == band) {
                std::size_t shade = bands.size() <= 1 ? 0 : i * 4 / (bands.size() - 1);
                return fmt::format("b{}", shade);
            }
        return "bx";
    }

    void overview(std::string& o, const Summary& s, double pass) const {
        o += "<section class=\"block\" id=\"overview\"><h2>Overview</h2><div class=\"kpis\">";
        auto kpi = [&](const char* cls, const std::string& v, const char* k, const std::string& extra = "") {
            o += fmt::format("<div class=\"kpi {}\"><div class=\"v\">{}</div><div class=\"k\">{}</div>{}</div>", cls, v, k, extra);
        };
        double rate = s.graded ? 100.0 * static_cast<double>(s.passed) / static_cast<double>(s.graded) : 0;
        kpi("rate-k", s.graded ? fmt::format("{:.0f}%", rate) : "n/a", "pass rate (of graded)",
            fmt::format("<div class=\"rate\"><i style=\"width:{:.1f}%\"></i></div>", rate));
        kpi("", std::to_string(s.answers), "answers");
        kpi("", std::to_string(s.graded), "graded");
        kpi("pass", std::to_string(s.passed), "passed");
        kpi("fail", std::to_string(s.failed), "failed");
        kpi(s.errors ? "err" : "", std::to_string(s.errors + s.skipped), s.skipped ? "errors / skipped" : "errors");
        o += "</div><div class=\"grid\">";

        std::vector<double> scores;
        std::map<std::string, std::size_t> band_count;
        for (const auto& r : rows_)
            if (r.graded) {
                scores.push_back(r.score);
                ++band_count[r.band];
            }
        o += "<div class=\"card\"><h3>Score distribution</h3>";
        if (scores.empty()) o += "<p class=\"muted\">No graded answers.</p>";
        else {
            double sum = 0;
            for (double v : scores) sum += v;
            std::vector<double> sorted = scores;
            std::sort(sorted.begin(), sorted.end());
            double median = sorted.size() % 2 ? sorted[sorted.size() / 2]
                                              : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
            o += histogram(scores, pass);
            o += fmt::format("<p class=\"note\">Mean {} \u00b7 median {} \u00b7 lowest {} \u00b7 highest {}. "
                             "Bins are 10 points wide; the dashed line is the pass mark.</p>",
                             f1(sum / static_cast<double>(scores.size())), f1(median), f1(sorted.front()), f1(sorted.back()));
        }
        o += "</div><div class=\"card\"><h3>Bands</h3><ul class=\"bands\">";
        for (const auto& b : engine_.rubric().scoring.bands) {
            auto it = band_count.find(b.id);
            std::size_t n = it == band_count.end() ? 0 : it->second;
            double share = scores.empty() ? 0 : 100.0 * static_cast<double>(n) / static_cast<double>(scores.size());
            o += fmt::format("<li><span><span class=\"badge {0}\">{1}</span> <span class=\"muted\">\u2265 {2:g}</span></span>"
                             "<span class=\"meter {0}\"><i style=\"width:{3:.1f}%\"></i></span>"
                             "<span class=\"c\"><b>{4}</b> \u00b7 {3:.0f}%</span></li>",
                             band_class(b.id), h(b.label.empty() ? b.id : b.label), b.min, share, n);
        }
        o += "</ul><p class=\"note\">Share of graded answers in each band of the rubric.</p></div></div></section>\n";
    }

    void breakdowns(std::string& o, double pass) const {
        const auto& rubric = engine_.rubric();
        struct Acc {
            double sum = 0;
            std::size_t n = 0;
        };
        std::map<std::string, Acc> by_q, by_c;
        for (const auto& r : rows_) {
            if (!r.graded) continue;
            auto& q = by_q[r.question];
            q.sum += r.score, ++q.n;
            for (const auto& c : std::set<std::string>(r.competencies.begin(), r.competencies.end())) {
                auto& a = by_c[c];
                a.sum += r.score, ++a.n;
            }
        }
        std::vector<Bar> qbars, cbars;
        for (const auto& q : rubric.questions)
            if (auto it = by_q.find(q.id); it != by_q.end())
                qbars.push_back(Bar{q.id, q.id + " \u2014 " + q.text, it->second.sum / static_cast<double>(it->second.n), it->second.n});
        for (const auto& [id, a] : by_q)
            if (!id.empty() && !rubric.question(id)) qbars.push_back(Bar{id, id, a.sum / static_cast<double>(a.n), a.n});
        if (auto it = by_q.find(""); it != by_q.end())
            qbars.push_back(Bar{"(not detected)", "question not detected", it->second.sum / static_cast<double>(it->second.n), it->second.n});
        std::vector<std::string> unshown;
        for (const auto& c : rubric.competencies) {
            std::string name = c.name.empty() ? c.id : c.name;
            if (auto it = by_c.find(c.id); it != by_c.end())
                cbars.push_back(Bar{name, name, it->second.sum / static_cast<double>(it->second.n), it->second.n});
            else
                unshown.push_back(h(name));
        }
        o += "<section class=\"block\" id=\"questions\"><div class=\"grid\">";
        o += "<div class=\"card\"><h3>Average score by question</h3>";
        if (qbars.empty()) o += "<p class=\"muted\">No graded answers.</p>";
        else o += hbars(qbars, pass, "Average score by question", "Mean score of the graded answers to each question");
        o += fmt::format("<p class=\"note\">Mean score of the graded answers to each question; the dashed line is the "
                         "pass mark ({:g}). Hover a bar for the question.</p>", pass);
        o += "</div><div class=\"card\" id=\"competencies\"><h3>Average score by competency</h3>";
        if (cbars.empty()) o += "<p class=\"muted\">No answer shows evidence of a competency.</p>";
        else o += hbars(cbars, pass, "Average score by competency", "Mean score of the answers showing each competency");
        o += "<p class=\"note\">Each bar averages the answers that show evidence of the competency.";
        if (!unshown.empty()) o += fmt::format(" Not shown by any answer: {}.", fmt::join(unshown, ", "));
        o += "</p></div></div></section>\n";
    }

    void answers(std::string& o) const {
        o += "<section class=\"block\" id=\"answers-section\"><h2>Answers</h2>";
        o += "<div class=\"filterbar\" id=\"filterbar\" hidden><input type=\"search\" id=\"filter\" "
             "placeholder=\"Filter by id, candidate, question, band or pitfall\" aria-label=\"Filter answers\">"
             "<span class=\"muted\" id=\"shown\"></span></div>";
        o += "<table class=\"answers\" id=\"answers\"><thead><tr>"
             "<th data-key=\"id\" scope=\"col\">Id</th><th data-key=\"candidate\" scope=\"col\">Candidate</th>"
             "<th data-key=\"question\" scope=\"col\">Question</th><th data-key=\"score\" scope=\"col\" class=\"num\">Score</th>"
             "<th scope=\"col\">Band</th><th scope=\"col\">Result</th><th scope=\"col\">Pitfalls</th></tr></thead>\n";
        const auto& rubric = engine_.rubric();
        for (const auto& r : rows_) {
            std::string search = r.id + " " + r.candidate + " " + r.question + " " + r.band + " " + r.band_label + " " +
                                 r.status + " " + (r.graded ? (r.passed ? "pass" : "fail") : "") + " " +
                                 fmt::format("{}", fmt::join(r.pitfalls, " "));
            o += fmt::format("<tbody class=\"ans\" id=\"a{}\" data-order=\"{}\" data-id=\"{}\" data-candidate=\"{}\" "
                             "data-question=\"{}\" data-score=\"{}\" data-search=\"{}\">",
                             r.order, r.order, ha(r.id), ha(r.candidate), ha(r.question),
                             r.graded ? fmt::format("{:.3f}", r.score) : "-1", ha(search));
            const rubric::Question* q = r.question.empty() ? nullptr : rubric.question(r.question);
            o += "<tr class=\"row\"><td class=\"id\">" + h(r.id) + "</td>";
            o += "<td class=\"nw\">" + (r.candidate.empty() ? std::string("<span class=\"muted\">\u2014</span>") : h(r.candidate)) + "</td>";
            o += "<td class=\"nw\"" + (q ? " title=\"" + ha(q->text) + "\"" : std::string()) + ">" +
                 (r.question.empty() ? std::string("<span class=\"muted\">not detected</span>") : h(r.question)) + "</td>";
            if (r.graded) {
                o += "<td class=\"num score\">" + f1(r.score) + "</td>";
                o += "<td class=\"nw\"><span class=\"badge " + band_class(r.band) + "\">" + h(r.band_label) + "</span></td>";
                o += r.passed ? "<td class=\"nw\"><span class=\"res pass\">\u2713 pass</span></td>"
                              : "<td class=\"nw\"><span class=\"res fail\">\u2717 fail</span></td>";
                o += "<td class=\"pits\">" + h(fmt::format("{}", fmt::join(r.pitfalls, ", "))) + "</td>";
            } else {
                o += "<td class=\"num score muted\">\u2014</td><td><span class=\"badge bx\">" + h(r.status) +
                     "</span></td><td><span class=\"res error\">\u26a0 " + h(r.status) + "</span></td>";
                o += "<td class=\"pits\">" + h(shorten(r.error, 90)) + "</td>";
            }
            o += "</tr>";
            o += fmt::format("<tr class=\"more\"><td colspan=\"7\"><details><summary>Details of {}: the answer marked up, "
                             "findings and follow-up questions</summary>",
                             h(r.id));
            o += r.detail;
            o += "</details></td></tr></tbody>\n";
        }
        o += "</table>";
        if (rows_.empty()) o += "<p class=\"muted\">No answers.</p>";
        o += "</section>\n";
    }

    void trends(std::string& o, double pass) const {
        o += "<section class=\"block\" id=\"trends\"><h2>Trends</h2>";
        std::vector<TrendSeries> series;
        for (auto& s : build_trends(trend_points_))
            if (s.question.empty() && !s.candidate.empty() && s.points.size() >= 2) series.push_back(std::move(s));
        if (series.empty()) {
            o += "<div class=\"card\"><p class=\"muted\" style=\"margin:0\">No trends: a trend needs two or more graded "
                 "answers by the same candidate with a date (front matter <code>candidate:</code> and "
                 "<code>date:</code>).</p></div></section>\n";
            return;
        }
        o += "<div class=\"trends\">";
        for (const auto& s : series) {
            double delta = s.points.back().score - s.points.front().score;
            o += "<div class=\"card\"><h3>" + h(s.candidate) +
                 fmt::format("<span class=\"delta\">{} answers \u00b7 {}{} since the first</span></h3>", s.points.size(),
                             delta >= 0 ? "+" : "\u2212", f1(std::fabs(delta)));
            o += trend_chart(s, pass);
            // Pitfalls that come back: found in two or more of the candidate's answers.
            std::map<std::string, std::size_t> seen;
            for (const auto& p : s.points)
                for (const auto& id : std::set<std::string>(p.pitfalls.begin(), p.pitfalls.end())) ++seen[id];
            std::vector<std::pair<std::size_t, std::string>> back;
            for (const auto& [id, n] : seen)
                if (n >= 2) back.emplace_back(n, id);
            std::stable_sort(back.begin(), back.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            std::vector<std::string> items;
            for (const auto& [n, id] : back) items.push_back(fmt::format("<code>{}</code> ({} of {})", h(id), n, s.points.size()));
            o += "<p class=\"note\">" +
                 (items.empty() ? std::string("No pitfall comes back.") : "Keeps coming back: " + fmt::format("{}", fmt::join(items, ", "))) +
                 "</p>";
            o += "<table><thead><tr><th>Date</th><th>Question</th><th class=\"num\">Score</th><th>STAR</th>"
                 "<th class=\"num\">Metrics</th><th>Pitfalls</th></tr></thead><tbody>";
            for (const auto& p : s.points)
                o += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}/4</td><td class=\"num\">{}</td><td>{}</td></tr>",
                                 h(p.date), h(p.question.empty() ? "\u2014" : p.question), f1(p.score), p.star_parts,
                                 p.metrics, h(fmt::format("{}", fmt::join(p.pitfalls, ", "))));
            o += "</tbody></table></div>";
        }
        o += "</div></section>\n";
    }

    const pipeline::Engine& engine_;
    std::ostream& out_;
    RunInfo info_;
    std::vector<Row> rows_;
    std::vector<TrendPoint> trend_points_;
};

}  // namespace

std::unique_ptr<Writer> make_html_writer(const pipeline::Engine& engine, std::ostream& out) {
    return std::make_unique<HtmlWriter>(engine, out);
}

}  // namespace sg::report
