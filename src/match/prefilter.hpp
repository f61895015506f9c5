#pragma once
// A literal prefilter for the rubric's regular expressions.
//
// For each pattern, required_literals() works out a set of literal strings of
// which every match must contain at least one (lower-cased ASCII; a pattern's
// own case sensitivity is ignored, which can only add candidates). One
// Aho-Corasick pass over a document then finds every place one of those
// literals occurs, and Boost.Regex runs only on the sentences where a literal
// of its pattern was seen. A pattern the analysis does not understand, or
// one that can match without any literal, gets no prefilter and runs on
// every sentence, so the prefilter never changes what matches.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sg::match {

// Fills `out` with literals one of which every match of `pattern` (Boost.Regex
// perl syntax, case-insensitive) contains, and returns true; false when no
// such set is known (the pattern must then be tried everywhere).
bool required_literals(std::string_view pattern, std::vector<std::string>& out);

// Aho-Corasick automaton over lower-case ASCII literals; input bytes A-Z are
// folded to a-z while scanning, every other byte is compared as it is.
class LiteralScanner {
public:
    // Adds a literal (lower-case ASCII, not empty) and returns its id (0, 1,
    // ...). Adding the same literal twice returns the first id.
    std::uint32_t add(const std::string& literal);
    void build();
    bool empty() const { return literals_.empty(); }
    std::size_t size() const { return literals_.size(); }
    const std::string& literal(std::uint32_t id) const { return literals_[id]; }

    // Calls hit(id, begin, end) for every occurrence of every literal in
    // `text`, in order of end offset.
    template <class Hit>
    void scan(std::string_view text, Hit&& hit) const {
        std::uint32_t state = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            auto c = static_cast<unsigned char>(text[i]);
            state = next_[state * classes_ + class_of_[c]];
            for (std::uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
                std::uint32_t id = out_[k];
                hit(id, i + 1 - literals_[id].size(), i + 1);
            }
        }
    }

private:
    std::vector<std::string> literals_;
    std::unordered_map<std::string, std::uint32_t> ids_;
    std::vector<unsigned char> class_of_ = std::vector<unsigned char>(256, 0);
    std::uint32_t classes_ = 1;
    std::vector<std::uint32_t> next_;       // state * classes_ + class -> state
    std::vector<std::uint32_t> out_begin_;  // per state, into out_ (size: states + 1)
    std::vector<std::uint32_t> out_;        // literal ids ending at each state
};

}  // namespace sg::match
