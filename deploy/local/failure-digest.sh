#!/usr/bin/env bash
# Prints, last, a short digest of the tests that failed in this checkout: each failed test and the
# root causes under it, from the surefire and failsafe reports. CI keeps only the tail of a run's
# output, where Maven's summary names a failure ("Failed to start quarkus") but not its cause.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shopt -s nullglob
printed=0
for report in "$ROOT"/*/target/surefire-reports/*.txt "$ROOT"/*/target/failsafe-reports/*.txt; do
  grep -qE '<<< (FAILURE|ERROR)!' "$report" || continue
  [ "$printed" -ge 6 ] && { echo "[failures] (more reports under */target/*-reports)"; break; }
  printed=$((printed + 1))
  echo "[failures] ${report#"$ROOT"/}"
  # The failed test's first line, its message, and the deepest causes (where the reason usually is).
  grep -m1 -A1 -E '<<< (FAILURE|ERROR)!\s*$' "$report" | cut -c1-400 | sed 's/^/  /'
  grep -E '^Caused by: ' "$report" | awk '!seen[$0]++' | tail -n 4 | cut -c1-400 | sed 's/^/  /'
done
[ "$printed" -eq 0 ] && echo "[failures] no failed test in the reports (the build failed elsewhere: see above)"
exit 0
