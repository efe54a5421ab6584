#!/bin/sh
# Run every libFuzzer target built in BUILD_DIR/tests/fuzz for SECONDS
# each, starting from its seed corpus. New inputs go to a temporary
# directory, so the seeds in the tree stay as they are. A crash fails.
set -eu
build=${1:?usage: run.sh BUILD_DIR [SECONDS]}
seconds=${2:-20}
src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for bin in "$build"/tests/fuzz/fuzz-*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz-}
	mkdir -p "$work/$name"
	echo "fuzz-$name: $seconds s"
	"$bin" -max_total_time="$seconds" -print_final_stats=0 \
	    -artifact_prefix="$work/" "$work/$name" "$src/corpus/$name" \
	    > "$work/$name.log" 2>&1 || {
		tail -40 "$work/$name.log"
		echo "fuzz-$name failed" >&2
		exit 1
	}
	grep -E "^#[0-9]+.*DONE" "$work/$name.log" | tail -1 || true
done
