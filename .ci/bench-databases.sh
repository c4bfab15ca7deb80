#!/usr/bin/env bash
# Runs one benchmark program on a fresh SQLite file, and on a fresh PostgreSQL database when
# TEST_DATABASE_URL names a server. What each program measures, and its target, is in its
# own header (server/src/bin/) and in the README.
# Usage: bash .ci/bench-databases.sh PROGRAM N   (e.g. bench_routing 500)
set -euo pipefail
cd "$(dirname "$0")/.."
program=$1
n=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"./target/release/$program" "sqlite://$work/$program.db?mode=rwc" "$n"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  name="layanan_${program}_$$"
  base=${TEST_DATABASE_URL%/*}
  psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $name"
  trap 'psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  "./target/release/$program" "$base/$name" "$n"
fi
