# Several jumbo processes at once on one store, starting from no file at
# all: every run succeeds, every message is kept, and the database is
# sound afterwards.
. "$(dirname "$0")/lib.sh"

WRITERS=4
TURNS=25

# writer N: TURNS one-shot turns, each with its own token; some continue
# the latest conversation, which another writer may be writing too.
# Writes one line per failed run to $TMP/fail.N.
writer()
{
	w=$1
	i=1
	: >"$TMP/fail.$w"
	while [ "$i" -le "$TURNS" ]; do
		case $((i % 3)) in
		0) flag=-c ;;
		*) flag=--new ;;
		esac
		if ! "$JUMBO" $flag "writer $w turn $i token w${w}t${i}x" \
		    </dev/null >/dev/null 2>"$TMP/err.$w.$i"; then
			echo "turn $i: $(cat "$TMP/err.$w.$i")" >>"$TMP/fail.$w"
		fi
		i=$((i + 1))
	done
}

# reader: searches and lists while the writers write, once the first
# writer has made the store.
reader()
{
	: >"$TMP/fail.reader"
	i=0
	# (sqlite3 would create a missing file: look only at one that is there)
	while { [ ! -s "$JUMBO_HOME/jumbo.db" ] ||
	    [ "$(sql 'PRAGMA user_version' 2>/dev/null || echo 0)" = 0 ]; } &&
	    [ "$i" -lt 300 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	i=1
	while [ "$i" -le "$TURNS" ]; do
		for cmd in "history" "search token" "export" "profile"; do
			# shellcheck disable=SC2086
			if ! "$JUMBO" $cmd </dev/null >/dev/null \
			    2>"$TMP/err.reader"; then
				echo "$cmd: $(cat "$TMP/err.reader")" \
				    >>"$TMP/fail.reader"
			fi
		done
		i=$((i + 1))
	done
}

say "$WRITERS writers x $TURNS turns and a reader, on a store not yet created"
pids=
w=1
while [ "$w" -le "$WRITERS" ]; do
	writer "$w" &
	pids="$pids $!"
	w=$((w + 1))
done
reader &
pids="$pids $!"
at_exit '[ -z "$pids" ] || kill $pids 2>/dev/null'
for pid in $pids; do
	wait "$pid" || true
done
pids=

say "every run succeeded"
w=1
while [ "$w" -le "$WRITERS" ]; do
	if [ -s "$TMP/fail.$w" ]; then
		fail "writer $w: every turn exits 0" "$(head -5 "$TMP/fail.$w")"
	else
		pass "writer $w: every turn exits 0"
	fi
	w=$((w + 1))
done
if [ -s "$TMP/fail.reader" ]; then
	fail "reader: every read exits 0" "$(head -5 "$TMP/fail.reader")"
else
	pass "reader: every read exits 0"
fi

say "every message is there"
jumbo export
expect_exit "export: exit status" 0
cp "$TMP/.out" "$TMP/export"
expect_eq "export: a message and a reply for each turn" \
    "$(wc -l <"$TMP/export" | tr -d ' ')" "$((WRITERS * TURNS * 2))"
missing=
w=1
while [ "$w" -le "$WRITERS" ]; do
	i=1
	while [ "$i" -le "$TURNS" ]; do
		if ! grep -q "token w${w}t${i}x\"" "$TMP/export"; then
			missing="$missing w${w}t${i}x"
		fi
		i=$((i + 1))
	done
	w=$((w + 1))
done
expect_eq "export: every user message (missing:)" "$missing" ""
expect_eq "export: every message has a distinct id" \
    "$(py 'len(set(o["id"] for o in L)) == len(L)' <"$TMP/export")" "true"
expect_eq "export: each conversation has a reply for each message" \
    "$(py '
(lambda roles: all(r.count("user") == r.count("assistant") for r in roles.values()))(
    __import__("functools").reduce(lambda d, o: d.setdefault(o["conversation"], []).append(o["role"]) or d, L, {}))' <"$TMP/export")" \
    "true"

say "search agrees with the messages"
jumbo search --json -n 1000 token
expect_eq "search: finds every user message" "$(pyout 'len(L)')" \
    "$((WRITERS * TURNS))"
jumbo search --json w3t7x
expect_eq "search: a single token finds its message" \
    "$(pyout '[o["text"] for o in L]')" '["writer 3 turn 7 token w3t7x"]'

say "the database is sound"
expect_eq "integrity_check" "$(sql 'PRAGMA integrity_check')" "ok"
expect_eq "foreign_key_check" "$(sql 'PRAGMA foreign_key_check')" ""
sql "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')" \
    >"$TMP/fts" 2>&1 || true
expect_empty "the search index matches the messages" "$(cat "$TMP/fts")"
expect_eq "journal mode is WAL" "$(sql 'PRAGMA journal_mode')" "wal"
expect_eq "the database file is private" \
    "$(stat -c '%a' "$JUMBO_HOME/jumbo.db")" "600"

finish
