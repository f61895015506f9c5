#include "rubric/cache.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <type_traits>
#include <utility>

#include "rubric/loader.hpp"
#include "util/files.hpp"

namespace sg::rubric {

namespace {

// Bump when the encoding changes; stargrade's version is in the key too.
constexpr std::uint64_t kFormat = 6;
constexpr char kMagic[8] = {'S', 'G', 'R', 'U', 'B', 'R', 'I', 'C'};

// A field added to a struct of model.hpp must be added to its io() below as
// well, or a cached rubric would silently lack it. These sizes make the
// build fail instead: when one fires, add the field here and update it.
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
static_assert(sizeof(Place) == 8);
static_assert(sizeof(Phrase) == 64, "rubric::Phrase changed: update io(Phrase) in rubric/cache.cpp");
static_assert(sizeof(PhraseSet) == 56, "rubric::PhraseSet changed: update rubric/cache.cpp");
static_assert(sizeof(Condition) == 168, "rubric::Condition changed: update rubric/cache.cpp");
static_assert(sizeof(Pitfall) == 344, "rubric::Pitfall changed: update rubric/cache.cpp");
static_assert(sizeof(Element) == 104, "rubric::Element changed: update rubric/cache.cpp");
static_assert(sizeof(Question) == 232, "rubric::Question changed: update rubric/cache.cpp");
static_assert(sizeof(Kind) == 72, "rubric::Kind changed: update rubric/cache.cpp");
static_assert(sizeof(Competency) == 104, "rubric::Competency changed: update rubric/cache.cpp");
static_assert(sizeof(Band) == 72, "rubric::Band changed: update rubric/cache.cpp");
static_assert(sizeof(Cap) == 272, "rubric::Cap changed: update rubric/cache.cpp");
static_assert(sizeof(Scoring) == 120, "rubric::Scoring changed: update rubric/cache.cpp");
static_assert(sizeof(Detection) == 40, "rubric::Detection changed: update rubric/cache.cpp");
static_assert(sizeof(SpecificityConfig) == 344, "rubric::SpecificityConfig changed: update rubric/cache.cpp");
static_assert(sizeof(StarPart) == 104, "rubric::StarPart changed: update rubric/cache.cpp");
static_assert(sizeof(StarConfig) == 208, "rubric::StarConfig changed: update rubric/cache.cpp");
static_assert(sizeof(MetricPattern) == 40, "rubric::MetricPattern changed: update rubric/cache.cpp");
static_assert(sizeof(MetricsConfig) == 160, "rubric::MetricsConfig changed: update rubric/cache.cpp");
static_assert(sizeof(CoverageConfig) == 88, "rubric::CoverageConfig changed: update rubric/cache.cpp");
static_assert(sizeof(ChecksConfig) == 832, "rubric::ChecksConfig changed: update rubric/cache.cpp");
static_assert(sizeof(Rubric) == 1472, "rubric::Rubric changed: update rubric/cache.cpp");
#endif

struct Out {
    std::string s;
};
struct In {
    std::string_view s;
    std::size_t at = 0;
    bool ok = true;
    bool take(void* to, std::size_t n) {
        if (!ok || s.size() - at < n) return ok = false;
        std::memcpy(to, s.data() + at, n);
        at += n;
        return true;
    }
};

template <class T>
constexpr bool kScalar = (std::is_arithmetic_v<T> || std::is_enum_v<T>)&&!std::is_same_v<T, bool>;

// Numbers and enums as their bytes; bool as one byte; strings and
// containers with their length first.
template <class X>
std::enable_if_t<kScalar<std::remove_const_t<X>>> io(Out& o, X& v) {
    o.s.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class X>
std::enable_if_t<kScalar<X>> io(In& i, X& v) {
    i.take(&v, sizeof v);
}
template <class X>
std::enable_if_t<std::is_same_v<X, const bool> || std::is_same_v<X, bool>> io(Out& o, X& v) {
    o.s.push_back(v ? 1 : 0);
}
template <class X>
std::enable_if_t<std::is_same_v<X, bool>> io(In& i, X& v) {
    char c = 0;
    i.take(&c, 1);
    v = c != 0;
}
void io(Out& o, const std::string& v) {
    std::uint64_t n = v.size();
    io(o, n);
    o.s += v;
}
// A string's, list's or map's length. Every element takes a byte at least:
// a count longer than what is left is a damaged file.
inline bool read_count(In& i, std::uint64_t& n) {
    io(i, n);
    if (!i.ok || n > i.s.size() - i.at) i.ok = false;
    return i.ok;
}
void io(In& i, std::string& v) {
    std::uint64_t n = 0;
    if (!read_count(i, n)) return;
    v.assign(i.s.data() + i.at, static_cast<std::size_t>(n));
    i.at += static_cast<std::size_t>(n);
}

template <class T>
void io(Out& o, const std::vector<T>& v);
template <class T>
void io(In& i, std::vector<T>& v);
template <class K, class V>
void io(Out& o, const std::map<K, V>& m);
template <class K, class V>
void io(In& i, std::map<K, V>& m);

template <class A, class... F>
void fields(A& a, F&... f) {
    (io(a, f), ...);
}

// The structs of model.hpp, field by field, one line each; X is T when
// reading and const T when writing.
#define SG_IO(T, ...)                                                      \
    template <class A, class X>                                            \
    std::enable_if_t<std::is_same_v<std::remove_const_t<X>, T>> io(A& a, X& x) { \
        fields(a, __VA_ARGS__);                                            \
    }

SG_IO(Place, x.line, x.column)
SG_IO(Phrase, x.text, x.regex, x.place)  // `compiled` is rebuilt by the matcher
SG_IO(PhraseSet, x.name, x.phrases)
SG_IO(Condition, x.kind, x.place, x.children, x.sets, x.region, x.distinct, x.negated, x.min, x.max, x.feature,
      x.element, x.covered)
SG_IO(Pitfall, x.id, x.generic, x.percent, x.kinds, x.penalty, x.message, x.advice, x.follow_up, x.detect, x.place)
SG_IO(Element, x.id, x.description, x.cues, x.message)
SG_IO(Question, x.id, x.kind, x.text, x.aliases, x.cues, x.competencies, x.expected, x.pitfalls, x.follow_ups,
      x.place)
SG_IO(Kind, x.id, x.star, x.metrics, x.description)
SG_IO(Competency, x.id, x.name, x.description, x.cues)
SG_IO(Band, x.id, x.min, x.label)
SG_IO(Cap, x.id, x.max, x.kinds, x.message, x.when, x.place)
SG_IO(Scoring, x.pass, x.weights, x.bands, x.penalty_scale, x.percent_scale, x.caps)
SG_IO(Detection, x.min_confidence, x.header_weight, x.stopwords)
SG_IO(SpecificityConfig, x.named, x.concepts, x.concept_weight, x.named_target, x.numbers_target,
      x.length_reference, x.concrete_target, x.singular, x.plural, x.ownership_kinds, x.vague, x.labels, x.vague_max,
      x.fluff_per_100_words, x.fluff_named_credit, x.name_shapes, x.name_shape_credit, x.name_shape_exclude, x.weights,
      x.messages)
SG_IO(StarPart, x.name, x.labels, x.label_words, x.cues)
SG_IO(StarConfig, x.parts, x.result_requires, x.result_blockers, x.opening, x.action_min_share, x.generic_credit,
      x.weights, x.messages)
SG_IO(MetricPattern, x.id, x.set, x.outcome)
SG_IO(MetricsConfig, x.patterns, x.outcome_cues, x.not_outcome, x.cue_window, x.scope, x.target, x.messages)
SG_IO(CoverageConfig, x.min_hits, x.generic_credit, x.concrete, x.hedged, x.buzz)
SG_IO(ChecksConfig, x.negation, x.negation_window, x.specificity, x.star, x.metrics, x.coverage)
SG_IO(Rubric, x.path, x.calibration_path, x.id, x.version, x.title, x.description, x.scoring, x.base_scoring,
      x.detection, x.kinds, x.competencies, x.lexicons, x.checks, x.questions, x.pitfalls, x.sets)
#undef SG_IO

template <class T>
void io(Out& o, const std::vector<T>& v) {
    std::uint64_t n = v.size();
    io(o, n);
    for (const auto& e : v) io(o, e);
}
template <class T>
void io(In& i, std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!read_count(i, n)) return;
    v.clear();
    v.resize(static_cast<std::size_t>(n));
    for (auto& e : v) {
        io(i, e);
        if (!i.ok) return;
    }
}
template <class K, class V>
void io(Out& o, const std::map<K, V>& m) {
    std::uint64_t n = m.size();
    io(o, n);
    for (const auto& [k, v] : m) {
        io(o, k);
        io(o, v);
    }
}
template <class K, class V>
void io(In& i, std::map<K, V>& m) {
    std::uint64_t n = 0;
    if (!read_count(i, n)) return;
    m.clear();
    for (std::uint64_t k = 0; k < n && i.ok; ++k) {
        K key{};
        V value{};
        io(i, key);
        io(i, value);
        m.emplace(std::move(key), std::move(value));
    }
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// Where the model of a rubric at `path` with these bytes is kept.
std::string cache_file(const std::string& dir, const std::string& path, const std::string& text) {
    std::error_code ec;
    std::string abs = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (ec) abs = path;
    return fmt::format("{}/rubric-{:016x}.bin", dir, fnv1a(text, fnv1a(abs + '\0')));
}

void put(std::string& out, std::string_view v) {
    Out o;
    const std::uint64_t n = v.size();
    io(o, n);
    out += o.s;
    out += v;
}

}  // namespace

std::string encode(const Rubric& r) {
    Out o;
    io(o, r);
    return std::move(o.s);
}

bool decode(std::string_view bytes, Rubric& r) {
    In i{bytes};
    io(i, r);
    return i.ok && i.at == bytes.size();
}

// The file: magic, format, stargrade's version, then what was read (the
// rubric's path as given and its bytes, the calibration overlay's path and
// bytes), the model's checksum and the model. Every part must match.
std::unique_ptr<Rubric> load_rubric_cached(const std::string& path, util::Diagnostics& diags,
                                           const std::string& cache_dir, bool* from_cache) {
    if (from_cache) *from_cache = false;
    std::string text, err;
    if (!util::read_file(path, text, err)) {
        diags.add(path, 0, 0, "cannot read the rubric: " + err);
        return nullptr;
    }
    if (cache_dir.empty()) return load_rubric_text(text, path, diags);
    const std::string file = cache_file(cache_dir, path, text);

    util::MappedFile mapped;
    if (mapped.open(file, err)) {
        const std::string_view data = mapped.view();
        In in{data};
        char magic[sizeof kMagic] = {};
        std::uint64_t format = 0, sum = 0;
        std::string version, got_path, got_text, cal_path, cal_text, model;
        in.take(magic, sizeof magic);
        io(in, format);
        fields(in, version, got_path, got_text, cal_path, cal_text);
        io(in, sum);
        io(in, model);
        bool ok = in.ok && in.at == data.size() && std::memcmp(magic, kMagic, sizeof kMagic) == 0 &&
                  format == kFormat && version == STARGRADE_VERSION && got_path == path && got_text == text &&
                  fnv1a(model) == sum;
        if (ok && !cal_path.empty()) {
            std::string now;
            ok = util::read_file(cal_path, now, err) && now == cal_text;
        }
        auto r = std::make_unique<Rubric>();
        if (ok && decode(model, *r)) {
            if (from_cache) *from_cache = true;
            return r;
        }
    }

    std::size_t before = diags.size();
    auto r = load_rubric_text(text, path, diags);
    if (!r || diags.size() != before) return r;
    std::string cal_text;
    if (!r->calibration_path.empty() && !util::read_file(r->calibration_path, cal_text, err)) return r;
    std::string model = encode(*r);
    std::string out(kMagic, sizeof kMagic);
    {
        Out o;
        io(o, kFormat);
        out += o.s;
    }
    put(out, STARGRADE_VERSION);
    put(out, path);
    put(out, text);
    put(out, r->calibration_path);
    put(out, cal_text);
    {
        Out o;
        const std::uint64_t sum = fnv1a(model);
        io(o, sum);
        out += o.s;
    }
    put(out, model);
    util::save_in_cache(cache_dir, file, out);  // failing costs only the next start-up
    return r;
}

}  // namespace sg::rubric
