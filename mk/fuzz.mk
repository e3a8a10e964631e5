# Fuzzing with cargo-fuzz (libFuzzer): `make fuzz` runs every target for FUZZ_SECONDS each, from the
# committed seed corpora in fuzz/corpus/<target>/. It is not part of `make test`.
#
#   make fuzz                      every target, 60 s each
#   make fuzz FUZZ_SECONDS=600     longer
#   make fuzz FUZZ_TARGETS=job_json
#
# cargo-fuzz needs nightly compiler flags; RUSTC_BOOTSTRAP=1 lets this stable toolchain take them.
# New inputs found go to fuzz/corpus-new/<target>/ (not committed), so the seed corpora stay as
# reviewed; a crash is written to fuzz/artifacts/<target>/ and fails the run.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= job_json gcode_readback canonical_artifact ffi_bytes
FUZZ_ENV := RUSTC_BOOTSTRAP=1

.PHONY: fuzz fuzz-tool fuzz-build

fuzz-tool:
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked

fuzz-build: fuzz-tool
	cd fuzz && $(FUZZ_ENV) $(CARGO) fuzz build

fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus-new/$$t; \
		echo "fuzz $$t for $(FUZZ_SECONDS) s"; \
		(cd fuzz && $(FUZZ_ENV) $(CARGO) fuzz run $$t corpus-new/$$t corpus/$$t -- \
			-max_total_time=$(FUZZ_SECONDS) -print_final_stats=1); \
	done
	@echo "fuzz: $(FUZZ_TARGETS) ran $(FUZZ_SECONDS) s each without a crash"
