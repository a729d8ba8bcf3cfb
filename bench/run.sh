#!/usr/bin/env bash
# The load benchmark of issue 4 (bench/README.md): seeds cases, then measures the one-code query
# against a bare one-row read and the partner submission against a bare durable insert with wrk,
# runs the enrolment peak at a fixed rate, and kills the server with -9 in the middle of a
# submission run to check that no acknowledged submission is lost.
#   bench/run.sh [sqlite|postgres]
# Settings (environment): BENCH_CASES (1000000), BENCH_DURATION (20s), BENCH_PEAK (40000),
# BENCH_PEAK_RATE (110), BENCH_PORT (5280; the played SMS gateway listens on the next port), BENCH_ROUNDS (2: rounds of each pair). Installs wrk from Debian's packages when missing; needs, for postgres,
# the postgresql package. Results go to bench/results/<provider>/.
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}
cases=${BENCH_CASES:-1000000}
duration=${BENCH_DURATION:-20s}
rounds=${BENCH_ROUNDS:-2}
peak=${BENCH_PEAK:-40000}
peak_rate=${BENCH_PEAK_RATE:-110}
port=${BENCH_PORT:-5280}
url=http://127.0.0.1:$port
out=bench/results/$provider
mkdir -p "$out"
rm -f "$out"/*.json "$out/server.log"  # an earlier run's rounds must not mix into this one's summary
data=$(mktemp -d /tmp/govhall-bench.XXXXXX)
# wrk from Debian's packages, installed here when missing (root or sudo; a fresh machine's
# package lists may be empty, so they are fetched first).
if ! command -v wrk >/dev/null; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  echo "installing wrk ..."
  as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
    || { echo "wrk is missing and could not be installed: run  sudo apt-get update && sudo apt-get install -y wrk"; exit 1; }
fi

dotnet build GovHall.slnx -c Release 2>&1 | tail -1
app=$PWD/src/GovHall.Web/bin/Release/net10.0/GovHall.Web.dll
tool=$PWD/bench/GovHall.Bench/bin/Release/net10.0/GovHall.Bench.dll
# Staging (since issue 22): one-time codes go through the outbox to an SMS gateway, played by
# the bench tool (codes) during the peak; the development mailbox is Development's only.
gateway_port=$((port + 1))
export ASPNETCORE_ENVIRONMENT=Staging GovHall__DataDirectory=$data GovHall__Demo=true GovHall__Bench__Enabled=true \
  GovHall__RateLimits__QueriesPerMinute=1000000000 GovHall__RateLimits__PerMinute=1000000000 GovHall__Codes__PerAddressPerHour=1000000000 \
  GovHall__Notifications__Sms__GatewayUrl=http://127.0.0.1:$gateway_port/sms GovHall__Notifications__Sms__Secret=bench-gateway-secret \
  GovHall__Tokens__AccessTokenLifetime=06:00:00 Logging__LogLevel__Default=Warning
db_args=(--data "$data")
pg_stop() { :; }
if [ "$provider" = postgres ]; then
  # A PostgreSQL with its default durability (fsync on, synchronous_commit on).
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgdir=$data/pg; mkdir -p "$pgdir"; chmod 755 "$data" "$pgdir"
  as_pg() { if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$pgdir"; runuser -u postgres -- "$@"; else "$@"; fi; }
  as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/pg.log" -w -o "-p 55439 -c listen_addresses=127.0.0.1 -k $pgdir -c max_connections=300 \
    -c log_checkpoints=on -c log_autovacuum_min_duration=1s -c log_min_duration_statement=500 -c log_lock_waits=on" start >/dev/null
  # Its log (checkpoints, long autovacuums, statements over 500 ms, lock waits) is kept with the
  # results, to line up with the peak's slowest seconds.
  pg_stop() { as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true; cp "$pgdir/pg.log" "$out/postgres.log" 2>/dev/null || true; }
  export GovHall__Database__Provider=Postgres ConnectionStrings__GovHall="Host=127.0.0.1;Port=55439;Username=postgres;Database=govhall"
  db_args=(--data "$data" --postgres "$ConnectionStrings__GovHall")
fi

server=
start_server() {
  dotnet "$app" --urls "$url" >> "$out/server.log" 2>&1 &  # appended: the restart after kill -9 keeps the peak's log
  server=$!
  for _ in $(seq 1 120); do curl -fs "$url/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  echo "the hall did not start"; cat "$out/server.log"; exit 1
}
cleanup() { [ -n "${sampler:-}" ] && kill $sampler 2>/dev/null || true; [ -n "$server" ] && kill "$server" 2>/dev/null || true; pg_stop; rm -rf "$data"; }
trap cleanup EXIT

start_server
echo "seeding $cases cases ..."
dotnet "$tool" seed "${db_args[@]}" --count "$cases" --codes "$out/codes.txt" | tee "$out/seed.json"
# Settled as a database that has served for a while (GovHall.Bench settle):
# PostgreSQL vacuumed, analysed and checkpointed, SQLite's WAL checkpointed, then the seed's
# dirty pages written out, so no run measures the seed's aftermath.
echo "settling ..."
dotnet "$tool" settle "${db_args[@]}" | tee "$out/settle.json"
sync
token=$(curl -fs -d 'grant_type=client_credentials&client_id=district-hall-demo&client_secret=demo-secret&scope=cases.submit cases.read' \
  "$url/connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
item=$(curl -fs "$url/api/v1/items?q=%E5%8F%97%E7%90%86%E6%95%99%E5%B8%88%E7%94%B3%E8%AF%89&pageSize=5" \
  | python3 -c 'import json,sys; print([i["code"] for i in json.load(sys.stdin)["items"] if i["name"]=="受理教师申诉"][0])')

wrk_json() { # name connections script path [wrk args]
  local name=$1 connections=$2 script=$3 path=$4
  BENCH_DIR=$PWD/bench/wrk BENCH_PATH=$path BENCH_CODES=$PWD/$out/codes.txt BENCH_TOKEN=$token BENCH_ITEM=$item BENCH_RUN=$name-$RANDOM \
    wrk -t2 -c"$connections" -d"$duration" --timeout 10s -s "bench/wrk/$script" "$url" | grep '^{' | tee "$out/$name.json"
}
echo "warming up ..."
BENCH_DIR=$PWD/bench/wrk BENCH_PATH=/api/v1/cases/status?code= BENCH_CODES=$PWD/$out/codes.txt wrk -t2 -c64 -d5s -s bench/wrk/read.lua "$url" >/dev/null
BENCH_DIR=$PWD/bench/wrk BENCH_PATH=/bench/bare/read?code= BENCH_CODES=$PWD/$out/codes.txt wrk -t2 -c64 -d5s -s bench/wrk/read.lua "$url" >/dev/null
# Each pair runs BENCH_ROUNDS times, baseline first, so a ratio always compares two runs made
# side by side, and the spread between rounds shows how much this machine's noise moves it.
echo "one-code query vs bare read, 64 connections:"
for round in $(seq 1 "$rounds"); do
  suffix=$([ "$round" = 1 ] && echo "" || echo "-r$round")
  wrk_json "bare-read$suffix" 64 read.lua "/bench/bare/read?code="
  wrk_json "status$suffix" 64 read.lua "/api/v1/cases/status?code="
done
wrk_json status-16 16 read.lua "/api/v1/cases/status?code="
echo "warming up the write paths ..."
BENCH_DIR=$PWD/bench/wrk BENCH_PATH=/bench/bare/insert BENCH_TOKEN=$token BENCH_ITEM=$item BENCH_RUN=warm-$RANDOM wrk -t2 -c32 -d5s -s bench/wrk/submit.lua "$url" >/dev/null
BENCH_DIR=$PWD/bench/wrk BENCH_PATH=/api/v1/cases BENCH_TOKEN=$token BENCH_ITEM=$item BENCH_RUN=warm-$RANDOM wrk -t2 -c32 -d5s -s bench/wrk/submit.lua "$url" >/dev/null
BENCH_DIR=$PWD/bench/wrk BENCH_PATH=/bench/bare/store BENCH_TOKEN=$token BENCH_ITEM=$item BENCH_RUN=warm-$RANDOM wrk -t2 -c32 -d5s -s bench/wrk/submit.lua "$url" >/dev/null
# Two baselines: the bare insert (the body read and hashed, one row) and, since issue 22, the
# bare store (the body read, its 200 KB file stored through the file store with fsync, one row).
echo "submission with a 200 KB file vs bare durable insert and bare store, 32 connections:"
for round in $(seq 1 "$rounds"); do
  suffix=$([ "$round" = 1 ] && echo "" || echo "-r$round")
  wrk_json "bare-insert$suffix" 32 submit.lua /bench/bare/insert
  wrk_json "bare-store$suffix" 32 submit.lua /bench/bare/store
  wrk_json "submit$suffix" 32 submit.lua /api/v1/cases
done
# The same submission refused at the form's check (BENCH_REFUSE, see submit.lua): all the work
# before the write, none of the write, so the write's own cost shows beside the bare insert.
BENCH_REFUSE=1 wrk_json "submit-refused" 32 submit.lua /api/v1/cases

echo "enrolment peak: $peak submissions at $peak_rate per second ..."
before=$(dotnet "$tool" count "${db_args[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["partnerCases"])')
# Once a second during the peak (bench/sampler.py): the CPU taken by the hall, the load driver
# and PostgreSQL, iowait, the page cache's dirty and writeback memory and the SQLite WAL's
# size, to line up with the peak's slowest seconds.
python3 bench/sampler.py "$server" "$data/govhall.db-wal" > "$out/peak-sampler.txt" &
sampler=$!
# With dotnet-counters installed (dotnet tool install -g dotnet-counters), the runtime's own
# counters too (collections, pause time, thread pool), once a second.
counters=${DOTNET_COUNTERS:-$(command -v dotnet-counters || true)}
if [ -n "$counters" ]; then
  "$counters" collect -p "$server" --counters System.Runtime,Npgsql --refresh-interval 1 --format csv -o "$out/peak-counters.csv" >/dev/null 2>&1 &
  sampler="$sampler $!"
fi
# Beside the peak, one registration a second whose one-time code must reach the SMS gateway
# (the bench tool plays it): how long a code takes under load.
dotnet "$tool" codes --url "$url" --gateway-port "$gateway_port" --rate 1 --seconds $((peak / peak_rate)) --report "$out/codes.json" > /dev/null &
codes_driver=$!
dotnet "$tool" rate --url "$url" --token "$token" --item "$item" --rate "$peak_rate" --count "$peak" --report "$out/peak.json"
wait "$codes_driver" || true
kill $sampler 2>/dev/null || true
after=$(dotnet "$tool" count "${db_args[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["partnerCases"])')
echo "{\"casesBefore\":$before,\"casesAfter\":$after,\"made\":$((after - before))}" | tee "$out/peak-count.json"

echo "kill -9 during a submission run ..."
rm -f "$out/acks.txt"
dotnet "$tool" rate --url "$url" --token "$token" --item "$item" --rate 100 --count 2000 --acks "$out/acks.txt" --report "$out/crash-run.json" &
driver=$!
sleep 8
kill -9 "$server"; wait "$server" 2>/dev/null || true; server=
wait "$driver" || true
start_server
dotnet "$tool" verify --url "$url" --acks "$out/acks.txt" | tee "$out/crash-verify.json"

python3 bench/summarize.py "$out"
