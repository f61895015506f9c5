// The JSON Lines reader: one answer object per line of a practice log or an
// export. The file is read line by line, never whole; each line is parsed on
// its own, so a bad line becomes one error answer and the rest is still read.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <system_error>

#include "input/reader.hpp"
#include "text/document.hpp"
#include "util/strings.hpp"

namespace sg::input {

namespace {

using Json = nlohmann::ordered_json;  // keeps the keys in the order of the line

// "an array", "a number", ... for messages about a value of the wrong type.
std::string kind_of(const Json& v) {
    switch (v.type()) {
        case Json::value_t::object: return "an object";
        case Json::value_t::array: return "an array";
        case Json::value_t::string: return "a string";
        case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
        case Json::value_t::null: return "null";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float: return "a number";
        default: return "an unsupported value";
    }
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag and
// the "parse error at line 1, column N: " prefix: the column is given apart.
std::string parse_detail(const std::string& what) {
    std::string s = what;
    if (!s.empty() && s[0] == '[') {
        auto close = s.find("] ");
        if (close != std::string::npos) s.erase(0, close + 2);
    }
    if (s.rfind("parse error", 0) == 0) {
        auto colon = s.find(": ");
        if (colon != std::string::npos) s.erase(0, colon + 2);
    }
    return s;
}

// Lists and objects nested deeper than this are refused before parsing: the
// compact JSON kept as metadata is written by a recursion per level, which a
// line of a million '[' would take past the end of the stack.
constexpr std::size_t kMaxJsonDepth = 1000;

// Byte offset of the '[' or '{' that nests deeper than kMaxJsonDepth, or npos.
std::size_t too_deep_at(const std::string& line) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string::npos;
}

class JsonlReader final : public Reader {
public:
    JsonlReader(const Source& source, const ReadOptions& options)
        : source_(source), options_(options), name_(source.path == "-" ? "<stdin>" : source.path) {
        if (!source_.error.empty()) {
            fail(source_.error);
            return;
        }
        if (source_.path == "-") {
            in_ = std::cin.rdbuf();
        } else {
            std::error_code ec;
            if (std::filesystem::is_directory(source_.path, ec)) {
                fail(fmt::format("{}: cannot read: is a folder, not a file", name_));
                return;
            }
            file_ = std::make_unique<std::filebuf>();
            errno = 0;
            if (!file_->open(source_.path, std::ios::in | std::ios::binary)) {
                fail(fmt::format("{}: cannot read: {}", name_, errno ? std::strerror(errno) : "cannot open the file"));
                return;
            }
            in_ = file_.get();
        }
        if (!in_) {
            fail(fmt::format("{}: cannot read: no input stream", name_));
            return;
        }
        // A UTF-8 BOM is skipped; a UTF-16 BOM means the whole file is unreadable here.
        if (skip_bom(*in_, carry_)) {
            fail(fmt::format("{}: UTF-16 text is not supported; save the log as UTF-8", name_));
            return;
        }
    }

    bool next(Answer& out) override {
        if (pending_) {
            out = std::move(*pending_);
            pending_.reset();
            return stamp(out);
        }
        if (done_) return false;
        while (read_line()) {
            if (length_ <= options_.max_bytes && util::trim(line_).empty()) continue;  // blank line
            any_ = true;
            out = from_line();
            return stamp(out);
        }
        done_ = true;
        release();
        if (!any_) {
            out = file_answer(fmt::format("{}: the log holds no answers: it has no JSON lines", name_));
            return stamp(out);
        }
        return false;
    }

private:
    bool stamp(Answer& a) {
        a.file = source_.path;
        a.index = index_++;
        return true;
    }

    Answer file_answer(std::string error) const {
        Answer a;
        a.id = source_.id;
        a.source = name_;
        a.error = std::move(error);
        return a;
    }

    void fail(std::string error) {
        pending_ = file_answer(std::move(error));
        done_ = true;
        release();
    }

    void release() {
        if (file_) file_->close();
        in_ = nullptr;
    }

    int get() {
        if (carry_pos_ < carry_.size()) return static_cast<unsigned char>(carry_[carry_pos_++]);
        return in_->sbumpc();
    }

    // The next physical line, without its "\n" (and a "\r" before it). Only
    // max_bytes + 1 bytes are kept: length_ is the real length. False at the end.
    bool read_line() {
        using traits = std::char_traits<char>;
        line_.clear();
        length_ = 0;
        int c = get();
        if (c == traits::eof()) return false;
        ++line_no_;
        const std::size_t keep = options_.max_bytes + 1;
        int last = 0;
        while (c != traits::eof() && c != '\n') {
            if (line_.size() < keep) line_ += static_cast<char>(c);
            ++length_;
            last = c;
            c = get();
        }
        if (last == '\r') {  // a CRLF line end
            if (line_.size() == length_) line_.pop_back();
            --length_;
        }
        if (carry_pos_ >= carry_.size() && !carry_.empty()) {
            carry_.clear();
            carry_pos_ = 0;
        }
        return true;
    }

    Answer from_line() {
        Answer a;
        const std::string where = fmt::format("{}#{}", name_, line_no_);
        a.source = where;
        a.id = fmt::format("{}#{}", source_.id, line_no_);
        if (length_ > options_.max_bytes) {
            a.error = fmt::format("{}: the line is {} bytes, over the limit of {} bytes", where, length_,
                                  options_.max_bytes);
            return a;
        }
        auto nul = line_.find('\0');
        if (nul != std::string::npos) {
            a.error = fmt::format("{}: binary data (a NUL byte at column {}); a log line must be JSON text", where,
                                  nul + 1);
            return a;
        }
        auto bad = util::first_invalid_utf8(line_);
        if (bad != std::string::npos) {
            a.error = fmt::format("{}: invalid UTF-8 at byte column {}; save the log as UTF-8", where, bad + 1);
            return a;
        }
        auto deep = too_deep_at(line_);
        if (deep != std::string::npos) {
            a.error = fmt::format("{}: the JSON nests lists and objects more than {} levels deep (at byte column {})",
                                  where, kMaxJsonDepth, deep + 1);
            return a;
        }
        Json j;
        try {
            j = Json::parse(line_);
        } catch (const Json::parse_error& e) {
            a.error = fmt::format("{}: malformed JSON at byte column {}: {}", where, e.byte, parse_detail(e.what()));
            return a;
        } catch (const Json::exception& e) {  // a number too large, ...
            a.error = fmt::format("{}: malformed JSON: {}", where, parse_detail(e.what()));
            return a;
        }
        const std::string& field = options_.text_field;
        if (!j.is_object()) {
            a.error = fmt::format("{}: expected a JSON object with an \"{}\" field, got {}", where, field, kind_of(j));
            return a;
        }

        const Json* text = nullptr;
        std::vector<std::string> keys;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string& key = it.key();
            const Json& v = it.value();
            keys.push_back(key);
            if (key == field) {
                text = &v;
                continue;
            }
            if (key == "id") {
                if (v.is_string()) {
                    if (!v.get_ref<const std::string&>().empty()) a.id = v.get<std::string>();
                } else if (v.is_number_integer()) {
                    a.id = v.dump();
                } else if (!v.is_null() && a.error.empty()) {
                    a.error = fmt::format("{}: the \"id\" field must be a string or a whole number, got {}", where,
                                          kind_of(v));
                }
            } else if (key == "candidate" || key == "question" || key == "date") {
                if (v.is_string()) {
                    std::string s = v.get<std::string>();
                    if (key == "candidate") a.candidate = s;
                    else if (key == "question") a.question = s;
                    else a.date = s;
                } else if (!v.is_null() && a.error.empty()) {
                    a.error = fmt::format("{}: the \"{}\" field must be a string, got {}", where, key, kind_of(v));
                }
            } else {
                a.metadata.emplace_back(key, v.is_string() ? v.get<std::string>() : v.dump());
            }
        }
        if (!a.error.empty()) return a;
        if (!text) {
            if (keys.empty())
                a.error = fmt::format("{}: no \"{}\" field: the object is empty", where, field);
            else
                a.error = fmt::format("{}: no \"{}\" field; the keys present are: {} (choose the answer's field with "
                                      "--text-field)",
                                      where, field, util::join(keys, ", "));
            return a;
        }
        if (!text->is_string()) {
            a.error = fmt::format("{}: the \"{}\" field must be a string, got {}", where, field, kind_of(*text));
            return a;
        }
        const std::string& raw = text->get_ref<const std::string&>();
        if (raw.find('\0') != std::string::npos) {
            a.error = fmt::format("{}: the \"{}\" field holds a NUL character (\\u0000); answers must be text", where,
                                  field);
            return a;
        }
        a.text = text::normalise_newlines(raw);
        a.body_begin = 0;  // no front matter inside a log line
        if (util::trim(a.text).empty()) {
            a.error = fmt::format("{}: the answer is empty", where);
        }
        return a;
    }

    Source source_;
    ReadOptions options_;
    std::string name_;  // the path as shown in sources and messages
    std::unique_ptr<std::filebuf> file_;
    std::streambuf* in_ = nullptr;
    std::string carry_;  // bytes read while looking for a BOM, served before the stream
    std::size_t carry_pos_ = 0;
    std::string line_;
    std::size_t length_ = 0;
    std::size_t line_no_ = 0;
    std::size_t index_ = 0;
    bool any_ = false;
    bool done_ = false;
    std::optional<Answer> pending_;
};

}  // namespace

std::unique_ptr<Reader> open_jsonl_reader(const Source& source, const ReadOptions& options) {
    return std::make_unique<JsonlReader>(source, options);
}

}  // namespace sg::input
