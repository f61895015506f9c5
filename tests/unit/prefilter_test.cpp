#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "match/matcher.hpp"
#include "match/prefilter.hpp"
#include "test_support.hpp"
#include "text/document.hpp"

using sg::match::LiteralScanner;
using sg::match::required_literals;

namespace {

std::vector<std::string> lits(const std::string& pattern) {
    std::vector<std::string> out;
    if (!required_literals(pattern, out)) return {"<none>"};
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("required literals of plain words, optional letters and small classes", "[prefilter]") {
    CHECK(lits(R"(\bapis?\b)") == V{"api"});
    CHECK(lits(R"(\bprioriti[sz]e\b)") == V{"prioritise", "prioritize"});
    CHECK(lits(R"((?-i:\bLambda\b))") == V{"lambda"});
    CHECK(lits(R"(\bpub\s?/\s?sub\b)") == V{"pub"});
    CHECK(lits(R"(\bc\+\+(?!\w))") == V{"c++"});
    CHECK(lits(R"((?<![\w.])\.net\b)") == V{".net"});
    CHECK(lits(R"(\b(?:elb|alb|nlb)\b)") == V{"alb", "elb", "nlb"});
    CHECK(lits(R"(\bteam of (?:about |around )?\d+\b)") == V{"team of "});
}

TEST_CASE("a pattern that can match without a literal gets no prefilter", "[prefilter]") {
    CHECK(lits(R"(.*)") == V{"<none>"});
    CHECK(lits(R"(\d+%)") == V{"%"});
    CHECK(lits(R"(\d+)") == V{"<none>"});
    CHECK(lits(R"(foo|\w+)") == V{"<none>"});
    CHECK(lits(R"((?:foo)?)") == V{"<none>"});
    CHECK(lits(R"([^abc]x)") == V{"x"});
    CHECK(lits(R"(x{0,3}y)") == V{"y"});
    CHECK(lits(R"(a{2,3})") == V{"a"});
}

TEST_CASE("syntax the analysis does not know turns the prefilter off", "[prefilter]") {
    CHECK(lits(R"((?x) a b)") == V{"<none>"});
    CHECK(lits(R"(\x41bc)") == V{"<none>"});
    CHECK(lits(R"((a)\1)") == V{"<none>"});
    CHECK(lits(R"(\Qa.b\E)") == V{"<none>"});
    CHECK(lits(R"((?(1)a|b))") == V{"<none>"});
    CHECK(lits(R"(abc()") == V{"<none>"});
    CHECK(lits(R"(a{x})") == V{"<none>"});
    CHECK(lits("caf\xc3\xa9") == V{"caf"});  // bytes past ASCII are not relied on
}

TEST_CASE("the literal scanner finds every occurrence, overlapping ones too, ignoring case", "[prefilter]") {
    LiteralScanner s;
    auto he = s.add("he"), she = s.add("she"), his = s.add("his"), hers = s.add("hers");
    CHECK(s.add("he") == he);
    s.build();
    std::vector<std::tuple<std::uint32_t, std::size_t, std::size_t>> hits;
    s.scan("uSHErs his", [&](std::uint32_t id, std::size_t b, std::size_t e) { hits.emplace_back(id, b, e); });
    std::vector<std::tuple<std::uint32_t, std::size_t, std::size_t>> want = {
        {she, 1, 4}, {he, 2, 4}, {hers, 2, 6}, {his, 7, 10}};
    auto by_end = [](const auto& a, const auto& b) {
        return std::tie(std::get<2>(a), std::get<1>(a)) < std::tie(std::get<2>(b), std::get<1>(b));
    };
    std::sort(hits.begin(), hits.end(), by_end);
    std::sort(want.begin(), want.end(), by_end);
    CHECK(hits == want);
}

TEST_CASE("with either prefilter the default rubric finds exactly the same matches", "[prefilter]") {
    const auto& rubric = test::tpm_engine().rubric();
    using Filter = sg::match::Matcher::Filter;
    test::TempDir cache;
    auto filter = GENERATE(Filter::Literals, Filter::Hyperscan);
    sg::match::Matcher fast(rubric, filter, cache.str()), slow(rubric, Filter::None);
    INFO(fast.filter_status());

    // The samples, and sentences built from the rubric's own phrases in mixed case.
    std::vector<std::string> texts;
    for (const auto& e : std::filesystem::directory_iterator(std::string(STARGRADE_REPO) + "/samples")) {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        texts.push_back(sg::text::normalise_newlines(ss.str()));
    }
    std::string mixed;
    std::size_t n = 0;
    for (const auto& set : rubric.sets)
        for (const auto& ph : set.phrases) {
            std::string t = ph.text;
            if (ph.regex) continue;
            if (n % 3 == 1) std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::toupper(c); });
            mixed += (n % 7 == 0 ? "We did not " : "I ") + t + (n % 5 == 0 ? ". " : " by 40% in 2023, ");
            ++n;
        }
    texts.push_back(mixed);
    REQUIRE(texts.size() > 5);

    std::size_t total = 0;
    for (const auto& t : texts) {
        sg::text::Document doc(t, 0);
        auto a = fast.scan(doc), b = slow.scan(doc);
        for (std::size_t s = 0; s < rubric.sets.size(); ++s) {
            const auto& x = a.of(static_cast<sg::rubric::SetId>(s));
            const auto& y = b.of(static_cast<sg::rubric::SetId>(s));
            INFO("set " << rubric.sets[s].name);
            REQUIRE(x.size() == y.size());
            for (std::size_t i = 0; i < x.size(); ++i) {
                CHECK(x[i].begin == y[i].begin);
                CHECK(x[i].end == y[i].end);
                CHECK(x[i].phrase == y[i].phrase);
                CHECK(x[i].negated == y[i].negated);
            }
            total += x.size();
        }
    }
    CHECK(total > 500);
}

using sg::match::HyperscanSet;

TEST_CASE("syntax that Boost.Regex and Hyperscan read differently is left to the fallback", "[prefilter]") {
    CHECK(HyperscanSet::same_syntax(R"(\bapis?\b)"));
    CHECK(HyperscanSet::same_syntax(R"((?<![\w.])\d+\s?%)"));
    CHECK(HyperscanSet::same_syntax(R"([$^]\d+)"));       // anchors inside a class are plain characters
    CHECK(HyperscanSet::same_syntax(R"([]^]x)"));         // so is a ']' first in a class
    CHECK_FALSE(HyperscanSet::same_syntax(R"(\<team\>)"));  // Boost: word start and end
    CHECK_FALSE(HyperscanSet::same_syntax(R"(\Bops)"));     // needs the byte before the sentence
    CHECK_FALSE(HyperscanSet::same_syntax(R"(^we )"));      // Boost also breaks lines at \r and \f
    CHECK_FALSE(HyperscanSet::same_syntax(R"(done$)"));
    CHECK_FALSE(HyperscanSet::same_syntax(R"(\l+)"));       // Boost: a lower-case letter
    CHECK_FALSE(HyperscanSet::same_syntax("trailing\\"));
}

#ifdef STARGRADE_HAVE_HYPERSCAN
namespace {
std::vector<std::vector<std::uint32_t>> hs_candidates(const HyperscanSet& set, const std::string& text,
                                                      std::size_t patterns) {
    std::vector<std::vector<std::uint32_t>> out(patterns);
    // Two "sentences": the text cut at its first ". ".
    auto cut = static_cast<std::uint32_t>(text.find(". "));
    set.scan(text, {{0, cut + 1, 0}, {cut + 2, static_cast<std::uint32_t>(text.size()), 1}}, out);
    return out;
}
}  // namespace

TEST_CASE("Hyperscan names the sentences each pattern matches in, exact or prefiltered", "[prefilter]") {
    test::TempDir cache;
    std::vector<std::string> patterns = {R"(\bkafka\b)", R"((?<![\w.])\d+\s?%)", R"(\<ops\>)", R"(\bp99\b)"};
    HyperscanSet set(patterns, cache.str());
    INFO(set.status());
    REQUIRE(set.available());
    CHECK(set.covers(0));
    CHECK(set.covers(1));        // lookbehind: prefilter mode
    CHECK_FALSE(set.covers(2));  // Boost-only syntax
    CHECK(set.covers(3));
    auto c = hs_candidates(set, "We moved to KAFKA. Latency fell 40 % at p99", patterns.size());
    CHECK(c[0] == std::vector<std::uint32_t>{0});
    CHECK(c[1] == std::vector<std::uint32_t>{1});
    CHECK(c[2].empty());
    CHECK(c[3] == std::vector<std::uint32_t>{1});
}

TEST_CASE("the compiled Hyperscan database is cached, and a damaged cache file is rebuilt", "[prefilter]") {
    test::TempDir cache;
    std::vector<std::string> patterns = {R"(\bkafka\b)", R"(\bp(?:50|99)\b)"};
    {
        HyperscanSet first(patterns, cache.str());
        CHECK_THAT(first.status(), Catch::Contains("compiled") && Catch::Contains("saved"));
    }
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(cache.path())) files.push_back(e.path());
    REQUIRE(files.size() == 1);  // no temporary file left behind
    {
        HyperscanSet second(patterns, cache.str());
        CHECK_THAT(second.status(), Catch::Contains("loaded"));
        auto c = hs_candidates(second, "Kafka. p99 and kafka", patterns.size());
        CHECK(c[0] == std::vector<std::uint32_t>{0, 1});
        CHECK(c[1] == std::vector<std::uint32_t>{1});
    }
    // Other patterns: another key, another file.
    HyperscanSet other({R"(\bredis\b)"}, cache.str());
    CHECK_THAT(other.status(), Catch::Contains("compiled"));
    // Cut the first file short: it is compiled again and rewritten, not trusted.
    std::filesystem::resize_file(files[0], std::filesystem::file_size(files[0]) / 2);
    HyperscanSet third(patterns, cache.str());
    CHECK_THAT(third.status(), Catch::Contains("compiled") && Catch::Contains("saved"));
    auto c = hs_candidates(third, "Kafka. p99 and kafka", patterns.size());
    CHECK(c[0] == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("with no cache directory Hyperscan still works, compiling each time", "[prefilter]") {
    HyperscanSet set({R"(\bkafka\b)"}, "");
    CHECK(set.available());
    CHECK_THAT(set.status(), Catch::Contains("compiled") && !Catch::Contains("saved"));
}
#endif
