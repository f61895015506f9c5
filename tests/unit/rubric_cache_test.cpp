// rubric::encode/decode and load_rubric_cached: a rubric read back from the
// cache grades exactly as the one loaded from YAML, and anything stale or
// damaged is loaded from YAML instead.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "match/matcher.hpp"
#include "report/report.hpp"
#include "rubric/cache.hpp"
#include "test_support.hpp"
#include "text/document.hpp"
#include "util/strings.hpp"

namespace {

namespace fs = std::filesystem;

std::unique_ptr<sg::rubric::Rubric> load_tpm() {
    sg::util::Diagnostics diags;
    auto r = sg::rubric::load_rubric_file(std::string(STARGRADE_REPO) + "/rubrics/tpm.yaml", diags);
    REQUIRE(r != nullptr);
    REQUIRE(diags.size() == 0);
    return r;
}

std::vector<std::string> sample_texts() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(std::string(STARGRADE_REPO) + "/samples")) {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        out.push_back(ss.str());
    }
    REQUIRE(out.size() > 5);
    return out;
}

std::vector<sg::pipeline::Graded> grade_all(const sg::pipeline::Engine& engine, const std::vector<std::string>& texts) {
    std::vector<sg::pipeline::Graded> out;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        std::string id = "answer-" + std::to_string(i);
        out.push_back(engine.grade(sg::input::parse_answer(texts[i], id + ".md", id), {}));
    }
    return out;
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::size_t files_in(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return 0;
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the default rubric decoded from its cached form grades the samples identically", "[rubric-cache]") {
    auto yaml = load_tpm();
    const std::string bytes = sg::rubric::encode(*yaml);
    auto decoded = std::make_unique<sg::rubric::Rubric>();
    REQUIRE(sg::rubric::decode(bytes, *decoded));
    CHECK(sg::rubric::encode(*decoded) == bytes);
    CHECK(decoded->id == yaml->id);
    CHECK(decoded->questions.size() == yaml->questions.size());
    CHECK(decoded->sets.size() == yaml->sets.size());
    CHECK(decoded->calibration_path == yaml->calibration_path);

    sg::pipeline::Engine from_yaml(std::move(yaml)), from_cache(std::move(decoded));
    const auto texts = sample_texts();
    const auto a = grade_all(from_yaml, texts), b = grade_all(from_cache, texts);
    sg::report::RunInfo info;
    info.tool_version = "1";
    info.generated_at = "2026-01-01T00:00:00Z";
    info.pass_mark = from_yaml.rubric().scoring.pass;
    const std::string json = sg::report::to_json(from_yaml, info, a);
    CHECK(json.find("\"findings\"") != std::string::npos);
    CHECK(sg::report::to_json(from_cache, info, b) == json);
    CHECK(sg::report::to_csv(from_cache, b) == sg::report::to_csv(from_yaml, a));
}

TEST_CASE("a cut short, padded or inflated encoding is refused without reading past it", "[rubric-cache]") {
    const auto r = load_tpm();
    const std::string bytes = sg::rubric::encode(*r);
    REQUIRE(bytes.size() > 10000);
    sg::rubric::Rubric out;
    // Every length near the start and the end, and a few hundred in between.
    for (std::size_t n = 0; n < bytes.size(); n += (n < 64 || n + 64 > bytes.size()) ? 1 : bytes.size() / 300) {
        INFO("first " << n << " of " << bytes.size() << " bytes");
        CHECK_FALSE(sg::rubric::decode(std::string_view(bytes).substr(0, n), out));
    }
    CHECK_FALSE(sg::rubric::decode(bytes + '\0', out));
    // The first field is the path's length: a huge one must not allocate.
    std::string inflated = bytes;
    for (int i = 0; i < 8; ++i) inflated[static_cast<std::size_t>(i)] = '\xff';
    CHECK_FALSE(sg::rubric::decode(inflated, out));
    CHECK(sg::rubric::decode(bytes, out));
}

TEST_CASE("load_rubric_cached saves a valid rubric, loads it back and notices edits", "[rubric-cache]") {
    test::TempDir dir;
    const std::string path = dir.write("r.yaml", test::kRubricYaml);
    const fs::path cache = dir.path() / "cache";
    sg::util::Diagnostics diags;
    bool hit = true;

    auto first = sg::rubric::load_rubric_cached(path, diags, cache.string(), &hit);
    REQUIRE(first != nullptr);
    CHECK_FALSE(hit);
    CHECK(files_in(cache) == 1);

    auto second = sg::rubric::load_rubric_cached(path, diags, cache.string(), &hit);
    REQUIRE(second != nullptr);
    CHECK(hit);
    CHECK(sg::rubric::encode(*second) == sg::rubric::encode(*first));
    CHECK(diags.size() == 0);

    SECTION("an edited rubric is loaded from its YAML") {
        std::string edited = test::kRubricYaml;
        const std::string from = "title: Test rubric", to = "title: Edited rubric";
        REQUIRE(edited.find(from) != std::string::npos);
        edited.replace(edited.find(from), from.size(), to);
        dir.write("r.yaml", edited);
        auto third = sg::rubric::load_rubric_cached(path, diags, cache.string(), &hit);
        REQUIRE(third != nullptr);
        CHECK_FALSE(hit);
        CHECK(third->title == "Edited rubric");
        CHECK(files_in(cache) == 2);
    }
    SECTION("a damaged cache file is loaded from YAML and rewritten") {
        REQUIRE(files_in(cache) == 1);
        const std::string file = fs::directory_iterator(cache)->path().string();
        std::string data = read(file);
        data[data.size() - 3] = static_cast<char>(data[data.size() - 3] ^ 0x20);
        std::ofstream(file, std::ios::binary | std::ios::trunc) << data;
        auto third = sg::rubric::load_rubric_cached(path, diags, cache.string(), &hit);
        REQUIRE(third != nullptr);
        CHECK_FALSE(hit);
        CHECK(sg::rubric::encode(*third) == sg::rubric::encode(*first));
        CHECK(read(file) != data);
        sg::rubric::load_rubric_cached(path, diags, cache.string(), &hit);
        CHECK(hit);
    }
    SECTION("another rubric with the same bytes at another path has its own entry") {
        const std::string other = dir.write("copy/r.yaml", test::kRubricYaml);
        auto third = sg::rubric::load_rubric_cached(other, diags, cache.string(), &hit);
        REQUIRE(third != nullptr);
        CHECK_FALSE(hit);
        CHECK(third->path == other);
        CHECK(files_in(cache) == 2);
    }
}

TEST_CASE("load_rubric_cached caches nothing without a folder or for a rubric with problems", "[rubric-cache]") {
    test::TempDir dir;
    const fs::path cache = dir.path() / "cache";
    sg::util::Diagnostics diags;
    bool hit = true;

    const std::string good = dir.write("good.yaml", test::kRubricYaml);
    REQUIRE(sg::rubric::load_rubric_cached(good, diags, "", &hit) != nullptr);
    CHECK_FALSE(hit);

    const std::string bad = dir.write("bad.yaml", test::kRubricYaml + "bogus_key: 1\n");
    auto r = sg::rubric::load_rubric_cached(bad, diags, cache.string(), &hit);
    CHECK(r == nullptr);
    CHECK_FALSE(hit);
    REQUIRE(diags.size() > 0);
    CHECK(diags.sorted().front().str().find("bad.yaml") != std::string::npos);
    CHECK(files_in(cache) == 0);

    sg::util::Diagnostics missing;
    CHECK(sg::rubric::load_rubric_cached((dir.path() / "none.yaml").string(), missing, cache.string()) == nullptr);
    REQUIRE(missing.size() == 1);
    CHECK(missing.sorted().front().str().find("cannot read the rubric") != std::string::npos);
}

TEST_CASE("plain phrases split without a Document into the words the tokenizer sees", "[rubric-cache][matcher]") {
    std::vector<std::string> words;
    CHECK(sg::match::Matcher::simple_words("the team of 5", words));
    CHECK(words == std::vector<std::string>{"the", "team", "of", "5"});
    for (const char* p : {"", " a", "a ", "a  b", "C", "c++", "ci/cd", "don't", "e-mail", "caf\xc3\xa9"}) {
        INFO("'" << p << "'");
        CHECK_FALSE(sg::match::Matcher::simple_words(p, words));
    }
    // Every phrase of the default rubric the fast path takes splits as a Document would.
    const auto r = load_tpm();
    std::size_t fast = 0;
    for (const auto& set : r->sets)
        for (const auto& ph : set.phrases) {
            if (ph.regex) continue;
            std::string p(sg::util::trim(ph.text));
            if (!p.empty() && p.back() == '*') p.pop_back();
            if (!sg::match::Matcher::simple_words(p, words)) continue;
            ++fast;
            sg::text::Document d(p, 0);
            std::vector<std::string> tokens;
            for (const auto& t : d.tokens()) tokens.push_back(t.norm);
            INFO("phrase '" << ph.text << "' of " << set.name);
            CHECK(words == tokens);
        }
    CHECK(fast > 1000);
}
