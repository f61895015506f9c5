#pragma once
// Loads and validates a rubric file. Every problem is collected, located as
// FILE:LINE:COL, and reported at once; a rubric with any problem is not used.
#include <memory>
#include <string>

#include "rubric/model.hpp"
#include "util/diagnostic.hpp"

namespace sg::rubric {

// Largest rubric file accepted, in bytes.
constexpr std::size_t kMaxRubricBytes = 4 * 1024 * 1024;

// The engine's feature names usable in `feature` conditions.
const std::vector<std::string>& feature_names();
// The check names usable in scoring.weights.
const std::vector<std::string>& check_names();

// Parses YAML text (path is used in messages only). Returns null when any
// diagnostic was added.
std::unique_ptr<Rubric> load_rubric_text(const std::string& text, const std::string& path, util::Diagnostics& diags);
std::unique_ptr<Rubric> load_rubric_file(const std::string& path, util::Diagnostics& diags);

}  // namespace sg::rubric
