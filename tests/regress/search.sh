# jumbo search: ranked full-text search over every message, JSON lines
# with the imported ids, stemming, FTS syntax in a query taken as plain
# words, and no results as a quiet success.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/messages.jsonl" <<'EOF'
{"id": "s1", "conversation": "c-run", "role": "user", "speaker": "Caroline", "text": "I went running along the river this morning", "time": "2023-05-08T13:56:00Z"}
{"id": "s2", "conversation": "c-run", "role": "assistant", "speaker": "jumbo", "text": "A river path sounds lovely for that.", "time": "2023-05-08T13:56:05Z"}
{"id": "s3", "conversation": "c-run", "role": "user", "speaker": "Caroline", "text": "My brother runs marathons every spring", "time": "2023-05-08T14:00:00Z"}
{"id": "s4", "conversation": "c-shoes", "role": "user", "speaker": "Melanie", "text": "running shoes, running socks and a running watch: new shoes for the season", "time": "2023-05-09T09:00:00Z"}
{"id": "s5", "conversation": "c-garden", "role": "user", "speaker": "Melanie", "text": "We planted tomatoes and basil in the garden", "time": "2023-05-09T10:00:00Z"}
{"id": "s6", "conversation": "c-garden", "role": "assistant", "speaker": "jumbo", "text": "The garden will love the rain this week.", "time": "2023-05-09T10:00:30Z"}
{"id": "s7", "conversation": "c-misc", "role": "user", "speaker": "Caroline", "text": "She said \"hello\" AND waved NEAR the door (then left) - quietly*", "time": "2023-05-10T08:00:00Z"}
{"id": "s8", "conversation": "c-misc", "role": "user", "speaker": "Caroline", "text": "We met at the café on the corner", "time": "2023-05-10T08:05:00Z"}
EOF

say "import the messages"
jumbo import "$TMP/messages.jsonl"
expect_exit "import: exit status" 0
expect_eq "import: eight messages" "$(message_count)" 8

say "ranked JSON results"
jumbo search --json -n 3 running shoes
expect_exit "running shoes: exit status" 0
expect_empty "running shoes: nothing on stderr" "$ERR"
expect_eq "running shoes: at most 3 lines, each an object" \
    "$(pyout 'len(L) <= 3 and len(L) > 0 and all(isinstance(o, dict) for o in L)')" "true"
expect_eq "running shoes: every line has the fields" \
    "$(pyout 'sorted(set(k for o in L for k in ("id", "conversation", "role", "speaker", "time", "text", "score") if k not in o))')" \
    "[]"
expect_eq "running shoes: best first is the message with both words" \
    "$(pyout 'L[0]["id"]')" "s4"
expect_eq "running shoes: scores are numbers, best first" \
    "$(pyout 'all(isinstance(o["score"], (int, float)) for o in L) and all(L[i]["score"] >= L[i + 1]["score"] for i in range(len(L) - 1))')" \
    "true"
expect_eq "running shoes: the imported fields, as imported" \
    "$(pyout '[L[0][k] for k in ("id", "conversation", "role", "speaker", "time", "text")]')" \
    '["s4", "c-shoes", "user", "Melanie", "2023-05-09T09:00:00Z", "running shoes, running socks and a running watch: new shoes for the season"]'

jumbo search --json garden
expect_exit "garden: exit status" 0
expect_eq "garden: both garden messages" "$(pyout 'sorted(o["id"] for o in L)')" \
    '["s5", "s6"]'
expect_eq "garden: an assistant message as imported" \
    "$(pyout '[[o["role"], o["speaker"], o["conversation"], o["time"]] for o in L if o["id"] == "s6"]')" \
    '[["assistant", "jumbo", "c-garden", "2023-05-09T10:00:30Z"]]'
jumbo search --json GARDEN
expect_eq "GARDEN: case does not matter" "$(pyout 'sorted(o["id"] for o in L)')" \
    '["s5", "s6"]'

say "-n limits the results"
jumbo search --json -n 1 running
expect_lines "-n 1: one line" "$OUT" 1
jumbo search --json --limit=2 running
expect_lines "--limit=2: two lines" "$OUT" 2
jumbo search -n 0 running
expect_exit "-n 0: usage error" 2
jumbo search -n lots running
expect_exit "-n lots: usage error" 2

say "stemming"
jumbo search --json run
expect_exit "run: exit status" 0
# Search also brings the turns around a hit (a reply often holds the
# answer), so these check what must be found, and what comes first.
expect_eq "run: finds running and runs" \
    "$(pyout 'sorted({"s1", "s3", "s4"} - {o["id"] for o in L})')" '[]'
jumbo search --json running
expect_eq "running: finds runs too" \
    "$(pyout 'sorted({"s1", "s3", "s4"} - {o["id"] for o in L})')" '[]'
jumbo search --json marathon
expect_eq "marathon: marathons first" "$(pyout 'L[0]["id"]')" s3
jumbo search --json tomato
expect_eq "tomato: tomatoes first" "$(pyout 'L[0]["id"]')" s5
jumbo search --json cafe
expect_eq "cafe: finds café" "$(pyout '[o["id"] for o in L]')" '["s8"]'

say "plain output"
jumbo search --json marathons
results=$(printf '%s\n' "$OUT" | grep -c .)
jumbo search marathons
expect_exit "plain: exit status" 0
expect_contains "plain: shows the text" "$OUT" "My brother runs marathons every spring"
expect_lines "plain: one line a result" "$OUT" "$results"

say "FTS syntax in a query is not an error"
for q in '"' '""' '"garden' 'garden"' 'garden*' '*' 'garden AND' 'AND' \
    'NEAR(' 'NEAR(garden' 'NEAR(garden rain, 2)' 'garden OR' 'OR' 'NOT' \
    '-garden' 'text:garden' 'speaker:Melanie' '^garden' '(' ')' "'" \
    '{garden}' 'garden + rain' ':' 'she said "hello" AND waved' \
    'quietly*' '(then left)' '%' '\' ';' "'; DROP TABLE messages; --"; do
	jumbo search --json -- "$q"
	if [ "$RC" -ne 0 ] || grep -q '^jumbo: ' "$TMP/.err"; then
		fail "query [$q]: no error" "exit $RC: $ERR"
	elif ! pyout 'all(isinstance(o, dict) for o in L)' | grep -q true; then
		fail "query [$q]: JSON lines" "$OUT"
	else
		pass "query [$q]: no error"
	fi
done
jumbo search --json -- 'she said "hello" AND waved NEAR the door'
expect_eq "quotes and operators: finds the message holding them" \
    "$(pyout 'L[0]["id"] if L else None')" "s7"
jumbo search --json 'garden*'
expect_eq "garden*: the words are searched" \
    "$(pyout 'sorted(o["id"] for o in L)')" '["s5", "s6"]'
expect_eq "store intact after odd queries" "$(message_count)" 8

say "no results"
jumbo search --json zzyzx
expect_exit "no results --json: exit status 0" 0
expect_empty "no results --json: nothing on stdout" "$OUT"
jumbo search zzyzx
expect_exit "no results: exit status 0" 0
expect_empty "no results: nothing on stdout" "$OUT"
jumbo search --json the
expect_exit "stopwords only: exit status 0" 0
jumbo search --json '!!!'
expect_exit "no words: exit status 0" 0
expect_empty "no words: nothing on stdout" "$OUT"

say "usage"
jumbo search
expect_exit "no query: exit status 2" 2
expect_error_line "no query: one error line" "search"

say "messages from turns are found too"
jumbo "I adopted a hedgehog named Quillon"
jumbo search --json quillon
expect_eq "turn: found" "$(pyout 'L[0]["text"] if L else None')" \
    "I adopted a hedgehog named Quillon"
expect_eq "turn: role user" "$(pyout 'L[0]["role"] if L else None')" "user"

say "an empty store"
export JUMBO_HOME="$TMP/empty"
jumbo search --json garden
expect_exit "empty store: exit status 0" 0
expect_empty "empty store: nothing on stdout" "$OUT"

finish
