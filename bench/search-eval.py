#!/usr/bin/env python3
#
# The helper of bench/search.sh (run as python3 -I -S: standard library
# only, no site packages). Three commands:
#
#   recall JUMBO DB QUESTIONS [--show dev]
#       For every question of QUESTIONS ({"question", "answers", "kind",
#       "heldout"} a line) rank the messages twice: plain FTS5 bm25, as
#       store_search() does it, straight from DB (opened read-only), and
#       `JUMBO search --json -n 10 QUESTION` (the conversational ranking,
#       JUMBO_HOME from the environment). Print recall@5 and @10 of both,
#       for the dev and the held-out questions, by kind. --show dev lists
#       the dev questions whose answers the conversational ranking misses
#       at 10 (never the held-out ones: they stay untuned).
#
#   generate N SEED
#       Write N messages of import JSON Lines to stdout: friends talking
#       over many conversations and three years (2020 to 2022, before the
#       fixture conversation), in words drawn with a
#       Zipf-like skew from a vocabulary, so the index has long and short
#       posting lists like real chat.
#
#   latency JUMBO QUESTIONS RUNS
#   latency JUMBO - RUNS QUERY...
#       Time `JUMBO search --json -n 10 QUESTION` for every question, RUNS
#       times each (spawn to exit, wall clock), and print the median and
#       p95 in milliseconds, beside `JUMBO --version` (the process floor);
#       or, with -, time each QUERY given RUNS times and print the median
#       of each.

import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import time

# store_search()'s stopwords and expression: keep in step with
# src/store/store-search.c, so "plain" is what `jumbo search` was.
PLAIN_STOPWORDS = set("""a about all am an and any are as at be been but by
can could did do does for from had has have how i if in is it its me my of
on or so that the their them then there these they this those to was we
were what when where which who whom why will with would you your""".split())


def plain_expression(query):
    words = re.findall(r"[^\W_]+", query)
    kept = [w for w in words if w.lower() not in PLAIN_STOPWORDS]
    use = kept if kept else words
    return " OR ".join('"%s"' % w for w in use if len(w.encode()) <= 256)


def plain_ranking(db, query, k):
    expression = plain_expression(query)
    if not expression:
        return []
    rows = db.execute(
        "SELECT m.id FROM messages_fts JOIN messages m "
        "ON m.seq = messages_fts.rowid WHERE messages_fts MATCH ? "
        "ORDER BY -bm25(messages_fts, 1.0, 0.5, 0.5) DESC, m.time DESC, "
        "m.seq DESC LIMIT ?", (expression, k))
    return [r[0] for r in rows]


def jumbo_ranking(jumbo, query, k):
    out = subprocess.run([jumbo, "search", "--json", "-n", str(k), query],
                         stdin=subprocess.DEVNULL, capture_output=True,
                         check=True, text=True).stdout
    return [json.loads(line)["id"] for line in out.splitlines() if line]


def recall(ranking, answers, k):
    return len(set(ranking[:k]) & set(answers)) / len(answers)


def command_recall(args):
    jumbo, path, qpath = args[:3]
    show = args[3:5] == ["--show", "dev"]
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    questions = [json.loads(l) for l in open(qpath) if l.strip()]
    table = {}
    misses = []
    for q in questions:
        split = "held-out" if q.get("heldout") else "dev"
        ranked = {"plain": plain_ranking(db, q["question"], 10),
                  "jumbo": jumbo_ranking(jumbo, q["question"], 10)}
        for kind in ("all", q.get("kind", "?")):
            for method, ids in ranked.items():
                for k in (5, 10):
                    table.setdefault((split, kind, method, k), []).append(
                        recall(ids, q["answers"], k))
        if show and split == "dev" and recall(ranked["jumbo"],
                                              q["answers"], 10) < 1:
            misses.append((q, ranked["jumbo"]))
    kinds = sorted({key[1] for key in table} - {"all"})
    print("%-9s %-11s %5s  %8s %8s   %8s %8s" % ("split", "questions", "n",
          "plain@5", "jumbo@5", "plain@10", "jumbo@10"))
    for split in ("dev", "held-out"):
        for kind in ["all"] + kinds:
            if (split, kind, "plain", 5) not in table:
                continue
            cells = [sum(v) / len(v) for v in (
                table[(split, kind, m, k)] for k in (5, 10)
                for m in ("plain", "jumbo"))]
            print("%-9s %-11s %5d  %8.3f %8.3f   %8.3f %8.3f" % (
                split, kind, len(table[(split, kind, "plain", 5)]),
                *cells))
    for q, ids in misses:
        print("miss: %s %s -> %s" % (q["question"], q["answers"],
                                     " ".join(ids)))


# Words for generated chat, commonest first (a Zipf-like draw favours the
# front): small words, then everyday life.
VOCABULARY = """
the I to and a you it of is that in my was for it's on so but just have
with we be this at not like me what are they he she do all was about
know if up out get one go day time really good think oh now can yeah
when how would some her his them there going got then had today work
been more back want well much see also people week going still make
home love lol night sure thing feel last tomorrow need new right way
said little morning great last long nice first because off after too
kids school weekend dinner friend friends family mom dad sister brother
house car trip plan plans weather rain sun coffee tea lunch breakfast
movie show book books read reading music song band concert game team
match season coach practice training run running gym walk dog cat park
beach lake river mountain hike trail bike city town street shop store
market bakery cafe restaurant menu pizza pasta soup salad cake cookies
garden plants flowers tomatoes kitchen recipe oven bread cheese wine beer
job office boss meeting project deadline email call phone laptop screen
class teacher homework test exam grade college course lesson degree
doctor dentist appointment sick cold flu headache tired sleep nap bed
party birthday wedding holiday christmas vacation flight hotel airport
ticket museum gallery painting photo camera picture video letter card
money bill rent budget savings loan bank price cost cheap expensive
happy sad angry worried excited nervous proud calm busy lonely bored
great awesome terrible weird funny amazing lovely awful fine okay
neighbor neighbors landlord apartment room couch desk window door roof
garage yard fence snow spring summer fall winter january march june
september october december monday tuesday friday saturday sunday
grandma grandpa uncle aunt cousin baby son daughter husband wife partner
volunteer church club group meeting board chess puzzle knitting pottery
guitar piano violin drums choir dance yoga swim swimming tennis soccer
basketball baseball hockey golf fishing camping tent fire stars moon
ocean island boat ferry train bus subway traffic road bridge tunnel
""".split()

NAMES = ["Anna", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo",
         "Ines", "Jamal", "Kira", "Leon"]


def command_generate(args):
    n, seed = int(args[0]), int(args[1])
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(VOCABULARY))]
    # Three years before the fixture conversation begins (2023-03): the
    # history a person had before it, as it would be in their store.
    start = 1577836800  # 2020-01-01
    per = 30
    for i in range(n):
        c, j = divmod(i, per)
        pair = (NAMES[c % len(NAMES)], NAMES[(c * 7 + 3) % len(NAMES)])
        if pair[0] == pair[1]:
            pair = (pair[0], NAMES[(c + 1) % len(NAMES)])
        speaker = pair[j % 2]
        words = rng.choices(VOCABULARY, weights, k=rng.randint(4, 28))
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words) + 1),
                         rng.choice(NAMES))
        text = " ".join(words)
        text = text[0].upper() + text[1:] + rng.choice([".", "!", "?",
                                                        "."])
        t = start + c * (3 * 365 * 86400) // (n // per + 1) + j * 90
        print(json.dumps({
            "id": "gen-%d" % i, "conversation": "gen-c%d" % c,
            "role": "user" if j % 2 == 0 else "assistant",
            "speaker": speaker, "text": text,
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))}))


def timed(argv, runs):
    null = os.open(os.devnull, os.O_RDWR)
    acts = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1),
            (os.POSIX_SPAWN_DUP2, null, 2)]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter_ns()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=acts)
        _, status = os.waitpid(pid, 0)
        t1 = time.perf_counter_ns()
        if status != 0:
            sys.exit("search-eval: failed: %s" % " ".join(argv))
        times.append((t1 - t0) / 1e6)
    os.close(null)
    return times


def quantile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def command_latency(args):
    jumbo, qpath, runs = args[0], args[1], int(args[2])
    search = [jumbo, "search", "--json", "-n", "10"]
    if qpath == "-":
        timed(search + [args[3]], 3)
        for q in args[3:]:
            t = timed(search + [q], runs)
            print("%-40s %8.2f" % (q[:40], quantile(t, 0.5)))
        return
    questions = [json.loads(l)["question"] for l in open(qpath)
                 if l.strip()]
    timed(search + [questions[0]], 3)
    floor = timed([jumbo, "--version"], 50)
    print("%-40s %8.2f %8.2f" % ("jumbo --version (floor)",
                                 quantile(floor, 0.5),
                                 quantile(floor, 0.95)))
    times = []
    for _ in range(runs):
        for q in questions:
            times += timed(search + [q], 1)
    print("%-40s %8.2f %8.2f  (%d searches)" % (
        "jumbo search --json -n 10 QUESTION", quantile(times, 0.5),
        quantile(times, 0.95), len(times)))


def main():
    commands = {"recall": command_recall, "generate": command_generate,
                "latency": command_latency}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit("usage: search-eval.py recall|generate|latency ...")
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
