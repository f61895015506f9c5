// Fuzzes the JSON Lines reader: the input is written to an in-memory file and
// read with open_jsonl_reader, once with the default options and once with a
// small per-line limit and another text field. A reader must not throw, must
// end, and gives at most one answer per line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "input/reader.hpp"
#include "util/strings.hpp"

namespace {

void read_all(const std::string& path, const sg::input::ReadOptions& options, std::size_t lines) {
    sg::input::Source source;
    source.path = path;
    source.id = "fuzz";
    auto reader = sg::input::open_jsonl_reader(source, options);
    fuzz::require(reader != nullptr, "open_jsonl_reader returned null");
    sg::input::Answer a;
    std::size_t count = 0;
    while (reader->next(a)) {
        ++count;
        fuzz::require(count <= lines + 1, "more answers than lines");
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
    std::size_t lines = 1;
    for (std::size_t i = 0; i < size; ++i) lines += data[i] == '\n' || data[i] == '\r';

    sg::input::ReadOptions defaults;
    defaults.format = sg::input::Format::Jsonl;
    read_all(path, defaults, lines);

    sg::input::ReadOptions other = defaults;
    other.max_bytes = 48;
    other.text_field = "text";
    read_all(path, other, lines);
    return 0;
}
