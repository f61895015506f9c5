#pragma once
// A normalised answer text with its line index, sentences and tokens.
//
// Offsets are byte offsets into text(); line and column (1-based, columns in
// code points) are computed from the same text, so they point at the right
// place in the file the user has open (CRLF and a BOM are removed first,
// which changes no line numbers).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sg::text {

struct Position {
    int line = 0;
    int column = 0;
};

struct Token {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t sentence = 0;
    std::uint32_t clause = 0;  // increases at clause breaks (, ; : brackets, "but")
    std::string norm;          // lower-case, curly apostrophes made straight
    bool has_digit = false;
};

struct Sentence {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t first_token = 0;
    std::uint32_t end_token = 0;  // one past the last token
    bool header = false;          // part of a pasted question at the top
    bool heading = false;         // a Markdown heading line
    bool paragraph_start = false; // first sentence of a paragraph, list item or heading
    std::uint32_t words() const { return end_token - first_token; }
};

class Document {
public:
    // text must already be valid UTF-8 without BOM and with \n line ends.
    // Only text from body_begin on is split into sentences and tokens.
    Document(std::string text, std::size_t body_begin);

    const std::string& text() const { return text_; }
    std::size_t body_begin() const { return body_begin_; }
    Position position(std::size_t offset) const;
    std::string_view slice(std::size_t begin, std::size_t end) const {
        return std::string_view(text_).substr(begin, end - begin);
    }

    const std::vector<Token>& tokens() const { return tokens_; }
    const std::vector<Sentence>& sentences() const { return sentences_; }
    // Index of the token that starts at or contains offset, or the next one after it.
    std::size_t token_at(std::size_t offset) const;

    // Words outside the pasted question.
    std::size_t body_words() const { return body_words_; }
    bool has_header() const { return has_header_; }
    // The text of the pasted question, empty when there is none.
    std::string header_text() const;

private:
    void split();
    void mark_header();

    std::string text_;
    std::size_t body_begin_;
    std::vector<std::size_t> line_starts_;
    std::vector<Token> tokens_;
    std::vector<Sentence> sentences_;
    std::size_t body_words_ = 0;
    bool has_header_ = false;
};

// Normalises raw file bytes: strips the leading UTF-8 BOM (every one, when there
// are several), turns CRLF and lone CR into LF.
std::string normalise_newlines(std::string_view raw);

}  // namespace sg::text
