# The mock model server (tests/mock/mock-llm) the protocol tests use:
# each route answers its fixture, X-Mock-* headers pick the fixture, the
# status and the way the body goes out, requests land in the log, and
# SIGTERM stops it. Talks to 127.0.0.1 only.
. "$(dirname "$0")/lib.sh"

MOCK="$JUMBO_BUILD/tests/mock-llm"
FIXTURES="$JUMBO_SRC/tests/mock/fixtures"
[ -x "$MOCK" ] || fatal "mock: binary" "no $MOCK (build the mock-llm target)"
command -v curl >/dev/null 2>&1 || skip "no curl(1) here"

say "the server starts on a port of its own"
"$MOCK" -d "$FIXTURES" -l "$TMP/requests.log" -t 5 >"$TMP/mock.out" \
    2>"$TMP/mock.err" &
MOCK_PID=$!
at_exit "kill $MOCK_PID 2>/dev/null"
wait_for "mock: prints its port" 50 grep -q '^listening on 127.0.0.1:' \
    "$TMP/mock.out" || fatal "mock: start" "$(cat "$TMP/mock.err")"
PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' \
    "$TMP/mock.out")
expect_nonempty "mock: a port number" "$PORT"
URL="http://127.0.0.1:$PORT"

# get PATH [CURL ARGS...]: GET (or whatever the args say) with curl; the
# body lands in $TMP/.out, the status and content type in $OUT.
get()
{
	mock_path=$1
	shift
	run curl -sS --noproxy '*' --max-time 20 -o "$TMP/body" \
	    -w '%{http_code} %{content_type}' "$@" "$URL$mock_path"
	cp "$TMP/body" "$TMP/.out" 2>/dev/null || : >"$TMP/.out"
}
# post PATH [CURL ARGS...]: the same, sending $POST_BODY as JSON.
POST_BODY='{"model":"m","stream":true}'
post()
{
	mock_path=$1
	shift
	get "$mock_path" -H 'Content-Type: application/json' \
	    --data-binary "$POST_BODY" "$@"
}
# same_as FIXTURE: the last body is exactly that fixture.
same_as()
{
	cmp -s "$TMP/body" "$FIXTURES/$1"
}
check_body()
{
	if same_as "$2"; then
		pass "$1"
	else
		fail "$1" "the body differs from $2"
	fi
}

say "each route answers its fixture"
post /v1/chat/completions
expect_eq "openai: status and type" "$OUT" "200 text/event-stream"
check_body "openai: body" openai.sse
post /api/chat
expect_eq "ollama: status and type" "$OUT" "200 application/x-ndjson"
check_body "ollama: body" ollama.ndjson
post /v1/messages
expect_eq "anthropic: status and type" "$OUT" "200 text/event-stream"
check_body "anthropic: body" anthropic.sse
get /v1/models
expect_eq "models: status and type" "$OUT" "200 application/json"
check_body "models: body" models.json
get /api/tags
expect_eq "tags: status and type" "$OUT" "200 application/json"
check_body "tags: body" tags.json
get /no/such/route
expect_eq "unknown route: 404" "${OUT%% *}" "404"

say "headers steer the answer"
post /v1/chat/completions -H 'X-Mock-Fixture: openai-azure.sse'
check_body "X-Mock-Fixture: picks the file" openai-azure.sse
post /v1/chat/completions -H 'X-Mock-Fixture: ../CMakeLists.txt'
expect_eq "X-Mock-Fixture: no way out of the directory" "${OUT%% *}" "404"
post /v1/chat/completions -H 'X-Mock-Status: 429' \
    -H 'X-Mock-Fixture: error-401.json' -H 'X-Mock-Retry-After: 2' \
    -D "$TMP/headers"
expect_eq "X-Mock-Status: 429 with the fixture's type" "$OUT" \
    "429 application/json"
check_body "X-Mock-Status: the fixture's body" error-401.json
if grep -qi '^Retry-After: 2' "$TMP/headers"; then
	pass "X-Mock-Retry-After: sends Retry-After"
else
	fail "X-Mock-Retry-After: sends Retry-After" "$(cat "$TMP/headers")"
fi
get / -H 'X-Mock-Fixture: html-502.html' -H 'X-Mock-Status: 502'
expect_eq "X-Mock-Status: 502 with an HTML page" "$OUT" \
    "502 text/html; charset=utf-8"

say "modes"
post /v1/messages -H 'X-Mock-Mode: bytes'
expect_eq "bytes: status" "${OUT%% *}" "200"
check_body "bytes: the same body as whole" anthropic.sse
post /api/chat -H 'X-Mock-Mode: drip:5'
check_body "drip: the same body as whole" ollama.ndjson
post /v1/chat/completions -H 'X-Mock-Mode: drop:100'
expect_ne "drop: curl reports the short read" "$RC" 0
expect_eq "drop: exactly the first 100 bytes came" \
    "$(wc -c <"$TMP/body" | tr -d ' ')" 100
if head -c 100 "$FIXTURES/openai.sse" | cmp -s - "$TMP/body"; then
	pass "drop: the bytes are the fixture's start"
else
	fail "drop: the bytes are the fixture's start" "they differ"
fi

say "a stuck client does not stop the server"
if command -v python3 >/dev/null 2>&1; then
	"$PYTHON" -c '
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /api/chat HTTP/1.1\r\nContent-Length: 10\r\n\r\nab")
time.sleep(30)
' "$PORT" &
	STUCK_PID=$!
	at_exit "kill $STUCK_PID 2>/dev/null"
	sleep 0.3
	get /v1/models
	expect_eq "stuck client: the next request is answered" "${OUT%% *}" 200
	kill "$STUCK_PID" 2>/dev/null || true
fi

say "the log holds what was sent"
POST_BODY='{"model":"claude","messages":[{"role":"user","content":"hi \"there\""}]}'
post /v1/messages -H 'X-Api-Key: sk-mock-key'
last=$(tail -n 1 "$TMP/requests.log")
expect_eq "log: method and path" \
    "$(printf '%s\n' "$last" | py 'j["method"] + " " + j["path"]')" \
    "POST /v1/messages"
expect_eq "log: headers" \
    "$(printf '%s\n' "$last" | py 'j["headers"]["x-api-key"]')" "sk-mock-key"
expect_eq "log: body" \
    "$(printf '%s\n' "$last" | py 'json.loads(j["body"])["messages"][0]["content"]')" \
    'hi "there"'
if py 'len(L)' <"$TMP/requests.log" >/dev/null 2>&1; then
	pass "log: every line is JSON"
else
	fail "log: every line is JSON" "$(head -c 600 "$TMP/requests.log")"
fi

say "SIGTERM stops it"
kill -TERM "$MOCK_PID"
RC=0
wait "$MOCK_PID" || RC=$?
expect_exit "SIGTERM: exits 0" 0
if kill -0 "$MOCK_PID" 2>/dev/null; then
	fail "SIGTERM: the process is gone" "pid $MOCK_PID still runs"
else
	pass "SIGTERM: the process is gone"
fi

finish
