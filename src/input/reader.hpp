#pragma once
// Readers turn one source (a file, or standard input) into the answers it
// holds, in order: one for a Markdown or text file, one per line of a JSON
// Lines log, one per row (or per row and question column) of a CSV export.
// A reader never throws for bad content: a problem becomes an answer whose
// `error` names the file and the place (`file#line`, `file#row`, byte).
#include <functional>
#include <streambuf>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "input/answer.hpp"
#include "input/discovery.hpp"

namespace sg::input {

enum class Format { Auto, Text, Jsonl, Csv };

// "md"/"markdown"/"txt"/"text" -> Text, "jsonl"/"ndjson" -> Jsonl, "csv" -> Csv,
// "auto" -> Auto; false for anything else.
bool parse_format(const std::string& name, Format& out);
const char* format_name(Format f);

// The format of a path by its extension (.md .markdown .txt -> Text, .jsonl
// .ndjson -> Jsonl, .csv -> Csv); Text for anything else and for "-".
Format format_of(const std::string& path);

struct ReadOptions {
    Format format = Format::Auto;             // Auto: by extension
    std::size_t max_bytes = kDefaultMaxBytes;  // per answer (per file for text, per line/cell for logs)
    std::string text_field = "answer";         // JSONL key / CSV column holding the answer text
    // CSV exports with one column per question: header text -> rubric question id,
    // from --column-map or a mapping file; consulted before `resolve_question`.
    std::vector<std::pair<std::string, std::string>> column_map;
    // Maps a CSV column header to a rubric question id ("" when it is none).
    // Set by the caller from the rubric (question texts and aliases).
    std::function<std::string(const std::string& header)> resolve_question;
    char csv_separator = 0;                    // 0: detect ',' or ';' from the header row
};

class Reader {
public:
    virtual ~Reader() = default;
    // The next answer of the source; false when there are no more.
    virtual bool next(Answer& out) = 0;
};

// Opens the reader for a source. A source that carries an error yields one
// error answer. "-" reads standard input.
std::unique_ptr<Reader> open_reader(const Source& source, const ReadOptions& options);

// Reads past a UTF-8 byte order mark at the start of a stream. Bytes read
// that turn out not to be a BOM are appended to `carry` (they belong to the
// content). Returns true when the stream starts with a UTF-16 BOM.
bool skip_bom(std::streambuf& in, std::string& carry);

// The readers behind open_reader, for the formats that hold many answers.
std::unique_ptr<Reader> open_jsonl_reader(const Source& source, const ReadOptions& options);
std::unique_ptr<Reader> open_csv_reader(const Source& source, const ReadOptions& options);

}  // namespace sg::input
