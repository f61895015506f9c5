#pragma once
// Hyperscan as the prefilter of the rubric's regular expressions.
//
// All the patterns Hyperscan can read are compiled into one database; one
// scan of a sentence tells which of them match somewhere in it, and only
// those are then run with Boost.Regex (the rubric's dialect), which finds the
// exact places. Hyperscan is asked the same question over the same bytes,
// case-insensitively, with `.` matching newlines and `^` after one, so each
// pattern it matches exactly reports every sentence Boost.Regex would match;
// a pattern it can only approximate (lookarounds) is compiled in its
// prefilter mode, which reports a superset. A pattern whose syntax means
// something else in Boost.Regex than in PCRE (\< \> \` \' \l \u \B, ^, $)
// is left out, and the matcher falls back to its literal prefilter for it.
//
// Compiling the default rubric takes about 1.5 s, so the database is saved
// under the cache directory (util::cache_dir()), keyed by the Hyperscan version
// and the exact list of patterns, and loaded from there on later runs.
// Without Hyperscan (a build without libhs, or STARGRADE_HYPERSCAN=0 in the
// environment) available() is false and every pattern takes the fallback.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sg::match {

class HyperscanSet {
public:
    HyperscanSet(const std::vector<std::string>& patterns, const std::string& cache_dir);
    ~HyperscanSet();
    HyperscanSet(const HyperscanSet&) = delete;
    HyperscanSet& operator=(const HyperscanSet&) = delete;

    bool available() const;
    // Whether pattern i is in the database (else the caller must filter it).
    bool covers(std::uint32_t i) const { return i < covered_.size() && covered_[i]; }
    // Appends `sentence` to candidates[i] for each covered pattern i that may
    // match inside text[begin, end). Safe to call from several threads.
    struct Span {
        std::uint32_t begin, end, sentence;
    };
    void scan(std::string_view text, const std::vector<Span>& spans,
              std::vector<std::vector<std::uint32_t>>& candidates) const;
    // How the database came about: "compiled in N ms", "loaded from FILE",
    // or why Hyperscan is not used; for --verbose and the benchmark notes.
    const std::string& status() const { return status_; }

    // Whether Boost.Regex and Hyperscan read `pattern` the same way (see above).
    static bool same_syntax(std::string_view pattern);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<bool> covered_;
    std::string status_;
};

}  // namespace sg::match
