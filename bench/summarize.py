#!/usr/bin/env python3
"""Prints the figures of one bench/run.sh run as the Markdown rows bench/README.md keeps."""
import json, pathlib, sys

out = pathlib.Path(sys.argv[1])
r = {p.stem: json.loads(p.read_text()) for p in out.glob("*.json")}
status, bare_read, submit, bare_insert = r["status"], r["bare-read"], r["submit"], r["bare-insert"]
peak, count, crash = r["peak"], r["peak-count"], r["crash-verify"]

def row(name, m, base=None, goal=""):
    ratio = f"{m['rps'] / base['rps']:.0%}" if base else "—"
    return f"| {name} | {m['rps']:.0f} | {m['p50Ms']:.1f} | {m['p95Ms']:.1f} | {m['p99Ms']:.1f} | {m['errors']} | {ratio} | {goal} |"

print(f"### {out.name}\n")
print(f"Seeded: {r['seed']['seeded']:,} cases in {r['seed']['seconds']} s.\n")
print("| run | req/s | p50 ms | p95 ms | p99 ms | errors | of bare | goal |")
print("|---|---|---|---|---|---|---|---|")
# Round 1 is named plainly, later rounds get "-r2", "-r3"... (run.sh, BENCH_ROUNDS).
def rounds(name):
    found = [(1, r[name])] if name in r else []
    n = 2
    while f"{name}-r{n}" in r:
        found.append((n, r[f"{name}-r{n}"]))
        n += 1
    return found

def label(text, n, total):
    return text if total == 1 else f"{text}, round {n}"

reads, queries = rounds("bare-read"), rounds("status")
for (n, base), (_, query) in zip(reads, queries):
    print(row(label("bare read (one row by key), 64 conn.", n, len(reads)), base))
    print(row(label("one-code status query, 64 conn.", n, len(reads)), query, base, "≥ 60 %, p99 ≤ 20 ms"))
if "status-16" in r:
    print(row("one-code status query, 16 conn.", r["status-16"], bare_read))
inserts, submits = rounds("bare-insert"), rounds("submit")
for (n, base), (_, made) in zip(inserts, submits):
    print(row(label("bare durable insert (same body), 32 conn.", n, len(inserts)), base))
    print(row(label("submission with a 200 KB file, 32 conn.", n, len(inserts)), made, base, "≥ 50 %"))
if "submit-refused" in r:
    # Answered 422 by design: its non-2xx answers are the point, not errors.
    refused = dict(r["submit-refused"], errors=r["submit-refused"]["errors"] - r["submit-refused"]["non2xx"])
    print(row("the same submission refused at the form's check (no write; every answer a 422), 32 conn.", refused, bare_insert))
print()
print(f"Enrolment peak: {peak['sent']:,} submissions at {peak['targetRate']}/s (achieved {peak['achievedRate']}/s): "
      f"{peak['created']:,} created, {peak['errors']} errors, p50 {peak['p50Ms']} ms, p95 {peak['p95Ms']} ms, "
      f"p99 {peak['p99Ms']} ms, max {peak['maxMs']} ms; cases made: {count['made']:,} (goal: exactly {peak['sent']:,}, no error, p99 ≤ 500 ms).\n")
if peak.get("slowSeconds"):
    worst = ", ".join(f"s{w['second']}: {w['requests']} over 100 ms, max {w['maxMs']} ms" for w in peak["slowSeconds"][:3])
    print(f"Slowest seconds of the peak (run began {peak['startedAt']} UTC): {worst}.\n")
print(f"kill -9 during submissions: {crash['acknowledged']:,} acknowledged before the kill, {crash['found']:,} found after restart, "
      f"{crash['lost']} lost.")
