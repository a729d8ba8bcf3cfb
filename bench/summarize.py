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
print(row("bare read (one row by key), 64 conn.", bare_read))
print(row("one-code status query, 64 conn.", status, bare_read, "≥ 60 %, p99 ≤ 20 ms"))
if "status-16" in r:
    print(row("one-code status query, 16 conn.", r["status-16"], bare_read))
print(row("bare durable insert (same body), 32 conn.", bare_insert))
print(row("submission with a 200 KB file, 32 conn.", submit, bare_insert, "≥ 50 %"))
print()
print(f"Enrolment peak: {peak['sent']:,} submissions at {peak['targetRate']}/s (achieved {peak['achievedRate']}/s): "
      f"{peak['created']:,} created, {peak['errors']} errors, p50 {peak['p50Ms']} ms, p95 {peak['p95Ms']} ms, "
      f"p99 {peak['p99Ms']} ms, max {peak['maxMs']} ms; cases made: {count['made']:,} (goal: exactly {peak['sent']:,}, no error, p99 ≤ 500 ms).\n")
print(f"kill -9 during submissions: {crash['acknowledged']:,} acknowledged before the kill, {crash['found']:,} found after restart, "
      f"{crash['lost']} lost.")
