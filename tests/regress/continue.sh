# Conversations: a message starts a new one; -c continues the latest, -C
# a given one (by a unique prefix of its id); --new starts one; -c with -C
# is a usage error; an unknown id is a runtime error.
. "$(dirname "$0")/lib.sh"

# unique_prefix ID: the shortest prefix (at least 4 characters) of
# conversation ID that no other conversation's id starts with.
unique_prefix()
{
	"$JUMBO" history --json </dev/null | py '
(lambda ids, me: next(me[:n] for n in range(4, len(me) + 1)
    if sum(1 for i in ids if i.startswith(me[:n])) == 1))(
    [o["id"] for o in L], "'"$1"'")'
}

say "-c with nothing to continue starts a conversation"
jumbo --json -c "the first thing I ever said"
expect_exit "-c first: exit status" 0
a=$(json_conversation)
expect_nonempty "-c first: a conversation" "$a"

say "a plain message starts a new conversation"
jumbo --json "a brand new topic about lanterns"
expect_exit "new: exit status" 0
b=$(json_conversation)
expect_ne "new: not the previous conversation" "$b" "$a"

say "-c continues the most recent conversation"
jumbo --json -c "more about lanterns"
expect_exit "-c: exit status" 0
expect_eq "-c: same conversation id" "$(json_conversation)" "$b"
jumbo --json --continue "and even more about lanterns"
expect_eq "--continue: same conversation id" "$(json_conversation)" "$b"
jumbo -c "plain output continues too"
expect_exit "-c plain: exit status" 0
jumbo history show "$b" --json
expect_eq "-c: every message is in the conversation" \
    "$(pyout '[m["text"] for m in j["messages"] if m["role"] == "user"]')" \
    '["a brand new topic about lanterns", "more about lanterns", "and even more about lanterns", "plain output continues too"]'
expect_eq "-c: each message has a reply" \
    "$(pyout 'len([m for m in j["messages"] if m["role"] == "assistant"])')" "4"

say "--new starts a conversation"
jumbo --json --new "something else entirely"
expect_exit "--new: exit status" 0
c=$(json_conversation)
expect_ne "--new: not the latest" "$c" "$b"
expect_ne "--new: not the first" "$c" "$a"

say "-C continues a given conversation by a unique prefix"
pa=$(unique_prefix "$a")
expect_nonempty "-C: a unique prefix of the first conversation" "$pa"
jumbo --json -C "$pa" "back to the very beginning"
expect_exit "-C prefix: exit status" 0
expect_eq "-C prefix: the given conversation" "$(json_conversation)" "$a"
jumbo --json -C "$b" "full id works too"
expect_exit "-C full id: exit status" 0
expect_eq "-C full id: the given conversation" "$(json_conversation)" "$b"
jumbo --json --conversation="$pa" "long form with ="
expect_eq "--conversation=ID: the given conversation" "$(json_conversation)" "$a"
jumbo --json "-C$pa" "short form stuck to its value"
expect_eq "-CID: the given conversation" "$(json_conversation)" "$a"
jumbo history show "$a" --json
expect_eq "-C: messages went to the first conversation" \
    "$(pyout '[m["text"] for m in j["messages"] if m["role"] == "user"]')" \
    '["the first thing I ever said", "back to the very beginning", "long form with =", "short form stuck to its value"]'

say "-c after -C continues the conversation written last"
jumbo --json -c "where was I"
expect_eq "-c after -C: the conversation written last" \
    "$(json_conversation)" "$a"

say "-C with an unknown id"
n_before=$(message_count)
jumbo -C zzzz-no-such-id "hello"
expect_exit "-C unknown: exit status 1" 1
expect_error_line "-C unknown: one error line naming the id" "zzzz-no-such-id"
expect_eq "-C unknown: nothing stored" "$(message_count)" "$n_before"

say "-C with an ambiguous prefix"
printf '%s\n' \
    '{"id": "amb-m1", "conversation": "amb-one", "role": "user", "text": "first ambiguous", "time": "2024-01-01T00:00:00Z"}' \
    '{"id": "amb-m2", "conversation": "amb-two", "role": "user", "text": "second ambiguous", "time": "2024-01-01T00:00:01Z"}' \
    >"$TMP/amb.jsonl"
jumbo_ok "ambiguous: import two conversations" import "$TMP/amb.jsonl"
n_before=$(message_count)
jumbo -C amb- "which one"
expect_exit "-C ambiguous: exit status 1" 1
expect_error_line "-C ambiguous: one error line naming the prefix" "amb-"
expect_eq "-C ambiguous: nothing stored" "$(message_count)" "$n_before"
jumbo --json -C amb-t "the second one"
expect_exit "-C amb-t: exit status" 0
expect_eq "-C amb-t: the conversation it names" "$(json_conversation)" "amb-two"

say "usage errors"
n_before=$(message_count)
jumbo -c -C "$pa" "both"
expect_exit "-c with -C: exit status 2" 2
expect_error_line "-c with -C: one error line" "-C"
jumbo --new -c "both"
expect_exit "--new with -c: exit status 2" 2
jumbo --new -C "$pa" "both"
expect_exit "--new with -C: exit status 2" 2
jumbo -C
expect_exit "-C without a value: exit status 2" 2
expect_error_line "-C without a value: one error line" "-C"
jumbo -C "" "hello"
expect_exit "-C with an empty value: exit status 2" 2
jumbo history -c
expect_exit "-c with a command: exit status 2" 2
expect_eq "usage errors: nothing stored" "$(message_count)" "$n_before"

finish
