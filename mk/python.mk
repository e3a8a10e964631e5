# The Python face: the rmos wheel (maturin over rmos-py), its tests, its demo and its bench.
#
# Everything runs in a local .venv made from the system Python 3 and the pinned tools of
# python/requirements-dev.txt (maturin, pytest, hypothesis, mypy, pygcode, ezdxf), installed with pip from PyPI.
# The wheel is built by maturin into target/wheels, reusing the workspace's cargo target dir.

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
PY_DEV_STAMP := $(VENV)/.rmos-dev-requirements
WHEEL_DIR := target/wheels

TEST_TARGETS += test-python
DEMO_TARGETS += demo-python

.PHONY: python-venv python-wheel python-wheel-bench test-python demo-python bench-python

$(VPY):
	$(PYTHON) -m venv $(VENV)

$(PY_DEV_STAMP): python/requirements-dev.txt | $(VPY)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
	touch $@

python-venv: $(PY_DEV_STAMP)

# Builds the wheel (release profile, from pyproject.toml) and installs it into the venv.
python-wheel: python-venv
	rm -f $(WHEEL_DIR)/rmos-*.whl
	$(VENV)/bin/maturin build --locked --quiet --interpreter $(VPY) --out $(WHEEL_DIR)
	$(VPY) -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(WHEEL_DIR)/rmos-*.whl

# The same wheel with rmos-py's `bench` feature, which adds the Rust side of the round-trip bench
# (rmos._core._bench_roundtrip_rust); the shipped wheel never has it. test-python reinstalls the plain one.
python-wheel-bench: python-venv
	rm -f $(WHEEL_DIR)/rmos-*.whl
	$(VENV)/bin/maturin build --locked --quiet --features bench --interpreter $(VPY) --out $(WHEEL_DIR)
	$(VPY) -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(WHEEL_DIR)/rmos-*.whl

# The C library the Python tests compare byte for byte with (python/tests/cface.py reads RMOS_FFI_LIB).
PY_FFI_LIB := $(abspath $(or $(CARGO_TARGET_DIR),target))/debug/librmos_ffi.so

# Stubs against the compiled module, strict typing of the tests, examples and benches, then pytest
# (warnings are errors; pytest's exit code 5, no test collected, fails like any other non-zero code).
test-python: python-wheel
	$(CARGO) build -p rmos-ffi --locked
	$(VPY) -m mypy.stubtest rmos._core
	$(VPY) -m mypy python/tests python/benches examples/rosette_job.py
	RMOS_FFI_LIB=$(PY_FFI_LIB) $(VPY) -m pytest -q python/tests

demo-python: python-wheel
	$(VPY) examples/rosette_job.py

bench-python: python-wheel-bench
	$(VPY) python/benches/bench_roundtrip.py
