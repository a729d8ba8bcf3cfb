#!/usr/bin/env bash
# Compares two commits of the hall on the same machine in the same run (bench/README.md,
# "Before and after"): the one-code query against the bare read and the partner submission
# against the bare insert, with the hall's CPU per request read from /proc around each wrk run.
#   bench/compare.sh BEFORE AFTER [sqlite]
# Each commit is built in its own worktree under /tmp and seeded with its own data folder. The
# rounds alternate the order (before, after; then after, before) so the machine's drift does not
# favour one side. Settings: BENCH_CASES (20000), BENCH_DURATION (15s), BENCH_ROUNDS (2),
# BENCH_PORT (5281). Results go to bench/results/compare/ as one JSON line per wrk run.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(git rev-parse --short "${1:?BEFORE commit}")
after=$(git rev-parse --short "${2:?AFTER commit}")
cases=${BENCH_CASES:-20000}
duration=${BENCH_DURATION:-15s}
rounds=${BENCH_ROUNDS:-2}
port=${BENCH_PORT:-5281}
url=http://127.0.0.1:$port
out=bench/results/compare
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.log
# wrk from Debian's packages, installed here when missing (root or sudo; a fresh machine's
# package lists may be empty, so they are fetched first).
if ! command -v wrk >/dev/null; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  echo "installing wrk ..."
  as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
    || { echo "wrk is missing and could not be installed: run  sudo apt-get update && sudo apt-get install -y wrk"; exit 1; }
fi
work=$(mktemp -d /tmp/govhall-compare.XXXXXX)
ticks=$(getconf CLK_TCK)

server=
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; server=; }
cleanup() { stop_server; for c in "$before" "$after"; do git worktree remove --force "$work/src-$c" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

for commit in "$before" "$after"; do
  git worktree add --detach "$work/src-$commit" "$commit" >/dev/null
  echo "building $commit ..."
  (cd "$work/src-$commit" && dotnet build GovHall.slnx -c Release 2>&1 | tail -1)
  mkdir -p "$work/data-$commit"
done

export ASPNETCORE_ENVIRONMENT=Development GovHall__Demo=true GovHall__Bench__Enabled=true \
  GovHall__RateLimits__QueriesPerMinute=1000000000 GovHall__Tokens__AccessTokenLifetime=06:00:00 Logging__LogLevel__Default=Warning

start_server() { # commit
  GovHall__DataDirectory=$work/data-$1 dotnet "$work/src-$1/src/GovHall.Web/bin/Release/net10.0/GovHall.Web.dll" --urls "$url" \
    >> "$out/server-$1.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -fs "$url/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  echo "the hall at $1 did not start"; cat "$out/server-$1.log"; exit 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }

for commit in "$before" "$after"; do
  start_server "$commit"
  echo "seeding $cases cases at $commit ..."
  dotnet "$work/src-$commit/bench/GovHall.Bench/bin/Release/net10.0/GovHall.Bench.dll" seed --data "$work/data-$commit" \
    --count "$cases" --codes "$work/codes-$commit.txt" >/dev/null
  dotnet "$work/src-$commit/bench/GovHall.Bench/bin/Release/net10.0/GovHall.Bench.dll" settle --data "$work/data-$commit" >/dev/null
  stop_server
done
sync

run() { # commit round name connections script path [env...]
  local commit=$1 round=$2 name=$3 connections=$4 script=$5 path=$6; shift 6
  local start end line
  start=$(cpu_ticks)
  line=$(env "$@" BENCH_DIR=$PWD/bench/wrk BENCH_PATH=$path BENCH_CODES=$work/codes-$commit.txt BENCH_TOKEN=$token \
    BENCH_ITEM=$item BENCH_RUN=$commit-$name-$round-$RANDOM \
    wrk -t2 -c"$connections" -d"$duration" --timeout 10s -s "bench/wrk/$script" "$url" | grep '^{')
  end=$(cpu_ticks)
  line=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r.update(commit=sys.argv[2], round=int(sys.argv[3]), run=sys.argv[4], hallCpuMsPerRequest=round((int(sys.argv[6])-int(sys.argv[5]))*1000/int(sys.argv[7])/max(r["requests"],1),3)); print(json.dumps(r))' \
    "$line" "$commit" "$round" "$name" "$start" "$end" "$ticks")
  echo "$line" | tee -a "$out/$commit.json"
}

measure() { # commit round
  local commit=$1 round=$2
  start_server "$commit"
  token=$(curl -fs -d 'grant_type=client_credentials&client_id=district-hall-demo&client_secret=demo-secret&scope=cases.submit cases.read' \
    "$url/connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  item=$(curl -fs "$url/api/v1/items?q=%E5%8F%97%E7%90%86%E6%95%99%E5%B8%88%E7%94%B3%E8%AF%89&pageSize=5" \
    | python3 -c 'import json,sys; print([i["code"] for i in json.load(sys.stdin)["items"] if i["name"]=="受理教师申诉"][0])')
  echo "round $round at $commit: warming up ..."
  for path in "/api/v1/cases/status?code=" "/bench/bare/read?code="; do
    BENCH_DIR=$PWD/bench/wrk BENCH_PATH=$path BENCH_CODES=$work/codes-$commit.txt wrk -t2 -c64 -d5s -s bench/wrk/read.lua "$url" >/dev/null
  done
  for path in /bench/bare/insert /api/v1/cases; do
    BENCH_DIR=$PWD/bench/wrk BENCH_PATH=$path BENCH_TOKEN=$token BENCH_ITEM=$item BENCH_RUN=warm-$commit-$round-$RANDOM \
      wrk -t2 -c32 -d5s -s bench/wrk/submit.lua "$url" >/dev/null
  done
  run "$commit" "$round" bare-read 64 read.lua "/bench/bare/read?code="
  run "$commit" "$round" status 64 read.lua "/api/v1/cases/status?code="
  run "$commit" "$round" bare-insert 32 submit.lua /bench/bare/insert
  run "$commit" "$round" submit 32 submit.lua /api/v1/cases
  run "$commit" "$round" submit-refused 32 submit.lua /api/v1/cases BENCH_REFUSE=1
  stop_server
}

for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then order=("$before" "$after"); else order=("$after" "$before"); fi
  for commit in "${order[@]}"; do measure "$commit" "$round"; done
done

python3 - "$out" "$before" "$after" <<'EOF'
import json, pathlib, sys
out, before, after = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
runs = [json.loads(l) for c in (before, after) for l in (out / f"{c}.json").read_text().splitlines()]
def pick(commit, rnd, name):
    return next(r for r in runs if r["commit"] == commit and r["round"] == rnd and r["run"] == name)
print("| commit | round | run | req/s | p99 ms | errors | of bare | hall CPU per request |")
print("|---|---|---|---|---|---|---|---|")
for rnd in sorted({r["round"] for r in runs}):
    for commit in (before, after):
        for name, bare in (("bare-read", None), ("status", "bare-read"), ("bare-insert", None), ("submit", "bare-insert"), ("submit-refused", None)):
            r = pick(commit, rnd, name)
            share = f'{r["rps"] / pick(commit, rnd, bare)["rps"]:.0%}' if bare else "—"
            errors = r["errors"] if name != "submit-refused" else f'{r["non2xx"]} × 422'
            print(f'| {commit} | {rnd} | {name} | {r["rps"]:.0f} | {r["p99Ms"]:.1f} | {errors} | {share} | {r["hallCpuMsPerRequest"]:.3f} ms |')
EOF
