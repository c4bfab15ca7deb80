#!/usr/bin/env bash
# Runs the whole-stack HTTP and Open311 tests RUNS times in a row with THREADS test threads;
# a run that takes over 300 s counts as hung. Prints one line a run and a summary.
set -uo pipefail
RUNS=${RUNS:-50}
THREADS=${THREADS:-8}
bin=$(cargo test -p server --test it --no-run --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*/deps/it-[^"]*"' | tail -1 | cut -d'"' -f4)
[ -x "$bin" ] || { echo "test binary not built" >&2; exit 2; }
cd server
hung=0 failed=0
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s)
  timeout 300 "$bin" --test-threads="$THREADS" http:: open311:: > /tmp/soak-http-run.log 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  case $rc in
    0) echo "run $i: ok in ${took}s" ;;
    124) hung=$((hung + 1)); echo "run $i: HUNG (killed after 300 s)"; cp /tmp/soak-http-run.log "/tmp/soak-http-hung-$i.log" ;;
    *) failed=$((failed + 1)); echo "run $i: failed (rc $rc)"; cp /tmp/soak-http-run.log "/tmp/soak-http-failed-$i.log" ;;
  esac
done
echo "$RUNS runs, $hung hung, $failed failed"
[ $hung -eq 0 ] && [ $failed -eq 0 ]
