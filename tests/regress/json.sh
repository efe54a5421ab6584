# --json: one line holding one JSON object with the keys DESIGN.md fixes:
# conversation, reply, summary, mood, name, facts, engine, usage.
. "$(dirname "$0")/lib.sh"

# check_reply_object CHECK: the last run printed exactly one line of JSON
# with the reply object's keys and types.
check_reply_object()
{
	expect_exit "$1: exit status" 0
	expect_lines "$1: exactly one line" "$OUT" 1
	expect_eq "$1: valid JSON, one object" "$(pyout 'type(j).__name__')" "dict"
	expect_eq "$1: has every key" \
	    "$(pyout 'sorted(k for k in ["conversation", "reply", "summary", "mood", "name", "facts", "engine", "usage"] if k not in j)')" \
	    "[]"
	expect_eq "$1: conversation is a non-empty string" \
	    "$(pyout 'isinstance(j["conversation"], str) and len(j["conversation"]) > 0')" "true"
	expect_eq "$1: reply is a non-empty string" \
	    "$(pyout 'isinstance(j["reply"], str) and len(j["reply"].strip()) > 0')" "true"
	expect_eq "$1: summary is a string or null" \
	    "$(pyout 'j["summary"] is None or isinstance(j["summary"], str)')" "true"
	expect_eq "$1: mood is an object or null" \
	    "$(pyout 'j["mood"] is None or isinstance(j["mood"], dict)')" "true"
	expect_eq "$1: name is a string or null" \
	    "$(pyout 'j["name"] is None or isinstance(j["name"], str)')" "true"
	expect_eq "$1: facts is a list" \
	    "$(pyout 'isinstance(j["facts"], list)')" "true"
	expect_eq "$1: engine is builtin" "$(pyout 'j["engine"]')" "builtin"
	expect_eq "$1: usage has whole token counts" \
	    "$(pyout 'isinstance(j["usage"], dict) and all(isinstance(j["usage"].get(k), int) and j["usage"][k] >= 0 for k in ("prompt_tokens", "completion_tokens"))')" \
	    "true"
	expect_empty "$1: nothing on stderr" "$ERR"
}

say "a first message"
jumbo --json "hello"
check_reply_object "first"
first=$(json_conversation)
expect_eq "first: no name known yet" "$(pyout 'j["name"]')" "null"

say "the reply is the one stored"
jumbo --json -c "I had a long day at the orchard"
check_reply_object "continued"
expect_eq "continued: same conversation" "$(json_conversation)" "$first"
reply=$(pyout 'j["reply"]')
jumbo history show "$first" --json
expect_eq "continued: the reply printed is the reply stored" \
    "$(pyout '[m["text"] for m in j["messages"] if m["role"] == "assistant"][-1]')" \
    "$reply"

say "a name appears once known"
jumbo profile name Harsha
expect_exit "name: profile name exit status" 0
jumbo --json "good morning"
check_reply_object "named"
expect_eq "named: name is the preferred name" "$(pyout 'j["name"]')" "Harsha"

say "text that needs escaping stays one line"
jumbo --json "$(printf 'quote " backslash \\ tab \t newline\nand more')"
check_reply_object "escaped"

say "--json with -m builtin and with piped input"
jumbo --json -m builtin "what is the capital of France?"
check_reply_object "-m builtin"
printf 'line one\nline two\n' >"$TMP/in"
jumbo_stdin "$TMP/in" --json "review this"
check_reply_object "piped"

say "--json goes with other commands, one object a line"
jumbo greet --json
expect_exit "greet --json: exit status" 0
expect_eq "greet --json: one object with a reply" \
    "$(pyout 'isinstance(j, dict) and isinstance(j.get("reply"), str) and isinstance(j.get("conversation"), str)')" "true"
jumbo history --json
expect_exit "history --json: exit status" 0
expect_eq "history --json: every line an object with an id" \
    "$(pyout 'len(L) > 0 and all(isinstance(o, dict) and "id" in o for o in L)')" "true"
jumbo profile --json
expect_eq "profile --json: one object" "$(pyout 'type(j).__name__')" "dict"

finish
