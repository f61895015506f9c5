// Fuzzes the CSV reader: the input is written to an in-memory file and read
// with open_csv_reader, once with the default options (separator detected,
// "answer" column) and once as a one-column-per-question export with a
// column map, a question resolver, ';' as separator and a small cell limit.
// A reader must not throw and must end; each row gives at most one answer
// per column.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "input/reader.hpp"
#include "util/strings.hpp"

namespace {

void read_all(const std::string& path, const sg::input::ReadOptions& options, std::size_t limit) {
    sg::input::Source source;
    source.path = path;
    source.id = "fuzz";
    auto reader = sg::input::open_csv_reader(source, options);
    fuzz::require(reader != nullptr, "open_csv_reader returned null");
    sg::input::Answer a;
    std::size_t count = 0;
    while (reader->next(a)) {
        ++count;
        fuzz::require(count <= limit, "more answers than cells");
        fuzz::require(!a.source.empty(), "an answer without a source");
        if (a.error.empty()) {
            fuzz::require(a.text.find('\r') == std::string::npos, "text keeps a CR");
            fuzz::require(sg::util::first_invalid_utf8(a.text) == std::string::npos, "text is not valid UTF-8");
            fuzz::require(a.body_begin <= a.text.size(), "body_begin past the end of the text");
        }
        a = sg::input::Answer{};
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::MemFile file;
    const std::string& path = file.write(data, size);
    // Every answer comes from a cell, and a cell takes at least one byte
    // (its separator or line end), plus one error answer for the file.
    std::size_t limit = size + 2;

    sg::input::ReadOptions defaults;
    defaults.format = sg::input::Format::Csv;
    read_all(path, defaults, limit);

    sg::input::ReadOptions wide = defaults;
    wide.csv_separator = ';';
    wide.max_bytes = 48;
    wide.column_map = {{"Q1", "complex-program"}, {"Why TPM?", "why-tpm"}, {"", "empty"}};
    wide.resolve_question = [](const std::string& header) -> std::string {
        if (header.find("complex") != std::string::npos) return "complex-program";
        if (header.find("design") != std::string::npos) return "system-design";
        return "";
    };
    read_all(path, wide, limit);
    return 0;
}
