#!/usr/bin/env python3
"""Writes N small cas-register histories as JSON lines (the format in HISTORY-FORMAT.md), for timing
`./omnisim check DIR --model cas-register` over many files: 5 clients, 30 operations each, every
operation taking effect at a random instant inside its interval; every fourth history has one read
corrupted (answers 7, a value nobody writes), so it is not linearizable. Seeded: same output every run.

Usage: small-cas-histories.py DIR [N]   (N defaults to 100)
"""
import json
import os
import random
import sys


def history(seed):
    r = random.Random(seed)
    free_at = [0] * 5
    value = None
    planned = []
    for i in range(30):
        client = r.randrange(5)
        call = free_at[client] + r.randrange(0, 3)
        duration = r.randrange(1, 20)
        free_at[client] = call + duration
        effect = call + r.random() * duration
        kind = r.randrange(3)
        op = ("read",) if kind == 0 else ("write", r.randrange(5)) if kind == 1 else ("cas", r.randrange(5), r.randrange(5))
        planned.append((effect, i, client, call, call + duration, op))
    lines = []
    for _, i, client, call, ret, op in sorted(planned):
        line = {"id": i, "client": client, "call": call, "return": ret}
        if op[0] == "read":
            line.update(f="read", output=value)
        elif op[0] == "write":
            value = op[1]
            line.update(f="write", value=op[1])
        else:
            line.update({"f": "cas", "from": op[1], "to": op[2]})
            if value == op[1]:
                value = op[2]
            else:
                line["status"] = "fail"
        lines.append(line)
    if seed % 4 == 0:
        reads = [line for line in lines if line["f"] == "read"]
        if reads:
            reads[len(reads) // 2]["output"] = 7
    return sorted(lines, key=lambda line: line["id"])


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    os.makedirs(out, exist_ok=True)
    for seed in range(count):
        with open(os.path.join(out, "h%03d.jsonl" % seed), "w") as f:
            for line in history(seed):
                f.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
