#include "input/answer.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <filesystem>

#include "text/document.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"
#include "util/yaml.hpp"

namespace sg::input {

bool simple_front_matter(std::string_view yaml, std::vector<std::pair<std::string, std::string>>& pairs) {
    pairs.clear();
    auto key_byte = [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; };
    // Bytes a plain scalar may hold and mean itself; ':' only when not followed by a space.
    auto value_byte = [](unsigned char c) {
        return std::isalnum(c) || c == ' ' || c == '_' || c == '-' || c == '.' || c == '/' || c == '+' || c == '@' ||
               c == ':' || c == ',' || c == '(' || c == ')' || c >= 0x80;
    };
    std::size_t pos = 0;
    while (pos < yaml.size()) {
        std::size_t end = yaml.find('\n', pos);
        if (end == std::string_view::npos) end = yaml.size();
        std::string_view line = yaml.substr(pos, end - pos);
        pos = end + 1;
        if (util::trim(line).empty()) continue;
        std::size_t k = 0;
        while (k < line.size() && key_byte(static_cast<unsigned char>(line[k]))) ++k;
        if (k == 0 || k >= line.size() || line[k] != ':' || !std::isalnum(static_cast<unsigned char>(line[0])))
            return false;
        std::string_view value = line.substr(k + 1);
        if (!value.empty() && value[0] != ' ') return false;
        value = util::trim(value);
        if (!value.empty()) {
            // A value must start with a letter, a digit or a non-ASCII byte, never
            // with YAML syntax (quotes, [, {, &, *, !, |, >, %, @, #, ~).
            if (!std::isalnum(static_cast<unsigned char>(value[0])) && static_cast<unsigned char>(value[0]) < 0x80)
                return false;
            for (std::size_t i = 0; i < value.size(); ++i) {
                unsigned char c = static_cast<unsigned char>(value[i]);
                if (!value_byte(c)) return false;
                if (c == ':' && (i + 1 == value.size() || value[i + 1] == ' ')) return false;
            }
            if (value == "null" || value == "Null" || value == "NULL") return false;
        }
        std::string key(line.substr(0, k));
        for (const auto& kv : pairs)
            if (kv.first == key) return false;  // a repeated key: let YAML say what it means
        pairs.emplace_back(std::move(key), std::string(value));
    }
    return true;
}

namespace {

// Line and column (1-based) of a byte offset in raw text, counted as the rest
// of stargrade counts them: without a BOM, with CRLF and lone CR as line ends.
std::pair<int, int> place_of(const std::string& s, std::size_t off) {
    std::size_t start = 0;
    while (s.compare(start, 3, "\xEF\xBB\xBF") == 0) start += 3;  // every leading BOM, as normalise_newlines
    int line = 1;
    for (std::size_t i = start; i < off && i < s.size(); ++i) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) {
            ++line;
            start = i + 1;
        }
    }
    std::string_view seg = std::string_view(s).substr(start, off - start);
    std::size_t cols = util::utf8_length(seg);
    if (!seg.empty() && seg.back() == '\r') --cols;
    return {line, static_cast<int>(cols) + 1};
}

}  // namespace

Answer parse_answer(const std::string& raw, const std::string& source, const std::string& default_id,
                    std::size_t max_bytes) {
    Answer a;
    a.source = source;
    a.id = default_id;
    if (raw.size() > max_bytes) {
        a.error = fmt::format("{}: the file is {} bytes, over the limit of {} bytes", source, raw.size(), max_bytes);
        return a;
    }
    if (raw.size() >= 2 && ((raw[0] == '\xFF' && raw[1] == '\xFE') || (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
        a.error = fmt::format("{}: UTF-16 text is not supported; save the file as UTF-8", source);
        return a;
    }
    auto nul = raw.find('\0');
    if (nul != std::string::npos) {
        a.error = fmt::format("{}: binary data (a NUL byte at byte {}); answers must be text", source, nul);
        return a;
    }
    auto bad = util::first_invalid_utf8(raw);
    if (bad != std::string::npos) {
        auto [l, c] = place_of(raw, bad);
        a.error = fmt::format("{}:{}:{}: invalid UTF-8 (byte {}); save the file as UTF-8", source, l, c, bad);
        return a;
    }
    a.text = text::normalise_newlines(raw);
    const std::string& t = a.text;

    // Front matter: a first line "---", YAML, a closing line "---" or "...".
    if (t.compare(0, 3, "---") == 0 && (t.size() == 3 || t[3] == '\n' || t.compare(3, 1, " ") == 0)) {
        std::size_t first_nl = t.find('\n');
        std::size_t close = std::string::npos, after = std::string::npos;
        std::size_t pos = first_nl;
        while (pos != std::string::npos) {
            std::size_t ls = pos + 1;
            std::size_t le = t.find('\n', ls);
            std::string_view line = std::string_view(t).substr(ls, (le == std::string::npos ? t.size() : le) - ls);
            std::string_view tl = util::trim(line);
            if (tl == "---" || tl == "...") {
                close = ls;
                after = le == std::string::npos ? t.size() : le + 1;
                break;
            }
            pos = le;
        }
        if (close == std::string::npos) {
            a.error = fmt::format("{}:1:1: front matter opened with '---' is never closed", source);
            return a;
        }
        std::string yaml = first_nl == std::string::npos ? "" : t.substr(first_nl + 1, close - first_nl - 1);
        // Most front matter is a few plain `key: value` lines: those are read
        // without yaml-cpp (the same pairs; a unit test holds them equal).
        std::vector<std::pair<std::string, std::string>> pairs;
        if (!simple_front_matter(yaml, pairs)) {
            pairs.clear();  // the lines read before the one that needs YAML
            YAML::Node meta;
            try {
                meta = YAML::Load(yaml);
            } catch (const YAML::Exception& e) {
                if (util::yaml_too_deep(e))
                    a.error = fmt::format("{}:{}: malformed front matter: {}", source, e.mark.line + 2,
                                          util::yaml_error_text(e));
                else
                    a.error = fmt::format("{}:{}:{}: malformed front matter: {}", source, e.mark.line + 2,
                                          e.mark.column + 1, e.msg);
                return a;
            }
            if (meta && !meta.IsNull() && !meta.IsMap()) {
                a.error = fmt::format("{}:2:1: front matter must be a map of key: value", source);
                return a;
            }
            if (meta && meta.IsMap())
                for (const auto& kv : meta) {
                    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
                    const YAML::Node& v = kv.second;
                    std::string value;
                    if (v.IsScalar()) {
                        value = v.Scalar();
                    } else if (!v.IsNull()) {
                        YAML::Emitter em;
                        em << YAML::Flow << v;
                        value = em.c_str();
                    }
                    bool core = key == "id" || key == "candidate" || key == "question" || key == "date";
                    if (core && !v.IsScalar() && !v.IsNull()) {
                        a.error = fmt::format("{}:{}:{}: front matter '{}' must be a single value", source,
                                              v.Mark().line + 2, v.Mark().column + 1, key);
                        return a;
                    }
                    if (!key.empty()) pairs.emplace_back(std::move(key), std::move(value));
                }
        }
        for (auto& [key, value] : pairs) {
            if (key == "id") {
                if (!value.empty()) a.id = value;
            } else if (key == "candidate") {
                a.candidate = value;
            } else if (key == "question") {
                a.question = value;
            } else if (key == "date") {
                a.date = value;
            } else {
                a.metadata.emplace_back(std::move(key), std::move(value));
            }
        }
        a.body_begin = after;
    }
    if (util::trim(std::string_view(t).substr(a.body_begin)).empty()) {
        a.error = fmt::format("{}: the answer is empty", source);
        return a;
    }
    return a;
}

Answer read_answer(const std::string& path, const std::string& default_id, std::size_t max_bytes) {
    std::string raw, err;
    const std::string& shown = path == "-" ? std::string("<stdin>") : path;
    if (!util::read_file(path, raw, err, max_bytes)) {
        Answer a;
        a.source = shown;
        a.id = default_id;
        a.error = fmt::format("{}: cannot read: {}", shown, err);
        return a;
    }
    if (raw.size() > max_bytes) {
        // Only max_bytes + 1 bytes were read; say how large the file really is when it is known.
        Answer a;
        a.source = shown;
        a.id = default_id;
        std::error_code ec;
        auto size = path == "-" ? 0 : std::filesystem::file_size(path, ec);
        if (path != "-" && !ec)
            a.error = fmt::format("{}: the file is {} bytes, over the limit of {} bytes (--max-bytes)", shown, size,
                                  max_bytes);
        else
            a.error = fmt::format("{}: more than {} bytes, over the limit (--max-bytes)", shown, max_bytes);
        return a;
    }
    return parse_answer(raw, shown, default_id, max_bytes);
}

}  // namespace sg::input
