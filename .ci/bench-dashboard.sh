#!/usr/bin/env bash
# Benchmark: a unit's dashboard over a busy quarter (20,000 reports, 50 staff, a roster of
# every working day, 5,000 survey answers; see server/src/bin/bench_dashboard.rs), on
# SQLite, and on PostgreSQL when TEST_DATABASE_URL names a server (a fresh database is made
# there). Target: p50 under 500 ms.
# Usage: make bench-dashboard   (N=50 to change the number of renders)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/bench_dashboard "sqlite://$work/dashboard.db?mode=rwc" "$N"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  name="layanan_bench_dashboard_$$"
  base=${TEST_DATABASE_URL%/*}
  psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $name"
  trap 'psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  ./target/release/bench_dashboard "$base/$name" "$N"
fi
