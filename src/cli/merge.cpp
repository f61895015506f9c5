// stargrade merge: combine the reports of shards (grade --shard K/N) into one.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <queue>
#include <set>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "input/discovery.hpp"
#include "report/report_reader.hpp"
#include "report/writer.hpp"
#include "util/output.hpp"

namespace sg::cli {

namespace {

using ordered_json = nlohmann::ordered_json;

struct MergeArgs {
    std::vector<std::string> reports;
    std::string json, csv;
    bool allow_partial = false;
};

// The order of a single run: input file compared path by path, then position.
struct Key {
    std::string file;
    std::size_t index = 0;
};

bool key_of(const ordered_json& a, Key& k) {
    auto it = a.find("input");
    if (it == a.end() || !it->is_object() || !(*it)["file"].is_string() || !(*it)["index"].is_number_unsigned())
        return false;
    k.file = (*it)["file"].get<std::string>();
    k.index = (*it)["index"].get<std::size_t>();
    return true;
}

bool before(const Key& a, const Key& b) {
    int c = input::compare_paths(a.file, b.file);
    return c != 0 ? c < 0 : a.index < b.index;
}

std::string describe(const ordered_json& h, const char* outer, const char* inner) {
    auto it = h.find(outer);
    if (it == h.end()) return "";
    if (!inner) return it->dump();
    auto jt = it->find(inner);
    return jt == it->end() ? "" : jt->dump();
}

int run_merge(const MergeArgs& args) {
    if (!args.json.empty() && args.json == args.csv) {
        std::cerr << fmt::format("stargrade: --json and --csv both write to {}; give them different files\n", args.json);
        return kExitUsage;
    }
    std::vector<std::unique_ptr<report::ReportReader>> readers;
    for (const auto& path : args.reports) {
        auto r = std::make_unique<report::ReportReader>();
        std::string err;
        if (!r->open(path, err)) {
            std::cerr << "stargrade: " << err << "; nothing merged\n";
            return kExitInputError;
        }
        const auto& h = r->header();
        if (!h.contains("tool") || describe(h, "tool", "name") != "\"stargrade\"" || !h.contains("rubric")) {
            std::cerr << fmt::format("stargrade: {}: not a stargrade report (no tool or rubric field); nothing merged\n",
                                     path);
            return kExitInputError;
        }
        if (!readers.empty()) {
            const auto& first = readers.front()->header();
            for (auto [outer, inner] : {std::pair<const char*, const char*>{"tool", "version"},
                                        {"rubric", "id"},
                                        {"rubric", "version"},
                                        {"pass_mark", nullptr}}) {
                if (describe(first, outer, inner) != describe(h, outer, inner)) {
                    std::cerr << fmt::format(
                        "stargrade: {} and {} differ in {}{} ({} and {}): they are not shards of one run; nothing "
                        "merged\n",
                        readers.front()->path(), path, outer, inner ? std::string(".") + inner : "",
                        describe(first, outer, inner), describe(h, outer, inner));
                    return kExitInputError;
                }
            }
        }
        readers.push_back(std::move(r));
    }
    // Shards must be complete: K/N for every K once, unless told otherwise.
    std::set<unsigned> ks;
    unsigned n = 0;
    bool any_shard = false;
    for (const auto& r : readers) {
        auto it = r->header().find("shard");
        if (it == r->header().end() || !it->is_string()) continue;
        any_shard = true;
        unsigned k = 0, nn = 0;
        if (std::sscanf(it->get<std::string>().c_str(), "%u/%u", &k, &nn) != 2 || (n && nn != n) ||
            !ks.insert(k).second) {
            std::cerr << fmt::format("stargrade: {}: shard {} repeats or does not fit the other reports' shards; "
                                     "nothing merged\n",
                                     r->path(), it->dump());
            return kExitInputError;
        }
        n = nn;
    }
    if (any_shard)
        for (const auto& r : readers)
            if (!r->header().contains("shard")) {
                std::cerr << fmt::format("stargrade: {} is a whole run, not a shard, and the other reports are shards; "
                                         "nothing merged\n",
                                         r->path());
                return kExitInputError;
            }
    if (any_shard && ks.size() != n && !args.allow_partial) {
        std::vector<unsigned> missing;
        for (unsigned k = 1; k <= n; ++k)
            if (!ks.count(k)) missing.push_back(k);
        std::cerr << fmt::format("stargrade: shard{} {} of {} missing; nothing merged (--allow-partial merges anyway)\n",
                                 missing.size() == 1 ? "" : "s", fmt::join(missing, ", "), n);
        return kExitInputError;
    }

    util::install_interrupt_cleanup();
    std::vector<std::pair<std::string, bool>> targets;  // path, is json
    if (!args.json.empty()) targets.emplace_back(args.json, true);
    if (!args.csv.empty()) targets.emplace_back(args.csv, false);
    if (targets.empty()) targets.emplace_back("-", true);
    std::vector<std::unique_ptr<util::Output>> outputs;
    std::vector<std::unique_ptr<report::Writer>> writers;
    for (const auto& [path, is_json] : targets) {
        auto out = std::make_unique<util::Output>();
        std::string err;
        if (!out->open(path, err)) {
            std::cerr << fmt::format("stargrade: cannot write {}: {}; nothing merged\n", path, err);
            return kExitWrite;
        }
        writers.push_back(is_json ? report::make_json_writer(out->stream()) : report::make_csv_writer(out->stream()));
        outputs.push_back(std::move(out));
    }
    const auto& h = readers.front()->header();
    report::RunInfo info;
    info.tool_version = h["tool"].value("version", "");
    info.rubric_id = h["rubric"].value("id", "");
    info.rubric_version = h["rubric"].value("version", "");
    info.rubric_path = h["rubric"].value("path", "");
    info.pass_mark = h.value("pass_mark", 60.0);
    info.generated_at = h.value("generated_at", "");
    for (auto& w : writers) w->begin(info);

    // k-way merge on (file, index): each shard is already in that order.
    struct Head {
        Key key;
        ordered_json answer;
        std::size_t reader;
    };
    auto later = [](const Head& a, const Head& b) { return before(b.key, a.key); };
    std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later);
    bool bad = false;
    auto pull = [&](std::size_t i) {
        Head hd;
        hd.reader = i;
        if (!readers[i]->next(hd.answer)) {
            if (!readers[i]->error().empty()) {
                std::cerr << "stargrade: " << readers[i]->error() << "\n";
                bad = true;
            }
            return;
        }
        if (!key_of(hd.answer, hd.key)) {
            std::cerr << fmt::format("stargrade: {}: answer {} has no \"input\" field (written by an older stargrade?)\n",
                                     readers[i]->path(), hd.answer.value("id", "?"));
            bad = true;
            return;
        }
        heads.push(std::move(hd));
    };
    for (std::size_t i = 0; i < readers.size(); ++i) pull(i);
    report::Summary summary;
    std::optional<Key> last;
    std::size_t last_reader = 0;
    while (!heads.empty() && !bad) {
        Head hd = heads.top();
        heads.pop();
        // Shards are disjoint: the same input twice means a report was given twice or overlaps another.
        if (last && last->file == hd.key.file && last->index == hd.key.index) {
            std::cerr << fmt::format("stargrade: answer {} ({} #{}) is in both {} and {}: the reports overlap\n",
                                     hd.answer.value("id", "?"), hd.key.file, hd.key.index,
                                     readers[last_reader]->path(), readers[hd.reader]->path());
            bad = true;
            break;
        }
        last = hd.key;
        last_reader = hd.reader;
        report::tally(summary, hd.answer.value("status", ""), hd.answer.value("passed", false));
        for (auto& w : writers) w->add_json(hd.answer);
        pull(hd.reader);
    }
    if (bad) {
        for (auto& o : outputs) o->abort();
        std::cerr << "stargrade: nothing merged\n";
        return kExitInputError;
    }
    for (auto& w : writers) w->finish(summary);
    for (auto& o : outputs) {
        std::string err;
        if (!o->commit(err)) {
            std::cerr << fmt::format("stargrade: cannot write {}: {}\n", o->path(), err);
            return kExitWrite;
        }
    }
    std::cerr << fmt::format("merged {} report{}: {} answers, {} graded, {} errors, {} passed, {} failed\n",
                             readers.size(), readers.size() == 1 ? "" : "s", summary.answers, summary.graded,
                             summary.errors, summary.passed, summary.failed);
    if (summary.errors > 0) return kExitInputError;
    if (summary.failed > 0) return kExitFailed;
    return kExitOk;
}

}  // namespace

void add_merge(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<MergeArgs>();
    auto* cmd = app.add_subcommand("merge", "Combine the JSON reports of shards (grade --shard K/N) into one report");
    cmd->add_option("--json", args->json, "Write the merged JSON report to FILE ('-' for standard output)");
    cmd->add_option("--csv", args->csv, "Write the merged CSV report to FILE ('-' for standard output)");
    cmd->add_flag("--allow-partial", args->allow_partial, "Merge even when some shards of K/N are missing");
    cmd->add_option("REPORT", args->reports, "JSON reports written by 'stargrade grade --json'")->required();
    cmd->footer(
        "The merged report is the one a single run over all inputs writes (answers in the\n"
        "same order, the summary recounted); with no --json or --csv the JSON goes to standard output.\n"
        "\nExamples:\n"
        "  for k in 1 2 3 4; do stargrade grade --shard $k/4 answers/ --json part$k.json; done\n"
        "  stargrade merge part*.json --json report.json --csv report.csv\n"
        "\nExit status: as grade (0 all passed, 1 some failed, 2 some answer or report in error),\n"
        "64 usage error, 74 the merged report could not be written.");
    cmd->callback([args, &exit_code] { exit_code = run_merge(*args); });
}

}  // namespace sg::cli
