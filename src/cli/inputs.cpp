#include "cli/inputs.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <iostream>

#include "util/files.hpp"
#include "util/strings.hpp"
#include "util/yaml.hpp"

namespace sg::cli {

void add_input_options(CLI::App& cmd, InputArgs& args) {
    cmd.add_option("--glob", args.globs,
                   "Take only files matching PATTERN from folders (repeatable; '*' '**' '?' '[..]'; without '/' it "
                   "matches the file name)")
        ->allow_extra_args(false);
    cmd.add_option("--exclude", args.excludes, "Leave out files and folders matching PATTERN (repeatable)")
        ->allow_extra_args(false);
    cmd.add_option("--input-format", args.input_format,
                   "Read every input as text, jsonl or csv (default: auto, by extension)")
        ->check(CLI::IsMember({"auto", "text", "md", "txt", "jsonl", "ndjson", "csv"}));
    cmd.add_option("--text-field", args.text_field,
                   "JSONL key or CSV column holding the answer text (default: answer)");
    cmd.add_option("--column-map", args.column_maps,
                   "CSV question columns: 'HEADER=question-id', or a YAML file mapping headers to ids (repeatable)")
        ->allow_extra_args(false);
    cmd.add_option("--max-bytes", args.max_bytes, "Largest answer accepted, in bytes (default: 1 MiB)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
    cmd.add_option("INPUT", args.inputs,
                   "Answer files or folders ('-' for standard input; folders: *.md *.txt *.jsonl *.csv, recursively)")
        ->required();
}

input::DiscoveryOptions discovery_options(const InputArgs& args) {
    input::DiscoveryOptions o;
    o.globs = args.globs;
    o.excludes = args.excludes;
    return o;
}

bool make_read_options(const InputArgs& args, const pipeline::Engine& engine, input::ReadOptions& out) {
    if (!input::parse_format(args.input_format, out.format)) {
        std::cerr << fmt::format("stargrade: --input-format {}: expected auto, text, jsonl or csv\n", args.input_format);
        return false;
    }
    out.max_bytes = args.max_bytes;
    out.text_field = args.text_field;
    const auto& rubric = engine.rubric();
    auto add_pair = [&](const std::string& header, const std::string& id, const std::string& where) {
        if (!rubric.question(id)) {
            auto ids = std::vector<std::string>();
            for (const auto& q : rubric.questions) ids.push_back(q.id);
            auto near = util::closest(id, ids);
            std::cerr << fmt::format("stargrade: {}: '{}' is not a question of rubric {}{}\n", where, id, rubric.id,
                                     near ? fmt::format(" (did you mean '{}'?)", *near) : "");
            return false;
        }
        out.column_map.emplace_back(header, id);
        return true;
    };
    for (const auto& m : args.column_maps) {
        auto eq = m.rfind('=');
        std::error_code ec;
        bool is_file = std::filesystem::is_regular_file(m, ec);
        if (eq == std::string::npos || is_file) {
            bool folder = std::filesystem::is_directory(m, ec);
            if (!is_file && (folder || !std::filesystem::exists(m, ec))) {  // a pipe, as from <(...), is read
                const char* why = folder ? "is a folder, not a YAML file" : "no such file";
                std::cerr << fmt::format("stargrade: --column-map {}: {}; expected 'HEADER=question-id' or a YAML file\n",
                                         m, why);
                return false;
            }
            YAML::Node doc;
            std::string text, err;
            constexpr std::size_t kMaxMapBytes = 1024 * 1024;
            if (!util::read_file(m, text, err, kMaxMapBytes)) {
                std::cerr << fmt::format("stargrade: --column-map {}: cannot read: {}\n", m, err);
                return false;
            }
            if (text.size() > kMaxMapBytes) {
                std::cerr << fmt::format("stargrade: --column-map {}: over the limit of {} bytes for a column map\n", m,
                                         kMaxMapBytes);
                return false;
            }
            try {
                doc = YAML::Load(text);
            } catch (const YAML::Exception& e) {
                if (util::yaml_too_deep(e))
                    std::cerr << fmt::format("stargrade: {}:{}: {}\n", m, e.mark.line + 1, util::yaml_error_text(e));
                else
                    std::cerr << fmt::format("stargrade: {}:{}:{}: {}\n", m, e.mark.line + 1, e.mark.column + 1, e.msg);
                return false;
            }
            if (!doc.IsMap()) {
                std::cerr << fmt::format("stargrade: {}: a column map is a YAML map of 'column header: question-id'\n", m);
                return false;
            }
            for (const auto& kv : doc) {
                if (!kv.first.IsScalar() || !kv.second.IsScalar()) {
                    std::cerr << fmt::format("stargrade: {}:{}:{}: each entry is 'column header: question-id'\n", m,
                                             kv.first.Mark().line + 1, kv.first.Mark().column + 1);
                    return false;
                }
                if (!add_pair(kv.first.Scalar(), kv.second.Scalar(),
                              fmt::format("{}:{}:{}", m, kv.second.Mark().line + 1, kv.second.Mark().column + 1)))
                    return false;
            }
            continue;
        }
        std::string header(util::trim(std::string_view(m).substr(0, eq)));
        std::string id(util::trim(std::string_view(m).substr(eq + 1)));
        if (header.empty() || id.empty()) {
            std::cerr << fmt::format("stargrade: --column-map '{}': expected 'HEADER=question-id'\n", m);
            return false;
        }
        if (!add_pair(header, id, "--column-map")) return false;
    }
    const pipeline::QuestionDetector* det = &engine.detector();
    out.resolve_question = [det](const std::string& header) {
        const auto* q = det->question_for_title(header);
        return q ? q->id : std::string();
    };
    return true;
}

}  // namespace sg::cli
