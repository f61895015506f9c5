#include "input/reader.hpp"

#include <algorithm>
#include <cctype>

namespace sg::input {

namespace {

std::string lower_extension(const std::string& path) {
    auto slash = path.find_last_of('/');
    auto dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    std::string ext = path.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

// A source that carries an error, or a text file: exactly one answer.
class SingleReader : public Reader {
public:
    SingleReader(const Source& source, const ReadOptions& options) : source_(source), options_(options) {}
    bool next(Answer& out) override {
        if (done_) return false;
        done_ = true;
        if (!source_.error.empty()) {
            out = Answer{};
            out.id = source_.id;
            out.source = source_.path == "-" ? "<stdin>" : source_.path;
            out.error = source_.error;
        } else {
            out = read_answer(source_.path, source_.id, options_.max_bytes);
        }
        out.file = source_.path;
        out.index = 0;
        return true;
    }

private:
    Source source_;
    ReadOptions options_;
    bool done_ = false;
};

}  // namespace

bool skip_bom(std::streambuf& in, std::string& carry) {
    int c0 = in.sgetc();
    if (c0 == 0xEF) {
        carry += static_cast<char>(in.sbumpc());
        if (in.sgetc() == 0xBB) {
            carry += static_cast<char>(in.sbumpc());
            if (in.sgetc() == 0xBF) {
                in.sbumpc();
                carry.clear();
            }
        }
    } else if (c0 == 0xFF || c0 == 0xFE) {
        carry += static_cast<char>(in.sbumpc());
        int c1 = in.sgetc();
        return (c0 == 0xFF && c1 == 0xFE) || (c0 == 0xFE && c1 == 0xFF);
    }
    return false;
}

bool parse_format(const std::string& name, Format& out) {
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    if (n == "auto") out = Format::Auto;
    else if (n == "md" || n == "markdown" || n == "txt" || n == "text") out = Format::Text;
    else if (n == "jsonl" || n == "ndjson") out = Format::Jsonl;
    else if (n == "csv") out = Format::Csv;
    else return false;
    return true;
}

const char* format_name(Format f) {
    switch (f) {
        case Format::Auto: return "auto";
        case Format::Text: return "text";
        case Format::Jsonl: return "jsonl";
        case Format::Csv: return "csv";
    }
    return "auto";
}

Format format_of(const std::string& path) {
    std::string ext = lower_extension(path);
    if (ext == ".jsonl" || ext == ".ndjson") return Format::Jsonl;
    if (ext == ".csv") return Format::Csv;
    return Format::Text;
}

std::unique_ptr<Reader> open_reader(const Source& source, const ReadOptions& options) {
    Format f = options.format == Format::Auto ? format_of(source.path) : options.format;
    if (!source.error.empty() || f == Format::Text) return std::make_unique<SingleReader>(source, options);
    if (f == Format::Jsonl) return open_jsonl_reader(source, options);
    return open_csv_reader(source, options);
}

}  // namespace sg::input
