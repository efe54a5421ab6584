#!/bin/sh
#
# Mood benchmark: how well `jumbo mood analyze --json` reads the labelled
# utterances of tests/fixtures/mood-labelled.tsv (per-class precision,
# recall and F1 over positive, negative, neutral and mixed; macro-F1;
# the Pearson r of valence against the human ratings; the share of
# expected emotions found), for each split, and how fast it goes:
# 100,000 lines through one process, in lines per second, and the
# cost of a start that analyses one line, beside `jumbo --version`.
#
# Usage: sh bench/mood.sh PATH-TO-JUMBO
#        sh bench/mood.sh --score FIXTURE JSON-LINES   (the scorer alone)
#
# Timing never makes this script fail; a command that fails does
# (exit 1). Nothing is written outside a temporary directory.
#
# Environment:
#   BENCH_LINES=100000  lines for the speed run
#   BENCH_RUNS=5        speed runs (the best is reported) and 20x that
#                       many one-line starts (the median is reported)

set -u

# The scorer: fixture rows and JSON results, line by line.
py_score='
import json, sys
fixture, results = sys.argv[1], sys.argv[2]
rows = []
with open(fixture, encoding="utf-8") as f:
	for n, line in enumerate(f):
		if n == 0:
			continue
		text, polarity, valence, emotions, split = line.rstrip("\n").split("\t")
		rows.append((polarity, float(valence),
		    [e for e in emotions.split(",") if e], split))
with open(results, encoding="utf-8") as f:
	got = [json.loads(line) for line in f if line.strip()]
if len(got) != len(rows):
	sys.exit("mood.sh: %d results for %d utterances" % (len(got), len(rows)))
band = 0.12
derived = False
def polarity(o):
	global derived
	if "polarity" in o:
		return o["polarity"]
	derived = True
	v = o["valence"]
	return "positive" if v >= band else "negative" if v <= -band else "neutral"
classes = ["positive", "negative", "neutral", "mixed"]
splits = []
for r in rows:
	if r[3] not in splits:
		splits.append(r[3])
for split in splits:
	tp = dict.fromkeys(classes, 0); fp = dict(tp); fn = dict(tp)
	xs, ys, want, found, right = [], [], 0, 0, 0
	for (gold, rating, emotions, s), o in zip(rows, got):
		if s != split:
			continue
		p = polarity(o)
		if p == gold:
			tp[gold] += 1
			right += 1
		else:
			fp[p] += 1
			fn[gold] += 1
		xs.append(float(o["valence"]))
		ys.append(rating)
		want += len(emotions)
		found += sum(1 for e in emotions if e in o.get("emotions", []))
	n = len(xs)
	print("%s split (%d utterances)" % (split, n))
	macro = 0
	for c in classes:
		pr = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0
		rc = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0
		f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0
		macro += f1 / len(classes)
		print("  %-8s precision %.3f  recall %.3f  F1 %.3f" % (c, pr, rc, f1))
	mx, my = sum(xs) / n, sum(ys) / n
	sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
	sxx = sum((x - mx) ** 2 for x in xs)
	syy = sum((y - my) ** 2 for y in ys)
	r = sxy / (sxx * syy) ** 0.5 if sxx > 0 and syy > 0 else 0
	print("  macro-F1 %.3f  accuracy %.3f  valence Pearson r %.3f  "
	    "emotions found %.3f" % (macro, right / n, r,
	    found / want if want else 0))
if derived:
	print("note: the JSON has no \"polarity\": it was taken from valence "
	    "(|v| < %.2f neutral), so mixed is never predicted" % band)
'

if [ $# -eq 3 ] && [ "$1" = --score ]; then
	exec python3 -I -S -c "$py_score" "$2" "$3"
fi
if [ $# -ne 1 ]; then
	echo "usage: sh bench/mood.sh PATH-TO-JUMBO" >&2
	echo "       sh bench/mood.sh --score FIXTURE JSON-LINES" >&2
	exit 2
fi
case $1 in
/*)	jumbo=$1 ;;
*)	jumbo=$(pwd)/$1 ;;
esac
if [ ! -x "$jumbo" ]; then
	echo "mood.sh: $jumbo: not an executable" >&2
	exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "mood.sh: python3 is needed to score and to time" >&2
	exit 1
fi
src=$(cd "$(dirname "$0")/.." && pwd)
fixture=$src/tests/fixtures/mood-labelled.tsv
lines=${BENCH_LINES:-100000}
runs=${BENCH_RUNS:-5}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jumbo-mood.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM

# `mood analyze` opens no store, but keep it away from real data anyway.
HOME=$tmp/home
JUMBO_HOME=$tmp/jumbo
NO_COLOR=1
export HOME JUMBO_HOME NO_COLOR
unset JUMBO_DEBUG XDG_CONFIG_HOME XDG_DATA_HOME
mkdir -p "$HOME" "$JUMBO_HOME" || exit 1

# The texts, one a line, in the fixture's order.
tail -n +2 "$fixture" | cut -f 1 >"$tmp/texts"
if ! "$jumbo" mood analyze --json <"$tmp/texts" >"$tmp/results" \
    2>"$tmp/err"; then
	echo "mood.sh: \`jumbo mood analyze --json\` failed:" >&2
	sed 's/^/  /' "$tmp/err" >&2
	exit 1
fi
echo "accuracy of \`jumbo mood analyze --json\` on" \
    "tests/fixtures/mood-labelled.tsv"
python3 -I -S -c "$py_score" "$fixture" "$tmp/results" || exit 1

# Speed: many lines through one process; then one-line starts.
py_time='
import os, sys, time
runs, lines, starts = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
texts, jumbo = sys.argv[4], sys.argv[5:]
null = os.open(os.devnull, os.O_WRONLY)
def once(argv, stdin_path):
	fd = os.open(stdin_path, os.O_RDONLY)
	acts = [(os.POSIX_SPAWN_DUP2, fd, 0), (os.POSIX_SPAWN_DUP2, null, 1),
	    (os.POSIX_SPAWN_DUP2, null, 2)]
	t0 = time.perf_counter()
	pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=acts)
	_, status = os.waitpid(pid, 0)
	t = time.perf_counter() - t0
	os.close(fd)
	if status != 0:
		sys.exit("mood.sh: %s failed" % " ".join(argv))
	return t
best = min(once(jumbo + ["mood", "analyze", "--json"], texts)
    for _ in range(runs))
print("%d lines: best of %d runs %.3f s, %.0f lines/s, %.2f us a line "
    "(process start included)" % (lines, runs, best, lines / best,
    best / lines * 1e6))
one = texts + ".one"
with open(one, "w") as f:
	f.write("I am tired but proud of what I did today\n")
def median(v):
	v = sorted(v)
	return v[len(v) // 2]
a = median([once(jumbo + ["mood", "analyze"], one) for _ in range(starts)])
b = median([once(jumbo + ["--version"], one) for _ in range(starts)])
print("one-line start: median %.2f ms, jumbo --version %.2f ms: "
    "%.2f ms for the lexicon, one analysis and the output" %
    (a * 1e3, b * 1e3, (a - b) * 1e3))
'
awk -v n="$lines" '{ t[NR] = $0 } END {
	for (i = 0; i < n; i++)
		print t[i % NR + 1]
}' "$tmp/texts" >"$tmp/many"
echo
echo "speed (load average $(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null ||
    echo '?'); use a Release build for figures worth comparing)"
python3 -I -S -c "$py_time" "$runs" "$lines" $((runs * 20)) \
    "$tmp/many" "$jumbo" || exit 1
exit 0
