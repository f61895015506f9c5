// Calibration: agreement figures, the fit, cross-validation and the overlay file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "pipeline/calibrate.hpp"
#include "rubric/loader.hpp"
#include "test_support.hpp"

using namespace sg::pipeline;

namespace {

// Samples whose grade follows the first check (specificity) and not the
// second (star): a fit should move weight to the first.
std::vector<Sample> synthetic(int n) {
    std::vector<Sample> out;
    for (int i = 0; i < n; ++i) {
        Sample s;
        s.id = "s" + std::to_string(100 + i);
        s.question = i % 2 ? "a" : "b";
        s.grade = 1 + i % 5;
        double good = 20.0 * (s.grade - 1) + 10.0;
        double noise = (i * 37) % 100;
        s.score = {good, noise, 50, 100, 50};
        s.factor = {1, 1, 1, 1, 1};
        out.push_back(s);
    }
    return out;
}

}  // namespace

TEST_CASE("agreement figures match their definitions", "[calibrate]") {
    CHECK(spearman({1, 2, 3, 4}, {10, 20, 30, 40}) == Approx(1.0));
    CHECK(spearman({1, 2, 3, 4}, {40, 30, 20, 10}) == Approx(-1.0));
    CHECK(quadratic_kappa({1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}, 1, 5) == Approx(1.0));
    // one step off everywhere is far better than reversed
    double near = quadratic_kappa({1, 2, 3, 4, 5}, {2, 3, 4, 5, 5}, 1, 5);
    double reversed = quadratic_kappa({1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}, 1, 5);
    CHECK(near > 0.5);
    CHECK(reversed < 0);
    CHECK(grade_of(0.0, 5) == 1);
    CHECK(grade_of(19.9, 5) == 1);
    CHECK(grade_of(20.0, 5) == 2);
    CHECK(grade_of(100.0, 5) == 5);
    CHECK(grade_of(45.0, std::vector<double>{20, 40, 60, 80}) == 3);
}

TEST_CASE("predict combines weights, applicability and the penalty scale", "[calibrate]") {
    Sample s;
    s.score = {80, 40, 0, 0, 0};
    s.factor = {1, 1, 0, 0, 0};  // only the first two apply
    s.penalty = 20;
    Params p;
    p.weights = {1, 1, 5, 5, 5};
    CHECK(predict(s, p) == Approx(60));
    p.penalty_scale = 0.5;
    CHECK(predict(s, p) == Approx(50));
    p.penalty_scale = 10;
    CHECK(predict(s, p) == Approx(0));  // clamped
    SECTION("a rubric cap that held is the ceiling, whatever the weights") {
        p.penalty_scale = 0;
        s.cap = 15;
        CHECK(predict(s, p) == Approx(15));
        s.score = {10, 10, 0, 0, 0};
        CHECK(predict(s, p) == Approx(10));
    }
}

TEST_CASE("the fit moves weight to the check that follows the grades", "[calibrate]") {
    auto samples = synthetic(40);
    Params start;
    start.weights = {20, 20, 20, 20, 20};
    start.cuts = {20, 40, 60, 80};
    Params p = fit(samples, start, 5, true);
    CHECK(p.weights[0] > p.weights[1]);
    double total = p.weights[0] + p.weights[1] + p.weights[2] + p.weights[3] + p.weights[4];
    CHECK(total == Approx(100).margin(0.5));
    std::vector<double> before, after;
    for (const auto& s : samples) {
        before.push_back(predict(s, start));
        after.push_back(predict(s, p));
    }
    auto a0 = agreement(samples, before, start.cuts, 5);
    auto a1 = agreement(samples, after, p.cuts, 5);
    CHECK(a1.mse < a0.mse);
    CHECK(a1.spearman > a0.spearman);
    // the same input gives the same fit
    Params again = fit(samples, start, 5, true);
    CHECK(again.weights == p.weights);
    CHECK(again.cuts == p.cuts);
}

TEST_CASE("shrink keeps the fit near the starting weights", "[calibrate]") {
    auto samples = synthetic(40);
    Params start;
    start.weights = {20, 20, 20, 20, 20};
    Params free = fit(samples, start, 5, false, 0);
    Params held = fit(samples, start, 5, false, 50);
    CHECK(std::abs(held.weights[1] - 20) < std::abs(free.weights[1] - 20));
}

TEST_CASE("calibrate reports cross-validated figures and writes an overlay the loader reads", "[calibrate]") {
    auto r = test::load_test_rubric();
    auto samples = synthetic(30);
    auto rep = calibrate(samples, *r, 5);
    CHECK(rep.folds == 5);
    CHECK(rep.in_sample.n == 30);
    CHECK(rep.cross_validated.n == 30);
    // held-out predictions cannot beat the in-sample fit by much on its own objective
    CHECK(rep.cross_validated.mse >= rep.in_sample.mse - 1e-6);

    std::string yaml = calibration_yaml(rep, *r, "labels.yaml", "2026-01-01");
    CHECK_THAT(yaml, Catch::Contains("weights:"));
    CHECK_THAT(yaml, Catch::Contains("penalty_scale:"));
    // the test rubric has no percent pitfalls, so no percent_scale line
    CHECK_THAT(yaml, !Catch::Contains("percent_scale:"));
    CHECK_THAT(yaml, Catch::Contains("cross_validated: {spearman:"));

    test::TempDir dir;
    std::ofstream(dir.path() / "cal.yaml") << yaml;
    std::string rubric_text = std::string(test::kRubricYaml) + "calibration: cal.yaml\n";
    std::ofstream(dir.path() / "r.yaml") << rubric_text;
    sg::util::Diagnostics diags;
    auto loaded = sg::rubric::load_rubric_file((dir.path() / "r.yaml").string(), diags);
    for (const auto& d : diags.items()) UNSCOPED_INFO(d.str());
    REQUIRE(loaded);
    const auto& names = sg::rubric::check_names();
    for (std::size_t i = 0; i < names.size(); ++i)
        CHECK(loaded->scoring.weights.at(names[i]) == Approx(rep.after.weights[i]));
    // the rubric's own scoring stays the starting point
    CHECK(loaded->base_scoring.weights == r->scoring.weights);
}

TEST_CASE("a bad calibration overlay is reported against its own file", "[calibrate][loader]") {
    test::TempDir dir;
    std::ofstream(dir.path() / "cal.yaml") << "weights: {specificity: 1, stra: 2}\npenalty_scale: -1\n";
    std::ofstream(dir.path() / "r.yaml") << std::string(test::kRubricYaml) + "calibration: cal.yaml\n";
    sg::util::Diagnostics diags;
    auto loaded = sg::rubric::load_rubric_file((dir.path() / "r.yaml").string(), diags);
    CHECK_FALSE(loaded);
    std::string all;
    for (const auto& d : diags.sorted()) all += d.str() + "\n";
    CHECK_THAT(all, Catch::Contains("cal.yaml:1:27: unknown key 'stra' in weights (did you mean 'star'?)"));
    CHECK_THAT(all, Catch::Contains("cal.yaml:2:16: calibration.penalty_scale must be between 0 and 10"));

    std::ofstream(dir.path() / "r2.yaml") << std::string(test::kRubricYaml) + "calibration: missing.yaml\n";
    sg::util::Diagnostics d2;
    CHECK_FALSE(sg::rubric::load_rubric_file((dir.path() / "r2.yaml").string(), d2));
    REQUIRE(d2.size() == 1);
    CHECK_THAT(d2.items()[0].message, Catch::Contains("cannot read the calibration file"));
}

TEST_CASE("labels are read with their problems located", "[calibrate]") {
    test::TempDir dir;
    std::ofstream(dir.path() / "l.yaml") << "- {id: a, grade: 4, question: q1}\n- {id: b, grade: 9}\n- {id: a, grade: 2}\n- {grade: 3}\n";
    sg::util::Diagnostics diags;
    auto labels = load_labels((dir.path() / "l.yaml").string(), diags);
    REQUIRE(labels.size() == 1);
    CHECK(labels[0].id == "a");
    CHECK(labels[0].grade == 4);
    CHECK(labels[0].question == "q1");
    REQUIRE(diags.size() == 3);
    auto d = diags.sorted();
    CHECK(d[0].line == 2);
    CHECK_THAT(d[0].message, Catch::Contains("grade must be a whole number from 1 to 5"));
    CHECK(d[1].line == 3);
    CHECK_THAT(d[1].message, Catch::Contains("duplicate label id 'a'"));
    CHECK(d[2].line == 4);
    CHECK_THAT(d[2].message, Catch::Contains("needs an id and a grade"));
}

TEST_CASE("predict and fit take percent penalties as shares of the score", "[calibrate]") {
    Sample s;
    s.score = {80, 40, 0, 0, 0};
    s.factor = {1, 1, 0, 0, 0};
    s.percents = {20};
    Params p;
    p.weights = {1, 1, 5, 5, 5};
    p.percent_scale = 1;
    CHECK(predict(s, p) == Approx(48));  // 60 * 0.8
    p.percent_scale = 2;
    CHECK(predict(s, p) == Approx(36));  // 60 * 0.6
    p.percent_scale = 0;
    CHECK(predict(s, p) == Approx(60));

    // Answers whose grade drops a whole grade with a red flag: the fit raises the scale.
    auto samples = synthetic(40);
    for (std::size_t i = 0; i < samples.size(); ++i)
        if (i % 4 == 0 && samples[i].grade > 1) {
            samples[i].grade -= 1;
            samples[i].percents = {10};
        }
    Params start;
    start.weights = {20, 20, 20, 20, 20};
    start.percent_scale = 1;
    Params fitted = fit(samples, start, 5, false);
    CHECK(fitted.percent_scale > 1.2);
    // without any percent penalty the scale is left where it started
    Params untouched = fit(synthetic(40), start, 5, false);
    CHECK(untouched.percent_scale == Approx(1));
}
