#!/usr/bin/env bash
# Benchmark: one routing decision for a unit of 200 staff on duty and 10,000 open reports
# (see server/src/bin/bench_routing.rs), on SQLite, and on PostgreSQL when
# TEST_DATABASE_URL names a server (a fresh database is made there). Target: p99 <= 5 ms.
# Usage: make bench-routing   (N=500 to change the number of decisions)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/bench_routing "sqlite://$work/routing.db?mode=rwc" "$N"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  name="layanan_bench_routing_$$"
  base=${TEST_DATABASE_URL%/*}
  psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $name"
  trap 'psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  ./target/release/bench_routing "$base/$name" "$N"
fi
