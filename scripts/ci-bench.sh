#!/usr/bin/env bash
# The benchmark steps of .github/workflows/bench.yml, runnable anywhere.
#
#   scripts/ci-bench.sh pr   BASE.json   OUT_DIR   run, compare with BASE (the latest
#                                                  main results), write OUT_DIR/compare.md;
#                                                  exit 1 on a significant regression
#   scripts/ci-bench.sh main HISTORY_DIR OUT_DIR   run, add the result to HISTORY_DIR,
#                                                  draw OUT_DIR/history.html from it
#
# Both also write OUT_DIR/results.json, report.md and report.html.
# Environment:
#   INTBENCH            the intbench binary (default: built into OUT_DIR)
#   INTBENCH_ARGS       flags of "intbench run" (default: the standard run on PostgreSQL)
#   INTBENCH_THRESHOLD  smallest regression that fails a pull request (default 5%)
#   INTBENCH_KEEP       results kept in HISTORY_DIR, newest (default 200)
set -euo pipefail

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -eq 3 ] || usage
mode=$1 input=$2 out=$3
mkdir -p "$out"
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${INTBENCH:-}
if [ -z "$bin" ]; then
  bin=$out/intbench
  (cd "$root" && go build -o "$bin" ./cmd/intbench)
fi
read -r -a args <<<"${INTBENCH_ARGS:---backend postgres --count 6}"

# The run: its table goes to the log; the document, a Markdown report and
# the HTML report to OUT_DIR.
"$bin" run "${args[@]}" -q -o "$out/results.json"
"$bin" report "$out/results.json" --format md -o "$out/report.md" >/dev/null
"$bin" report "$out/results.json" --format html -o "$out/report.html" >/dev/null

case "$mode" in
pr)
  if [ ! -f "$input" ]; then
    printf '### intbench\n\nNo results of the base branch to compare with yet (%s): this run is the first.\n' "$input" >"$out/compare.md"
    echo "intbench: no base results at $input; nothing to compare" >&2
    exit 0
  fi
  rc=0
  "$bin" compare "$input" "$out/results.json" --threshold "${INTBENCH_THRESHOLD:-5%}" --format md -o "$out/compare.md" || rc=$?
  "$bin" compare "$input" "$out/results.json" --threshold "${INTBENCH_THRESHOLD:-5%}" >&2 || true
  exit "$rc"
  ;;
main)
  mkdir -p "$input"
  commit=$(cd "$root" && git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  name="$(date -u +%Y%m%dT%H%M%S.%NZ)-$commit.json"
  cp "$out/results.json" "$input/.$name.tmp" && mv "$input/.$name.tmp" "$input/$name"
  # Keep the newest INTBENCH_KEEP results (names sort by time).
  ls "$input"/*.json | sort | head -n -"${INTBENCH_KEEP:-200}" | xargs -r rm -f
  "$bin" history "$input" -o "$out/history.html"
  ;;
*)
  usage
  ;;
esac
