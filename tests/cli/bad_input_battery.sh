# A battery of bad inputs, end to end, beyond bad_inputs.sh, bad_rubrics.sh and
# exit_codes.sh. For every case: the message names the file and the place
# (line, row, column or byte), the run goes on over the other inputs, every
# input is in the JSON and the CSV report exactly once, and the exit code says
# what happened (0 ok, 1 failed, 2 an input could not be graded, 64 usage,
# 65 invalid rubric, 74 a report could not be written, 130/143 interrupted).
source "$(dirname "$0")/lib.sh" "$1" "$2"
W=$TMP/w
mkdir -p "$W"
export REPO
grep -v "^id:" "$REPO/samples/s04-kyc-dependency-slip.md" >"$W/good.md"
cd "$W"

# ---- helpers -----------------------------------------------------------------
cat >"$TMP/check.py" <<'PY'
# check.py MODE BASE ...: checks BASE.json and BASE.csv, the reports of one run.
import csv, json, sys
mode, base = sys.argv[1], sys.argv[2]
r = json.load(open(base + ".json"))
rows = list(csv.DictReader(open(base + ".csv", newline="", encoding="utf-8")))
A = r["answers"]
by = {a["source"]: a for a in A}
def fail(msg):
    print("  " + msg, file=sys.stderr)
    for a in A:
        print(f"  | {a['source']}: {a['status']} {a['error'] or ''}"[:300], file=sys.stderr)
    sys.exit(1)
if mode == "once":  # SOURCE...: exactly these sources, each once, in both reports
    want = sorted(sys.argv[3:])
    js, cs = sorted(a["source"] for a in A), sorted(x["source"] for x in rows)
    if js != want: fail(f"JSON sources {js}, want {want}")
    if cs != want: fail(f"CSV sources {cs}, want {want}")
    if r["summary"]["answers"] != len(want): fail(f"summary.answers {r['summary']['answers']}, want {len(want)}")
    if [(a["id"], a["source"], a["status"]) for a in A] != [(x["id"], x["source"], x["status"]) for x in rows]:
        fail("the JSON and the CSV report disagree on ids, sources or statuses")
elif mode == "row":  # SOURCE STATUS [TEXT...]: that row's status; its error holds each TEXT, in both reports
    src, status, texts = sys.argv[3], sys.argv[4], sys.argv[5:]
    j = [a for a in A if a["source"] == src]
    c = [x for x in rows if x["source"] == src]
    if len(j) != 1 or len(c) != 1: fail(f"{src}: {len(j)} JSON rows and {len(c)} CSV rows, want one of each")
    if j[0]["status"] != status: fail(f"{src}: status {j[0]['status']}, want {status}")
    for t in texts:
        if t not in (j[0]["error"] or "") or t not in c[0]["error"]:
            fail(f"{src}: error {j[0]['error']!r} (CSV {c[0]['error']!r}) should contain {t!r}")
elif mode == "expr":  # EXPRESSION over A (answers), by (source -> answer), r (report), rows (CSV)
    if not eval(sys.argv[3]): fail("not true: " + sys.argv[3])
PY
# grade NAME WANT_RC ARGS...: a run with --json NAME.json --csv NAME.csv; its
# stdout and stderr are kept as NAME.out and NAME.err. A hang fails the run.
grade() {
  local name=$1 want=$2; shift 2
  rm -f "$name.json" "$name.csv"
  expect_rc "$want" "$name: exit code" -- timeout 60 "$BIN" grade --fail-under 0 --json "$name.json" --csv "$name.csv" "$@"
  cp "$TMP/out" "$name.out"; cp "$TMP/err" "$name.err"
}
once() { local name=$1; shift; python3 "$TMP/check.py" once "$name" "$@" && pass || fail "$name: every input once in JSON and CSV"; }
row() { local name=$1 what=$2; shift 2; python3 "$TMP/check.py" row "$name" "$@" && pass || fail "$name: $what"; }
holds() { python3 "$TMP/check.py" expr "$1" "$3" && pass || fail "$1: $2"; }
# no_temp DIR: no temporary report file (.NAME.tmp.XXXXXX) is left in DIR.
no_temp() {
  local left; left=$(find "$1" -maxdepth 1 -name '.*.tmp.*' | head -3)
  [ -z "$left" ] && pass || fail "$2: temporary files left behind: $left"
}

# A 2 MB answer on one line is graded in the background while the rest runs.
python3 - <<'PY'
import random
random.seed(7)
words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
         "I led the migration and we cut latency by 40 percent").split()
text = " ".join(random.choice(words) for _ in range(400000))[: 2 * 1024 * 1024].rsplit(" ", 1)[0]
open("long-line.md", "w").write(text)
open("long-line.words", "w").write(str(len(text.split())))
PY
start_long=$(date +%s)
( rc=0; timeout 120 "$BIN" grade --fail-under 0 -q -j1 --max-bytes 3000000 --json long.json --csv long.csv long-line.md \
    >long.out 2>long.err || rc=$?; echo "$rc $(( $(date +%s) - start_long ))" >long.done ) &
long_pid=$!

# ---- JSON Lines ----------------------------------------------------------------
python3 - <<'PY'
import json
good = open("good.md").read()
line = lambda **kw: json.dumps(kw)
big = line(answer="word " * 5000)
lines = [
    line(id="m1", answer=good),            # 1 graded
    '{"answer": "x",',                      # 2 malformed
    "[1, 2]",                               # 3 not an object
    line(id="m4", response=good),           # 4 no "answer" field
    '{"answer": 42}',                       # 5 not a string
    "",                                     # 6 blank, skipped
    "  \t ",                                # 7 blank, skipped
    line(answer=good),                      # 8 graded, numbered by its physical line
    None,                                   # 9 a raw NUL byte (written below)
    '{"answer": "ok\\u0000bad"}',           # 10 an escaped NUL character
    big,                                    # 11 over --max-bytes 20000
    line(id="m12", answer=good),            # 12 graded after the long line
    '{"id": {"x": 1}, "answer": "I led it."}',  # 13 id of the wrong type
]
with open("mixed.jsonl", "wb") as f:
    for l in lines:
        f.write(b'{"answer": "ab\x00c"}' if l is None else l.encode())
        f.write(b"\n")
open("big-line.len", "w").write(str(len(big.encode())))
open("crlf.jsonl", "w", newline="").write(line(id="c1", answer=good) + "\r\n" + line(id="c2", answer="I led it.") + "\r\n")
open("bom.jsonl", "wb").write(b"\xef\xbb\xbf" + line(id="b1", answer=good).encode() + b"\n")
open("utf16.jsonl", "wb").write(b"\xfe\xff" + line(answer=good).encode("utf-16-be"))
# text under --text-field response; "answer" is then metadata
open("response.jsonl", "w").write(line(id="t1", response=good, answer="kept as metadata") + "\n" + line(id="t2", answer=good) + "\n")
PY
grade jsonl 2 --max-bytes 20000 mixed.jsonl crlf.jsonl bom.jsonl utf16.jsonl good.md
once jsonl good.md mixed.jsonl#1 mixed.jsonl#2 mixed.jsonl#3 mixed.jsonl#4 mixed.jsonl#5 mixed.jsonl#8 mixed.jsonl#9 \
  mixed.jsonl#10 mixed.jsonl#11 mixed.jsonl#12 mixed.jsonl#13 crlf.jsonl#1 crlf.jsonl#2 bom.jsonl#1 utf16.jsonl
row jsonl "malformed line in the middle" mixed.jsonl#2 error "mixed.jsonl#2: malformed JSON at byte column 16"
holds jsonl "the lines around a malformed one are graded" \
  "by['mixed.jsonl#1']['status'] == by['mixed.jsonl#8']['status'] == by['mixed.jsonl#12']['status'] == 'graded'"
row jsonl "a line that is not an object" mixed.jsonl#3 error 'mixed.jsonl#3: expected a JSON object with an "answer" field, got an array'
row jsonl "a line without the text field lists its keys" mixed.jsonl#4 error \
  'mixed.jsonl#4: no "answer" field; the keys present are: id, response (choose the answer'"'"'s field with --text-field)'
holds jsonl "the error row of a line without text keeps the line's id" "by['mixed.jsonl#4']['id'] == 'm4'"
row jsonl "a text field of the wrong type" mixed.jsonl#5 error 'mixed.jsonl#5: the "answer" field must be a string, got a number'
holds jsonl "blank lines are skipped but counted: the line after them is #8" \
  "'mixed.jsonl#6' not in by and 'mixed.jsonl#7' not in by and by['mixed.jsonl#8']['id'] == 'mixed#8'"
row jsonl "a raw NUL byte inside a line, at its byte column" mixed.jsonl#9 error \
  "mixed.jsonl#9: binary data (a NUL byte at column 15); a log line must be JSON text"
row jsonl "an escaped NUL character in the text" mixed.jsonl#10 error 'mixed.jsonl#10: the "answer" field holds a NUL character (\u0000)'
row jsonl "a line over --max-bytes gives its real length" mixed.jsonl#11 error \
  "mixed.jsonl#11: the line is $(cat big-line.len) bytes, over the limit of 20000 bytes"
row jsonl "an id of the wrong type" mixed.jsonl#13 error 'mixed.jsonl#13: the "id" field must be a string or a whole number, got an object'
holds jsonl "CRLF lines are graded as the LF ones" \
  "by['crlf.jsonl#1']['score'] == by['mixed.jsonl#1']['score'] and by['crlf.jsonl#2']['status'] == 'graded' and by['crlf.jsonl#1']['id'] == 'c1'"
holds jsonl "a UTF-8 BOM before the first line is skipped" \
  "by['bom.jsonl#1']['status'] == 'graded' and by['bom.jsonl#1']['id'] == 'b1' and by['bom.jsonl#1']['score'] == by['mixed.jsonl#1']['score']"
row jsonl "a UTF-16 BE log is one error for the file" utf16.jsonl error "utf16.jsonl: UTF-16 text is not supported; save the log as UTF-8"
expect_grep "mixed.jsonl#2: malformed JSON at byte column 16" jsonl.out "the summary lines show the malformed line"

grade textfield 2 --text-field response response.jsonl
once textfield response.jsonl#1 response.jsonl#2
holds textfield "--text-field response grades that key and keeps 'answer' as metadata" \
  "by['response.jsonl#1']['status'] == 'graded' and by['response.jsonl#1']['metadata'] == {'answer': 'kept as metadata'}"
row textfield "--text-field response: a line without it names the field" response.jsonl#2 error \
  'response.jsonl#2: no "response" field; the keys present are: id, answer'

# An enormous line (3 MB) and a line of 200000 nested lists, each followed by a good line.
python3 - <<'PY'
import json
good = open("good.md").read()
open("huge.jsonl", "w").write(json.dumps({"answer": "word " * 600000}) + "\n" + json.dumps({"answer": good}) + "\n")
head = '{"answer": "I led it.", "meta": '
open("deep.jsonl", "w").write(head + "[" * 200000 + "]" * 200000 + "}\n" + json.dumps({"answer": good}) + "\n")
open("deep.col", "w").write(str(len(head) + 1000))  # the object is the first level
PY
grade jsonl-big 2 huge.jsonl deep.jsonl
once jsonl-big huge.jsonl#1 huge.jsonl#2 deep.jsonl#1 deep.jsonl#2
row jsonl-big "an enormous line is an error with its size" huge.jsonl#1 error "huge.jsonl#1: the line is 3000014 bytes, over the limit of 1048576 bytes"
row jsonl-big "a line nested 200000 deep is an error at its byte column, not a crash" deep.jsonl#1 error \
  "deep.jsonl#1: the JSON nests lists and objects more than 1000 levels deep (at byte column $(cat deep.col))"
holds jsonl-big "the lines after an enormous or a deep line are graded" \
  "by['huge.jsonl#2']['status'] == 'graded' and by['deep.jsonl#2']['status'] == 'graded'"

# ---- CSV -----------------------------------------------------------------------
printf 'id,candidate,answer\nr2,ann,"I led the migration, and we cut costs by 40 percent."\nr3,bob,"too","many"\nr4,cy\nr5,dee,"I owned the\nrollout across\nthree teams."\nr6,eve,x,y\nr7,fay,"I shipped it in Q3."\n' >ragged.csv
printf 'id,note,answer\nu1,,"I led the rollout."\nu2,"two\nlines","never closes\nand swallows the rest\nu3,,x\n' >unterm.csv
printf '\xef\xbb\xbfid,answer\nb1,"I led the rollout and cut costs by 40 percent."\n' >bom.csv
printf 'id;candidate;answer\ns1;sam;"I led it; we cut 40 percent of the cost."\n' >semi.csv
printf 'id,answer\rc1,"I led the rollout."\rc2,"I shipped it."\r' >cr.csv
printf 'Name,Why do you want to be a Technical Program Manager?,Q9 custom\nJo,"I want to be a TPM because I like shipping programs.","Something else"\n' >wide.csv
: >empty.csv
printf 'id,candidate,answer\r\n' >header-only.csv
python3 -c "open('utf16.csv','wb').write(b'\xff\xfe' + 'id,answer\n1,I led it.\n'.encode('utf-16-le'))"
grade csv 2 ragged.csv unterm.csv bom.csv semi.csv cr.csv wide.csv empty.csv header-only.csv utf16.csv
once csv ragged.csv#2 ragged.csv#3 ragged.csv#4 ragged.csv#5 ragged.csv#6 ragged.csv#7 unterm.csv#2 unterm.csv#3 \
  bom.csv#2 semi.csv#2 cr.csv#2 cr.csv#3 wide.csv#2:2 wide.csv#2:3 empty.csv header-only.csv utf16.csv
row csv "a row with too many fields" ragged.csv#3 error "ragged.csv#3: row 3 (line 3) has 4 fields, but the header has 3 columns"
row csv "a row with too few fields" ragged.csv#4 error "ragged.csv#4: row 4 (line 4) has 2 fields, but the header has 3 columns"
row csv "after a quoted cell over three lines, rows and lines are both right" ragged.csv#6 error "ragged.csv#6: row 6 (line 8) has 4 fields"
holds csv "rows around ragged ones are graded under their ids" \
  "[by[s]['id'] for s in ('ragged.csv#2', 'ragged.csv#5', 'ragged.csv#7')] == ['r2', 'r5', 'r7'] and all(by[s]['status'] == 'graded' for s in ('ragged.csv#2', 'ragged.csv#5', 'ragged.csv#7'))"
row csv "a quote never closed names the line it opened on and the row's first line" unterm.csv#3 error \
  "unterm.csv#3: a quoted field opened on line 4 never closes; the file ends inside quotes (row 3 starts on line 3)"
holds csv "the row before an unclosed quote is graded" "by['unterm.csv#2']['status'] == 'graded'"
holds csv "a BOM before the header is skipped (the id column is found)" "by['bom.csv#2']['id'] == 'b1' and by['bom.csv#2']['status'] == 'graded'"
holds csv "a ';' separated export is read" "by['semi.csv#2']['id'] == 's1' and by['semi.csv#2']['candidate'] == 'sam' and by['semi.csv#2']['status'] == 'graded'"
holds csv "CR-only line ends end records" "by['cr.csv#2']['id'] == 'c1' and by['cr.csv#3']['id'] == 'c2'"
row csv "a wide column that is no question names its header and the fix" wide.csv#2:3 error \
  "wide.csv#2:3: column 3 \"Q9 custom\" is not a question of the rubric; map it to one with --column-map 'Q9 custom=question-id'"
holds csv "the mapped wide column of the same row is graded" "by['wide.csv#2:2']['status'] == 'graded' and by['wide.csv#2:2']['question'] == 'why-tpm'"
row csv "an empty CSV" empty.csv error "empty.csv: the file is empty; a CSV file needs a header row naming its columns"
row csv "a CSV with a header only" header-only.csv error "header-only.csv: the file has a header but no rows"
row csv "a UTF-16 CSV" utf16.csv error "utf16.csv: UTF-16 text is not supported; save the file as UTF-8 CSV"

grade colmap 0 --column-map 'Q9 custom=why-tpm' wide.csv
holds colmap "--column-map HEADER=ID grades the column as that question" \
  "len(A) == 2 and by['wide.csv#2:3']['status'] == 'graded' and by['wide.csv#2:3']['question'] == 'why-tpm' and by['wide.csv#2:3']['id'] == 'wide#2/why-tpm@3'"
printf '"Q9 custom": why-tpm\n' >map.yaml
grade colmap-file 0 --column-map map.yaml wide.csv
holds colmap-file "--column-map FILE.yaml maps the column" "by['wide.csv#2:3']['question'] == 'why-tpm'"
expect_rc 64 "--column-map naming a missing file" -- "$BIN" grade --json x.json --column-map no-such-map.yaml wide.csv
expect_grep "--column-map no-such-map.yaml: no such file" "$TMP/err" "a missing column map says so"
printf 'Q9 custom: [why-tpm\n' >bad-map.yaml
expect_rc 64 "--column-map with a YAML syntax error" -- "$BIN" grade --json x.json --column-map bad-map.yaml wide.csv
expect_grep "bad-map.yaml:2:1: end of sequence flow not found" "$TMP/err" "a bad column map is located"
printf 'Q9 custom: why-tpn\n' >typo-map.yaml
expect_rc 64 "--column-map with an unknown question id" -- "$BIN" grade --json x.json --column-map typo-map.yaml wide.csv
expect_grep "typo-map.yaml:1:12: 'why-tpn' is not a question of rubric tpm (did you mean 'why-tpm'?)" "$TMP/err" \
  "an unknown id in a column map is located"
mkdir -p map-folder
expect_rc 64 "--column-map naming a folder (no crash)" -- "$BIN" grade --json x.json --column-map map-folder wide.csv
expect_grep "--column-map map-folder: is a folder, not a YAML file" "$TMP/err" "a folder as column map says so"
[ ! -e x.json ] && pass || fail "no report is written after a bad --column-map"

# ---- text ------------------------------------------------------------------------
printf '... !!! ??? -- ,,, ;;\n' >punct.md
printf '\xf0\x9f\x9a\x80\xf0\x9f\x94\xa5 \xf0\x9f\x8e\x89\n' >emoji.md
python3 - <<'PY'
# emoji, a combining accent and a ZWJ sequence before located findings
open("unicode.md", "w").write("Situation: \U0001F680 cafe\u0301 \U0001F469\u200d\U0001F4BB It was basically fine.\n"
                              "\u00c9quipe \U0001F44D built it end-to-end.\n")
open("nul.md", "wb").write(b"I led the rollout.\x00 And we shipped it.\n")
open("utf16be.md", "wb").write(b"\xfe\xff" + "I led the rollout.\n".encode("utf-16-be"))
open("fm-deep.md", "w").write("---\nid: fm-deep\ntags: " + "[" * 10000 + "]" * 10000 + "\n---\nI led it.\n")
fm = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
fm += ["a%d: &a%d [%s]" % (k, k, ", ".join(["*a%d" % (k - 1)] * 9)) for k in range(1, 10)]
open("fm-bomb.md", "w").write("---\n" + "\n".join(fm) + "\n---\nI led the migration and we cut costs by 40 percent.\n")
PY
grade text 2 punct.md emoji.md unicode.md nul.md utf16be.md fm-deep.md fm-bomb.md good.md
once text punct.md emoji.md unicode.md nul.md utf16be.md fm-deep.md fm-bomb.md good.md
row text "a punctuation-only answer is an error: no words to grade" punct.md error \
  "punct.md: no words to grade (the answer holds only punctuation or symbols)"
holds text "an emoji-only answer is graded as a very short one" \
  "by['emoji.md']['status'] == 'graded' and by['emoji.md']['score'] < 20 and 'too-short' in [f['id'] for f in by['emoji.md']['checks']['pitfalls']['found']]"
holds text "after emoji and combining characters, columns count code points" \
  "sorted((f['line'], f['column'], f['excerpt']) for c in by['unicode.md']['checks'].values() for f in c['findings'] if f['line']) == [(1, 31, 'basically'), (2, 19, 'end-to-end')]"
row text "a NUL byte in the middle names its byte" nul.md error "nul.md: binary data (a NUL byte at byte 18); answers must be text"
row text "a UTF-16 BE file with its BOM" utf16be.md error "utf16be.md: UTF-16 text is not supported; save the file as UTF-8"
row text "front matter nested 10000 deep is located, not 'bad file'" fm-deep.md error \
  "fm-deep.md:3: malformed front matter: lists or maps nest too deeply to read"
holds text "front matter with an alias bomb is graded without expanding it" \
  "by['fm-bomb.md']['status'] == 'graded' and len(json.dumps(by['fm-bomb.md']['metadata'])) < 10000"
expect_rc 2 "a punctuation-only answer alone: exit 2, it could not be graded" -- "$BIN" grade --quiet punct.md
expect_grep "punct.md: no words to grade" "$TMP/err" "the reason is told"

# ---- files -----------------------------------------------------------------------
mkdir -p in/sub
cp good.md in/a.md; cp good.md in/sub/b.md
ln -s .. in/sub/up                  # a link back up: a loop
ln -s nowhere.md in/gone.md         # dangling
ln -s l2.md in/l1.md; ln -s l1.md in/l2.md   # a loop of file links
mkfifo in/fifo.md                   # a pipe inside a folder is not an answer file: left out
grade files 2 in in/a.md ./in/a.md in/sub /dev/null
once files in/a.md in/gone.md in/l1.md in/l2.md in/sub/b.md in/sub/up /dev/null
row files "a link back up the folder is a loop, not followed" in/sub/up error "in/sub/up: symbolic link loop: it leads back to in; not followed"
row files "a dangling link" in/gone.md error "in/gone.md: broken symbolic link"
row files "a loop of file links" in/l1.md error "in/l1.md: symbolic link loop"
holds files "a file named twice (and inside a named folder) is graded once" \
  "sum(1 for a in A if a['source'].endswith('a.md')) == 1 and by['in/a.md']['status'] == 'graded'"
row files "/dev/null is an empty answer" /dev/null error "/dev/null: the answer is empty"
# A pipe named on the command line is read as cat reads it: the run waits for
# its writer (not reading it as empty, which a writer starting late would race).
mkfifo lonely.md
timeout 60 "$BIN" grade --fail-under 0 --json lonely.json --csv lonely.csv lonely.md good.md >/dev/null 2>lonely.err &
lonely_pid=$!
sleep 0.5
kill -0 "$lonely_pid" 2>/dev/null && pass || fail "a named pipe without a writer: the run did not wait for one"
timeout 20 sh -c 'cat good.md >lonely.md' && pass || fail "a named pipe: the run never opened it for reading"
rc=0; wait "$lonely_pid" || rc=$?
[ "$rc" -eq 0 ] && pass || fail "a named pipe whose writer came late: exit $rc, want 0"
once lonely lonely.md good.md
holds lonely "a named pipe whose writer came late is graded" "by['lonely.md']['status'] == 'graded' and by['lonely.md']['words'] == by['good.md']['words']"
mkfifo fed.md
( cat good.md >fed.md ) &
grade fifo 0 fed.md
wait $! 2>/dev/null || true
holds fifo "a named pipe with a writer is read and graded" "by['fed.md']['status'] == 'graded' and by['fed.md']['words'] > 100"
python3 -c "import json; print(json.dumps({'id': 'p1', 'answer': open('good.md').read()}))" >good.jsonl
mkfifo fed.jsonl
( cat good.jsonl >fed.jsonl ) &
grade fifo-jsonl 0 fed.jsonl
wait $! 2>/dev/null || true
holds fifo-jsonl "a JSONL log through a named pipe is read" "by['fed.jsonl#1']['id'] == 'p1' and by['fed.jsonl#1']['status'] == 'graded'"

# ---- reports that cannot be written -------------------------------------------------
mkdir -p out
expect_rc 74 "a report in a missing folder" -- "$BIN" grade --fail-under 0 --json out/ok.json --csv out/missing/r.csv good.md
expect_grep "cannot write out/missing/r.csv: the folder out/missing does not exist" "$TMP/err" "the missing folder is named"
[ -z "$(ls -A out)" ] && pass || fail "a report to a missing folder: the other report was written or left half-written: $(ls -A out)"
expect_rc 74 "a report to /dev/full" -- "$BIN" grade --fail-under 0 --json out/ok.json --csv /dev/full good.md
expect_grep "cannot write /dev/full: No space left on device" "$TMP/err" "/dev/full is named"
python3 -c "import json,sys; r=json.load(open('out/ok.json')); sys.exit(0 if r['summary']['answers'] == 1 else 1)" && pass \
  || fail "the report beside the one to /dev/full is complete"
no_temp out "a report to /dev/full"
mkdir -p out/folder.json
expect_rc 74 "a report path that is a folder" -- "$BIN" grade --fail-under 0 --json out/folder.json good.md
expect_grep "cannot write out/folder.json: is a folder" "$TMP/err" "a folder as report path is named"
if [ "$(id -u)" -eq 0 ]; then
  echo "note: running as root, where folder permissions do not bind; the read-only output folder case is skipped"
else
  mkdir -p ro; chmod 555 ro
  expect_rc 74 "a report in a read-only folder" -- "$BIN" grade --fail-under 0 --json ro/r.json good.md
  expect_grep "cannot write ro/r.json: Permission denied" "$TMP/err" "the read-only folder is named"
  chmod 755 ro
fi
expect_rc 65 "--rubric naming a folder" -- "$BIN" grade --rubric in --json out/r2.json good.md
expect_grep "in: cannot read the rubric: is a folder, not a file" "$TMP/err" "a folder as rubric says so"
[ ! -e out/r2.json ] && pass || fail "no report is written with a folder as rubric"

# ---- standard input -----------------------------------------------------------------
rm -f stdin-empty.json stdin-empty.csv
rc=0; timeout 20 "$BIN" grade --fail-under 0 --json stdin-empty.json --csv stdin-empty.csv - </dev/null >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] && pass || fail "empty standard input: exit $rc, want 2"
row stdin-empty "empty standard input is one error row" "<stdin>" error "<stdin>: the answer is empty"
python3 -c "
import json; g = open('good.md').read()
print(json.dumps({'answer': g})); print(); print('{not json'); print(json.dumps({'id': 'x3', 'answer': g}))" >stdin.jsonl
rc=0; timeout 20 "$BIN" grade --fail-under 0 --input-format jsonl --json stdin-jsonl.json --csv stdin-jsonl.csv - - <stdin.jsonl >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] && pass || fail "JSONL on standard input with a bad line: exit $rc, want 2"
once stdin-jsonl "<stdin>#1" "<stdin>#3" "<stdin>#4"
row stdin-jsonl "a malformed line on standard input is named <stdin>#N" "<stdin>#3" error "<stdin>#3: malformed JSON at byte column 3"

# ---- rubrics ----------------------------------------------------------------------
base=$REPO/tests/cli/data/rubrics/base.yaml
python3 - "$base" <<'PY'
import sys
base = open(sys.argv[1]).read()
open("big-rubric.yaml", "w").write(base + "# " + "x" * (4 * 1024 * 1024) + "\n")
cond = "&l0 {feature: {name: words, min: 1}}"
for k in range(1, 10):
    cond = "&l%d {all: [%s%s]}" % (k, cond, (", *l%d" % (k - 1)) * 8)
open("bomb.yaml", "w").write(base.replace("detect: {feature: {name: we_share, min: 0.5}}", "detect: " + cond))
open("loop.yaml", "w").write(base + "description: &loop [*loop]\n")
open("loop.line", "w").write(str(base.count("\n") + 1))
open("deep.yaml", "w").write(base + "description: " + "[" * 10000 + "]" * 10000 + "\n")
open("deep.line", "w").write(str(base.count("\n") + 1))
open("dup.yaml", "w").write(base.replace("  pass: 50\n", "  pass: 50\n  pass: 60\n"))
evil = base.replace("  cue: [situation]", "  cue: [situation]\n  evil: ['re:(a+)+$', 'led']")
evil = evil.replace("detect: {feature: {name: we_share, min: 0.5}}", "detect: {matches: {lexicon: evil, min: 1}}")
open("evil.yaml", "w").write(evil)
open("evil.md", "w").write("Situation: I led the launch. " + "a" * 30000 + "b. Then I led the next one.\n")
open("calm.md", "w").write("Situation: I led the launch and it went well.\n")
PY
expect_rc 65 "grade with a rubric over the size cap" -- "$BIN" grade --rubric big-rubric.yaml --json out/r3.json good.md
expect_grep "big-rubric.yaml: the rubric is $(stat -c %s big-rubric.yaml) bytes, over the limit of 4194304 bytes" "$TMP/err" \
  "an oversized rubric gives its size"
[ ! -e out/r3.json ] && pass || fail "no report is written with an oversized rubric"
t0=$(date +%s)
expect_rc 65 "an alias bomb rubric is refused" -- timeout 30 "$BIN" check bomb.yaml
[ $(( $(date +%s) - t0 )) -le 5 ] && pass || fail "an alias bomb rubric took $(( $(date +%s) - t0 )) s to refuse"
expect_grep "bomb.yaml:34:" "$TMP/err" "the alias bomb is located"
expect_grep "aliases (*name) repeat this part of it too many times" "$TMP/err" "the alias bomb message says what is wrong"
expect_rc 65 "grade with an alias bomb rubric" -- timeout 30 "$BIN" grade --rubric bomb.yaml --json out/r4.json good.md
[ ! -e out/r4.json ] && pass || fail "no report is written with an alias bomb rubric"
expect_rc 65 "a rubric with an alias inside the node it names (a loop)" -- timeout 30 "$BIN" check loop.yaml
expect_grep "loop.yaml:$(cat loop.line):14: aliases (*name) nest this part of the rubric inside itself (a loop)" "$TMP/err" \
  "an alias loop is located at the node it names"
expect_rc 65 "a rubric nested 10000 deep" -- timeout 30 "$BIN" check deep.yaml
expect_grep "deep.yaml:$(cat deep.line): lists or maps nest too deeply to read" "$TMP/err" "deep nesting is located at its line"
if grep -q "bad file" "$TMP/err"; then fail "deep nesting still says 'bad file'"; else pass; fi
expect_rc 65 "duplicate keys inside a nested map" -- "$BIN" check dup.yaml
expect_grep "dup.yaml:6:3: duplicate key 'pass' in scoring (first at line 5)" "$TMP/err" "a nested duplicate key is located"
t0=$(date +%s)
grade regex 0 --rubric evil.yaml --question q1 evil.md calm.md
[ $(( $(date +%s) - t0 )) -le 20 ] && pass || fail "a catastrophic regex took $(( $(date +%s) - t0 )) s"
once regex evil.md calm.md
holds regex "a regex that gives up is a finding naming the pattern and its lexicon, in that answer" \
  "any(f['rule'] == 'engine/pattern-error' and \"'(a+)+\$'\" in f['message'] and \"'evil'\" in f['message'] for c in by['evil.md']['checks'].values() for f in c['findings'])"
holds regex "the other phrases and rules still apply to that answer" \
  "by['evil.md']['status'] == 'graded' and [len(f['evidence']) for f in by['evil.md']['checks']['pitfalls']['found'] if f['id'] == 'p1'] == [2]"
grep -qE "^stargrade: warning: evil\.md:[0-9]+:[0-9]+: pattern '\(a\+\)\+\\\$' of 'evil' gave up on 1 sentence" regex.err && pass \
  || { fail "regex: the give-up is warned on standard error with its line:column"; sed 's/^/  | /' regex.err | head -5 >&2; }
holds regex "the other answer is graded without the pattern error" \
  "by['calm.md']['status'] == 'graded' and not any(f['rule'] == 'engine/pattern-error' for c in by['calm.md']['checks'].values() for f in c['findings'])"

# ---- signals: no report and no temporary file is left behind ----------------------
python3 - <<'PY'
import glob, os
texts = [open(p).read() for p in sorted(glob.glob(os.environ["REPO"] + "/samples/s*"))]
os.makedirs("corpus", exist_ok=True)
for i in range(2000):
    open("corpus/a%05d.md" % i, "w").write(texts[i % len(texts)])
PY
# interrupt SIGNAL WANT: starts a run over the corpus, sends SIGNAL once the run
# has opened its reports, and checks what is left. A run that ends first
# doubles the corpus and tries again.
interrupt() {
  local sig=$1 want=$2 d=$W/sig-$1 rc=0 tries
  mkdir -p "$d"
  for tries in 1 2 3; do
    rm -f "$d"/out.json "$d"/out.csv
    "$BIN" grade --fail-under 0 -q --json "$d/out.json" --csv "$d/out.csv" corpus >/dev/null 2>"$d/err" &
    local pid=$! i
    for i in $(seq 200); do
      [ -n "$(find "$d" -maxdepth 1 -name '.out.json.tmp.*' | head -1)" ] && break
      sleep 0.05
    done
    sleep 0.3
    kill -"$sig" "$pid" 2>/dev/null || true
    rc=0; wait "$pid" || rc=$?
    [ "$rc" -ne 0 ] && break
    n=$(ls corpus | wc -l)
    for f in corpus/*.md; do cp "$f" "${f%.md}-$n.md"; done
  done
  [ "$rc" -eq "$want" ] && pass || fail "SIG$sig during a run: exit $rc, want $want"
  [ ! -e "$d/out.json" ] && [ ! -e "$d/out.csv" ] && pass || fail "SIG$sig: a report was left behind"
  no_temp "$d" "SIG$sig"
}

interrupt INT 130
interrupt TERM 143

# ---- the 2 MB line, started at the top ------------------------------------------------
wait "$long_pid" 2>/dev/null || true
read -r long_rc long_secs <long.done
if [ "$long_rc" -eq 0 ]; then pass; else fail "a 2 MB answer on one line: exit $long_rc, want 0"; sed 's/^/  | /' long.err | head -5 >&2; fi
[ "$long_secs" -le 60 ] && pass || fail "a 2 MB answer on one line took $long_secs s"
holds long "a 2 MB answer on one line is graded with all its words" \
  "len(A) == 1 and A[0]['status'] == 'graded' and A[0]['words'] == $(cat long-line.words)"
echo "(the 2 MB one-line answer took ${long_secs} s)"
finish
