# kill -9 in the middle of turns and imports: the database stays sound,
# every turn that exited 0 kept its message, an import is all or nothing,
# and jumbo goes on working afterwards.
. "$(dirname "$0")/lib.sh"

ROUNDS=60
IMPORT_LINES=200

# A random delay for sleep, of 0 to 2 * $delay ms. The delay follows how
# long a turn takes on this machine (much longer under a sanitizer): it
# shrinks after a round whose killed turn had already finished, and grows
# after one whose turn was killed, so kills keep landing mid-turn.
delay=20
random_delay()
{
	awk -v r="$(random_below $((2 * delay + 1)))" \
	    'BEGIN { printf "%.3f\n", r / 1000 }'
}
adapt_delay()
{
	if [ "$1" -eq 0 ]; then
		delay=$((delay * 2 / 3))
	else
		delay=$((delay + 4))
	fi
	[ "$delay" -ge 2 ] || delay=2
}

# An import file whose every line has id PREFIX-N.
make_import()
{
	awk -v p="$1" -v n="$IMPORT_LINES" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "{\"id\": \"%s-%d\", \"conversation\": \"%s\", \"role\": \"%s\", \"speaker\": \"Ana\", \"text\": \"imported line %d of %s importtoken\", \"time\": \"2023-05-08T13:56:%02dZ\"}\n",
			    p, i, p, (i % 2) ? "user" : "assistant", i, p, i % 60
	}' >"$TMP/$1.jsonl"
}

say "a store to start from"
jumbo_ok "setup: first turn" "the store exists before the crashes"

say "$ROUNDS rounds: two turns at once, one killed at a random moment"
: >"$TMP/results"
i=1
while [ "$i" -le "$ROUNDS" ]; do
	"$JUMBO" "crash round $i first tok${i}a" </dev/null >/dev/null 2>&1 &
	pa=$!
	if [ $((i % 4)) -eq 0 ]; then
		"$JUMBO" -c "crash round $i second tok${i}b" </dev/null \
		    >/dev/null 2>&1 &
	else
		"$JUMBO" "crash round $i second tok${i}b" </dev/null \
		    >/dev/null 2>&1 &
	fi
	pb=$!
	imp=
	if [ $((i % 10)) -eq 5 ]; then
		make_import "imp$i"
		"$JUMBO" import "$TMP/imp$i.jsonl" </dev/null >/dev/null 2>&1 &
		imp=$!
	fi
	sleep "$(random_delay)"
	kill -9 "$pa" 2>/dev/null || true
	if [ -n "$imp" ]; then
		kill -9 "$imp" 2>/dev/null || true
	fi
	ra=0
	wait "$pa" || ra=$?
	rb=0
	wait "$pb" || rb=$?
	adapt_delay "$ra"
	echo "tok${i}a $ra" >>"$TMP/results"
	echo "tok${i}b $rb" >>"$TMP/results"
	if [ -n "$imp" ]; then
		ri=0
		wait "$imp" || ri=$?
		echo "imp$i $ri" >>"$TMP/imports"
	fi
	i=$((i + 1))
done
killed=$(grep -c ' 137$' "$TMP/results" || true)
ok=$(grep -c ' 0$' "$TMP/results" || true)
echo "   ($ok turns exited 0, $killed were killed; imports: $(tr '\n' ' ' <"$TMP/imports"))"
expect_eq "turns not killed all exit 0 (the others:)" \
    "$(grep -v ' 0$' "$TMP/results" | grep -v ' 137$' || true)" ""

say "the database is sound"
expect_eq "integrity_check" "$(sql 'PRAGMA integrity_check')" "ok"
expect_eq "foreign_key_check" "$(sql 'PRAGMA foreign_key_check')" ""
sql "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')" \
    >"$TMP/fts" 2>&1 || true
expect_empty "the search index matches the messages" "$(cat "$TMP/fts")"

say "every turn that exited 0 kept its message and reply"
jumbo export
expect_exit "export: exit status" 0
cp "$TMP/.out" "$TMP/export"
missing=
while read -r tok rc; do
	if [ "$rc" -eq 0 ] && ! grep -q " $tok\"" "$TMP/export"; then
		missing="$missing $tok"
	fi
done <"$TMP/results"
expect_eq "exited 0: the message is stored (missing:)" "$missing" ""
kept=0
while read -r tok rc; do
	if [ "$rc" -ne 0 ] && grep -q " $tok\"" "$TMP/export"; then
		kept=$((kept + 1))
	fi
done <"$TMP/results"
echo "   ($kept killed turns had stored their message before dying)"
expect_eq "no reply without its message, no message twice" \
    "$(py '
(lambda texts: all(texts.count(t) == 1 for t in texts))(
    [o["text"] for o in L if o["role"] == "user" and "crash round" in o["text"]])' <"$TMP/export")" \
    "true"
expect_eq "no conversation has more replies than messages" \
    "$(py '
(lambda roles: all(r.count("assistant") <= r.count("user") + (1 if r and r[0] == "assistant" else 0) for r in roles.values()))(
    __import__("functools").reduce(lambda d, o: d.setdefault(o["conversation"], []).append(o["role"]) or d, L, {}))' <"$TMP/export")" \
    "true"
unfound=
while read -r tok rc; do
	if [ "$rc" -eq 0 ]; then
		n=$("$JUMBO" search --json "$tok" </dev/null 2>/dev/null | grep -c . || true)
		[ "$n" -eq 1 ] || unfound="$unfound $tok($n)"
	fi
done <"$TMP/results"
expect_eq "exited 0: search finds each message once (not:)" "$unfound" ""

say "an import is all or nothing"
if [ -s "$TMP/imports" ]; then
	while read -r imp rc; do
		n=$(grep -c "\"id\":\"$imp-" "$TMP/export" || true)
		case "$rc:$n" in
		0:"$IMPORT_LINES") pass "import $imp (exit 0): every line" ;;
		137:0) pass "import $imp (killed): nothing" ;;
		137:"$IMPORT_LINES") pass "import $imp (killed after commit): every line" ;;
		*) fail "import $imp: all or nothing" "exit $rc, $n of $IMPORT_LINES lines stored" ;;
		esac
	done <"$TMP/imports"
fi

say "jumbo works afterwards"
jumbo "after the crashes with aftertoken"
expect_exit "after: a turn exits 0" 0
jumbo -c "and continues"
expect_exit "after: -c exits 0" 0
jumbo search --json aftertoken
expect_lines "after: the turn is found" "$OUT" 1
jumbo history
expect_exit "after: history exits 0" 0
for f in "$TMP"/imp*.jsonl; do
	[ -e "$f" ] || continue
	jumbo import "$f"
	expect_exit "after: a killed import can be run again ($(basename "$f"))" 0
done
jumbo export
expect_eq "after: every import complete once run again" \
    "$(py 'sum(1 for o in L if o["id"].startswith("imp"))' <"$TMP/.out")" \
    "$(( $(wc -l <"$TMP/imports") * IMPORT_LINES ))"
expect_eq "after: integrity_check" "$(sql 'PRAGMA integrity_check')" "ok"

finish
