# The PostgreSQL ledger: its suite against a real server, and the demo on a private server.
#
#   make test-pg    rmos-store/tests/postgres.rs against the server RMOS_TEST_PG_URL names (a superuser's
#                   URL; .ci/run starts a private cluster and sets it), as part of `make test`; without the
#                   variable it says plainly that the suite was skipped
#   make demo-pg    starts a private server (tests/pg/cluster.sh), runs the Rust demo with its ledger there,
#                   verifies it, and stops the server
#
# python/tests/test_postgres.py (in test-python) reads the same variable and skips, saying why, without it.

TEST_TARGETS += test-pg

PG_CLUSTER := tests/pg/cluster.sh

.PHONY: test-pg demo-pg

test-pg:
	@if [ -z "$$RMOS_TEST_PG_URL" ]; then \
		echo "test-pg: SKIPPED: RMOS_TEST_PG_URL is not set, so the PostgreSQL ledger suite did not run"; \
		echo "test-pg: (start a server with 'tests/pg/cluster.sh start DIR' and export the URL it prints)"; \
	else \
		$(CARGO) test -p rmos-store --test postgres --locked -- --ignored --test-threads 2 && \
		echo "test-pg: the PostgreSQL ledger suite passed against a real server"; \
	fi

demo-pg:
	@set -e; dir=$$(mktemp -d); chmod 711 "$$dir"; \
	trap 'bash $(PG_CLUSTER) stop "$$dir/cluster"; rm -rf "$$dir"' EXIT; \
	url=$$(bash $(PG_CLUSTER) start "$$dir/cluster"); \
	$(CARGO) run --quiet --release -p rmos-store --example run_job -- examples/jobs/guitar_top.json grbl out "$$url"; \
	echo; \
	$(CARGO) run --quiet --release -p rmos-store --example run_job -- examples/jobs/fretboard.json linuxcnc out "$$url"
