# completion/stargrade.bash: sourced, its completion function is called with
# COMP_WORDS/COMP_CWORD set, and COMPREPLY is checked: subcommands, the options
# of each (every option the sources of src/cli/ declare, so that a new option
# without completion fails here), option values, file names and schema names.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
# shellcheck source=../../completion/stargrade.bash
source completion/stargrade.bash
complete -p stargrade 2>/dev/null | grep -q -- '-F _stargrade' && pass || fail "the completion is not registered for stargrade"

# Prints the completions of a command line, one a line, sorted; the last word is
# the one being completed. Runs under set -u (as lib.sh), not set -e.
comp() {
  (
    set +e
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    _stargrade
    [ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}"
  ) | LC_ALL=C sort
}
# expect_comp "WANTED WORDS" WORD... : the completions are exactly these.
expect_comp() {
  local want got
  want=$(printf '%s\n' $1 | LC_ALL=C sort | sed '/^$/d')
  shift
  got=$(comp "$@")
  if [ "$got" = "$want" ]; then pass; else fail "completing '$*': got [$(echo $got)], want [$(echo $want)]"; fi
}
# expect_has "WORDS" WORD... : the completions include each of these.
expect_has() {
  local w got missing=""
  got=$(comp "${@:2}")
  for w in $1; do grep -qxF -- "$w" <<<"$got" || missing+=" $w"; done
  if [ -z "$missing" ]; then pass; else fail "completing '${*:2}': missing$missing"; fi
}

# Subcommands and global options.
expect_comp "grade check explain calibrate schema diff trend merge" stargrade ""
expect_comp "grade" stargrade gr
expect_comp "check calibrate" stargrade c
expect_comp "--help -h --version" stargrade -
expect_comp "--version" stargrade --v

# Every option the sources declare for a subcommand is completed for it.
python3 - src/cli >"$TMP/declared" <<'PY'
import glob, os, re, sys
inputs = []
if os.path.exists(os.path.join(sys.argv[1], "inputs.cpp")):
    text = open(os.path.join(sys.argv[1], "inputs.cpp")).read()
    for names in re.findall(r'add_(?:option|flag)\w*(?:<[^>]*>)?\(\s*"([^"]+)"', text):
        inputs += [n for n in names.split(",") if n.startswith("-")]
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.cpp"))):
    text = open(path).read()
    subs = re.findall(r'add_subcommand\(\s*"([\w-]+)"', text)
    if not subs:
        continue
    opts = []
    for names in re.findall(r'add_(?:option|flag)\w*(?:<[^>]*>)?\(\s*"([^"]+)"', text):
        opts += [n for n in names.split(",") if n.startswith("-") and n != "--"]
    # grade: one option per report format, "--" + the name of each writer.
    opts += ["--" + n for n in re.findall(r'\{\s*"(\w+)"\s*,\s*report::make_\w+_writer', text)]
    if "add_input_options(" in text:
        opts += inputs
    print(subs[0], " ".join(sorted(set(opts))))
PY
[ -s "$TMP/declared" ] && pass || fail "no subcommand found in src/cli/*.cpp"
while read -r sub opts; do
  expect_has "$opts --help -h" stargrade "$sub" -
done <"$TMP/declared"
# The grade options of the brief, some still being added.
expect_has "--rubric --json --csv --html --markdown --junit --jsonl --format --fail-under --question --jobs -j
            --max-bytes --quiet -q --glob --exclude --text-field --column-map --input-format --shard --baseline
            --tolerance --progress --no-progress" stargrade grade -
expect_comp "--jobs --json --jsonl --junit" stargrade grade --j
expect_comp "--json --csv --allow-partial --help -h" stargrade merge -
expect_comp "--help -h" stargrade schema -
expect_comp "--question --quiet" stargrade grade answers/ --q

# Option values, also as --option=value (bash splits the word at '=').
expect_comp "text json csv html markdown junit jsonl" stargrade grade --format ""
expect_comp "json jsonl junit" stargrade grade --format j
expect_comp "text json csv html markdown junit jsonl" stargrade grade --format = ""
expect_comp "json jsonl junit" stargrade grade --format = j
expect_comp "--format=json --format=jsonl --format=junit" stargrade grade --format=j
expect_comp "text json markdown" stargrade diff --format ""
expect_comp "text csv" stargrade trend --format ""
expect_comp "auto always never" stargrade explain --color ""
expect_comp "always" stargrade diff --color al
expect_comp "auto always never" stargrade trend --color ""
expect_comp "auto text md txt jsonl ndjson csv" stargrade grade --input-format ""
for opt in --jobs -j --fail-under --max-bytes --shard --tolerance --glob --exclude --text-field; do
  expect_comp "" stargrade grade "$opt" ""
done
expect_comp "" stargrade calibrate --folds ""
expect_comp "" stargrade explain --width ""

# Schema names: only as the first argument.
expect_comp "rubric report" stargrade schema ""
expect_comp "report" stargrade schema re
expect_comp "" stargrade schema rubric ""

# Question ids of the rubric in use.
expect_comp "q1" stargrade grade --rubric tests/cli/data/rubrics/base.yaml --question ""
expect_comp "q1" stargrade explain --rubric=tests/cli/data/rubrics/base.yaml --question ""
n=$("$BIN" check rubrics/tpm.yaml | sed -n 's/.*: \([0-9]*\) questions.*/\1/p')
got=$(comp stargrade grade --rubric rubrics/tpm.yaml --question "" | wc -l)
[ -n "$n" ] && [ "$got" -eq "$n" ] && pass || fail "--question completes $got ids of rubrics/tpm.yaml, which has ${n:-?} questions"
expect_has "why-tpm complex-program" stargrade grade --rubric rubrics/tpm.yaml --question ""
got=$(STARGRADE_RUBRIC=tests/cli/data/rubrics/base.yaml comp stargrade grade --question "")
[ "$got" = "q1" ] && pass || fail "--question does not use \$STARGRADE_RUBRIC: got [$got]"

# File names, in a scratch folder.
mkdir -p "$TMP/files/answers"
touch "$TMP/files/answers/a.md" "$TMP/files/r.yaml" "$TMP/files/r.yml" "$TMP/files/x.json" \
      "$TMP/files/notes.txt" "$TMP/files/my answer.md"
cd "$TMP/files"
all="answers r.yaml r.yml x.json notes.txt my_answer.md"
files_comp() { comp "$@" | tr ' ' _; }
expect_files() {
  local want got
  want=$(printf '%s\n' $1 | LC_ALL=C sort)
  shift
  got=$(files_comp "$@")
  if [ "$got" = "$want" ]; then pass; else fail "completing '$*' in a folder: got [$(echo $got)], want [$(echo $want)]"; fi
}
expect_files "$all" stargrade grade ""
expect_files "answers/a.md" stargrade grade answers/
expect_files "answers r.yaml r.yml" stargrade grade --rubric ""
expect_files "answers r.yaml r.yml" stargrade check ""
expect_files "$all" stargrade grade --json ""
expect_files "$all" stargrade grade --html ""
expect_files "answers x.json" stargrade grade --baseline ""
expect_files "$all" stargrade grade --column-map ""
expect_files "answers r.yaml r.yml" stargrade calibrate --labels ""
expect_files "$all" stargrade calibrate -o ""
expect_files "answers x.json" stargrade diff ""
expect_files "answers x.json" stargrade diff x.json ""
expect_files "" stargrade diff x.json x.json ""
expect_files "answers x.json" stargrade diff --tolerance 3 x.json ""
expect_files "answers x.json" stargrade merge x.json ""
expect_files "$all" stargrade merge --csv ""
expect_files "$all" stargrade explain ""
expect_files "" stargrade explain "my answer.md" ""
expect_files "$all" stargrade trend --csv ""
expect_files "my_answer.md" stargrade grade my
expect_files "--rubric=r.yaml" stargrade grade --rubric=r.ya
finish
