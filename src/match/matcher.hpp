#pragma once
// The compiled matcher: every phrase list of the rubric, found in one pass
// over a document's tokens (plain phrases) plus one Boost.Regex search per
// sentence for each "re:" pattern. Checks read the resulting MatchList and
// never run regular expressions themselves.
#include <boost/regex.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "match/prefilter.hpp"
#include "rubric/model.hpp"
#include "text/document.hpp"

namespace sg::match {

struct Match {
    rubric::SetId set = -1;
    std::uint32_t phrase = 0;       // index of the phrase within its set
    std::uint32_t begin = 0;        // byte offsets in the document text
    std::uint32_t end = 0;
    std::uint32_t sentence = 0;
    std::uint32_t first_token = 0;
    std::uint32_t end_token = 0;    // one past the last token covered
    bool negated = false;
    bool header = false;            // inside the pasted question
};

class MatchList {
public:
    explicit MatchList(std::size_t sets) : by_set_(sets) {}
    const std::vector<Match>& of(rubric::SetId set) const;
    std::vector<Match>& mutable_of(rubric::SetId set) { return by_set_.at(static_cast<std::size_t>(set)); }
    // Regex failures (complexity, stack): one per pattern, at the first
    // sentence it gave up on; the pattern was still tried on the others.
    struct Error {
        std::string message;
        std::uint32_t offset = 0;  // where that sentence begins
    };
    std::vector<Error> errors;

private:
    std::vector<std::vector<Match>> by_set_;
};

class Matcher {
public:
    // With `prefilter`, each regex runs only on the sentences holding one of
    // its required literals (match/prefilter.hpp); the matches are the same.
    explicit Matcher(const rubric::Rubric& rubric, bool prefilter = true);
    MatchList scan(const text::Document& doc) const;

    // Words of a plain phrase as the tokenizer sees them.
    static std::vector<std::string> phrase_words(const std::string& phrase, bool& stem);

private:
    struct Plain {
        rubric::SetId set;
        std::uint32_t phrase;
        std::vector<std::string> words;
        bool stem;  // the last word is a prefix
    };
    struct Regex {
        rubric::SetId set;
        std::uint32_t phrase;
        std::string source;
        boost::regex re;
        bool filtered = false;  // runs only where one of its literals was seen
    };
    const rubric::Rubric& rubric_;
    std::vector<Plain> plain_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_first_;       // exact first word
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_first_stem_;  // one-word stems
    std::vector<std::size_t> stem_lengths_;
    std::vector<Regex> regex_;
    LiteralScanner literals_;
    std::vector<std::vector<std::uint32_t>> literal_regexes_;  // literal id -> regexes needing it
};

}  // namespace sg::match
