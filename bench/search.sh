#!/usr/bin/env bash
# The search benchmark of issue 23 (bench/README.md, "Search"): Chinese full-text search against
# the unfiltered list it filters, in the same run, at 16 connections, through the API and the
# search page; first on the demo catalog, then on a generated catalog of BENCH_ITEMS items
# (GovHall.Bench catalog). Goal: search ≥ 50 % of the list's throughput, p99 ≤ 10 ms.
#   bench/search.sh
# Settings (environment): BENCH_DURATION (15s), BENCH_ITEMS (2000), BENCH_PORT (5284).
# Results go to bench/results/search/.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${BENCH_DURATION:-15s}
items=${BENCH_ITEMS:-2000}
port=${BENCH_PORT:-5284}
url=http://127.0.0.1:$port
out=bench/results/search
mkdir -p "$out"
rm -f "$out"/*
command -v wrk >/dev/null || { echo "wrk is missing: run bench/run.sh once, or  sudo apt-get install -y wrk"; exit 1; }
data=$(mktemp -d /tmp/govhall-search.XXXXXX)
dotnet build GovHall.slnx -c Release 2>&1 | tail -1
app=$PWD/src/GovHall.Web/bin/Release/net10.0/GovHall.Web.dll
tool=$PWD/bench/GovHall.Bench/bin/Release/net10.0/GovHall.Bench.dll
export ASPNETCORE_ENVIRONMENT=Staging GovHall__DataDirectory=$data GovHall__Demo=true \
  GovHall__RateLimits__QueriesPerMinute=1000000000 GovHall__RateLimits__PerMinute=1000000000 Logging__LogLevel__Default=Warning
server=
stop() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; server=; }
trap 'stop; rm -rf "$data"' EXIT
start() {
  dotnet "$app" --urls "$url" >> "$out/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -fs "$url/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  echo "the hall did not start"; exit 1
}
q=%E6%95%99%E5%B8%88%E8%B5%84%E6%A0%BC  # 教师资格
runs=("list /api/v1/items?pageSize=5" "search /api/v1/items?q=$q&pageSize=5" "list-page /items" "search-page /items?q=$q")
measure() { # catalog label
  for spec in "${runs[@]}"; do wrk -t2 -c16 -d5s "$url${spec#* }" >/dev/null; done  # warm-up
  for spec in "${runs[@]}"; do
    name=${spec%% *}
    BENCH_DIR=$PWD/bench/wrk wrk -t2 -c16 -d"$duration" -s bench/wrk/get.lua "$url${spec#* }" | grep '^{' > "$out/$1-$name.json"
  done
}
start
hits=$(curl -fs "$url/api/v1/items?q=$q&pageSize=5" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "demo catalog: '教师资格' finds $hits items"
measure demo
stop
dotnet "$tool" catalog --data "$data" --from src/GovHall.Web/Demo/catalog.json --count "$items" | tee "$out/catalog.json"
start
hits=$(curl -fs "$url/api/v1/items?q=$q&pageSize=5" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "generated catalog of $items items: '教师资格' finds $hits items"
measure generated
stop
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
print("| catalog | run | req/s | p50 ms | p99 ms | errors | of the list | goal |")
print("|---|---|---|---|---|---|---|---|")
for catalog in ("demo", "generated"):
    for base, run, label in (("list", "list", "API list, pageSize 5"), ("list", "search", "API search 教师资格, pageSize 5"),
                             ("list-page", "list-page", "page /items"), ("list-page", "search-page", "page /items?q=教师资格")):
        r = json.load(open(os.path.join(out, f"{catalog}-{run}.json")))
        b = json.load(open(os.path.join(out, f"{catalog}-{base}.json")))
        share = "—" if run == base else f"{r['rps'] / b['rps']:.0%}"
        goal = "" if run == base else "≥ 50 %, p99 ≤ 10 ms"
        print(f"| {catalog} | {label} | {r['rps']:.0f} | {r['p50Ms']:.1f} | {r['p99Ms']:.1f} | {r['errors']} | {share} | {goal} |")
PY
