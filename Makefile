# RMOS: `make demo` runs a real job end to end; `make test` runs every check and test in every language.
SHELL := /bin/bash
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

# Language fronts add their targets in mk/*.mk: each appends its test target to TEST_TARGETS and its demo
# step to DEMO_TARGETS.
TEST_TARGETS :=
DEMO_TARGETS :=
-include mk/*.mk

.PHONY: demo demo-rust test lint fmt-check clippy io-check test-rust bench

demo: demo-rust $(DEMO_TARGETS)

demo-rust:
	$(CARGO) run --quiet --release -p rmos-core --example evaluate_jobs
	@echo
	$(CARGO) run --quiet --release -p rmos-store --example run_job -- examples/jobs/guitar_top.json grbl out
	@echo
	$(CARGO) run --quiet --release -p rmos-store --example run_job -- examples/jobs/fretboard.json linuxcnc out

test: lint test-rust $(TEST_TARGETS)
	@echo "make test: all checks passed"

lint: fmt-check clippy io-check

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

# Invariant D2: the core does no I/O (nor does rmos-dxf, which takes DXF text). The scan must pass on the core and fail on a fixture that reads a file.
io-check:
	bash .ci/check-core-io.sh rmos-core/src
	bash .ci/check-core-io.sh rmos-dxf/src
	@if bash .ci/check-core-io.sh tests/fixtures/core-io-violation >/dev/null 2>&1; then \
		echo "io-check: the scan missed a std::fs use in the fixture" >&2; exit 1; fi

test-rust:
	$(CARGO) test --workspace --locked

bench:
	$(CARGO) bench -p rmos-benches
