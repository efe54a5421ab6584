# The layering of STYLE.md, checked on the source: the core and the store
# never include curses or readline; only src/store touches SQLite;
# src/util depends on libc and cJSON alone; nothing below calls up (the
# store includes no core header, the core no front-end header).
. "$(dirname "$0")/lib.sh"

src=$JUMBO_SRC/src

# check_none CHECK PATTERN FILES...: no file holds PATTERN.
check_none()
{
	lib_check=$1
	lib_pattern=$2
	shift 2
	lib_hits=$(grep -n -E "$lib_pattern" "$@" 2>/dev/null || true)
	if [ -n "$lib_hits" ]; then
		fail "$lib_check" "$lib_hits"
	else
		pass "$lib_check"
	fi
}

say "front-end libraries stay in src/tui"
check_none "core and store include no curses or readline" \
    '#include *[<"](n?curses|ncursesw|readline)' \
    "$src"/core/*.[ch] "$src"/store/*.[ch] "$src"/util/*.[ch]

say "only src/store runs SQL"
check_none "no SQLite outside src/store" 'sqlite3' \
    "$src"/core/*.[ch] "$src"/tui/*.[ch] "$src"/util/*.[ch]

say "dependencies point one way"
check_none "the store includes no core or tui header" \
    '#include "(core|tui)-' "$src"/store/*.[ch]
check_none "the core includes no tui header" '#include "tui-' \
    "$src"/core/*.[ch]
check_none "util includes only util headers (and libc, cJSON)" \
    '#include "(core|store|tui)-|#include <(sqlite3|curl|readline)' \
    "$src"/util/*.[ch]

finish
