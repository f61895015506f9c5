#pragma once
// The compiled matcher: every phrase list of the rubric, found in one pass
// over a document's tokens (plain phrases) plus one Boost.Regex search per
// sentence for each "re:" pattern. Checks read the resulting MatchList and
// never run regular expressions themselves.
#include <boost/regex.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "match/hyperscan.hpp"
#include "match/prefilter.hpp"
#include "match/word_index.hpp"
#include "rubric/model.hpp"
#include "text/document.hpp"
#include "util/files.hpp"

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
    // Which sentences each regex is run on; the matches are the same:
    // None: every sentence. Literals: those holding one of its required
    // literals (match/prefilter.hpp). Hyperscan: those where Hyperscan says
    // it matches (match/hyperscan.hpp), Literals for the patterns Hyperscan
    // does not take, and all of them when Hyperscan is not available.
    enum class Filter { None, Literals, Hyperscan };
    explicit Matcher(const rubric::Rubric& rubric, Filter filter = Filter::Hyperscan,
                     const std::string& cache_dir = util::cache_dir());
    // How the Hyperscan database came about (compiled, loaded), or why none.
    std::string filter_status() const { return hs_ ? hs_->status() : "Hyperscan: not used"; }
    MatchList scan(const text::Document& doc) const;

    // Words of a plain phrase as the tokenizer sees them.
    static std::vector<std::string> phrase_words(const std::string& phrase, bool& stem);
    // The same without a Document, for a phrase of lower-case ASCII letters
    // and digits between single spaces (most of them); false for any other.
    static bool simple_words(const std::string& phrase, std::vector<std::string>& words);

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
        // The loader's compiled regex, or compiled here on first use (a
        // rubric from the cache has none): most patterns match in few answers.
        mutable std::shared_ptr<const boost::regex> re;
        std::unique_ptr<std::once_flag> compile_once = std::make_unique<std::once_flag>();
        mutable std::string compile_error;
        bool filtered = false;  // runs only where one of its literals was seen
        bool hyperscan = false; // runs only where Hyperscan saw it match
        const boost::regex* get() const;
    };
    const rubric::Rubric& rubric_;
    std::vector<Plain> plain_;
    WordIndex by_first_;       // exact first word
    WordIndex by_pair_;        // exact first two words
    WordIndex by_first_stem_;  // one-word stems
    // The first two bytes of every one-word stem (of two bytes or more): most
    // tokens start with none of them and skip the stem lookups.
    static std::size_t head(const std::string& w) {
        return static_cast<std::size_t>(static_cast<unsigned char>(w[0])) << 8 | static_cast<unsigned char>(w[1]);
    }
    std::vector<bool> stem_heads_ = std::vector<bool>(1 << 16, false);
    bool short_stems_ = false;  // a one-letter stem: the lookups always run
    std::vector<std::size_t> stem_lengths_;
    std::vector<Regex> regex_;
    LiteralScanner literals_;
    std::vector<std::vector<std::uint32_t>> literal_regexes_;  // literal id -> regexes needing it
    std::unique_ptr<HyperscanSet> hs_;
};

}  // namespace sg::match
