// stargrade calibrate: fit a rubric's weights, penalty scale and bands to labeled answers.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ctime>
#include <iostream>
#include <thread>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "input/discovery.hpp"
#include "pipeline/calibrate.hpp"
#include "pipeline/runner.hpp"
#include "rubric/loader.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace sg::cli {

namespace {

struct CalibrateArgs {
    std::string rubric;
    std::vector<std::string> labels;
    std::string output;
    double shrink = 0.5;
    int folds = 5;
    unsigned jobs = 0;
    std::vector<std::string> inputs;
};

std::string today() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

void print_table(std::ostream& os, const pipeline::CalibrationReport& rep) {
    auto row = [&](const char* name, double a, double b, double c, const char* f) {
        os << fmt::format("  {:<22} {:>8}  {:>10}  {:>14}\n", name, fmt::format(fmt::runtime(f), a),
                          fmt::format(fmt::runtime(f), b), fmt::format(fmt::runtime(f), c));
    };
    os << fmt::format("  {:<22} {:>8}  {:>10}  {:>14}\n", "agreement", "before", "in-sample",
                      fmt::format("{}-fold CV", rep.folds));
    const auto &b = rep.before_fit, &i = rep.in_sample, &c = rep.cross_validated;
    row("spearman", b.spearman, i.spearman, c.spearman, "{:.3f}");
    row("qwk (even slices)", b.qwk_even, i.qwk_even, c.qwk_even, "{:.3f}");
    row("qwk (bands)", b.qwk_bands, i.qwk_bands, c.qwk_bands, "{:.3f}");
    row("pairwise (per question)", b.pairwise, i.pairwise, c.pairwise, "{:.3f}");
    row("mean squared error", b.mse, i.mse, c.mse, "{:.1f}");
    os << "\n  parameter              before       after\n";
    const auto& names = rubric::check_names();
    for (std::size_t k = 0; k < names.size(); ++k)
        os << fmt::format("  weight {:<15} {:>8.1f}  {:>10.1f}\n", names[k], rep.before.weights[k], rep.after.weights[k]);
    os << fmt::format("  {:<22} {:>8.3f}  {:>10.3f}\n", "penalty_scale", rep.before.penalty_scale,
                      rep.after.penalty_scale);
    os << fmt::format("  {:<22} {:>8.3f}  {:>10.3f}\n", "percent_scale", rep.before.percent_scale,
                      rep.after.percent_scale);
    if (rep.cuts_fitted) {
        std::string bc, ac;
        for (double x : rep.before.cuts) bc += fmt::format("{:g} ", x);
        for (double x : rep.after.cuts) ac += fmt::format("{:g} ", x);
        os << fmt::format("  {:<22} {:>8}  {:>10}\n", "band cut points", bc, ac);
    } else {
        os << "  band cut points        not fitted (the rubric needs one band per grade, 5)\n";
    }
}

int run_calibrate(const CalibrateArgs& args) {
    int exit_code = kExitOk;
    auto engine_ptr = load_engine(args.rubric, "", "", exit_code);
    if (!engine_ptr) return exit_code;
    const pipeline::Engine& engine = *engine_ptr;
    util::Diagnostics ldiags;
    std::vector<pipeline::Label> labels;
    for (const auto& file : args.labels) {
        auto more = pipeline::load_labels(file, ldiags);
        labels.insert(labels.end(), more.begin(), more.end());
    }
    if (!ldiags.empty()) {
        for (const auto& d : ldiags.sorted()) std::cerr << d.str() << "\n";
        std::cerr << fmt::format("stargrade: the labels are invalid\n");
        return kExitRubric;
    }
    const std::string labels_names = fmt::format("{}", fmt::join(args.labels, ", "));
    auto sources = input::discover(args.inputs);
    if (sources.empty()) {
        std::cerr << "stargrade: no input found\n";
        return kExitNoInput;
    }
    pipeline::RunOptions ro;
    ro.jobs = args.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : args.jobs;
    auto results = pipeline::grade_all(engine, sources, ro);

    std::map<std::string, const pipeline::Graded*> by_id;
    for (const auto& g : results) by_id[g.answer.id] = &g;
    std::vector<pipeline::Sample> samples;
    std::vector<std::string> missing, ungraded;
    // An answer without a front-matter id is known by its path under the
    // inputs' common root ("dev/answers/d008" when two folders are given); a
    // label "d008" names it when exactly one answer's id ends in "/d008".
    auto find = [&](const std::string& id) {
        auto it = by_id.find(id);
        if (it != by_id.end()) return it;
        auto hit = by_id.end();
        const std::string tail = "/" + id;
        for (auto j = by_id.begin(); j != by_id.end(); ++j) {
            const auto& k = j->first;
            if (util::ends_with(k, tail)) {
                if (hit != by_id.end()) return by_id.end();  // ambiguous
                hit = j;
            }
        }
        return hit;
    };
    for (const auto& l : labels) {
        auto it = find(l.id);
        if (it == by_id.end()) {
            missing.push_back(l.id);
        } else if (it->second->status != pipeline::Status::Graded) {
            ungraded.push_back(l.id);
        } else {
            samples.push_back(pipeline::make_sample(*it->second, l));
        }
    }
    if (!missing.empty())
        std::cerr << fmt::format("stargrade: {} labeled answer{} not among the inputs: {}\n", missing.size(),
                                 missing.size() == 1 ? " is" : "s are", fmt::join(missing, ", "));
    for (const auto& g : results)
        if (g.status != pipeline::Status::Graded) std::cerr << "stargrade: " << g.error << "\n";
    if (samples.size() < 10) {
        std::cerr << fmt::format("stargrade: {} labeled answers could be graded; calibrate needs at least 10\n",
                                 samples.size());
        return kExitNoInput;
    }

    auto rep = pipeline::calibrate(samples, engine.rubric(), args.folds, args.shrink);
    std::cout << fmt::format("calibrated rubric {} {} on {} labeled answers ({}), shrink {:g}\n\n",
                             engine.rubric().id, engine.rubric().version, samples.size(), labels_names, args.shrink);
    print_table(std::cout, rep);
    if (!args.output.empty()) {
        std::string err;
        if (!util::write_file_atomic(args.output, pipeline::calibration_yaml(rep, engine.rubric(), labels_names, today()),
                                     err)) {
            std::cerr << fmt::format("stargrade: cannot write {}: {}\n", args.output, err);
            return kExitWrite;
        }
        std::cout << fmt::format("\nwrote {}; point the rubric's `calibration:` key at it to use it\n", args.output);
    }
    return ungraded.empty() ? kExitOk : kExitInputError;
}

}  // namespace

void add_calibrate(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<CalibrateArgs>();
    auto* cmd = app.add_subcommand("calibrate", "Fit a rubric's check weights, pitfall penalty scale and band cut "
                                                "points to answers graded by people");
    cmd->add_option("--labels", args->labels, "Labels: a YAML list of {id, grade 1..5, question}; repeatable")
        ->required()
        ->allow_extra_args(false);
    cmd->add_option("--shrink", args->shrink,
                    "Pull towards the rubric's own weights: 0 fits the labels alone (default 0.5)")
        ->check(CLI::Range(0.0, 100.0));
    cmd->add_option("--rubric", args->rubric, "Rubric to calibrate (default: the TPM rubric)");
    cmd->add_option("--output,-o", args->output, "Write the fitted weights, penalty scale and bands to FILE");
    cmd->add_option("--folds", args->folds, "Folds for cross-validation")->check(CLI::Range(2, 50));
    cmd->add_option("--jobs,-j", args->jobs, "Worker threads (default: one per core)")->check(CLI::Range(0u, 256u));
    cmd->add_option("ANSWERS", args->inputs, "Labeled answer files or folders")->required();
    cmd->footer(
        "Examples:\n"
        "  stargrade calibrate --labels labels.yaml answers/\n"
        "  stargrade calibrate --labels labels.yaml --rubric my.yaml -o my.calibration.yaml answers/\n"
        "\nPrints agreement before, after (in-sample) and cross-validated, and the fitted parameters.\n"
        "Exit status: 0 done, 2 some answers could not be graded, 64 usage error,\n"
        "65 invalid rubric or labels, 66 fewer than 10 labeled answers, 74 the output could not be written.");
    cmd->callback([args, &exit_code] { exit_code = run_calibrate(*args); });
}

}  // namespace sg::cli
