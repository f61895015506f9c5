#include "pipeline/calibrate.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "rubric/loader.hpp"
#include "util/files.hpp"
#include "util/yaml.hpp"

namespace sg::pipeline {

std::vector<Label> load_labels(const std::string& path, util::Diagnostics& diags) {
    std::vector<Label> out;
    std::string text, err;
    if (!util::read_file(path, text, err)) {
        diags.add(path, 0, 0, "cannot read the labels: " + err);
        return out;
    }
    YAML::Node root;
    if (!util::parse_yaml(text, path, diags, root)) return out;
    if (!root.IsSequence()) {
        diags.add(path, 1, 1, "labels must be a list of {id, grade, ...} entries");
        return out;
    }
    std::map<std::string, int> seen;
    for (const auto& item : root) {
        int line = item.Mark().line + 1, col = item.Mark().column + 1;
        if (!item.IsMap() || !item["id"] || !item["grade"]) {
            diags.add(path, line, col, "a label needs an id and a grade");
            continue;
        }
        Label l;
        l.id = item["id"].as<std::string>("");
        int grade = 0;
        if (!item["grade"].IsScalar() || !YAML::convert<int>::decode(item["grade"], grade) || grade < 1 || grade > 5) {
            diags.add(path, item["grade"].Mark().line + 1, item["grade"].Mark().column + 1,
                      fmt::format("label {}: grade must be a whole number from 1 to 5", l.id));
            continue;
        }
        l.grade = grade;
        if (item["question"] && item["question"].IsScalar()) l.question = item["question"].Scalar();
        if (!seen.emplace(l.id, line).second) {
            diags.add(path, line, col, fmt::format("duplicate label id '{}' (first at line {})", l.id, seen[l.id]));
            continue;
        }
        out.push_back(l);
    }
    return out;
}

Sample make_sample(const Graded& g, const Label& label) {
    Sample s;
    s.id = label.id;
    s.question = label.question.empty() ? g.question : label.question;
    s.grade = label.grade;
    for (const auto& name : rubric::check_names()) {
        const auto* c = g.check(name);
        s.score.push_back(c && c->applies ? c->score : 0.0);
        s.factor.push_back(c && c->applies ? c->weight_factor : 0.0);
        if (c) {
            s.penalty += c->penalty;
            s.percents.insert(s.percents.end(), c->percents.begin(), c->percents.end());
        }
    }
    for (const auto& c : g.caps) s.cap = std::min(s.cap, c.max);
    return s;
}

Params params_of(const rubric::Scoring& scoring) {
    Params p;
    for (const auto& name : rubric::check_names()) {
        auto it = scoring.weights.find(name);
        p.weights.push_back(it == scoring.weights.end() ? 0.0 : it->second);
    }
    p.penalty_scale = scoring.penalty_scale;
    p.percent_scale = scoring.percent_scale;
    // bands go highest first; cut points ascending, without the last band's 0
    for (auto it = scoring.bands.rbegin(); it != scoring.bands.rend(); ++it)
        if (it != scoring.bands.rbegin()) p.cuts.push_back(it->min);
    return p;
}

double predict(const Sample& s, const Params& p) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < s.score.size() && i < p.weights.size(); ++i) {
        double w = p.weights[i] * s.factor[i];
        num += w * s.score[i];
        den += w;
    }
    double keep = checks::kept_share(s.percents, p.percent_scale);
    return std::min(checks::overall_score(den > 0 ? num / den : 0.0, keep, s.penalty, p.penalty_scale), s.cap);
}

static std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
        for (std::size_t k = i; k <= j; ++k) r[order[k]] = (static_cast<double>(i + j)) / 2.0 + 1;
        i = j + 1;
    }
    return r;
}

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() < 3 || a.size() != b.size()) return 0;
    auto ra = ranks(a), rb = ranks(b);
    double n = static_cast<double>(a.size());
    double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n, mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        sab += (ra[i] - ma) * (rb[i] - mb);
        saa += (ra[i] - ma) * (ra[i] - ma);
        sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

double quadratic_kappa(const std::vector<int>& a, const std::vector<int>& b, int lo, int hi) {
    int k = hi - lo + 1;
    if (a.empty() || k < 2) return 0;
    std::vector<std::vector<double>> obs(k, std::vector<double>(k, 0));
    std::vector<double> ha(k, 0), hb(k, 0);
    for (std::size_t i = 0; i < a.size(); ++i) {
        int x = std::clamp(a[i], lo, hi) - lo, y = std::clamp(b[i], lo, hi) - lo;
        obs[x][y] += 1;
        ha[x] += 1;
        hb[y] += 1;
    }
    double n = static_cast<double>(a.size()), num = 0, den = 0;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            double w = static_cast<double>((i - j) * (i - j)) / ((k - 1) * (k - 1));
            num += w * obs[i][j];
            den += w * ha[i] * hb[j] / n;
        }
    return den > 0 ? 1.0 - num / den : 0.0;
}

int grade_of(double score, int grades) {
    return std::clamp(static_cast<int>(std::floor(score / (100.0 / grades))) + 1, 1, grades);
}

int grade_of(double score, const std::vector<double>& cuts) {
    int g = 1;
    for (double c : cuts)
        if (score >= c) ++g;
    return g;
}

static double target(int grade, int grades) { return 100.0 * (grade - 0.5) / grades; }

Agreement agreement(const std::vector<Sample>& samples, const std::vector<double>& scores,
                    const std::vector<double>& cuts, int grades) {
    Agreement a;
    a.n = samples.size();
    if (samples.empty()) return a;
    std::vector<double> g;
    std::vector<int> gi, even, band;
    double se = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        g.push_back(samples[i].grade);
        gi.push_back(samples[i].grade);
        even.push_back(grade_of(scores[i], grades));
        band.push_back(grade_of(scores[i], cuts));
        double d = scores[i] - target(samples[i].grade, grades);
        se += d * d;
    }
    a.spearman = spearman(scores, g);
    a.qwk_even = quadratic_kappa(gi, even, 1, grades);
    a.qwk_bands = quadratic_kappa(gi, band, 1, grades);
    a.mse = se / static_cast<double>(samples.size());
    double right = 0, total = 0;
    for (std::size_t i = 0; i < samples.size(); ++i)
        for (std::size_t j = i + 1; j < samples.size(); ++j) {
            if (samples[i].question != samples[j].question || samples[i].grade == samples[j].grade) continue;
            total += 1;
            if (scores[i] == scores[j]) right += 0.5;
            else if ((scores[i] > scores[j]) == (samples[i].grade > samples[j].grade)) right += 1;
        }
    a.pairwise = total > 0 ? right / total : 0.0;
    return a;
}

namespace {

double mse_of(const std::vector<Sample>& samples, const Params& p, int grades) {
    double se = 0;
    for (const auto& s : samples) {
        double d = predict(s, p) - target(s.grade, grades);
        se += d * d;
    }
    return samples.empty() ? 0.0 : se / static_cast<double>(samples.size());
}

// Squared distance between two parameter sets: weights compared as shares of
// 100, the penalty scale in points of a typical 20-point penalty, the
// percent scale in percent of a typical 20-percent one (times 60, a typical
// score: 12 points per unit).
double distance(const Params& a, const Params& b) {
    double ta = std::accumulate(a.weights.begin(), a.weights.end(), 0.0);
    double tb = std::accumulate(b.weights.begin(), b.weights.end(), 0.0);
    double d = 0;
    for (std::size_t i = 0; i < a.weights.size() && i < b.weights.size(); ++i) {
        double x = (ta > 0 ? 100.0 * a.weights[i] / ta : 0.0) - (tb > 0 ? 100.0 * b.weights[i] / tb : 0.0);
        d += x * x;
    }
    double y = 20.0 * (a.penalty_scale - b.penalty_scale);
    double z = 12.0 * (a.percent_scale - b.percent_scale);
    return d + y * y + z * z;
}

double kappa_of(const std::vector<Sample>& samples, const std::vector<double>& scores, const std::vector<double>& cuts,
                int grades) {
    std::vector<int> a, b;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        a.push_back(samples[i].grade);
        b.push_back(grade_of(scores[i], cuts));
    }
    return quadratic_kappa(a, b, 1, grades);
}

}  // namespace

Params fit(const std::vector<Sample>& samples, const Params& start, int grades, bool fit_cuts, double shrink) {
    Params p = start;
    auto objective = [&](const Params& q) { return mse_of(samples, q, grades) + shrink * distance(q, start); };
    double best = objective(p);
    // The percent scale is fitted only when some answer has a percent penalty.
    bool percents = std::any_of(samples.begin(), samples.end(), [](const Sample& s) { return !s.percents.empty(); });
    // Coordinate descent over the weights and the two penalty scales, with shrinking steps.
    for (double step : {16.0, 8.0, 4.0, 2.0, 1.0}) {
        bool improved = true;
        int rounds = 0;
        while (improved && rounds++ < 200) {
            improved = false;
            for (std::size_t i = 0; i <= p.weights.size() + 1; ++i) {
                if (i == p.weights.size() + 1 && !percents) continue;
                for (double dir : {1.0, -1.0}) {
                    Params q = p;
                    if (i < p.weights.size()) q.weights[i] = std::max(0.0, q.weights[i] + dir * step);
                    else if (i == p.weights.size())
                        q.penalty_scale = std::clamp(q.penalty_scale + dir * step * 0.02, 0.0, 10.0);
                    else q.percent_scale = std::clamp(q.percent_scale + dir * step * 0.05, 0.0, 5.0);
                    double total = std::accumulate(q.weights.begin(), q.weights.end(), 0.0);
                    if (total <= 0) continue;
                    double v = objective(q);
                    if (v < best - 1e-9) {
                        best = v;
                        p = q;
                        improved = true;
                    }
                }
            }
        }
    }
    // Weights on a 0..100 scale, one decimal.
    double total = std::accumulate(p.weights.begin(), p.weights.end(), 0.0);
    for (auto& w : p.weights) w = std::round(1000.0 * w / total) / 10.0;
    p.penalty_scale = std::round(p.penalty_scale * 1000.0) / 1000.0;
    p.percent_scale = std::round(p.percent_scale * 1000.0) / 1000.0;

    if (fit_cuts && static_cast<int>(p.cuts.size()) == grades - 1) {
        std::vector<double> scores;
        for (const auto& s : samples) scores.push_back(predict(s, p));
        double k = kappa_of(samples, scores, p.cuts, grades);
        bool improved = true;
        int rounds = 0;
        while (improved && rounds++ < 100) {
            improved = false;
            for (std::size_t i = 0; i < p.cuts.size(); ++i) {
                for (double dir : {1.0, -1.0}) {
                    auto q = p.cuts;
                    q[i] += dir;
                    double lo = i == 0 ? 1.0 : q[i - 1] + 1, hi = i + 1 == q.size() ? 100.0 : q[i + 1] - 1;
                    if (q[i] < lo || q[i] > hi) continue;
                    double v = kappa_of(samples, scores, q, grades);
                    if (v > k + 1e-9) {
                        k = v;
                        p.cuts = q;
                        improved = true;
                    }
                }
            }
        }
    }
    return p;
}

CalibrationReport calibrate(const std::vector<Sample>& input, const rubric::Rubric& r, int folds, double shrink) {
    CalibrationReport rep;
    rep.shrink = shrink;
    std::vector<Sample> samples = input;
    std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.id < b.id; });
    rep.grades = 5;
    rep.before = params_of(r.scoring);
    rep.start = params_of(r.base_scoring);
    rep.cuts_fitted = static_cast<int>(rep.before.cuts.size()) == rep.grades - 1;
    auto scores_with = [&](const Params& p, const std::vector<Sample>& ss) {
        std::vector<double> out;
        for (const auto& s : ss) out.push_back(predict(s, p));
        return out;
    };
    rep.before_fit = agreement(samples, scores_with(rep.before, samples), rep.before.cuts, rep.grades);
    rep.after = fit(samples, rep.start, rep.grades, rep.cuts_fitted, shrink);
    rep.in_sample = agreement(samples, scores_with(rep.after, samples), rep.after.cuts, rep.grades);

    rep.folds = std::clamp(folds, 2, std::max<int>(2, static_cast<int>(samples.size())));
    if (samples.size() >= 4) {
        // Fold k holds answers k, k+folds, k+2*folds... in id order. Each is
        // predicted by parameters fitted on the other folds only.
        std::vector<double> held(samples.size());
        std::vector<int> held_band(samples.size());
        for (int k = 0; k < rep.folds; ++k) {
            std::vector<Sample> train;
            for (std::size_t i = 0; i < samples.size(); ++i)
                if (static_cast<int>(i % static_cast<std::size_t>(rep.folds)) != k) train.push_back(samples[i]);
            Params p = fit(train, rep.start, rep.grades, rep.cuts_fitted, shrink);
            for (std::size_t i = 0; i < samples.size(); ++i)
                if (static_cast<int>(i % static_cast<std::size_t>(rep.folds)) == k) {
                    held[i] = predict(samples[i], p);
                    held_band[i] = grade_of(held[i], p.cuts);
                }
        }
        rep.cross_validated = agreement(samples, held, rep.after.cuts, rep.grades);
        std::vector<int> gi;
        for (const auto& s : samples) gi.push_back(s.grade);
        rep.cross_validated.qwk_bands = quadratic_kappa(gi, held_band, 1, rep.grades);
    }
    return rep;
}

std::string calibration_yaml(const CalibrationReport& rep, const rubric::Rubric& r, const std::string& labels_path,
                             const std::string& date) {
    std::string out;
    out += fmt::format("# Written by `stargrade calibrate` on {} from {} labeled answers ({}).\n", date,
                       rep.in_sample.n, labels_path);
    out += "# Read by the rubric's `calibration:` key; regenerate rather than edit by hand.\n";
    out += "weights:\n";
    const auto& names = rubric::check_names();
    for (std::size_t i = 0; i < names.size(); ++i) out += fmt::format("  {}: {:g}\n", names[i], rep.after.weights[i]);
    out += fmt::format("penalty_scale: {:g}\n", rep.after.penalty_scale);
    if (std::any_of(r.pitfalls.begin(), r.pitfalls.end(), [](const rubric::Pitfall& p) { return p.percent; }))
        out += fmt::format("percent_scale: {:g}\n", rep.after.percent_scale);
    out += "bands:\n";
    // highest first; the rubric's ids and labels with the fitted minimums
    std::vector<double> mins(rep.after.cuts.rbegin(), rep.after.cuts.rend());
    mins.push_back(0);
    for (std::size_t i = 0; i < r.scoring.bands.size(); ++i) {
        const auto& b = r.scoring.bands[i];
        double m = rep.cuts_fitted && i < mins.size() ? mins[i] : b.min;
        out += fmt::format("  - {{id: {}, min: {:g}, label: \"{}\"}}\n", b.id, m, b.label);
    }
    auto fig = [](const Agreement& a) {
        return fmt::format("{{spearman: {:.3f}, qwk_even: {:.3f}, qwk_bands: {:.3f}, pairwise: {:.3f}, mse: {:.1f}}}",
                           a.spearman, a.qwk_even, a.qwk_bands, a.pairwise, a.mse);
    };
    out += "fitted:\n";
    out += fmt::format("  answers: {}\n", rep.in_sample.n);
    out += fmt::format("  folds: {}\n", rep.folds);
    out += fmt::format("  shrink: {:g}\n", rep.shrink);
    out += fmt::format("  before: {}\n", fig(rep.before_fit));
    out += fmt::format("  in_sample: {}\n", fig(rep.in_sample));
    out += fmt::format("  cross_validated: {}\n", fig(rep.cross_validated));
    return out;
}

}  // namespace sg::pipeline
