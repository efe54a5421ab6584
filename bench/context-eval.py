#!/usr/bin/env python3
#
# The helper of bench/context.sh (run as python3 -I -S: standard library
# only, no site packages). Two commands:
#
#   replay JUMBO CONVERSATION
#       Send every turn of CONVERSATION (bench/context-data/conversation.txt)
#       to `JUMBO -m openai:mock [-c] TURN`, in order, the first without
#       -c, standard input /dev/null (piped stdin would be material).
#       JUMBO_HOME, OPENAI_BASE_URL and OPENAI_API_KEY come from the
#       environment. Stops at the first turn that fails, printing the
#       command and what jumbo wrote on stderr. Prints one line: the
#       turns, the wall time of the whole replay and the median turn.
#
#   report CONVERSATION LOG EXPORT FACTS DB
#       LOG is mock-llm's request log of the replay, EXPORT `jumbo export`
#       and FACTS `jumbo facts --json` after it, DB the jumbo.db (read
#       only, for the bytes-per-token figure jumbo learned). For every turn
#       it finds the analysis request (the one holding the marker) and the
#       reply request after it, and prints the tables described in
#       bench/README.md ("context.sh").
#
# The token estimator, the same for every column: all the characters of
# all the messages' contents (the system prompt is the first message),
# divided by 4, rounded up. It is not jumbo's own estimate (bytes over a
# bytes-per-token figure it learns from the server); it is one ruler laid
# the same way along every prompt.

import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import time

MARKER = "Analyse the person's message"
BUDGET = 3000
WINDOW = 20             # messages the window client keeps
LONG_RANGE = 200        # turns between telling and asking, for "long ago"
CHECKPOINTS = (1, 10, 50, 100, 200, 300, 400, 500)
FACTS_HEAD = "What they have told you (facts):\n"


def tokens(chars):
    return (chars + 3) // 4


def read_conversation(path):
    """The turns: a list of (text, [expected objects])."""
    turns = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            text, sep, labels = line.partition(" | expected: ")
            expected = []
            if sep:
                expected = [x.strip() for x in labels.split(";")
                            if x.strip()]
                if not expected:
                    sys.exit("%s:%d: empty expected list" % (path, number))
            turns.append((text, expected))
    return turns


def mentions(text, word):
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text,
                     re.IGNORECASE) is not None


def command_replay(args):
    jumbo, conversation = args
    turns = read_conversation(conversation)
    durations = []
    null = open(os.devnull, "rb")
    start = time.monotonic()
    for i, (text, _) in enumerate(turns):
        argv = [jumbo, "-m", "openai:mock"] + (["-c"] if i else []) + [text]
        t0 = time.monotonic()
        p = subprocess.run(argv, stdin=null, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        durations.append(time.monotonic() - t0)
        err = p.stderr.decode("utf-8", "replace").strip()
        if p.returncode != 0:
            print("context.sh: turn %d failed (exit status %d):"
                  % (i + 1, p.returncode), file=sys.stderr)
            print("  " + shlex.join(argv), file=sys.stderr)
            for line in err.splitlines():
                print("  " + line, file=sys.stderr)
            return 1
        if err:
            print("context.sh: turn %d wrote on stderr: %s"
                  % (i + 1, err.replace("\n", " / ")), file=sys.stderr)
    total = time.monotonic() - start
    durations.sort()
    print("%d turns in %.1f s, median turn %.1f ms (two requests to the "
          "mock and the store; informational)"
          % (len(turns), total, durations[len(durations) // 2] * 1000))
    return 0


def read_requests(log):
    """Every chat request of the log: a list of message lists."""
    requests = []
    with open(log, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if not entry.get("path", "").endswith("/chat/completions"):
                continue
            body = entry["body"]
            if isinstance(body, str):
                body = json.loads(body)
            requests.append(body["messages"])
    return requests


def pair_requests(requests, turns):
    """For each turn, its reply request (a message list) or None, the
    characters of its analysis request, and a list of anomalies found on
    the way."""
    replies = [None] * len(turns)
    analyses = [None] * len(turns)
    problems = []
    turn = -1
    for messages in requests:
        system = messages[0]["content"] if messages and \
            messages[0]["role"] == "system" else ""
        if system.startswith(MARKER):
            turn += 1
            if turn >= len(turns):
                problems.append("more analysis requests than turns")
                break
            analyses[turn] = sum(len(m["content"]) for m in messages)
            if messages[-1]["content"] != turns[turn][0]:
                problems.append("turn %d: the analysis request is not "
                                "about this turn's message" % (turn + 1))
            continue
        if turn < 0 or replies[turn] is not None:
            problems.append("turn %d: a second reply request"
                            % (turn + 1))
            continue
        if messages[-1]["content"] != turns[turn][0]:
            problems.append("turn %d: the reply request does not end with "
                            "this turn's message" % (turn + 1))
        replies[turn] = messages
    if turn + 1 < len(turns):
        problems.append("only %d analysis requests for %d turns"
                        % (turn + 1, len(turns)))
    for i, r in enumerate(replies):
        if r is None and i <= turn:
            problems.append("turn %d: no reply request" % (i + 1))
    return replies, analyses, problems


def read_export(path, turns):
    """The conversation's messages in order, as (role, text)."""
    messages = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            messages.append((m["role"], m["text"]))
    users = [t for r, t in messages if r == "user"]
    if users != [t for t, _ in turns]:
        sys.exit("context.sh: jumbo export does not hold the replayed "
                 "turns in order")
    return messages


def facts_section(system):
    """The fact lines of a system prompt, and whether some were left out."""
    at = system.find(FACTS_HEAD)
    if at < 0:
        return [], False
    lines, more = [], False
    for line in system[at + len(FACTS_HEAD):].split("\n"):
        if line.startswith("- "):
            lines.append(line)
        else:
            more = line.startswith("(and ")
            break
    return lines, more


def learned_bytes_per_token(db):
    try:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        row = con.execute("SELECT value FROM profile WHERE key = "
                          "'tokens.bytes_per_token.openai'").fetchone()
        con.close()
        return row[0] if row else None
    except sqlite3.Error:
        return None


def command_report(args):
    conversation, log, export, facts_json, db = args
    turns = read_conversation(conversation)
    n = len(turns)
    replies, analyses, problems = pair_requests(read_requests(log), turns)
    history = read_export(export, turns)
    # Where each turn's user message and reply sit in the export.
    user_at = [i for i, (r, _) in enumerate(history) if r == "user"]
    known = []
    with open(facts_json, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                known.append(json.loads(line))

    rows = []
    for k in range(n):
        req = replies[k]
        if req is None:
            rows.append(None)
            continue
        system = req[0]["content"] if req[0]["role"] == "system" else ""
        jumbo_chars = sum(len(m["content"]) for m in req)
        earlier = history[:user_at[k]]
        full_chars = len(system) + sum(len(t) for _, t in earlier) + \
            len(turns[k][0])
        window = [t for _, t in earlier[-WINDOW:]] + [turns[k][0]]
        facts, more = facts_section(system)
        rows.append({
            "jumbo": tokens(jumbo_chars),
            "full": tokens(full_chars),
            "system": tokens(len(system)),
            "messages": len(req) - 2 if system else len(req) - 1,
            "facts": len(facts),
            "more": more,
            "prompt": "\n".join(m["content"] for m in req),
            "facts_text": "\n".join(facts),
            "system_text": system,
            "window": "\n".join(window),
        })

    print("estimator: all characters of all message contents (system "
          "prompt included) / 4, rounded up, the same for every column")
    print("full history: the same system prompt + every earlier message "
          "and reply + this message")
    print()
    print("%5s %7s %7s %6s %6s %9s %7s" % ("turn", "jumbo", "system",
          "facts", "msgs", "full", "full/j"))
    for c in CHECKPOINTS:
        if c > n:
            continue
        r = rows[c - 1]
        if r is None:
            print("%5d  (no reply request)" % c)
            continue
        print("%5d %7d %7d %5d%s %6d %9d %6.1fx" % (
            c, r["jumbo"], r["system"], r["facts"], "+" if r["more"]
            else " ", r["messages"], r["full"], r["full"] / r["jumbo"]))
    print("(jumbo: its whole prompt; system: of which the system prompt; "
          "facts: fact lines in it, + when some were left out; msgs: "
          "earlier messages sent)")

    have = [(k, r) for k, r in enumerate(rows) if r is not None]
    worst_k, worst = max(have, key=lambda kr: kr[1]["jumbo"])
    over = sum(1 for _, r in have if r["jumbo"] > BUDGET)
    full_over = min((k for k, r in have if r["full"] > BUDGET), default=None)
    mean = sum(r["jumbo"] for _, r in have) / len(have)
    print()
    print("jumbo's prompt: max %d tokens (turn %d), mean %.0f, over %d in "
          "%d of %d turns" % (worst["jumbo"], worst_k + 1, mean, BUDGET,
                              over, len(have)))
    if full_over is not None:
        print("full history: over %d from turn %d on; %d tokens at turn %d"
              % (BUDGET, full_over + 1, have[-1][1]["full"], have[-1][0] + 1))
    step1 = [tokens(a) for a in analyses if a is not None]
    if step1:
        print("step 1, the analysis request (its instructions and the "
              "message alone; not in the")
        print("columns above): %d to %d tokens a turn"
              % (min(step1), max(step1)))
        # The first turn from which both steps together stay below the
        # one prompt of the full-history client.
        cross = None
        for k, r in have:
            both = r["jumbo"] + tokens(analyses[k] or 0)
            if both >= r["full"]:
                cross = None
            elif cross is None:
                cross = k
        if cross is not None:
            print("both steps together: below the full-history prompt "
                  "from turn %d on" % (cross + 1))
    bpt = learned_bytes_per_token(db)
    if bpt is not None:
        print("(jumbo budgets bytes / a bytes-per-token figure it learns "
              "from the server's usage;")
        print(" against mock-llm, which counts the request body / 4, it "
              "learned %s)" % bpt)

    # Memory questions.
    questions = []
    for k, (text, expected) in enumerate(turns):
        if not expected:
            continue
        for obj in expected:
            if mentions(text, obj):
                sys.exit("context.sh: turn %d: the question itself names "
                         "%r" % (k + 1, obj))
        told = []
        for obj in expected:
            last = max((j for j in range(k) if mentions(turns[j][0], obj)),
                       default=None)
            if last is None:
                sys.exit("context.sh: turn %d: %r was never said before"
                         % (k + 1, obj))
            told.append(last)
        questions.append((k, text, expected, k - min(told)))

    def answered(text, expected):
        return all(mentions(text, obj) for obj in expected)

    clients = (("jumbo", lambda r: r["prompt"]),
               ("last-%d-messages window" % WINDOW, lambda r: r["window"]))
    print()
    print("memory questions: every expected object in the prompt sent "
          "that turn (age: turns since the oldest")
    print("needed object was last said)")
    print("%-28s %10s %14s" % ("client", "all", "age > %d" % LONG_RANGE))
    far = [q for q in questions if q[3] > LONG_RANGE]
    results = {}
    for name, text_of in clients:
        ok = [q for q in questions if rows[q[0]] is not None and
              answered(text_of(rows[q[0]]), q[2])]
        ok_far = [q for q in ok if q[3] > LONG_RANGE]
        results[name] = (len(ok), len(ok_far))
        print("%-28s %5d/%-4d %9d/%d" % (name, len(ok), len(questions),
                                         len(ok_far), len(far)))
    print("%-28s %5d/%-4d %9d/%-4d  (every earlier message is sent)"
          % ("full history", len(questions), len(questions), len(far),
             len(far)))
    in_facts = sum(1 for q in questions if rows[q[0]] is not None and
                   answered(rows[q[0]]["facts_text"], q[2]))
    print("jumbo: %d of the %d answered from its facts section alone"
          % (in_facts, results["jumbo"][0]))

    missed = [q for q in questions if rows[q[0]] is None or
              not answered(rows[q[0]]["prompt"], q[2])]
    if missed:
        print()
        print("not in jumbo's prompt:")
        objects = {f["object"].lower() for f in known}
        for k, text, expected, age in missed:
            r = rows[k]
            gone = [o for o in expected if r is None or
                    not mentions(r["prompt"], o)]
            notes = []
            for o in gone:
                fact = any(mentions(obj, o) for obj in objects)
                notes.append("%s (%s)" % (o, "a fact jumbo holds at the end"
                                          if fact else
                                          "no fact holds it at the end"))
            print("  turn %d, age %d: %s" % (k + 1, age, text))
            print("    missing: %s" % "; ".join(notes))

    last = have[-1][1]
    print()
    print("facts jumbo holds at the end: %d; listed in the last prompt: %d%s"
          % (len(known), last["facts"], " (some left out)" if last["more"]
             else ""))

    if problems:
        print()
        print("anomalies in the requests jumbo sent:")
        for p in problems[:20]:
            print("  " + p)
        if len(problems) > 20:
            print("  ... and %d more" % (len(problems) - 20))

    print()
    held_budget = over == 0
    held_memory = results["jumbo"][0] == len(questions)
    print("aim: prompt within %d tokens at every turn: %s (max %d)"
          % (BUDGET, "held" if held_budget else "NOT held", worst["jumbo"]))
    print("aim: memory questions keep being answered: %s (%d/%d, %d/%d "
          "asked more than %d turns later)"
          % ("held" if held_memory else "NOT held", results["jumbo"][0],
             len(questions), results["jumbo"][1], len(far), LONG_RANGE))
    if problems:
        print("requests: %d anomalies (above)" % len(problems))
    return 0


def main():
    commands = {"replay": command_replay, "report": command_report}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit("usage: context-eval.py replay|report ...")
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))


main()
