#!/bin/sh
#
# Startup benchmark: the whole-process wall time of short jumbo commands,
# beside `sqlite3 :memory: 'select 1'` as the floor (a process that links
# SQLite, opens a database and runs one statement). Prints the median of
# many runs and the ratio to the floor, then the peak memory (max RSS).
#
# Usage: sh bench/startup.sh PATH-TO-JUMBO
#
# Everything runs in a temporary JUMBO_HOME and HOME, removed at exit, with
# the built-in engine: no network. Timing never makes this script fail;
# only a command that fails does (exit 1).
#
# Environment:
#   BENCH_RUNS=200      timed runs of each command
#   BENCH_WARMUP=5      untimed runs first
#   BENCH_MESSAGES=300  messages imported before the timed turns
#   BENCH_TIMER=auto    hyperfine, python3 or sh (auto: the first found)

set -u

if [ $# -ne 1 ]; then
	echo "usage: sh bench/startup.sh PATH-TO-JUMBO" >&2
	exit 2
fi
case $1 in
/*)	jumbo=$1 ;;
*)	jumbo=$(pwd)/$1 ;;
esac
if [ ! -x "$jumbo" ]; then
	echo "startup.sh: $jumbo: not an executable" >&2
	exit 1
fi

runs=${BENCH_RUNS:-200}
warmup=${BENCH_WARMUP:-5}
messages=${BENCH_MESSAGES:-300}
timer=${BENCH_TIMER:-auto}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jumbo-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
trap 'exit 141' PIPE

# A clean environment for jumbo: its own home, the built-in engine, no
# colour, no debug log, no keys or servers from the caller's environment.
HOME=$tmp/home
JUMBO_HOME=$tmp/jumbo
JUMBO_MODEL=builtin
NO_COLOR=1
export HOME JUMBO_HOME JUMBO_MODEL NO_COLOR
unset JUMBO_DEBUG XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME \
    OPENAI_API_KEY OPENAI_BASE_URL ANTHROPIC_API_KEY ANTHROPIC_BASE_URL
mkdir -p "$HOME" "$JUMBO_HOME" || exit 1

have() {
	command -v "$1" >/dev/null 2>&1
}

# Print a word quoted for sh and for hyperfine's own word splitting.
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# Run a command once, outside the timer; stop the benchmark if it fails.
check() {
	if ! "$@" >"$tmp/check.out" 2>"$tmp/check.err" </dev/null; then
		echo "startup.sh: this command failed:" >&2
		echo "  $*" >&2
		sed 's/^/  /' "$tmp/check.err" >&2
		exit 1
	fi
}

# The median of the numbers on standard input, one a line.
median() {
	sort -n | awk '{ v[NR] = $1 }
	    END {
		if (NR == 0) exit 1
		if (NR % 2) m = v[(NR + 1) / 2]
		else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf("%.0f\n", m)
	    }'
}

# Pick the timer.
if [ "$timer" = auto ]; then
	if have hyperfine; then
		timer=hyperfine
	elif have python3; then
		timer=python3
	else
		timer=sh
	fi
fi
case $timer in
hyperfine|python3|sh) ;;
*)	echo "startup.sh: BENCH_TIMER must be hyperfine, python3 or sh" >&2
	exit 2 ;;
esac
if [ "$timer" = hyperfine ]; then
	# --shell=none runs the command directly, with no shell to correct
	# for; hyperfine before 1.13 lacks it and times through sh -c.
	hyperfine_shell=-N
	if ! hyperfine -N --runs 1 true >/dev/null 2>&1 </dev/null; then
		hyperfine_shell=
	fi
fi
if [ "$timer" = sh ]; then
	case $(date +%N) in
	*[!0-9]*|'')
		echo "startup.sh: no hyperfine, no python3, and date has no" \
		    "+%N; cannot time anything" >&2
		exit 0 ;;
	esac
	# The cost of the clock itself (one fork of date), taken off each
	# figure below.
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		:
		t1=$(date +%s%N)
		echo $((t1 - t0))
		i=$((i + 1))
	done | median >"$tmp/clock"
	sh_clock=$(cat "$tmp/clock")
fi

# Python's loop: spawn, wait, read the clock; no shell in between.
py_timer='
import os, sys, time
runs, warmup = int(sys.argv[1]), int(sys.argv[2])
argv = sys.argv[3:]
null = os.open(os.devnull, os.O_RDWR)
acts = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1),
    (os.POSIX_SPAWN_DUP2, null, 2)]
times = []
cpu = 0.0
for i in range(warmup + runs):
	t0 = time.perf_counter_ns()
	pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=acts)
	_, status, usage = os.wait4(pid, 0)
	t1 = time.perf_counter_ns()
	if status != 0:
		sys.exit("command failed (wait status %d)" % status)
	if i >= warmup:
		times.append((t1 - t0) / 1e6)
		cpu += (usage.ru_utime + usage.ru_stime) * 1000
times.sort()
n = len(times)
m = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
print("%.3f %.3f" % (m, cpu / n))
'

# Print the median wall time of a command in ms, then its mean CPU time
# (user + system) in ms, or "-" if the timer cannot tell.
measure() {
	case $timer in
	hyperfine)
		cmdline=
		for word in "$@"; do
			cmdline="$cmdline $(quote "$word")"
		done
		rm -f "$tmp/hyperfine.json"
		if ! hyperfine $hyperfine_shell --runs "$runs" \
		    --warmup "$warmup" --style none \
		    --export-json "$tmp/hyperfine.json" "$cmdline" \
		    >/dev/null 2>"$tmp/timer.err" </dev/null; then
			return 1
		fi
		# The first result's median, user and system, in seconds.
		awk -F: '/"(median|user|system)":/ {
			key = $1; gsub(/[ \t"]/, "", key)
			if (key in v) next
			value = $2; gsub(/[ \t,]/, "", value); v[key] = value + 0
		    }
		    END {
			printf "%.3f %.3f\n", v["median"] * 1000,
			    (v["user"] + v["system"]) * 1000
		    }' "$tmp/hyperfine.json"
		;;
	python3)
		python3 -c "$py_timer" "$runs" "$warmup" "$@" \
		    2>"$tmp/timer.err" </dev/null
		;;
	sh)
		i=0
		while [ $i -lt "$warmup" ]; do
			"$@" >/dev/null 2>&1 </dev/null || return 1
			i=$((i + 1))
		done
		i=0
		: >"$tmp/times"
		while [ $i -lt "$runs" ]; do
			t0=$(date +%s%N)
			"$@" >/dev/null 2>"$tmp/timer.err" </dev/null ||
			    return 1
			t1=$(date +%s%N)
			echo $((t1 - t0 - sh_clock)) >>"$tmp/times"
			i=$((i + 1))
		done
		# No per-run CPU time from the shell: "-".
		median <"$tmp/times" | awk '{ printf "%.3f -\n", $1 / 1e6 }'
		;;
	esac
}

# Print the max RSS of one run in KiB, or nothing if it cannot be had.
py_rss='
import os, sys
null = os.open(os.devnull, os.O_RDWR)
acts = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1),
    (os.POSIX_SPAWN_DUP2, null, 2)]
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ,
    file_actions=acts)
_, status, usage = os.wait4(pid, 0)
if status != 0:
	sys.exit("command failed (wait status %d)" % status)
print(usage.ru_maxrss)
'
rss_tool=
if [ -x /usr/bin/time ] &&
    /usr/bin/time -f %M -o "$tmp/rss" true >/dev/null 2>&1; then
	rss_tool=time
elif have python3; then
	rss_tool=python3
fi

rss_once() {
	case $rss_tool in
	time)
		/usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null \
		    2>/dev/null </dev/null || return 1
		tail -n 1 "$tmp/rss"
		;;
	python3)
		python3 -c "$py_rss" "$@" 2>/dev/null </dev/null
		;;
	esac
}

# The median max RSS of five runs, in KiB.
rss() {
	: >"$tmp/rss-all"
	for i in 1 2 3 4 5; do
		rss_once "$@" >>"$tmp/rss-all" || return 1
	done
	median <"$tmp/rss-all"
}

# History to work against: conversations of messages a day apart,
# the person and jumbo taking turns.
awk -v n="$messages" 'BEGIN {
	split("I went for a long walk in the park this morning|" \
	    "Work was exhausting but the report is almost done|" \
	    "My sister Anna called about the garden|" \
	    "I cooked pasta with too much garlic again|" \
	    "The meeting ran late and I missed the train|" \
	    "I am reading a book about the history of maps", said, "|")
	split("That sounds like a good start to the day.|" \
	    "Almost done is a fine place to be. What is left?|" \
	    "How is Anna doing?|" \
	    "There is no such thing as too much garlic.|" \
	    "Missing the train after a long meeting is hard.|" \
	    "What have you learned from it so far?", reply, "|")
	per = 25
	for (i = 0; i < n; i++) {
		c = int(i / per); j = i % per
		day = c % 28 + 1; month = int(c / 28) % 12 + 1
		if (j % 2 == 0)
			printf "{\"id\":\"bench-%d\",\"conversation\":\"bench-c%d\"," \
			    "\"role\":\"user\",\"speaker\":\"Sam\",\"text\":\"%s\"," \
			    "\"time\":\"2024-%02d-%02dT%02d:%02d:00Z\"}\n", i, c,
			    said[(int(j / 2) + c) % 6 + 1], month, day, 9 + int(j / 60), j % 60
		else
			printf "{\"id\":\"bench-%d\",\"conversation\":\"bench-c%d\"," \
			    "\"role\":\"assistant\",\"text\":\"%s\"," \
			    "\"time\":\"2024-%02d-%02dT%02d:%02d:00Z\"}\n", i, c,
			    reply[(int(j / 2) + c) % 6 + 1], month, day, 9 + int(j / 60), j % 60
	}
}' >"$tmp/history.jsonl"
check "$jumbo" import "$tmp/history.jsonl"

# The commands, in order: name, then the command.
turn="I finished the report today"
more="It took three drafts but it is done"
floor=
if have sqlite3; then
	check sqlite3 :memory: 'select 1'
fi
check "$jumbo" --version
check "$jumbo" "$turn"
check "$jumbo" -c "$more"
check "$jumbo" search garden

time_one() {
	# $1 name, $2 note, rest: the command
	name=$1 note=$2
	shift 2
	if ! figures=$(measure "$@") || [ -z "$figures" ]; then
		echo "startup.sh: this command failed while being timed:" >&2
		echo "  $*" >&2
		sed 's/^/  /' "$tmp/timer.err" >&2
		exit 1
	fi
	ms=${figures% *}
	cpu=${figures#* }
	if [ -z "$floor" ]; then
		floor=$ms
		[ -z "$note" ] && note="(floor)"
	fi
	awk -v name="$name" -v ms="$ms" -v cpu="$cpu" -v floor="$floor" \
	    -v note="$note" 'BEGIN {
		if (cpu != "-")
			cpu = sprintf("%.2f", cpu)
		printf("%-30s %7.2f  %6.2fx  %6s%s\n", name, ms,
		    (floor > 0 ? ms / floor : 0), cpu,
		    (note != "" ? "  " note : ""))
	    }'
}

echo "startup (median of $runs runs after $warmup warm-up, ms; ratio to" \
    "the floor; cpu: mean user+system ms; timer: $timer)"
echo "history: $messages imported messages; turns add to it as they run"
# A busy machine stretches every figure and squeezes the ratios.
if [ -r /proc/loadavg ]; then
	cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
	echo "load average $(cut -d ' ' -f 1 /proc/loadavg) on $cpus CPUs" \
	    "(noisy when the load is near the CPU count or above)"
fi
printf "%-30s %7s  %7s  %6s\n" command median ratio cpu
if have sqlite3; then
	time_one "sqlite3 :memory: 'select 1'" "" sqlite3 :memory: 'select 1'
else
	echo "sqlite3 not installed: no floor; ratios are to jumbo --version"
fi
time_one "jumbo --version" "" "$jumbo" --version
time_one "jumbo one-shot turn" "(aim: within 3x)" "$jumbo" "$turn"
time_one "jumbo -c (continue)" "" "$jumbo" -c "$more"
time_one "jumbo search garden" "" "$jumbo" search garden

echo
if [ -z "$rss_tool" ]; then
	echo "peak memory: not measured (neither /usr/bin/time, package" \
	    "time, nor python3 is installed)"
	exit 0
fi
echo "peak memory (max RSS, median of 5 runs, MiB; via $rss_tool)"
rss_floor=
rss_line() {
	name=$1
	shift
	kib=$(rss "$@") || {
		echo "startup.sh: this command failed: $*" >&2
		exit 1
	}
	[ -z "$rss_floor" ] && rss_floor=$kib
	awk -v name="$name" -v kib="$kib" -v floor="$rss_floor" \
	    'BEGIN { printf("%-30s %7.2f  %6.2fx\n", name, kib / 1024,
		(floor > 0 ? kib / floor : 0)) }'
}
printf "%-30s %7s  %7s\n" command "max RSS" ratio
if have sqlite3; then
	rss_line "sqlite3 :memory: 'select 1'" sqlite3 :memory: 'select 1'
fi
rss_line "jumbo --version" "$jumbo" --version
rss_line "jumbo one-shot turn" "$jumbo" "$turn"
rss_line "jumbo -c (continue)" "$jumbo" -c "$more"
rss_line "jumbo search garden" "$jumbo" search garden
exit 0
