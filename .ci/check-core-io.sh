#!/usr/bin/env bash
# Invariant D2: the core does no I/O. Fails when a source file under the given folder (default:
# rmos-core/src) names std::fs, std::net, std::process, std::env, std::thread or a clock.
# Comments are skipped, and so are the crate's own test modules (`src/**/tests/`), which are compiled only
# for `cargo test`; `cargo clippy` enforces the same with rmos-core/clippy.toml.
set -u
dir=${1:-rmos-core/src}
pattern='std::(fs|net|process|env|thread)\b|\b(SystemTime|Instant)\b|\benv!\(\s*"(HOME|PATH|USER)|\bstd::io::(stdin|stdout|stderr)\b'
hits=$(grep -rnE --include='*.rs' --exclude-dir=tests "$pattern" "$dir" | grep -vE '^[^:]+:[0-9]+:\s*//' || true)
if [ -n "$hits" ]; then
  echo "rmos-core must do no I/O (invariant D2); found:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "core I/O check: $(find "$dir" -name '*.rs' | wc -l) files clean"
