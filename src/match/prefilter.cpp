#include "match/prefilter.hpp"

#include <algorithm>
#include <deque>

namespace sg::match {

namespace {

// What is known of the strings a part of a pattern matches.
//
// exact:   the part matches exactly one of these strings (a small set), or
// required: every match of the part contains one of these strings; an empty
//           `required` with !exact means nothing is known ("anything").
struct Info {
    bool exact = false;
    std::vector<std::string> strings;

    static Info anything() { return Info{}; }
    static Info empty_string() { return Info{true, {std::string()}}; }
    static Info one(char c) { return Info{true, {std::string(1, c)}}; }
    bool is_anything() const { return !exact && strings.empty(); }
};

constexpr std::size_t kMaxExact = 32;      // strings in an exact set
constexpr std::size_t kMaxRequired = 512;  // strings in a required set
constexpr std::size_t kMaxLength = 128;    // bytes of one string

void unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The strings one of which every match contains, or none ("anything").
std::vector<std::string> as_required(const Info& i) {
    for (const auto& s : i.strings)
        if (s.empty()) return {};
    return i.strings;
}

// How selective a required set is: its shortest string's length, then fewer strings.
bool better(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (b.empty()) return !a.empty();
    if (a.empty()) return false;
    auto shortest = [](const std::vector<std::string>& v) {
        std::size_t m = v[0].size();
        for (const auto& s : v) m = std::min(m, s.size());
        return m;
    };
    std::size_t la = shortest(a), lb = shortest(b);
    if (la != lb) return la > lb;
    return a.size() < b.size();
}

// Two exact parts one after the other: exact while the product is small,
// else inexact (the caller then starts a new run).
Info concat(const Info& a, const Info& b) {
    if (a.strings.size() * b.strings.size() > kMaxExact) return Info{false, {}};
    Info r{true, {}};
    for (const auto& x : a.strings)
        for (const auto& y : b.strings) {
            if (x.size() + y.size() > kMaxLength) return Info{false, {}};
            r.strings.push_back(x + y);
        }
    unique(r.strings);
    return r;
}

Info alternate(const std::vector<Info>& branches) {
    std::size_t total = 0;
    bool exact = true;
    for (const auto& b : branches) {
        exact = exact && b.exact;
        total += b.strings.size();
    }
    if (exact && total <= kMaxExact) {
        Info r{true, {}};
        for (const auto& b : branches) r.strings.insert(r.strings.end(), b.strings.begin(), b.strings.end());
        unique(r.strings);
        return r;
    }
    std::vector<std::string> all;
    for (const auto& b : branches) {
        auto req = as_required(b);
        if (req.empty()) return Info::anything();  // a branch that needs nothing
        all.insert(all.end(), req.begin(), req.end());
    }
    if (all.size() > kMaxRequired) return Info::anything();
    unique(all);
    return Info{false, all};
}

Info repeat(const Info& a, unsigned min, unsigned max) {
    if (min == 0) {
        if (a.exact && max == 1 && a.strings.size() < kMaxExact) {
            Info r = a;
            r.strings.emplace_back();
            unique(r.strings);
            return r;
        }
        return Info::anything();
    }
    if (max == 1) return a;
    return Info{false, as_required(a)};
}

// A recursive-descent reading of the perl syntax Boost.Regex takes. Anything
// it does not know sets `failed`, and the pattern then gets no prefilter.
class Parser {
public:
    explicit Parser(std::string_view p) : p_(p) {}

    bool parse(Info& out) {
        out = alternation();
        return !failed_ && i_ == p_.size();
    }

private:
    bool at_end() const { return i_ >= p_.size(); }
    char peek(std::size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0'; }

    Info alternation() {
        std::vector<Info> branches{sequence()};
        while (!failed_ && peek() == '|') {
            ++i_;
            branches.push_back(sequence());
        }
        return alternate(branches);
    }

    // A run of exact parts is multiplied out ("prioriti" [sz] "e" gives two
    // strings) while the product stays small; the result is exact if the
    // whole sequence is, else the most selective required set of its runs
    // and inexact parts.
    Info sequence() {
        std::vector<Info> parts;
        while (!failed_ && !at_end() && peek() != '|' && peek() != ')') parts.push_back(quantified());
        Info run = Info::empty_string();
        std::vector<std::string> best;
        bool all_exact = true;
        for (const auto& part : parts) {
            if (part.exact && run.exact && run.strings.size() == 1 && part.strings.size() == 1 &&
                run.strings[0].size() + part.strings[0].size() <= kMaxLength) {
                run.strings[0] += part.strings[0];  // the common case: one literal character after another
                continue;
            }
            if (part.exact) {
                Info joined = concat(run, part);
                if (joined.exact) {
                    run = std::move(joined);
                    continue;
                }
                // Too many strings: close this run and start another at this part.
                all_exact = false;
                auto req = as_required(run);
                if (better(req, best)) best = std::move(req);
                run = part;
                continue;
            }
            all_exact = false;
            auto req = as_required(run);
            if (better(req, best)) best = std::move(req);
            if (better(part.strings, best)) best = part.strings;
            run = Info::empty_string();
        }
        if (all_exact) return run;
        auto req = as_required(run);
        if (better(req, best)) best = std::move(req);
        return Info{false, best};
    }

    Info quantified() {
        Info a = atom();
        while (!failed_ && !at_end()) {
            unsigned min = 0, max = 0;  // max 0: unbounded
            char c = peek();
            if (c == '?') {
                min = 0, max = 1, ++i_;
            } else if (c == '*') {
                min = 0, max = 0, ++i_;
            } else if (c == '+') {
                min = 1, max = 0, ++i_;
            } else if (c == '{') {
                if (!braces(min, max)) {
                    failed_ = true;
                    return a;
                }
            } else {
                break;
            }
            if (peek() == '?' || peek() == '+') ++i_;  // lazy or possessive
            a = repeat(a, min, max);
        }
        return a;
    }

    // {n}, {n,}, {n,m}
    bool braces(unsigned& min, unsigned& max) {
        std::size_t j = i_ + 1;
        auto number = [&](unsigned& v) {
            std::size_t start = j;
            v = 0;
            while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9' && j - start < 6) v = v * 10 + (p_[j++] - '0');
            return j > start;
        };
        if (!number(min)) return false;
        if (j < p_.size() && p_[j] == '}') {
            max = min;
        } else if (j < p_.size() && p_[j] == ',') {
            ++j;
            if (j < p_.size() && p_[j] == '}') {
                max = 0;
            } else if (!number(max) || max < min) {
                return false;
            }
            if (j >= p_.size() || p_[j] != '}') return false;
        } else {
            return false;
        }
        i_ = j + 1;
        return true;
    }

    static char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

    Info literal(char c) {
        // Bytes past ASCII may fold differently under a locale: known as "some byte" only.
        if (static_cast<unsigned char>(c) >= 0x80) return Info::anything();
        return Info::one(lower(c));
    }

    Info atom() {
        char c = p_[i_++];
        switch (c) {
            case '.':
                return Info::anything();
            case '^':
            case '$':
                return Info::empty_string();
            case '[':
                return bracket();
            case '(':
                return group();
            case '\\':
                return escape();
            case '*':
            case '+':
            case '?':
            case '{':
            case ')':
                failed_ = true;
                return Info::anything();
            default:
                return literal(c);
        }
    }

    Info escape() {
        if (at_end()) {
            failed_ = true;
            return Info::anything();
        }
        char c = p_[i_++];
        switch (c) {
            case 'b':
            case 'B':
            case 'A':
            case 'z':
            case 'Z':
            case 'G':
            case '<':
            case '>':
            case '`':
            case '\'':
                return Info::empty_string();
            case 'd':
            case 'D':
            case 'w':
            case 'W':
            case 's':
            case 'S':
            case 'h':
            case 'H':
            case 'v':
            case 'V':
            case 'n':
            case 't':
            case 'r':
            case 'f':
            case 'e':
            case 'a':
            case 'l':
            case 'u':
                return Info::anything();
            default:
                break;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            failed_ = true;  // \x.., \Q, \p{..}, back-references, ...: not analysed
            return Info::anything();
        }
        return literal(c);
    }

    // [...]: a few plain characters are an exact set; anything else is "some character".
    Info bracket() {
        bool negated = false;
        if (peek() == '^') negated = true, ++i_;
        std::vector<std::string> chars;
        bool plain = !negated;
        bool first = true;
        while (true) {
            if (at_end()) {
                failed_ = true;
                return Info::anything();
            }
            char c = p_[i_];
            if (c == ']' && !first) {
                ++i_;
                break;
            }
            first = false;
            if (c == '[' && (peek(1) == ':' || peek(1) == '.' || peek(1) == '=')) {
                char kind = peek(1);
                auto close = p_.find(std::string{kind, ']'}, i_ + 2);
                if (close == std::string_view::npos) {
                    failed_ = true;
                    return Info::anything();
                }
                i_ = close + 2;
                plain = false;
                continue;
            }
            char ch = c;
            ++i_;
            if (c == '\\') {
                if (at_end()) {
                    failed_ = true;
                    return Info::anything();
                }
                ch = p_[i_++];
                if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
                    plain = false;  // \d, \w, \x41, ... inside a class
                    continue;
                }
            }
            if (peek() == '-' && peek(1) != ']' && peek(1) != '\0') {
                ++i_;
                char hi = p_[i_++];
                if (hi == '\\' || hi == '[') {
                    failed_ = true;
                    return Info::anything();
                }
                if (static_cast<unsigned char>(hi) < static_cast<unsigned char>(ch)) {
                    failed_ = true;
                    return Info::anything();
                }
                if (hi - ch > 8) {
                    plain = false;
                    continue;
                }
                for (int x = static_cast<unsigned char>(ch); x <= static_cast<unsigned char>(hi); ++x) {
                    if (x >= 0x80) plain = false;
                    chars.emplace_back(1, lower(static_cast<char>(x)));
                }
                continue;
            }
            if (static_cast<unsigned char>(ch) >= 0x80) plain = false;
            chars.emplace_back(1, lower(ch));
        }
        unique(chars);
        if (!plain || chars.empty() || chars.size() > 10) return Info::anything();
        return Info{true, chars};
    }

    Info group() {
        bool zero_width = false;
        if (peek() == '?') {
            ++i_;
            char c = peek();
            if (c == ':' || c == '>' || c == '|') {
                ++i_;
            } else if (c == '=' || c == '!') {
                ++i_;
                zero_width = true;
            } else if (c == '<' && (peek(1) == '=' || peek(1) == '!')) {
                i_ += 2;
                zero_width = true;
            } else if (c == '#') {
                auto close = p_.find(')', i_);
                if (close == std::string_view::npos) {
                    failed_ = true;
                    return Info::anything();
                }
                i_ = close + 1;
                return Info::empty_string();
            } else if (c == '<' || c == 'P' || c == '\'') {
                // named group: (?<name>..), (?P<name>..), (?'name'..)
                if (c == 'P') ++i_;
                char close = peek() == '\'' ? '\'' : '>';
                auto end = p_.find(close, i_ + 1);
                if (end == std::string_view::npos) {
                    failed_ = true;
                    return Info::anything();
                }
                i_ = end + 1;
            } else {
                // inline flags: (?i) (?-i) (?i-s:...)
                std::size_t j = i_;
                while (j < p_.size() && (p_[j] == '-' || (p_[j] >= 'a' && p_[j] <= 'z'))) {
                    if (p_[j] == 'x') {
                        failed_ = true;  // free spacing changes how the rest reads
                        return Info::anything();
                    }
                    ++j;
                }
                if (j >= p_.size() || j == i_ || (p_[j] != ')' && p_[j] != ':')) {
                    failed_ = true;
                    return Info::anything();
                }
                for (std::size_t k = i_; k < j; ++k)
                    if (p_[k] != 'i' && p_[k] != '-' && p_[k] != 's' && p_[k] != 'm') {
                        failed_ = true;
                        return Info::anything();
                    }
                i_ = j + 1;
                if (p_[j] == ')') return Info::empty_string();
            }
        }
        Info inner = alternation();
        if (failed_ || peek() != ')') {
            failed_ = true;
            return Info::anything();
        }
        ++i_;
        return zero_width ? Info::empty_string() : inner;
    }

    std::string_view p_;
    std::size_t i_ = 0;
    bool failed_ = false;
};

}  // namespace

bool required_literals(std::string_view pattern, std::vector<std::string>& out) {
    out.clear();
    Info info;
    Parser parser(pattern);
    if (!parser.parse(info)) return false;
    std::vector<std::string> req = as_required(info);
    unique(req);
    // A string holding another of the set adds nothing: "apis" contains "api".
    // (Large sets, alternations of many words, are kept as they are.)
    if (req.size() > 64) {
        out = std::move(req);
        return true;
    }
    for (const auto& s : req) {
        bool redundant = false;
        for (const auto& t : req)
            if (&t != &s && t.size() < s.size() && s.find(t) != std::string::npos) {
                redundant = true;
                break;
            }
        if (!redundant) out.push_back(s);
    }
    return !out.empty();
}

std::uint32_t LiteralScanner::add(const std::string& literal) {
    auto found = ids_.find(literal);
    if (found != ids_.end()) return found->second;
    auto id = static_cast<std::uint32_t>(literals_.size());
    literals_.push_back(literal);
    ids_.emplace(literal, id);
    return id;
}

void LiteralScanner::build() {
    // Byte classes: one per byte that occurs in a literal, 0 for all others.
    std::fill(class_of_.begin(), class_of_.end(), 0);
    classes_ = 1;
    for (const auto& l : literals_)
        for (unsigned char c : l)
            if (class_of_[c] == 0) class_of_[c] = static_cast<unsigned char>(classes_++);
    for (int c = 'A'; c <= 'Z'; ++c) class_of_[static_cast<std::size_t>(c)] = class_of_[static_cast<std::size_t>(c - 'A' + 'a')];

    // The trie.
    std::vector<std::vector<std::uint32_t>> own(1);
    next_.assign(classes_, 0);
    constexpr std::uint32_t kNone = 0xffffffffu;
    std::fill(next_.begin(), next_.end(), kNone);
    for (std::uint32_t id = 0; id < literals_.size(); ++id) {
        std::uint32_t s = 0;
        for (unsigned char c : literals_[id]) {
            auto& t = next_[s * classes_ + class_of_[c]];
            if (t == kNone) {
                t = static_cast<std::uint32_t>(own.size());
                own.emplace_back();
                next_.resize(next_.size() + classes_, kNone);
            }
            s = next_[s * classes_ + class_of_[c]];
        }
        own[s].push_back(id);
    }
    std::size_t states = own.size();

    // Failure links, breadth first, turning the trie into a DFA; each state's
    // outputs are its own literals and those of its failure state.
    std::vector<std::uint32_t> fail(states, 0);
    std::vector<std::vector<std::uint32_t>> outs(states);
    std::deque<std::uint32_t> queue;
    for (std::uint32_t c = 0; c < classes_; ++c) {
        auto& t = next_[c];
        if (t == kNone) {
            t = 0;
        } else {
            fail[t] = 0;
            queue.push_back(t);
        }
    }
    outs[0] = own[0];
    while (!queue.empty()) {
        std::uint32_t s = queue.front();
        queue.pop_front();
        outs[s] = own[s];
        outs[s].insert(outs[s].end(), outs[fail[s]].begin(), outs[fail[s]].end());
        for (std::uint32_t c = 0; c < classes_; ++c) {
            auto& t = next_[s * classes_ + c];
            if (t == kNone) {
                t = next_[fail[s] * classes_ + c];
            } else {
                fail[t] = next_[fail[s] * classes_ + c];
                queue.push_back(t);
            }
        }
    }
    out_begin_.assign(states + 1, 0);
    out_.clear();
    for (std::size_t s = 0; s < states; ++s) {
        out_begin_[s] = static_cast<std::uint32_t>(out_.size());
        out_.insert(out_.end(), outs[s].begin(), outs[s].end());
    }
    out_begin_[states] = static_cast<std::uint32_t>(out_.size());
}

}  // namespace sg::match
