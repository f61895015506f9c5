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

TEST_CASE("with the prefilter the default rubric finds exactly the same matches", "[prefilter]") {
    const auto& rubric = test::tpm_engine().rubric();
    sg::match::Matcher fast(rubric, true), slow(rubric, false);

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
