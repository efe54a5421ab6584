#!/bin/sh
#
# One-shot benchmark: a whole `jumbo -m openai:mock "hello there"` process
# against the mock model server (tests/mock/mock-llm), beside curl making
# the same streaming request (the floor) and beside a minimal Node client
# on the official `openai` npm package (bench/node/oneshot.mjs). For each:
# the median wall time, CPU time (user + system) and peak memory (max RSS)
# of many runs, and the ratios between them. Then the CPU time and peak
# memory each needs to consume a stream of 100,000 tokens (mock-llm
# -f gen:100000).
#
# Usage: sh bench/oneshot.sh PATH-TO-JUMBO [PATH-TO-MOCK-LLM]
#
# Without PATH-TO-MOCK-LLM it is looked for beside jumbo's build
# directory: $(dirname PATH-TO-JUMBO)/../../tests/mock-llm. jumbo runs in a
# temporary JUMBO_HOME and HOME, removed at exit, whose config says
# `analysis = builtin`, so a turn makes one model request, like curl and
# node. Only 127.0.0.1 is talked to, except for `npm ci` in bench/node
# when bench/node/node_modules is missing. Timing never makes this script
# fail; a client that cannot run is reported and left out.
#
# Environment:
#   ONESHOT_RUNS=30          timed runs of each client, one-shot turn
#   ONESHOT_WARMUP=2         untimed runs of each first
#   ONESHOT_STREAM_RUNS=3    timed runs of each client, long stream
#   ONESHOT_TOKENS=100000    tokens in the long stream

set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: sh bench/oneshot.sh PATH-TO-JUMBO [PATH-TO-MOCK-LLM]" >&2
	exit 2
fi
abspath() {
	case $1 in
	/*)	printf '%s\n' "$1" ;;
	*)	printf '%s\n' "$(pwd)/$1" ;;
	esac
}
jumbo=$(abspath "$1")
if [ $# -eq 2 ]; then
	mock=$(abspath "$2")
else
	mock=$(dirname "$jumbo")/../../tests/mock-llm
fi
if [ -d "$(dirname "$mock")" ]; then
	mock=$(cd "$(dirname "$mock")" && pwd)/$(basename "$mock")
fi
if [ ! -x "$jumbo" ]; then
	echo "oneshot.sh: $jumbo: not an executable" >&2
	exit 1
fi
if [ ! -x "$mock" ]; then
	echo "oneshot: skipped: no mock model server at $mock (build the" \
	    "mock-llm target; it needs JUMBO_TESTS=ON)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "oneshot: skipped: python3 is not installed (it times the runs)"
	exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
fixtures=$(cd "$here/../tests/mock/fixtures" && pwd) || exit 1
nodedir=$here/node

runs=${ONESHOT_RUNS:-30}
warmup=${ONESHOT_WARMUP:-2}
stream_runs=${ONESHOT_STREAM_RUNS:-3}
tokens=${ONESHOT_TOKENS:-100000}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jumbo-oneshot.XXXXXX") || exit 1
mock_pids=
cleanup() {
	for pid in $mock_pids; do
		kill "$pid" 2>/dev/null
	done
	for pid in $mock_pids; do
		wait "$pid" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM
trap 'exit 141' PIPE

# A clean environment for every client: jumbo's own home, no colour, no
# debug log, no proxies, no keys or servers from the caller's environment.
HOME=$tmp/home
JUMBO_HOME=$tmp/jumbo
NO_COLOR=1
NO_PROXY='*'
no_proxy='*'
OPENAI_API_KEY=sk-bench
export HOME JUMBO_HOME NO_COLOR NO_PROXY no_proxy OPENAI_API_KEY
unset JUMBO_DEBUG JUMBO_MODEL XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME \
    OPENAI_BASE_URL ANTHROPIC_API_KEY ANTHROPIC_BASE_URL OLLAMA_HOST \
    http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
    NODE_OPTIONS
mkdir -p "$HOME" "$JUMBO_HOME" || exit 1
# One model request a turn: the message is analysed by the built-in
# analyser, not by a second request to the model.
echo "analysis = builtin" >"$JUMBO_HOME/config"

# The runner: spawns a command with posix_spawn and waits for it with
# wait4, so the wall time is read around the process alone (no shell in
# between) and the CPU time and max RSS are the kernel's for that child.
#
#	once OUT ERR argv...	run once, stdout to OUT, stderr to ERR
#	time RUNS WARMUP @@ NAME argv... @@ NAME argv...
#		run the commands in turn, round after round (the order
#		rotating), stdout to /dev/null and stderr to $ERRDIR/NAME;
#		print "NAME wall-ms cpu-ms maxrss-KiB", the medians of the
#		timed rounds, a line each. A failed run stops it (exit 3,
#		"failed NAME" on stderr).
#
# A run that takes over 120 s is killed and counts as failed. A failed
# run leaves how it ended ("exit status 1", "killed by SIGSEGV") in
# ERR.status (once) or $ERRDIR/NAME.status (time).
py_runner='
import os, signal, sys, time

current = [0]
def on_alarm(sig, frame):
	if current[0]:
		os.kill(current[0], signal.SIGKILL)
signal.signal(signal.SIGALRM, on_alarm)

def run(argv, out, err):
	acts = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
	    (os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
	    0o644),
	    (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
	    0o644)]
	t0 = time.perf_counter_ns()
	pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=acts)
	current[0] = pid
	signal.alarm(120)
	_, status, usage = os.wait4(pid, 0)
	t1 = time.perf_counter_ns()
	signal.alarm(0)
	current[0] = 0
	return (status, (t1 - t0) / 1e6,
	    (usage.ru_utime + usage.ru_stime) * 1e3, usage.ru_maxrss)

def failed(status, err):
	if os.WIFSIGNALED(status):
		how = "killed by " + signal.Signals(os.WTERMSIG(status)).name
	else:
		how = "exit status %d" % os.WEXITSTATUS(status)
	with open(err + ".status", "w") as f:
		f.write(how + "\n")

def median(v):
	v = sorted(v)
	n = len(v)
	return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2

if sys.argv[1] == "once":
	status = run(sys.argv[4:], sys.argv[2], sys.argv[3])[0]
	if status != 0:
		failed(status, sys.argv[3])
		sys.exit(3)
	sys.exit(0)

runs, warmup = int(sys.argv[2]), int(sys.argv[3])
clients = []
for word in sys.argv[4:]:
	if word == "@@":
		clients.append([])
	else:
		clients[-1].append(word)
if not clients:
	sys.exit(0)
errdir = os.environ["ERRDIR"]
figures = {c[0]: ([], [], []) for c in clients}
n = len(clients)
for r in range(warmup + runs):
	for c in clients[r % n:] + clients[:r % n]:
		err = os.path.join(errdir, c[0])
		status, wall, cpu, rss = run(c[1:], os.devnull, err)
		if status != 0:
			failed(status, err)
			sys.stderr.write("failed %s\n" % c[0])
			sys.exit(3)
		if r >= warmup:
			for v, x in zip(figures[c[0]], (wall, cpu, rss)):
				v.append(x)
for c in clients:
	w, u, m = figures[c[0]]
	print("%s %.3f %.3f %.0f" % (c[0], median(w), median(u), median(m)))
'
ERRDIR=$tmp/err
export ERRDIR
mkdir -p "$ERRDIR" || exit 1

# Run a command once: stdout to $1, stderr to $2.
once() {
	out=$1 err=$2
	shift 2
	python3 -I -S -c "$py_runner" once "$out" "$err" "$@"
}

# Start a mock server with the arguments given; set mock_port, or return 1
# with its error in $tmp/mock.err.
start_mock() {
	: >"$tmp/mock.out"
	"$mock" -d "$fixtures" -t 5 "$@" >"$tmp/mock.out" 2>"$tmp/mock.err" \
	    </dev/null &
	pid=$!
	mock_pids="$mock_pids $pid"
	i=0
	while [ $i -lt 100 ]; do
		mock_port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' \
		    "$tmp/mock.out")
		[ -n "$mock_port" ] && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.05 2>/dev/null || sleep 1
		i=$((i + 1))
	done
	return 1
}

stop_mock() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	left=
	for p in $mock_pids; do
		[ "$p" = "$1" ] || left="$left $p"
	done
	mock_pids=$left
}

# How a failed run ended and the first line of its error output, for a
# line of the report. $1: the file its stderr went to.
why() {
	if [ -s "$1.status" ]; then
		printf '%s' "$(cat "$1.status")"
	else
		printf 'failed'
	fi
	line=$(sed -n '/./{s/^[[:space:]]*//;p;q;}' "$1" 2>/dev/null |
	    cut -c 1-160)
	[ -n "$line" ] && printf ': %s' "$line"
	echo
}

if [ -r /proc/loadavg ]; then
	cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
	load="load average $(cut -d ' ' -f 1 /proc/loadavg) on $cpus CPUs"
	load="$load (noisy when the load is near the CPU count or above)"
else
	load=
fi

# --- the clients -----------------------------------------------------

# jumbo, first against a server that logs the requests, so curl and node
# can send the very body jumbo sends. The first turn also creates the
# database: the timed turns work on an existing one. If that turn makes
# no model request (a greeting of its own on a new database), a second.
if ! start_mock -l "$tmp/requests.log"; then
	echo "oneshot.sh: the mock server did not start:" >&2
	sed 's/^/  /' "$tmp/mock.err" >&2
	exit 1
fi
capture_pid=$pid
jumbo_ok=1
jumbo_note=
first_turns=0
while [ $first_turns -lt 2 ]; do
	first_turns=$((first_turns + 1))
	rm -f "$tmp/requests.log"
	if ! OPENAI_BASE_URL=http://127.0.0.1:$mock_port/v1 once \
	    "$tmp/jumbo.out" "$tmp/jumbo.err" "$jumbo" -m openai:mock \
	    "hello there"; then
		jumbo_ok=0
		jumbo_note="jumbo -m openai:mock: $(why "$tmp/jumbo.err")"
		break
	fi
	[ -s "$tmp/requests.log" ] && break
done
if [ $jumbo_ok = 1 ] && [ ! -s "$tmp/requests.log" ]; then
	jumbo_ok=0
	jumbo_note="jumbo -m openai:mock made no request to the mock server" \
	    "in two turns"
elif [ $jumbo_ok = 1 ] && ! grep -q kettle "$tmp/jumbo.out"; then
	jumbo_ok=0
	jumbo_note="jumbo -m openai:mock did not print the mock's answer:" \
	    "$(sed -n '/./{p;q;}' "$tmp/jumbo.out" | cut -c 1-100)"
fi
stop_mock "$capture_pid"

body=$tmp/body.json
body_note=
if [ $jumbo_ok = 1 ] && python3 -I -S -c '
import json, sys
body = None
for line in open(sys.argv[1], encoding="utf-8"):
	r = json.loads(line)
	if r["method"] == "POST" and r["path"].endswith("/chat/completions"):
		body = r["body"]
if body is None:
	sys.exit(1)
b = json.loads(body)
if b.get("stream") is not True or not b.get("messages"):
	sys.exit(1)
open(sys.argv[2], "w", encoding="utf-8").write(body)
print("the one jumbo sent: %d bytes, %d messages, model %s" %
    (len(body.encode()), len(b["messages"]), b.get("model")))
' "$tmp/requests.log" "$body" >"$tmp/body.note" 2>/dev/null; then
	body_note=$(cat "$tmp/body.note")
	requests=$(grep -c '"POST"' "$tmp/requests.log")
	if [ "$requests" -ne 1 ]; then
		body_note="$body_note; note: jumbo made $requests requests" \
		    "in one turn"
	fi
	if [ $first_turns -gt 1 ]; then
		body_note="$body_note; jumbo's first turn made no request"
	fi
else
	printf '%s' '{"model":"mock","messages":[{"role":"system","content":"You are jumbo, a friendly companion in the terminal. Answer briefly and warmly."},{"role":"user","content":"hello there"}],"stream":true,"stream_options":{"include_usage":true}}' >"$body"
	body_note="a stand-in, system and user message ($(wc -c <"$body" | tr -d ' ') bytes): jumbo's own could not be read"
fi

# node: the official openai package, installed from the lock file.
node_ok=1
node_note=
node_name=node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1
then
	node_ok=0
	node_note="node or npm is not installed: no Node column"
elif [ ! -f "$nodedir/node_modules/openai/package.json" ]; then
	echo "installing the openai package in bench/node (npm ci)..." >&2
	if ! (cd "$nodedir" && npm ci --no-audit --no-fund) \
	    >"$tmp/npm.log" 2>&1 </dev/null; then
		node_ok=0
		node_note="npm ci in bench/node failed: $(grep -i 'err' \
		    "$tmp/npm.log" | head -n 1 | cut -c 1-120)"
	fi
fi
if [ $node_ok = 1 ]; then
	openai_version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' \
	    "$nodedir/node_modules/openai/package.json")
	node_name="node (openai $openai_version)"
	node_version=$(node --version 2>/dev/null)
fi

curl_ok=1
if ! command -v curl >/dev/null 2>&1; then
	curl_ok=0
fi

# --- the one-shot turn -----------------------------------------------

if ! start_mock; then
	echo "oneshot.sh: the mock server did not start:" >&2
	sed 's/^/  /' "$tmp/mock.err" >&2
	exit 1
fi
turn_pid=$pid
url=http://127.0.0.1:$mock_port/v1
OPENAI_BASE_URL=$url
export OPENAI_BASE_URL

# Each client once, its output checked, before any timing.
check_clients() {
	# $1: a word the answer must hold
	if [ $curl_ok = 1 ]; then
		if ! once "$tmp/curl.out" "$tmp/curl.err" "$(command -v curl)" \
		    -sS -N --noproxy '*' -H 'Content-Type: application/json' \
		    -H 'Authorization: Bearer sk-bench' --data-binary "@$body" \
		    "$url/chat/completions" ||
		    ! grep -q '^data: \[DONE\]' "$tmp/curl.out"; then
			echo "oneshot.sh: curl could not stream from the mock" \
			    "server: $(why "$tmp/curl.err")" >&2
			exit 1
		fi
	fi
	if [ $jumbo_ok = 1 ]; then
		if ! once "$tmp/jumbo.out" "$tmp/jumbo.err" "$jumbo" \
		    -m openai:mock "hello there"; then
			jumbo_ok=0
			jumbo_note="jumbo -m openai:mock: $(why "$tmp/jumbo.err")"
		elif ! grep -q "$1" "$tmp/jumbo.out"; then
			jumbo_ok=0
			jumbo_note="jumbo -m openai:mock did not print the mock's answer"
		fi
	fi
	if [ $node_ok = 1 ]; then
		if ! once "$tmp/node.out" "$tmp/node.err" "$(command -v node)" \
		    "$nodedir/oneshot.mjs" "$body"; then
			node_ok=0
			node_note="node oneshot.mjs: $(why "$tmp/node.err")"
		elif ! grep -q "$1" "$tmp/node.out"; then
			node_ok=0
			node_note="node oneshot.mjs did not print the mock's answer"
		fi
	fi
}

# Time the clients that work; figures in $tmp/figures. $1 runs, $2 warm-up.
measure() {
	set -- "$1" "$2"
	[ $curl_ok = 1 ] && set -- "$@" @@ curl "$(command -v curl)" -sS -N \
	    --noproxy '*' -H 'Content-Type: application/json' \
	    -H 'Authorization: Bearer sk-bench' --data-binary "@$body" \
	    "$url/chat/completions"
	[ $jumbo_ok = 1 ] && set -- "$@" @@ jumbo "$jumbo" -m openai:mock \
	    "hello there"
	[ $node_ok = 1 ] && set -- "$@" @@ node "$(command -v node)" \
	    "$nodedir/oneshot.mjs" "$body"
	: >"$tmp/figures"
	if ! python3 -I -S -c "$py_runner" time "$@" >"$tmp/figures" \
	    2>"$tmp/runner.err"; then
		name=$(sed -n 's/^failed \([a-z]*\)$/\1/p' "$tmp/runner.err")
		if [ -n "$name" ]; then
			echo "$name failed while being timed: $(why "$ERRDIR/$name")"
		else
			echo "the timer failed:"
			sed 's/^/  /' "$tmp/runner.err"
		fi
		echo "(no figures for this part)"
		return 1
	fi
}

# Print the table of $tmp/figures. $1: the aims (1 for the one-shot turn).
report() {
	awk -v node_name="$node_name" -v aims="$1" -v tokens="$2" '
	{ wall[$1] = $2; cpu[$1] = $3; rss[$1] = $4 / 1024 }
	function r(a, b) {
		return (b > 0 ? sprintf("%.2fx", a / b) : "-")
	}
	function row(name, label, note) {
		if (!(name in wall))
			return
		printf("%-22s %8.2f %7s %8.2f %7s %8.2f %7s", label,
		    wall[name], r(wall[name], wall["curl"]),
		    cpu[name], r(cpu[name], cpu["curl"]),
		    rss[name], r(rss[name], rss["curl"]))
		if (tokens > 0 && cpu[name] > 0)
			printf(" %12.0f", tokens / (cpu[name] / 1000))
		else if (tokens > 0)
			printf(" %12s", "-")
		if (note != "")
			printf("  %s", note)
		printf("\n")
	}
	END {
		printf("%-22s %8s %7s %8s %7s %8s %7s", "client", "wall",
		    "/curl", "cpu", "/curl", "max RSS", "/curl")
		if (tokens > 0)
			printf(" %12s", "tokens/cpu-s")
		printf("\n")
		row("curl", "curl", "(floor)")
		note = ""
		if (aims)
			note = "(aim: within 1.5x of curl on wall and max RSS)"
		row("jumbo", "jumbo", note)
		row("node", node_name, "")
		if (!("jumbo" in wall) || !("node" in wall))
			exit
		note = ""
		if (aims)
			note = "  (aim: node at least 20x jumbo on wall)"
		printf("node/jumbo: wall %.2fx, cpu %.2fx, max RSS %.2fx%s\n",
		    wall["node"] / wall["jumbo"], cpu["node"] / cpu["jumbo"],
		    rss["node"] / rss["jumbo"], note)
	}' "$tmp/figures"
}

check_clients kettle
echo "one-shot turn against mock-llm (openai.sse), medians of $runs runs" \
    "after $warmup warm-up, the clients interleaved"
echo "wall and cpu (user+system) in ms, max RSS in MiB; /curl: ratio to" \
    "curl, the floor, measured in the same run"
echo "request: POST /v1/chat/completions, stream with include_usage;" \
    "body: $body_note"
echo "jumbo: -m openai:mock \"hello there\", config analysis = builtin (one" \
    "model request a turn, like curl and node), on an existing database"
[ $node_ok = 1 ] && echo "node: $node_version, bench/node/oneshot.mjs"
[ -n "$load" ] && echo "$load"
[ $curl_ok = 0 ] && echo "curl: not installed: no floor, no ratios to it"
[ $jumbo_ok = 0 ] && echo "jumbo: not measured: $jumbo_note"
[ $node_ok = 0 ] && echo "node: not measured: $node_note"
if measure "$runs" "$warmup"; then
	report 1 0
fi
stop_mock "$turn_pid"

# --- the long stream -------------------------------------------------

echo
if ! start_mock -f "gen:$tokens"; then
	echo "stream of $tokens tokens: skipped: this mock-llm cannot make" \
	    "one (-f gen:N): $(sed -n '1p' "$tmp/mock.err")"
	exit 0
fi
url=http://127.0.0.1:$mock_port/v1
OPENAI_BASE_URL=$url
# Only the clients that ran the turn; a word from the generated stream is
# hard to know, so the answer is checked for being long instead.
check_clients ''
if [ $curl_ok = 1 ]; then
	stream_bytes=$(wc -c <"$tmp/curl.out" | tr -d ' ')
	stream_chunks=$(grep -c '^data: ' "$tmp/curl.out")
fi
echo "stream of $tokens tokens (mock-llm -f gen:$tokens:" \
    "${stream_bytes:-?} bytes, ${stream_chunks:-?} data lines), medians" \
    "of $stream_runs runs after one untimed"
echo "each client reads the whole stream; curl writes it as it comes," \
    "jumbo and node print the text and jumbo stores it"
[ $jumbo_ok = 1 ] &&
    echo "jumbo printed $(wc -c <"$tmp/jumbo.out" | tr -d ' ') bytes"
[ $node_ok = 1 ] &&
    echo "node printed $(wc -c <"$tmp/node.out" | tr -d ' ') bytes"
[ $jumbo_ok = 0 ] && echo "jumbo: not measured: $jumbo_note"
[ $node_ok = 0 ] && echo "node: not measured: $node_note"
if measure "$stream_runs" 0; then
	report 0 "$tokens"
fi
exit 0
