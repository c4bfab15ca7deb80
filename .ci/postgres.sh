#!/usr/bin/env bash
# Provides a local PostgreSQL from Debian's packages for the tests and prints its URL.
# Idempotent: installs only what is missing, starts the cluster only if it is down.
set -euo pipefail
log() { echo "[postgres] $*" >&2; }
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >&2
# Throwaway databases of earlier test runs (each test makes its own) are dropped.
for db in $(su postgres -c "psql -tAc \"SELECT datname FROM pg_database WHERE datname LIKE 'layanan\\_t%'\""); do
  su postgres -c "dropdb --if-exists '$db'" >&2
done
echo "postgres://postgres:postgres@127.0.0.1:5432/postgres"
