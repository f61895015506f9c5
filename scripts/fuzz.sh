#!/usr/bin/env bash
# Builds the libFuzzer targets (clang++, -fsanitize=fuzzer,address,undefined)
# in build-fuzz and runs each of them, or the ones named, for a while, one
# after another, niced, with one job each. Prints, per target, the executions
# (and per second), the coverage (cov = edges, ft = features), the corpus
# size and the crashes.
#
#   bash scripts/fuzz.sh                          # every target, 60 s each
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh fuzz_csv  # one target, 10 minutes
#   bash scripts/fuzz.sh -t 30 fuzz_rubric fuzz_answer
#
# The seeds (tests/fuzz/corpus/<target>) and saved reproducers
# (tests/fuzz/regressions/<target>) are only read. New corpus entries go to a
# scratch folder, FUZZ_WORK (default build-fuzz/work): corpus/<target>, and
# crashes to artifacts/<target>/. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${FUZZ_SECONDS:-60}
while getopts "t:h" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    h) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
case $seconds in ''|*[!0-9]*) echo "fuzz: seconds must be a whole number, not '$seconds'" >&2; exit 2 ;; esac

all_targets=(fuzz_rubric fuzz_answer fuzz_jsonl fuzz_csv fuzz_pipeline)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  case " ${all_targets[*]} " in *" $t "*) ;; *) echo "fuzz: unknown target $t (one of: ${all_targets[*]})" >&2; exit 2 ;; esac
done
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
work=${FUZZ_WORK:-$build_dir/work}
mkdir -p "$work"
work=$(cd "$work" && pwd)

# clang and the libFuzzer runtime are installed for fuzzing only.
FUZZ=1 bash scripts/setup.sh

# -O1 and line tables only: quick to build on two cores, still fast to run,
# and enough for symbolized stack traces.
[ "${FUZZ_NO_BUILD:-0}" = 1 ] || cmake -S . -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Fuzz \
  -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" -DSTARGRADE_FUZZ=ON -DSTARGRADE_TESTS=ON >/dev/null
# The jsonl and csv targets exist only once their reader sources do.
# (FUZZ_NO_BUILD=1: only the targets already built.)
# The list of targets is read once into a variable: piping it into `grep -q`
# under pipefail fails when grep exits early and make gets SIGPIPE.
known_targets=
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  known_targets=$(cmake --build "$build_dir" --target help 2>/dev/null || true)
fi
available=()
for t in "${targets[@]}"; do
  if [ "${FUZZ_NO_BUILD:-0}" = 1 ]; then
    built=$([ -x "$build_dir/tests/fuzz/$t" ] && echo 1 || echo 0)
  elif [ -n "$known_targets" ]; then
    built=$(grep -qE "^\.\.\. $t( |\$)" <<<"$known_targets" && echo 1 || echo 0)
  else  # a generator without a help target
    built=$([ -d "$build_dir/tests/fuzz/CMakeFiles/$t.dir" ] && echo 1 || echo 0)
  fi
  if [ "$built" = 1 ]; then
    available+=("$t")
  elif [ "${FUZZ_NO_BUILD:-0}" = 1 ]; then
    echo "fuzz: $t is not built; skipped (FUZZ_NO_BUILD=1)" >&2
  else
    echo "fuzz: $t is not a target in $build_dir (its reader source is missing?); skipped" >&2
  fi
done
[ ${#available[@]} -gt 0 ] || { echo "fuzz: nothing to run" >&2; exit 1; }
# FUZZ_NO_BUILD=1 runs the targets as last built. The second build is a no-op
# unless a source changed during the first: make checks the dependencies of
# each target when it starts on it, so a header edited meanwhile (the tree is
# shared) would leave a target linked from objects of two versions of it,
# which crashes on the first input in a way that has nothing to do with it.
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  for _ in 1 2; do
    nice -n 10 cmake --build "$build_dir" --target "${available[@]}" -j"$(nproc)"
  done
fi

bin_dir=$(cd "$build_dir/tests/fuzz" && pwd)

# Largest input per target: rubrics are longer than answers.
max_len_of() {
  case $1 in
    fuzz_rubric) echo 16384 ;;
    *) echo 8192 ;;
  esac
}

summary=()
failed=0
for t in "${available[@]}"; do
  corpus="$work/corpus/$t" artifacts="$work/artifacts/$t" logs="$work/logs/$t"
  mkdir -p "$corpus" "$artifacts" "$logs"
  dirs=("$corpus" "$root/tests/fuzz/corpus/$t")
  [ -d "$root/tests/fuzz/regressions/$t" ] && dirs+=("$root/tests/fuzz/regressions/$t")
  args=(-max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-25}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}"
        -max_len="$(max_len_of "$t")" -print_final_stats=1 -artifact_prefix="$artifacts/")
  [ -f "$root/tests/fuzz/$t.dict" ] && args+=(-dict="$root/tests/fuzz/$t.dict")
  find "$artifacts" -type f | sort >"$logs/artifacts.before"
  echo "fuzz: $t for ${seconds} s (log: $logs/fuzz-0.log)"
  rm -f "$logs/fuzz-0.log"
  status=0
  # -jobs=1 -workers=1: one fuzzing process, whose output goes to fuzz-0.log
  # in the current folder.
  (cd "$logs" && nice -n 10 "$bin_dir/$t" -jobs=1 -workers=1 "${args[@]}" "${dirs[@]}" \
      >"$logs/driver.log" 2>&1) || status=$?
  log="$logs/fuzz-0.log"
  [ -f "$log" ] || log="$logs/driver.log"
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
  [ -n "$execs" ] || execs=$(grep -oE '^Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  stats=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$stats" | grep -oE '[0-9]+' || true)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$stats" | grep -oE '[0-9]+' || true)
  size=$(find "$corpus" -type f | wc -l)
  find "$artifacts" -type f | sort >"$logs/artifacts.after"
  new_artifacts=$(comm -13 "$logs/artifacts.before" "$logs/artifacts.after")
  crashes=$(grep -c . <<<"$new_artifacts" || true)
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  line=$(printf '%-14s execs %-10s exec/s %-6s cov %-6s ft %-7s corpus %-6s crashes %s' \
         "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$size" "$crashes")
  echo "$line"
  if [ "$crashes" -gt 0 ]; then
    failed=1
    grep -E '^(SUMMARY|==[0-9]+==ERROR|fuzz invariant broken|.*runtime error:)' "$log" | head -5 | sed 's/^/  /' || true
    [ -z "$new_artifacts" ] || sed 's/^/  artifact: /' <<<"$new_artifacts"
  fi
  summary+=("$line")
done

echo
echo "fuzz summary (${seconds} s per target; scratch corpus in $work/corpus):"
printf '  %s\n' "${summary[@]}"
exit "$failed"
