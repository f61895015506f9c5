#pragma once
// A cache of loaded rubrics, so that start-up need not parse YAML.
//
// yaml-cpp takes about 20 ms to parse the 184 KB default rubric, most of the
// start-up. Once a rubric has loaded without a problem, its model is written
// in a compact binary form under the cache directory (util::cache_dir()),
// named after a hash of the rubric's path and bytes; the file records the
// bytes of every file the rubric read (the rubric and its calibration
// overlay), stargrade's version and a checksum. load_rubric_cached() uses it
// only when all of them match; anything else (an edited rubric or overlay,
// another stargrade, a damaged file) loads from YAML and rewrites it.
// `stargrade check` never uses it: it always validates the YAML.
#include <memory>
#include <string>
#include <string_view>

#include "rubric/model.hpp"
#include "util/diagnostic.hpp"

namespace sg::rubric {

// The model as bytes and back (without the compiled regexes, which the
// matcher compiles again). decode() returns false on anything malformed.
std::string encode(const Rubric& r);
bool decode(std::string_view bytes, Rubric& r);

// load_rubric_file() with the cache in `cache_dir` (empty: no cache).
// `from_cache` tells whether the model came from the cache.
std::unique_ptr<Rubric> load_rubric_cached(const std::string& path, util::Diagnostics& diags,
                                           const std::string& cache_dir, bool* from_cache = nullptr);

}  // namespace sg::rubric
