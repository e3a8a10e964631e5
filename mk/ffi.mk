# rmos-ffi, the C ABI: header drift check, C and C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer
# (LeakSanitizer included), the C++ host example against the static and the shared library, and the demo.
#
#   make test-ffi     everything below, as part of `make test`
#   make ffi-header   refresh the committed include/rmos.h from rmos-ffi/src (then commit it)
#   make demo-ffi     the C++ host on examples/jobs/guitar_top.json, G-code to out/

TEST_TARGETS += test-ffi
DEMO_TARGETS += demo-ffi

FFI_CC ?= gcc
FFI_CXX ?= g++
FFI_OUT := build/ffi
FFI_LIBDIR := $(or $(CARGO_TARGET_DIR),target)/debug
FFI_JOBS := examples/jobs
# What a Rust static library needs from the system (`rustc --print native-static-libs`).
FFI_NATIVE_LIBS := -lpthread -ldl -lm
FFI_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g
FFI_CFLAGS := -std=c11 -Wall -Wextra -Werror -pedantic -Iinclude -Itests/c
FFI_CXXFLAGS := -std=c++17 -Wall -Wextra -Werror -pedantic -Iinclude -Itests/c
# Leaks fail the run; the first sanitizer report stops it.
FFI_SAN_ENV := ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

FFI_C_TESTS := happy_path status_codes parity
FFI_CXX_TESTS := threads

FFI_OVERRIDE := fresh 1/16 bit, runout checked, air blast on
FFI_AT := 2026-11-22T10:00:00Z

.PHONY: test-ffi ffi-header ffi-header-check ffi-lib ffi-tests ffi-sanitizer-check ffi-host demo-ffi

test-ffi: ffi-header-check ffi-tests ffi-sanitizer-check ffi-host
	@echo "test-ffi: header, C/C++ tests under ASan+UBSan+LSan and the host example passed"

ffi-header:
	RMOS_BLESS_HEADER=1 $(CARGO) test -p rmos-ffi --test header --locked

ffi-header-check:
	$(CARGO) test -p rmos-ffi --test header --locked

# The library the tests link: with the `testing` feature, which adds rmos_testing_panic (RMOS_INTERNAL).
ffi-lib:
	$(CARGO) build -p rmos-ffi --features testing --locked
	@mkdir -p $(FFI_OUT)

ffi-tests: ffi-lib
	@set -e; for t in $(FFI_C_TESTS); do \
		echo "cc  tests/c/$$t.c (asan, ubsan)"; \
		$(FFI_CC) $(FFI_CFLAGS) $(FFI_SAN) -DRMOS_TESTING tests/c/$$t.c $(FFI_LIBDIR)/librmos_ffi.a \
			$(FFI_NATIVE_LIBS) -o $(FFI_OUT)/$$t; \
	done; \
	for t in $(FFI_CXX_TESTS); do \
		echo "c++ tests/c/$$t.cpp (asan, ubsan)"; \
		$(FFI_CXX) $(FFI_CXXFLAGS) $(FFI_SAN) -DRMOS_TESTING tests/c/$$t.cpp $(FFI_LIBDIR)/librmos_ffi.a \
			$(FFI_NATIVE_LIBS) -o $(FFI_OUT)/$$t; \
	done; \
	for t in $(FFI_C_TESTS) $(FFI_CXX_TESTS); do \
		echo "run $(FFI_OUT)/$$t"; \
		$(FFI_SAN_ENV) $(FFI_OUT)/$$t $(FFI_JOBS) $(FFI_OUT); \
	done

# The leak checkers really run: the test binaries carry the ASan and UBSan runtimes, and a program that
# leaks one string from rmos must fail under LeakSanitizer and under valgrind (which checks the host below).
ffi-sanitizer-check: ffi-tests
	@for t in $(FFI_C_TESTS) $(FFI_CXX_TESTS); do \
		nm $(FFI_OUT)/$$t | grep -q '__asan_init' || { echo "$$t: no AddressSanitizer runtime" >&2; exit 1; }; \
		nm $(FFI_OUT)/$$t | grep -q '__ubsan_handle' || { echo "$$t: no UBSan runtime" >&2; exit 1; }; \
	done
	$(FFI_CC) $(FFI_CFLAGS) $(FFI_SAN) tests/c/leak_canary.c $(FFI_LIBDIR)/librmos_ffi.a $(FFI_NATIVE_LIBS) \
		-o $(FFI_OUT)/leak_canary
	@if $(FFI_SAN_ENV) $(FFI_OUT)/leak_canary $(FFI_JOBS) > $(FFI_OUT)/leak_canary.log 2>&1; then \
		echo "ffi-sanitizer-check: the deliberate leak went unseen: LeakSanitizer is not running" >&2; exit 1; fi
	@grep -q 'ERROR: LeakSanitizer: detected memory leaks' $(FFI_OUT)/leak_canary.log || \
		{ cat $(FFI_OUT)/leak_canary.log >&2; echo "ffi-sanitizer-check: the canary failed for another reason" >&2; exit 1; }
	$(FFI_CC) $(FFI_CFLAGS) -g tests/c/leak_canary.c -L$(FFI_LIBDIR) -lrmos_ffi -Wl,-rpath,$(abspath $(FFI_LIBDIR)) \
		-o $(FFI_OUT)/leak_canary_plain
	@if valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
		$(FFI_OUT)/leak_canary_plain $(FFI_JOBS) > $(FFI_OUT)/leak_canary_valgrind.log 2>&1; then \
		echo "ffi-sanitizer-check: valgrind missed the deliberate leak" >&2; exit 1; fi
	@grep -q 'definitely lost' $(FFI_OUT)/leak_canary_valgrind.log || \
		{ cat $(FFI_OUT)/leak_canary_valgrind.log >&2; echo "ffi-sanitizer-check: valgrind failed for another reason" >&2; exit 1; }
	@echo "ffi-sanitizer-check: ASan and UBSan linked; LeakSanitizer and valgrind both caught the deliberate leak"

# The C++ host example, built with the system g++ against the static library (under ASan + UBSan) and
# against the shared library (run under valgrind's memcheck, with a durable ledger): a YELLOW job approved
# with an override gives the same G-code from both; without the override it is refused (exit 3), says why,
# and writes nothing.
ffi-host: ffi-lib
	$(FFI_CXX) $(FFI_CXXFLAGS) $(FFI_SAN) examples/host.cpp $(FFI_LIBDIR)/librmos_ffi.a $(FFI_NATIVE_LIBS) \
		-o $(FFI_OUT)/host_static
	$(FFI_CXX) $(FFI_CXXFLAGS) examples/host.cpp -L$(FFI_LIBDIR) -lrmos_ffi \
		-Wl,-rpath,$(abspath $(FFI_LIBDIR)) -o $(FFI_OUT)/host_shared
	@ldd $(FFI_OUT)/host_shared | grep -q 'librmos_ffi.so' || { echo "host_shared is not linked to librmos_ffi.so" >&2; exit 1; }
	$(FFI_SAN_ENV) $(FFI_OUT)/host_static $(FFI_JOBS)/guitar_top.json $(FFI_OUT)/static.nc --override "$(FFI_OVERRIDE)" \
		--at $(FFI_AT) \
		> $(FFI_OUT)/host_static.log
	rm -f $(FFI_OUT)/host_shared.rmos $(FFI_OUT)/refused.nc
	valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=1 $(FFI_OUT)/host_shared $(FFI_JOBS)/guitar_top.json $(FFI_OUT)/shared.nc --post grbl \
		--override "$(FFI_OVERRIDE)" --at $(FFI_AT) --ledger $(FFI_OUT)/host_shared.rmos > $(FFI_OUT)/host_shared.log
	@cmp $(FFI_OUT)/static.nc $(FFI_OUT)/shared.nc || { echo "the two builds wrote different G-code" >&2; exit 1; }
	@grep -q '^G90 G94 G17 G21$$' $(FFI_OUT)/static.nc || { echo "static.nc is not a GRBL program" >&2; exit 1; }
	@status=0; $(FFI_SAN_ENV) $(FFI_OUT)/host_static $(FFI_JOBS)/guitar_top.json $(FFI_OUT)/refused.nc \
		> /dev/null 2> $(FFI_OUT)/host_refused.log || status=$$?; \
	if [ $$status -ne 3 ] || [ -e $(FFI_OUT)/refused.nc ]; then \
		cat $(FFI_OUT)/host_refused.log >&2; echo "host: a YELLOW job without an override was not refused" >&2; exit 1; fi
	@grep -q 'YELLOW job needs a human override' $(FFI_OUT)/host_refused.log
	@echo "ffi-host: static (ASan+UBSan) and shared (valgrind) builds agree; the refusal says why"

# The demo: the C++ host on the guitar top, a YELLOW job approved with a written reason; G-code to out/, the
# approval and the program recorded in the durable ledger out/host.rmos (each run appends two artifacts).
demo-ffi:
	$(CARGO) build -p rmos-ffi --locked
	@mkdir -p $(FFI_OUT) out
	$(FFI_CXX) $(FFI_CXXFLAGS) examples/host.cpp $(FFI_LIBDIR)/librmos_ffi.a $(FFI_NATIVE_LIBS) -o $(FFI_OUT)/host
	$(FFI_OUT)/host $(FFI_JOBS)/guitar_top.json out/guitar_top.nc --post grbl --override "$(FFI_OVERRIDE)" \
		--ledger out/host.rmos
