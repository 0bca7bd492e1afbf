#!/usr/bin/env bash
# Runs a test project N times in a row (default: the integration suite, 20 times) and prints one line per
# run and a closing count, to show that a suite does not depend on timing luck. Run it while the machine
# is busy (a parallel build, `stress`) to see it under load. Builds once, then runs with --no-build.
#   tools/ci/repeat-tests.sh [runs] [project] [extra dotnet test arguments...]
set -uo pipefail
runs=${1:-20}
project=${2:-tests/Hackle.Integration.Tests}
shift $(( $# > 2 ? 2 : $# ))
log_dir=$(mktemp -d)
dotnet build "$project" -c Release >"$log_dir/build.log" 2>&1 || { tail -20 "$log_dir/build.log"; exit 1; }
passed=0; failed=0
for i in $(seq 1 "$runs"); do
  if dotnet test "$project" -c Release --no-build "$@" >"$log_dir/run-$i.log" 2>&1; then
    passed=$((passed + 1)); outcome=passed
  else
    failed=$((failed + 1)); outcome="FAILED (log: $log_dir/run-$i.log)"
  fi
  echo "run $i: $outcome: $(grep -E 'Passed!|Failed!' "$log_dir/run-$i.log" | tail -1 | sed 's/^ *//')"
done
echo "runs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
