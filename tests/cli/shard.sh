# grade --shard K/N and merge: the shards of a run are disjoint and cover every
# input once; merging them gives the report of one run over everything (JSON
# and CSV, compared byte for byte once the volatile fields are gone), also for
# N=1 and for more shards than files; merge refuses what is not one run's set
# of shards; and the GNU parallel recipe of docs/sharding.md works.
# Exits 77 (after every other check) only when GNU parallel is not installed.
source "$(dirname "$0")/lib.sh" "$1" "$2"

# ~60 answers in nested folders, copied from samples/ with unique ids and an
# extra line each, plus a JSON Lines log (4 answers in one file). Paths are
# relative: a shard is chosen by the source path as given.
cd "$TMP"
mkdir -p answers/team-a answers/team-b/remote answers/team-c/2024/q1 answers/loose
dirs=(answers/team-a answers/team-b/remote answers/team-c/2024/q1 answers/loose)
i=0
for round in 1 2 3 4 5; do
  for f in "$REPO"/samples/*.md "$REPO"/samples/*.txt; do
    d=${dirs[$((i % 4))]}; i=$((i + 1))
    name=$(basename "$f")
    sed "s/^id: s\([0-9]*\)$/id: r$round-s\1/" "$f" >"$d/r$round-$name"
    printf '\nAdded for round %s of the shard test.\n' "$round" >>"$d/r$round-$name"
  done
done
cp "$REPO/tests/cli/data/logs/practice-log.jsonl" answers/team-b/practice-log.jsonl
[ "$(find answers -type f | wc -l)" -eq 61 ] && pass || fail "61 input files generated"

# sources REPORT: the sources of its answers, one a line, in report order.
sources() { python3 -c 'import json,sys; [print(a["source"]) for a in json.load(open(sys.argv[1]))["answers"]]' "$1"; }
# norm REPORT: the report without generated_at, tool.version, rubric.path and shard.
norm() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r.pop("generated_at", None)
r.pop("shard", None)
r["tool"].pop("version", None)
r["rubric"].pop("path", None)
print(json.dumps(r, indent=2))
PY
}
# same_as_single WHAT MERGED.json MERGED.csv: equal to the unsharded run.
same_as_single() {
  norm "$2" >"$TMP/merged.norm"
  cmp -s "$TMP/single.norm" "$TMP/merged.norm" && pass || {
    fail "$1: merged JSON differs from the single run"; diff "$TMP/single.norm" "$TMP/merged.norm" | head -20 >&2; }
  cmp -s "$TMP/single.csv" "$3" && pass || {
    fail "$1: merged CSV differs from the single run"; diff "$TMP/single.csv" "$3" | head -10 >&2; }
}

# The single run: some samples fail, so exit 1.
expect_rc 1 "the unsharded run" -- "$BIN" grade --quiet answers/ --json single.json --csv single.csv
norm single.json >"$TMP/single.norm"
sources single.json >single.src
[ "$(wc -l <single.src)" -eq 64 ] && pass || fail "the single run has 64 answers, not $(wc -l <single.src)"
python3 -c 'import json,sys; sys.exit("shard" in json.load(open(sys.argv[1])))' single.json && pass || fail "an unsharded report has no shard field"

# --- (a) three shards: disjoint, covering every answer and file once -------
for k in 1 2 3; do
  expect_rc 1 "shard $k/3" -- "$BIN" grade --quiet --shard $k/3 answers/ --json part$k.json --csv part$k.csv
  sources part$k.json >part$k.src
  [ -s part$k.src ] && pass || fail "shard $k/3 is not empty"
  python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])).get("shard") != sys.argv[2])' part$k.json "$k/3" \
    && pass || fail "part$k.json records \"shard\": \"$k/3\""
done
cat part1.src part2.src part3.src | sort >union.src
[ -z "$(uniq -d union.src)" ] && pass || fail "shards overlap: $(uniq -d union.src | head -3 | tr '\n' ' ')"
sort single.src | cmp -s - union.src && pass || fail "the shards together are not the single run's answers"
# A file is never split: every answer of the log is in one shard.
[ "$(grep -l 'practice-log.jsonl#' part1.src part2.src part3.src | wc -l)" -eq 1 ] && pass \
  || fail "the JSON Lines log is split across shards"
[ "$(grep -c 'practice-log.jsonl#' union.src)" -eq 4 ] && pass || fail "the log's 4 answers are all graded"
# A shard is the same whatever the threads or the run.
"$BIN" grade --quiet --jobs 1 --shard 2/3 answers/ --json again.json >/dev/null 2>&1 || true
sources again.json | cmp -s - part2.src && pass || fail "shard 2/3 with --jobs 1 differs"
# Bad --shard values are usage errors, and write nothing.
for bad in 0/3 4/3 3 1/0 a/b 1/3x -1/3; do
  expect_rc 64 "--shard $bad" -- "$BIN" grade --quiet --shard "$bad" answers/ --json bad.json
  expect_grep "expected K/N with 1 <= K <= N" "$TMP/err" "--shard $bad: the message"
done
[ ! -e bad.json ] && pass || fail "a bad --shard writes no report"

# --- (b) merge = the single run ----------------------------------------------
expect_rc 1 "merge of 3 shards exits as the single run" -- "$BIN" merge --json M.json --csv M.csv part1.json part2.json part3.json
want=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print("merged 3 reports: %d answers, %d graded, %d errors, %d passed, %d failed" % (s["answers"], s["graded"], s["errors"], s["passed"], s["failed"]))' single.json)
expect_grep "$want" "$TMP/err" "the merge summary"
same_as_single "N=3" M.json M.csv
python3 -c 'import json,sys; sys.exit("shard" in json.load(open(sys.argv[1])))' M.json && pass || fail "the merged report has no shard field"
# The order of the arguments does not matter; without --json the JSON goes to standard output.
"$BIN" merge part3.json part1.json part2.json >stdout.json 2>/dev/null || true
norm stdout.json | cmp -s "$TMP/single.norm" - && pass || fail "merge in another order, to standard output"
# The merged CSV is the CSV of the shards' rows, reordered (the header once).
[ "$(cat part1.csv part2.csv part3.csv | grep -vc '^id,source,')" -eq "$(($(wc -l <single.csv) - 1))" ] && pass \
  || fail "the shards' CSV rows add up to the single run's"

# N=1: --shard 1/1 is the single run itself (no shard field), and merges to it.
expect_rc 1 "shard 1/1" -- "$BIN" grade --quiet --shard 1/1 answers/ --json one.json --csv one.csv
norm one.json | cmp -s "$TMP/single.norm" - && pass || fail "--shard 1/1 is the single run"
python3 -c 'import json,sys; sys.exit("shard" in json.load(open(sys.argv[1])))' one.json && pass || fail "--shard 1/1 writes no shard field"
expect_rc 1 "merge of the one shard of 1" -- "$BIN" merge --json M1.json --csv M1.csv one.json
same_as_single "N=1" M1.json M1.csv

# N=64 > 61 files: some shards are empty, and each still writes a report.
mkdir many
for k in $(seq 1 64); do
  "$BIN" grade --quiet --shard $k/64 answers/ --json many/p$k.json --csv many/p$k.csv >/dev/null 2>&1 || true
done
[ "$(ls many/*.json | wc -l)" -eq 64 ] && pass || fail "each of the 64 shards wrote a report"
# The empty shards, one a line (at least 3 of 64 shards of 61 files).
python3 - <<'PY' >empty.txt
import json
for k in range(1, 65):
    if not json.load(open(f"many/p{k}.json"))["answers"]:
        print(k)
PY
[ "$(wc -l <empty.txt)" -ge 3 ] && pass || fail "with 64 shards of 61 files at least 3 are empty, found $(wc -l <empty.txt)"
k=$(head -1 empty.txt)
expect_rc 0 "an empty shard exits 0" -- "$BIN" grade --quiet --shard "$k/64" answers/ --json empty.json
[ "$(grep -c . <"many/p$k.csv")" -eq 1 ] && pass || fail "an empty shard's CSV is the header alone"
expect_rc 1 "merge of 64 shards" -- "$BIN" merge --json M64.json --csv M64.csv many/p*.json
same_as_single "N=64" M64.json M64.csv

# Error rows (an empty file, a binary file, a missing path, a broken log) go to one shard each, and merge back.
mkdir bad-in
printf '' >bad-in/empty.md
printf 'abc\000' >bad-in/binary.md
cp "$REPO/tests/cli/data/logs/practice-log-broken.jsonl" bad-in/
expect_rc 2 "the single run with error rows" -- "$BIN" grade --quiet answers/ bad-in/ no-such.md --json e.json --csv e.csv
for k in 1 2 3; do "$BIN" grade --quiet --shard $k/3 answers/ bad-in/ no-such.md --json e$k.json >/dev/null 2>&1 || true; done
expect_rc 2 "merge with error rows exits 2" -- "$BIN" merge --json eM.json --csv eM.csv e1.json e2.json e3.json
norm e.json | cmp -s - <(norm eM.json) && pass || fail "merged error rows differ from the single run"
cmp -s e.csv eM.csv && pass || fail "merged CSV with error rows differs from the single run"

# --- (c) what merge refuses (exit 2, and nothing written) ---------------------
# refuse WHAT MESSAGE REPORT...
refuse() {
  local what=$1 msg=$2; shift 2
  rm -f R.json R.csv
  expect_rc 2 "$what" -- "$BIN" merge --json R.json --csv R.csv "$@"
  expect_grep "$msg" "$TMP/err" "$what: the message"
  [ ! -e R.json ] && [ ! -e R.csv ] && pass || fail "$what: a report was written"
}
refuse "a missing shard" "shard 3 of 3 missing; nothing merged (--allow-partial merges anyway)" part1.json part2.json
refuse "two missing shards" "shards 1, 3 of 3 missing" part2.json
expect_rc 1 "--allow-partial merges the shards given" -- "$BIN" merge --allow-partial --json P.json part1.json part3.json
[ "$(sources P.json | wc -l)" -eq "$(cat part1.src part3.src | wc -l)" ] && pass || fail "--allow-partial: the answers of both shards"
refuse "the same shard twice" "part2.json: shard \"2/3\" repeats or does not fit the other reports' shards" part1.json part2.json part2.json part3.json
"$BIN" grade --quiet --shard 1/4 answers/ --json q1.json >/dev/null 2>&1 || true
refuse "shards of different N" "shard \"1/4\" repeats or does not fit" part2.json part3.json q1.json
"$BIN" grade --quiet --shard 3/3 --fail-under 70 answers/ --json part3-70.json >/dev/null 2>&1 || true
refuse "a different pass mark" "part1.json and part3-70.json differ in pass_mark (60.0 and 70.0): they are not shards of one run" \
  part1.json part2.json part3-70.json
# Whole runs overlap: the same one twice, or one beside shards, would count answers twice.
refuse "the same whole run twice" "is in both single.json and single.json: the reports overlap" single.json single.json
refuse "a whole run beside shards" "single.json is a whole run, not a shard, and the other reports are shards" \
  part1.json part2.json part3.json single.json
# The same rubric under another id, and under another version.
cp "$REPO/rubrics/tpm.calibration.yaml" .
sed 's/^id: tpm$/id: tpm-copy/' "$REPO/rubrics/tpm.yaml" >other-id.yaml
sed 's/^version: .*/version: 9.9.9/' "$REPO/rubrics/tpm.yaml" >other-version.yaml
"$BIN" grade --quiet --shard 3/3 --rubric other-id.yaml answers/ --json part3-id.json >/dev/null 2>&1 || true
"$BIN" grade --quiet --shard 3/3 --rubric other-version.yaml answers/ --json part3-v.json >/dev/null 2>&1 || true
refuse "a different rubric id" "differ in rubric.id (\"tpm\" and \"tpm-copy\")" part1.json part2.json part3-id.json
refuse "a different rubric version" "differ in rubric.version (\"1.0.0\" and \"9.9.9\")" part1.json part2.json part3-v.json
# The same rubric at another path is the same rubric.
cp "$REPO/rubrics/tpm.yaml" same.yaml
"$BIN" grade --quiet --shard 3/3 --rubric same.yaml answers/ --json part3-same.json >/dev/null 2>&1 || true
expect_rc 1 "the same rubric at another path merges" -- "$BIN" merge --json S.json part1.json part2.json part3-same.json
# Files that are not stargrade JSON reports.
refuse "a CSV report" "single.csv: byte 0: not a JSON object (a stargrade report starts with '{')" part1.json single.csv
echo '{"name": "package", "version": "1.0.0"}' >package.json
refuse "a JSON file that is no report" "package.json: byte" part1.json package.json
python3 -c '
import json, sys
r = json.load(open("part3.json")); r["tool"]["name"] = "other"; json.dump(r, open("other-tool.json", "w"))'
refuse "another tool's report" "other-tool.json: not a stargrade report (no tool or rubric field)" part1.json part2.json other-tool.json
head -c 3000 part3.json >truncated.json
refuse "a truncated report" "truncated.json: byte 3000: the file ends inside an object or array" part1.json part2.json truncated.json
refuse "a missing report" "no-such.json: cannot read; nothing merged" part1.json part2.json no-such.json
# Usage errors and an unwritable target.
expect_rc 64 "merge without reports" -- "$BIN" merge --json R.json
expect_rc 64 "--json and --csv to one file" -- "$BIN" merge --json R.json --csv R.json part1.json part2.json part3.json
expect_grep "--json and --csv both write to R.json" "$TMP/err" "the same-file message"
expect_rc 74 "an unwritable merged report" -- "$BIN" merge --json no-such-dir/R.json part1.json part2.json part3.json
expect_grep "nothing merged" "$TMP/err" "the unwritable message"

# --- (d) the GNU parallel recipe of docs/sharding.md --------------------------
if ! command -v parallel >/dev/null 2>&1; then
  echo "shard: GNU parallel not found; its recipe is skipped (scripts/setup.sh installs it)" >&2
  finish || exit 1
  exit 77
fi
mkdir recipe && cd recipe
ln -s ../answers answers
export PATH="$(dirname "$BIN"):$PATH"
mkdir parts
expect_rc 0 "parallel -j2 over 4 shards" -- \
  parallel -j2 'stargrade grade --quiet --shard {}/4 answers/ --json parts/{}.json || [ $? -le 2 ]' ::: 1 2 3 4
[ "$(ls parts | wc -l)" -eq 4 ] && pass || fail "the recipe wrote 4 shard reports"
expect_rc 1 "merge of the recipe's shards" -- stargrade merge --json report.json --csv report.csv parts/*.json
same_as_single "parallel recipe" report.json report.csv
# Without the '|| [ $? -le 2 ]', parallel counts each shard with a failing answer as a failed job.
rc=0; parallel -j2 stargrade grade --quiet --shard {}/4 answers/ --json plain{}.json ::: 1 2 3 4 || rc=$?
nonzero=$(python3 -c '
import json, sys
print(sum(1 for f in sys.argv[1:] if json.load(open(f))["summary"]["failed"] or json.load(open(f))["summary"]["errors"]))' parts/*.json)
[ "$nonzero" -ge 1 ] && [ "$rc" -eq "$nonzero" ] && pass \
  || fail "plain parallel exits with the number of shards that exited 1 or 2 ($nonzero), got $rc"
# A shard that cannot run (a missing rubric, exit 65) fails the recipe, and merge then refuses.
rm -rf parts2 && mkdir parts2
expect_rc 1 "the recipe with a broken shard fails" -- \
  parallel -j2 'stargrade grade --quiet --shard {}/4 $([ {} = 3 ] && echo --rubric missing.yaml) answers/ --json parts2/{}.json || [ $? -le 2 ]' ::: 1 2 3 4
expect_rc 2 "merge refuses the recipe's missing shard" -- stargrade merge --json r2.json parts2/*.json
expect_grep "shard 3 of 4 missing" "$TMP/err" "the missing shard is named"
cd ..

finish
