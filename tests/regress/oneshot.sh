# One-shot use: jumbo "message" answers and exits; output to a pipe is
# plain text, errors go to standard error only; --version, --help; and
# "jumbo -- WORD" sends a command's name as a message.
. "$(dirname "$0")/lib.sh"

say "a message answers and exits 0"
jumbo "hello there"
expect_exit "oneshot: exit status" 0
expect_nonempty "oneshot: a reply on stdout" "$OUT"
expect_empty "oneshot: nothing on stderr" "$ERR"
expect_eq "oneshot: the reply ends in a newline" \
    "$(tail -c 1 "$TMP/.out" | od -An -tx1 | tr -d ' ')" "0a"
if [ -f "$JUMBO_HOME/jumbo.db" ]; then
	pass "oneshot: the store is created in JUMBO_HOME"
else
	fail "oneshot: the store is created in JUMBO_HOME" "no $JUMBO_HOME/jumbo.db"
fi
if [ -z "$(ls -A "$HOME")" ]; then
	pass "oneshot: nothing written to HOME when JUMBO_HOME is set"
else
	fail "oneshot: nothing written to HOME when JUMBO_HOME is set" "$(ls -A "$HOME")"
fi

say "several words are one message"
jumbo how was the marmalade today
expect_exit "words: exit status" 0
jumbo history --json
jumbo history show "$(pyout 'L[0]["id"]')" --json
expect_eq "words: joined with spaces into one message" \
    "$(pyout 'j["messages"][0]["text"]')" "how was the marmalade today"

say "--incognito leaves no trace"
run env JUMBO_HOME="$TMP/incognito" "$JUMBO" --incognito "a secret about ferns"
expect_exit "incognito (no store): exit status" 0
expect_nonempty "incognito (no store): a reply" "$OUT"
if [ -e "$TMP/incognito/jumbo.db" ]; then
	fail "incognito (no store): no database created" "$TMP/incognito/jumbo.db exists"
else
	pass "incognito (no store): no database created"
fi
snapshot "$TMP/before-incognito"
jumbo --incognito "another secret about ferns"
expect_exit "incognito: exit status" 0
snapshot "$TMP/after-incognito"
if cmp -s "$TMP/before-incognito" "$TMP/after-incognito"; then
	pass "incognito: nothing stored"
else
	fail "incognito: nothing stored" "$(diff "$TMP/before-incognito" "$TMP/after-incognito" | head -5)"
fi
jumbo search ferns
expect_empty "incognito: not searchable" "$OUT"

say "plain output when stdout is not a terminal"
TERM=xterm-256color
export TERM
jumbo "what a lovely morning"
if has_escape "$TMP/.out"; then
	fail "plain: no escape bytes in a reply to a pipe" "$(od -c "$TMP/.out" | head -5)"
else
	pass "plain: no escape bytes in a reply to a pipe"
fi
jumbo history
if has_escape "$TMP/.out"; then
	fail "plain: no escape bytes in history to a pipe" "$(od -c "$TMP/.out" | head -5)"
else
	pass "plain: no escape bytes in history to a pipe"
fi
jumbo search marmalade
if has_escape "$TMP/.out"; then
	fail "plain: no escape bytes in search to a pipe" "$(od -c "$TMP/.out" | head -5)"
else
	pass "plain: no escape bytes in search to a pipe"
fi
expect_contains "plain: search finds the message" "$OUT" "marmalade"

say "NO_COLOR on a terminal"
if command -v script >/dev/null 2>&1 &&
    script -qec true /dev/null >/dev/null 2>&1; then
	NO_COLOR=1 script -qec "\"$JUMBO\" history" /dev/null \
	    >"$TMP/tty-nocolor" 2>&1 </dev/null || true
	if ! grep -q marmalade "$TMP/tty-nocolor"; then
		fail "NO_COLOR: history runs on a terminal" "$(cat "$TMP/tty-nocolor")"
	elif has_escape "$TMP/tty-nocolor"; then
		fail "NO_COLOR: no escape bytes on a terminal" "$(od -c "$TMP/tty-nocolor" | head -5)"
	else
		pass "NO_COLOR: no escape bytes on a terminal"
	fi
	NO_COLOR=1 script -qec "\"$JUMBO\" search marmalade" /dev/null \
	    >"$TMP/tty-nocolor" 2>&1 </dev/null || true
	if has_escape "$TMP/tty-nocolor"; then
		fail "NO_COLOR: no escape bytes in search on a terminal" "$(od -c "$TMP/tty-nocolor" | head -5)"
	else
		pass "NO_COLOR: no escape bytes in search on a terminal"
	fi
else
	echo "   (no script(1) with a pseudo-terminal here: terminal checks skipped)"
fi
run env NO_COLOR=1 "$JUMBO" "and a quiet evening"
expect_exit "NO_COLOR: a turn works" 0
if has_escape "$TMP/.out"; then
	fail "NO_COLOR: no escape bytes" "$(od -c "$TMP/.out" | head -5)"
else
	pass "NO_COLOR: no escape bytes"
fi
unset TERM

say "errors go to stderr only"
jumbo -C no-such-conversation "hello"
expect_exit "errors: unknown conversation exits 1" 1
expect_error_line "errors: one error line on stderr, nothing on stdout" "no-such-conversation"
jumbo --no-such-option
expect_exit "errors: unknown option exits 2" 2
expect_error_line "errors: usage error on stderr only" "--no-such-option"
jumbo history show
expect_exit "errors: history show without an id exits 2" 2
expect_empty "errors: usage error prints nothing on stdout" "$OUT"

say "--version and --help"
jumbo --version
expect_exit "--version: exit status" 0
expect_contains "--version: names jumbo" "$OUT" "jumbo"
expect_lines "--version: one line" "$OUT" 1
expect_empty "--version: nothing on stderr" "$ERR"
jumbo -V
expect_exit "-V: exit status" 0
for opt in --help -h help; do
	jumbo $opt
	expect_exit "$opt: exit status" 0
	expect_empty "$opt: nothing on stderr" "$ERR"
	missing=
	for word in greet profile history search import export config \
	    --continue --conversation --json --version; do
		case "$OUT" in
		*"$word"*) ;;
		*) missing="$missing $word" ;;
		esac
	done
	expect_eq "$opt: mentions the commands and options (missing:)" \
	    "$missing" ""
done
jumbo search --help
expect_exit "search --help: exit status" 0
expect_contains "search --help: shows the search usage" "$OUT" "jumbo search"
jumbo help history
expect_exit "help history: exit status" 0
expect_contains "help history: shows the history usage" "$OUT" "history show"
n_before=$(message_count)
jumbo --help "this is not sent"
expect_exit "--help with words: exit status" 0
expect_eq "--help with words: sends nothing" "$(message_count)" "$n_before"

say "jumbo -- history sends the word"
jumbo history --json
before=$(printf '%s\n' "$OUT" | grep -c . || true)
jumbo -- history
expect_exit "-- history: exit status" 0
expect_nonempty "-- history: a reply" "$OUT"
jumbo history --json
after=$(printf '%s\n' "$OUT" | grep -c . || true)
expect_eq "-- history: one more conversation" "$after" "$((before + 1))"
expect_eq "-- history: titled by the message" "$(pyout 'L[0]["title"]')" "history"
jumbo history show "$(pyout 'L[0]["id"]')" --json
expect_eq "-- history: the user said \"history\"" \
    "$(pyout '[m["text"] for m in j["messages"] if m["role"] == "user"]')" \
    '["history"]'
jumbo -- search for my keys
expect_exit "-- search: exit status" 0
jumbo history --json
expect_eq "-- search: sent as a message" "$(pyout 'L[0]["title"]')" \
    "search for my keys"

finish
