#!/usr/bin/env bash
# Benchmark: Open311 answers on a busy portal (30,000 reports over 120 days; see
# server/src/bin/bench_open311.rs), through the router, on SQLite, and on PostgreSQL when
# TEST_DATABASE_URL names a server (a fresh database is made there). Target: the default
# 1,000-row list under 500 ms p50.
# Usage: make bench-open311   (N=50 to change the number of calls)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/bench_open311 "sqlite://$work/open311.db?mode=rwc" "$N"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  name="layanan_bench_open311_$$"
  base=${TEST_DATABASE_URL%/*}
  psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $name"
  trap 'psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  ./target/release/bench_open311 "$base/$name" "$N"
fi
