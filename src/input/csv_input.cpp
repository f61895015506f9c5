// The CSV reader (RFC 4180: quoted fields with "" escapes and line breaks,
// CRLF or LF, a UTF-8 BOM), for spreadsheet and form exports. Two layouts,
// told apart by the header row:
//   long: a text column ("answer", "text", "response" or the text field);
//         one answer per row.
//   wide: no text column; every column that is not known metadata is a
//         question (its header the question's text); one answer per
//         non-empty cell.
// The file is read record by record, never whole, and every cell is capped
// at max_bytes, so a bad file cannot make the reader hold it all.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "input/reader.hpp"
#include "text/document.hpp"
#include "util/strings.hpp"

namespace sg::input {

namespace {

using traits = std::char_traits<char>;

// More header columns than any export has: the bound on a record's memory.
constexpr std::size_t kMaxColumns = 10000;

struct Cell {
    std::string value;        // at most max_bytes + 1 bytes of it
    std::size_t length = 0;   // the real length in bytes
    bool quoted = false;
};

struct Record {
    std::vector<Cell> cells;     // at most a column more than the header has
    std::size_t fields = 0;      // how many the record really has
    std::size_t line = 0;        // physical line it starts on
    bool unterminated = false;   // the file ended inside a quoted field
    std::size_t quote_line = 0;  // where that quoted field opened
    bool blank() const { return fields == 1 && cells[0].length == 0 && !cells[0].quoted; }
};

// What is wrong with a cell's bytes, or "" when nothing.
std::string cell_problem(const Cell& c, std::size_t max_bytes) {
    if (c.length > max_bytes)
        return fmt::format("the cell is {} bytes, over the limit of {} bytes", c.length, max_bytes);
    auto nul = c.value.find('\0');
    if (nul != std::string::npos)
        return fmt::format("binary data (a NUL byte at byte {} of the cell); answers must be text", nul + 1);
    auto bad = util::first_invalid_utf8(c.value);
    if (bad != std::string::npos)
        return fmt::format("invalid UTF-8 at byte {} of the cell; save the file as UTF-8", bad + 1);
    return "";
}

std::string key_of(std::string_view header) { return util::to_lower_ascii(util::trim(header)); }

// Header names (lower case, trimmed) that hold facts about a row rather than
// an answer, in wide exports (survey and form tools add many of these).
bool is_metadata_name(const std::string& k) {
    static const char* const names[] = {
        "id", "candidate", "name", "email", "date", "timestamp", "submitted", "submitted at", "email address",
        "full name", "first name", "last name", "candidate id", "response id", "respondent", "respondent id",
        "start time", "completion time", "end time", "last modified time", "start date", "end date",
        "duration", "ip address", "network id", "user agent", "#", "status", "role", "level", "team",
        "language", "tags", "notes", "interviewer", "position"};
    for (const char* n : names)
        if (k == n) return true;
    return false;
}

enum class Role { Metadata, Id, Candidate, Question, Date, Text, Ask };

struct Column {
    std::string header;  // trimmed, as written
    Role role = Role::Metadata;
    std::string question;  // wide: the question id ("" when it maps to none)
    std::string id_part;   // wide: the answer id's part after '/'
};

class CsvReader final : public Reader {
public:
    CsvReader(const Source& source, const ReadOptions& options)
        : source_(source), options_(options), name_(source.path == "-" ? "<stdin>" : source.path) {
        start();
    }

    bool next(Answer& out) override {
        while (queue_.empty() && !done_) read_row();
        if (queue_.empty()) return false;
        out = std::move(queue_.front());
        queue_.pop_front();
        out.file = source_.path;
        out.index = index_++;
        return true;
    }

private:
    // ---- bytes -------------------------------------------------------------
    int get() {
        if (carry_pos_ < carry_.size()) {
            int c = static_cast<unsigned char>(carry_[carry_pos_++]);
            if (carry_pos_ == carry_.size()) {
                carry_.clear();
                carry_pos_ = 0;
            }
            return c;
        }
        return in_->sbumpc();
    }
    int peek() {
        if (carry_pos_ < carry_.size()) return static_cast<unsigned char>(carry_[carry_pos_]);
        return in_->sgetc();
    }

    // One record. False at the end of the file with nothing read.
    bool read_record(Record& r) {
        r.cells.clear();
        r.fields = 0;
        r.unterminated = false;
        r.line = line_;
        // A row with far more fields than the header is only counted, not kept.
        const std::size_t max_cells = columns_.empty() ? kMaxColumns : columns_.size() + 1;
        auto push = [&](Cell&& done) {
            if (r.cells.size() < max_cells) r.cells.push_back(std::move(done));
            ++r.fields;
        };
        int c = get();
        if (c == traits::eof()) return false;
        const std::size_t keep = options_.max_bytes + 1;
        Cell cell;
        auto add = [&](int ch) {
            if (cell.value.size() < keep) cell.value += static_cast<char>(ch);
            ++cell.length;
        };
        for (;;) {
            if (c == '"' && cell.length == 0 && !cell.quoted) {
                cell.quoted = true;
                r.quote_line = line_;
                for (;;) {
                    c = get();
                    if (c == traits::eof()) {
                        r.unterminated = true;
                        push(std::move(cell));
                        return true;
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            get();
                            add('"');
                            continue;
                        }
                        break;  // the closing quote
                    }
                    if (c == '\n' || (c == '\r' && peek() != '\n')) ++line_;
                    add(c);
                }
                c = get();
                continue;  // text after the closing quote is kept as it is, as spreadsheets do
            }
            if (c == sep_) {
                push(std::move(cell));
                cell = Cell{};
                c = get();
                continue;
            }
            if (c == '\n' || c == '\r' || c == traits::eof()) {
                if (c == '\r' && peek() == '\n') get();
                if (c != traits::eof()) ++line_;
                push(std::move(cell));
                return true;
            }
            add(c);
            c = get();
        }
    }

    // ---- the header --------------------------------------------------------
    void start() {
        if (!source_.error.empty()) return fail(source_.error);
        if (source_.path == "-") {
            in_ = std::cin.rdbuf();
        } else {
            std::error_code ec;
            if (std::filesystem::is_directory(source_.path, ec))
                return fail(fmt::format("{}: cannot read: is a folder, not a file", name_));
            file_ = std::make_unique<std::filebuf>();
            errno = 0;
            if (!file_->open(source_.path, std::ios::in | std::ios::binary))
                return fail(fmt::format("{}: cannot read: {}", name_, errno ? std::strerror(errno) : "cannot open the file"));
            in_ = file_.get();
        }
        if (!in_) return fail(fmt::format("{}: cannot read: no input stream", name_));

        if (skip_bom(*in_, carry_))
            return fail(fmt::format("{}: UTF-16 text is not supported; save the file as UTF-8 CSV", name_));

        sep_ = options_.csv_separator ? options_.csv_separator : detect_separator();

        Record header;
        if (!read_record(header))
            return fail(fmt::format("{}: the file is empty; a CSV file needs a header row naming its columns", name_));
        rows_ = 1;
        const std::string where = fmt::format("{}#1", name_);
        if (header.unterminated)
            return fail(fmt::format("{}: a quoted field opened on line {} never closes; the file ends inside quotes",
                                    where, header.quote_line));
        if (header.blank())
            return fail(fmt::format("{}: the first row is blank; it must be the header row naming the columns", where));
        if (header.fields > kMaxColumns)
            return fail(fmt::format("{}: the header has {} columns, more than the {} a CSV file may have", where,
                                    header.fields, kMaxColumns));
        for (std::size_t i = 0; i < header.cells.size(); ++i) {
            std::string problem = cell_problem(header.cells[i], options_.max_bytes);
            if (!problem.empty())
                return fail(fmt::format("{}: column {} of the header: {}", where, i + 1, problem));
        }
        for (std::size_t i = 0; i < header.cells.size(); ++i) {
            Column col;
            col.header = std::string(util::trim(header.cells[i].value));
            if (col.header.empty())
                return fail(fmt::format("{}: column {} of the header has no name; every column needs one", where, i + 1));
            for (std::size_t k = 0; k < i; ++k)
                if (key_of(columns_[k].header) == key_of(col.header))
                    return fail(fmt::format("{}: the header names \"{}\" twice (columns {} and {}); column names "
                                            "must be unique",
                                            where, col.header, k + 1, i + 1));
            columns_.push_back(std::move(col));
        }
        plan_columns();
    }

    // ',' or ';', whichever the header row has more of outside quotes (',' on a
    // tie). The header's bytes are kept to be read again as the first record.
    char detect_separator() {
        bool quoted = false;
        std::size_t commas = 0, semis = 0;
        const std::size_t cap = options_.max_bytes + 2;
        std::string head;
        for (;;) {
            int c = get();
            if (c == traits::eof()) break;
            head += static_cast<char>(c);
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') ++commas;
            else if (!quoted && c == ';') ++semis;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            if (head.size() > cap) break;
        }
        carry_ = head + carry_.substr(carry_pos_);
        carry_pos_ = 0;
        return semis > commas ? ';' : ',';
    }

    // Decides the layout and what every column is.
    void plan_columns() {
        auto find = [&](const std::string& key) -> int {
            for (std::size_t i = 0; i < columns_.size(); ++i)
                if (key_of(columns_[i].header) == key) return static_cast<int>(i);
            return -1;
        };
        auto first_of = [&](std::initializer_list<const char*> keys) -> int {
            for (const char* k : keys) {
                int i = find(k);
                if (i >= 0) return i;
            }
            return -1;
        };
        int text = find(key_of(options_.text_field));
        if (text < 0) text = first_of({"answer", "text", "response"});
        long_ = text >= 0;
        if (long_) columns_[static_cast<std::size_t>(text)].role = Role::Text;

        // Columns the wide layout maps to questions through --column-map come first.
        std::vector<bool> mapped(columns_.size(), false);
        if (!long_) {
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                std::string q = mapped_question(columns_[i].header);
                if (!q.empty()) {
                    columns_[i].role = Role::Ask;
                    columns_[i].question = q;
                    mapped[i] = true;
                }
            }
        }
        auto take = [&](int i, Role role) {
            if (i >= 0 && !mapped[static_cast<std::size_t>(i)] &&
                columns_[static_cast<std::size_t>(i)].role == Role::Metadata)
                columns_[static_cast<std::size_t>(i)].role = role;
        };
        take(find("id"), Role::Id);
        take(first_of({"candidate", "name", "email", "email address", "full name"}), Role::Candidate);
        take(first_of({"date", "timestamp", "submitted", "submitted at"}), Role::Date);
        if (long_) take(find("question"), Role::Question);

        if (!long_) {
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                Column& col = columns_[i];
                if (mapped[i] || col.role != Role::Metadata || is_metadata_name(key_of(col.header))) continue;
                col.role = Role::Ask;
                if (options_.resolve_question) col.question = options_.resolve_question(col.header);
            }
            bool any = false;
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                Column& col = columns_[i];
                if (col.role != Role::Ask) continue;
                any = true;
                if (col.question.empty()) {
                    col.id_part = std::to_string(i + 1);
                    continue;
                }
                col.id_part = col.question;
                for (std::size_t k = 0; k < i; ++k)
                    if (columns_[k].role == Role::Ask && columns_[k].question == col.question)
                        col.id_part = fmt::format("{}@{}", col.question, i + 1);
            }
            if (!any)
                return fail(fmt::format("{}#1: no answers to read: the header has no \"{}\" column (one answer per "
                                        "row) and no question columns (one answer per cell); the columns are: {}",
                                        name_, options_.text_field, header_list()));
        }
    }

    std::string header_list() const {
        std::vector<std::string> names;
        for (const auto& c : columns_) names.push_back(c.header);
        return util::join(names, ", ");
    }

    // --column-map: the exact header text, then case-insensitively and trimmed.
    std::string mapped_question(const std::string& header) const {
        for (const auto& [from, to] : options_.column_map)
            if (from == header && !to.empty()) return to;
        for (const auto& [from, to] : options_.column_map)
            if (key_of(from) == key_of(header) && !to.empty()) return to;
        return "";
    }

    // A long export's question cell: a question id, or a question's text that
    // --column-map or the rubric maps to one.
    std::string declared_question(const std::string& value) const {
        if (value.empty()) return "";
        std::string q = mapped_question(value);
        if (q.empty() && options_.resolve_question) q = options_.resolve_question(value);
        return q.empty() ? value : q;
    }

    // ---- rows --------------------------------------------------------------
    void read_row() {
        Record r;
        if (!read_record(r)) {
            done_ = true;
            release();
            if (data_rows_ == 0)
                queue_.push_back(file_answer(
                    fmt::format("{}: the file has a header but no rows; there are no answers to grade", name_)));
            return;
        }
        std::size_t row = ++rows_;
        if (r.blank()) return;
        ++data_rows_;
        const std::string where = fmt::format("{}#{}", name_, row);
        Answer base;
        base.source = where;
        base.id = fmt::format("{}#{}", source_.id, row);
        if (r.unterminated) {
            base.error = fmt::format("{}: a quoted field opened on line {} never closes; the file ends inside quotes",
                                     where, r.quote_line);
            if (r.line != r.quote_line) base.error += fmt::format(" (row {} starts on line {})", row, r.line);
            queue_.push_back(std::move(base));
            done_ = true;
            release();
            return;
        }
        if (r.fields != columns_.size()) {
            base.error = fmt::format("{}: row {} (line {}) has {} field{}, but the header has {} column{}; check the "
                                     "row's quotes and separators",
                                     where, row, r.line, r.fields, r.fields == 1 ? "" : "s",
                                     columns_.size(), columns_.size() == 1 ? "" : "s");
            queue_.push_back(std::move(base));
            return;
        }

        // The row's facts: id, candidate, date, question and metadata.
        std::string row_error;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            const Column& col = columns_[i];
            if (col.role == Role::Ask || col.role == Role::Text) continue;
            const Cell& cell = r.cells[i];
            std::string problem = cell_problem(cell, options_.max_bytes);
            if (!problem.empty()) {
                if (row_error.empty())
                    row_error = fmt::format("{}: column {} \"{}\": {}", where, i + 1, col.header, problem);
                continue;
            }
            std::string v(util::trim(cell.value));
            switch (col.role) {
                case Role::Id:
                    if (!v.empty()) base.id = v;
                    break;
                case Role::Candidate: base.candidate = v; break;
                case Role::Date: base.date = v; break;
                case Role::Question: base.question = declared_question(v); break;
                default:
                    if (!v.empty()) base.metadata.emplace_back(col.header, v);
                    break;
            }
        }
        if (!row_error.empty()) {
            base.error = std::move(row_error);
            queue_.push_back(std::move(base));
            return;
        }

        if (long_) {
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                if (columns_[i].role != Role::Text) continue;
                queue_.push_back(answer_of(base, r.cells[i], i, where));
            }
            return;
        }
        const std::string row_id = base.id;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            const Column& col = columns_[i];
            if (col.role != Role::Ask) continue;
            const Cell& cell = r.cells[i];
            if (cell.length <= options_.max_bytes && util::trim(cell.value).empty()) continue;  // not answered
            Answer a = base;
            a.source = fmt::format("{}#{}:{}", name_, row, i + 1);
            a.id = fmt::format("{}/{}", row_id, col.id_part);
            a.question = col.question;
            if (col.question.empty()) {
                a.error = fmt::format("{}: column {} \"{}\" is not a question of the rubric; map it to one with "
                                      "--column-map '{}=question-id'",
                                      a.source, i + 1, col.header, col.header);
                queue_.push_back(std::move(a));
                continue;
            }
            queue_.push_back(answer_of(a, cell, i, a.source));
        }
    }

    // The answer a text cell holds, with the checks every answer text gets.
    Answer answer_of(const Answer& base, const Cell& cell, std::size_t column, const std::string& where) const {
        Answer a = base;
        std::string problem = cell_problem(cell, options_.max_bytes);
        if (!problem.empty()) {
            a.error = fmt::format("{}: column {} \"{}\": {}", where, column + 1, columns_[column].header, problem);
            return a;
        }
        a.text = text::normalise_newlines(cell.value);
        a.body_begin = 0;  // no front matter inside a cell
        if (util::trim(a.text).empty())
            a.error = fmt::format("{}: the answer is empty (column {} \"{}\")", where, column + 1,
                                  columns_[column].header);
        return a;
    }

    // ---- errors ------------------------------------------------------------
    Answer file_answer(std::string error) const {
        Answer a;
        a.id = source_.id;
        a.source = name_;
        a.error = std::move(error);
        return a;
    }

    void fail(std::string error) {
        queue_.clear();
        queue_.push_back(file_answer(std::move(error)));
        done_ = true;
        release();
    }

    void release() {
        if (file_) file_->close();
        in_ = nullptr;
    }

    Source source_;
    ReadOptions options_;
    std::string name_;  // the path as shown in sources and messages
    std::unique_ptr<std::filebuf> file_;
    std::streambuf* in_ = nullptr;
    std::string carry_;  // bytes already read (BOM check, separator detection), served first
    std::size_t carry_pos_ = 0;
    char sep_ = ',';
    std::size_t line_ = 1;       // the physical line being read
    std::size_t rows_ = 0;       // records read, the header included
    std::size_t data_rows_ = 0;  // non-blank records after the header
    std::size_t index_ = 0;
    std::vector<Column> columns_;
    bool long_ = false;
    bool done_ = false;
    std::deque<Answer> queue_;
};

}  // namespace

std::unique_ptr<Reader> open_csv_reader(const Source& source, const ReadOptions& options) {
    return std::make_unique<CsvReader>(source, options);
}

}  // namespace sg::input
