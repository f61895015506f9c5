#include "text/document.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace sg::text {

std::string normalise_newlines(std::string_view raw) {
    // Every leading BOM: a file saved twice by a BOM-writing editor, or
    // answers concatenated together, can start with more than one.
    while (raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\r') {
            out += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

bool is_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// A curly apostrophe (U+2019 or U+2018) at i?
bool curly_apostrophe(const std::string& s, std::size_t i) {
    return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
           static_cast<unsigned char>(s[i + 1]) == 0x80 &&
           (static_cast<unsigned char>(s[i + 2]) == 0x99 || static_cast<unsigned char>(s[i + 2]) == 0x98);
}

// Letters outside ASCII (accents, other scripts) count as word characters;
// punctuation, spaces and symbols from U+0080..U+00BF and U+2000..U+2FFF
// (curly quotes, dashes, no-break space, arrows) do not, whichever of their
// bytes is looked at.
bool is_word_byte(const std::string& s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (is_alnum(c)) return true;
    if (c < 0x80) return false;
    std::size_t lead = i;
    for (int k = 0; k < 3 && lead > 0 && (static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80; ++k) --lead;
    auto l = static_cast<unsigned char>(s[lead]);
    return l != 0xC2 && l != 0xE2;
}

// Words whose full stop does not end a sentence ("e.g. Kafka", "approx. 40%").
bool abbreviation(const std::string& norm) {
    static const char* const list[] = {"e.g", "i.e", "approx", "ca", "vs", "etc", "mr", "mrs", "ms", "dr",
                                       "u.s", "u.k", "incl", "esp", "cf", "st", "jr", "sr"};
    for (const char* a : list)
        if (norm == a) return true;
    return false;
}

std::size_t line_end(const std::string& s, std::size_t i) {
    auto e = s.find('\n', i);
    return e == std::string::npos ? s.size() : e;
}

bool blank(std::string_view line) { return util::trim(line).empty(); }

// Where a list item or heading marker ends (after "- ", "* ", "1. ", "## "), or npos.
std::size_t block_marker_end(std::string_view line, bool& heading) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    heading = false;
    if (i < line.size() && line[i] == '#') {
        while (i < line.size() && line[i] == '#') ++i;
        if (i < line.size() && line[i] == ' ') {
            heading = true;
            return i + 1;
        }
        return std::string_view::npos;
    }
    if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') && line[i + 1] == ' ')
        return i + 2;
    std::size_t j = i;
    while (j < line.size() && is_digit(static_cast<unsigned char>(line[j]))) ++j;
    if (j > i && j + 1 < line.size() && (line[j] == '.' || line[j] == ')') && line[j + 1] == ' ') return j + 2;
    return std::string_view::npos;
}

}  // namespace

Document::Document(std::string text, std::size_t body_begin) : text_(std::move(text)), body_begin_(body_begin) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
    if (body_begin_ > text_.size()) body_begin_ = text_.size();
    split();
    mark_header();
    body_words_ = 0;
    for (const auto& sen : sentences_)
        if (!sen.header) body_words_ += sen.words();
}

Position Document::position(std::size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
    std::size_t start = line_starts_[line - 1];
    std::size_t col = util::utf8_length(std::string_view(text_).substr(start, offset - start)) + 1;
    return Position{static_cast<int>(line), static_cast<int>(col)};
}

std::size_t Document::token_at(std::size_t offset) const {
    auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                               [](const Token& t, std::size_t off) { return t.end <= off; });
    return static_cast<std::size_t>(it - tokens_.begin());
}

void Document::split() {
    const std::string& s = text_;
    std::uint32_t clause = 0;
    Sentence cur;
    bool open = false;

    auto close = [&](std::size_t end) {
        if (!open) return;
        cur.end = static_cast<std::uint32_t>(end);
        cur.end_token = static_cast<std::uint32_t>(tokens_.size());
        if (cur.end_token > cur.first_token) sentences_.push_back(cur);
        open = false;
        ++clause;
    };
    auto begin = [&](std::size_t at, bool para, bool heading) {
        cur = Sentence{};
        cur.begin = static_cast<std::uint32_t>(at);
        cur.first_token = static_cast<std::uint32_t>(tokens_.size());
        cur.paragraph_start = para;
        cur.heading = heading;
        open = true;
    };

    bool new_paragraph = true;
    std::size_t i = body_begin_;
    while (i < s.size()) {
        std::size_t le = line_end(s, i);
        std::string_view line(s.data() + i, le - i);
        if (blank(line)) {
            close(i);
            new_paragraph = true;
            i = le + 1;
            continue;
        }
        bool heading = false;
        std::size_t marker = block_marker_end(line, heading);
        if (marker != std::string_view::npos || new_paragraph || (open && cur.heading)) {
            close(i);
            begin(i, true, heading);
        } else if (!open) {
            begin(i, false, false);
        }
        new_paragraph = false;
        std::size_t j = (marker == std::string_view::npos) ? i : i + marker;
        while (j < le) {
            auto c = static_cast<unsigned char>(s[j]);
            if (!open) {
                if (c == ' ' || c == '\t' || c == '*' || c == '_') {
                    ++j;
                    continue;
                }
                begin(j, false, false);
            }
            if (is_word_byte(s, j)) {
                Token t;
                t.begin = static_cast<std::uint32_t>(j);
                std::string norm;
                while (j < le) {
                    if (is_word_byte(s, j)) {
                        unsigned char b = static_cast<unsigned char>(s[j]);
                        if (is_digit(b)) t.has_digit = true;
                        norm += (b >= 'A' && b <= 'Z') ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b);
                        ++j;
                    } else if ((s[j] == '\'' || curly_apostrophe(s, j))) {
                        std::size_t w = s[j] == '\'' ? 1 : 3;
                        if (j + w < le && is_word_byte(s, j + w) && !is_digit(static_cast<unsigned char>(s[j + w]))) {
                            norm += '\'';
                            j += w;
                        } else {
                            break;
                        }
                    } else if ((s[j] == '.' || s[j] == ',') && j + 1 < le && t.has_digit &&
                               is_digit(static_cast<unsigned char>(s[j + 1])) && !norm.empty() &&
                               is_digit(static_cast<unsigned char>(norm.back()))) {
                        norm += s[j];  // 3.2, 1,200
                        ++j;
                    } else if (s[j] == '.' && j + 1 < le && is_alnum(static_cast<unsigned char>(s[j + 1])) &&
                               !t.has_digit && j + 2 < le && !std::isspace(static_cast<unsigned char>(s[j + 1]))) {
                        // node.js, e.g, re:Invent stays two tokens (':' is not joined)
                        norm += '.';
                        ++j;
                    } else {
                        break;
                    }
                }
                while (j < le && (s[j] == '+' || s[j] == '#') && !norm.empty()) {
                    norm += s[j];
                    ++j;
                }
                t.end = static_cast<std::uint32_t>(j);
                t.norm = std::move(norm);
                t.sentence = static_cast<std::uint32_t>(sentences_.size());
                t.clause = clause;
                if (t.norm == "but" || t.norm == "although" || t.norm == "however" || t.norm == "though") {
                    ++clause;
                    t.clause = clause;
                }
                tokens_.push_back(std::move(t));
                continue;
            }
            if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') ++clause;
            if (c == 0xE2 && j + 2 < le && static_cast<unsigned char>(s[j + 1]) == 0x80 &&
                (static_cast<unsigned char>(s[j + 2]) == 0x93 || static_cast<unsigned char>(s[j + 2]) == 0x94))
                ++clause;  // en and em dashes
            bool abbrev = c == '.' && !tokens_.empty() && tokens_.back().end == j &&
                          tokens_.back().sentence == sentences_.size() && abbreviation(tokens_.back().norm);
            if ((c == '.' || c == '!' || c == '?') && !cur.heading && !abbrev) {
                std::size_t k = j + 1;
                while (k < le && (s[k] == '.' || s[k] == '!' || s[k] == '?' || s[k] == '"' || s[k] == ')' ||
                                  s[k] == '*' || s[k] == '_'))
                    ++k;
                std::size_t m = k;
                while (m < le && (s[m] == ' ' || s[m] == '\t')) ++m;
                bool boundary = false;
                if (m >= le) {
                    boundary = k > j;  // end of line after punctuation
                } else if (m > k) {
                    auto n = static_cast<unsigned char>(s[m]);
                    boundary = is_upper(n) || is_digit(n) || n == '"' || n == '*' || n == '(' || n >= 0x80;
                }
                if (boundary) {
                    close(k);
                    j = m;
                    continue;
                }
            }
            ++j;
        }
        i = le + 1;
    }
    close(s.size());
}

void Document::mark_header() {
    if (sentences_.empty()) return;
    Sentence& first = sentences_.front();
    std::string_view line(text_.data() + first.begin, line_end(text_, first.begin) - first.begin);
    std::string lower = util::to_lower_ascii(util::trim(line));
    // Strip emphasis markers before looking at the prefix.
    std::size_t p = lower.find_first_not_of("*_> ");
    std::string_view l = p == std::string::npos ? std::string_view() : std::string_view(lower).substr(p);
    // "Q:", "Q3.", "Question:", "Question 2 -", "Interviewer:", "Prompt:" (a label, not a word).
    auto label = [&](std::string_view word) {
        if (!util::starts_with(l, word)) return false;
        std::size_t k = word.size();
        while (k < l.size() && (std::isdigit(static_cast<unsigned char>(l[k])) || l[k] == ' ')) ++k;
        return k < l.size() && (l[k] == ':' || l[k] == '.' || l[k] == '-' || l[k] == ')') &&
               (k > word.size() || l[k] == ':' || (word == "q" && l[k] != '-'));
    };
    bool labelled = label("q") || label("question") || label("interviewer") || label("prompt");
    bool question_like = first.heading || labelled;
    if (!question_like) {
        // A short first line ending in '?' or standing alone (a pasted prompt).
        std::string_view t = util::trim(line);
        while (!t.empty() && (t.back() == '*' || t.back() == '_')) t.remove_suffix(1);
        std::size_t words = 0;
        for (std::size_t k = first.first_token; k < tokens_.size() && tokens_[k].begin < first.begin + line.size(); ++k)
            ++words;
        bool own_line = line_end(text_, first.begin) + 1 < text_.size() &&
                        blank(std::string_view(text_.data() + line_end(text_, first.begin) + 1,
                                               line_end(text_, line_end(text_, first.begin) + 1) -
                                                   line_end(text_, first.begin) - 1));
        question_like = words <= 25 && (!t.empty() && t.back() == '?');
        // A short title-like line on its own ("why do i want to be a tpm"), but not
        // a labelled line ("Situation: ...") or one that ends like a sentence.
        if (!question_like && own_line && words <= 12 && sentences_.size() > 2 && !t.empty() && t.back() != '.' &&
            t.find(':') == std::string_view::npos)
            question_like = true;
    }
    if (!question_like) return;
    // The header is every sentence on that first line.
    std::size_t le = line_end(text_, first.begin);
    for (auto& sen : sentences_) {
        if (sen.begin >= le) break;
        sen.header = true;
    }
    has_header_ = true;
}

std::string Document::header_text() const {
    std::string out;
    for (const auto& sen : sentences_) {
        if (!sen.header) break;
        if (!out.empty()) out += ' ';
        out += std::string(slice(sen.begin, sen.end));
    }
    return out;
}

}  // namespace sg::text
