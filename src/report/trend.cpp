#include "report/trend.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "report/baseline.hpp"

namespace sg::report {

namespace {

// When an answer was written: undated answers (no date, or one that does not
// parse) sort before every dated one.
struct When {
    bool dated = false;
    long long seconds = 0;
    int nanos = 0;
};

When when_of(const TrendPoint& p) {
    When w;
    if (!p.date.empty()) w.dated = baseline::parse_date(p.date, w.seconds, w.nanos);
    return w;
}

bool earlier(const TrendPoint& a, const When& wa, const TrendPoint& b, const When& wb) {
    return std::tie(wa.dated, wa.seconds, wa.nanos, a.source, a.id) <
           std::tie(wb.dated, wb.seconds, wb.nanos, b.source, b.id);
}

}  // namespace

bool trend_point(const pipeline::Graded& g, TrendPoint& out) {
    if (g.status != pipeline::Status::Graded) return false;
    return baseline::to_trend_point(baseline::record_of(g), out);
}

std::vector<TrendSeries> build_trends(std::vector<TrendPoint> points) {
    std::vector<When> when;
    when.reserve(points.size());
    for (const auto& p : points) when.push_back(when_of(p));
    std::vector<std::size_t> order(points.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (points[a].candidate != points[b].candidate) return points[a].candidate < points[b].candidate;
        return earlier(points[a], when[a], points[b], when[b]);
    });

    // Sorted by candidate, so each candidate's answers are one run: its
    // series of every answer (question ""), then one per question in id
    // order. Answers with no question appear in the first only.
    std::vector<TrendSeries> out;
    for (std::size_t begin = 0; begin < order.size();) {
        const std::string& candidate = points[order[begin]].candidate;
        std::size_t end = begin;
        while (end < order.size() && points[order[end]].candidate == candidate) ++end;
        TrendSeries all{candidate, "", {}};
        std::map<std::string, TrendSeries> per_question;
        for (std::size_t k = begin; k < end; ++k) {
            const TrendPoint& p = points[order[k]];
            all.points.push_back(p);
            if (p.question.empty()) continue;
            auto& s = per_question[p.question];
            s.candidate = candidate;
            s.question = p.question;
            s.points.push_back(p);
        }
        out.push_back(std::move(all));
        for (auto& entry : per_question) out.push_back(std::move(entry.second));
        begin = end;
    }
    return out;
}

}  // namespace sg::report
