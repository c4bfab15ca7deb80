#!/usr/bin/env bash
# Benchmark: the public standard page (server-rendered, from the database) against a static
# file of the same size served by the same server. Prints requests/s, p99 and their ratio.
# Target: the standard page reaches at least half the static file's throughput.
# Usage: make bench   (DURATION=10s CONNECTIONS=32 THREADS=2 to change the load)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${BENCH_PORT:-3200}
if ! command -v wrk >/dev/null; then
  echo "[bench] installing wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
DATABASE_URL="sqlite://$work/portal.db?mode=rwc" PORTAL_MAIL_DIR="$work/mail" LEPTOS_SITE_ROOT=target/site \
  LEPTOS_SITE_ADDR=127.0.0.1:$PORT RUST_LOG=warn ./target/release/server serve &
server=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

page=/layanan/disdukcapil-balikpapan/akta-kelahiran
mkdir -p target/site/bench
curl -sf "http://127.0.0.1:$PORT$page" > target/site/bench/standard.html
static=/bench/standard.html
size=$(wc -c < target/site/bench/standard.html)
echo "page: $page ($size bytes) vs static copy $static; wrk -t$THREADS -c$CONNECTIONS -d$DURATION"

run() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "http://127.0.0.1:$PORT$1" >/dev/null   # warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$1" > "$work/out"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/out")
  p99=$(awk '$1=="99%" {print $2}' "$work/out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/out")
  echo "$rps $p99 ${errors:-none}"
}
read -r page_rps page_p99 page_err < <(run "$page")
read -r static_rps static_p99 static_err < <(run "$static")
ratio=$(awk -v a="$page_rps" -v b="$static_rps" 'BEGIN { printf "%.2f", a / b }')
printf "%-16s %12s %10s  %s\n" "" "requests/s" "p99" "errors"
printf "%-16s %12s %10s  %s\n" "standard page" "$page_rps" "$page_p99" "$page_err"
printf "%-16s %12s %10s  %s\n" "static file" "$static_rps" "$static_p99" "$static_err"
echo "ratio (page / static): $ratio (target >= 0.50)"
awk -v r="$ratio" 'BEGIN { exit !(r >= 0.5) }' && echo "target met" || echo "target NOT met"
