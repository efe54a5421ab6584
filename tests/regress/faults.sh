# Model servers that fail, against the mock model server
# (tests/mock/mock-llm): whatever goes wrong, the person's message is
# kept, the failure is one clear line on standard error naming what to
# fix, and the exit status says what happened: keys refused or missing,
# unknown models, busy servers retried, HTML where JSON belongs, streams
# that break off or carry an error, silent and closed servers, Ctrl-C in
# the middle of a reply, and hostile streams. API keys never show, in the
# output or the debug log.
. "$(dirname "$0")/lib.sh"
# A turn here takes well under a second; one that hangs is a failure.
time_limit 30

llm_start "$TMP/requests.log" -t 30
OPENAI_BASE_URL="$LLM_URL/v1"
OPENAI_API_KEY=sk-test-faults-7d3e
ANTHROPIC_BASE_URL="$LLM_URL"
ANTHROPIC_API_KEY=sk-ant-test-faults-2b8a
OLLAMA_HOST="127.0.0.1:$LLM_PORT"
export OPENAI_BASE_URL OPENAI_API_KEY ANTHROPIC_BASE_URL ANTHROPIC_API_KEY \
    OLLAMA_HOST
CLOSED=$(free_port)
OPENAI=openai:gpt-4o-mini
ANTHROPIC=anthropic:claude-3-5-haiku-latest

# section TEXT: say what runs now, with nothing queued from before.
section()
{
	say "$@"
	llm_reset
}

# since MARK: how many requests the mock took after it had MARK.
since()
{
	echo $(($(llm_requests) - $1))
}

# one_error CHECK NEEDLE...: everything the last run wrote on standard
# error is "jumbo: " lines, and apart from notices of a retry exactly one
# of them is an error, which names every NEEDLE.
one_error()
{
	one_check=$1
	shift
	one_other=$(grep -cv '^jumbo: ' "$TMP/.err" || true)
	grep '^jumbo: ' "$TMP/.err" | grep -v '; retrying' \
	    >"$TMP/errors" || true
	one_n=$(wc -l <"$TMP/errors" | tr -d ' ')
	if [ "$one_other" -ne 0 ]; then
		fail "$one_check" "standard error has $one_other line(s) that are not jumbo's"
		return 0
	fi
	if [ "$one_n" -ne 1 ]; then
		fail "$one_check" "expected one \"jumbo: \" error line, got $one_n"
		return 0
	fi
	for one_needle in "$@"; do
		if ! grep -qF -- "$one_needle" "$TMP/errors"; then
			fail "$one_check" "the error does not name \"$one_needle\""
			return 0
		fi
	done
	pass "$one_check"
}

# expect_kept CHECK TEXT: the person's message TEXT is in jumbo export.
expect_kept()
{
	"$JUMBO" export </dev/null >"$TMP/export" 2>/dev/null || true
	if py '"\n".join(m["text"] for m in L if m["role"] == "user")' \
	    <"$TMP/export" | grep -qxF -- "$2"; then
		pass "$1"
	else
		fail "$1" "\"$2\" is not among the messages jumbo export lists"
	fi
}

# printed_is CHECK TEXT: the last run printed exactly TEXT and a newline.
printed_is()
{
	printf '%s\n' "$2" >"$TMP/want"
	if cmp -s "$TMP/want" "$TMP/.out"; then
		pass "$1"
	else
		fail "$1" "expected \"$2\" and a newline on standard output"
	fi
}

# latest_reply EXPR: EXPR over m, the last message of the newest
# conversation, from history show --json.
latest_reply()
{
	jumbo history --json
	jumbo history show --json "$(pyout 'L[0]["id"]')"
	pyout '(lambda m: '"$1"')(j["messages"][-1])'
}

# latest_show: history show of the newest conversation (into OUT).
latest_show()
{
	jumbo history --json
	jumbo history show "$(pyout 'L[0]["id"]')"
}

section "keys refused"
fresh_home keys 'analysis = builtin'
llm_next -H 'X-Mock-Status: 401' -H 'X-Mock-Fixture: error-401.json'
jumbo -m "$OPENAI" "a message before a refused key"
expect_exit "401, OPENAI_API_KEY: exits 1" 1
expect_empty "401, OPENAI_API_KEY: nothing on standard output" "$OUT"
one_error "401, OPENAI_API_KEY: one error naming the variable" "HTTP 401" \
    OPENAI_API_KEY
expect_kept "401: the message is kept" "a message before a refused key"

fresh_home keys-config 'analysis = builtin' \
    'openai.api_key = sk-test-config-5e6f'
llm_next -H 'X-Mock-Status: 403' -H 'X-Mock-Fixture: error-401.json'
run env OPENAI_API_KEY= "$JUMBO" -m "$OPENAI" "a message before a forbidden key"
expect_exit "403, openai.api_key: exits 1" 1
expect_eq "403, openai.api_key: the config's key was sent" \
    "$(llm_request 'r["headers"].get("authorization")')" \
    "Bearer sk-test-config-5e6f"
one_error "403, openai.api_key: one error naming the config key" "HTTP 403" \
    openai.api_key
expect_not_contains "403, openai.api_key: not the variable" "$ERR" \
    OPENAI_API_KEY
expect_kept "403: the message is kept" "a message before a forbidden key"

fresh_home keys-none 'analysis = builtin'
llm_next -H 'X-Mock-Status: 401' -H 'X-Mock-Fixture: error-401.json'
run env OPENAI_API_KEY= "$JUMBO" -m "$OPENAI" "a message without a key"
expect_exit "401, no key: exits 1" 1
expect_eq "401, no key: none was sent" \
    "$(llm_request '"authorization" in r["headers"]')" false
one_error "401, no key: one error saying to set one" "HTTP 401" \
    "set OPENAI_API_KEY"
expect_kept "401, no key: the message is kept" "a message without a key"

ANTHROPIC_401='{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}'
llm_next -H 'X-Mock-Status: 401' --data-binary "$ANTHROPIC_401"
jumbo -m "$ANTHROPIC" "a message for a refused anthropic key"
expect_exit "401, ANTHROPIC_API_KEY: exits 1" 1
one_error "401, ANTHROPIC_API_KEY: one error naming the variable" \
    "invalid x-api-key" ANTHROPIC_API_KEY
expect_kept "401, anthropic: the message is kept" \
    "a message for a refused anthropic key"
fresh_home keys-anthropic-config 'analysis = builtin' \
    'anthropic.api_key = sk-ant-config-3c4d'
llm_next -H 'X-Mock-Status: 403' --data-binary "$ANTHROPIC_401"
run env ANTHROPIC_API_KEY= "$JUMBO" -m "$ANTHROPIC" "hello"
expect_exit "403, anthropic.api_key: exits 1" 1
one_error "403, anthropic.api_key: one error naming the config key" \
    "HTTP 403" anthropic.api_key

fresh_home keys-anthropic-none 'analysis = builtin'
mark=$(llm_requests)
run env ANTHROPIC_API_KEY= "$JUMBO" -m "$ANTHROPIC" "a message with no anthropic key"
expect_exit "anthropic without a key: exits 1" 1
expect_eq "anthropic without a key: nothing is sent" "$(since "$mark")" 0
one_error "anthropic without a key: one error saying where to put one" \
    ANTHROPIC_API_KEY anthropic.api_key
expect_kept "anthropic without a key: the message is kept" \
    "a message with no anthropic key"

section "api_key_cmd"
fresh_home key-cmd 'analysis = builtin' \
    'openai.api_key_cmd = printf sk-from-cmd'
run env OPENAI_API_KEY= "$JUMBO" -m "$OPENAI" "hello"
expect_exit "api_key_cmd: exits 0" 0
expect_eq "api_key_cmd: its output is the key sent" \
    "$(llm_request 'r["headers"].get("authorization")')" "Bearer sk-from-cmd"
fresh_home key-cmd-unused 'analysis = builtin' \
    "openai.api_key_cmd = touch '$TMP/key-cmd-ran'; printf sk-from-cmd"
jumbo -m "$OPENAI" "hello"
expect_exit "api_key_cmd under OPENAI_API_KEY: exits 0" 0
expect_eq "api_key_cmd under OPENAI_API_KEY: the variable's key is sent" \
    "$(llm_request 'r["headers"].get("authorization")')" \
    "Bearer $OPENAI_API_KEY"
if [ -e "$TMP/key-cmd-ran" ]; then
	fail "api_key_cmd under OPENAI_API_KEY: the command is not run" \
	    "it ran"
else
	pass "api_key_cmd under OPENAI_API_KEY: the command is not run"
fi
fresh_home key-cmd-fails 'analysis = builtin' 'openai.api_key_cmd = exit 3'
mark=$(llm_requests)
run env OPENAI_API_KEY= "$JUMBO" -m "$OPENAI" "a message with a failing key command"
expect_exit "api_key_cmd failing: exits 1" 1
expect_eq "api_key_cmd failing: nothing is sent" "$(since "$mark")" 0
one_error "api_key_cmd failing: one error naming the key" \
    openai.api_key_cmd
expect_kept "api_key_cmd failing: the message is kept" \
    "a message with a failing key command"

section "unknown models"
fresh_home models 'analysis = builtin'
# shellcheck disable=SC2016 # OpenAI's own backquotes, not a command
llm_next -H 'X-Mock-Status: 404' --data-binary '{"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}'
jumbo -m openai:gpt-9 "a message for a model that is not there"
expect_exit "unknown openai model: exits 1" 1
one_error "unknown openai model: one error naming it and those there are" \
    '"gpt-9"' gpt-4o-mini gpt-4o text-embedding-3-small
expect_eq "unknown openai model: asked /v1/models for them" \
    "$(llm_request 'r["method"] + " " + r["path"]')" "GET /v1/models"
expect_kept "unknown openai model: the message is kept" \
    "a message for a model that is not there"
llm_next -H 'X-Mock-Status: 404' \
    --data-binary "{\"error\":\"model 'nosuch' not found\"}"
jumbo -m ollama:nosuch "hello"
expect_exit "unknown ollama model: exits 1" 1
one_error "unknown ollama model: one error naming it and the tags" \
    '"nosuch"' llama3.2:3b qwen2.5:1.5b
expect_eq "unknown ollama model: asked /api/tags for them" \
    "$(llm_request 'r["method"] + " " + r["path"]')" "GET /api/tags"
# A base URL without its /v1: the chat route and the model list both 404.
run env OPENAI_BASE_URL="$LLM_URL" "$JUMBO" -m "$OPENAI" \
    "a message to the wrong URL"
expect_exit "a base URL without /v1: exits 1" 1
one_error "a base URL without /v1: one error with the status" "HTTP 404"
expect_kept "a base URL without /v1: the message is kept" \
    "a message to the wrong URL"
run env OPENAI_BASE_URL="$LLM_URL" ANTHROPIC_BASE_URL= ANTHROPIC_API_KEY= \
    "$JUMBO" models
expect_exit "models from a base URL without /v1: exits 1" 1
one_error "models from a base URL without /v1: one error with the status" \
    "HTTP 404"

section "busy servers are asked again"
fresh_home busy 'analysis = builtin'
llm_next -H 'X-Mock-Status: 429' -H 'X-Mock-Retry-After: 1' \
    --data-binary '{"error":{"message":"Rate limit reached","type":"rate_limit_error"}}'
mark=$(llm_requests)
jumbo -m "$OPENAI" "good morning"
expect_exit "429 then 200: exits 0" 0
printed_is "429 then 200: the reply" \
    "$(llm_fixture openai.sse 's["text"]')"
expect_contains "429 then 200: a notice of the retry" "$ERR" "retrying in 1s"
expect_eq "429 then 200: two requests" "$(since "$mark")" 2
expect_eq "429 then 200: nothing but the notice on standard error" \
    "$(grep -cv '; retrying in 1s' "$TMP/.err" || true)" 0

llm_next -H 'X-Mock-Status: 503' --data-binary '{"error":{"message":"busy"}}'
mark=$(llm_requests)
jumbo -m "$OPENAI" "good morning"
expect_exit "503 then 200: exits 0" 0
printed_is "503 then 200: the reply" "$(llm_fixture openai.sse 's["text"]')"
expect_contains "503 without Retry-After: retried after a second" "$ERR" \
    "retrying in 1s"
expect_eq "503 then 200: two requests" "$(since "$mark")" 2

for _ in 1 2 3 4; do
	llm_next -H 'X-Mock-Status: 502' -H 'X-Mock-Retry-After: 0' \
	    --data-binary '{"error":{"message":"upstream connect error"}}'
done
mark=$(llm_requests)
jumbo -m "$OPENAI" "a message to a server that stays down"
expect_exit "four 502s: exits 1" 1
expect_eq "four 502s: four requests" "$(since "$mark")" 4
expect_eq "four 502s: three notices" \
    "$(grep -c '; retrying' "$TMP/.err" || true)" 3
one_error "four 502s: gives up, with the status" "HTTP 502" \
    "upstream connect error" "4 tries"
expect_kept "four 502s: the message is kept" \
    "a message to a server that stays down"

llm_next -H 'X-Mock-Status: 429' -H 'X-Mock-Retry-After: 3600' \
    --data-binary '{"error":{"message":"Rate limit reached for requests per day","type":"rate_limit_error"}}'
mark=$(llm_requests)
jumbo -m "$OPENAI" "a message to a server that wants an hour"
expect_exit "429 for an hour: exits 1" 1
expect_eq "429 for an hour: not waited for" "$(since "$mark")" 1
expect_not_contains "429 for an hour: no notice of a retry" "$ERR" retrying
one_error "429 for an hour: one error with the status" "HTTP 429" \
    "requests per day"
expect_contains "429 for an hour: says why it was not waited for" "$ERR" \
    "a wait of 3600 s"

llm_next -H 'X-Mock-Content-Type: text/event-stream' \
    --data-binary 'data: {"choices":[{"delta":{"role":"assistant"}}]}

data: [DONE]

'
jumbo -m "$OPENAI" "a message to a model with nothing to say"
expect_exit "an empty reply: exits 1" 1
one_error "an empty reply: one error saying so" "empty reply"
expect_kept "an empty reply: the message is kept" \
    "a message to a model with nothing to say"

section "HTML where JSON belongs"
fresh_home html 'analysis = builtin'
for _ in 1 2 3 4; do
	llm_next -H 'X-Mock-Status: 502' -H 'X-Mock-Retry-After: 0' \
	    -H 'X-Mock-Fixture: html-502.html'
done
jumbo -m "$OPENAI" "a message to a broken gateway"
expect_exit "502 HTML page: exits 1" 1
one_error "502 HTML page: the status and what came" "HTTP 502" "HTML page"
expect_kept "502 HTML page: the message is kept" \
    "a message to a broken gateway"
llm_next -H 'X-Mock-Content-Type: text/html' \
    --data-binary '<html><body><h1>Sign in to the Wi-Fi</h1></body></html>'
jumbo -m "$OPENAI" "a message to a captive portal"
expect_exit "200 HTML page: exits 1" 1
expect_empty "200 HTML page: nothing printed" "$OUT"
one_error "200 HTML page: one error saying so" "HTTP 200" "HTML page"
llm_next -H 'X-Mock-Content-Type: text/event-stream' \
    --data-binary 'data: <<< this is no JSON }}}

'
jumbo -m "$OPENAI" "a message to a garbled stream"
expect_exit "200, garbage in the stream: exits 1" 1
expect_empty "200, garbage in the stream: nothing printed" "$OUT"
one_error "200, garbage in the stream: one error saying it is not JSON" \
    "not JSON"

section "a stream that breaks off"
fresh_home drop 'analysis = builtin'
# Cut openai.sse right after the event holding " is on and the".
cut=$("$PYTHON" -I -S -c '
import sys
d = open(sys.argv[1], "rb").read()
print(d.index(b"\n\n", d.index(b" is on and the")) + 2)
' "$JUMBO_SRC/tests/mock/fixtures/openai.sse")
PARTIAL="Good morning! The kettle is on and the"
llm_next -H "X-Mock-Mode: drop:$cut"
jumbo -m "$OPENAI" "a message whose reply breaks off"
expect_exit "drop: exits 1" 1
printed_is "drop: the part that came is printed" "$PARTIAL"
one_error "drop: one error, the part kept" "closed" "kept"
expect_kept "drop: the message is kept" "a message whose reply breaks off"
expect_eq "drop: the part is stored, marked incomplete" \
    "$(latest_reply '[m["role"], m["text"], m.get("status")]')" \
    "[\"assistant\", \"$PARTIAL\", \"incomplete\"]"
latest_show
expect_contains "drop: history show marks it" "$OUT" "$PARTIAL
[incomplete]"
# Ollama: two lines of ollama.ndjson, then the connection closes.
cut=$("$PYTHON" -I -S -c '
import sys
d = open(sys.argv[1], "rb").read()
print(d.index(b"\n", d.index(b"\n") + 1) + 1)
' "$JUMBO_SRC/tests/mock/fixtures/ollama.ndjson")
llm_next -H "X-Mock-Mode: drop:$cut"
jumbo -m ollama:llama3.2:3b "a message whose soup breaks off"
expect_exit "ollama drop: exits 1" 1
printed_is "ollama drop: the part that came is printed" "Soup tonight"
one_error "ollama drop: one error, the part kept" "kept"
expect_eq "ollama drop: the part is stored, marked incomplete" \
    "$(latest_reply '[m["text"], m.get("status")]')" \
    '["Soup tonight", "incomplete"]'

section "an error in the middle of the stream"
fresh_home midstream 'analysis = builtin'
llm_next -H 'X-Mock-Fixture: openai-error.sse'
jumbo -m "$OPENAI" "a message whose reply hits an error"
expect_exit "openai error event: exits 1" 1
printed_is "openai error event: the part that came is printed" \
    "$(llm_fixture openai-error.sse 's["text"]')"
one_error "openai error event: the server's message, the part kept" \
    "The server had an error while processing your request" "kept"
expect_eq "openai error event: the part is stored, marked incomplete" \
    "$(latest_reply '[m["text"], m.get("status")]')" \
    "[\"$(llm_fixture openai-error.sse 's["text"]')\", \"incomplete\"]"
llm_next -H 'X-Mock-Fixture: anthropic-error.sse'
jumbo -m "$ANTHROPIC" "a message whose reply is overloaded"
expect_exit "anthropic error event: exits 1" 1
printed_is "anthropic error event: the part that came is printed" \
    "$(llm_fixture anthropic-error.sse 's["text"]')"
one_error "anthropic error event: the server's message, the part kept" \
    "Overloaded" "kept"
expect_eq "anthropic error event: the part is stored, marked incomplete" \
    "$(latest_reply '[m["text"], m.get("status")]')" \
    "[\"$(llm_fixture anthropic-error.sse 's["text"]')\", \"incomplete\"]"

section "servers that do not answer"
fresh_home silent 'analysis = builtin' 'timeout.read = 1'
llm_next -H 'X-Mock-Mode: stall'
jumbo -m "$OPENAI" "a message to a server that says nothing"
expect_exit "stall: exits 1" 1
one_error "stall: one error naming timeout.read" "for 1 s" "timeout.read"
expect_kept "stall: the message is kept" \
    "a message to a server that says nothing"
run env OPENAI_BASE_URL="http://127.0.0.1:$CLOSED/v1" "$JUMBO" \
    -m "$OPENAI" "a message to a closed port"
expect_exit "closed port: exits 1" 1
one_error "closed port: one error saying so" \
    "cannot connect to 127.0.0.1:$CLOSED (Connection refused)"
expect_kept "closed port: the message is kept" "a message to a closed port"
run env http_proxy="http://127.0.0.1:$CLOSED" \
    OPENAI_BASE_URL=http://model.example.invalid/v1 "$JUMBO" -m "$OPENAI" \
    "a message through a proxy that is down"
expect_exit "a proxy that is down: exits 1" 1
one_error "a proxy that is down: one error naming the proxy" \
    "127.0.0.1:$CLOSED"
expect_kept "a proxy that is down: the message is kept" \
    "a message through a proxy that is down"

section "Ctrl-C in the middle of a reply"
fresh_home cancel 'analysis = builtin'
# 400 words at 50 a second: some eight seconds, if nothing stops it.
llm_next -H 'X-Mock-Fixture: gen:400' -H 'X-Mock-Mode: pace:50'
RUN_CMD="jumbo -m $OPENAI \"tell me a long story\" (SIGINT)"
"$JUMBO_BINARY" -m "$OPENAI" "tell me a long story" </dev/null >"$TMP/.out" \
    2>"$TMP/.err" &
jumbo_pid=$!
at_exit "kill $jumbo_pid 2>/dev/null"
# Should it never end, it is killed (and the checks below fail).
(sleep 30; kill -KILL "$jumbo_pid") >/dev/null 2>&1 &
watchdog=$!
if wait_for "ctrl-c: the reply starts" 100 test -s "$TMP/.out"; then
	kill -INT "$jumbo_pid"
fi
RC=0
wait "$jumbo_pid" || RC=$?
kill "$watchdog" 2>/dev/null || true
OUT=$(cat "$TMP/.out")
ERR=$(cat "$TMP/.err")
expect_exit "ctrl-c: exits 130" 130
expect_contains "ctrl-c: says it stopped" "$ERR" "stopped"
words=$(wc -w <"$TMP/.out" | tr -d ' ')
if [ "$words" -gt 0 ] && [ "$words" -lt 200 ]; then
	pass "ctrl-c: stopped long before the end ($words of 400 words)"
else
	fail "ctrl-c: stopped long before the end" "$words of 400 words came"
fi
printed=$OUT
expect_eq "ctrl-c: what came is stored, marked cancelled" \
    "$(latest_reply '[m["text"], m.get("status")]')" \
    "$(printf '%s\n' "$printed" | "$PYTHON" -I -S -c '
import json, sys
print(json.dumps([sys.stdin.read()[:-1], "cancelled"]))')"
latest_show
expect_contains "ctrl-c: history show marks it" "$OUT" "$printed
[cancelled]"

section "API keys never show"
KEY=sk-test-NeverShow-31f9c7a2e8d4
AKEY=sk-ant-test-NeverShow-60b5d1f3
DEBUG_LOG="$TMP/debug.log"
: >"$TMP/seen"
# secret_run ARGS...: jumbo with the distinctive keys and the debug log,
# keeping what it printed.
secret_run()
{
	run env OPENAI_API_KEY="$KEY" ANTHROPIC_API_KEY="$AKEY" \
	    JUMBO_DEBUG="$DEBUG_LOG" "$JUMBO" "$@"
	cat "$TMP/.out" "$TMP/.err" >>"$TMP/seen"
}
echoed="{\"error\":{\"message\":\"Incorrect API key provided: $KEY\"}}"
fresh_home secrets 'analysis = builtin'
secret_run -m "$OPENAI" "hello"
expect_exit "keys: a reply" 0
llm_next -H 'X-Mock-Status: 401' --data-binary "$echoed"
secret_run -m "$OPENAI" "hello"
expect_exit "keys: a refused key the server echoes" 1
llm_next -H 'X-Mock-Status: 429' -H 'X-Mock-Retry-After: 0'
secret_run -m "$OPENAI" "hello"
expect_exit "keys: a retry" 0
llm_next -H 'X-Mock-Mode: drop:600'
secret_run -m "$OPENAI" "hello"
expect_exit "keys: a stream that breaks off" 1
llm_next -H 'X-Mock-Status: 404' --data-binary '{"error":{"message":"no such model"}}'
secret_run -m openai:gpt-9 "hello"
expect_exit "keys: an unknown model" 1
secret_run models
expect_exit "keys: jumbo models" 0
llm_next -H 'X-Mock-Status: 401' \
    --data-binary "{\"type\":\"error\",\"error\":{\"message\":\"bad key $AKEY\"}}"
secret_run -m "$ANTHROPIC" "hello"
expect_exit "keys: a refused anthropic key the server echoes" 1
secret_run -m "$ANTHROPIC" "hello"
expect_exit "keys: an anthropic reply" 0
fresh_home secrets-analysis
llm_next -H 'X-Mock-Status: 401' --data-binary "$echoed"
secret_run -m "$OPENAI" "hello"
expect_exit "keys: a refused analysis, then a reply" 0
printf '%s\n' "$KEY" >"$TMP/key"
fresh_home secrets-cmd 'analysis = builtin' \
    "openai.api_key_cmd = cat '$TMP/key'"
run env JUMBO_DEBUG="$DEBUG_LOG" OPENAI_API_KEY= "$JUMBO" -m "$OPENAI" hello
cat "$TMP/.out" "$TMP/.err" >>"$TMP/seen"
expect_exit "keys: a key from api_key_cmd" 0
llm_next -H 'X-Mock-Status: 401' --data-binary "$echoed"
run env JUMBO_DEBUG="$DEBUG_LOG" OPENAI_API_KEY= "$JUMBO" -m "$OPENAI" hello
cat "$TMP/.out" "$TMP/.err" >>"$TMP/seen"
expect_exit "keys: a key from api_key_cmd, refused and echoed" 1
fresh_home secrets-config 'analysis = builtin' "openai.api_key = $KEY"
for what in "config get" "config get openai.api_key"; do
	# shellcheck disable=SC2086 # the words are the arguments
	run env JUMBO_DEBUG="$DEBUG_LOG" "$JUMBO" $what
	cat "$TMP/.out" "$TMP/.err" >>"$TMP/seen"
	expect_exit "keys: $what" 0
done

expect_eq "keys: the openai key was sent" \
    "$(grep -cF "\"authorization\":\"Bearer $KEY\"" "$LLM_LOG" |
    awk '{ print ($1 > 0) }')" 1
expect_eq "keys: the anthropic key was sent" \
    "$(grep -cF "\"x-api-key\":\"$AKEY\"" "$LLM_LOG" |
    awk '{ print ($1 > 0) }')" 1
expect_nonempty "keys: the debug log was written" "$(cat "$DEBUG_LOG")"
expect_not_contains "keys: never on standard output or error" \
    "$(cat "$TMP/seen")" "$KEY"
expect_not_contains "keys: the anthropic key neither" "$(cat "$TMP/seen")" \
    "$AKEY"
expect_not_contains "keys: never in the debug log" "$(cat "$DEBUG_LOG")" \
    "$KEY"
expect_not_contains "keys: the anthropic key neither" "$(cat "$DEBUG_LOG")" \
    "$AKEY"

fresh_home readable 'analysis = builtin' "openai.api_key = $KEY"
chmod 644 "$JUMBO_HOME/config"
run env OPENAI_API_KEY= "$JUMBO" -m "$OPENAI" "hello"
expect_exit "a key in a readable config: still works" 0
expect_eq "a key in a readable config: one warning" \
    "$(grep -c '^jumbo: warning: .*others may read it (chmod 600 ' \
    "$TMP/.err" || true)" 1
expect_not_contains "a key in a readable config: the key is not shown" \
    "$ERR" "$KEY"
chmod 600 "$JUMBO_HOME/config"
run env OPENAI_API_KEY= "$JUMBO" -m "$OPENAI" "hello"
expect_exit "a key in a 0600 config: works" 0
expect_empty "a key in a 0600 config: no warning" "$ERR"

section "hostile streams"
fresh_home hostile 'analysis = builtin'
# hostile CHECK TYPE FILE ENGINE: the next answer is FILE, of TYPE.
hostile()
{
	llm_next -H "X-Mock-Content-Type: $2" --data-binary "@$3"
	jumbo -m "$4" "$1"
}
"$PYTHON" -I -S -c '
import sys
w = lambda name, data: open(sys.argv[1] + "/" + name, "wb").write(data)
delta = lambda t: b"data: {\"choices\":[{\"delta\":{\"content\":\"" + t + \
    b"\"}}]}\n\n"
w("long.sse", delta(b"a" * (2 << 20)))
w("long.ndjson", b"{\"message\":{\"content\":\"" + b"a" * (2 << 20) +
    b"\"},\"done\":false}\n")
w("comment.sse", b":" * (3 << 20))
w("nested.sse", b"data: " + b"[" * 200000 + b"\n\n")
w("binary.sse", bytes(range(256)) * 64)
w("surrogate.sse", delta(b"a\\ud800b") + b"data: [DONE]\n\n")
w("many.sse", delta(b"x") * 20000 + b"data: [DONE]\n\n")
w("huge.sse", delta(b"y" * 1000000) * 5 + b"data: [DONE]\n\n")
' "$TMP"
hostile "a 2 MB line" text/event-stream "$TMP/long.sse" "$OPENAI"
expect_exit "a 2 MB SSE line: exits 1" 1
expect_empty "a 2 MB SSE line: nothing printed" "$OUT"
one_error "a 2 MB SSE line: one error" "line"
hostile "a 2 MB line" application/x-ndjson "$TMP/long.ndjson" \
    ollama:llama3.2:3b
expect_exit "a 2 MB NDJSON line: exits 1" 1
one_error "a 2 MB NDJSON line: one error" "line"
hostile "3 MB of comment" text/event-stream "$TMP/comment.sse" "$OPENAI"
expect_exit "a 3 MB comment line: exits 1" 1
one_error "a 3 MB comment line: one error" "line"
hostile "deep nesting" text/event-stream "$TMP/nested.sse" "$OPENAI"
expect_exit "200000 brackets deep: exits 1" 1
one_error "200000 brackets deep: one error" "not JSON"
hostile "binary" text/event-stream "$TMP/binary.sse" "$OPENAI"
expect_exit "binary bytes: exits 1" 1
one_error "binary bytes: one error" "127.0.0.1:$LLM_PORT"
hostile "a lone surrogate" text/event-stream "$TMP/surrogate.sse" "$OPENAI"
expect_exit "a lone surrogate: exits 1" 1
one_error "a lone surrogate: one error" "not JSON"
hostile "20000 events" text/event-stream "$TMP/many.sse" "$OPENAI"
expect_exit "20000 one-byte events: exits 0" 0
expect_eq "20000 one-byte events: every byte" \
    "$(tr -d '\n' <"$TMP/.out" | wc -c | tr -d ' ')" 20000
hostile "5 MB of reply" text/event-stream "$TMP/huge.sse" "$OPENAI"
expect_exit "a 5 MB reply: exits 1" 1
one_error "a 5 MB reply: one error, the part kept" "4 MiB" "kept"
expect_eq "a 5 MB reply: the first 4 MB printed" \
    "$(tr -d '\n' <"$TMP/.out" | wc -c | tr -d ' ')" 4000000
expect_eq "a 5 MB reply: stored, marked incomplete" \
    "$(latest_reply '[len(m["text"]), m.get("status")]')" \
    '[4000000, "incomplete"]'

finish
