#pragma once
// Which rubric question an answer addresses, when it does not say.
#include <string>
#include <unordered_map>
#include <vector>

#include "match/matcher.hpp"
#include "rubric/model.hpp"
#include "text/document.hpp"

namespace sg::pipeline {

struct Detection {
    const rubric::Question* question = nullptr;
    double confidence = 0;
};

// Built once per rubric: the questions' words weighted by rarity.
class QuestionDetector {
public:
    explicit QuestionDetector(const rubric::Rubric& rubric);
    Detection detect(const text::Document& doc, const match::MatchList& matches) const;

    // How close a pasted question text is to each question (cosine of idf-weighted words, 0..1).
    std::vector<double> header_similarity(const std::string& text) const;
    // The question a title names (a CSV column header): its id, or a clear
    // best match of its text (similarity >= 0.5, well ahead of the next); null otherwise.
    const rubric::Question* question_for_title(const std::string& title) const;

    // Words of a text as detection sees them: lower case, light stemming, no stopwords.
    std::vector<std::string> words(const std::string& text) const;

private:
    struct Variant {
        std::vector<std::string> words;
        double norm = 0;
    };
    const rubric::Rubric& rubric_;
    std::vector<std::vector<Variant>> variants_;  // per question: text and each alias
    std::unordered_map<std::string, double> idf_;
    double max_idf_ = 1;
};

}  // namespace sg::pipeline
