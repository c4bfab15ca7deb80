# The portal's two commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
# npm's wasm-opt (binaryen 132) must come first: Debian's older one breaks hydration.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PORT ?= 3000
DATABASE_URL ?= sqlite://data/portal.db?mode=rwc

.PHONY: deps build run test test-rust test-e2e bench bench-public bench-first-load bench-reports bench-routing bench-bookings bench-dashboard bench-open311 soak-http clean

deps:
	@bash .ci/deps.sh

build: deps
	cargo leptos build --release --precompress

## Build and serve the portal with demo data at http://127.0.0.1:$(PORT)
run: build
	mkdir -p data
	LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR=127.0.0.1:$(PORT) DATABASE_URL='$(DATABASE_URL)' \
		./target/release/server serve

## Every test: unit, domain (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), HTTP, browser
test: deps test-rust test-e2e

test-rust:
	cargo test --workspace

test-e2e: build
	cd end2end && npx playwright test

## Standard page against a static file of the same size; see README
bench: build
	bash .ci/bench.sh

## Public pages at demo scale and at a province's (300 units, 200,000 reports), idle and
## beside a manager's dashboard; see README
bench-public: build
	cargo build --release -p server --bin bench_scale
	bash .ci/bench-public.sh

## The bytes of a first visit to each citizen and staff page, as a phone gets them; see README
bench-first-load: build
	bash .ci/bench-first-load.sh

## Report submissions over HTTP on SQLite (and PostgreSQL with TEST_DATABASE_URL); see README
bench-reports: build
	cargo build --release -p server --bin bench_reports
	bash .ci/bench-reports.sh

bench-routing: deps
	cargo build --release -p server --bin bench_routing
	bash .ci/bench-databases.sh bench_routing $${N:-500}

## A booking rush: 5,000 attempts in 10 s at 50 slots x 10 places; see README
bench-bookings: deps
	cargo build --release -p server --bin bench_bookings
	bash .ci/bench-bookings.sh

bench-dashboard: deps
	cargo build --release -p server --bin bench_dashboard
	bash .ci/bench-databases.sh bench_dashboard $${N:-20}

## Open311 answers on a busy portal: 30,000 reports; see README
bench-open311: deps
	cargo build --release -p server --bin bench_open311
	bash .ci/bench-databases.sh bench_open311 $${N:-20}

## The whole-stack tests 50 times in a row with 8 test threads (RUNS, THREADS); see README
soak-http: deps
	bash .ci/soak-http.sh

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results end2end/.data
