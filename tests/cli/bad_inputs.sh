# Bad answer files: each becomes a located error row (or, for BOM and CRLF,
# is graded exactly like the clean file), the run goes on, exit code 2.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
d=$TMP/in
mkdir -p "$d"
# the sample without its id, so that ids come from the file names
grep -v "^id:" samples/s04-kyc-dependency-slip.md >"$d/clean.md"
clean=$d/clean.md
# BOM + CRLF version of the same answer
printf '\xef\xbb\xbf' >"$d/bom-crlf.md"; sed 's/$/\r/' "$clean" >>"$d/bom-crlf.md"
# lone CR line ends
tr '\n' '\r' <"$clean" >"$d/cr.md"
printf '' >"$d/empty.md"
printf '  \n\t\n   \n' >"$d/blank.md"
printf 'Situation: fine\n\xff\xfe broken bytes\n' >"$d/invalid-utf8.md"
printf 'abc\x00def\x01\x02' >"$d/binary.md"
printf '\xff\xfeS\x00i\x00' >"$d/utf16.md"
printf -- '---\nid: x\ncandidate: [unclosed\n---\nI led the thing.\n' >"$d/bad-front.md"
printf -- '---\nid: y\ncandidate: z\nI never close the front matter.\n' >"$d/open-front.md"
printf -- '---\nid: only-front\n---\n   \n' >"$d/front-only.md"
printf -- '---\nquestion: tell-me-about-it\n---\nI led the migration.\n' >"$d/unknown-question.md"
head -c 3000 /dev/zero | tr '\0' 'a' >"$d/big.md"

rc=0
"$BIN" grade --fail-under 0 --max-bytes 2500 --json "$TMP/r.json" --csv "$TMP/r.csv" "$d" "$TMP/does-not-exist.md" \
  >"$TMP/out" 2>"$TMP/err" || rc=$?
[ "$rc" -eq 2 ] && pass || fail "exit $rc, want 2"
python3 - "$TMP/r.json" <<'PY' && pass || fail "report contents"
import json, sys
r = json.load(open(sys.argv[1]))
a = {x["id"]: x for x in r["answers"]}
ok = True
def want(cond, msg):
    global ok
    if not cond:
        print("  report:", msg, file=sys.stderr); ok = False
want(len(r["answers"]) == 14, f"14 answers, got {len(r['answers'])}: {sorted(a)}")
want(r["summary"]["answers"] == 14, "summary.answers")
for i in ("clean", "bom-crlf", "cr"):
    want(a.get(i, {}).get("status") == "graded", f"{i} graded")
c = a["clean"]
for i in ("bom-crlf", "cr"):
    x = a[i]
    want(x["score"] == c["score"], f"{i} score {x['score']} == clean {c['score']}")
    want(x["checks"]["star"]["parts"] == c["checks"]["star"]["parts"], f"{i} star parts")
    fl = [(f["line"], f["column"]) for k in c["checks"] for f in c["checks"][k]["findings"]]
    fx = [(f["line"], f["column"]) for k in x["checks"] for f in x["checks"][k]["findings"]]
    want(fl == fx, f"{i} finding places equal the clean file's")
errors = {
    "empty": "empty", "blank": "empty", "only-front": "empty",
    "invalid-utf8": "invalid-utf8.md:2:", "binary": "binary", "utf16": "UTF-16",
    "bad-front": "malformed front matter", "open-front": "never closed",
    "unknown-question": "unknown question 'tell-me-about-it'",
    "big": "over the limit of 2500 bytes", "does-not-exist": "no such file",
}
for i, text in errors.items():
    x = a.get(i)
    if x is None:
        want(False, f"{i} missing from the report"); continue
    want(x["status"] == "error", f"{i} status {x['status']}")
    want(x["error"] and text in x["error"], f"{i} error {x['error']!r} should contain {text!r}")
    want(x["score"] is None, f"{i} has no score")
sys.exit(0 if ok else 1)
PY
# Every error is also in the CSV, one row per input (header + 14 rows).
rows=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open('$TMP/r.csv', newline=''))))")
[ "$rows" -eq 15 ] && pass || fail "CSV rows: $rows, want 15"
expect_grep "error:" "$TMP/out" "summary shows errors"
finish
