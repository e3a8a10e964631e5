#!/usr/bin/env bash
# Invariant S4: advisory code cannot reach authority internals. The advisory module may name, of the
# workflow, only `Session` and `Draft` (to start a new draft) and, of the ledger, only `ContentHash` and
# `hash_canonical` (to say which job a proposal is based on). Anything else from `workflow` or `runs`, and any
# approval or store name, fails the check. Doc comments and comments are skipped.
set -u
file=${1:-rmos-core/src/advisory.rs}
code=$(grep -vE '^\s*//' "$file")
fail=0
allowed_workflow='^(Session|Draft)$'
allowed_runs='^(ContentHash|hash_canonical)$'
names() { # $1 = module; prints every name imported or used through it
  printf '%s\n' "$code" | tr -d '\n' | grep -oE "$1::(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)" |
    sed -E "s/^$1:://; s/[{}]//g" | tr ',' '\n' | tr -d ' ' | grep -v '^$' || true
}
for n in $(names workflow); do
  if ! [[ $n =~ $allowed_workflow ]]; then echo "advisory names workflow::$n (only Session, Draft allowed)" >&2; fail=1; fi
done
for n in $(names runs); do
  if ! [[ $n =~ $allowed_runs ]]; then echo "advisory names runs::$n (only ContentHash, hash_canonical allowed)" >&2; fail=1; fi
done
if printf '%s\n' "$code" | grep -nE '\b(Approved|Evaluated|RunStore|RunRecord|RunArtifact|MemoryStore|Override|Decision)\b|\.(approve|approve_with_override|append|append_sealed|decide)\s*\(' >&2; then
  echo "advisory names an approval or ledger internal (above)" >&2; fail=1
fi
if [ $fail -ne 0 ]; then echo "advisory boundary check failed: $file" >&2; exit 1; fi
echo "advisory boundary check: $file clean"
