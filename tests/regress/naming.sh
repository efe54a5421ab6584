# What jumbo calls the person: the first greeting uses the account name
# and asks; an answer is taken as the name; "call me X" changes it; and
# what is not a name ("I'm tired", "Hi", "I'm from Boston") is not taken.
. "$(dirname "$0")/lib.sh"

account=$(account_name)
echo "   (account name expected: $account)"

# preferred_name: what jumbo profile --json says.
preferred_name()
{
	jumbo profile --json
	pyout 'j["preferred_name"]'
}

# expect_name_kept CHECK NAME: the preferred name is still NAME; when it
# is not, it is put back so later checks are not confused.
expect_name_kept()
{
	lib_got=$(preferred_name)
	expect_eq "$1" "$lib_got" "$2"
	if [ "$lib_got" != "$2" ]; then
		"$JUMBO" profile name "$2" >/dev/null 2>&1 </dev/null || true
	fi
}

say "first contact"
jumbo greet
expect_exit "first greet: exit status" 0
expect_contains "first greet: uses the account name" "$OUT" "$account"
expect_contains_i "first greet: asks what to call the person" "$OUT" \
    "what should I call you"
expect_empty "first greet: nothing on stderr" "$ERR"
jumbo profile --json
expect_exit "profile --json: exit status" 0
expect_eq "profile --json: no preferred name yet" \
    "$(pyout 'j["preferred_name"]')" "null"
expect_eq "profile --json: account_name" "$(pyout 'j["account_name"]')" \
    "$account"

say "what is not a name, right after jumbo asked"
jumbo -c "I'm tired"
expect_exit "I'm tired: exit status" 0
expect_not_contains_i "I'm tired: not greeted as a name" "$OUT" \
    "nice to meet you"
expect_not_contains "I'm tired: \"Tired\" is not a name" "$OUT" "Tired"
expect_eq "I'm tired: no name stored" "$(preferred_name)" "null"

jumbo greet
expect_contains_i "second greet: still asks" "$OUT" "call you"
jumbo -c "Hi"
expect_exit "Hi: exit status" 0
expect_not_contains_i "Hi: not greeted as a name" "$OUT" "nice to meet you"
expect_eq "Hi: no name stored" "$(preferred_name)" "null"

jumbo greet
jumbo -c "I'm from Boston"
expect_exit "I'm from Boston (asked): exit status" 0
expect_not_contains_i "I'm from Boston (asked): not greeted as a name" \
    "$OUT" "nice to meet you"
expect_eq "I'm from Boston (asked): no name stored" "$(preferred_name)" "null"

say "an answer is taken as the name"
jumbo greet
expect_contains_i "greet before answering: asks" "$OUT" "call you"
jumbo -c "harsha"
expect_exit "harsha: exit status" 0
expect_contains "harsha: nice to meet you, capitalised" "$OUT" \
    "Nice to meet you, Harsha"
expect_eq "harsha: stored" "$(preferred_name)" "Harsha"
expect_eq "harsha: account name unchanged" "$(pyout 'j["account_name"]')" \
    "$account"

say "a later greeting welcomes back by name"
jumbo greet
expect_exit "welcome back: exit status" 0
expect_contains "welcome back: by name" "$OUT" "Harsha"
expect_contains_i "welcome back: says welcome back" "$OUT" "welcome back"
expect_not_contains_i "welcome back: does not ask again" "$OUT" \
    "what should I call you"
jumbo --json "good morning"
expect_eq "welcome back: --json name" "$(pyout 'j["name"]')" "Harsha"

say "call me ... from now on"
jumbo -c "call me Sam from now on"
expect_exit "call me Sam: exit status" 0
expect_contains "call me Sam: the reply uses the new name" "$OUT" "Sam"
expect_eq "call me Sam: profile preferred_name" "$(preferred_name)" "Sam"
expect_eq "call me Sam: profile account_name kept" \
    "$(pyout 'j["account_name"]')" "$account"
jumbo greet
expect_contains "call me Sam: greeted as Sam" "$OUT" "Sam"
expect_not_contains "call me Sam: not as Harsha" "$OUT" "Harsha"
jumbo profile
expect_contains "profile: shows the name" "$OUT" "Sam"
expect_contains "profile: shows the account name" "$OUT" "$account"

say "not names once the name is known"
jumbo -c "I'm from Boston"
expect_exit "I'm from Boston: exit status" 0
expect_name_kept "I'm from Boston: name unchanged" "Sam"
jumbo "I'm tired"
expect_name_kept "I'm tired (named): name unchanged" "Sam"
jumbo "call me when you're free"
expect_name_kept "call me when you're free: name unchanged" "Sam"
jumbo "Thanks Sam!"
expect_name_kept "Thanks Sam!: name unchanged" "Sam"
jumbo "my dog's name is Rex"
expect_name_kept "my dog's name is Rex: name unchanged" "Sam"

say "jumbo profile name keeps the spelling"
jumbo profile name "Zoë"
expect_exit "profile name Zoë: exit status" 0
expect_contains "profile name Zoë: confirms" "$OUT" "Zoë"
expect_eq "profile name Zoë: stored as spelled" "$(preferred_name)" "Zoë"
jumbo greet
expect_contains "profile name Zoë: greeted as Zoë" "$OUT" "Zoë"
jumbo profile name "Mary Jane"
expect_eq "profile name Mary Jane: two words kept" "$(preferred_name)" \
    "Mary Jane"
jumbo profile name "DeShawn"
expect_eq "profile name DeShawn: inner capital kept" "$(preferred_name)" \
    "DeShawn"
jumbo profile name "   "
expect_exit "profile name blank: usage error" 2
expect_name_kept "profile name blank: name unchanged" "DeShawn"
jumbo profile name "12345"
expect_exit "profile name 12345: refused" 2
expect_name_kept "profile name 12345: name unchanged" "DeShawn"

say "incognito neither reads nor changes the name"
jumbo --incognito "call me Incognito"
expect_exit "incognito: exit status" 0
expect_name_kept "incognito: name unchanged" "DeShawn"

finish
