#!/usr/bin/env bash
# Installs what building and testing the portal needs, only what is missing:
# the wasm32 target, pinned cargo-leptos and wasm-bindgen-cli, the end2end npm packages
# (Playwright, axe-core, binaryen's wasm-opt) and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130
log() { echo "[deps] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else log "need root for: $*"; return 1; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes on 2 cores)"
  cargo install --locked "cargo-leptos@$CARGO_LEPTOS_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  log "installing end2end npm packages"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium
fi

# The SMTP server process the mail tests send to (end2end/smtp_peer.py).
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  log "installing aiosmtpd (the mail tests' SMTP peer)"
  python3 -m pip install --quiet --disable-pip-version-check 'aiosmtpd==1.4.6' \
    || python3 -m pip install --quiet --user --break-system-packages 'aiosmtpd==1.4.6'
fi
