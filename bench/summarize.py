#!/usr/bin/env python3
"""Prints the figures of one bench/run.sh run as the Markdown rows bench/README.md keeps."""
import datetime, json, pathlib, sys

out = pathlib.Path(sys.argv[1])
r = {p.stem: json.loads(p.read_text()) for p in out.glob("*.json")}
status, bare_read, submit, bare_insert = r["status"], r["bare-read"], r["submit"], r["bare-insert"]
peak, count, crash = r["peak"], r["peak-count"], r["crash-verify"]

def row(name, m, base=None, goal=""):
    ratio = f"{m['rps'] / base['rps']:.0%}" if base else "—"
    return f"| {name} | {m['rps']:.0f} | {m['p50Ms']:.1f} | {m['p95Ms']:.1f} | {m['p99Ms']:.1f} | {m['errors']} | {ratio} | {goal} |"

print(f"### {out.name}\n")
settled = f" Settled (GovHall.Bench settle) in {r['settle']['settledSeconds']} s." if "settle" in r else " Not settled."
print(f"Seeded: {r['seed']['seeded']:,} cases in {r['seed']['seconds']} s.{settled}\n")
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
inserts, submits, stores = rounds("bare-insert"), rounds("submit"), rounds("bare-store")
for i, ((n, base), (_, made)) in enumerate(zip(inserts, submits)):
    print(row(label("bare durable insert (same body), 32 conn.", n, len(inserts)), base))
    if i < len(stores):
        store = stores[i][1]
        print(row(label("bare store (body read, its 200 KB file stored with fsync, one row), 32 conn.", n, len(inserts)), store, base))
    print(row(label("submission with a 200 KB file, 32 conn.", n, len(inserts)), made, base, "≥ 50 % of bare insert"))
    if i < len(stores):
        print(row(label("the same submission, as a share of the bare store", n, len(inserts)), made, stores[i][1], "≥ 50 % of bare store"))
if "submit-refused" in r:
    # Answered 422 by design: its non-2xx answers are the point, not errors.
    refused = dict(r["submit-refused"], errors=r["submit-refused"]["errors"] - r["submit-refused"]["non2xx"])
    print(row("the same submission refused at the form's check (no write; every answer a 422), 32 conn.", refused, bare_insert))
print()
print(f"Enrolment peak: {peak['sent']:,} submissions at {peak['targetRate']}/s (achieved {peak['achievedRate']}/s): "
      f"{peak['created']:,} created, {peak['errors']} errors, p50 {peak['p50Ms']} ms, p95 {peak['p95Ms']} ms, "
      f"p99 {peak['p99Ms']} ms, max {peak['maxMs']} ms; cases made: {count['made']:,} (goal: exactly {peak['sent']:,}, no error, p99 ≤ 500 ms).\n")
if "codes" in r:
    c = r["codes"]
    print(f"One-time codes beside the peak: {c['asked']} registrations at 1/s, {c['accepted']} accepted, {c['arrived']} codes at the SMS gateway, "
          f"{c['lost']} lost; from the form sent to the gateway p50 {c['p50Ms']} ms, p95 {c['p95Ms']} ms, p99 {c['p99Ms']} ms, max {c['maxMs']} ms "
          f"(goal: p99 ≤ 5,000 ms).\n")
if peak.get("slowSeconds"):
    worst = ", ".join(f"s{w['second']}: {w['requests']} over 100 ms, max {w['maxMs']} ms" for w in peak["slowSeconds"][:3])
    print(f"Slowest seconds of the peak (run began {peak['startedAt']} UTC): {worst}.\n")

# The sampler's lines (bench/sampler.py): "HH:MM:SS cpu 55% iowait 3% hall 72% driver 8% postgres 25% cs ...".
sampler = out / "peak-sampler.txt"
samples = {}
if sampler.exists():
    for line in sampler.read_text().splitlines():
        words = line.split()
        if len(words) > 11 and words[1] == "cpu":
            samples[words[0]] = {words[i]: int(words[i + 1].rstrip("%")) for i in (1, 3, 5, 7, 9)}
            # PostgreSQL's client backends, when the sampler counted them (since 4155bbd).
            if "backends" in words:
                at = words.index("backends")
                samples[words[0]]["backends"] = f", backends {words[at + 1]} (opened {words[at + 3]}, closed {words[at + 5]})"
if samples:
    mean = {k: sum(s[k] for s in samples.values()) / len(samples) for k in ("cpu", "hall", "driver", "postgres")}
    print(f"During the peak, on average (bench/sampler.py, {len(samples)} seconds): the machine {mean['cpu']:.0f} % busy; "
          f"of one core, the hall {mean['hall']:.0f} %, the driver {mean['driver']:.0f} %, PostgreSQL {mean['postgres']:.0f} %.\n")
    if peak.get("slowSeconds") and peak.get("startedAt"):
        # The sampler's second just after each slow second (a line covers the second before it).
        start = datetime.datetime.strptime(peak["startedAt"], "%H:%M:%S")
        for w in peak["slowSeconds"][:3]:
            at = (start + datetime.timedelta(seconds=w["second"] + 1)).strftime("%H:%M:%S")
            if at in samples:
                s = samples[at]
                print(f"- s{w['second']} ({at}): machine {s['cpu']} %, iowait {s['iowait']} %, hall {s['hall']} %, driver {s['driver']} %, PostgreSQL {s['postgres']} %{s.get('backends', '')}")
        print()
print(f"kill -9 during submissions: {crash['acknowledged']:,} acknowledged before the kill, {crash['found']:,} found after restart, "
      f"{crash['lost']} lost.")
