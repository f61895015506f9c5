# docs/rubric.schema.json agrees with the rubric loader: every rubric that
# `stargrade check` accepts validates (the shipped rubric, its calibration file
# against $defs/calibration, the valid test rubrics), and rubrics the loader
# rejects for their shape (unknown key, wrong type, out of range, missing key)
# are rejected by the schema too. Semantic problems (undefined references,
# duplicate ids, band order, bad regular expressions) are for `check` alone.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"

# YAML is read with the YAML 1.2 core schema, as yaml-cpp and the YAML language
# server read it (yes/no/on/off stay text, dates stay text).
cat >"$TMP/schemalib.py" <<'PY'
import copy, json, re, sys
import jsonschema, yaml

class CoreLoader(yaml.SafeLoader):
    pass

CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag.rsplit(":", 1)[-1] not in ("bool", "int", "float", "null", "timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=CoreLoader)

ROOT = json.load(open("docs/rubric.schema.json"))
jsonschema.Draft202012Validator.check_schema(ROOT)
# The calibration document: the same file, entered at $defs/calibration.
CAL = {k: ROOT[k] for k in ("$schema", "$id", "$defs")}
CAL["$ref"] = "#/$defs/calibration"

def errors(doc, calibration=False):
    v = jsonschema.Draft202012Validator(CAL if calibration else ROOT)
    return sorted(v.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))

def show(errs):
    for e in errs[:8]:
        print("   ", "/".join(map(str, e.absolute_path)) or "(root)", ":", e.message[:160], file=sys.stderr)
PY

# 1. Valid documents: the shipped rubric and calibration, and every test rubric `check` accepts.
expect_rc 0 "check rubrics/tpm.yaml" -- "$BIN" check rubrics/tpm.yaml
accepted=(rubrics/tpm.yaml)
rejected=()
for f in tests/cli/data/rubrics/*.yaml; do
  if "$BIN" check "$f" >/dev/null 2>&1; then accepted+=("$f"); else rejected+=("$f"); fi
done
[ ${#accepted[@]} -ge 2 ] && pass || fail "check accepts no test rubric (base.yaml should be valid)"
for f in "${accepted[@]}"; do
  PYTHONPATH=$TMP python3 - "$f" <<'PY' && pass || fail "$f (accepted by check) does not validate against docs/rubric.schema.json"
import sys
from schemalib import load_yaml, errors, show
errs = errors(load_yaml(sys.argv[1]))
show(errs)
sys.exit(1 if errs else 0)
PY
done
PYTHONPATH=$TMP python3 - rubrics/tpm.calibration.yaml <<'PY' && pass || fail "rubrics/tpm.calibration.yaml does not validate against #/\$defs/calibration"
import sys
from schemalib import load_yaml, errors, show
doc = load_yaml(sys.argv[1])
errs = errors(doc, calibration=True)
show(errs)
# ... and it is not a rubric.
sys.exit(1 if errs or not errors(doc) else 0)
PY

# 2. many-errors.yaml (rejected by check) has an unknown key and a wrong type: the schema sees both.
case " ${rejected[*]} " in *many-errors.yaml*) pass ;; *) fail "check should reject many-errors.yaml" ;; esac
PYTHONPATH=$TMP python3 - tests/cli/data/rubrics/many-errors.yaml <<'PY' && pass || fail "the schema should reject many-errors.yaml where the loader does"
import sys
from schemalib import load_yaml, errors
errs = errors(load_yaml(sys.argv[1]))
paths = {"/".join(map(str, e.absolute_path)) for e in errs}
msgs = " ".join(e.message for e in errs)
ok = "scoring" in paths and "wieghts" in msgs and "questions/1/text" in paths
if not ok:
    print("   schema errors:", sorted(paths), msgs[:300], file=sys.stderr)
sys.exit(0 if ok else 1)
PY

# 3. Variants of base.yaml: the loader and the schema agree on each.
cat >"$TMP/variants.py" <<'PY'
import copy, json, os, subprocess, sys
import yaml
from schemalib import load_yaml, errors

binary, tmp = sys.argv[1], sys.argv[2]
base = load_yaml("tests/cli/data/rubrics/base.yaml")

def q(r): return r["questions"][0]
def p(r): return r["pitfalls"][0]

def setkey(path, value):
    def f(r):
        node = r
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
    return f

def delkey(path):
    def f(r):
        node = r
        for k in path[:-1]:
            node = node[k]
        del node[path[-1]]
    return f

CAL_OK = {"weights": {"specificity": 2, "star": 1, "metrics": 1, "pitfalls": 0, "coverage": 1},
          "penalty_scale": 0.2, "bands": [{"id": "good", "min": 55}, {"id": "poor", "min": 0}],
          "fitted": {"answers": 12, "before": {"mse": 3.5}}}

# (description, valid?, mutation, calibration file or None)
variants = [
    ("base as is", True, lambda r: None, None),
    ("aliases as one text", True, setkey(["questions", 0, "aliases"], "tell me about one time"), None),
    ("version as a number", True, setkey(["version"], 2), None),
    ("a lexicon as one phrase", True, setkey(["lexicons", "cue"], "situation"), None),
    ("a regular expression phrase", True, setkey(["lexicons", "us"], ["we", "re: \\bour\\b"]), None),
    ("nested conditions", True, setkey(["pitfalls", 0, "detect"],
        {"all": [{"not": {"matches": {"phrases": ["i led"], "in": "all", "negated": "include"}}},
                 {"any": [{"feature": {"name": "words", "max": 80}},
                          {"matches": {"lexicon": ["us"], "min": 3, "distinct": True}}]}]}), None),
    ("every optional section", True, lambda r: r.update({
        "title": "Mini", "description": "A small rubric",
        "detection": {"min_confidence": 0.3, "header_weight": 2, "stopwords": ["the", "a"]},
        "competencies": [{"id": "ownership", "name": "Ownership", "cues": ["i owned"]}]}), None),
    ("checks settings", True, lambda r: r["checks"].update({
        "negation": "us", "negation_window": 4,
        "specificity": {"named": ["cue"], "named_target": 3, "ownership": {"singular": "me", "plural": "us"},
                        "weights": {"named": 1, "numbers": 1}, "messages": {"vague": "Replace '{excerpt}'"}},
        "coverage": {"min_hits": 2, "generic_credit": 0.5, "concrete": ["me"]}}), None),
    ("a valid calibration file", True, setkey(["calibration"], "cal.yaml"), CAL_OK),

    ("an unknown top-level key", False, setkey(["titel"], "Mini"), None),
    ("an unknown key in a question", False, setkey(["questions", 0, "alias"], ["x"]), None),
    ("an unknown key in a condition", False, setkey(["pitfalls", 0, "detect"], {"feature": {"name": "words", "min": 1, "mx": 2}}), None),
    ("pass is text", False, setkey(["scoring", "pass"], "high"), None),
    ("pass out of range", False, setkey(["scoring", "pass"], 150), None),
    ("questions is a map", False, setkey(["questions"], {"q1": {"kind": "story"}}), None),
    ("star is not a boolean", False, setkey(["kinds", 0, "star"], "maybe"), None),
    ("question text is a list", False, setkey(["questions", 0, "text"], ["not", "text"]), None),
    ("question text missing", False, delkey(["questions", 0, "text"]), None),
    ("scoring missing", False, delkey(["scoring"]), None),
    ("schema 2", False, setkey(["schema"], 2), None),
    ("no bands", False, setkey(["scoring", "bands"], []), None),
    ("every weight 0", False, setkey(["scoring", "weights"], {"star": 0, "metrics": 0}), None),
    ("a star part missing", False, delkey(["checks", "star", "parts", "result"]), None),
    ("metric pattern without pattern", False, setkey(["checks", "metrics", "patterns"], [{"id": "pct"}]), None),
    ("a condition with two keys", False, setkey(["pitfalls", 0, "detect"],
        {"feature": {"name": "words", "min": 1}, "not": {"feature": {"name": "words", "max": 9}}}), None),
    ("an empty all", False, setkey(["pitfalls", 0, "detect"], {"all": []}), None),
    ("lexicon and phrases together", False, setkey(["pitfalls", 0, "detect"],
        {"matches": {"lexicon": "us", "phrases": ["we"]}}), None),
    ("an unknown feature", False, setkey(["pitfalls", 0, "detect"], {"feature": {"name": "we_shar", "min": 0.5}}), None),
    ("a feature without min or max", False, setkey(["pitfalls", 0, "detect"], {"feature": {"name": "words"}}), None),
    ("matches in: everywhere", False, setkey(["pitfalls", 0, "detect"], {"matches": {"lexicon": "us", "in": "everywhere"}}), None),
    ("negated: sometimes", False, setkey(["pitfalls", 0, "detect"], {"matches": {"lexicon": "us", "negated": "sometimes"}}), None),
    ("a phrase with no word", False, setkey(["lexicons", "us"], ["we", "--"]), None),
    ("an empty regular expression", False, setkey(["lexicons", "us"], ["we", "re:  "]), None),
    ("a null lexicon", False, setkey(["lexicons", "us"], None), None),
    ("ownership.singular is a list", False, lambda r: r["checks"].update(
        {"specificity": {"ownership": {"singular": ["me"], "plural": "us"}}}), None),
    ("a calibration file with an unknown key", False, setkey(["calibration"], "cal.yaml"),
        dict(CAL_OK, weight={"star": 1})),
    ("a calibration file with text weights", False, setkey(["calibration"], "cal.yaml"),
        dict(CAL_OK, weights={"star": "heavy"})),
]

failures = 0
for i, (what, valid, mutate, cal) in enumerate(variants):
    r = copy.deepcopy(base)
    mutate(r)
    d = os.path.join(tmp, "v%02d" % i)
    os.makedirs(d)
    path = os.path.join(d, "rubric.yaml")
    with open(path, "w") as f:
        yaml.safe_dump(r, f, sort_keys=False, allow_unicode=True)
    schema_ok = not errors(r)
    if cal is not None:
        with open(os.path.join(d, "cal.yaml"), "w") as f:
            yaml.safe_dump(cal, f, sort_keys=False)
        schema_ok = schema_ok and not errors(load_yaml(os.path.join(d, "cal.yaml")), calibration=True)
    rc = subprocess.run([binary, "check", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    loader_ok = rc == 0
    if loader_ok != valid:
        print("FAIL the loader %s %s (exit %d)" % ("rejects" if valid else "accepts", what, rc))
    elif schema_ok != valid:
        print("FAIL the schema %s %s, the loader does not" % ("rejects" if valid else "accepts", what))
    else:
        print("ok %s" % what)
PY
PYTHONPATH=$TMP python3 "$TMP/variants.py" "$BIN" "$TMP" >"$TMP/variants.out" 2>"$TMP/variants.err" || fail "the variants script failed: $(tail -3 "$TMP/variants.err")"
while IFS= read -r line; do
  case $line in ok\ *) pass ;; *) fail "${line#FAIL }" ;; esac
done <"$TMP/variants.out"
[ "$(grep -c '^ok ' "$TMP/variants.out")" -ge 30 ] && pass || fail "fewer variants ran than expected"
finish
