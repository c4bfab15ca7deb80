#!/usr/bin/env bash
# Benchmark: report submission over HTTP (see server/src/bin/bench_reports.rs), on SQLite,
# and on PostgreSQL when TEST_DATABASE_URL names a server (a fresh database is made there).
# Target on SQLite, this 2-core machine: at least 500 submissions/s with p99 <= 100 ms.
# Usage: make bench-reports   (N=2000 C=16 to change the load)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-2000}
C=${C:-16}
PORT=${BENCH_PORT:-3300}
work=$(mktemp -d)
server=""
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

bench() {
  local label=$1 url=$2
  # Rate limits are raised for the run: every submission comes from this one address.
  DATABASE_URL="$url" PORTAL_MAIL_DIR="$work/mail-$label" PORTAL_FILES_DIR="$work/files" \
    PORTAL_REPORTS_PER_HOUR=100000000 LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR=127.0.0.1:$PORT \
    RUST_LOG=warn ./target/release/server serve &
  server=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  echo "== $label: $N submissions, $C at a time"
  ./target/release/bench_reports "http://127.0.0.1:$PORT" "$N" "$C"
  kill $server; wait $server 2>/dev/null || true
}

bench sqlite "sqlite://$work/portal.db?mode=rwc"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  name="layanan_bench_$$"
  psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
  bench postgres "${TEST_DATABASE_URL%/*}/$name"
  psql "$TEST_DATABASE_URL" -qc "DROP DATABASE $name" >/dev/null || true
fi
