#!/usr/bin/env python3
"""Once a second during the peak (bench/run.sh): who used the two cores, and what the disk held.

    bench/sampler.py HALL_PID WAL_PATH > peak-sampler.txt

Each line: the UTC time; the machine's CPU (busy %, of which iowait), and the share of it taken
by the hall, the load driver (GovHall.Bench rate) and PostgreSQL's processes together, in % of
one core; context switches; the page cache's dirty and writeback memory; the SQLite WAL's size;
steal time; any other process over 5 % of a core; the machine's split into user, system and
interrupt time; and PostgreSQL's client backends to the hall's database: how many, how many
were opened and how many closed since the last line (a backend costs a fork and a cold cache). A process that exits between two samples (a PostgreSQL backend the pool closes)
takes its last second's CPU with it, so a group's share can read low in such a second.
A stall in the peak then shows whether the hall was busy (its GC, its code), idle while someone
else had the CPU (the driver, the database), or waiting on the disk.
"""
import os, sys, time

hall, wal = int(sys.argv[1]), sys.argv[2]
tick = os.sysconf("SC_CLK_TCK")


def cpu_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime, in ticks
    except (OSError, IndexError, ValueError):
        return 0


# PostgreSQL's processes by name, not by command line: a backend just forked still carries the
# postmaster's command line for a moment. Its client backends name the database they serve.
def processes():
    driver, postgres, others, backends = [], [], [], set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ")
            with open(f"/proc/{pid}/comm", "rb") as f:
                name = f.read().strip()
        except OSError:
            continue
        if b"GovHall.Bench.dll rate" in command:
            driver.append(int(pid))
        elif name == b"postgres":
            postgres.append(int(pid))
            if b" govhall " in command:
                backends.add(int(pid))
        elif int(pid) not in (hall, os.getpid()):
            others.append(int(pid))
    return driver, postgres, others, backends


def name_of(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip().replace(" ", "_")
    except OSError:
        return "?"


def machine():
    with open("/proc/stat") as f:
        lines = f.read().splitlines()
    values = [int(v) for v in lines[0].split()[1:]]
    idle, iowait, steal = values[3], values[4], values[7]
    switches = next(int(l.split()[1]) for l in lines if l.startswith("ctxt "))
    # user (with nice), system, and interrupts (hard and soft): the kernel's share that no
    # process is charged for, which the per-process figures cannot show.
    kinds = (values[0] + values[1], values[2], values[5] + values[6])
    return sum(values[:8]), idle, iowait, steal, switches, kinds


def memory():
    found = {}
    with open("/proc/meminfo") as f:
        for line in f:
            name, value = line.split(":", 1)
            if name in ("Dirty", "Writeback"):
                found[name] = int(value.split()[0])
    return found


def share(after, earlier, seconds):
    return round(100 * used(after, earlier) / tick / seconds)


# CPU ticks per process of each group; a group's share counts only what its processes used
# since the last sample, so one that exits (a PostgreSQL backend) takes nothing away.
def sample():
    driver, postgres, others, backends = processes()
    return (machine(), {hall: cpu_of(hall)}, {p: cpu_of(p) for p in driver}, {p: cpu_of(p) for p in postgres},
            {p: cpu_of(p) for p in others}, backends)


def used(after, earlier):
    return sum(ticks - earlier.get(pid, 0) for pid, ticks in after.items())


before, at = sample(), time.monotonic()
while True:
    time.sleep(1)
    now, t = sample(), time.monotonic()
    seconds = t - at
    (total, idle, iowait, steal, switches, kinds), hall_cpu, driver_cpu, pg_cpu, other_cpu, backends = now
    (total0, idle0, iowait0, steal0, switches0, kinds0), hall0, driver0, pg0, other0, backends0 = before
    span = max(total - total0, 1)
    m = memory()
    try:
        wal_size = os.stat(wal).st_size
    except OSError:
        wal_size = "-"
    # Any other process (a kernel thread, a tool) that took 5 % of a core or more.
    busiest = sorted(((ticks - other0.get(pid, 0), pid) for pid, ticks in other_cpu.items()), reverse=True)[:3]
    named = " ".join(f"{name_of(pid)}:{share({pid: ticks}, {}, seconds)}%" for ticks, pid in busiest if share({pid: ticks}, {}, seconds) >= 5)
    print(f"{time.strftime('%H:%M:%S', time.gmtime())} cpu {round(100 * (span - (idle - idle0) - (iowait - iowait0)) / span)}%"
          f" iowait {round(100 * (iowait - iowait0) / span)}% hall {share(hall_cpu, hall0, seconds)}% driver {share(driver_cpu, driver0, seconds)}%"
          f" postgres {share(pg_cpu, pg0, seconds)}% cs {round((switches - switches0) / seconds)}"
          f" dirty {m.get('Dirty', 0)} kB writeback {m.get('Writeback', 0)} kB wal {wal_size}"
          f" steal {round(100 * (steal - steal0) / span)}% others {named or '-'}"
          f" user {round(100 * (kinds[0] - kinds0[0]) / span)}% system {round(100 * (kinds[1] - kinds0[1]) / span)}%"
          f" interrupts {round(100 * (kinds[2] - kinds0[2]) / span)}%"
          f" backends {len(backends)} opened {len(backends - backends0)} closed {len(backends0 - backends)}", flush=True)
    before, at = now, t
