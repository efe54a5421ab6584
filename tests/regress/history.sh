# jumbo history: list conversations, show one (by id or unique prefix,
# as text or JSON), delete one (then it is gone from the list and from
# search); unknown ids are runtime errors.
. "$(dirname "$0")/lib.sh"

say "an empty history"
jumbo history
expect_exit "empty: exit status" 0
jumbo history --json
expect_exit "empty --json: exit status" 0
expect_empty "empty --json: nothing on stdout" "$OUT"
if [ -e "$JUMBO_HOME/jumbo.db" ]; then
	fail "empty: reading creates no database" "$JUMBO_HOME/jumbo.db exists"
else
	pass "empty: reading creates no database"
fi

# A first run creates jumbo.db empty, then puts the schema in: a jumbo
# that reads in between (another terminal) sees an empty store.
mkdir "$TMP/being-created"
: >"$TMP/being-created/jumbo.db"
run env JUMBO_HOME="$TMP/being-created" "$JUMBO" history
expect_exit "empty jumbo.db (a store being created): history reads it as empty" 0
run env JUMBO_HOME="$TMP/being-created" "$JUMBO" search anything
expect_exit "empty jumbo.db (a store being created): search reads it as empty" 0

say "three conversations"
jumbo --json "planning a trip to Lisbon with pastelwords"
a=$(json_conversation)
jumbo --json -c "the tram rides were pastelwords too"
jumbo --json "my cello lesson with vibratotoken"
b=$(json_conversation)
jumbo --json "gardening notes about turnipseed"
c=$(json_conversation)

say "the list"
jumbo history
expect_exit "list: exit status" 0
expect_lines "list: one line a conversation" "$OUT" 3
expect_contains "list: shows the first title" "$OUT" "planning a trip to Lisbon"
expect_contains "list: shows the second title" "$OUT" "my cello lesson"
expect_contains "list: shows the third title" "$OUT" "gardening notes"
expect_eq "list: newest first" \
    "$(printf '%s\n' "$OUT" | head -n 1 | grep -c 'gardening notes')" "1"
jumbo history --json
expect_exit "list --json: exit status" 0
expect_lines "list --json: one line a conversation" "$OUT" 3
expect_eq "list --json: ids newest first" "$(pyout '[o["id"] for o in L]')" \
    "[\"$c\", \"$b\", \"$a\"]"
expect_eq "list --json: message counts" \
    "$(pyout '[o["messages"] for o in L]')" "[2, 2, 4]"
expect_eq "list --json: fields" \
    "$(pyout 'sorted(set(k for o in L for k in ("id", "title", "created", "updated", "messages") if k not in o))')" \
    "[]"
jumbo history -n 2 --json
expect_lines "list -n 2: two conversations" "$OUT" 2

say "the ids the list shows can be given to history show"
jumbo history
shown=$(printf '%s\n' "$OUT" | awk '{ print $1 }')
refused=
for id in $shown; do
	jumbo history show "$id"
	if [ "$RC" -ne 0 ]; then
		refused="$refused $id ($ERR)"
	fi
done
expect_eq "list ids: every id as listed is accepted by history show (refused:)" \
    "$refused" ""

say "show by full id"
jumbo history show "$a"
expect_exit "show: exit status" 0
expect_contains "show: the first message" "$OUT" "planning a trip to Lisbon"
expect_contains "show: the second message" "$OUT" "the tram rides were pastelwords too"
expect_not_contains "show: not another conversation" "$OUT" "cello"
jumbo history show "$a" --json
expect_exit "show --json: exit status" 0
expect_lines "show --json: one line" "$OUT" 1
expect_eq "show --json: the id" "$(pyout 'j["id"]')" "$a"
expect_eq "show --json: the messages in order" \
    "$(pyout '[m["role"] for m in j["messages"]]')" \
    '["user", "assistant", "user", "assistant"]'
expect_eq "show --json: the texts" \
    "$(pyout '[m["text"] for m in j["messages"] if m["role"] == "user"]')" \
    '["planning a trip to Lisbon with pastelwords", "the tram rides were pastelwords too"]'
expect_eq "show --json: message fields" \
    "$(pyout 'sorted(set(k for m in j["messages"] for k in ("id", "conversation", "role", "speaker", "time", "text") if k not in m))')" \
    "[]"
expect_eq "show --json: messages name their conversation" \
    "$(pyout 'all(m["conversation"] == j["id"] for m in j["messages"])')" "true"

say "show by unique prefix"
prefix=$("$JUMBO" history --json </dev/null | py '
(lambda ids, me: next(me[:n] for n in range(4, len(me) + 1)
    if sum(1 for i in ids if i.startswith(me[:n])) == 1))(
    [o["id"] for o in L], "'"$b"'")')
jumbo history show "$prefix" --json
expect_exit "show prefix ($prefix): exit status" 0
expect_eq "show prefix: the conversation" "$(pyout 'j["id"]')" "$b"

say "show an unknown id"
jumbo history show no-such-conversation
expect_exit "show unknown: exit status 1" 1
expect_error_line "show unknown: one error line naming it" "no-such-conversation"

say "delete"
jumbo search --json pastelwords
expect_lines "delete: search finds the messages first" "$OUT" 2
jumbo history delete -y "$a"
expect_exit "delete -y: exit status" 0
expect_empty "delete -y: nothing on stdout" "$OUT"
jumbo history --json
expect_eq "delete: gone from the list" "$(pyout '[o["id"] for o in L]')" \
    "[\"$c\", \"$b\"]"
jumbo search --json pastelwords
expect_exit "delete: search exit status" 0
expect_empty "delete: gone from search" "$OUT"
jumbo search --json Lisbon
expect_empty "delete: gone from search (another word)" "$OUT"
jumbo history show "$a"
expect_exit "delete: show then exits 1" 1
jumbo export
expect_not_contains "delete: gone from export" "$OUT" "pastelwords"
expect_contains "delete: the others stay" "$OUT" "vibratotoken"
jumbo search --json vibratotoken
expect_lines "delete: the others stay searchable" "$OUT" 1

say "delete unknown"
n_before=$(message_count)
jumbo history delete -y no-such-conversation
expect_exit "delete unknown: exit status 1" 1
expect_error_line "delete unknown: one error line naming it" "no-such-conversation"
expect_eq "delete unknown: nothing deleted" "$(message_count)" "$n_before"
jumbo history delete -y "$a"
expect_exit "delete twice: exit status 1" 1

say "usage errors"
jumbo history show
expect_exit "show without id: exit status 2" 2
jumbo history frobnicate "$b"
expect_exit "unknown history command: exit status 2" 2
jumbo history delete
expect_exit "delete without id: exit status 2" 2
expect_eq "usage errors: nothing deleted" "$(message_count)" "$n_before"

finish
