#!/bin/sh
#
# Context benchmark: how big jumbo's prompts stay over a long conversation,
# beside a client that sends the whole history, and whether what the person
# told long ago is still in the prompt when they ask about it.
#
# Usage: sh bench/context.sh PATH-TO-JUMBO [PATH-TO-MOCK-LLM]
#
# bench/context-data/conversation.txt is one person's side of a 500-turn
# conversation over many days: small talk, feelings, events, about forty
# facts told along the way (family, friends, pets, work, city, likes, one
# move to another city), and forty memory questions, many asked hundreds
# of turns after the fact, each labelled with the objects an answer needs.
# Every turn goes through the two-step pipeline (`jumbo -m openai:mock`,
# then `jumbo -c ...`) against the mock model server (tests/mock-llm of the
# build, found beside src/tui/jumbo unless given), which logs every request
# and answers each reply with the same generated stream of 30 tokens
# (BENCH_CONTEXT_REPLY=N for N; longer replies fill jumbo's budget sooner).
# From the log it prints:
#
#   - at turns 1, 10, 50, 100, 200, 300, 400 and 500: the tokens of the
#     prompt jumbo sent for the reply, and of the prompt a client sending
#     the full history would send (the same system prompt, every earlier
#     message and reply, the message), with one estimator for both: all
#     characters of all message contents / 4, rounded up;
#   - the largest prompt jumbo sent, against a budget of 3,000 tokens;
#   - for each memory question, whether every expected object is in the
#     prompt jumbo sent that turn (so a model could answer), N/M overall
#     and for questions asked more than 200 turns after the fact was last
#     said; the same for a client sending only the last 20 messages;
#   - the time the replay took (informational only).
#
# Everything runs in a temporary directory, removed at exit: your own data
# is never touched and nothing leaves the machine. Needs python3 (standard
# library only). Timing never makes this script fail; it fails only when
# jumbo or the mock does, and says how.

set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: sh bench/context.sh PATH-TO-JUMBO [PATH-TO-MOCK-LLM]" >&2
	exit 2
fi
case $1 in
/*)	jumbo=$1 ;;
*)	jumbo=$(pwd)/$1 ;;
esac
if [ $# -eq 2 ]; then
	case $2 in
	/*)	mock=$2 ;;
	*)	mock=$(pwd)/$2 ;;
	esac
else
	# build/src/tui/jumbo beside build/tests/mock-llm
	mock=$(dirname "$jumbo")/../../tests/mock-llm
fi
if [ ! -x "$jumbo" ]; then
	echo "context.sh: $jumbo: not an executable" >&2
	exit 1
fi
if [ ! -x "$mock" ]; then
	echo "context.sh: $mock: not an executable (build the mock-llm" \
	    "target, or give its path)" >&2
	exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "context.sh: needs python3" >&2
	exit 1
fi

here=$(cd "$(dirname "$0")" && pwd)
conversation=$here/context-data/conversation.txt
fixtures=$here/../tests/mock/fixtures
helper=$here/context-eval.py
marker="Analyse the person's message"
reply=${BENCH_CONTEXT_REPLY:-30}
case $reply in
''|*[!0-9]*|0)
	echo "context.sh: BENCH_CONTEXT_REPLY must be a number of tokens" >&2
	exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jumbo-context-bench.XXXXXX") || exit 1
mock_pid=
cleanup() {
	if [ -n "$mock_pid" ]; then
		kill "$mock_pid" 2>/dev/null
		wait "$mock_pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM

# A clean environment for jumbo: its own home, the mock as the server.
HOME=$tmp/home
JUMBO_HOME=$tmp/jumbo
NO_COLOR=1
OPENAI_API_KEY=sk-bench
export HOME JUMBO_HOME NO_COLOR OPENAI_API_KEY
unset JUMBO_MODEL JUMBO_DEBUG XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME \
    ANTHROPIC_API_KEY ANTHROPIC_BASE_URL OLLAMA_HOST
mkdir -p "$HOME" "$JUMBO_HOME" || exit 1

# The mock: analysis requests get the analysis fixture (whose names are in
# none of the turns, so jumbo rejects it and its built-in analyzer reads
# each message), every reply a generated stream of $reply tokens.
"$mock" -d "$fixtures" -l "$tmp/requests.log" -j "$marker" -f "gen:$reply" \
    >"$tmp/mock.out" 2>"$tmp/mock.err" </dev/null &
mock_pid=$!
port=
i=0
while [ $i -lt 50 ]; do
	port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' \
	    "$tmp/mock.out")
	[ -n "$port" ] && break
	if ! kill -0 "$mock_pid" 2>/dev/null; then
		break
	fi
	sleep 0.1
	i=$((i + 1))
done
if [ -z "$port" ]; then
	echo "context.sh: the mock server did not start:" >&2
	sed 's/^/  /' "$tmp/mock.err" >&2
	exit 1
fi
OPENAI_BASE_URL=http://127.0.0.1:$port/v1
export OPENAI_BASE_URL

turns=$(grep -v '^#' "$conversation" | grep -c .)
questions=$(grep -v '^#' "$conversation" | grep -c ' | expected: ')
echo "context: $turns turns, $questions memory questions" \
    "(bench/context-data/conversation.txt),"
echo "two-step pipeline against mock-llm (replies: gen:$reply), one" \
    "conversation, budget 3000"
if [ -r /proc/loadavg ]; then
	echo "load average $(cut -d ' ' -f 1 /proc/loadavg) on" \
	    "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs"
fi
python3 -I -S "$helper" replay "$jumbo" "$conversation" || exit 1

# The mock logs each request before it answers: done by now.
kill "$mock_pid" 2>/dev/null
wait "$mock_pid" 2>/dev/null
mock_pid=
if ! "$jumbo" export >"$tmp/export.jsonl" 2>"$tmp/err" </dev/null ||
    ! "$jumbo" facts --json >"$tmp/facts.jsonl" 2>>"$tmp/err" </dev/null; then
	echo "context.sh: jumbo export or jumbo facts --json failed:" >&2
	sed 's/^/  /' "$tmp/err" >&2
	exit 1
fi
echo
python3 -I -S "$helper" report "$conversation" "$tmp/requests.log" \
    "$tmp/export.jsonl" "$tmp/facts.jsonl" "$JUMBO_HOME/jumbo.db" || exit 1
exit 0
