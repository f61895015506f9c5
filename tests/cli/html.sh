# The HTML report of the samples, rendered by headless Chromium: the page's
# script runs (sorting, filtering, expanding rows) and the DOM is checked after
# it ran. The script reads a test hook from the URL fragment (#sort=KEY[:DIR],
# filter=TEXT, open=ID|all; see src/report/html.cpp) and marks the DOM when done.
# Exits 77 (skipped) only when no Chromium can be found.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"

CHROME=
for c in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$c" >/dev/null 2>&1; then CHROME=$(command -v "$c"); break; fi
done
if [ -z "$CHROME" ]; then
  echo "html: no chromium found; skipped (scripts/setup.sh installs it)" >&2
  exit 77
fi

# dom URL_FRAGMENT OUT: the DOM after the page's scripts ran.
dom() {
  local profile; profile=$(mktemp -d "$TMP/profile.XXXXXX")
  timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --dump-dom "file://$TMP/r.html$1" >"$2" 2>"$TMP/chrome.err" || true
  if ! grep -q 'data-report-ready="1"' "$2"; then
    fail "chromium did not finish the page for '$1'"; sed 's/^/  | /' "$TMP/chrome.err" | tail -5 >&2
  fi
}

# The page of the samples, and the JSON report of the same run for the expected values.
expect_rc 1 "grade samples with --html (some fail)" -- "$BIN" grade --quiet samples/ --html "$TMP/r.html" --json "$TMP/r.json"
[ -s "$TMP/r.html" ] && pass || fail "the HTML report is written"

# Static checks: one self-contained page.
expect_grep "<!DOCTYPE html>" "$TMP/r.html" "doctype"
expect_grep "Content-Security-Policy" "$TMP/r.html" "no-network policy"
[ "$(grep -o '<script' "$TMP/r.html" | wc -l)" -eq 1 ] && pass || fail "exactly one (inline) script"
if sed 's#http://www.w3.org/2000/svg##g' "$TMP/r.html" | grep -E 'https?://|<link|@import|url\(|<img' >/dev/null; then
  fail "the page refers to something outside itself"
else pass; fi

# --format html writes the same page to standard output.
"$BIN" grade --quiet --format html samples/ >"$TMP/stdout.html" 2>/dev/null || true
cmp -s <(sed 's/ at [0-9T:Z-]* from / from /' "$TMP/r.html") <(sed 's/ at [0-9T:Z-]* from / from /' "$TMP/stdout.html") \
  && pass || fail "--format html writes the page to standard output"

# Python reads the dumped DOM: the <tbody> rows in document order.
rows() {
  python3 - "$1" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'<tbody class="([^"]*)"[^>]*>', dom):
    tag = m.group(0)
    get = lambda k: (re.search(k + r'="([^"]*)"', tag) or [None, ""])[1]
    print("\t".join([get("data-id"), get("data-score"), get("data-candidate"),
                     "hidden" if " hidden" in tag else "shown", m.group(1)]))
PY
}
# The ids the JSON report implies for a sort by score (ties in input order).
by_score() {
  python3 - "$TMP/r.json" "$1" <<'PY'
import json, sys
answers = json.load(open(sys.argv[1]))["answers"]
key = lambda ia: (round(ia[1]["score"], 3) if ia[1]["score"] is not None else -1)
order = list(enumerate(answers))
desc = sys.argv[2] == "desc"
order.sort(key=lambda ia: ((-key(ia) if desc else key(ia)), ia[0]))
print("\n".join(a["id"] for _, a in order))
PY
}

# Loaded: the script ran, counted the rows and turned on its controls.
dom "" "$TMP/plain.dom"
expect_grep 'data-rows="12"' "$TMP/plain.dom" "the script counted the rows"
expect_grep 'data-visible="12"' "$TMP/plain.dom" "every row visible"
expect_grep '<html lang="en" class="js"' "$TMP/plain.dom" "the script marked the page"
grep -q 'id="filterbar" hidden' "$TMP/plain.dom" && fail "the filter box is shown" || pass
[ "$(grep -o 'class="toggle"' "$TMP/plain.dom" | wc -l)" -eq 12 ] && pass || fail "a toggle per row"
rows "$TMP/plain.dom" | cut -f1 >"$TMP/ids.plain"
python3 -c "import json; print('\n'.join(a['id'] for a in json.load(open('$TMP/r.json'))['answers']))" >"$TMP/ids.input"
cmp -s "$TMP/ids.plain" "$TMP/ids.input" && pass || fail "rows in input order before any sort"

# A click on the Score header sorts highest first; a second click lowest first.
dom "#sort=score" "$TMP/desc.dom"
expect_grep 'data-sort="score:desc"' "$TMP/desc.dom" "first click on Score sorts descending"
expect_grep 'aria-sort="descending"' "$TMP/desc.dom" "the header says how it sorts"
rows "$TMP/desc.dom" | cut -f1 >"$TMP/ids.desc"
by_score desc >"$TMP/want.desc"
cmp -s "$TMP/ids.desc" "$TMP/want.desc" && pass || { fail "rows sorted by score, highest first"; diff "$TMP/want.desc" "$TMP/ids.desc" >&2 || true; }

dom "#sort=score:asc" "$TMP/asc.dom"
expect_grep 'data-sort="score:asc"' "$TMP/asc.dom" "second click on Score sorts ascending"
rows "$TMP/asc.dom" | cut -f1 >"$TMP/ids.asc"
by_score asc >"$TMP/want.asc"
cmp -s "$TMP/ids.asc" "$TMP/want.asc" && pass || { fail "rows sorted by score, lowest first"; diff "$TMP/want.asc" "$TMP/ids.asc" >&2 || true; }
cmp -s "$TMP/ids.asc" "$TMP/ids.desc" && fail "sorting changed the order" || pass

# Candidate: alphabetical, answers without a candidate last.
dom "#sort=candidate" "$TMP/cand.dom"
rows "$TMP/cand.dom" | cut -f3 | python3 -c "
import sys
c = [l.rstrip('\n') for l in sys.stdin]
named = [x for x in c if x]
ok = named == sorted(named) and c == named + [''] * (len(c) - len(named)) and len(c) == 12
sys.exit(0 if ok else 1)" && pass || fail "rows sorted by candidate, empty last"

# Id, descending (two clicks).
dom "#sort=id:desc" "$TMP/id.dom"
expect_grep 'data-sort="id:desc"' "$TMP/id.dom" "sort by id descending"
[ "$(rows "$TMP/id.dom" | head -1 | cut -f1)" = "s12" ] && pass || fail "s12 first when sorted by id descending"

# The filter box hides the rows that do not match.
dom "#filter=priya" "$TMP/filter.dom"
expect_grep 'data-visible="2"' "$TMP/filter.dom" "two answers by priya-raman"
expect_grep "Showing 2 of 12 answers" "$TMP/filter.dom" "the count of shown rows"
[ "$(rows "$TMP/filter.dom" | awk -F'\t' '$4 == "shown"' | cut -f3 | sort -u)" = "priya-raman" ] && pass \
  || fail "only priya-raman's answers shown"
dom "#filter=timeline-first" "$TMP/filter2.dom"
expect_grep 'data-visible="1"' "$TMP/filter2.dom" "filter by a pitfall id"

# Expanding a row opens its details, with the answer text marked in place.
dom "#open=s09" "$TMP/open.dom"
rows "$TMP/open.dom" | awk -F'\t' '$1 == "s09"' | grep "ans open" >/dev/null && pass || fail "s09's row is open"
python3 - "$TMP/open.dom" <<'PY' && pass || fail "the open row shows its marked text"
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
body = re.search(r'<tbody class="ans open".*?</tbody>', dom, re.S).group(0)
assert "<details open=" in body
assert 'class="k-pitfall' in body and 'title="pitfall timeline-first' in body
assert re.search(r'<div class="ln" id="a\d+-L6" data-n="6">', body)
PY

# Text that looks like markup stays text in the browser.
mkdir -p "$TMP/evil"
cat >"$TMP/evil/x.md" <<'EOF'
---
id: "x<script>window.pwned=1</script>"
candidate: "<img src=x onerror=alert(1)> & co"
question: why-tpm
---
I want to be a TPM <script>document.title='pwned'</script> because Q&A <b>matters</b>.
EOF
"$BIN" grade --quiet "$TMP/evil" --html "$TMP/r.html" >/dev/null 2>&1 || true
dom "" "$TMP/evil.dom"
[ "$(grep -o '<script' "$TMP/evil.dom" | wc -l)" -eq 1 ] && pass || fail "no injected script element"
grep -q '<img' "$TMP/evil.dom" && fail "no injected image element" || pass
grep -q '<b>matters</b>' "$TMP/evil.dom" && fail "answer text stays text" || pass
expect_grep '&lt;script&gt;document.title' "$TMP/evil.dom" "the answer's markup is shown as text"
grep -q '<title>pwned' "$TMP/evil.dom" && fail "the answer's script did not run" || pass
finish
