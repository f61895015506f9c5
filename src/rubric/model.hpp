#pragma once
// The rubric as data: everything the engine knows about an interview.
// See rubrics/README.md for the YAML schema this is loaded from.
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/regex_fwd.hpp>

namespace sg::rubric {

struct Place {
    int line = 0;
    int column = 0;
};

// One entry of a phrase list: a plain phrase or a "re:" regular expression.
struct Phrase {
    std::string text;  // as written (without the "re:" prefix for a regex)
    bool regex = false;
    Place place;
    // The regex as the loader compiled it to validate it (perl syntax, case
    // blind), kept for the matcher; null for a plain phrase, or when the
    // rubric was built in code (the matcher then compiles it).
    std::shared_ptr<const boost::regex> compiled;
};

// A named phrase list. Every list of phrases in a rubric becomes one PhraseSet;
// `set` is its index in Rubric::sets, which the matcher compiles once.
struct PhraseSet {
    std::string name;  // lexicon name, or a descriptive name such as "question:x:cues"
    std::vector<Phrase> phrases;
};
using SetId = int;

enum class Region { Body, Header, All };
enum class NegatedMode { Exclude, Include, Only };

struct Condition {
    enum class Kind { All, Any, Not, Matches, Feature, Element };
    Kind kind = Kind::All;
    Place place;
    std::vector<Condition> children;  // All, Any, Not (one child)
    // Matches
    std::vector<SetId> sets;          // the lexicon(s) or the inline phrases
    Region region = Region::Body;
    bool distinct = false;
    NegatedMode negated = NegatedMode::Exclude;
    // Matches and Feature
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    // Feature
    std::string feature;
    // Element
    std::string element;
    bool covered = false;
};

struct Pitfall {
    std::string id;
    bool generic = false;
    // penalty_as: percent. The penalty takes that share of the answer's
    // score (times scoring.percent_scale) instead of points off it.
    bool percent = false;
    std::vector<std::string> kinds;  // empty: every kind
    double penalty = 10;
    std::string message;
    std::string advice;
    std::string follow_up;
    Condition detect;
    Place place;
};

struct Element {
    std::string id;
    std::string description;
    SetId cues = -1;
    std::string message;
};

struct Question {
    std::string id;
    std::string kind;
    std::string text;
    std::vector<std::string> aliases;
    SetId cues = -1;
    std::vector<std::string> competencies;
    std::vector<Element> expected;
    std::vector<std::string> pitfalls;
    std::vector<std::string> follow_ups;
    Place place;
};

struct Kind {
    std::string id;
    bool star = false;
    bool metrics = false;
    std::string description;
};

struct Competency {
    std::string id;
    std::string name;
    std::string description;
    SetId cues = -1;
};

struct Band {
    std::string id;
    double min = 0;
    std::string label;
};

// A ceiling on the overall score of an answer that is not an answer to the
// question (a pasted job posting, a refusal): when `when` holds, the answer
// scores at most `max`, whatever its checks say.
struct Cap {
    std::string id;
    double max = 0;
    std::vector<std::string> kinds;  // empty: every kind
    std::string message;
    Condition when;
    Place place;
};

struct Scoring {
    double pass = 60;
    std::map<std::string, double> weights;  // check name -> weight
    std::vector<Band> bands;                // highest min first
    double penalty_scale = 0;               // overall points off per pitfall penalty point
    double percent_scale = 1;               // share of the score per percent of a `penalty_as: percent` pitfall
    std::vector<Cap> caps;
};

struct Detection {
    double min_confidence = 0.2;
    double header_weight = 3;
    std::vector<std::string> stopwords;
};

struct SpecificityConfig {
    std::vector<SetId> named;         // named products and systems: each distinct one counts 1
    std::vector<SetId> concepts;      // technical concepts: each distinct one counts concept_weight
    double concept_weight = 0.5;
    double named_target = 6;
    double numbers_target = 4;
    double length_reference = 0;      // words; targets scale with sqrt(words / reference) (0: fixed)
    double concrete_target = 0.6;     // share of sentences with a named thing or a number for full marks
    SetId singular = -1;
    SetId plural = -1;
    std::vector<std::string> ownership_kinds;  // question kinds where ownership counts (empty: all)
    std::vector<SetId> vague;
    std::vector<SetId> labels;  // numbers inside these matches ("Step 3", a "2." list marker) are not specifics
    double vague_max = 5;  // per 100 words
    // A sentence with at least two vague words and this many per 100 of its
    // words is name-dropping: its named things earn fluff_named_credit (0: off).
    double fluff_per_100_words = 0;
    double fluff_named_credit = 0.25;
    // Words whose written form marks a name ("SONiC", "PCIe", "BGP", "Broadcom"
    // inside a sentence) count as named things, each distinct one worth
    // name_shape_credit, unless a match of name_shape_exclude covers them.
    std::vector<std::string> name_shapes;  // acronym | mixed-case | capitalised
    double name_shape_credit = 0.5;
    std::vector<SetId> name_shape_exclude;
    std::map<std::string, double> weights{{"named", 40}, {"numbers", 25}, {"ownership", 20}, {"vague", 15}};
    std::map<std::string, std::string> messages;
};

struct StarPart {
    std::string name;  // situation | task | action | result
    std::vector<std::string> labels;
    std::vector<std::vector<std::string>> label_words;  // each label as the tokenizer splits it
    std::vector<SetId> cues;
};

struct StarConfig {
    std::vector<StarPart> parts;  // always the four, in order
    std::vector<SetId> result_requires;
    std::vector<SetId> result_blockers;
    std::vector<SetId> opening;  // lexicons: an unlabelled opening sentence matching one sets the situation
    double action_min_share = 0.3;
    // Credit for a part told only in generic sentences (by the rules of
    // checks.coverage); 1 gives full credit however it is told.
    double generic_credit = 1.0;
    std::map<std::string, double> weights{{"situation", 20}, {"task", 15}, {"action", 35}, {"result", 30}};
    std::map<std::string, std::string> messages;
};

struct MetricPattern {
    std::string id;
    SetId set = -1;
    bool outcome = false;  // a match is an outcome without a cue (before/after pairs)
};

struct MetricsConfig {
    std::vector<MetricPattern> patterns;
    std::vector<SetId> outcome_cues;
    std::vector<SetId> not_outcome;  // lexicons: a sentence with one earlier states a target, not an outcome
    int cue_window = 5;              // an outcome cue counts within this many words across clause breaks
    std::vector<SetId> scope;
    double target = 2;
    std::map<std::string, std::string> messages;
};

struct CoverageConfig {
    int min_hits = 1;
    // Credit for an element whose cues appear only in sentences that name no
    // thing and give no number (generic talk); 1 gives full credit anywhere.
    double generic_credit = 1.0;
    std::vector<SetId> concrete;  // lexicons that also make a sentence concrete (first-person actions)
    std::vector<SetId> hedged;    // lexicons that make a sentence generic again (hedges, filler)
    // Lexicons of buzzwords: a sentence that matches one is concrete only
    // through a named thing or a number, not through a `concrete` lexicon.
    std::vector<SetId> buzz;
};

struct ChecksConfig {
    std::vector<SetId> negation;
    int negation_window = 3;
    SpecificityConfig specificity;
    StarConfig star;
    MetricsConfig metrics;
    CoverageConfig coverage;
};

struct Rubric {
    std::string path;
    std::string calibration_path;  // the calibration overlay in force, if any
    std::string id;
    std::string version;
    std::string title;
    std::string description;
    Scoring scoring;       // in force: `scoring` with the calibration overlay applied
    Scoring base_scoring;  // `scoring` as written, the starting point of calibrate
    Detection detection;
    std::vector<Kind> kinds;
    std::vector<Competency> competencies;
    std::map<std::string, SetId> lexicons;  // lexicon name -> set
    ChecksConfig checks;
    std::vector<Question> questions;
    std::vector<Pitfall> pitfalls;
    std::vector<PhraseSet> sets;

    const Question* question(const std::string& id) const;
    const Kind* kind(const std::string& id) const;
    const Pitfall* pitfall(const std::string& id) const;
};

}  // namespace sg::rubric
