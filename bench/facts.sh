#!/bin/sh
# Print the fact extractor's figures: precision, recall and F1 over
# triples on the labelled set (tests/fixtures/facts-labelled.txt) for
# its development, held-out and fresh lines, the question and forget
# tables, and the time per message. It runs the test-fact binary of a
# build directory with JUMBO_FACTS_BENCH set; build that first:
#
#	cmake --build BUILD_DIR --target test-fact
#	sh bench/facts.sh BUILD_DIR
#
# BENCH_RUNS (default 200) is how many times the labelled set is timed.
set -eu
build=${1:?usage: facts.sh BUILD_DIR}
bin=$build/tests/test-fact
if [ ! -x "$bin" ]; then
	echo "facts.sh: no $bin; run: cmake --build $build --target test-fact" >&2
	exit 2
fi
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(JUMBO_FACTS_FIXTURE="$src/tests/fixtures/facts-labelled.txt" \
    JUMBO_FACTS_BENCH="${BENCH_RUNS:-200}" "$bin" 2>/dev/null) || status=$?
printf '%s\n' "$out" | grep '^facts ' | sed 's/^facts //'
if [ "${status:-0}" -ne 0 ]; then
	echo "facts.sh: test-fact failed (status $status); run it for details" >&2
	exit 1
fi
