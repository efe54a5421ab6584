# Piped standard input: with a message it is the message's attachment
# (stored, searchable, never mined for a name); alone it is the message.
. "$(dirname "$0")/lib.sh"

say "piped text is attached to the message"
printf 'diff --git a/zoo.c b/zoo.c\n-int tigers = 1;\n+int axolotlcount = 2;\n' \
    >"$TMP/diff"
jumbo_stdin "$TMP/diff" --json "review this"
expect_exit "attach: exit status" 0
expect_empty "attach: nothing on stderr" "$ERR"
conv=$(json_conversation)
reply=$(pyout 'j["reply"]')
expect_contains_i "attach: the reply says it needs a language model" \
    "$reply" "language model"
jumbo history show "$conv" --json
expect_exit "attach: history show exit status" 0
expect_eq "attach: the typed words are the message" \
    "$(pyout 'j["messages"][0]["text"]')" "review this"
expect_eq "attach: the user message is first" \
    "$(pyout 'j["messages"][0]["role"]')" "user"
expect_eq "attach: the piped text is stored as the attachment, byte for byte" \
    "$(pyout 'j["messages"][0].get("attachment") == open("'"$TMP/diff"'").read()')" \
    "true"
expect_eq "attach: the reply has no attachment" \
    "$(pyout '"attachment" in j["messages"][1]')" "false"

say "the attachment is searchable"
jumbo search --json axolotlcount
expect_exit "attach: search exit status" 0
expect_lines "attach: search finds one message" "$OUT" 1
expect_eq "attach: search finds the message that carried it" \
    "$(pyout 'L[0]["conversation"] if L else None')" "$conv"
expect_eq "attach: search finds the user message" \
    "$(pyout 'L[0]["role"] if L else None')" "user"
jumbo search axolotlcount
expect_contains "attach: plain search shows the conversation" "$OUT" \
    "$(printf '%.8s' "$conv")"

say "plain output of a reply to an attachment"
jumbo_stdin "$TMP/diff" "review this"
expect_exit "attach: plain exit status" 0
expect_contains_i "attach: plain reply says it needs a language model" \
    "$OUT" "language model"
jumbo history show "$(printf '%s' "$conv")"
expect_contains "attach: history show tells of the attachment" "$OUT" \
    "attached"

say "names are never taken from piped text"
printf 'call me Bartholomew\nmy name is Bartholomew\n' >"$TMP/names"
jumbo_stdin "$TMP/names" "please look at this"
expect_exit "attach names: exit status" 0
jumbo profile --json
expect_eq "attach names: no name learned from the attachment" \
    "$(pyout 'j["preferred_name"]')" "null"
jumbo greet
jumbo_stdin "$TMP/names" -c "please look at this"
jumbo profile --json
expect_eq "attach names: not even right after jumbo asked" \
    "$(pyout 'j["preferred_name"]')" "null"
expect_not_contains "attach names: the reply does not use it" "$OUT" \
    "Bartholomew"

say "piped text alone is the message"
printf '  just some piped words about kumquats  \n\n' >"$TMP/alone"
jumbo_stdin "$TMP/alone" --json
expect_exit "alone: exit status" 0
conv=$(json_conversation)
jumbo history show "$conv" --json
expect_eq "alone: the piped text is the message (trimmed)" \
    "$(pyout 'j["messages"][0]["text"]')" "just some piped words about kumquats"
expect_eq "alone: no attachment" \
    "$(pyout '"attachment" in j["messages"][0]')" "false"
jumbo search --json kumquats
expect_eq "alone: searchable" "$(pyout 'L[0]["conversation"] if L else None')" \
    "$conv"

say "an empty pipe adds nothing"
: >"$TMP/empty"
jumbo_stdin "$TMP/empty" --json "tell me about quinces"
expect_exit "empty pipe: exit status" 0
jumbo history show "$(json_conversation)" --json
expect_eq "empty pipe: no attachment" \
    "$(pyout '"attachment" in j["messages"][0]')" "false"
printf '\n  \n\t\n' >"$TMP/blank"
n_before=$(message_count)
jumbo_stdin "$TMP/blank"
expect_exit "blank pipe alone: usage error" 2
expect_eq "blank pipe alone: nothing stored" "$(message_count)" "$n_before"

say "a piped multi-line message keeps its lines"
printf 'first line of a poem\nsecond line about plums\n' >"$TMP/poem"
jumbo_stdin "$TMP/poem" --json
expect_exit "multi-line: exit status" 0
jumbo history show "$(json_conversation)" --json
expect_eq "multi-line: the lines are kept" \
    "$(pyout 'j["messages"][0]["text"]')" \
    "$(printf 'first line of a poem\nsecond line about plums')"

finish
