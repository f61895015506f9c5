// Fuzzes parse_answer: raw bytes (encoding checks, line ends, front matter)
// into an Answer, and checks what the header promises about the result.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "input/answer.hpp"
#include "util/strings.hpp"

namespace {

void check(const sg::input::Answer& a, const std::string& raw) {
    fuzz::require(a.source == "fuzz.md", "source is not the one given");
    fuzz::require(!a.id.empty(), "empty id");
    if (!a.error.empty()) return;
    const std::string& t = a.text;
    fuzz::require(t.find('\r') == std::string::npos, "text keeps a CR");
    fuzz::require(t.compare(0, 3, "\xEF\xBB\xBF") != 0, "text keeps the BOM");
    fuzz::require(t.find('\0') == std::string::npos, "text has a NUL byte");
    fuzz::require(sg::util::first_invalid_utf8(t) == std::string::npos, "text is not valid UTF-8");
    fuzz::require(t.size() <= raw.size(), "normalised text grew");
    fuzz::require(a.body_begin <= t.size(), "body_begin past the end of the text");
    fuzz::require(!sg::util::trim(std::string_view(t).substr(a.body_begin)).empty(), "empty body accepted");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string raw(reinterpret_cast<const char*>(data), size);
    check(sg::input::parse_answer(raw, "fuzz.md", "fuzz"), raw);
    // A small limit, as --max-bytes gives, takes the size branch on most inputs.
    auto small = sg::input::parse_answer(raw, "fuzz.md", "fuzz", 64);
    check(small, raw);
    if (size > 64) fuzz::require(!small.error.empty(), "an answer over max_bytes was accepted");
    return 0;
}
