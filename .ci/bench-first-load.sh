#!/usr/bin/env bash
# What a first visit costs a phone: for each page, the bytes on the wire of the HTML and of
# everything the page then loads (stylesheet, script and WebAssembly when the page has an
# interactive island), as served to a browser sending `Accept-Encoding: br, gzip` with an
# empty cache. Target: at most 100 KB for every citizen page; staff pages printed beside.
# Usage: make bench-first-load   (runs the release build on a fresh demo database)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-3201}
LIMIT=${LIMIT_KB:-100}
base="http://127.0.0.1:$PORT"
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
DATABASE_URL="sqlite://$work/portal.db?mode=rwc" PORTAL_MAIL_DIR="$work/mail" LEPTOS_SITE_ROOT=target/site \
  LEPTOS_SITE_ADDR=127.0.0.1:$PORT RUST_LOG=warn PORTAL_ENV=development ./target/release/server serve &
server=$!
for _ in $(seq 1 120); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done

# Bytes on the wire (headers not counted) of one address, as a browser asking for br or gzip.
wire() { curl -s -o /dev/null -H 'Accept: text/html' -H 'Accept-Encoding: br, gzip' ${2:+-b "$2"} -w '%{size_download}' "$base$1"; }
html() { curl -s --compressed -H 'Accept: text/html' ${2:+-b "$2"} "$base$1"; }

# A citizen sends a report as a browser without JavaScript does (form, check, send), for the
# tracking page of its code.
citizen="$work/citizen"
form=$(html /lapor | grep -o 'action="/api/check_report[^"]*"' | sed 's/action="//; s/"$//')
curl -s -o /dev/null -c "$citizen" -b "$citizen" -H 'Accept: text/html' -H "Origin: $base" -H "Referer: $base/lapor" \
  -F kind=konsultasi -F unit=disdukcapil-balikpapan/akta-kelahiran -F subject="Syarat akta kelahiran" \
  -F body="Apa saja syarat mengurus akta kelahiran untuk anak yang lahir di rumah?" -F name=Dewi \
  -F email=dewi@example.com -F situs_web= "$base$form"
check=$(html /lapor/periksa "$citizen")
send=$(grep -o 'action="/api/submit_report[^"]*"' <<<"$check" | sed 's/action="//; s/"$//')
key=$(grep -o 'name="key" value="[^"]*"' <<<"$check" | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$citizen" -b "$citizen" -H 'Accept: text/html' -H "Origin: $base" -H "Referer: $base/lapor/periksa" \
  --data-urlencode "key=$key" "$base$send"
track=$(html /lapor/terkirim "$citizen" | grep -o 'href="/lacak/[A-Z0-9]*"' | head -1 | sed 's/href="//; s/"$//')
[ -n "$track" ] || { echo "no tracking code: the report was not sent"; exit 1; }

# Staff sign in through the sign-in form's own address; the cookie jar is their browser.
password=$(grep -o 'DEMO_PASSWORD: &str = "[^"]*"' app/src/auth/mod.rs | sed 's/.*= "//; s/"$//')
login=$(html /masuk | grep -o 'action="/api/[^"]*"' | head -1 | sed 's/action="//; s/"$//')
sign_in() {
  curl -s -o /dev/null -c "$2" -H "Origin: $base" -H "Referer: $base/masuk" \
    --data-urlencode "email=$1" --data-urlencode "password=$password" --data-urlencode "next=/kelola" "$base$login"
}
officer="$work/officer"; manager="$work/manager"
sign_in petugas.capil@layanan.go.id "$officer"
sign_in pimpinan.capil@layanan.go.id "$manager"
inbox=$(curl -s -o /dev/null -H 'Accept: text/html' -b "$officer" -w '%{redirect_url}' "$base/petugas" | sed "s#$base##")
[ -n "$inbox" ] || inbox=/petugas
roster=$(html /kelola "$manager" | grep -o 'href="/kelola/unit/[0-9]*/jadwal"' | head -1 | sed 's/href="//; s/"$//' || true)

printf "%-52s %8s %8s %8s %8s %9s\n" "first visit, Accept-Encoding: br, gzip (bytes)" "HTML" "CSS" "JS" "WASM" "total KB"
fail=0
measure() {
  local who=$1 path=$2 cookies=${3:-}
  local body css js wasm h c j w total
  body=$(html "$path" "$cookies")
  h=$(wire "$path" "$cookies")
  css=$(grep -o '<link rel="stylesheet" id="leptos" href="[^"]*"' <<<"$body" | sed 's/.*href="//; s/"$//' || true)
  c=$([ -n "$css" ] && wire "$css" || echo 0)
  j=0; w=0
  if grep -q '<leptos-island' <<<"$body"; then
    read -r js wasm < <(grep -o '("/pkg/[^"]*", "/pkg/[^"]*")' <<<"$body" | tr -d '(",)' )
    j=$(wire "$js"); w=$(wire "$wasm")
  fi
  total=$((h + c + j + w))
  printf "%-52s %8d %8d %8d %8d %9.1f\n" "$who $path" "$h" "$c" "$j" "$w" "$(awk -v t="$total" 'BEGIN{print t/1024}')"
  if [ "$who" = citizen ] && [ "$total" -gt $((LIMIT * 1024)) ]; then fail=1; fi
}
measure citizen /
measure citizen /layanan/disdukcapil-balikpapan/akta-kelahiran
measure citizen /lapor
measure citizen /janji
measure citizen "$track"
measure staff "$inbox" "$officer"
measure staff /kelola "$manager"
[ -z "$roster" ] || measure staff "$roster" "$manager"
if [ $fail = 0 ]; then echo "every citizen page within ${LIMIT} KB: target met"; else echo "a citizen page is over ${LIMIT} KB: target NOT met"; exit 1; fi
