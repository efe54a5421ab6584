# Bad input and bad surroundings: usage errors exit 2, runtime errors 1,
# each with one error line naming what is wrong; none of them changes
# the store. A damaged, newer, read-only or locked database, and a bad
# config file.
. "$(dirname "$0")/lib.sh"

fresh=$TMP/fresh
main=$TMP/main

# unchanged CHECK: the store in $JUMBO_HOME exports as $TMP/before.
unchanged()
{
	snapshot "$TMP/after"
	if cmp -s "$TMP/before" "$TMP/after"; then
		pass "$1"
	else
		fail "$1" "the messages changed: $(diff "$TMP/before" "$TMP/after" | head -5)"
	fi
}

# no_store CHECK: jumbo created no database in $fresh.
no_store()
{
	if [ -e "$fresh/jumbo.db" ]; then
		fail "$1" "$fresh/jumbo.db was created"
	else
		pass "$1"
	fi
}

# both_homes CHECK STATUS WORD STDIN ARGS...: run jumbo with ARGS (and
# STDIN) in a home without a store and in one with a store; each must
# exit STATUS with one error line naming WORD, and leave the store as it
# was (or not there).
both_homes()
{
	lib_check=$1
	lib_status=$2
	lib_word=$3
	lib_stdin=$4
	shift 4
	JUMBO_HOME=$fresh
	jumbo_stdin "$lib_stdin" "$@"
	expect_exit "$lib_check: exit status $lib_status" "$lib_status"
	expect_error_line "$lib_check: one error line naming $lib_word" "$lib_word"
	no_store "$lib_check: no store created"
	JUMBO_HOME=$main
	jumbo_stdin "$lib_stdin" "$@"
	expect_exit "$lib_check (with a store): exit status $lib_status" "$lib_status"
	unchanged "$lib_check: the store is unchanged"
}

say "set up a store"
export JUMBO_HOME="$main"
jumbo_ok "setup: a turn" "hello, the first message"
jumbo_ok "setup: another" -c "a second message with storetoken"
snapshot "$TMP/before"
expect_eq "setup: four messages" "$(wc -l <"$TMP/before" | tr -d ' ')" 4

say "usage errors"
both_homes "unknown option" 2 "--frobnicate" /dev/null --frobnicate "hello"
both_homes "unknown short option" 2 "-Z" /dev/null -Z "hello"
both_homes "option of another command" 2 "-y" /dev/null -y "hello"
both_homes "empty message" 2 "empty" /dev/null ""
both_homes "whitespace-only message" 2 "empty" /dev/null "   " "	"
both_homes "-m nonsense" 2 "nonsense" /dev/null -m nonsense "hello"
both_homes "-n not a number" 2 "-n" /dev/null search -n many hello
printf 'caf\351\n' >"$TMP/latin1-arg"
both_homes "message not UTF-8" 2 "UTF-8" /dev/null "$(cat "$TMP/latin1-arg")"
both_homes "-- with nothing after" 2 "empty" /dev/null --

say "bad standard input"
printf 'caf\351 latin-1 text\n' >"$TMP/latin1"
both_homes "non-UTF-8 stdin with a message" 1 "stdin" "$TMP/latin1" "review this"
both_homes "non-UTF-8 stdin alone" 1 "stdin" "$TMP/latin1"
printf 'text with a NUL\000 in it\n' >"$TMP/nul"
both_homes "NUL byte on stdin" 1 "stdin" "$TMP/nul" "review this"
head -c 10485760 /dev/zero | tr '\000' 'a' >"$TMP/10mb"
both_homes "10 MB on stdin" 1 "stdin" "$TMP/10mb" "review this"
both_homes "10 MB on stdin alone" 1 "stdin" "$TMP/10mb"

say "a damaged database"
export JUMBO_HOME="$TMP/corrupt"
mkdir "$JUMBO_HOME"
head -c 32768 /dev/urandom >"$JUMBO_HOME/jumbo.db"
cp "$JUMBO_HOME/jumbo.db" "$TMP/corrupt.orig"
for args in "hello" "history" "search hello" "export" "greet" "profile" \
    "import $TMP/before"; do
	# shellcheck disable=SC2086
	jumbo $args
	expect_exit "corrupt db ($args): exit status 1" 1
	expect_error_line "corrupt db ($args): one error naming the file" \
	    "$JUMBO_HOME/jumbo.db"
done
if cmp -s "$JUMBO_HOME/jumbo.db" "$TMP/corrupt.orig"; then
	pass "corrupt db: the file is byte-identical after"
else
	fail "corrupt db: the file is byte-identical after" "it changed"
fi

say "somebody else's SQLite database"
export JUMBO_HOME="$TMP/foreign"
mkdir "$JUMBO_HOME"
sqlite3 "$JUMBO_HOME/jumbo.db" 'CREATE TABLE accounts (id INTEGER, money REAL); INSERT INTO accounts VALUES (1, 9.5);'
cp "$JUMBO_HOME/jumbo.db" "$TMP/foreign.orig"
for args in "hello" "history" "search money" "greet"; do
	# shellcheck disable=SC2086
	jumbo $args
	expect_exit "foreign db ($args): exit status 1" 1
	expect_error_line "foreign db ($args): one error naming the file" \
	    "$JUMBO_HOME/jumbo.db"
	expect_contains_i "foreign db ($args): says it is not a jumbo database" \
	    "$ERR" "not a jumbo database"
	if cmp -s "$JUMBO_HOME/jumbo.db" "$TMP/foreign.orig"; then
		pass "foreign db ($args): the file is byte-identical after"
	else
		fail "foreign db ($args): the file is byte-identical after" \
		    "it changed: $(cmp "$JUMBO_HOME/jumbo.db" "$TMP/foreign.orig" 2>&1)"
		cp "$TMP/foreign.orig" "$JUMBO_HOME/jumbo.db"
	fi
done

say "a database from a newer jumbo"
export JUMBO_HOME="$TMP/newer"
jumbo_ok "newer: a turn" "hello from the past"
sqlite3 "$JUMBO_HOME/jumbo.db" 'PRAGMA user_version = 99;'
cp "$JUMBO_HOME/jumbo.db" "$TMP/newer.orig"
for args in "hello" "history" "search past" "greet" \
    "import $TMP/before"; do
	# shellcheck disable=SC2086
	jumbo $args
	expect_exit "newer db ($args): exit status 1" 1
	expect_error_line "newer db ($args): one error naming the file" \
	    "$JUMBO_HOME/jumbo.db"
done
expect_contains_i "newer db: says it is newer" "$ERR" "newer"
if cmp -s "$JUMBO_HOME/jumbo.db" "$TMP/newer.orig"; then
	pass "newer db: the file is byte-identical after"
else
	fail "newer db: the file is byte-identical after" "it changed"
fi
expect_eq "newer db: still version 99" \
    "$(sqlite3 "$JUMBO_HOME/jumbo.db" 'PRAGMA user_version')" 99

say "JUMBO_HOME is not a directory"
export JUMBO_HOME="$TMP/a-file"
echo "not a directory" >"$JUMBO_HOME"
jumbo "hello"
expect_exit "JUMBO_HOME a file: exit status 1" 1
expect_error_line "JUMBO_HOME a file: one error naming it" "$JUMBO_HOME"

say "a bad config file"
export JUMBO_HOME="$TMP/config"
mkdir "$JUMBO_HOME"
printf '# my config\nmodel = builtin\nthis line is not valid\n' >"$JUMBO_HOME/config"
jumbo "hello"
expect_exit "invalid config line: exit status 1" 1
expect_error_line "invalid config line: one error naming config:3" \
    "$JUMBO_HOME/config:3"
jumbo history
expect_exit "invalid config line (history): exit status 1" 1
no_store_here=$([ -e "$JUMBO_HOME/jumbo.db" ] && echo created || echo none)
expect_eq "invalid config line: no store created" "$no_store_here" "none"
printf 'model = builtin\nmodel = builtin\n' >"$JUMBO_HOME/config"
jumbo "hello"
expect_exit "key given twice: exit status 1" 1
expect_error_line "key given twice: names config:2" "$JUMBO_HOME/config:2"
printf 'model = nonsense\n' >"$JUMBO_HOME/config"
jumbo "hello"
expect_exit "invalid model in config: exit status 1" 1
expect_error_line "invalid model in config: names the config" "$JUMBO_HOME/config"
printf 'no_such_key = 1\n' >"$JUMBO_HOME/config"
jumbo "hello"
expect_exit "unknown key: only a warning" 0
expect_contains "unknown key: the warning names it" "$ERR" "no_such_key"
expect_nonempty "unknown key: the reply still comes" "$OUT"
rm -f "$JUMBO_HOME/config"
mkdir "$JUMBO_HOME/config"
jumbo "hello"
expect_exit "config is a directory: exit status 1" 1
expect_error_line "config is a directory: one error naming it" "$JUMBO_HOME/config"
rmdir "$JUMBO_HOME/config"

say "JUMBO_MODEL"
run env JUMBO_MODEL=nonsense "$JUMBO" "hello"
expect_ne "JUMBO_MODEL=nonsense: refused" "$RC" 0
expect_error_line "JUMBO_MODEL=nonsense: one error naming it" "JUMBO_MODEL"

say "a database locked by another process"
export JUMBO_HOME="$main"
if command -v sqlite3 >/dev/null 2>&1; then
	rm -f "$TMP/locked" "$TMP/released"
	{
		printf 'BEGIN EXCLUSIVE;\n'
		printf "INSERT INTO profile (key, value, updated) VALUES ('regress-lock', '1', 0);\n"
		printf '.shell touch %s/locked\n' "$TMP"
		printf '.shell sleep 2\n'
		printf '.shell touch %s/released\n' "$TMP"
		printf 'COMMIT;\n'
	} >"$TMP/lock.sql"
	sqlite3 "$JUMBO_HOME/jumbo.db" <"$TMP/lock.sql" >"$TMP/lock.out" 2>&1 &
	lock_pid=$!
	at_exit '[ -z "${lock_pid:-}" ] || kill "$lock_pid" 2>/dev/null'
	if wait_for "locked: sqlite3 holds the lock" 100 test -e "$TMP/locked"; then
		jumbo history
		expect_exit "locked: reading still works" 0
		if [ -e "$TMP/released" ]; then
			echo "   (the lock was gone before the read ended: not checked)"
		fi
		jumbo "a message while locked with locktoken"
		expect_exit "locked: the turn waits and succeeds" 0
		if [ -e "$TMP/released" ]; then
			pass "locked: the turn waited for the lock"
		else
			fail "locked: the turn waited for the lock" \
			    "it ended while the lock was still held"
		fi
		jumbo search --json locktoken
		expect_lines "locked: the message is stored" "$OUT" 1
	fi
	wait "$lock_pid" || fail "locked: sqlite3 ran" "$(cat "$TMP/lock.out")"
	lock_pid=
	expect_eq "locked: the other process's write is kept" \
	    "$(sql "SELECT value FROM profile WHERE key = 'regress-lock'")" 1
	sql "DELETE FROM profile WHERE key = 'regress-lock'"
fi

say "unprivileged cases (read-only database, unreadable config)"
if ! can_drop_privileges; then
	skip "running as root, and the user nobody cannot run $JUMBO through setpriv: read-only cases not checked"
fi
export JUMBO_HOME="$TMP/readonly"
jumbo_ok "read-only: a turn" "remember the rotokoken word"
give_to_unprivileged "$JUMBO_HOME"
chmod 444 "$JUMBO_HOME/jumbo.db"
snapshot "$TMP/ro-before"
cp "$JUMBO_HOME/jumbo.db" "$TMP/ro.orig"
run unprivileged "$JUMBO" history
expect_exit "read-only: history works" 0
expect_contains "read-only: history lists the conversation" "$OUT" \
    "remember the rotokoken word"
run unprivileged "$JUMBO" search rotokoken
expect_exit "read-only: search works" 0
expect_contains "read-only: search finds" "$OUT" "rotokoken"
run unprivileged "$JUMBO" history show "$("$JUMBO" history --json </dev/null | py 'L[0]["id"]')"
expect_exit "read-only: history show works" 0
run unprivileged "$JUMBO" export
expect_exit "read-only: export works" 0
run unprivileged "$JUMBO" "a turn that cannot be stored"
expect_exit "read-only: a turn exits 1" 1
expect_error_line "read-only: one error naming the file" "$JUMBO_HOME/jumbo.db"
expect_contains_i "read-only: says it cannot write" "$ERR" "read-only"
run unprivileged "$JUMBO" greet
expect_exit "read-only: greet exits 1" 1
run unprivileged "$JUMBO" import "$TMP/before"
expect_exit "read-only: import exits 1" 1
if cmp -s "$JUMBO_HOME/jumbo.db" "$TMP/ro.orig"; then
	pass "read-only: the file is byte-identical after"
else
	fail "read-only: the file is byte-identical after" "it changed"
fi
chmod 644 "$JUMBO_HOME/jumbo.db"
# SQLite made the -wal and -shm files of the read-only opens with the
# database's mode: the error must name the one still in the way.
if [ -e "$JUMBO_HOME/jumbo.db-shm" ]; then
	run unprivileged "$JUMBO" "still read-only beside it"
	expect_exit "read-only beside: a turn exits 1" 1
	expect_contains "read-only beside: names the -shm file" "$ERR" \
	    "jumbo.db-shm"
fi
chmod 644 "$JUMBO_HOME"/jumbo.db*
run unprivileged "$JUMBO" "writable again with rwtoken"
expect_exit "read-only undone: a turn works again" 0
run unprivileged "$JUMBO" search --json rwtoken
expect_lines "read-only undone: the turn is stored" "$OUT" 1

export JUMBO_HOME="$TMP/unreadable"
mkdir "$JUMBO_HOME"
printf 'model = builtin\n' >"$JUMBO_HOME/config"
give_to_unprivileged "$JUMBO_HOME"
chmod 000 "$JUMBO_HOME/config"
if [ "$(id -u)" -eq 0 ]; then
	chown 0:0 "$JUMBO_HOME/config"
fi
run unprivileged "$JUMBO" "hello"
expect_exit "unreadable config: exit status 1" 1
expect_error_line "unreadable config: one error naming it" "$JUMBO_HOME/config"
if [ -e "$JUMBO_HOME/jumbo.db" ]; then
	fail "unreadable config: no store created" "jumbo.db exists"
else
	pass "unreadable config: no store created"
fi

finish
