# The Hyperscan cache: a first run compiles the rubric's regexes and saves the
# database in STARGRADE_CACHE_DIR, a second run loads it, and either way (and
# with the cache off, or Hyperscan off, or the cache file damaged) the reports
# are the same. Exits 77 when this build has no Hyperscan.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$TMP"
cp -r "$REPO/samples" answers

run() {  # run NAME [ENV=VALUE...]: grade answers/ into NAME.json and NAME.csv
  local name=$1; shift
  expect_rc 1 "grade ($name)" -- env "$@" "$BIN" grade --quiet --json "$name.json" --csv "$name.csv" answers
  normalise_json "$name.json" >"$name.norm"
}

if ! ldd "$BIN" | grep -q 'libhs\.'; then
  echo "no Hyperscan in this build: skipped"; exit 77
fi
run first STARGRADE_CACHE_DIR="$TMP/cache"
files=$(find cache -type f 2>/dev/null | wc -l)
[ "$files" -eq 1 ] && pass || fail "the first run saves one database in the cache folder, found $files files"
stamp=$(stat -c %Y.%s cache/*)
run second STARGRADE_CACHE_DIR="$TMP/cache"
[ "$(stat -c %Y.%s cache/*)" = "$stamp" ] && pass || fail "the second run loads the database, not rewrites it"
run off STARGRADE_CACHE_DIR=off HOME="$TMP/home"
[ ! -e home ] && pass || fail "STARGRADE_CACHE_DIR=off writes nothing"
run literal STARGRADE_HYPERSCAN=0 STARGRADE_CACHE_DIR="$TMP/cache2"
[ ! -e cache2 ] && pass || fail "STARGRADE_HYPERSCAN=0 compiles no database"
: >cache/"$(ls cache)"
run damaged STARGRADE_CACHE_DIR="$TMP/cache"
[ -s cache/"$(ls cache)" ] && pass || fail "an emptied cache file is compiled again and rewritten"
run unwritable STARGRADE_CACHE_DIR=/proc/stargrade-cache

for name in second off literal damaged unwritable; do
  cmp -s first.norm "$name.norm" && pass || fail "the JSON report of the $name run differs from the first"
  cmp -s first.csv "$name.csv" && pass || fail "the CSV report of the $name run differs from the first"
done
finish
