# Shared helpers for the regress tests; each tests/regress/NAME.sh sources
# this file first:
#
#	. "$(dirname "$0")/lib.sh"
#
# It gives the test a private temporary directory ($TMP) holding the
# JUMBO_HOME and HOME every jumbo run uses, removed on exit; clears the
# environment that could change how jumbo behaves (model keys, colour,
# proxies, XDG paths); and provides run(), which runs a command and keeps
# its exit status ($RC), standard output ($OUT) and standard error ($ERR),
# plus expect_*() checks that report a failed check by name and let the
# test go on, so one run shows every check that fails. finish() ends the
# test: exit 1 if any check failed. fatal() stops at once, for a failure
# that makes the remaining checks meaningless.
#
# The tests run with the environment CTest gives them: JUMBO (the jumbo
# binary), JUMBO_SRC (the source tree) and JUMBO_BUILD (the build tree).

set -eu

# Nothing from the person's environment may leak into a run.
unset NO_COLOR JUMBO_MODEL JUMBO_HOME OPENAI_API_KEY OPENAI_BASE_URL \
    ANTHROPIC_API_KEY ANTHROPIC_BASE_URL OLLAMA_HOST \
    HTTPS_PROXY https_proxy HTTP_PROXY http_proxy ALL_PROXY all_proxy \
    NO_PROXY no_proxy XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME \
    XDG_STATE_HOME INPUTRC TMUX TMUX_PANE 2>/dev/null || true
LC_ALL=C.UTF-8
TZ=UTC
# The automatic engine choice probes Ollama: a closed port here, so an
# Ollama on the machine never changes what a test sees.
OLLAMA_HOST=127.0.0.1:9
export LC_ALL TZ OLLAMA_HOST

TEST_NAME=$(basename "$0" .sh)

if [ -z "${JUMBO:-}" ]; then
	echo "$TEST_NAME: JUMBO must name the jumbo binary (CTest sets it)" >&2
	exit 1
fi
case "$JUMBO" in
/*) ;;
*) JUMBO="$(pwd)/$JUMBO" ;;
esac
if [ ! -x "$JUMBO" ]; then
	echo "$TEST_NAME: $JUMBO is not an executable" >&2
	exit 1
fi
export JUMBO

TMP=$(mktemp -d "${TMPDIR:-/tmp}/jumbo-regress-$TEST_NAME.XXXXXX")
HOME="$TMP/home"
JUMBO_HOME="$TMP/jumbo"
mkdir "$HOME"
export HOME JUMBO_HOME

# Commands run on exit, newest first (at_exit "command").
LIB_AT_EXIT=
at_exit()
{
	LIB_AT_EXIT="$1
$LIB_AT_EXIT"
}

lib_cleanup()
{
	status=$?
	set +e
	eval "$LIB_AT_EXIT"
	# A test may have given the directory to another user.
	chmod -R u+rwX "$TMP" 2>/dev/null
	rm -rf "$TMP"
	exit $status
}
trap lib_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

LIB_FAILED=0
LIB_CHECKS=0

# Say which part of the test runs now (goes to standard output, which
# CTest shows with --output-on-failure).
say()
{
	echo "== $TEST_NAME: $*"
}

# Show what the last run() printed, indented, for a failure report.
lib_show_run()
{
	if [ -n "${RUN_CMD:-}" ]; then
		echo "   last command: $RUN_CMD" >&2
		echo "   exit status:  ${RC:-?}" >&2
		if [ -s "$TMP/.out" ]; then
			echo "   stdout:" >&2
			head -c 2000 "$TMP/.out" | sed 's/^/   | /' >&2
			echo >&2
		fi
		if [ -s "$TMP/.err" ]; then
			echo "   stderr:" >&2
			head -c 2000 "$TMP/.err" | sed 's/^/   | /' >&2
			echo >&2
		fi
	fi
}

# Record that check $1 failed because of $2, and go on.
fail()
{
	LIB_FAILED=$((LIB_FAILED + 1))
	echo "FAIL $TEST_NAME: $1: $2" >&2
	lib_show_run
	return 0
}

# Record a failure and stop the test now.
fatal()
{
	LIB_FAILED=$((LIB_FAILED + 1))
	echo "FAIL $TEST_NAME: $1: $2 (stopping)" >&2
	lib_show_run
	exit 1
}

pass()
{
	LIB_CHECKS=$((LIB_CHECKS + 1))
	echo "ok   $1"
}

# End the test: exit 1 if any check failed.
finish()
{
	if [ "$LIB_FAILED" -ne 0 ]; then
		echo "$TEST_NAME: $LIB_FAILED check(s) failed, $LIB_CHECKS passed" >&2
		exit 1
	fi
	echo "$TEST_NAME: all $LIB_CHECKS checks passed"
	exit 0
}

# Skip the rest of the test (exit 0), saying why.
skip()
{
	echo "SKIP $TEST_NAME: $*"
	finish
}

# run CMD ARGS...: run with standard input from /dev/null (never a
# terminal). Sets RC, OUT and ERR (command substitution drops trailing
# newlines; the exact bytes stay in $TMP/.out and $TMP/.err).
run()
{
	run_stdin /dev/null "$@"
}

# run_stdin FILE CMD ARGS...: the same with standard input from FILE.
# shellcheck disable=SC2034 # OUT and ERR are read by the tests
run_stdin()
{
	lib_in=$1
	shift
	RUN_CMD="$*"
	if [ "$lib_in" != /dev/null ]; then
		RUN_CMD="$RUN_CMD < $lib_in"
	fi
	RC=0
	"$@" <"$lib_in" >"$TMP/.out" 2>"$TMP/.err" || RC=$?
	OUT=$(cat "$TMP/.out")
	ERR=$(cat "$TMP/.err")
}

# jumbo ARGS...: run() on the binary under test.
jumbo()
{
	run "$JUMBO" "$@"
}

# jumbo_stdin FILE ARGS...
jumbo_stdin()
{
	lib_f=$1
	shift
	run_stdin "$lib_f" "$JUMBO" "$@"
}

# jumbo_ok CHECK ARGS...: run jumbo and fail CHECK unless it exits 0
# (quiet when it does: a step, not a check of its own).
jumbo_ok()
{
	lib_check=$1
	shift
	jumbo "$@"
	if [ "$RC" -ne 0 ]; then
		fail "$lib_check" "jumbo $* exited $RC, expected 0"
	fi
	return 0
}

# expect_exit CHECK WANT: the last run() exited WANT.
expect_exit()
{
	if [ "$RC" -eq "$2" ]; then
		pass "$1"
	else
		fail "$1" "exit status $RC, expected $2"
	fi
}

# expect_eq CHECK GOT WANT
expect_eq()
{
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "got \"$2\", expected \"$3\""
	fi
}

expect_ne()
{
	if [ "$2" != "$3" ]; then
		pass "$1"
	else
		fail "$1" "got \"$2\", expected anything else"
	fi
}

# expect_contains CHECK HAYSTACK NEEDLE (a fixed string, case kept)
expect_contains()
{
	case "$2" in
	*"$3"*) pass "$1" ;;
	*) fail "$1" "\"$3\" not found in: $(printf '%s' "$2" | head -c 600)" ;;
	esac
}

# expect_contains_i CHECK HAYSTACK NEEDLE: the same, ignoring case.
expect_contains_i()
{
	if printf '%s\n' "$2" | grep -qiF -- "$3"; then
		pass "$1"
	else
		fail "$1" "\"$3\" (any case) not found in: $(printf '%s' "$2" | head -c 600)"
	fi
}

expect_not_contains()
{
	case "$2" in
	*"$3"*) fail "$1" "\"$3\" should not be in: $(printf '%s' "$2" | head -c 600)" ;;
	*) pass "$1" ;;
	esac
}

expect_not_contains_i()
{
	if printf '%s\n' "$2" | grep -qiF -- "$3"; then
		fail "$1" "\"$3\" (any case) should not be in: $(printf '%s' "$2" | head -c 600)"
	else
		pass "$1"
	fi
}

# expect_empty CHECK VALUE
expect_empty()
{
	if [ -z "$2" ]; then
		pass "$1"
	else
		fail "$1" "expected nothing, got: $(printf '%s' "$2" | head -c 600)"
	fi
}

expect_nonempty()
{
	if [ -n "$2" ]; then
		pass "$1"
	else
		fail "$1" "expected some text, got nothing"
	fi
}

# expect_lines CHECK VALUE N: VALUE is exactly N lines.
expect_lines()
{
	if [ -z "$2" ]; then
		lib_n=0
	else
		lib_n=$(printf '%s\n' "$2" | wc -l | tr -d ' ')
	fi
	if [ "$lib_n" -eq "$3" ]; then
		pass "$1"
	else
		fail "$1" "$lib_n lines, expected $3: $(printf '%s' "$2" | head -c 600)"
	fi
}

# expect_error_line CHECK WORD: the last run() printed nothing on standard
# output, and its standard error holds exactly one "jumbo: " error line,
# which names WORD.
expect_error_line()
{
	lib_errors=$(grep -c '^jumbo: ' "$TMP/.err" || true)
	if [ -s "$TMP/.out" ]; then
		fail "$1" "an error must not print on standard output"
	elif [ "$lib_errors" -ne 1 ]; then
		fail "$1" "expected one \"jumbo: ...\" line on standard error, got $lib_errors"
	elif ! grep '^jumbo: ' "$TMP/.err" | grep -qF -- "$2"; then
		fail "$1" "the error does not name \"$2\""
	else
		pass "$1"
	fi
}

# has_escape FILE: whether FILE holds an ESC byte.
has_escape()
{
	od -An -c "$1" | grep -q '033'
}

# py EXPR: evaluate the Python expression EXPR with the JSON read from
# standard input: j is the value when the input is one JSON text, L the
# list of values when it is JSON Lines (one per non-blank line). Prints a
# string as it is, anything else as JSON; exits 3 if the input is not JSON.
py()
{
	"$PYTHON" -I -S -c '
import json, sys
data = sys.stdin.buffer.read().decode("utf-8")
try:
    L = [json.loads(l) for l in data.split("\n") if l.strip()]
except ValueError as e:
    sys.stderr.write("not JSON: %s\n" % e)
    sys.exit(3)
j = L[0] if len(L) == 1 else None
r = eval(sys.argv[1])
if isinstance(r, str):
    sys.stdout.write(r + "\n")
else:
    sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
' "$1"
}

# pyout EXPR: py on what the last run() printed on standard output; on
# bad JSON prints "<not JSON>".
pyout()
{
	py "$1" <"$TMP/.out" 2>/dev/null || echo "<not JSON>"
}

# The id of the conversation a --json run printed.
json_conversation()
{
	pyout 'j["conversation"] if j else None'
}

# Count the messages in the store (through the binary: jumbo export).
message_count()
{
	"$JUMBO" export </dev/null 2>/dev/null | wc -l | tr -d ' '
}

# snapshot FILE: export every message to FILE (for before/after compares).
snapshot()
{
	"$JUMBO" export </dev/null >"$1" 2>/dev/null || true
}

# sql SQL: run SQL with the sqlite3 shell on the store.
sql()
{
	sqlite3 -batch "$JUMBO_HOME/jumbo.db" "$1"
}

# The name jumbo should know from the account: the first field of the
# GECOS full name when it is set and says more than the login name, else
# the login name.
account_name()
{
	lib_login=$(id -un)
	lib_gecos=$(getent passwd "$lib_login" 2>/dev/null | cut -d: -f5 |
	    cut -d, -f1 | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
	lib_lgecos=$(printf '%s' "$lib_gecos" | tr '[:upper:]' '[:lower:]')
	if [ -n "$lib_gecos" ] && [ "$lib_gecos" != "$lib_login" ] &&
	    [ "$lib_lgecos" != root ]; then
		printf '%s\n' "$lib_gecos"
	else
		printf '%s\n' "$lib_login"
	fi
}

# wait_for CHECK TRIES CMD...: run CMD (quietly) every 0.1 s until it
# succeeds, at most TRIES times; fails CHECK when it never does.
wait_for()
{
	lib_check=$1
	lib_tries=$2
	shift 2
	while [ "$lib_tries" -gt 0 ]; do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		lib_tries=$((lib_tries - 1))
		sleep 0.1
	done
	fail "$lib_check" "timed out waiting for: $*"
	return 1
}

# A number in [0, $1) from /dev/urandom.
random_below()
{
	lib_r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $((lib_r % $1))
}

# unprivileged CMD...: run CMD as an unprivileged user when we are root
# (root writes through any file mode); as is otherwise. Check with
# can_drop_privileges first. NOBODY_UID/NOBODY_GID name the user.
NOBODY_UID=$(id -u nobody 2>/dev/null || echo 65534)
NOBODY_GID=$(id -g nobody 2>/dev/null || echo 65534)
can_drop_privileges()
{
	[ "$(id -u)" -ne 0 ] && return 0
	# The binary must be reachable by the unprivileged user too (a build
	# under /root is not).
	command -v setpriv >/dev/null 2>&1 &&
	    setpriv --reuid="$NOBODY_UID" --regid="$NOBODY_GID" \
	    --clear-groups "$JUMBO" --version >/dev/null 2>&1
}
unprivileged()
{
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	else
		setpriv --reuid="$NOBODY_UID" --regid="$NOBODY_GID" \
		    --clear-groups "$@"
	fi
}

# give_to_unprivileged PATH...: when root, let the unprivileged user own
# PATH (recursively) and reach it through $TMP.
give_to_unprivileged()
{
	if [ "$(id -u)" -eq 0 ]; then
		chmod 755 "$TMP"
		chown -R "$NOBODY_UID:$NOBODY_GID" "$@"
	fi
}

for lib_tool in od cmp python3; do
	if ! command -v "$lib_tool" >/dev/null 2>&1; then
		echo "$TEST_NAME: needs $lib_tool" >&2
		exit 1
	fi
done
# The interpreter itself, not a wrapper script, run with -I -S (no site
# packages): pyenv's shims and a big site cost a fifth of a second a
# call, and the tests make hundreds.
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
[ -x "$PYTHON" ] || PYTHON=python3

# ---- For the tests of model engines: fresh homes, the mock model server
# (tests/mock/mock-llm), a closed port, a time limit on each run.

# fresh_home NAME [LINE...]: a new, empty JUMBO_HOME ($TMP/NAME) from now
# on, its config file holding the LINEs (no config file without any).
fresh_home()
{
	JUMBO_HOME="$TMP/$1"
	shift
	rm -rf "$JUMBO_HOME"
	mkdir "$JUMBO_HOME"
	if [ $# -gt 0 ]; then
		printf '%s\n' "$@" >"$JUMBO_HOME/config"
		chmod 600 "$JUMBO_HOME/config"
	fi
	export JUMBO_HOME
}

# llm_start LOG [ARGS...]: start the mock model server on the fixtures,
# with ARGS, logging its requests to LOG (LLM_LOG), stopped on exit; sets
# LLM_PID, LLM_PORT and LLM_URL. Skips the test without curl(1), which
# steers the server.
llm_start()
{
	LLM_LOG=$1
	shift
	lib_mock="$JUMBO_BUILD/tests/mock-llm"
	[ -x "$lib_mock" ] ||
	    fatal "mock: binary" "no $lib_mock (build the mock-llm target)"
	command -v curl >/dev/null 2>&1 || skip "no curl(1) here"
	: >"$LLM_LOG"
	"$lib_mock" -d "$JUMBO_SRC/tests/mock/fixtures" -l "$LLM_LOG" "$@" \
	    >"$LLM_LOG.out" 2>"$LLM_LOG.err" &
	LLM_PID=$!
	at_exit "kill $LLM_PID 2>/dev/null"
	wait_for "mock: prints its port" 50 grep -q \
	    '^listening on 127.0.0.1:' "$LLM_LOG.out" ||
	    fatal "mock: start" "$(cat "$LLM_LOG.err")"
	LLM_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' \
	    "$LLM_LOG.out")
	LLM_URL="http://127.0.0.1:$LLM_PORT"
}

# llm_next [CURL ARGS...]: queue the answer to the next model request
# (POST /mock/next with X-Mock-* headers, or --data-binary for a body).
llm_next()
{
	lib_code=$(curl -sS --noproxy '*' --max-time 20 -o /dev/null \
	    -w '%{http_code}' -X POST "$@" "$LLM_URL/mock/next" 2>&1) ||
	    true
	[ "$lib_code" = 204 ] ||
	    fail "mock: queue $*" "POST /mock/next answered $lib_code"
	return 0
}

# llm_reset: empty the mock's queue.
llm_reset()
{
	curl -sS --noproxy '*' --max-time 20 -o /dev/null -X POST \
	    "$LLM_URL/mock/reset" || true
}

# llm_requests: how many model requests the mock has logged.
llm_requests()
{
	wc -l <"$LLM_LOG" | tr -d ' '
}

# llm_request EXPR [N [ARG]]: EXPR in Python over the Nth request from the
# end of the log (1, the default, is the last): r is its log entry (method,
# path, target, headers with lowercase names, body), b its body as JSON
# (None when it is not) and a the string ARG. Prints a string as it is,
# else JSON.
llm_request()
{
	"$PYTHON" -I -S -c '
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
n = int(sys.argv[3])
if n > len(lines):
    print("<no request %d from the end: %d logged>" % (n, len(lines)))
    sys.exit(0)
r = json.loads(lines[-n])
try:
    b = json.loads(r["body"])
except ValueError:
    b = None
a = sys.argv[4]
v = eval(sys.argv[2])
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
' "$LLM_LOG" "$1" "${2:-1}" "${3:-}"
}

# llm_fixture NAME EXPR: EXPR in Python over s, what the fixture NAME (or
# gen:N) streams: s["text"] (its text joined), s["prompt"] and
# s["completion"] (the token counts it reports, None when it does not).
llm_fixture()
{
	"$PYTHON" -I -S -c '
import json, sys
name, expr, where = sys.argv[1], sys.argv[2], sys.argv[3]
words = [" the", " kettle", " sings", " while", " rain", " taps", " on",
    " the", " window", " and", " bread", " rises", " slowly"]
s = {"text": "", "prompt": None, "completion": None}
if name.startswith("gen:"):
    n = int(name[4:])
    s["text"] = "".join(words[i % len(words)] for i in range(n))
    s["completion"] = n
elif name.endswith(".ndjson"):
    for line in open(where + "/" + name, encoding="utf-8"):
        if not line.strip():
            continue
        j = json.loads(line)
        s["text"] += (j.get("message") or {}).get("content") or ""
        if j.get("done"):
            s["prompt"] = j.get("prompt_eval_count")
            s["completion"] = j.get("eval_count")
else:
    data = open(where + "/" + name, encoding="utf-8").read()
    for event in data.replace("\r\n", "\n").split("\n\n"):
        lines = [l[5:] for l in event.split("\n") if l.startswith("data:")]
        lines = [l[1:] if l.startswith(" ") else l for l in lines]
        if not lines or lines == ["[DONE]"]:
            continue
        j = json.loads("\n".join(lines))
        if name.startswith("anthropic"):
            if j["type"] == "message_start":
                s["prompt"] = j["message"]["usage"]["input_tokens"]
            elif j["type"] == "content_block_delta":
                s["text"] += j["delta"].get("text", "")
            elif j["type"] == "message_delta":
                s["completion"] = j["usage"]["output_tokens"]
            continue
        for c in (j.get("choices") or [])[:1]:
            s["text"] += (c.get("delta") or {}).get("content") or ""
        if isinstance(j.get("usage"), dict):
            s["prompt"] = j["usage"].get("prompt_tokens")
            s["completion"] = j["usage"].get("completion_tokens")
v = eval(expr)
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
' "$1" "$2" "$JUMBO_SRC/tests/mock/fixtures"
}

# free_port: a loopback TCP port nothing listens on (free a moment ago).
free_port()
{
	"$PYTHON" -I -S -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
'
}

# time_limit SECONDS: from now on JUMBO runs under timeout(1), so a jumbo
# that hangs fails its check (exit status 124) instead of holding the test
# until CTest's own timeout. JUMBO_BINARY stays the binary itself (for a
# test that signals it).
JUMBO_BINARY=$JUMBO
time_limit()
{
	command -v timeout >/dev/null 2>&1 || return 0
	printf '#!/bin/sh\nexec timeout -k 5 %s "%s" "$@"\n' "$1" \
	    "$JUMBO_BINARY" >"$TMP/jumbo-limited"
	chmod 755 "$TMP/jumbo-limited"
	JUMBO="$TMP/jumbo-limited"
}
