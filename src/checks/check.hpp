#pragma once
// The check interface. A check is a pure function of the analysed answer:
// it reads the document, the match list and the features earlier checks set,
// and returns a score with findings the candidate can act on.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "match/matcher.hpp"
#include "rubric/model.hpp"
#include "text/document.hpp"

namespace sg::checks {

struct Finding {
    std::string rule;
    std::string message;
    int line = 0;  // 0 when the finding has no place (something missing)
    int column = 0;
    std::string excerpt;
};

struct CheckResult {
    std::string name;
    bool applies = true;
    double score = 0;        // 0..100
    double weight_factor = 1; // scales the rubric weight (metrics on a question that expects none)
    double penalty = 0;       // points taken off the overall score (pitfalls), times scoring.penalty_scale
    std::vector<double> percents;  // `penalty_as: percent` pitfalls: shares of the overall score taken, in percent
    std::vector<Finding> findings;
    nlohmann::ordered_json details = nlohmann::ordered_json::object();
};

// The share of a score kept after percent penalties: each takes
// scale * percent of what is left, so two of 20 keep 0.8 * 0.8 = 0.64.
inline double kept_share(const std::vector<double>& percents, double scale) {
    double keep = 1;
    for (double p : percents) keep *= 1.0 - std::clamp(scale * p / 100.0, 0.0, 1.0);
    return keep;
}

// The overall score of an answer: the weighted mean of its checks times the
// share its percent penalties keep, less its point penalties times the
// penalty scale; clamped to 0..100 and rounded to one decimal. The grader
// and calibrate both score with it.
inline double overall_score(double mean, double keep, double points, double penalty_scale) {
    double s = mean * keep - penalty_scale * points;
    return std::clamp(std::round(s * 10.0) / 10.0, 0.0, 100.0);
}

// A span of text a check found, kept for later checks (metrics -> star result).
struct Span {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t sentence = 0;
};

struct Context {
    Context(const rubric::Rubric& r, const text::Document& d, const match::MatchList& m,
            const rubric::Question* q, const rubric::Kind* k)
        : rubric(r), doc(d), matches(m), question(q), kind(k) {}

    const rubric::Rubric& rubric;
    const text::Document& doc;
    const match::MatchList& matches;
    const rubric::Question* question = nullptr;  // null when none was detected
    const rubric::Kind* kind = nullptr;
    std::map<std::string, double> features;
    std::vector<Span> outcomes;                  // metric outcomes, set by the metrics check
    std::set<std::string> covered_elements;      // set by the coverage check
    std::vector<char> concrete;                  // per sentence: names a thing or a number (specificity)
    // Per sentence: makes its point concretely, by the rules of
    // checks.coverage (a named thing, a number or a `concrete` lexicon match
    // not among buzzwords, and no hedge). Computed on first use, after the
    // specificity check.
    const std::vector<char>& content_concrete();

    // Matches of a set, restricted to a region and by negation.
    std::vector<const match::Match*> select(rubric::SetId set, rubric::Region region = rubric::Region::Body,
                                            rubric::NegatedMode negated = rubric::NegatedMode::Exclude) const;
    std::size_t count(const std::vector<rubric::SetId>& sets, rubric::Region region = rubric::Region::Body,
                      rubric::NegatedMode negated = rubric::NegatedMode::Exclude) const;
    // Finding at a match, with the matched text as excerpt.
    Finding at(const match::Match& m, std::string rule, std::string message) const;
    std::string matched_text(const match::Match& m) const;

private:
    std::vector<char> content_concrete_;
    bool content_concrete_done_ = false;
};

// Whether a rubric condition (a pitfall's detect, a cap's when) holds for the
// answer. The matches that made it hold go to evidence, in text order.
bool holds(const Context& ctx, const rubric::Condition& c, std::vector<const match::Match*>* evidence = nullptr);
// The first `limit` matches as report evidence: line, column, excerpt.
nlohmann::ordered_json evidence_json(const Context& ctx, const std::vector<const match::Match*>& hits,
                                     std::size_t limit = 5);

// Fills {excerpt} in a rubric message.
std::string render(const std::string& message, const std::string& excerpt);
// Fills {excerpt} with the text of the first hit (empty without hits).
std::string render(const Context& ctx, const std::string& message, const std::vector<const match::Match*>& hits);
// Whether a pitfall or cap limited to `kinds` (empty: every kind) applies to
// an answer of this kind (null: no question detected).
bool kind_listed(const std::vector<std::string>& kinds, const rubric::Kind* kind);
// The rubric message for a rule, or the fallback when the rubric has none.
std::string message_or(const std::map<std::string, std::string>& messages, const std::string& key,
                       const std::string& fallback);

using CheckFn = CheckResult (*)(Context&);

struct CheckEntry {
    const char* name;
    CheckFn run;
};

// The checks in the order they run; later ones may read features of earlier ones.
const std::vector<CheckEntry>& registry();

CheckResult run_specificity(Context& ctx);
CheckResult run_metrics(Context& ctx);
CheckResult run_star(Context& ctx);
CheckResult run_coverage(Context& ctx);
CheckResult run_pitfalls(Context& ctx);

}  // namespace sg::checks
