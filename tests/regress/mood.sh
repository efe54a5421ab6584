# Mood through the binary: each message's mood in --json, the daily
# timeline (table when piped, --json), `mood analyze` on stdin lines, and
# the summaries: one per turn, older turns folded into a rolling one.
. "$(dirname "$0")/lib.sh"

jumbo_ok "set a name" profile name Harsha

say "a mixed mood stays mixed"
jumbo --json "I aced my exam but I'm exhausted"
expect_exit "mixed: exit status" 0
expect_contains "mixed: label says both" "$(pyout 'j["mood"]["label"]')" \
    " but "
expect_eq "mixed: polarity" "$(pyout 'j["mood"]["polarity"]')" mixed
expect_eq "mixed: valence in range" \
    "$(pyout '-1 <= j["mood"]["valence"] <= 1')" "true"
expect_eq "mixed: summary is text" \
    "$(pyout 'isinstance(j["summary"], str) and len(j["summary"]) > 0')" \
    "true"
expect_contains "mixed: summary names the person" "$(pyout 'j["summary"]')" \
    "Harsha"
expect_contains_i "mixed: the reply reflects it" "$(pyout 'j["reply"]')" \
    "sounds"

say "negative and positive"
jumbo --json "I can't sleep and I'm so overwhelmed"
expect_eq "overwhelmed: negative" "$(pyout 'j["mood"]["valence"] < 0')" true
jumbo --json "I finally finished it!!!"
expect_eq "finished: positive" "$(pyout 'j["mood"]["valence"] > 0')" true

say "the timeline"
jumbo mood --json
expect_exit "mood --json: exit status" 0
expect_lines "mood --json: one day" "$OUT" 1
expect_eq "mood --json: today" "$(pyout 'L[0]["day"]')" "$(date -u +%Y-%m-%d)"
expect_eq "mood --json: three messages" "$(pyout 'L[0]["messages"]')" 3
jumbo mood
expect_exit "mood: exit status" 0
expect_contains "mood piped: a table header" "$OUT" "valence"
if has_escape "$TMP/.out"; then
	fail "mood piped: no escape codes" "found ESC"
else
	pass "mood piped: no escape codes"
fi
jumbo mood --days 0
expect_exit "mood --days 0: usage error" 2

say "mood analyze"
printf '%s\n' "I'm tired but proud" "meh" "" "WE WON!!! 🎉" >"$TMP/lines"
jumbo_stdin "$TMP/lines" mood analyze --json
expect_exit "analyze: exit status" 0
expect_lines "analyze: one line per input line" "$OUT" 4
expect_eq "analyze: fields" \
    "$(pyout 'all(set(x) == {"valence","arousal","label","emotions","polarity"} for x in L)')" \
    true
expect_eq "analyze: tired but proud" "$(pyout 'L[0]["label"]')" \
    "tired but proud"
expect_eq "analyze: empty line neutral" "$(pyout 'L[2]["valence"] == 0')" true
expect_eq "analyze: won is positive" "$(pyout 'L[3]["valence"] > 0')" true
jumbo_stdin "$TMP/lines" mood analyze
expect_lines "analyze plain: one line each" "$OUT" 4

say "summaries: per turn, older turns folded"
i=0
while [ "$i" -lt 12 ]; do
	jumbo_ok "turn $i" -c "Today I worked on the garden project, part $i"
	i=$((i + 1))
done
expect_eq "a summary per turn" \
    "$(sql "SELECT count(*) >= 12 FROM summaries WHERE kind = 'turn'")" 1
expect_eq "one rolling summary" \
    "$(sql "SELECT count(*) FROM summaries WHERE kind = 'rolling'")" 1
expect_contains "rolling: names the topics" \
    "$(sql "SELECT text FROM summaries WHERE kind = 'rolling'")" "garden"
expect_eq "messages kept" "$(message_count)" \
    "$(sql 'SELECT count(*) FROM messages')"

finish
