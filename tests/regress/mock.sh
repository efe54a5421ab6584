# The mock model server (tests/mock/mock-llm) the protocol tests use:
# each route answers its fixture, X-Mock-* headers pick the fixture, the
# status and the way the body goes out, POST /mock/next queues the same
# steering ahead of time, gen:N streams N tokens in each route's protocol,
# -f and -j change the chat routes' answers, paced and stalled answers
# end when the client leaves, requests land in the log, a request sent to
# it as a proxy is routed by its path, and SIGTERM stops it at any time.
# Talks to 127.0.0.1 only.
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
# control PATH [CURL ARGS...]: a control request (POST); $OUT is its
# status and the X-Mock-Queue count it gave.
control()
{
	mock_path=$1
	shift
	run curl -sS --noproxy '*' --max-time 20 -o "$TMP/body" \
	    -D "$TMP/control-headers" -w '%{http_code}' -X POST "$@" \
	    "$URL$mock_path"
	OUT="$OUT $(tr -d '\r' <"$TMP/control-headers" |
	    sed -n 's/^X-Mock-Queue: //p')"
}
# timed PATH [CURL ARGS...]: post, and $OUT is the status and how long
# the body took to come after its first byte (seconds).
timed()
{
	mock_path=$1
	shift
	run curl -sS --noproxy '*' --max-time 20 -o "$TMP/body" \
	    -w '%{http_code} %{time_starttransfer} %{time_total}' \
	    -H 'Content-Type: application/json' --data-binary "$POST_BODY" \
	    "$@" "$URL$mock_path"
	OUT=$(printf '%s\n' "$OUT" | awk '{ print $1, $3 - $2 }')
}
# longer_than SECONDS DURATION: whether DURATION is more than SECONDS.
longer_than()
{
	awk -v a="$2" -v b="$1" 'BEGIN { exit !(a > b) }'
}
# stream PROTOCOL EXPR [WANT]: read the last body as a stream in PROTOCOL
# (openai, ollama or anthropic) and print EXPR over want (WANT) and s,
# what the stream said:
# s["chunks"] (the pieces of text), s["text"] (them joined), s["stop"]
# (the finish reason) and s["prompt"], s["completion"], s["total"] (the
# token counts). Prints "<bad stream: why>" when the body breaks the
# protocol's shape.
stream()
{
	"$PYTHON" -I -S -c '
import json, sys
proto, expr, want = sys.argv[1], sys.argv[2], sys.argv[4]
s = {"chunks": 0, "text": "", "stop": None, "prompt": None,
    "completion": None, "total": None}
def bad(why):
    print("<bad stream: %s>" % why)
    sys.exit(0)
def text(t):
    s["chunks"] += 1
    s["text"] += t
try:
    data = open(sys.argv[3], "rb").read().decode("utf-8")
    if proto == "ollama":
        if not data.endswith("\n"):
            bad("no newline at the end")
        lines = [json.loads(l) for l in data[:-1].split("\n")]
        for l in lines[:-1]:
            if l["done"] is not False or l["message"]["role"] != "assistant":
                bad("a bad line before the last")
            text(l["message"]["content"])
        last = lines[-1]
        if last["done"] is not True:
            bad("no done line at the end")
        s["stop"] = last["done_reason"]
        s["prompt"] = last["prompt_eval_count"]
        s["completion"] = last["eval_count"]
    else:
        if not data.endswith("\n\n"):
            bad("no blank line at the end")
        events = data[:-2].split("\n\n")
    if proto == "openai":
        if events[-1] != "data: [DONE]":
            bad("no [DONE] at the end")
        for e in events[:-1]:
            if not e.startswith("data: "):
                bad("an event that is not data: " + e[:40])
            j = json.loads(e[6:])
            if j["object"] != "chat.completion.chunk":
                bad("an object that is not a chunk")
            for c in j["choices"]:
                if c["delta"].get("content"):
                    text(c["delta"]["content"])
                if c["finish_reason"] is not None:
                    s["stop"] = c["finish_reason"]
            if j.get("usage"):
                s["prompt"] = j["usage"]["prompt_tokens"]
                s["completion"] = j["usage"]["completion_tokens"]
                s["total"] = j["usage"]["total_tokens"]
    elif proto == "anthropic":
        names = []
        for e in events:
            name, _, data = e.partition("\n")
            if not name.startswith("event: ") or \
                not data.startswith("data: "):
                bad("an event without its name and data")
            j = json.loads(data[6:])
            if j["type"] != name[7:]:
                bad("an event named %s holding %s" % (name, j["type"]))
            names.append(j["type"])
            if j["type"] == "message_start":
                s["prompt"] = j["message"]["usage"]["input_tokens"]
            elif j["type"] == "content_block_delta":
                text(j["delta"]["text"])
            elif j["type"] == "message_delta":
                s["stop"] = j["delta"]["stop_reason"]
                s["completion"] = j["usage"]["output_tokens"]
        if names[0] != "message_start" or names[-1] != "message_stop":
            bad("not from message_start to message_stop")
    if s["total"] is None and s["prompt"] is not None:
        s["total"] = s["prompt"] + s["completion"]
except (ValueError, KeyError, IndexError, TypeError) as e:
    bad("%s: %s" % (type(e).__name__, e))
r = eval(expr)
print(r if isinstance(r, str) else json.dumps(r))
' "$1" "$2" "$TMP/body" "${3:-}"
}
# start_mock LOG ARGS...: start one more server with ARGS, logging to LOG
# (stopped on exit); sets NEW_PID and NEW_URL.
start_mock()
{
	start_log=$1
	shift
	"$MOCK" -d "$FIXTURES" -l "$start_log" "$@" >"$start_log.out" \
	    2>"$start_log.err" &
	NEW_PID=$!
	at_exit "kill $NEW_PID 2>/dev/null"
	wait_for "mock $*: prints its port" 50 grep -q \
	    '^listening on 127.0.0.1:' "$start_log.out" ||
	    fatal "mock $*: start" "$(cat "$start_log.err")"
	NEW_URL="http://127.0.0.1:$(sed -n \
	    's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' \
	    "$start_log.out")"
}
# stop_mock PID: SIGTERM a server and wait for it (SIGKILL after 10 s, so
# a server that ignores SIGTERM fails rather than hangs); RC is its exit
# status.
stop_mock()
{
	kill -TERM "$1"
	(sleep 10; kill -KILL "$1") >/dev/null 2>&1 &
	stop_watchdog=$!
	RC=0
	wait "$1" || RC=$?
	kill "$stop_watchdog" 2>/dev/null || true
}
# The text the analysis fixtures stream.
ANALYSIS='{"intent":"chat","summary":"Alex is tired after a long week but proud of finishing the project.","name":"Alex","mood":{"label":"tired but proud","valence":0.3,"arousal":-0.4,"emotions":["tired","proud"]},"facts":[{"subject":"user","relation":"friend","object":"Charvik"}],"retracted":[]}'

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

say "pace and stall"
post /v1/chat/completions -H 'X-Mock-Fixture: gen:16'
cp "$TMP/body" "$TMP/gen16.sse"
expect_eq "pace: gen:16 is 20 events" "$(grep -c '^data: ' "$TMP/gen16.sse")" 20
timed /v1/chat/completions -H 'X-Mock-Fixture: gen:16' \
    -H 'X-Mock-Mode: pace:10'
expect_eq "pace: status" "${OUT%% *}" 200
if cmp -s "$TMP/body" "$TMP/gen16.sse"; then
	pass "pace: the same body as whole"
else
	fail "pace: the same body as whole" "they differ"
fi
if longer_than 1 "${OUT#* }"; then
	pass "pace: 20 events at 10 a second take more than a second"
else
	fail "pace: 20 events at 10 a second take more than a second" \
	    "the body came in ${OUT#* } s"
fi
post /api/chat -H 'X-Mock-Mode: pace:200'
check_body "pace: NDJSON goes a line at a time, intact" ollama.ndjson
post /v1/messages -H 'X-Mock-Mode: pace:200'
check_body "pace: SSE goes an event at a time, intact" anthropic.sse
timed /v1/messages -H 'X-Mock-Mode: stall:1200'
expect_eq "stall:MS: status" "${OUT%% *}" 200
check_body "stall:MS: then the whole body" anthropic.sse
if longer_than 1 "${OUT#* }"; then
	pass "stall:MS: the body waits"
else
	fail "stall:MS: the body waits" "it came after ${OUT#* } s"
fi
rm -f "$TMP/body"
run curl -sS --noproxy '*' --max-time 1 -o "$TMP/body" -D "$TMP/headers" \
    -H 'X-Mock-Mode: stall' --data-binary "$POST_BODY" \
    "$URL/v1/chat/completions"
expect_exit "stall: curl times out" 28
if grep -q '^HTTP/1.1 200' "$TMP/headers"; then
	pass "stall: the status line and headers came"
else
	fail "stall: the status line and headers came" "$(cat "$TMP/headers")"
fi
if [ -s "$TMP/body" ]; then
	fail "stall: no body came" "$(head -c 200 "$TMP/body")"
else
	pass "stall: no body came"
fi
get /v1/models
expect_eq "stall: the next request is answered" "${OUT%% *}" 200

say "the queue steers the next requests"
lines_before=$(wc -l <"$TMP/requests.log")
control /mock/next -H 'X-Mock-Status: 429' -H 'X-Mock-Retry-After: 1' \
    --data-binary '{"error":{"type":"rate_limit_error","message":"slow down"}}'
expect_eq "queue: 429 with a body queued" "$OUT" "204 1"
control /mock/next -H 'X-Mock-Fixture: openai.sse'
expect_eq "queue: openai.sse queued after it" "$OUT" "204 2"
post /v1/chat/completions -D "$TMP/headers" \
    -H 'Authorization: Bearer sk-no-headers'
expect_eq "queue: the first request gets the first entry" "$OUT" \
    "429 application/json"
expect_eq "queue: with the queued body" "$(cat "$TMP/body")" \
    '{"error":{"type":"rate_limit_error","message":"slow down"}}'
if grep -qi '^Retry-After: 1' "$TMP/headers"; then
	pass "queue: and its Retry-After"
else
	fail "queue: and its Retry-After" "$(cat "$TMP/headers")"
fi
post /v1/messages
expect_eq "queue: the second request gets the second" "$OUT" \
    "200 text/event-stream"
check_body "queue: openai.sse even on the Anthropic route" openai.sse
post /v1/messages
check_body "queue: once empty, the route's own fixture again" anthropic.sse
expect_eq "queue: control requests are not logged" \
    "$(grep -c '"/mock/' "$TMP/requests.log" || true)" 0
expect_eq "queue: the model requests are" \
    "$(($(wc -l <"$TMP/requests.log") - lines_before))" 3

control /mock/next -H 'X-Mock-Status: 500' --data-binary 'one'
control /mock/next -H 'X-Mock-Status: 502' --data-binary 'two'
control /mock/next -H 'X-Mock-Status: 503' --data-binary 'three' \
    -H 'X-Mock-Content-Type: text/plain'
expect_eq "queue: three queued" "$OUT" "204 3"
order=
for _ in 1 2 3 4; do
	post /api/chat
	order="$order ${OUT%% *}:$(head -c 5 "$TMP/body")"
done
expect_eq "queue: first in, first out" "$order" \
    " 500:one 502:two 503:three 200:{\"mod"
control /mock/next -H 'X-Mock-Content-Type: text/plain' --data-binary 'hi'
post /api/chat
expect_eq "queue: X-Mock-Content-Type names the body's type" "$OUT" \
    "200 text/plain"

control /mock/next -H 'X-Mock-Status: 503'
get /v1/models
expect_eq "queue: any route takes an entry" "$OUT" "503 application/json"
check_body "queue: the route's fixture when the entry names none" \
    models.json
control /mock/next -H 'X-Mock-Status: 503' --data-binary 'queued'
post /v1/chat/completions -H 'X-Mock-Status: 200' \
    -H 'X-Mock-Fixture: openai-azure.sse'
expect_eq "queue: the request's own headers win" "${OUT%% *}" 200
check_body "queue: its own fixture too" openai-azure.sse
post /v1/chat/completions
check_body "queue: the overruled entry was still taken" openai.sse
control /mock/next -H 'X-Mock-Fixture: gen:5' -H 'X-Mock-Mode: bytes'
post /api/chat
expect_eq "queue: gen:N and a mode queued" \
    "$(stream ollama '[s["chunks"], s["completion"]]')" "[5, 5]"
control /mock/next -H 'X-Mock-Mode: drop:10'
post /v1/chat/completions
expect_eq "queue: drop:N queued cuts the body" \
    "$RC $(wc -c <"$TMP/body" | tr -d ' ')" "18 10"

control /mock/next -H 'X-Mock-Status: 500'
control /mock/next -H 'X-Mock-Status: 500'
control /mock/reset
expect_eq "reset: empties the queue" "$OUT" "204 0"
post /v1/messages
expect_eq "reset: the next request is not steered" "${OUT%% *}" 200
check_body "reset: the route's own fixture" anthropic.sse

control /mock/next -H 'X-Mock-Fixture: no-such.sse'
expect_eq "queue: a missing fixture is refused" "${OUT%% *}" 400
expect_contains "queue: the refusal names it" "$(cat "$TMP/body")" \
    "no such fixture: no-such.sse"
control /mock/next -H 'X-Mock-Fixture: ../CMakeLists.txt'
expect_eq "queue: no way out of the directory" "${OUT%% *}" 400
control /mock/next -H 'X-Mock-Status: soon'
expect_eq "queue: a bad status is refused" "${OUT%% *}" 400
control /mock/next -H 'X-Mock-Mode: pace:0'
expect_eq "queue: a bad mode is refused" "${OUT%% *}" 400
control /mock/next -H 'X-Mock-Fixture: gen:0'
expect_eq "queue: gen:0 is refused" "${OUT%% *}" 400
post /v1/messages
check_body "queue: nothing refused was queued" anthropic.sse
control /mock/nothing
expect_eq "control: an unknown request is 404" "${OUT%% *}" 404
get /mock/next
expect_eq "control: GET /mock/next is 404" "${OUT%% *}" 404
post /v1/messages
check_body "control: an unknown one takes nothing" anthropic.sse
post /v1/messages -H 'X-Mock-Status: soon'
expect_eq "headers: a bad X-Mock-Status is 400" "${OUT%% *}" 400

say "generated streams"
words=" the kettle sings while rain taps on"
post /v1/chat/completions -H 'X-Mock-Fixture: gen:7'
expect_eq "gen:7 openai: status and type" "$OUT" "200 text/event-stream"
expect_eq "gen:7 openai: 7 chunks, stop, usage 7 of 6 + 7" \
    "$(stream openai '[s["chunks"], s["stop"], s["completion"],
    s["prompt"], s["total"]]')" \
    '[7, "stop", 7, 6, 13]'
expect_eq "gen:7 openai: the words" "$(stream openai 's["text"]')" "$words"
expect_eq "gen:7 openai: a role chunk first" \
    "$(head -n 1 "$TMP/body" | sed 's/^data: //' |
    py 'j["choices"][0]["delta"]["role"]')" assistant
post /api/chat -H 'X-Mock-Fixture: gen:7'
expect_eq "gen:7 ollama: status and type" "$OUT" "200 application/x-ndjson"
expect_eq "gen:7 ollama: 7 lines, stop, counts 7 and 6" \
    "$(stream ollama '[s["chunks"], s["stop"], s["completion"],
    s["prompt"]]')" \
    '[7, "stop", 7, 6]'
expect_eq "gen:7 ollama: the words" "$(stream ollama 's["text"]')" "$words"
post /v1/messages -H 'X-Mock-Fixture: gen:7'
expect_eq "gen:7 anthropic: status and type" "$OUT" "200 text/event-stream"
expect_eq "gen:7 anthropic: 7 deltas, end_turn, usage 7 and 6" \
    "$(stream anthropic '[s["chunks"], s["stop"], s["completion"],
    s["prompt"]]')" \
    '[7, "end_turn", 7, 6]'
expect_eq "gen:7 anthropic: the words" "$(stream anthropic 's["text"]')" \
    "$words"
post /v1/chat/completions -H 'X-Mock-Fixture: gen:1'
expect_eq "gen:1: one token" \
    "$(stream openai '[s["chunks"], s["text"], s["completion"]]')" \
    '[1, " the", 1]'
post /v1/chat/completions -H 'X-Mock-Fixture: gen:100000'
expect_eq "gen:100000 openai: every token, counted" \
    "$(stream openai '[s["chunks"], s["completion"],
    len(s["text"].split())]')" \
    '[100000, 100000, 100000]'
post /api/chat -H 'X-Mock-Fixture: gen:20000'
expect_eq "gen:20000 ollama: every token, counted" \
    "$(stream ollama '[s["chunks"], s["completion"]]')" '[20000, 20000]'
post /v1/messages -H 'X-Mock-Fixture: gen:20000' -H 'X-Mock-Mode: drip:0'
expect_eq "gen:20000 anthropic, dripped: every token, counted" \
    "$(stream anthropic '[s["chunks"], s["completion"]]')" '[20000, 20000]'
post /v1/chat/completions -H 'X-Mock-Fixture: gen:1000001'
expect_eq "gen:1000001: too many" "${OUT%% *}" 404
post /v1/chat/completions -H 'X-Mock-Fixture: gen:x'
expect_eq "gen:x: not a number" "${OUT%% *}" 404
get /v1/models -H 'X-Mock-Fixture: gen:3'
expect_eq "gen:3 off the chat routes: 404" "${OUT%% *}" 404

say "the analysis fixtures"
post /v1/chat/completions -H 'X-Mock-Fixture: openai-analysis.sse'
# check_analysis PROTOCOL STOP: the last body is an analysis answer.
check_analysis()
{
	expect_eq "analysis $1: the JSON, in pieces, with usage" \
	    "$(stream "$1" '[s["text"] == want, s["chunks"] > 3, s["stop"],
	    s["completion"] > 0, s["total"] == s["prompt"] + s["completion"]]' \
	    "$ANALYSIS")" \
	    "[true, true, \"$2\", true, true]"
}
check_analysis openai stop
post /api/chat -H 'X-Mock-Fixture: ollama-analysis.ndjson'
check_analysis ollama stop
post /v1/messages -H 'X-Mock-Fixture: anthropic-analysis.sse'
check_analysis anthropic end_turn

say "-f and -j change the chat routes' answers"
run "$MOCK" -d "$FIXTURES" -f no-such.sse
expect_exit "-f: a missing fixture stops it" 1
run "$MOCK" -d "$FIXTURES" -f gen:0
expect_exit "-f: gen:0 stops it" 1
run "$MOCK" -d "$FIXTURES" -m pace:0
expect_exit "-m: pace:0 is a usage error" 2
start_mock "$TMP/b.log" -f gen:12 -j '"ANALYSE-THIS"' -t 60
B_PID=$NEW_PID
A_URL=$URL
URL=$NEW_URL
post /v1/chat/completions
expect_eq "-f gen:12: openai" \
    "$(stream openai '[s["chunks"], s["completion"]]')" '[12, 12]'
post /api/chat
expect_eq "-f gen:12: ollama" \
    "$(stream ollama '[s["chunks"], s["completion"]]')" '[12, 12]'
post /v1/messages
expect_eq "-f gen:12: anthropic" \
    "$(stream anthropic '[s["chunks"], s["completion"]]')" '[12, 12]'
get /v1/models
check_body "-f: not for the other routes" models.json
POST_BODY='{"model":"m","messages":[{"role":"user","content":"x"}],
"metadata":"ANALYSE-THIS"}'
post /v1/chat/completions
check_body "-j: the marker gets openai-analysis.sse" openai-analysis.sse
post /api/chat
check_body "-j: the marker gets ollama-analysis.ndjson" \
    ollama-analysis.ndjson
post /v1/messages
check_body "-j: the marker gets anthropic-analysis.sse" \
    anthropic-analysis.sse
post /v1/chat/completions -H 'X-Mock-Fixture: openai-llamacpp.sse'
check_body "-j: X-Mock-Fixture wins" openai-llamacpp.sse
control /mock/next -H 'X-Mock-Fixture: openai-azure.sse'
post /v1/chat/completions
check_body "-j: a queued fixture wins" openai-azure.sse
control /mock/next -H 'X-Mock-Status: 500' --data-binary 'busy'
post /api/chat
expect_eq "-j: a queued body wins" "${OUT%% *} $(cat "$TMP/body")" "500 busy"
control /mock/next -H 'X-Mock-Status: 429'
post /v1/messages
expect_eq "-j: an entry without a fixture keeps the analysis" "${OUT%% *}" 429
check_body "-j: the analysis with the queued status" anthropic-analysis.sse
POST_BODY='{"model":"m","stream":true}'

say "a client that leaves is noticed at once"
# B drops an idle client only after 60 s; curl gives up well before.
run curl -sS --noproxy '*' --max-time 1 -o "$TMP/body" \
    -H 'X-Mock-Mode: stall' --data-binary "$POST_BODY" \
    "$URL/v1/chat/completions"
expect_exit "stall: curl gives up" 28
post /v1/messages
expect_eq "stall: the next request is answered" "${OUT%% *}" 200
run curl -sS --noproxy '*' --max-time 1 -o "$TMP/body" \
    -H 'X-Mock-Mode: pace:1' --data-binary "$POST_BODY" \
    "$URL/v1/chat/completions"
expect_exit "pace: curl gives up" 28
post /v1/messages
expect_eq "pace: the next request is answered" "${OUT%% *}" 200
run curl -sS --noproxy '*' --max-time 1 -o "$TMP/body" \
    -H 'X-Mock-Mode: stall:50000' --data-binary "$POST_BODY" \
    "$URL/v1/chat/completions"
expect_exit "stall:MS: curl gives up" 28
post /v1/messages
expect_eq "stall:MS: the next request is answered" "${OUT%% *}" 200

say "SIGTERM stops it in a stall"
curl -sS --noproxy '*' --max-time 30 -o /dev/null -H 'X-Mock-Mode: stall' \
    --data-binary "$POST_BODY" "$URL/v1/chat/completions" 2>/dev/null &
STALL_CURL=$!
at_exit "kill $STALL_CURL 2>/dev/null"
wait_for "stall: the request came" 100 grep -q 'x-mock-mode' "$TMP/b.log"
stop_mock "$B_PID"
expect_exit "SIGTERM in a stall: exits 0" 0
wait "$STALL_CURL" 2>/dev/null || true
URL=$A_URL

say "the idle timeout ends a stall"
start_mock "$TMP/c.log" -m stall -t 1
C_PID=$NEW_PID
run curl -sS --noproxy '*' --max-time 20 -o "$TMP/body" -w '%{http_code}' \
    "$NEW_URL/v1/models"
expect_exit "-m stall -t 1: curl sees the answer cut short" 18
expect_eq "-m stall -t 1: after the status line" "$OUT" 200
stop_mock "$C_PID"
expect_exit "-m stall: SIGTERM exits 0" 0
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

say "a request through it as a proxy is routed by its path"
# proxied PATH [CURL ARGS...]: the request for http://model.example.invalid
# PATH through the mock as an HTTP proxy (the target in absolute form).
proxied()
{
	mock_path=$1
	shift
	run curl -sS --max-time 20 -x "$URL" -o "$TMP/body" \
	    -w '%{http_code} %{content_type}' "$@" \
	    "http://model.example.invalid$mock_path"
}
proxied /v1/chat/completions -H 'Content-Type: application/json' \
    --data-binary "$POST_BODY"
expect_eq "proxy: the chat route answers" "$OUT" "200 text/event-stream"
check_body "proxy: with its fixture" openai.sse
last=$(tail -n 1 "$TMP/requests.log")
expect_eq "proxy: the log has the path" \
    "$(printf '%s\n' "$last" | py 'j["path"]')" "/v1/chat/completions"
expect_eq "proxy: and the target as it came" \
    "$(printf '%s\n' "$last" | py 'j["target"]')" \
    "http://model.example.invalid/v1/chat/completions"
expect_eq "proxy: the Host header names the origin" \
    "$(printf '%s\n' "$last" | py 'j["headers"]["host"]')" \
    "model.example.invalid"
proxied /api/tags?x=1
expect_eq "proxy: a query is not part of the route" "$OUT" \
    "200 application/json"
check_body "proxy: GET /api/tags" tags.json
run curl -sS --max-time 20 -x "$URL" -o "$TMP/body" -w '%{http_code}' \
    "http://model.example.invalid:8080"
expect_eq "proxy: no path is /, which has no route" "$OUT" 404
post /v1/messages
expect_eq "proxy: a direct request has no target in the log" \
    "$(tail -n 1 "$TMP/requests.log" | py 'j.get("target")')" "null"

say "SIGTERM stops it, even while it paces an answer"
curl -sS --noproxy '*' --max-time 30 -o /dev/null \
    -H 'X-Mock-Mode: pace:1' -H 'X-Mock-Fixture: gen:50' \
    --data-binary "$POST_BODY" "$URL/v1/chat/completions" 2>/dev/null &
PACE_CURL=$!
at_exit "kill $PACE_CURL 2>/dev/null"
wait_for "pace: the request came" 100 grep -q 'pace:1' "$TMP/requests.log"
stop_mock "$MOCK_PID"
expect_exit "SIGTERM: exits 0" 0
wait "$PACE_CURL" 2>/dev/null || true
if kill -0 "$MOCK_PID" 2>/dev/null; then
	fail "SIGTERM: the process is gone" "pid $MOCK_PID still runs"
else
	pass "SIGTERM: the process is gone"
fi

finish
