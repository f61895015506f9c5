#include "match/matcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "util/strings.hpp"

namespace sg::match {

const std::vector<Match>& MatchList::of(rubric::SetId set) const {
    static const std::vector<Match> none;
    if (set < 0 || static_cast<std::size_t>(set) >= by_set_.size()) return none;
    return by_set_[static_cast<std::size_t>(set)];
}

bool Matcher::simple_words(const std::string& p, std::vector<std::string>& words) {
    words.clear();
    std::size_t start = 0;
    for (std::size_t i = 0; i <= p.size(); ++i) {
        if (i == p.size() || p[i] == ' ') {
            if (i == start) return false;  // empty, or two spaces, or one at an end
            words.emplace_back(p, start, i - start);
            start = i + 1;
        } else if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9'))) {
            return false;
        }
    }
    return true;
}

const boost::regex* Matcher::Regex::get() const {
    std::call_once(*compile_once, [this] {
        if (re) return;
        try {
            re = std::make_shared<const boost::regex>(source, boost::regex::perl | boost::regex::icase);
        } catch (const std::exception& e) {
            compile_error = e.what();
        }
    });
    return re.get();
}

std::vector<std::string> Matcher::phrase_words(const std::string& phrase, bool& stem) {
    std::string p(util::trim(phrase));
    stem = !p.empty() && p.back() == '*';
    if (stem) p.pop_back();
    std::vector<std::string> words;
    if (simple_words(p, words)) return words;
    words.clear();
    text::Document d(p, 0);
    for (const auto& t : d.tokens()) words.push_back(t.norm);
    return words;
}

Matcher::Matcher(const rubric::Rubric& rubric, Filter filter, const std::string& cache_dir) : rubric_(rubric) {
    std::set<std::size_t> lengths;
    for (std::size_t s = 0; s < rubric.sets.size(); ++s) {
        const auto& set = rubric.sets[s];
        for (std::size_t i = 0; i < set.phrases.size(); ++i) {
            const auto& ph = set.phrases[i];
            if (ph.regex) {
                Regex rx;
                rx.set = static_cast<rubric::SetId>(s);
                rx.phrase = static_cast<std::uint32_t>(i);
                rx.source = ph.text;
                rx.re = ph.compiled;
                regex_.push_back(std::move(rx));
                continue;
            }
            Plain p{static_cast<rubric::SetId>(s), static_cast<std::uint32_t>(i), {}, false};
            p.words = phrase_words(ph.text, p.stem);
            if (p.words.empty()) continue;
            auto idx = static_cast<std::uint32_t>(plain_.size());
            if (p.stem && p.words.size() == 1) {
                by_first_stem_.add(p.words[0], idx);
                lengths.insert(p.words[0].size());
                if (p.words[0].size() < 2) short_stems_ = true;
                else stem_heads_[head(p.words[0])] = true;
            } else if (p.words.size() > 2 || (p.words.size() == 2 && !p.stem)) {
                // The second word is exact too: index by both, so that a
                // common first word ("i", "the") does not try every phrase.
                by_pair_.add(p.words[0] + ' ' + p.words[1], idx);
            } else {
                by_first_.add(p.words[0], idx);
            }
            plain_.push_back(std::move(p));
        }
    }
    stem_lengths_.assign(lengths.begin(), lengths.end());
    by_first_.freeze();
    by_pair_.freeze();
    by_first_stem_.freeze();

    if (filter == Filter::Hyperscan && !regex_.empty()) {
        std::vector<std::string> sources;
        for (const auto& rx : regex_) sources.push_back(rx.source);
        hs_ = std::make_unique<HyperscanSet>(sources, cache_dir);
        for (std::uint32_t r = 0; r < regex_.size(); ++r) regex_[r].hyperscan = hs_->covers(r);
    }
    if (filter != Filter::None) {
        std::vector<std::string> lits;
        for (std::uint32_t r = 0; r < regex_.size(); ++r) {
            if (regex_[r].hyperscan || !required_literals(regex_[r].source, lits)) continue;
            regex_[r].filtered = true;
            for (const auto& l : lits) {
                auto id = literals_.add(l);
                if (id >= literal_regexes_.size()) literal_regexes_.resize(id + 1);
                literal_regexes_[id].push_back(r);
            }
        }
        literals_.build();
    }
}

namespace {

bool word_equals(const std::string& token, const std::string& word) {
    if (token == word) return true;
    // possessive: "kafka's" is "kafka"
    return token.size() == word.size() + 2 && token.compare(0, word.size(), word) == 0 &&
           token.compare(word.size(), 2, "'s") == 0;
}

bool word_prefix(const std::string& token, const std::string& stem) {
    return token.size() >= stem.size() && token.compare(0, stem.size(), stem) == 0;
}

}  // namespace

MatchList Matcher::scan(const text::Document& doc) const {
    MatchList out(rubric_.sets.size());
    const auto& toks = doc.tokens();
    const auto& sens = doc.sentences();

    auto add = [&](rubric::SetId set, std::uint32_t phrase, std::uint32_t tb, std::uint32_t te) {
        Match m;
        m.set = set;
        m.phrase = phrase;
        m.first_token = tb;
        m.end_token = te;
        m.begin = toks[tb].begin;
        m.end = toks[te - 1].end;
        m.sentence = toks[tb].sentence;
        m.header = sens[m.sentence].header;
        out.mutable_of(set).push_back(m);
    };

    auto try_plain = [&](std::uint32_t idx, std::uint32_t ti) {
        const Plain& p = plain_[idx];
        std::uint32_t sentence = toks[ti].sentence;
        std::size_t n = p.words.size();
        if (ti + n > toks.size()) return;
        for (std::size_t k = 0; k < n; ++k) {
            const auto& t = toks[ti + k];
            if (t.sentence != sentence) return;
            bool last = k + 1 == n;
            if (last && p.stem ? !word_prefix(t.norm, p.words[k]) : !word_equals(t.norm, p.words[k])) return;
        }
        add(p.set, p.phrase, ti, static_cast<std::uint32_t>(ti + n));
    };

    // Each token is hashed once; the hash extends to its stems (prefixes)
    // and to the pair with the next word, so no key is built per token.
    using WI = WordIndex;
    auto possessive = [](std::string_view w) { return w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0; };
    auto each = [&](std::pair<const std::uint32_t*, const std::uint32_t*> r, std::uint32_t ti) {
        for (const auto* v = r.first; v != r.second; ++v) try_plain(*v, ti);
    };
    for (std::uint32_t ti = 0; ti < toks.size(); ++ti) {
        const std::string_view w = toks[ti].norm;
        const bool w_pos = possessive(w);
        const std::string_view w_bare = w_pos ? w.substr(0, w.size() - 2) : w;
        const WI::Hash h_bare = WI::hash(w_bare);
        const WI::Hash h_word = w_pos ? WI::extend(h_bare, w.substr(w.size() - 2)) : h_bare;
        each(by_first_.find(h_word, w), ti);
        if (w_pos) each(by_first_.find(h_bare, w_bare), ti);
        if (!by_pair_.empty() && ti + 1 < toks.size() && toks[ti + 1].sentence == toks[ti].sentence) {
            // Each word as written, and without a possessive "'s" (which
            // try_plain accepts for any word of a phrase).
            const std::string_view v = toks[ti + 1].norm;
            const bool v_pos = possessive(v);
            for (int a = 0; a < (w_pos ? 2 : 1); ++a) {
                const std::string_view left = a ? w_bare : w;
                const WI::Hash h_left = WI::step(a ? h_bare : h_word, ' ');
                for (int b = 0; b < (v_pos ? 2 : 1); ++b) {
                    const std::string_view right = b ? v.substr(0, v.size() - 2) : v;
                    each(by_pair_.find(WI::extend(h_left, right), left, right, true), ti);
                }
            }
        }
        if (stem_lengths_.empty() || (!short_stems_ && (w.size() < 2 || !stem_heads_[head(toks[ti].norm)]))) continue;
        WI::Hash h = WI::kSeed;
        std::size_t done = 0;
        for (std::size_t len : stem_lengths_) {
            if (len > w.size()) break;
            for (; done < len; ++done) h = WI::step(h, static_cast<unsigned char>(w[done]));
            each(by_first_stem_.find(h, w.substr(0, len)), ti);
        }
    }

    const std::string& text = doc.text();
    // The sentences where each prefiltered regex may match: those holding one
    // of its literals. Hits come in order of their end, and sentences are
    // disjoint and ordered, so one cursor finds the sentence of each.
    std::vector<std::vector<std::uint32_t>> candidates(regex_.size());
    if (!literals_.empty() && !sens.empty()) {
        std::vector<std::uint32_t> last(regex_.size(), 0xffffffffu);
        std::size_t cur = 0;
        literals_.scan(text, [&](std::uint32_t id, std::size_t b, std::size_t e) {
            while (cur < sens.size() && sens[cur].end < e) ++cur;
            if (cur == sens.size() || sens[cur].begin > b) return;
            auto si = static_cast<std::uint32_t>(cur);
            for (auto r : literal_regexes_[id])
                if (last[r] != si) {
                    candidates[r].push_back(si);
                    last[r] = si;
                }
        });
    }
    if (hs_ && hs_->available() && !sens.empty()) {
        std::vector<HyperscanSet::Span> spans;
        spans.reserve(sens.size());
        for (std::uint32_t i = 0; i < sens.size(); ++i) spans.push_back({sens[i].begin, sens[i].end, i});
        hs_->scan(text, spans, candidates);
    }
    std::vector<std::uint32_t> every;
    for (std::uint32_t r = 0; r < regex_.size(); ++r) {
        const Regex& rx = regex_[r];
        const std::vector<std::uint32_t>* where = &candidates[r];
        if (!rx.filtered && !rx.hyperscan) {
            if (every.empty())
                for (std::uint32_t i = 0; i < sens.size(); ++i) every.push_back(i);
            where = &every;
        }
        std::size_t gave_up = 0;
        std::string first_error;
        std::uint32_t first_offset = 0;
        const boost::regex* re = where->empty() ? nullptr : rx.get();
        if (!where->empty() && !re) {
            out.errors.push_back(MatchList::Error{
                fmt::format("pattern '{}' of '{}' is not a valid regular expression: {}", rx.source,
                            rubric_.sets[static_cast<std::size_t>(rx.set)].name, rx.compile_error),
                sens[where->front()].begin});
            continue;
        }
        for (std::uint32_t si : *where) {
            const auto& sen = sens[si];
            auto b = text.begin() + sen.begin;
            auto e = text.begin() + sen.end;
            try {
                boost::match_flag_type flags = boost::match_default;
                if (sen.begin > 0) flags |= boost::match_prev_avail;
                boost::sregex_iterator mi(b, e, *re, flags), end;
                for (; mi != end; ++mi) {
                    const auto& m = *mi;
                    if (m.length(0) == 0) continue;
                    auto mb = static_cast<std::size_t>(m[0].first - text.begin());
                    auto me = static_cast<std::size_t>(m[0].second - text.begin());
                    std::size_t tb = doc.token_at(mb);
                    std::size_t te = doc.token_at(me > 0 ? me - 1 : me);
                    if (tb >= toks.size()) continue;
                    if (te < toks.size() && toks[te].begin < me) ++te;  // exclusive end
                    if (te <= tb) te = tb + 1;
                    Match mm;
                    mm.set = rx.set;
                    mm.phrase = rx.phrase;
                    mm.begin = static_cast<std::uint32_t>(mb);
                    mm.end = static_cast<std::uint32_t>(me);
                    mm.first_token = static_cast<std::uint32_t>(tb);
                    mm.end_token = static_cast<std::uint32_t>(te);
                    mm.sentence = si;
                    mm.header = sen.header;
                    out.mutable_of(rx.set).push_back(mm);
                }
            } catch (const std::exception& ex) {
                // Given up on this sentence only (Boost.Regex's complexity or
                // stack limit): the pattern is still tried on the others.
                if (gave_up++ == 0) {
                    first_error = ex.what();
                    first_offset = sen.begin;
                }
            }
        }
        if (gave_up > 0)
            out.errors.push_back(MatchList::Error{
                fmt::format("pattern '{}' of '{}' gave up on {} sentence{} (first here): {}", rx.source,
                            rubric_.sets[static_cast<std::size_t>(rx.set)].name, gave_up, gave_up == 1 ? "" : "s",
                            first_error),
                first_offset});
    }

    // Keep the longest of overlapping matches in a set (the earlier one on a tie),
    // then order by place.
    for (std::size_t s = 0; s < rubric_.sets.size(); ++s) {
        auto& v = out.mutable_of(static_cast<rubric::SetId>(s));
        if (v.size() < 2) continue;
        std::sort(v.begin(), v.end(), [](const Match& a, const Match& b) {
            auto la = a.end - a.begin, lb = b.end - b.begin;
            if (la != lb) return la > lb;
            return a.begin != b.begin ? a.begin < b.begin : a.phrase < b.phrase;
        });
        // Kept matches are disjoint, so only the last one starting before a
        // candidate's end can overlap it: O(n log n) however many there are.
        std::vector<Match> kept;
        std::map<std::uint32_t, std::uint32_t> taken;  // begin -> end of kept matches
        for (const auto& m : v) {
            auto next = taken.lower_bound(m.end);
            if (next != taken.begin() && std::prev(next)->second > m.begin) continue;
            taken.emplace(m.begin, m.end);
            kept.push_back(m);
        }
        std::sort(kept.begin(), kept.end(), [](const Match& a, const Match& b) { return a.begin < b.begin; });
        v.swap(kept);
    }

    // Negation: a negation cue shortly before a match, in the same clause.
    const int window = rubric_.checks.negation_window;
    std::vector<const Match*> negs;
    for (auto set : rubric_.checks.negation)
        for (const auto& m : out.of(set)) negs.push_back(&m);
    if (!negs.empty() && window > 0) {
        std::sort(negs.begin(), negs.end(), [](const Match* a, const Match* b) { return a->end_token < b->end_token; });
        std::set<rubric::SetId> negation_sets(rubric_.checks.negation.begin(), rubric_.checks.negation.end());
        for (std::size_t s = 0; s < rubric_.sets.size(); ++s) {
            if (negation_sets.count(static_cast<rubric::SetId>(s))) continue;
            for (auto& m : out.mutable_of(static_cast<rubric::SetId>(s))) {
                // Cues ending at most `window` tokens before the match (and not after its start).
                std::uint32_t from = m.first_token >= static_cast<std::uint32_t>(window)
                                         ? m.first_token - static_cast<std::uint32_t>(window) + 1
                                         : 0;
                auto n_it = std::lower_bound(negs.begin(), negs.end(), from,
                                             [](const Match* n, std::uint32_t t) { return n->end_token < t; });
                for (; n_it != negs.end(); ++n_it) {
                    const Match* n = *n_it;
                    if (n->end_token > m.first_token) break;
                    if (n->sentence != m.sentence) continue;
                    if (toks[n->end_token - 1].clause != toks[m.first_token].clause) continue;
                    m.negated = true;
                    break;
                }
            }
        }
    }
    return out;
}

}  // namespace sg::match
