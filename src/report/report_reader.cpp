#include "report/report_reader.hpp"

#include <fmt/format.h>

#include <cctype>
#include <iostream>

namespace sg::report {

using ordered_json = nlohmann::ordered_json;

bool ReportReader::fail(const std::string& what) {
    error_ = fmt::format("{}: byte {}: {}", path_, offset_, what);
    done_ = true;
    return false;
}

int ReportReader::peek_nonspace() {
    for (;;) {
        int c = in_->peek();
        if (c == EOF) return EOF;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            in_->get();
            ++offset_;
            continue;
        }
        return c;
    }
}

bool ReportReader::read_string(std::string& raw) {
    // At the opening quote.
    raw += static_cast<char>(in_->get());
    ++offset_;
    for (;;) {
        int c = in_->get();
        if (c == EOF) return fail("the file ends inside a string");
        ++offset_;
        raw += static_cast<char>(c);
        if (c == '\\') {
            int e = in_->get();
            if (e == EOF) return fail("the file ends inside a string");
            ++offset_;
            raw += static_cast<char>(e);
        } else if (c == '"') {
            return true;
        }
    }
}

// Copies one JSON value's text; nlohmann then parses and checks it.
bool ReportReader::read_value(std::string& raw) {
    raw.clear();
    int c = peek_nonspace();
    if (c == EOF) return fail("the file ends where a value was expected");
    if (c == '"') return read_string(raw);
    if (c == '{' || c == '[') {
        int depth = 0;
        for (;;) {
            c = in_->peek();
            if (c == EOF) return fail("the file ends inside an object or array");
            if (c == '"') {
                if (!read_string(raw)) return false;
                continue;
            }
            in_->get();
            ++offset_;
            raw += static_cast<char>(c);
            if (c == '{' || c == '[') ++depth;
            else if (c == '}' || c == ']') {
                if (--depth == 0) return true;
            }
        }
    }
    // A number, true, false or null.
    while ((c = in_->peek()) != EOF && (std::isalnum(c) || c == '-' || c == '+' || c == '.')) {
        raw += static_cast<char>(in_->get());
        ++offset_;
    }
    if (raw.empty()) return fail(fmt::format("unexpected '{}'", static_cast<char>(c)));
    return true;
}

bool ReportReader::open(const std::string& path, std::string& error) {
    path_ = path;
    if (path == "-") {
        in_ = &std::cin;
    } else {
        file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
        if (!*file_) {
            error = fmt::format("{}: cannot read", path);
            return false;
        }
        in_ = file_.get();
    }
    // A UTF-8 byte order mark is allowed before the report.
    if (in_->peek() == 0xEF) {
        char bom[3];
        in_->read(bom, 3);
        offset_ = 3;
    }
    if (peek_nonspace() != '{') {
        fail("not a JSON object (a stargrade report starts with '{')");
        error = error_;
        return false;
    }
    in_->get();
    ++offset_;
    std::string raw;
    for (;;) {
        int c = peek_nonspace();
        if (c == '}') {
            fail("the report has no \"answers\"");
            error = error_;
            return false;
        }
        if (c != '"') {
            fail("expected a field name");
            error = error_;
            return false;
        }
        std::string key_raw;
        if (!read_string(key_raw)) {
            error = error_;
            return false;
        }
        std::string key;
        try {
            key = ordered_json::parse(key_raw).get<std::string>();
        } catch (const std::exception& e) {
            fail(e.what());
            error = error_;
            return false;
        }
        if (peek_nonspace() != ':') {
            fail("expected ':' after a field name");
            error = error_;
            return false;
        }
        in_->get();
        ++offset_;
        if (key == "answers") {
            if (peek_nonspace() != '[') {
                fail("\"answers\" is not an array");
                error = error_;
                return false;
            }
            in_->get();
            ++offset_;
            in_answers_ = true;
            return true;
        }
        std::size_t at = offset_;
        if (!read_value(raw)) {
            error = error_;
            return false;
        }
        try {
            header_[key] = ordered_json::parse(raw);
        } catch (const std::exception& e) {
            offset_ = at;
            fail(fmt::format("field \"{}\": {}", key, e.what()));
            error = error_;
            return false;
        }
        c = peek_nonspace();
        if (c == ',') {
            in_->get();
            ++offset_;
        }
    }
}

bool ReportReader::next(ordered_json& answer) {
    if (done_ || !in_answers_) return false;
    int c = peek_nonspace();
    if (!first_) {
        if (c == ']') {
            done_ = true;
            return false;
        }
        if (c != ',') return fail("expected ',' or ']' between answers");
        in_->get();
        ++offset_;
        c = peek_nonspace();
    } else if (c == ']') {
        done_ = true;
        return false;
    }
    first_ = false;
    std::size_t at = offset_;
    std::string raw;
    if (c != '{') return fail("an answer is not a JSON object");
    if (!read_value(raw)) return false;
    try {
        answer = ordered_json::parse(raw);
    } catch (const std::exception& e) {
        offset_ = at;
        return fail(fmt::format("answer: {}", e.what()));
    }
    return true;
}

}  // namespace sg::report
