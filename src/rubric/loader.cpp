#include "rubric/loader.hpp"

#include <boost/regex.hpp>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "text/document.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"
#include "util/yaml.hpp"

namespace sg::rubric {

const std::vector<std::string>& feature_names() {
    static const std::vector<std::string> names = {
        "words",          "sentences",          "first_person_singular", "first_person_plural",
        "we_share",       "vague_per_100_words", "named",                "numbers",
        "concrete_sentences",
        "metrics",        "star_parts",         "star_situation",        "star_task",
        "star_action",    "star_result",        "action_share",          "coverage",
        "score_specificity", "score_star",      "score_metrics",         "score_coverage"};
    return names;
}

const std::vector<std::string>& check_names() {
    static const std::vector<std::string> names = {"specificity", "star", "metrics", "pitfalls", "coverage"};
    return names;
}

namespace {

using Keys = std::vector<std::string>;

// Walks the YAML tree, building the model and collecting every problem.
class Loader {
public:
    Loader(std::string path, util::Diagnostics& diags) : path_(std::move(path)), diags_(diags) {}

    std::unique_ptr<Rubric> load(const YAML::Node& root);

private:
    std::string path_;
    util::Diagnostics& diags_;
    Rubric* r_ = nullptr;

    Place place(const YAML::Node& n) const {
        auto m = n.Mark();
        if (m.line < 0) return Place{};
        return Place{m.line + 1, m.column + 1};
    }
    void error(const YAML::Node& n, const std::string& msg) { error(place(n), msg); }
    void error(Place p, const std::string& msg) { diags_.add(path_, p.line, p.column, msg); }

    static const char* type_name(const YAML::Node& n) {
        switch (n.Type()) {
            case YAML::NodeType::Map: return "a map";
            case YAML::NodeType::Sequence: return "a list";
            case YAML::NodeType::Scalar: return "a scalar";
            case YAML::NodeType::Null: return "empty";
            default: return "undefined";
        }
    }

    // Checks a map's keys: unknown (with a suggestion), duplicate, required.
    bool check_map(const YAML::Node& n, const std::string& what, const Keys& allowed, const Keys& required = {}) {
        if (!n.IsMap()) {
            error(n, fmt::format("{} must be a map, not {}", what, type_name(n)));
            return false;
        }
        std::map<std::string, Place> seen;
        for (const auto& kv : n) {
            const YAML::Node& k = kv.first;
            if (!k.IsScalar()) {
                error(k, fmt::format("{}: keys must be plain words", what));
                continue;
            }
            std::string key = k.Scalar();
            auto prev = seen.find(key);
            if (prev != seen.end()) {
                error(k, fmt::format("duplicate key '{}' in {} (first at line {})", key, what, prev->second.line));
                continue;
            }
            seen[key] = place(k);
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                auto near = util::closest(key, allowed);
                error(k, near ? fmt::format("unknown key '{}' in {} (did you mean '{}'?)", key, what, *near)
                              : fmt::format("unknown key '{}' in {}", key, what));
            }
        }
        for (const auto& req : required)
            if (!seen.count(req)) error(n, fmt::format("{} is missing the required key '{}'", what, req));
        return true;
    }

    bool get_string(const YAML::Node& map, const char* key, std::string& out, const std::string& what) {
        YAML::Node n = map[key];
        if (!n) return false;
        if (!n.IsScalar()) {
            error(n, fmt::format("{}.{} must be text, not {}", what, key, type_name(n)));
            return false;
        }
        out = n.Scalar();
        return true;
    }
    bool get_number(const YAML::Node& map, const char* key, double& out, const std::string& what, double lo,
                    double hi) {
        YAML::Node n = map[key];
        if (!n) return false;
        double v = 0;
        if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v)) {
            error(n, fmt::format("{}.{} must be a number", what, key));
            return false;
        }
        if (v < lo || v > hi) {
            error(n, fmt::format("{}.{} must be between {} and {}, not {}", what, key, lo, hi, v));
            return false;
        }
        out = v;
        return true;
    }
    bool get_bool(const YAML::Node& map, const char* key, bool& out, const std::string& what) {
        YAML::Node n = map[key];
        if (!n) return false;
        bool v = false;
        if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) {
            error(n, fmt::format("{}.{} must be true or false", what, key));
            return false;
        }
        out = v;
        return true;
    }
    std::vector<std::string> string_list(const YAML::Node& n, const std::string& what) {
        std::vector<std::string> out;
        if (!n) return out;
        if (n.IsScalar()) {
            out.push_back(n.Scalar());
            return out;
        }
        if (!n.IsSequence()) {
            error(n, fmt::format("{} must be a list of text", what));
            return out;
        }
        for (const auto& item : n) {
            if (!item.IsScalar()) {
                error(item, fmt::format("{}: every entry must be text", what));
                continue;
            }
            out.push_back(item.Scalar());
        }
        return out;
    }

    Phrase phrase(const YAML::Node& item, const std::string& what) {
        Phrase p;
        p.place = place(item);
        std::string s = item.Scalar();
        std::string_view t = util::trim(s);
        if (util::starts_with(t, "re:")) {
            p.regex = true;
            p.text = std::string(util::trim(t.substr(3)));
            if (p.text.empty()) {
                error(item, fmt::format("{}: empty regular expression", what));
            } else {
                try {
                    p.compiled = std::make_shared<const boost::regex>(p.text, boost::regex::perl | boost::regex::icase);
                } catch (const boost::regex_error& e) {
                    error(item, fmt::format("{}: invalid regular expression '{}': {}", what, p.text, e.what()));
                }
            }
        } else {
            p.text = std::string(t);
            bool word = false;
            for (char c : p.text)
                if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) word = true;
            if (!word) error(item, fmt::format("{}: phrase '{}' has no word in it", what, p.text));
        }
        return p;
    }

    SetId phrase_set(const YAML::Node& n, const std::string& name, const std::string& what) {
        PhraseSet set;
        set.name = name;
        if (n.IsScalar()) {
            set.phrases.push_back(phrase(n, what));
        } else if (n.IsSequence()) {
            for (const auto& item : n) {
                if (!item.IsScalar()) {
                    error(item, fmt::format("{}: every phrase must be text", what));
                    continue;
                }
                set.phrases.push_back(phrase(item, what));
            }
        } else {
            error(n, fmt::format("{} must be a list of phrases", what));
        }
        r_->sets.push_back(std::move(set));
        return static_cast<SetId>(r_->sets.size() - 1);
    }

    // Lexicons are read first, so names resolve at once.
    SetId resolve_lexicon(const YAML::Node& i, const std::string& what) {
        if (!i.IsScalar()) {
            error(i, fmt::format("{}: lexicon names are text", what));
            return -1;
        }
        auto it = r_->lexicons.find(i.Scalar());
        if (it != r_->lexicons.end()) return it->second;
        Keys names;
        for (const auto& [name, id] : r_->lexicons) names.push_back(name);
        auto near = util::closest(i.Scalar(), names);
        error(i, near ? fmt::format("{}: unknown lexicon '{}' (did you mean '{}'?)", what, i.Scalar(), *near)
                      : fmt::format("{}: unknown lexicon '{}'", what, i.Scalar()));
        return -1;
    }
    // A list of lexicon names (or one name).
    void lexicon_refs(const YAML::Node& n, std::vector<SetId>& targets, const std::string& what) {
        if (!n) return;
        if (n.IsScalar()) {
            SetId id = resolve_lexicon(n, what);
            if (id >= 0) targets.push_back(id);
        } else if (n.IsSequence()) {
            for (const auto& i : n) {
                SetId id = resolve_lexicon(i, what);
                if (id >= 0) targets.push_back(id);
            }
        } else {
            error(n, fmt::format("{} must be a lexicon name or a list of them", what));
        }
    }
    void lexicon_ref(const YAML::Node& n, SetId& target, const std::string& what) {
        if (n) target = resolve_lexicon(n, what);
    }

    std::map<std::string, std::string> messages(const YAML::Node& n, const Keys& allowed, const std::string& what) {
        std::map<std::string, std::string> out;
        if (!n) return out;
        if (!check_map(n, what, allowed)) return out;
        for (const auto& kv : n) {
            if (!kv.second.IsScalar()) {
                error(kv.second, fmt::format("{}.{} must be text", what, kv.first.Scalar()));
                continue;
            }
            out[kv.first.Scalar()] = kv.second.Scalar();
        }
        return out;
    }

    std::map<std::string, double> weights(const YAML::Node& n, const Keys& allowed, const std::string& what) {
        std::map<std::string, double> out;
        if (!check_map(n, what, allowed)) return out;
        for (const auto& kv : n) {
            double v = 0;
            if (get_number(n, kv.first.Scalar().c_str(), v, what, 0, 1e6)) out[kv.first.Scalar()] = v;
        }
        return out;
    }

    template <typename T>
    void unique_ids(const std::vector<T>& items, const std::vector<Place>& places, const std::string& what) {
        std::map<std::string, int> seen;
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto [it, fresh] = seen.emplace(items[i].id, places[i].line);
            if (!fresh) error(places[i], fmt::format("duplicate {} id '{}' (first at line {})", what, items[i].id, it->second));
        }
    }

    void header(const YAML::Node& root);
    void scoring(const YAML::Node& n);
    void bands(const YAML::Node& n);
    void caps(const YAML::Node& n);
    // A list of kind ids (a pitfall's or a cap's `kinds`), each checked against the rubric's kinds.
    std::vector<std::string> kind_refs(const YAML::Node& n, const std::string& what);
    void calibration(const YAML::Node& n);
    void load_calibration(const YAML::Node& ref);
    void detection(const YAML::Node& n);
    void kinds(const YAML::Node& n);
    void competencies(const YAML::Node& n);
    void lexicons(const YAML::Node& n);
    void checks(const YAML::Node& n);
    void specificity(const YAML::Node& n);
    void star(const YAML::Node& n);
    void metrics(const YAML::Node& n);
    void questions(const YAML::Node& n);
    void pitfalls(const YAML::Node& n);
    Condition condition(const YAML::Node& n, const std::string& what, int depth);
    void cross_check(const std::vector<Place>& question_places);
};

// `calibration: FILE` names an overlay (written by `stargrade calibrate`) whose
// weights, penalty_scale and bands replace those of `scoring`. Its path is
// relative to the rubric; its problems are reported against its own file.
void Loader::load_calibration(const YAML::Node& ref) {
    if (!ref.IsScalar() || ref.Scalar().empty()) {
        error(ref, "calibration must be the path of a calibration file");
        return;
    }
    std::filesystem::path p(ref.Scalar());
    if (p.is_relative()) p = std::filesystem::path(path_).parent_path() / p;
    r_->calibration_path = p.string();
    std::string text, err;
    if (!util::read_file(p.string(), text, err)) {
        error(ref, fmt::format("cannot read the calibration file {}: {}", p.string(), err));
        return;
    }
    YAML::Node node;
    if (!util::parse_yaml(text, p.string(), diags_, node)) return;
    Loader sub(p.string(), diags_);
    sub.r_ = r_;
    sub.calibration(node);
}

std::unique_ptr<Rubric> Loader::load(const YAML::Node& root) {
    auto rubric = std::make_unique<Rubric>();
    r_ = rubric.get();
    r_->path = path_;
    if (!check_map(root, "the rubric",
                   {"schema", "id", "version", "title", "description", "scoring", "calibration", "detection",
                    "kinds", "competencies", "lexicons", "checks", "questions", "pitfalls"},
                   {"schema", "id", "version", "scoring", "kinds", "questions"}))
        return nullptr;
    header(root);
    if (root["lexicons"]) lexicons(root["lexicons"]);
    if (root["scoring"]) scoring(root["scoring"]);
    r_->base_scoring = r_->scoring;
    if (root["calibration"]) load_calibration(root["calibration"]);
    if (root["detection"]) detection(root["detection"]);
    if (root["kinds"]) kinds(root["kinds"]);
    // caps name kinds, so they are read once the kinds are known
    if (root["scoring"] && root["scoring"].IsMap() && root["scoring"]["caps"]) {
        caps(root["scoring"]["caps"]);
        r_->base_scoring.caps = r_->scoring.caps;
    }
    if (root["competencies"]) competencies(root["competencies"]);
    if (root["checks"]) checks(root["checks"]);
    if (root["pitfalls"]) pitfalls(root["pitfalls"]);
    std::vector<Place> qplaces;
    if (root["questions"]) {
        questions(root["questions"]);
        if (root["questions"].IsSequence())
            for (const auto& q : root["questions"]) qplaces.push_back(place(q));
    }
    cross_check(qplaces);
    if (!diags_.empty()) return nullptr;
    return rubric;
}

void Loader::header(const YAML::Node& root) {
    double schema = 0;
    if (get_number(root, "schema", schema, "the rubric", 0, 1e9) && schema != 1)
        error(root["schema"], fmt::format("schema {} is not supported (this stargrade reads schema 1)", schema));
    get_string(root, "id", r_->id, "the rubric");
    get_string(root, "version", r_->version, "the rubric");
    get_string(root, "title", r_->title, "the rubric");
    get_string(root, "description", r_->description, "the rubric");
    if (root["id"] && r_->id.empty()) error(root["id"], "the rubric id must not be empty");
}

void Loader::scoring(const YAML::Node& n) {
    if (!check_map(n, "scoring", {"pass", "weights", "bands", "penalty_scale", "percent_scale", "caps"},
                   {"pass", "weights", "bands"}))
        return;
    get_number(n, "pass", r_->scoring.pass, "scoring", 0, 100);
    get_number(n, "penalty_scale", r_->scoring.penalty_scale, "scoring", 0, 10);
    get_number(n, "percent_scale", r_->scoring.percent_scale, "scoring", 0, 5);
    if (n["weights"]) {
        r_->scoring.weights = weights(n["weights"], check_names(), "scoring.weights");
        double total = 0;
        for (const auto& [k, v] : r_->scoring.weights) total += v;
        if (total <= 0) error(n["weights"], "scoring.weights must give at least one check a weight above 0");
    }
    if (n["bands"]) bands(n["bands"]);
}

void Loader::bands(const YAML::Node& bands) {
    r_->scoring.bands.clear();
    if (!bands.IsSequence() || bands.size() == 0) {
        error(bands, "scoring.bands must be a non-empty list");
        return;
    }
    std::vector<Place> places;
    for (const auto& b : bands) {
        if (!check_map(b, "a band", {"id", "min", "label"}, {"id", "min"})) continue;
        Band band;
        get_string(b, "id", band.id, "band");
        get_number(b, "min", band.min, "band", 0, 100);
        get_string(b, "label", band.label, "band");
        if (band.label.empty()) band.label = band.id;
        if (!r_->scoring.bands.empty() && band.min >= r_->scoring.bands.back().min)
            error(b, fmt::format("band '{}' must have a lower min than '{}' (bands go highest first)", band.id,
                                 r_->scoring.bands.back().id));
        r_->scoring.bands.push_back(band);
        places.push_back(place(b));
    }
    unique_ids(r_->scoring.bands, places, "band");
    if (!r_->scoring.bands.empty() && r_->scoring.bands.back().min != 0)
        error(bands, "the last band must have min 0 so that every score has a band");
}

std::vector<std::string> Loader::kind_refs(const YAML::Node& n, const std::string& what) {
    auto ids = string_list(n, what + ".kinds");
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (!r_->kind(ids[i]))
            error(n.IsSequence() ? n[i] : n, fmt::format("{}: unknown kind '{}'", what, ids[i]));
    return ids;
}

void Loader::caps(const YAML::Node& n) {
    if (!n.IsSequence()) {
        error(n, "scoring.caps must be a list");
        return;
    }
    std::vector<Place> places;
    for (const auto& c : n) {
        if (!check_map(c, "a cap", {"id", "max", "kinds", "message", "when"}, {"id", "max", "message", "when"}))
            continue;
        Cap cap;
        cap.place = place(c);
        get_string(c, "id", cap.id, "cap");
        std::string what = "cap " + cap.id;
        get_number(c, "max", cap.max, what, 0, 100);
        get_string(c, "message", cap.message, what);
        cap.kinds = kind_refs(c["kinds"], what);
        if (c["when"]) cap.when = condition(c["when"], what + ".when", 0);
        r_->scoring.caps.push_back(std::move(cap));
        places.push_back(place(c));
    }
    unique_ids(r_->scoring.caps, places, "cap");
}

void Loader::calibration(const YAML::Node& n) {
    if (!check_map(n, "the calibration", {"weights", "penalty_scale", "percent_scale", "bands", "fitted"}))
        return;
    if (n["weights"]) {
        auto w = weights(n["weights"], check_names(), "weights");
        double total = 0;
        for (const auto& [k, v] : w) total += v;
        if (total <= 0) error(n["weights"], "weights must give at least one check a weight above 0");
        else r_->scoring.weights = w;
    }
    get_number(n, "penalty_scale", r_->scoring.penalty_scale, "calibration", 0, 10);
    get_number(n, "percent_scale", r_->scoring.percent_scale, "calibration", 0, 5);
    if (n["bands"]) {
        std::vector<std::string> before;
        for (const auto& b : r_->scoring.bands) before.push_back(b.id);
        bands(n["bands"]);
        std::vector<std::string> after;
        for (const auto& b : r_->scoring.bands) after.push_back(b.id);
        if (before != after)
            error(n["bands"], fmt::format("the calibration's bands must be the rubric's bands ({}) in the same order",
                                          util::join(before, ", ")));
    }
}

void Loader::detection(const YAML::Node& n) {
    if (!check_map(n, "detection", {"min_confidence", "header_weight", "stopwords"})) return;
    get_number(n, "min_confidence", r_->detection.min_confidence, "detection", 0, 1);
    get_number(n, "header_weight", r_->detection.header_weight, "detection", 0, 100);
    for (auto& w : string_list(n["stopwords"], "detection.stopwords"))
        r_->detection.stopwords.push_back(util::to_lower_ascii(w));
}

void Loader::kinds(const YAML::Node& n) {
    if (!n.IsSequence()) {
        error(n, "kinds must be a list");
        return;
    }
    std::vector<Place> places;
    for (const auto& k : n) {
        if (!check_map(k, "a kind", {"id", "star", "metrics", "description"}, {"id"})) continue;
        Kind kind;
        get_string(k, "id", kind.id, "kind");
        get_bool(k, "star", kind.star, "kind");
        get_bool(k, "metrics", kind.metrics, "kind");
        get_string(k, "description", kind.description, "kind");
        r_->kinds.push_back(kind);
        places.push_back(place(k));
    }
    unique_ids(r_->kinds, places, "kind");
}

void Loader::competencies(const YAML::Node& n) {
    if (!n.IsSequence()) {
        error(n, "competencies must be a list");
        return;
    }
    std::vector<Place> places;
    for (const auto& c : n) {
        if (!check_map(c, "a competency", {"id", "name", "description", "cues"}, {"id"})) continue;
        Competency comp;
        get_string(c, "id", comp.id, "competency");
        get_string(c, "name", comp.name, "competency");
        get_string(c, "description", comp.description, "competency");
        if (comp.name.empty()) comp.name = comp.id;
        if (c["cues"]) comp.cues = phrase_set(c["cues"], "competency:" + comp.id, "competency " + comp.id + " cues");
        r_->competencies.push_back(comp);
        places.push_back(place(c));
    }
    unique_ids(r_->competencies, places, "competency");
}

void Loader::lexicons(const YAML::Node& n) {
    if (!n.IsMap()) {
        error(n, "lexicons must be a map of name: [phrases]");
        return;
    }
    std::map<std::string, int> seen;
    for (const auto& kv : n) {
        if (!kv.first.IsScalar()) {
            error(kv.first, "lexicon names must be text");
            continue;
        }
        std::string name = kv.first.Scalar();
        if (seen.count(name)) {
            error(kv.first, fmt::format("duplicate key '{}' in lexicons (first at line {})", name, seen[name]));
            continue;
        }
        seen[name] = place(kv.first).line;
        r_->lexicons[name] = phrase_set(kv.second, name, "lexicon " + name);
    }
}

void Loader::checks(const YAML::Node& n) {
    if (!check_map(n, "checks", {"negation", "negation_window", "specificity", "star", "metrics", "coverage"}))
        return;
    lexicon_refs(n["negation"], r_->checks.negation, "checks.negation");
    double w = r_->checks.negation_window;
    if (get_number(n, "negation_window", w, "checks", 0, 20)) r_->checks.negation_window = static_cast<int>(w);
    if (n["specificity"]) specificity(n["specificity"]);
    if (n["star"]) star(n["star"]);
    if (n["metrics"]) metrics(n["metrics"]);
    if (YAML::Node c = n["coverage"]) {
        if (check_map(c, "checks.coverage", {"min_hits", "generic_credit", "concrete", "hedged", "buzz"})) {
            double h = 1;
            if (get_number(c, "min_hits", h, "checks.coverage", 1, 100)) r_->checks.coverage.min_hits = static_cast<int>(h);
            get_number(c, "generic_credit", r_->checks.coverage.generic_credit, "checks.coverage", 0, 1);
            lexicon_refs(c["concrete"], r_->checks.coverage.concrete, "checks.coverage.concrete");
            lexicon_refs(c["hedged"], r_->checks.coverage.hedged, "checks.coverage.hedged");
            lexicon_refs(c["buzz"], r_->checks.coverage.buzz, "checks.coverage.buzz");
        }
    }
}

void Loader::specificity(const YAML::Node& n) {
    auto& c = r_->checks.specificity;
    const std::string what = "checks.specificity";
    if (!check_map(n, what,
                   {"named", "concepts", "concept_weight", "named_target", "numbers_target", "length_reference",
                    "concrete_target", "ownership", "vague", "labels", "vague_per_100_words_max",
                    "fluff_per_100_words", "fluff_named_credit", "name_shapes", "weights", "messages"}))
        return;
    lexicon_refs(n["named"], c.named, what + ".named");
    lexicon_refs(n["concepts"], c.concepts, what + ".concepts");
    get_number(n, "concept_weight", c.concept_weight, what, 0, 1);
    get_number(n, "length_reference", c.length_reference, what, 0, 100000);
    get_number(n, "concrete_target", c.concrete_target, what, 0.01, 1);
    get_number(n, "named_target", c.named_target, what, 1, 1000);
    get_number(n, "numbers_target", c.numbers_target, what, 1, 1000);
    if (YAML::Node o = n["ownership"]) {
        if (check_map(o, what + ".ownership", {"singular", "plural", "kinds"}, {"singular", "plural"})) {
            lexicon_ref(o["singular"], c.singular, what + ".ownership.singular");
            lexicon_ref(o["plural"], c.plural, what + ".ownership.plural");
            c.ownership_kinds = string_list(o["kinds"], what + ".ownership.kinds");
            for (const auto& k : c.ownership_kinds)
                if (!r_->kind(k)) error(o["kinds"], fmt::format("{}.ownership.kinds: unknown kind '{}'", what, k));
        }
    }
    lexicon_refs(n["vague"], c.vague, what + ".vague");
    lexicon_refs(n["labels"], c.labels, what + ".labels");
    get_number(n, "vague_per_100_words_max", c.vague_max, what, 0.1, 100);
    get_number(n, "fluff_per_100_words", c.fluff_per_100_words, what, 0, 100);
    get_number(n, "fluff_named_credit", c.fluff_named_credit, what, 0, 1);
    if (YAML::Node s = n["name_shapes"]) {
        const std::string sw = what + ".name_shapes";
        if (check_map(s, sw, {"shapes", "credit", "exclude"}, {"shapes"})) {
            c.name_shapes = string_list(s["shapes"], sw + ".shapes");
            for (const auto& shape : c.name_shapes)
                if (shape != "acronym" && shape != "mixed-case" && shape != "capitalised")
                    error(s["shapes"], fmt::format("{}.shapes: unknown shape '{}' (expected acronym, mixed-case or "
                                                   "capitalised)",
                                                   sw, shape));
            get_number(s, "credit", c.name_shape_credit, sw, 0, 1);
            lexicon_refs(s["exclude"], c.name_shape_exclude, sw + ".exclude");
        }
    }
    if (n["weights"])
        c.weights = weights(n["weights"], {"named", "numbers", "concrete", "ownership", "vague"}, what + ".weights");
    c.messages = messages(n["messages"], {"few-named", "few-numbers", "we-not-i", "vague"}, what + ".messages");
}

void Loader::star(const YAML::Node& n) {
    auto& c = r_->checks.star;
    const std::string what = "checks.star";
    if (!check_map(n, what,
                   {"parts", "result_requires", "result_blockers", "opening", "action_min_share", "generic_credit", "weights",
                    "messages"},
                   {"parts"}))
        return;
    static const Keys part_names = {"situation", "task", "action", "result"};
    YAML::Node parts = n["parts"];
    if (parts && check_map(parts, what + ".parts", part_names, part_names)) {
        for (const auto& name : part_names) {
            StarPart part;
            part.name = name;
            c.parts.push_back(part);
        }
        for (std::size_t i = 0; i < part_names.size(); ++i) {
            YAML::Node p = parts[part_names[i]];
            if (!p) continue;
            std::string pw = what + ".parts." + part_names[i];
            if (!check_map(p, pw, {"labels", "cues"})) continue;
            for (auto& l : string_list(p["labels"], pw + ".labels")) {
                c.parts[i].labels.push_back(util::to_lower_ascii(l));
                // Tokenised once here, not for every sentence of every answer.
                const text::Document label_doc(c.parts[i].labels.back(), 0);
                std::vector<std::string> words;
                for (const auto& t : label_doc.tokens()) words.push_back(t.norm);
                c.parts[i].label_words.push_back(std::move(words));
            }
            lexicon_refs(p["cues"], c.parts[i].cues, pw + ".cues");
        }
    }
    lexicon_refs(n["result_requires"], c.result_requires, what + ".result_requires");
    lexicon_refs(n["result_blockers"], c.result_blockers, what + ".result_blockers");
    lexicon_refs(n["opening"], c.opening, what + ".opening");
    get_number(n, "action_min_share", c.action_min_share, what, 0, 1);
    get_number(n, "generic_credit", c.generic_credit, what, 0, 1);
    if (n["weights"]) c.weights = weights(n["weights"], part_names, what + ".weights");
    c.messages = messages(n["messages"],
                          {"missing-situation", "missing-task", "missing-action", "missing-result", "empty-result",
                           "thin-action"},
                          what + ".messages");
}

void Loader::metrics(const YAML::Node& n) {
    auto& c = r_->checks.metrics;
    const std::string what = "checks.metrics";
    if (!check_map(n, what, {"patterns", "outcome_cues", "not_outcome", "cue_window", "scope", "target", "messages"},
                   {"patterns"}))
        return;
    YAML::Node pats = n["patterns"];
    if (pats && !pats.IsSequence()) {
        error(pats, what + ".patterns must be a list");
    } else if (pats) {
        std::vector<Place> places;
        for (const auto& p : pats) {
            if (!check_map(p, "a metric pattern", {"id", "pattern", "outcome"}, {"id", "pattern"})) continue;
            MetricPattern mp;
            get_string(p, "id", mp.id, "metric pattern");
            get_bool(p, "outcome", mp.outcome, "metric pattern");
            if (p["pattern"]) mp.set = phrase_set(p["pattern"], "metric:" + mp.id, "metric pattern " + mp.id);
            c.patterns.push_back(mp);
            places.push_back(place(p));
        }
        unique_ids(c.patterns, places, "metric pattern");
    }
    lexicon_refs(n["outcome_cues"], c.outcome_cues, what + ".outcome_cues");
    lexicon_refs(n["scope"], c.scope, what + ".scope");
    lexicon_refs(n["not_outcome"], c.not_outcome, what + ".not_outcome");
    double window = c.cue_window;
    if (get_number(n, "cue_window", window, what, 0, 100)) c.cue_window = static_cast<int>(window);
    get_number(n, "target", c.target, what, 1, 100);
    c.messages = messages(n["messages"], {"none", "scope-only"}, what + ".messages");
}

void Loader::questions(const YAML::Node& n) {
    if (!n.IsSequence()) {
        error(n, "questions must be a list");
        return;
    }
    std::vector<Place> places;
    for (const auto& q : n) {
        if (!check_map(q, "a question",
                       {"id", "kind", "text", "aliases", "cues", "competencies", "expected", "pitfalls",
                        "follow_ups"},
                       {"id", "kind", "text"}))
            continue;
        Question qu;
        qu.place = place(q);
        get_string(q, "id", qu.id, "question");
        std::string what = "question " + qu.id;
        get_string(q, "kind", qu.kind, what);
        get_string(q, "text", qu.text, what);
        qu.aliases = string_list(q["aliases"], what + ".aliases");
        if (q["cues"]) qu.cues = phrase_set(q["cues"], "question:" + qu.id, what + " cues");
        qu.competencies = string_list(q["competencies"], what + ".competencies");
        qu.pitfalls = string_list(q["pitfalls"], what + ".pitfalls");
        qu.follow_ups = string_list(q["follow_ups"], what + ".follow_ups");
        if (YAML::Node ex = q["expected"]) {
            if (!ex.IsSequence()) {
                error(ex, what + ".expected must be a list");
            } else {
                std::vector<Place> eplaces;
                for (const auto& e : ex) {
                    if (!check_map(e, "an expected element", {"id", "description", "cues", "message"}, {"id", "cues"}))
                        continue;
                    Element el;
                    get_string(e, "id", el.id, "expected element");
                    get_string(e, "description", el.description, "expected element");
                    get_string(e, "message", el.message, "expected element");
                    el.cues = phrase_set(e["cues"], "element:" + qu.id + ":" + el.id, what + " element " + el.id);
                    qu.expected.push_back(el);
                    eplaces.push_back(place(e));
                }
                unique_ids(qu.expected, eplaces, "expected element");
            }
        }
        // references that only need what is already known
        if (q["kind"] && !r_->kind(qu.kind)) {
            Keys ids;
            for (const auto& k : r_->kinds) ids.push_back(k.id);
            auto near = util::closest(qu.kind, ids);
            error(q["kind"], near ? fmt::format("question {}: unknown kind '{}' (did you mean '{}'?)", qu.id, qu.kind, *near)
                                  : fmt::format("question {}: unknown kind '{}'", qu.id, qu.kind));
        }
        auto check_refs = [&](const YAML::Node& list, const std::vector<std::string>& refs, const Keys& ids,
                              const char* thing) {
            std::size_t i = 0;
            for (const auto& ref : refs) {
                YAML::Node at = list.IsSequence() && i < list.size() ? list[i] : list;
                ++i;
                if (std::find(ids.begin(), ids.end(), ref) != ids.end()) continue;
                auto near = util::closest(ref, ids);
                error(at, near ? fmt::format("question {}: unknown {} '{}' (did you mean '{}'?)", qu.id, thing, ref, *near)
                               : fmt::format("question {}: unknown {} '{}'", qu.id, thing, ref));
            }
        };
        Keys comp_ids, pit_ids;
        for (const auto& c : r_->competencies) comp_ids.push_back(c.id);
        for (const auto& p : r_->pitfalls) pit_ids.push_back(p.id);
        if (q["competencies"]) check_refs(q["competencies"], qu.competencies, comp_ids, "competency");
        if (q["pitfalls"]) check_refs(q["pitfalls"], qu.pitfalls, pit_ids, "pitfall");
        r_->questions.push_back(std::move(qu));
        places.push_back(place(q));
    }
    unique_ids(r_->questions, places, "question");
}

void Loader::pitfalls(const YAML::Node& n) {
    if (!n.IsSequence()) {
        error(n, "pitfalls must be a list");
        return;
    }
    std::vector<Place> places;
    for (const auto& p : n) {
        if (!check_map(p, "a pitfall", {"id", "generic", "kinds", "penalty", "penalty_as", "message", "advice", "follow_up",
                        "detect"},
                       {"id", "message", "detect"}))
            continue;
        Pitfall pit;
        pit.place = place(p);
        get_string(p, "id", pit.id, "pitfall");
        std::string what = "pitfall " + pit.id;
        get_bool(p, "generic", pit.generic, what);
        pit.kinds = kind_refs(p["kinds"], what);
        get_number(p, "penalty", pit.penalty, what, 0, 100);
        std::string as;
        if (get_string(p, "penalty_as", as, what)) {
            if (as == "percent") pit.percent = true;
            else if (as != "points")
                error(p["penalty_as"], fmt::format("{}: penalty_as must be 'points' or 'percent', not '{}'", what, as));
        }
        get_string(p, "message", pit.message, what);
        get_string(p, "advice", pit.advice, what);
        get_string(p, "follow_up", pit.follow_up, what);
        if (p["detect"]) pit.detect = condition(p["detect"], what + ".detect", 0);
        r_->pitfalls.push_back(std::move(pit));
        places.push_back(place(p));
    }
    unique_ids(r_->pitfalls, places, "pitfall");
}

Condition Loader::condition(const YAML::Node& n, const std::string& what, int depth) {
    Condition c;
    c.place = place(n);
    if (depth > 32) {
        error(n, what + ": conditions nest too deeply (at most 32 levels)");
        return c;
    }
    static const Keys kinds = {"all", "any", "not", "matches", "feature", "element"};
    if (!check_map(n, what, kinds)) return c;
    if (n.size() != 1) {
        error(n, fmt::format("{}: a condition has exactly one of all, any, not, matches, feature, element", what));
        return c;
    }
    std::string key;
    YAML::Node v;
    for (const auto& kv : n) {
        key = kv.first.Scalar();
        v = kv.second;
    }
    if (key == "all" || key == "any") {
        c.kind = key == "all" ? Condition::Kind::All : Condition::Kind::Any;
        if (!v.IsSequence() || v.size() == 0) {
            error(v, fmt::format("{}.{} must be a non-empty list of conditions", what, key));
            return c;
        }
        for (std::size_t i = 0; i < v.size(); ++i)
            c.children.push_back(condition(v[i], fmt::format("{}.{}[{}]", what, key, i), depth + 1));
    } else if (key == "not") {
        c.kind = Condition::Kind::Not;
        c.children.push_back(condition(v, what + ".not", depth + 1));
    } else if (key == "matches") {
        c.kind = Condition::Kind::Matches;
        std::string w = what + ".matches";
        if (!check_map(v, w, {"lexicon", "phrases", "min", "max", "in", "distinct", "negated"})) return c;
        if (bool(v["lexicon"]) == bool(v["phrases"])) {
            error(v, w + ": give exactly one of lexicon or phrases");
        } else if (v["lexicon"]) {
            lexicon_refs(v["lexicon"], c.sets, w + ".lexicon");
        } else {
            c.sets.push_back(phrase_set(v["phrases"], "condition", w + ".phrases"));
        }
        c.min = v["max"] && !v["min"] ? 0 : 1;  // "max: 0" alone means absent
        get_number(v, "min", c.min, w, 0, 1e9);
        get_number(v, "max", c.max, w, 0, 1e9);
        if (c.min > c.max) error(v, w + ": min is larger than max");
        std::string in;
        if (get_string(v, "in", in, w)) {
            if (in == "body") c.region = Region::Body;
            else if (in == "header") c.region = Region::Header;
            else if (in == "all") c.region = Region::All;
            else error(v["in"], fmt::format("{}.in must be body, header or all, not '{}'", w, in));
        }
        get_bool(v, "distinct", c.distinct, w);
        std::string neg;
        if (get_string(v, "negated", neg, w)) {
            if (neg == "exclude") c.negated = NegatedMode::Exclude;
            else if (neg == "include") c.negated = NegatedMode::Include;
            else if (neg == "only") c.negated = NegatedMode::Only;
            else error(v["negated"], fmt::format("{}.negated must be exclude, include or only, not '{}'", w, neg));
        }
    } else if (key == "feature") {
        c.kind = Condition::Kind::Feature;
        std::string w = what + ".feature";
        if (!check_map(v, w, {"name", "min", "max"}, {"name"})) return c;
        if (get_string(v, "name", c.feature, w)) {
            const auto& names = feature_names();
            if (std::find(names.begin(), names.end(), c.feature) == names.end()) {
                auto near = util::closest(c.feature, names);
                error(v["name"], near ? fmt::format("{}: unknown feature '{}' (did you mean '{}'?)", w, c.feature, *near)
                                      : fmt::format("{}: unknown feature '{}'", w, c.feature));
            }
        }
        get_number(v, "min", c.min, w, -1e9, 1e9);
        get_number(v, "max", c.max, w, -1e9, 1e9);
        if (!v["min"] && !v["max"]) error(v, w + ": give min, max or both");
        if (c.min > c.max) error(v, w + ": min is larger than max");
    } else if (key == "element") {
        c.kind = Condition::Kind::Element;
        std::string w = what + ".element";
        if (!check_map(v, w, {"id", "covered"}, {"id"})) return c;
        get_string(v, "id", c.element, w);
        get_bool(v, "covered", c.covered, w);
    }
    return c;
}

static void collect_elements(const Condition& c, std::vector<const Condition*>& out) {
    if (c.kind == Condition::Kind::Element) out.push_back(&c);
    for (const auto& ch : c.children) collect_elements(ch, out);
}

void Loader::cross_check(const std::vector<Place>& question_places) {
    (void)question_places;
    // Every element a pitfall refers to must exist in a question the pitfall applies to.
    for (const auto& pit : r_->pitfalls) {
        std::vector<const Condition*> els;
        collect_elements(pit.detect, els);
        for (const auto* e : els) {
            bool found = false;
            for (const auto& q : r_->questions) {
                bool applies = pit.generic || std::find(q.pitfalls.begin(), q.pitfalls.end(), pit.id) != q.pitfalls.end();
                if (!applies) continue;
                for (const auto& el : q.expected)
                    if (el.id == e->element) found = true;
            }
            if (!found)
                error(e->place, fmt::format("pitfall {}: element '{}' is not an expected element of any question "
                                            "this pitfall applies to",
                                            pit.id, e->element));
        }
    }
    // An element a cap refers to must be an expected element of some question.
    for (const auto& cap : r_->scoring.caps) {
        std::vector<const Condition*> els;
        collect_elements(cap.when, els);
        for (const auto* e : els) {
            bool found = false;
            for (const auto& q : r_->questions)
                for (const auto& el : q.expected) found |= el.id == e->element;
            if (!found) error(e->place, fmt::format("cap {}: element '{}' is not an expected element of any question", cap.id, e->element));
        }
    }
    if (r_->checks.star.parts.empty() && !r_->kinds.empty()) {
        bool any_star = false;
        for (const auto& k : r_->kinds) any_star |= k.star;
        if (any_star) error(Place{}, "a kind has star: true but checks.star is missing");
    }
}

// Counts the nodes of a YAML tree as if every alias (*name) were written out,
// giving up once `left` runs out or the tree goes deeper than the parser
// itself reads (only an alias inside the node it names, a loop, goes there);
// `at` is then where the count stopped.
enum class Expansion { Ok, TooLarge, Loop };
Expansion expansion(const YAML::Node& n, std::size_t& left, int depth, YAML::Mark& at) {
    if (left == 0 || depth > 1000) {
        at = n.Mark();
        return left == 0 ? Expansion::TooLarge : Expansion::Loop;
    }
    --left;
    Expansion e = Expansion::Ok;
    if (n.IsSequence()) {
        for (const auto& item : n)
            if ((e = expansion(item, left, depth + 1, at)) != Expansion::Ok) return e;
    } else if (n.IsMap()) {
        for (const auto& kv : n) {
            if ((e = expansion(kv.first, left, depth + 1, at)) != Expansion::Ok) return e;
            if ((e = expansion(kv.second, left, depth + 1, at)) != Expansion::Ok) return e;
        }
    }
    return e;
}

}  // namespace

std::unique_ptr<Rubric> load_rubric_text(const std::string& text, const std::string& path, util::Diagnostics& diags) {
    if (text.size() > kMaxRubricBytes) {
        diags.add(path, 0, 0, fmt::format("the rubric is {} bytes, over the limit of {} bytes", text.size(), kMaxRubricBytes));
        return nullptr;
    }
    auto bad = util::first_invalid_utf8(text);
    if (bad != std::string::npos) {
        diags.add(path, 0, 0, fmt::format("invalid UTF-8 at byte {}", bad));
        return nullptr;
    }
    YAML::Node root;
    if (!util::parse_yaml(text, path, diags, root)) return nullptr;
    if (!root || root.IsNull()) {
        diags.add(path, 0, 0, "the rubric is empty");
        return nullptr;
    }
    // Aliases let a few lines stand for a tree of billions of nodes (the "billion
    // laughs"), which the loader would walk as if written out. Written out, a
    // rubric has about a node per byte at most; the margin leaves room for
    // aliases used as intended.
    std::size_t left = text.size() + 100000;
    YAML::Mark at;
    Expansion e = expansion(root, left, 0, at);
    if (e == Expansion::TooLarge) {
        diags.add(path, at.line + 1, at.column + 1,
                  fmt::format("the rubric expands to more than {} YAML nodes: aliases (*name) repeat this part of it "
                              "too many times; write out what is repeated, or repeat less",
                              text.size() + 100000));
        return nullptr;
    }
    if (e == Expansion::Loop) {
        diags.add(path, at.line + 1, at.column + 1,
                  "aliases (*name) nest this part of the rubric inside itself (a loop) or more than 1000 levels deep");
        return nullptr;
    }
    Loader loader(path, diags);
    try {
        return loader.load(root);
    } catch (const YAML::Exception& e) {
        diags.add(path, e.mark.line + 1, e.mark.column + 1, e.msg);
        return nullptr;
    }
}

std::unique_ptr<Rubric> load_rubric_file(const std::string& path, util::Diagnostics& diags) {
    std::string text, err;
    if (!util::read_file(path, text, err)) {
        diags.add(path, 0, 0, "cannot read the rubric: " + err);
        return nullptr;
    }
    return load_rubric_text(text, path, diags);
}

}  // namespace sg::rubric
