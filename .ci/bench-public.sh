#!/usr/bin/env bash
# Benchmark: the citizens' public pages at demo scale and at a province's scale (the data set
# of server/src/bin/bench_scale.rs: 300 units, 3,000 services, 200,000 reports, 1,000 staff,
# a month of bookings). Each page is loaded with wrk against a static copy of itself served
# by the same server, and also while a manager's quarter dashboard renders in a loop.
# Prints requests/s, p99, the ratio page/static (target >= 0.50, p99 <= 100 ms), the p99
# beside the dashboard (target <= 2 x idle) and the server's memory (idle, and peak).
# Register searches come from many addresses (PORTAL_TRUSTED_PROXY and a random
# X-Forwarded-For per request), as citizens' would, so the search limit does not refuse them.
# Usage: make bench-public   (DURATION=10s CONNECTIONS=32 THREADS=2 SCALES="demo province";
#        DATABASE=postgres://… runs the province scale on a fresh PostgreSQL database)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${BENCH_PORT:-3210}
SCALES=${SCALES:-demo province}
if ! command -v wrk >/dev/null; then
  echo "[bench] installing wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
work=$(mktemp -d)
server=
dash=
cleanup() {
  [ -n "$dash" ] && kill "$dash" 2>/dev/null || true
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work" target/site/bench/public
}
trap cleanup EXIT
mkdir -p target/site/bench/public
cat > "$work/addr.lua" <<'LUA'
request = function()
  local a = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format(nil, nil, { ["X-Forwarded-For"] = a })
end
LUA

rss() { awk -v k="$2" '$1 == k":" { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

start() { # DATABASE_URL
  DATABASE_URL="$1" PORTAL_MAIL_DIR="$work/mail" LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR=127.0.0.1:$PORT \
    PORTAL_TRUSTED_PROXY=true RUST_LOG=warn ./target/release/server serve &
  server=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.5; done
  echo "server did not start"; exit 1
}

load() { # path -> "rps p99 errors"
  local url="http://127.0.0.1:$PORT$1"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$work/addr.lua" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$work/addr.lua" --latency "$url" > "$work/out"
  local rps p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/out")
  p99=$(awk '$1=="99%" {print $2}' "$work/out")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$work/out")
  echo "$rps $p99 ${errors:-none}"
}

ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }

dashboard_loop() { # signs in the demo manager and renders the quarter's dashboard until killed
  local jar="$work/jar" base="http://127.0.0.1:$PORT" login password
  password=$(grep -o 'DEMO_PASSWORD: &str = "[^"]*"' app/src/auth/mod.rs | sed 's/.*= "//; s/"$//')
  login=$(curl -s "$base/masuk" | grep -o 'action="/api/[^"]*"' | head -1 | sed 's/action="//; s/"$//')
  curl -s -c "$jar" -o /dev/null -H "Origin: $base" -H "Referer: $base/masuk" \
    --data-urlencode "email=pimpinan.capil@layanan.go.id" --data-urlencode "password=$password" --data-urlencode "next=/kelola" "$base$login"
  local unit
  unit=$(curl -s -b "$jar" "$base/kelola" | grep -o '/kelola/unit/[0-9]*/kinerja' | head -1)
  [ -n "$unit" ] || { echo "dashboard: could not sign in" >&2; return 1; }
  echo "dashboard loop: $unit?periode=kuartal" >&2
  while true; do curl -s -b "$jar" -o /dev/null "$base$unit?periode=kuartal"; done
}

fail=0
for scale in $SCALES; do
  case $scale in
    demo) url="sqlite://$work/demo.db?mode=rwc"; unit=/layanan/disdukcapil-balikpapan ;;
    province)
      url=${DATABASE:-"sqlite://$work/province.db?mode=rwc"}
      echo "[bench] building the province data set"
      ./target/release/bench_scale "$url"
      unit=/layanan/disdukcapil-samarinda-25 ;;
    *) echo "unknown scale $scale"; exit 2 ;;
  esac
  start "$url"
  sleep 2
  idle=$(rss "$server" VmRSS)
  pages=(/ /layanan "$unit" /layanan/disdukcapil-balikpapan/akta-kelahiran /laporan-publik "/laporan-publik?q=antrean+loket" /janji "/open311/v2/requests.json")
  echo
  echo "== $scale scale (idle RSS $idle MB); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
  printf "%-48s %8s %10s %9s %9s %6s %11s  %s\n" page bytes "req/s" "p99 ms" "static/s" ratio "p99 w/dash" errors
  declare -A p99s=()
  for p in "${pages[@]}"; do
    copy="target/site/bench/public/$(echo "$p" | tr -c 'a-z0-9\n' '_').html"
    curl -sf "http://127.0.0.1:$PORT$p" > "$copy" || { echo "$p does not answer 200"; fail=1; continue; }
    size=$(wc -c < "$copy")
    read -r rps p99 err < <(load "$p")
    read -r srps _ _ < <(load "/${copy#target/site/}")
    ratio=$(awk -v a="$rps" -v b="$srps" 'BEGIN { printf "%.2f", a / b }')
    p99s[$p]=$(ms "$p99")
    printf "%-48s %8s %10s %9s %9s %6s %11s  %s\n" "$p" "$size" "$rps" "${p99s[$p]}" "$srps" "$ratio" "" "$err"
    awk -v r="$ratio" -v l="${p99s[$p]}" 'BEGIN { exit !(r >= 0.5 && l <= 100) }' || fail=1
  done
  dashboard_loop & dash=$!
  sleep 2
  for p in "${pages[@]}"; do
    read -r rps p99 err < <(load "$p")
    busy=$(ms "$p99")
    printf "%-48s %8s %10s %9s %9s %6s %11s  %s\n" "$p (dashboard busy)" "" "$rps" "" "" "" "$busy" "$err"
    awk -v b="$busy" -v i="${p99s[$p]}" 'BEGIN { exit !(b <= 2 * i || b <= 10) }' || fail=1
  done
  kill "$dash" 2>/dev/null; wait "$dash" 2>/dev/null || true; dash=
  echo "server memory: idle $idle MB, peak $(rss "$server" VmHWM) MB, now $(rss "$server" VmRSS) MB"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
done
if [ "$fail" = 0 ]; then echo "targets met"; else echo "targets NOT met"; exit 1; fi
