#!/usr/bin/env bash
# Runs every fuzz target of intbench, one at a time, each for FUZZTIME
# (default 60s) with FUZZ_PARALLEL workers (default 1), and prints each
# target's last count of executions. A new input that widens coverage is
# minimized for at most FUZZMINIMIZETIME (default 10s; go test's is 60s,
# during which nothing else runs). FUZZX_ALLOCS=0 skips the allocation
# budgets (four times the executions of a cheap target). Usage:
# scripts/fuzz.sh [packages] (default ./...). A failing input is written to the package's
# testdata/fuzz/<Target>/ by go test itself: commit it with the fix, as a
# regression seed that plain go test replays.
#
# Go 1.26's fuzzing coordinator can fail a target at the end of FUZZTIME
# with a bare "context deadline exceeded" and no failing input
# (golang/go#75804, fixed in Go 1.27): such a run is retried once.
set -uo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-60s}
FUZZ_PARALLEL=${FUZZ_PARALLEL:-1}
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-10s}
failed=0

# fuzz runs one target and reports whether it found nothing.
fuzz() {
  local pkg=$1 target=$2 log
  log=$(mktemp)
  go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$FUZZMINIMIZETIME" -parallel "$FUZZ_PARALLEL" "$pkg" >"$log" 2>&1
  local rc=$?
  grep '^fuzz: elapsed' "$log" | tail -n 1 | sed "s|^|$pkg $target: |"
  if [ $rc -ne 0 ] && grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
    rm -f "$log"
    return 2
  fi
  [ $rc -eq 0 ] || cat "$log"
  rm -f "$log"
  return $rc
}

for pkg in $(go list "${@:-./...}"); do
  for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz'); do
    fuzz "$pkg" "$target"
    rc=$?
    if [ $rc -eq 2 ]; then
      echo "$pkg $target: the coordinator's deadline race (golang/go#75804); again" >&2
      fuzz "$pkg" "$target"
      rc=$?
    fi
    [ $rc -eq 0 ] || failed=1
  done
done
exit $failed
