# The line REPL (jumbo --plain) on a real terminal, inside tmux: what a
# person types with send-keys, what they see with capture-pane.
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	skip "tmux is not installed"
fi

SOCKET="jumbo-regress-$$"
at_exit "tmux -L $SOCKET kill-server 2>/dev/null"

tm()
{
	tmux -L "$SOCKET" "$@"
}

# The whole screen of session $1, scrollback included, wrapped lines
# joined.
screen()
{
	tm capture-pane -p -J -S - -t "$1" 2>/dev/null
}

# wait_screen CHECK SESSION TEXT: wait (at most ~20 s) for TEXT to show;
# fails CHECK if it never does. Returns 1 then.
wait_screen()
{
	lib_tries=200
	while [ "$lib_tries" -gt 0 ]; do
		if screen "$2" | grep -qF -- "$3"; then
			pass "$1"
			return 0
		fi
		lib_tries=$((lib_tries - 1))
		sleep 0.1
	done
	fail "$1" "\"$3\" never appeared; the screen:
$(screen "$2" | sed '/^$/d' | tail -20)"
	return 1
}

# count_screen SESSION TEXT: how many lines of the screen hold TEXT.
count_screen()
{
	screen "$1" | grep -cF -- "$2" || true
}

# wait_count SESSION TEXT N: wait until TEXT shows on at least N lines
# (a new prompt after a reply, say).
wait_count()
{
	lib_tries=200
	while [ "$lib_tries" -gt 0 ]; do
		[ "$(count_screen "$1" "$2")" -ge "$3" ] && return 0
		lib_tries=$((lib_tries - 1))
		sleep 0.1
	done
	return 1
}

# A placeholder session keeps the server up and lets every later pane
# stay on screen, dead, after its process exits.
tm -f /dev/null new-session -d -s keep -x 100 -y 30 "sleep 600"
tm set-option -g remain-on-exit on
tm set-option -g default-shell /bin/sh
tm set-option -g history-limit 5000

# start SESSION ARGS...: run jumbo --plain ARGS in a new session. The
# shell around it catches Ctrl-C's SIGINT (which the terminal sends to
# the whole foreground group) so that it lives to tell how jumbo ended.
start()
{
	lib_s=$1
	shift
	tm new-session -d -s "$lib_s" -x 100 -y 30 \
	    "trap : INT; env HOME='$HOME' JUMBO_HOME='$JUMBO_HOME' LC_ALL=C.UTF-8 '$JUMBO' --plain $*; s=\$?; echo; echo \"jumbo exited with status \$s\""
}

# prompt_ready SESSION N: the Nth "you>" prompt is on the screen.
prompt_ready()
{
	wait_count "$1" "you>" "$2" ||
	    fail "prompt $2 in $1" "no prompt; the screen: $(screen "$1" | sed '/^$/d' | tail -10)"
}

# wait_exit SESSION: wait (at most ~20 s) until jumbo in SESSION has
# exited; prints its exit status, or "running". (The pane's shell says
# how jumbo ended: tmux itself may mark a pane dead before it has the
# status.)
wait_exit()
{
	lib_tries=200
	while [ "$lib_tries" -gt 0 ]; do
		lib_status=$(screen "$1" | sed -n 's/^jumbo exited with status \([0-9]*\)$/\1/p')
		if [ -n "$lib_status" ]; then
			echo "$lib_status"
			return 0
		fi
		lib_tries=$((lib_tries - 1))
		sleep 0.1
	done
	echo "still running; the screen:"
	screen "$1" | sed '/^$/d' | tail -12
}

account=$(account_name)

say "the greeting"
start one
wait_screen "greeting: jumbo greets by the account name" one "jumbo> Hey $account" ||
    fatal "greeting" "the REPL did not start"
wait_screen "greeting: asks for a name" one "what should I call you"
prompt_ready one 1

say "typing a name"
tm send-keys -t one "harsha" Enter
wait_screen "name: nice to meet you" one "Nice to meet you, Harsha"
prompt_ready one 2

say "/help"
tm send-keys -t one "/help" Enter
wait_screen "/help: shows the help" one "/quit"
help=$(screen one)
for cmd in /help /new /name /history /search /quit; do
	expect_contains "/help: lists $cmd" "$help" "$cmd"
done
prompt_ready one 3

say "a message over two lines"
tm send-keys -t one 'first half of a thought about kayaks\' Enter
wait_screen "continuation: a continuation prompt" one "...>"
tm send-keys -t one 'second half of it' Enter
prompt_ready one 4

say "/name"
tm send-keys -t one "/name Sam" Enter
wait_screen "/name: confirms" one "call you Sam"
prompt_ready one 5

say "/history"
tm send-keys -t one "/history" Enter
prompt_ready one 6

say "/search"
tm send-keys -t one "/search kayaks" Enter
wait_screen "/search: finds the message" one "user: first half of a thought about kayaks"
prompt_ready one 7
tm send-keys -t one "/search zzyzxnothing" Enter
wait_screen "/search: says when nothing is found" one "Nothing found"
prompt_ready one 8

say "Tab completes a command"
tm send-keys -t one "/hi" Tab
if wait_count one "you> /history" 2; then
	pass "Tab: /hi completes to /history"
else
	fail "Tab: /hi completes to /history" "the screen: $(screen one | sed '/^$/d' | tail -5)"
fi
tm send-keys -t one Enter
prompt_ready one 9
conv_lines=$(screen one | grep -cE '^[0-9a-f]{8} ' || true)
if [ "$conv_lines" -ge 2 ]; then
	pass "/history: lists the conversation (twice, by hand and completed)"
else
	fail "/history: lists the conversation" "the screen: $(screen one | sed '/^$/d' | tail -12)"
fi

say "Ctrl-C abandons a half-typed line"
tm send-keys -t one "abandoned words with secretzebra"
wait_screen "Ctrl-C: the typing shows" one "secretzebra"
tm send-keys -t one C-c
prompt_ready one 10
tm send-keys -t one "thanks" Enter
wait_screen "Ctrl-C: the next line is answered" one "Sam"
prompt_ready one 11
last_reply=$(screen one | grep '^jumbo> ' | tail -n 1)
expect_not_contains "Ctrl-C: the abandoned words were not sent" "$last_reply" "secretzebra"

say "Ctrl-D quits"
tm send-keys -t one C-d
expect_eq "Ctrl-D: jumbo exits with status 0" "$(wait_exit one)" 0

say "what was stored"
jumbo history --json
conv=$(pyout 'L[0]["id"]')
expect_eq "stored: one conversation" "$(pyout 'len(L)')" 1
jumbo history show "$conv" --json
expect_eq "stored: what was typed, as sent" \
    "$(pyout '[m["text"] for m in j["messages"] if m["role"] == "user"]')" \
    '["harsha", "first half of a thought about kayaks\nsecond half of it", "thanks"]'
jumbo search --json secretzebra
expect_empty "stored: the abandoned line is not searchable" "$OUT"
jumbo history show "$conv"
expect_not_contains "stored: the abandoned line is not in history show" "$OUT" "secretzebra"
jumbo profile --json
expect_eq "stored: /name set the name" "$(pyout 'j["preferred_name"]')" "Sam"

say "the input history file"
if [ -f "$JUMBO_HOME/history" ]; then
	pass "history file: exists in JUMBO_HOME"
	expect_eq "history file: mode 600" "$(stat -c '%a' "$JUMBO_HOME/history")" 600
	expect_contains "history file: holds a typed line" \
	    "$(cat "$JUMBO_HOME/history")" "harsha"
	expect_not_contains "history file: not the abandoned line" \
	    "$(cat "$JUMBO_HOME/history")" "secretzebra"
else
	fail "history file: exists in JUMBO_HOME" "no $JUMBO_HOME/history"
fi

say "a second session"
start two
wait_screen "again: welcomed back by name" two "Sam"
prompt_ready two 1
tm send-keys -t two Up
if wait_count two "you> thanks" 1; then
	pass "again: Up recalls the last line of the previous session"
else
	fail "again: Up recalls the last line of the previous session" \
	    "the screen: $(screen two | sed '/^$/d' | tail -5)"
fi
tm send-keys -t two C-u "/quit" Enter
expect_eq "/quit: jumbo exits with status 0" "$(wait_exit two)" 0

say "-c continues in the REPL"
jumbo history --json
latest=$(pyout 'L[0]["id"]')
start three -c
wait_screen "-c: says it continues" three "Continuing conversation"
prompt_ready three 1
tm send-keys -t three "one more about kayaks" Enter
prompt_ready three 2
tm send-keys -t three C-d
expect_eq "-c: Ctrl-D exits with status 0" "$(wait_exit three)" 0
jumbo history show "$latest" --json
expect_eq "-c: the message went to the latest conversation" \
    "$(pyout '[m["text"] for m in j["messages"] if m["role"] == "user"][-1]')" \
    "one more about kayaks"

say "a model's reply in the REPL"
MOCK="$JUMBO_BUILD/tests/mock-llm"
[ -x "$MOCK" ] || fatal "model: mock" "no $MOCK (build the mock-llm target)"
command -v curl >/dev/null 2>&1 || fatal "model: curl" "curl(1) is needed"
{
	"$MOCK" -d "$JUMBO_SRC/tests/mock/fixtures" -l "$TMP/requests.log" \
	    -t 5 >"$TMP/mock.out" 2>"$TMP/mock.err" &
	mock_pid=$!
	at_exit "kill $mock_pid 2>/dev/null"
	wait_for "model: the mock server starts" 50 grep -q '^listening on' \
	    "$TMP/mock.out" || fatal "model: mock" "$(cat "$TMP/mock.err")"
	port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' \
	    "$TMP/mock.out")
	queue()
	{
		curl -sS --noproxy '*' -X POST "$@" \
		    "http://127.0.0.1:$port/mock/next" >/dev/null
	}
	printf 'analysis = builtin\n' >"$JUMBO_HOME/config"
	tm new-session -d -s four -x 100 -y 30 \
	    "trap : INT; env HOME='$HOME' JUMBO_HOME='$JUMBO_HOME' LC_ALL=C.UTF-8 OPENAI_API_KEY=sk-repl-test OPENAI_BASE_URL=http://127.0.0.1:$port/v1 '$JUMBO' --plain -m openai:gpt-4o-mini; s=\$?; echo; echo \"jumbo exited with status \$s\""
	wait_screen "model: the greeting (built in)" four "Sam"
	prompt_ready four 1
	tm send-keys -t four "good morning" Enter
	wait_screen "model: the streamed reply shows" four \
	    "jumbo> Good morning! The kettle is on"
	prompt_ready four 2

	queue -H 'X-Mock-Fixture: gen:400' -H 'X-Mock-Mode: pace:40'
	tm send-keys -t four "tell me a long story" Enter
	wait_screen "model: a slow reply starts" four "kettle"
	tm send-keys -t four C-c
	wait_screen "model: Ctrl-C stops the reply" four "(stopped)"
	prompt_ready four 3

	queue -H 'X-Mock-Status: 429' -H 'X-Mock-Retry-After: 1'
	tm send-keys -t four "and again" Enter
	wait_screen "model: a busy server is retried, visibly" four \
	    "retrying in 1s"
	prompt_ready four 4
	expect_eq "model: the retried reply came" \
	    "$(count_screen four 'jumbo> Good morning! The kettle is on')" 2
	tm send-keys -t four C-d
	expect_eq "model: Ctrl-D exits with status 0" "$(wait_exit four)" 0
	rm -f "$JUMBO_HOME/config"

	jumbo history --json
	jumbo history show "$(pyout 'L[0]["id"]')" --json
	expect_eq "model: the stopped reply is kept, marked cancelled" \
	    "$(pyout '[m.get("status", "complete") for m in j["messages"] if m["role"] == "assistant"]')" \
	    '["complete", "complete", "cancelled", "complete"]'
}

finish
