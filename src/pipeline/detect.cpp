#include "pipeline/detect.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace sg::pipeline {

namespace {
std::string stem(std::string w) {
    auto cut = [&](const char* suf, std::size_t keep) {
        std::size_t n = std::char_traits<char>::length(suf);
        if (w.size() >= n + keep && w.compare(w.size() - n, n, suf) == 0) {
            w.erase(w.size() - n);
            return true;
        }
        return false;
    };
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.erase(w.size() - 2);
    cut("ing", 3) || cut("ies", 2) || cut("ed", 3) || cut("es", 3) || cut("s", 3);
    return w;
}
}  // namespace

std::vector<std::string> QuestionDetector::words(const std::string& text) const {
    text::Document d(text, 0);
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& t : d.tokens()) {
        if (std::find(rubric_.detection.stopwords.begin(), rubric_.detection.stopwords.end(), t.norm) !=
            rubric_.detection.stopwords.end())
            continue;
        std::string s = stem(t.norm);
        if (s.empty() || !seen.insert(s).second) continue;
        out.push_back(s);
    }
    return out;
}

QuestionDetector::QuestionDetector(const rubric::Rubric& rubric) : rubric_(rubric) {
    std::unordered_map<std::string, int> df;
    for (const auto& q : rubric.questions) {
        std::vector<Variant> vs;
        std::set<std::string> all;
        vs.push_back(Variant{words(q.text), 0});
        for (const auto& a : q.aliases) vs.push_back(Variant{words(a), 0});
        for (const auto& v : vs) all.insert(v.words.begin(), v.words.end());
        for (const auto& w : all) ++df[w];
        variants_.push_back(std::move(vs));
    }
    double n = static_cast<double>(std::max<std::size_t>(1, rubric.questions.size()));
    for (const auto& [w, c] : df) idf_[w] = std::log(1.0 + n / c);
    max_idf_ = std::log(1.0 + n);
    for (auto& vs : variants_)
        for (auto& v : vs) {
            double s = 0;
            for (const auto& w : v.words) s += idf_[w] * idf_[w];
            v.norm = std::sqrt(s);
        }
}

std::vector<double> QuestionDetector::header_similarity(const std::string& text) const {
    const std::size_t nq = rubric_.questions.size();
    std::vector<double> out(nq, 0.0);
    auto hw = words(text);
    double hnorm = 0;
    for (const auto& w : hw) {
        auto it = idf_.find(w);
        double i = it == idf_.end() ? max_idf_ : it->second;
        hnorm += i * i;
    }
    hnorm = std::sqrt(hnorm);
    std::set<std::string> hs(hw.begin(), hw.end());
    for (std::size_t q = 0; q < nq && hnorm > 0; ++q) {
        for (const auto& v : variants_[q]) {
            if (v.norm == 0) continue;
            double dot = 0;
            for (const auto& w : v.words)
                if (hs.count(w)) dot += idf_.at(w) * idf_.at(w);
            out[q] = std::max(out[q], dot / (hnorm * v.norm));
        }
    }
    return out;
}

const rubric::Question* QuestionDetector::question_for_title(const std::string& title) const {
    std::string t(util::trim(title));
    if (const auto* q = rubric_.question(t)) return q;
    auto sim = header_similarity(t);
    std::size_t best = 0, second = 0;
    for (std::size_t q = 1; q < sim.size(); ++q) {
        if (sim[q] > sim[best]) {
            second = best;
            best = q;
        } else if (q != best && sim[q] > sim[second]) {
            second = q;
        }
    }
    if (sim.empty() || sim[best] < 0.5) return nullptr;
    // Two questions about as close: ambiguous, so no guess.
    if (sim.size() > 1 && second != best && sim[second] > 0.8 * sim[best]) return nullptr;
    return &rubric_.questions[best];
}

Detection QuestionDetector::detect(const text::Document& doc, const match::MatchList& matches) const {
    Detection d;
    const std::size_t nq = rubric_.questions.size();
    if (nq == 0) return d;

    // Header: cosine similarity of the pasted question with each question's text or aliases.
    std::vector<double> header(nq, 0.0);
    double header_sum = 0;
    if (doc.has_header()) {
        header = header_similarity(doc.header_text());
        // Only a clear match counts as evidence; weak ones are noise.
        for (auto& h : header) h = h >= 0.2 ? h * h : 0.0;
        for (double h : header) header_sum += h;
    }

    // Body: distinct cue phrases of each question.
    std::vector<double> body(nq, 0.0);
    double body_sum = 0;
    for (std::size_t q = 0; q < nq; ++q) {
        const auto& qu = rubric_.questions[q];
        if (qu.cues < 0) continue;
        std::set<std::uint32_t> phrases;
        for (const auto& m : matches.of(qu.cues))
            if (!m.header) phrases.insert(m.phrase);
        body[q] = static_cast<double>(phrases.size());
        body_sum += body[q];
    }

    const double hw = rubric_.detection.header_weight;
    std::vector<double> total(nq, 0.0);
    for (std::size_t q = 0; q < nq; ++q) {
        double h = header_sum > 0 ? header[q] / header_sum : 0.0;
        double b = body_sum > 0 ? body[q] / body_sum : 0.0;
        if (header_sum > 0 && body_sum > 0) total[q] = (hw * h + b) / (hw + 1);
        else if (header_sum > 0) total[q] = h;
        else total[q] = b;
    }
    std::size_t best = static_cast<std::size_t>(std::max_element(total.begin(), total.end()) - total.begin());
    if (total[best] <= 0 || total[best] < rubric_.detection.min_confidence) return d;
    d.question = &rubric_.questions[best];
    d.confidence = std::round(total[best] * 1000.0) / 1000.0;
    return d;
}

}  // namespace sg::pipeline
