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

# Invariant D2: the core does no I/O (nor does rmos-dxf, which takes DXF text). The structural scan must pass on
# the module trees of both, and the scan and clippy (with rmos-core/clippy.toml) must each refuse every case of the
# fixture crate, one form per case.
io-check:
	python3 .ci/check_core_io.py rmos-core/src
	python3 .ci/check_core_io.py rmos-dxf/src
	CARGO="$(CARGO)" python3 .ci/check_core_io.py --prove tests/fixtures/core-io-violation --clippy

test-rust:
	$(CARGO) test --workspace --locked

bench:
	$(CARGO) bench -p rmos-benches
