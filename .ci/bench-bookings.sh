#!/usr/bin/env bash
# Benchmark: a booking rush, 5,000 attempts in 10 s at 50 slots x 10 places (see
# server/src/bin/bench_bookings.rs), on SQLite, then with two connection pools (as two
# server processes), and on PostgreSQL when TEST_DATABASE_URL names a server (a fresh
# database is made there). Targets: 0 overbooked places; p99 <= 250 ms on SQLite.
# Usage: make bench-bookings   (ATTEMPTS=5000 RUSH_SECONDS=10 to change the rush)
set -euo pipefail
cd "$(dirname "$0")/.."
ATTEMPTS=${ATTEMPTS:-5000}
RUSH_SECONDS=${RUSH_SECONDS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/bench_bookings "sqlite://$work/one.db?mode=rwc" "$ATTEMPTS" "$RUSH_SECONDS" 1
./target/release/bench_bookings "sqlite://$work/two.db?mode=rwc" "$ATTEMPTS" "$RUSH_SECONDS" 2
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  base=${TEST_DATABASE_URL%/*}
  names=()
  trap 'for n in "${names[@]}"; do psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $n" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT
  for pools in 1 2; do
    name="layanan_bench_bookings_$$_$pools"
    names+=("$name")
    psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $name"
    ./target/release/bench_bookings "$base/$name" "$ATTEMPTS" "$RUSH_SECONDS" "$pools"
  done
fi
