#pragma once
// Fitting a rubric's scoring to labeled answers: check weights, the pitfall
// penalty scale and band cut points, by deterministic coordinate descent,
// with k-fold cross-validation so that overfitting shows.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/grader.hpp"
#include "util/diagnostic.hpp"

namespace sg::pipeline {

struct Label {
    std::string id;
    std::string question;  // may be empty
    int grade = 0;
};

// Reads a labels file: a YAML list of maps with at least `id` and `grade`
// (an integer 1..5); other keys are ignored. Problems go to diags.
std::vector<Label> load_labels(const std::string& path, util::Diagnostics& diags);

// What scoring needs of one graded, labeled answer.
struct Sample {
    std::string id;
    std::string question;
    int grade = 0;
    std::vector<double> score;   // per check (check_names order); ignored when !applies
    std::vector<double> factor;  // weight factor per check; 0 when the check does not apply
    double penalty = 0;          // sum of the point penalties of the pitfalls found
    std::vector<double> percents;  // the percent penalties (penalty_as: percent) of the pitfalls found
    double cap = 100;            // the lowest max of the rubric caps that held (scoring.caps)
};

Sample make_sample(const Graded& g, const Label& label);

struct Params {
    std::vector<double> weights;  // per check, check_names order
    double penalty_scale = 0;
    double percent_scale = 1;
    std::vector<double> cuts;     // ascending band minimums above 0 (grade 2..G); empty: not fitted
};

Params params_of(const rubric::Scoring& s);
double predict(const Sample& s, const Params& p);

// Agreement of predicted scores with the labels.
struct Agreement {
    double spearman = 0;
    double qwk_even = 0;   // score read as a grade by equal slices of 0..100 (fifths for 1..5)
    double qwk_bands = 0;  // score read as a grade through the band cut points
    double pairwise = 0;   // within a question, the better-graded answer scores higher
    double mse = 0;        // against the middle of each grade's slice
    std::size_t n = 0;
};

double spearman(const std::vector<double>& a, const std::vector<double>& b);
double quadratic_kappa(const std::vector<int>& a, const std::vector<int>& b, int lo, int hi);
int grade_of(double score, int grades);                           // equal slices
int grade_of(double score, const std::vector<double>& cuts);      // 1 + cut points reached
Agreement agreement(const std::vector<Sample>& samples, const std::vector<double>& scores,
                    const std::vector<double>& cuts, int grades);

// Fits weights, penalty scale and percent scale (least squares against slice middles, plus
// `shrink` times the squared distance from `start`), then the cut points
// (quadratic kappa), starting from `start`. Deterministic.
Params fit(const std::vector<Sample>& samples, const Params& start, int grades, bool fit_cuts, double shrink = 0);

struct CalibrationReport {
    Params start;          // the rubric's own scoring: where the fit starts and what it is pulled towards
    Params before, after;  // in force before (with any earlier calibration), and fitted
    Agreement before_fit, in_sample, cross_validated;
    int folds = 0;
    int grades = 5;
    double shrink = 0;
    bool cuts_fitted = false;
};

CalibrationReport calibrate(const std::vector<Sample>& samples, const rubric::Rubric& r, int folds,
                            double shrink = 0);

// The overlay file `calibration: FILE` reads: weights, penalty_scale,
// percent_scale (when the rubric has percent pitfalls), bands.
std::string calibration_yaml(const CalibrationReport& rep, const rubric::Rubric& r, const std::string& labels_path,
                             const std::string& date);

}  // namespace sg::pipeline
