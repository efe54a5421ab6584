# The model engines against the mock model server (tests/mock/mock-llm):
# every protocol streams its replies whole whatever the server's chunking,
# and what jumbo sends is right: the route, the key, the body, the system
# prompt with what jumbo remembers, earlier turns and piped material; the
# two steps of a turn (the analysis asked as JSON, checked, then the
# reply) and what they cost; jumbo models; the automatic choice of an
# engine; and proxies through libcurl's own variables.
. "$(dirname "$0")/lib.sh"
# A turn here takes well under a second; one that hangs is a failure.
time_limit 30

MARKER="Analyse the person's message"
llm_start "$TMP/requests.log" -j "$MARKER" -t 30
OPENAI_BASE_URL="$LLM_URL/v1"
OPENAI_API_KEY=sk-test-engines-4f2a
ANTHROPIC_BASE_URL="$LLM_URL"
ANTHROPIC_API_KEY=sk-ant-test-engines-9c1d
OLLAMA_HOST="127.0.0.1:$LLM_PORT"
export OPENAI_BASE_URL OPENAI_API_KEY ANTHROPIC_BASE_URL ANTHROPIC_API_KEY \
    OLLAMA_HOST
CLOSED=$(free_port)

# reply_is CHECK FIXTURE: the last run exited 0 and printed exactly the
# text FIXTURE streams, then a newline, and nothing on standard error.
reply_is()
{
	llm_fixture "$2" 's["text"]' >"$TMP/want"
	if [ "$RC" -ne 0 ]; then
		fail "$1" "exit status $RC, expected 0"
	elif ! cmp -s "$TMP/want" "$TMP/.out"; then
		fail "$1" "the reply is not what $2 streams: $(head -c 300 \
		    "$TMP/want")"
	elif [ -s "$TMP/.err" ]; then
		fail "$1" "standard error is not empty"
	else
		pass "$1"
	fi
}

# usage_of FIXTURE: the tokens FIXTURE reports, as [prompt, completion].
usage_of()
{
	llm_fixture "$1" '[s["prompt"], s["completion"]]'
}

# sum_usage A B: the tokens fixtures A and B report, together.
sum_usage()
{
	printf '%s\n%s\n' "$(usage_of "$1")" "$(usage_of "$2")" |
	    py '[L[0][0] + L[1][0], L[0][1] + L[1][1]]'
}

# section TEXT: say what runs now, with nothing queued from before (a run
# that failed early leaves its queued answer to the next request).
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

section "openai: replies come out as the fixtures stream them"
fresh_home openai 'analysis = builtin'
jumbo -m openai:gpt-4o-mini "good morning"
reply_is "openai: openai.sse" openai.sse
for fixture in openai-azure.sse openai-llamacpp.sse openai-openrouter.sse; do
	llm_next -H "X-Mock-Fixture: $fixture"
	jumbo -m openai:gpt-4o-mini "good morning"
	reply_is "openai: $fixture" "$fixture"
done
for mode in bytes drip:1 pace:200; do
	llm_next -H "X-Mock-Mode: $mode"
	jumbo -m openai:gpt-4o-mini "good morning"
	reply_is "openai: openai.sse, mode $mode" openai.sse
done
llm_next -H 'X-Mock-Fixture: gen:2000'
jumbo -m openai:gpt-4o-mini "tell me a long story"
reply_is "openai: gen:2000" gen:2000
expect_eq "openai: gen:2000 is 2000 words" \
    "$(wc -w <"$TMP/.out" | tr -d ' ')" 2000

# Text that is not UTF-8 comes out as U+FFFD; a sequence split between
# two events (and, byte by byte, between reads) is joined again.
printf 'data: {"choices":[{"delta":{"content":"caf\303"}}]}\n\ndata: {"choices":[{"delta":{"content":"\251 \377 ok \342\202"}}]}\n\ndata: [DONE]\n\n' \
    >"$TMP/bad-utf8.sse"
printf 'caf\303\251 \357\277\275 ok \357\277\275\n' >"$TMP/want"
for mode in whole bytes; do
	llm_next -H 'X-Mock-Status: 200' -H "X-Mock-Mode: $mode" \
	    -H 'X-Mock-Content-Type: text/event-stream' \
	    --data-binary @"$TMP/bad-utf8.sse"
	jumbo -m openai:gpt-4o-mini "good morning"
	expect_exit "openai: bytes that are not UTF-8, mode $mode: exits 0" 0
	if cmp -s "$TMP/want" "$TMP/.out"; then
		pass "openai: bytes that are not UTF-8 become U+FFFD, mode $mode"
	else
		fail "openai: bytes that are not UTF-8 become U+FFFD, mode $mode" \
		    "got $(od -c "$TMP/.out" | head -3)"
	fi
done

section "ollama and anthropic: the same"
fresh_home others 'analysis = builtin'
for mode in whole bytes; do
	llm_next -H "X-Mock-Mode: $mode"
	jumbo -m ollama:llama3.2:3b "soup?"
	reply_is "ollama: ollama.ndjson, mode $mode" ollama.ndjson
	llm_next -H "X-Mock-Mode: $mode"
	jumbo -m anthropic:claude-3-5-haiku-latest "a walk?"
	reply_is "anthropic: anthropic.sse, mode $mode" anthropic.sse
done
llm_next -H 'X-Mock-Fixture: gen:500' -H 'X-Mock-Mode: drip:0'
jumbo -m ollama:llama3.2:3b "tell me a long story"
reply_is "ollama: gen:500, dripped" gen:500
llm_next -H 'X-Mock-Fixture: gen:500' -H 'X-Mock-Mode: drip:0'
jumbo -m anthropic:claude-3-5-haiku-latest "tell me a long story"
reply_is "anthropic: gen:500, dripped" gen:500

section "what jumbo sends: route, key, body"
fresh_home request 'analysis = builtin'
mark=$(llm_requests)
jumbo -m openai:gpt-4o-mini "what a lovely morning"
expect_exit "request openai: exits 0" 0
expect_eq "request openai: one request a turn with analysis = builtin" \
    "$(since "$mark")" 1
expect_eq "request openai: POST /v1/chat/completions" \
    "$(llm_request 'r["method"] + " " + r["path"]')" \
    "POST /v1/chat/completions"
expect_eq "request openai: the key as a bearer token" \
    "$(llm_request 'r["headers"].get("authorization")')" \
    "Bearer $OPENAI_API_KEY"
expect_eq "request openai: a JSON body" \
    "$(llm_request 'r["headers"].get("content-type")')" application/json
expect_eq "request openai: the model, streamed, with usage asked for" \
    "$(llm_request '[b["model"], b["stream"],
    b["stream_options"]["include_usage"]]')" \
    '["gpt-4o-mini", true, true]'
expect_eq "request openai: the system prompt first, the persona's words" \
    "$(llm_request '[b["messages"][0]["role"],
    b["messages"][0]["content"].startswith("You are jumbo")]')" \
    '["system", true]'
expect_eq "request openai: the message last" \
    "$(llm_request '[b["messages"][-1]["role"], b["messages"][-1]["content"]]')" \
    '["user", "what a lovely morning"]'
expect_eq "request openai: a reply asks for no JSON" \
    "$(llm_request '"response_format" in b')" false

jumbo -m anthropic:claude-3-5-haiku-latest "what a lovely morning"
expect_exit "request anthropic: exits 0" 0
expect_eq "request anthropic: POST /v1/messages" \
    "$(llm_request 'r["method"] + " " + r["path"]')" "POST /v1/messages"
expect_eq "request anthropic: the key in x-api-key, not as a bearer" \
    "$(llm_request '[r["headers"].get("x-api-key"),
    "authorization" in r["headers"]]')" \
    "[\"$ANTHROPIC_API_KEY\", false]"
expect_eq "request anthropic: anthropic-version" \
    "$(llm_request 'r["headers"].get("anthropic-version")')" 2023-06-01
expect_eq "request anthropic: the model, streamed, max_tokens" \
    "$(llm_request '[b["model"], b["stream"], b["max_tokens"] > 0]')" \
    '["claude-3-5-haiku-latest", true, true]'
expect_eq "request anthropic: the persona in system" \
    "$(llm_request 'b["system"].startswith("You are jumbo")')" true
expect_eq "request anthropic: only the conversation in messages" \
    "$(llm_request '[m["role"] for m in b["messages"]]')" '["user"]'
expect_eq "request anthropic: the message" \
    "$(llm_request 'b["messages"][-1]["content"]')" "what a lovely morning"

jumbo -m ollama:llama3.2:3b "what a lovely morning"
expect_exit "request ollama: exits 0" 0
expect_eq "request ollama: POST /api/chat" \
    "$(llm_request 'r["method"] + " " + r["path"]')" "POST /api/chat"
expect_eq "request ollama: no key sent" \
    "$(llm_request '[h for h in r["headers"] if h in
    ("authorization", "x-api-key")]')" '[]'
expect_eq "request ollama: the model, streamed" \
    "$(llm_request '[b["model"], b["stream"]]')" '["llama3.2:3b", true]'
expect_eq "request ollama: the persona, then the message" \
    "$(llm_request '[b["messages"][0]["role"],
    b["messages"][0]["content"].startswith("You are jumbo"),
    b["messages"][-1]["content"]]')" \
    '["system", true, "what a lovely morning"]'

section "what jumbo remembers goes to the model"
# With the analysis on (the default): the fixture's analysis names Alex,
# whom these messages never mention, so the built-in rules read them.
fresh_home remember
jumbo_ok "remember: call me Priya" -m openai:gpt-4o-mini "Call me Priya"
jumbo_ok "remember: the sister" -c -m openai:gpt-4o-mini \
    "My sister Ana lives in Lisbon"
jumbo -m openai:gpt-4o-mini "what should I cook tonight?"
expect_exit "remember: a new conversation exits 0" 0
system=$(llm_request 'b["messages"][0]["content"]')
expect_contains "remember: the system prompt has the name" "$system" Priya
expect_contains "remember: and the sister" "$system" Ana
expect_contains "remember: and where she lives" "$system" Lisbon
expect_not_contains "remember: not the analysis fixture's name" \
    "$system" Alex
expect_eq "remember: a new conversation sends no earlier turns" \
    "$(llm_request '[m["role"] for m in b["messages"]]')" \
    '["system", "user"]'
jumbo -c -m openai:gpt-4o-mini "and for dessert?"
expect_exit "continue: exits 0" 0
expect_eq "continue: -c sends the earlier turns as messages" \
    "$(llm_request '[m["role"] for m in b["messages"]]')" \
    '["system", "user", "assistant", "user"]'
expect_eq "continue: the earlier message" \
    "$(llm_request 'b["messages"][1]["content"]')" \
    "what should I cook tonight?"
expect_eq "continue: the earlier reply" \
    "$(llm_request 'b["messages"][2]["content"]')" \
    "$(llm_fixture openai.sse 's["text"]')"
expect_eq "continue: the new message last" \
    "$(llm_request 'b["messages"][3]["content"]')" "and for dessert?"

printf 'diff --git a/soup.c b/soup.c\n+int leeks = 2;\n' >"$TMP/diff"
jumbo_stdin "$TMP/diff" -m openai:gpt-4o-mini "review this"
expect_exit "piped: exits 0" 0
expect_eq "piped: the message, a blank line, then the piped text" \
    "$(llm_request 'b["messages"][-1]["content"]')" \
    "review this

diff --git a/soup.c b/soup.c
+int leeks = 2;"

section "a request to forget is not sent"
fresh_home forget 'analysis = builtin'
jumbo_ok "forget: the sister" -m openai:gpt-4o-mini \
    "My sister Ana lives in Lisbon"
mark=$(llm_requests)
jumbo -m openai:gpt-4o-mini "forget my sister"
expect_exit "forget: exits 0" 0
expect_nonempty "forget: the built-in engine confirms it" "$OUT"
expect_eq "forget: no request to the model" "$(since "$mark")" 0

section "step 1: the model's analysis, checked"
ALEX="I'm Alex, tired but proud; my friend Charvik helped"
SUMMARY=$(llm_fixture openai-analysis.sse 'json.loads(s["text"])["summary"]')
fresh_home analysis
mark=$(llm_requests)
jumbo --json -m openai:gpt-4o-mini "$ALEX"
expect_exit "analysis openai: exits 0" 0
expect_eq "analysis openai: two requests a turn" "$(since "$mark")" 2
expect_eq "analysis openai: the first asks for the analysis" \
    "$(llm_request '[r["path"], b["model"],
    b["messages"][0]["content"].startswith(a)]' 2 \
    "$MARKER")" \
    '["/v1/chat/completions", "gpt-4o-mini", true]'
expect_eq "analysis openai: as a JSON object" \
    "$(llm_request 'b["response_format"]' 2)" '{"type": "json_object"}'
expect_eq "analysis openai: of what was typed" \
    "$(llm_request 'b["messages"][-1]["content"]' 2)" "$ALEX"
expect_eq "analysis openai: the second asks for the reply" \
    "$(llm_request '[b["messages"][0]["content"].startswith("You are jumbo"),
    "response_format" in b]')" '[true, false]'
expect_contains "analysis openai: the reply's prompt has the name" \
    "$(llm_request 'b["messages"][0]["content"]')" "Call them Alex"
expect_contains "analysis openai: and the friend" \
    "$(llm_request 'b["messages"][0]["content"]')" Charvik
expect_eq "analysis openai: --json name" "$(pyout 'j["name"]')" Alex
expect_eq "analysis openai: --json mood" "$(pyout 'j["mood"]["label"]')" \
    "tired but proud"
expect_eq "analysis openai: --json facts" \
    "$(pyout '[[f["subject"], f["relation"], f["object"]] for f in j["facts"]]')" \
    '[["user", "friend", "Charvik"]]'
expect_eq "analysis openai: --json summary, the model's" \
    "$(pyout 'j["summary"]')" "$SUMMARY"
expect_eq "analysis openai: --json engine" "$(pyout 'j["engine"]')" \
    openai:gpt-4o-mini
want_usage=$(sum_usage openai-analysis.sse openai.sse)
expect_eq "analysis openai: --json usage, both requests together" \
    "$(pyout '[j["usage"]["prompt_tokens"], j["usage"]["completion_tokens"]]')" \
    "$want_usage"
conversation=$(json_conversation)
jumbo history show --json "$conversation"
expect_eq "analysis openai: history keeps the turn's engine and usage" \
    "$(pyout '[[m["engine"], m["usage"]["prompt_tokens"],
    m["usage"]["completion_tokens"]] for m in j["messages"]
    if m["role"] == "assistant"]')" \
    "$(printf '%s\n' "$want_usage" | py '[["openai:gpt-4o-mini"] + j]')"

fresh_home rejected
mark=$(llm_requests)
jumbo --json -m openai:gpt-4o-mini "the weather is grey today"
expect_exit "analysis rejected: exits 0" 0
expect_eq "analysis rejected: still two requests" "$(since "$mark")" 2
expect_eq "analysis rejected: no name that was not typed" \
    "$(pyout 'j["name"]')" null
expect_eq "analysis rejected: no fact that was not typed" \
    "$(pyout 'j["facts"]')" '[]'
expect_ne "analysis rejected: the built-in summary" "$(pyout 'j["summary"]')" \
    "$SUMMARY"
expect_ne "analysis rejected: the built-in mood" \
    "$(pyout 'j["mood"]["label"]')" "tired but proud"

fresh_home analysis-ollama
jumbo --json -m ollama:llama3.2:3b "$ALEX"
expect_exit "analysis ollama: exits 0" 0
expect_eq "analysis ollama: the first request asks for JSON" \
    "$(llm_request '[r["path"], b.get("format"),
    b["messages"][0]["content"].startswith(a)]' 2 "$MARKER")" \
    '["/api/chat", "json", true]'
expect_eq "analysis ollama: the second, the reply" \
    "$(llm_request '[b.get("format"),
    b["messages"][0]["content"].startswith("You are jumbo")]')" \
    '[null, true]'
expect_eq "analysis ollama: --json name, mood, facts" \
    "$(pyout '[j["name"], j["mood"]["label"], [f["object"] for f in j["facts"]]]')" \
    '["Alex", "tired but proud", ["Charvik"]]'
expect_eq "analysis ollama: --json usage, both requests together" \
    "$(pyout '[j["usage"]["prompt_tokens"], j["usage"]["completion_tokens"]]')" \
    "$(sum_usage ollama-analysis.ndjson ollama.ndjson)"

fresh_home analysis-anthropic
jumbo --json -m anthropic:claude-3-5-haiku-latest "$ALEX"
expect_exit "analysis anthropic: exits 0" 0
expect_eq "analysis anthropic: the first request asks for the analysis" \
    "$(llm_request 'b["system"].startswith(a)' 2 "$MARKER")" true
expect_eq "analysis anthropic: --json name, mood, facts" \
    "$(pyout '[j["name"], j["mood"]["label"], [f["object"] for f in j["facts"]]]')" \
    '["Alex", "tired but proud", ["Charvik"]]'
expect_eq "analysis anthropic: --json usage, both requests together" \
    "$(pyout '[j["usage"]["prompt_tokens"], j["usage"]["completion_tokens"]]')" \
    "$(sum_usage anthropic-analysis.sse anthropic.sse)"

fresh_home analysis-builtin 'analysis = builtin'
mark=$(llm_requests)
jumbo --json -m openai:gpt-4o-mini "$ALEX"
expect_exit "analysis = builtin: exits 0" 0
expect_eq "analysis = builtin: one request a turn" "$(since "$mark")" 1
expect_eq "analysis = builtin: the reply's" \
    "$(llm_request 'b["messages"][0]["content"].startswith("You are jumbo")')" \
    true
expect_eq "analysis = builtin: the built-in rules read the name" \
    "$(pyout 'j["name"]')" Alex

fresh_home analysis-model 'analysis_model = openai:small-model'
mark=$(llm_requests)
jumbo --json -m openai:gpt-4o-mini "$ALEX"
expect_exit "analysis_model: exits 0" 0
expect_eq "analysis_model: two requests" "$(since "$mark")" 2
expect_eq "analysis_model: the analysis asks small-model" \
    "$(llm_request '[b["model"],
    b["messages"][0]["content"].startswith(a)]' 2 "$MARKER")" \
    '["small-model", true]'
expect_eq "analysis_model: the reply asks the main model" \
    "$(llm_request '[b["model"],
    b["messages"][0]["content"].startswith("You are jumbo")]')" \
    '["gpt-4o-mini", true]'
expect_eq "analysis_model: --json engine is the reply's" \
    "$(pyout 'j["engine"]')" openai:gpt-4o-mini

section "what a reply cost, in --json and history show"
fresh_home usage 'analysis = builtin'
# Paced, so the first token comes a measurable while after the start.
llm_next -H 'X-Mock-Mode: pace:40'
jumbo --json -m openai:gpt-4o-mini "hello there"
expect_exit "usage: exits 0" 0
expect_eq "usage: --json engine" "$(pyout 'j["engine"]')" openai:gpt-4o-mini
expect_eq "usage: --json usage as the server counted" \
    "$(pyout '[j["usage"]["prompt_tokens"], j["usage"]["completion_tokens"]]')" \
    "$(usage_of openai.sse)"
conversation=$(json_conversation)
jumbo history show "$conversation"
expect_exit "usage: history show exits 0" 0
tokens=$(usage_of openai.sse | py 'str(j[0]) + "[+]" + str(j[1])')
last=$(tail -n 1 "$TMP/.out")
if printf '%s\n' "$last" | grep -Eq "^\[openai:gpt-4o-mini, $tokens tokens, first token [1-9][0-9]* ms, [0-9]+\.[0-9] s\]\$"; then
	pass "usage: history show's line under the reply"
else
	fail "usage: history show's line under the reply" "got: $last"
fi
printf 'color = always\n' >>"$JUMBO_HOME/config"
jumbo history show "$conversation"
dim=$(printf '\033[2m[openai:gpt-4o-mini, ')
case "$(tail -n 1 "$TMP/.out")" in
"$dim"*) pass "usage: the line is dim" ;;
*) fail "usage: the line is dim" "no dim escape before it" ;;
esac
printf 'analysis = builtin\n' >"$JUMBO_HOME/config"
jumbo history show --json "$conversation"
expect_eq "usage: history show --json, the person's message has no cost" \
    "$(pyout '["engine" in j["messages"][0], "usage" in j["messages"][0]]')" \
    '[false, false]'
expect_eq "usage: history show --json, the reply's engine and tokens" \
    "$(pyout '[j["messages"][1]["engine"], j["messages"][1]["usage"]["prompt_tokens"],
    j["messages"][1]["usage"]["completion_tokens"]]')" \
    "$(usage_of openai.sse | py '["openai:gpt-4o-mini"] + j')"
expect_eq "usage: history show --json, first token and total times" \
    "$(pyout '[0 < j["messages"][1]["usage"]["first_token_ms"]
    <= j["messages"][1]["usage"]["total_ms"]]')" '[true]'

section "jumbo models"
fresh_home models
MODELS='builtin
openai:gpt-4o
openai:gpt-4o-mini
openai:text-embedding-3-small
ollama:llama3.2:3b
ollama:qwen2.5:1.5b'
mark=$(llm_requests)
run env ANTHROPIC_BASE_URL= ANTHROPIC_API_KEY= "$JUMBO" models
expect_exit "models: exits 0" 0
expect_eq "models: builtin, then each server's" \
    "$(printf '%s\n' "$OUT" | sed 's/  (current)$//')" "$MODELS"
expect_eq "models: the current one marked" \
    "$(printf '%s\n' "$OUT" | grep -F '(current)')" \
    "openai:gpt-4o-mini  (current)"
expect_eq "models: asked /v1/models with the key, and /api/tags" \
    "$(llm_request '[r["method"], r["path"], r["headers"].get("authorization")]' 2)
$(llm_request '[r["method"], r["path"]]')" \
    "[\"GET\", \"/v1/models\", \"Bearer $OPENAI_API_KEY\"]
[\"GET\", \"/api/tags\"]"
run env ANTHROPIC_BASE_URL= ANTHROPIC_API_KEY= "$JUMBO" models --json
expect_exit "models --json: exits 0" 0
expect_eq "models --json: the engines" \
    "$(pyout '"\n".join(o["engine"] for o in L)')" "$MODELS"
expect_eq "models --json: provider and model" \
    "$(pyout '[[o["provider"], o["model"]] for o in L[:3]]')" \
    '[["builtin", "builtin"], ["openai", "gpt-4o"], ["openai", "gpt-4o-mini"]]'
expect_eq "models --json: one current" \
    "$(pyout '[o["engine"] for o in L if o["current"] is True]')" \
    '["openai:gpt-4o-mini"]'
run env ANTHROPIC_BASE_URL= ANTHROPIC_API_KEY= \
    JUMBO_MODEL=ollama:qwen2.5:1.5b "$JUMBO" models
expect_eq "models: JUMBO_MODEL's marked" \
    "$(printf '%s\n' "$OUT" | grep -F '(current)')" \
    "ollama:qwen2.5:1.5b  (current)"

section "the automatic choice"
fresh_home auto
mark=$(llm_requests)
jumbo --json "hello"
expect_exit "auto: with OPENAI_API_KEY, exits 0" 0
expect_eq "auto: with OPENAI_API_KEY, openai:gpt-4o-mini" \
    "$(pyout 'j["engine"]')" openai:gpt-4o-mini
expect_eq "auto: which was asked" \
    "$(llm_request '[r["path"], b["model"]]')" \
    '["/v1/chat/completions", "gpt-4o-mini"]'
run env OPENAI_API_KEY= "$JUMBO" --json "hello"
expect_exit "auto: with Ollama answering, exits 0" 0
expect_eq "auto: without the key, Ollama's first model" \
    "$(pyout 'j["engine"]')" ollama:llama3.2:3b
expect_eq "auto: which was asked" \
    "$(llm_request '[r["path"], b["model"]]')" '["/api/chat", "llama3.2:3b"]'
mark=$(llm_requests)
run env OPENAI_API_KEY= OLLAMA_HOST="127.0.0.1:$CLOSED" "$JUMBO" --json \
    "hello"
expect_exit "auto: with nothing answering, exits 0" 0
expect_eq "auto: with nothing answering, builtin" "$(pyout 'j["engine"]')" \
    builtin
expect_eq "auto: builtin asks no server" "$(since "$mark")" 0
run env JUMBO_MODEL=ollama:qwen2.5:1.5b "$JUMBO" --json "hello"
expect_eq "auto: JUMBO_MODEL overrides it" "$(pyout 'j["engine"]')" \
    ollama:qwen2.5:1.5b
printf 'model = anthropic:claude-3-5-haiku-latest\n' >"$JUMBO_HOME/config"
jumbo --json "hello"
expect_eq "auto: the config's model overrides it" "$(pyout 'j["engine"]')" \
    anthropic:claude-3-5-haiku-latest
run env JUMBO_MODEL=ollama:qwen2.5:1.5b "$JUMBO" --json "hello"
expect_eq "auto: JUMBO_MODEL overrides the config" "$(pyout 'j["engine"]')" \
    ollama:qwen2.5:1.5b
run env JUMBO_MODEL=ollama:qwen2.5:1.5b "$JUMBO" --json -m builtin "hello"
expect_eq "auto: -m overrides JUMBO_MODEL" "$(pyout 'j["engine"]')" builtin

section "proxies through libcurl's own variables"
fresh_home proxy 'analysis = builtin'
run env http_proxy="$LLM_URL" OPENAI_BASE_URL=http://model.example.invalid/v1 \
    "$JUMBO" -m openai:gpt-4o-mini "through the proxy"
reply_is "proxy: http_proxy carries the request" openai.sse
expect_eq "proxy: the request came as to a proxy" \
    "$(llm_request '[r.get("target"), r["headers"]["host"]]')" \
    '["http://model.example.invalid/v1/chat/completions", "model.example.invalid"]'
run env ALL_PROXY="$LLM_URL" OPENAI_BASE_URL=http://model.example.invalid/v1 \
    "$JUMBO" -m openai:gpt-4o-mini "through the proxy"
reply_is "proxy: ALL_PROXY too" openai.sse
expect_eq "proxy: ALL_PROXY's request came as to a proxy" \
    "$(llm_request 'r.get("target")')" \
    "http://model.example.invalid/v1/chat/completions"
run env http_proxy="$LLM_URL" "$JUMBO" -m openai:gpt-4o-mini "hello"
reply_is "proxy: a loopback server through the proxy" openai.sse
expect_eq "proxy: went through the proxy" "$(llm_request 'r.get("target")')" \
    "$LLM_URL/v1/chat/completions"
run env http_proxy="$LLM_URL" NO_PROXY=127.0.0.1 "$JUMBO" \
    -m openai:gpt-4o-mini "hello"
reply_is "proxy: NO_PROXY=127.0.0.1" openai.sse
expect_eq "proxy: NO_PROXY makes the request direct" \
    "$(llm_request 'r.get("target")')" null

finish
