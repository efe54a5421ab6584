# Fact memory through the binary: told in one conversation, recalled in a
# new one, superseded with history kept, lists kept as lists, nothing
# taken from questions or hypotheticals, and forgotten for real: gone
# from recall, from `jumbo search`, and from the bytes of jumbo.db.
. "$(dirname "$0")/lib.sh"

jumbo_ok "set a name" profile name Harsha

say "told in one conversation"
jumbo --json "My best friends are Charvik and Devansh"
expect_exit "friends: exit status" 0
expect_eq "friends: two facts learned" \
    "$(pyout 'sorted(f["object"] for f in j["facts"])')" \
    '["Charvik", "Devansh"]'
expect_contains "friends: confirmed in the reply" "$(pyout 'j["reply"]')" \
    "Charvik and Devansh"
jumbo -c "I live in Boston with my dog Rex"
expect_exit "lives in: exit status" 0
jumbo -c "My sister's name is Ana"
expect_exit "sister: exit status" 0
expect_contains "sister: confirmed" "$OUT" "Ana"

say "recalled in a new conversation"
jumbo "Do you remember my friends?"
expect_exit "recall friends: exit status" 0
expect_contains "recall friends: yes" "$OUT" "Yes"
expect_contains "recall friends: Charvik" "$OUT" "Charvik"
expect_contains "recall friends: Devansh" "$OUT" "Devansh"
jumbo "Where do I live?"
expect_contains "recall home: Boston" "$OUT" "Boston"
jumbo "Who is my sister?"
expect_contains "recall sister: Ana" "$OUT" "Ana"
jumbo "When is my birthday?"
expect_exit "unknown: exit status" 0
expect_not_contains "unknown: does not pad with other facts" "$OUT" \
    "Charvik"
expect_contains_i "unknown: says it does not know" "$OUT" "haven't told me"
jumbo "What do you remember about me?"
expect_contains "everything: friends" "$OUT" "Devansh"
expect_contains "everything: home" "$OUT" "Boston"

say "not from questions or hypotheticals"
jumbo "If I lived in Paris I would walk everywhere"
jumbo "Do you think I should move to Rome?"
jumbo facts --json
expect_not_contains "hypothetical: no Paris" "$OUT" "Paris"
expect_not_contains "question: no Rome" "$OUT" "Rome"

say "superseded, with history kept"
jumbo --json "Actually, I moved to Berlin"
expect_exit "moved: exit status" 0
jumbo "Where do I live?"
expect_contains "moved: Berlin now" "$OUT" "Berlin"
expect_not_contains "moved: not Boston" "$OUT" "Boston"
jumbo facts --json
expect_eq "current facts: Berlin, not Boston" \
    "$(pyout '[f["object"] for f in L if f["relation"] == "lives_in"]')" \
    '["Berlin"]'
jumbo facts --all --json
expect_eq "history: Boston kept, until Berlin" \
    "$(pyout '[(f["object"], "until" in f) for f in L if f["relation"] == "lives_in"]')" \
    '[["Boston", true], ["Berlin", false]]'

say "the same fact twice is one"
jumbo "My sister is Ana"
jumbo facts --json
expect_eq "sister once" "$(pyout 'sum(1 for f in L if f["object"] == "Ana")')" 1

say "forgotten for real"
jumbo search Berlin
expect_contains "before: search finds Berlin" "$OUT" "Berlin"
jumbo "forget where I live"
expect_exit "forget: exit status" 0
expect_contains_i "forget: confirmed" "$OUT" "forgotten"
expect_not_contains "forget: the reply does not repeat it" "$OUT" "Berlin"
jumbo "Where do I live?"
expect_not_contains "forget: not recalled (Berlin)" "$OUT" "Berlin"
expect_not_contains "forget: not recalled (Boston)" "$OUT" "Boston"
jumbo search Berlin
expect_empty "forget: search finds no Berlin" "$OUT"
jumbo search Boston
expect_empty "forget: search finds no Boston" "$OUT"
jumbo facts --all --json
expect_not_contains "forget: history gone too" "$OUT" "Boston"
for f in "$JUMBO_HOME"/jumbo.db*; do
	if grep -a -q -e Berlin -e Boston "$f"; then
		fail "forget: $(basename "$f") bytes" "still holds the words"
	else
		pass "forget: $(basename "$f") holds neither word"
	fi
done
expect_eq "forget: integrity" "$(sql 'PRAGMA integrity_check')" ok

say "facts forget ID|TEXT"
jumbo facts --json
id=$(pyout '[f["id"] for f in L if f["object"] == "Ana"][0]')
jumbo facts forget -y "$id"
expect_exit "facts forget ID: exit status" 0
jumbo facts --json
expect_not_contains "facts forget ID: gone" "$OUT" '"Ana"'
jumbo facts forget -y Charvik
expect_exit "facts forget TEXT: exit status" 0
jumbo search Charvik
expect_empty "facts forget TEXT: not in search" "$OUT"
jumbo facts forget -y Nobody
expect_exit "facts forget unknown: exit 1" 1

say "forget that"
jumbo "I'm allergic to peanuts"
jumbo -c "forget that"
expect_contains_i "forget that: confirmed" "$OUT" "forgotten"
expect_not_contains "forget that: not repeated" "$OUT" "peanuts"
jumbo facts --json
expect_not_contains "forget that: gone" "$OUT" "peanuts"

say "facts add and edit"
jumbo facts add "my brother is Omar"
expect_exit "facts add: exit status" 0
jumbo facts --json
id=$(pyout '[f["id"] for f in L if f["object"] == "Omar"][0]')
jumbo facts edit "$id" Omer
expect_exit "facts edit: exit status" 0
jumbo facts --json
expect_contains "facts edit: new value" "$OUT" '"Omer"'
jumbo facts add "the weather is nice"
expect_exit "facts add nothing: exit 1" 1

finish
