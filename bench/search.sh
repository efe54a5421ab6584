#!/bin/sh
#
# Search benchmark: how well `jumbo search` finds the messages that answer
# questions about a long conversation, beside plain FTS5 bm25 measured in
# the same run, and how fast it answers among 100,000 messages.
#
# Usage: sh bench/search.sh PATH-TO-JUMBO
#
# 1. Recall. tests/fixtures/search-conversation.jsonl (605 turns, 20
#    sessions over ten months) is imported into an empty store; for each
#    question of tests/fixtures/search-questions.jsonl the answering
#    turns are known. recall@5 and @10 are printed for the plain ranking
#    (FTS5 bm25 over the words, as store_search() does it, read from the
#    same jumbo.db with Python's sqlite3, read-only) and for
#    `jumbo search --json` (the conversational ranking), for the
#    development questions (the weights were set on these) and the
#    held-out ones (never looked at while setting them), by kind.
# 2. Scale. BENCH_SEARCH_MESSAGES generated messages (many speakers, three
#    years) are imported, then the conversation on top; the recall of the
#    same questions is printed again, the answers now among them all.
# 3. Speed. Every question is searched BENCH_SEARCH_RUNS times in that
#    store: the wall time of the whole `jumbo search --json -n 10` process
#    (median and p95, ms), beside `jumbo --version`.
#
# Everything runs in temporary directories, removed at exit, with the
# built-in engine: no network, and your own data is never touched. Needs
# python3 (standard library only). Timing never makes this script fail.
#
# Environment:
#   BENCH_SEARCH_MESSAGES=100000   messages generated for 2. and 3.
#   BENCH_SEARCH_RUNS=3            times each question is timed
#   BENCH_SEARCH_SEED=1            seed of the generated messages

set -u

if [ $# -ne 1 ]; then
	echo "usage: sh bench/search.sh PATH-TO-JUMBO" >&2
	exit 2
fi
case $1 in
/*)	jumbo=$1 ;;
*)	jumbo=$(pwd)/$1 ;;
esac
if [ ! -x "$jumbo" ]; then
	echo "search.sh: $jumbo: not an executable" >&2
	exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "search.sh: needs python3" >&2
	exit 1
fi

here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/../tests/fixtures
conversation=$fixtures/search-conversation.jsonl
questions=$fixtures/search-questions.jsonl
helper=$here/search-eval.py
messages=${BENCH_SEARCH_MESSAGES:-100000}
runs=${BENCH_SEARCH_RUNS:-3}
seed=${BENCH_SEARCH_SEED:-1}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jumbo-search-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM

# A clean environment for jumbo, as in bench/startup.sh.
HOME=$tmp/home
JUMBO_MODEL=builtin
NO_COLOR=1
export HOME JUMBO_MODEL NO_COLOR
unset JUMBO_DEBUG XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME \
    OPENAI_API_KEY OPENAI_BASE_URL ANTHROPIC_API_KEY ANTHROPIC_BASE_URL
mkdir -p "$HOME" "$tmp/small" "$tmp/big" || exit 1

# Run a command; stop the benchmark if it fails.
check() {
	if ! "$@" >"$tmp/check.out" 2>"$tmp/check.err"; then
		echo "search.sh: this command failed:" >&2
		echo "  $*" >&2
		sed 's/^/  /' "$tmp/check.err" >&2
		exit 1
	fi
}

# Milliseconds since some point, for the import's duration.
now() {
	python3 -I -S -c 'import time; print(int(time.monotonic() * 1000))'
}

if [ -r /proc/loadavg ]; then
	cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
	echo "load average $(cut -d ' ' -f 1 /proc/loadavg) on $cpus CPUs" \
	    "(timings are noisy when it is near the CPU count or above)"
fi

echo
echo "1. recall on $(wc -l <"$conversation" | tr -d ' ') turns," \
    "$(wc -l <"$questions" | tr -d ' ') questions (plain: FTS5 bm25;" \
    "jumbo: jumbo search)"
JUMBO_HOME=$tmp/small
export JUMBO_HOME
check "$jumbo" import "$conversation"
python3 -I -S "$helper" recall "$jumbo" "$JUMBO_HOME/jumbo.db" \
    "$questions" | tee "$tmp/recall" || exit 1
if awk '$2 == "all" && ($4 != $5 || $6 != $7) { differ = 1 }
    END { exit differ }' "$tmp/recall"; then
	echo "note: jumbo search ranks exactly as plain bm25 here: is" \
	    "cmd_search calling search_messages()?"
fi

echo
echo "2. the same among $messages generated messages"
JUMBO_HOME=$tmp/big
export JUMBO_HOME
python3 -I -S "$helper" generate "$messages" "$seed" >"$tmp/generated.jsonl" ||
    exit 1
t0=$(now)
check "$jumbo" import "$tmp/generated.jsonl"
check "$jumbo" import "$conversation"
t1=$(now)
echo "imported $messages + $(wc -l <"$conversation" | tr -d ' ') messages" \
    "in $((t1 - t0)) ms; jumbo.db is" \
    "$(($(wc -c <"$JUMBO_HOME/jumbo.db") / 1048576)) MiB"
python3 -I -S "$helper" recall "$jumbo" "$JUMBO_HOME/jumbo.db" \
    "$questions" | awk '$2 == "all" || NR == 1' || exit 1

echo
echo "3. speed among $((messages + $(wc -l <"$conversation"))) messages" \
    "(whole process, ms; each question $runs times)"
printf "%-40s %8s %8s\n" "command" "median" "p95"
python3 -I -S "$helper" latency "$jumbo" "$questions" "$runs" || exit 1

# Questions naming only a time read every message of the conversations
# updated since the span began (there is no index on messages.time): a
# recent span is cheap, one years back reads most of the store.
echo
echo "questions naming only a time or a person (ms, median of 5 runs):"
python3 -I -S "$helper" latency "$jumbo" - 5 \
    "What happened last month?" "What did Caroline do in October?" \
    "What did Jonah say?" "What happened in 2021?" || exit 1
exit 0
