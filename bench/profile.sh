#!/usr/bin/env bash
# Where one submission's CPU goes (issue 22, part 6; bench/README.md, "Profile"): starts the hall
# on SQLite with demo data, warms the submission up, then runs wrk's submissions at 32
# connections while dotnet-trace samples the hall's threads (dotnet-sampled-thread-time; CPU sampling
# needs collect-linux and kernel events), and reads the hall's CPU time from
# /proc around the run (CPU per submission). Prints the ten largest frames, by exclusive and by
# inclusive time (dotnet-trace report). Needs dotnet-trace: it is installed when missing
# (dotnet tool install -g dotnet-trace). Settings: BENCH_DURATION (30s), BENCH_PORT (5282).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${BENCH_DURATION:-30s}
port=${BENCH_PORT:-5282}
url=http://127.0.0.1:$port
out=bench/results/profile
mkdir -p "$out"
rm -f "$out"/*
trace=${DOTNET_TRACE:-$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")}
[ -x "$trace" ] || { dotnet tool install -g dotnet-trace --version 10.0.750501 >/dev/null; trace=$HOME/.dotnet/tools/dotnet-trace; }
command -v wrk >/dev/null || { echo "wrk is missing: run bench/run.sh once, or  sudo apt-get install -y wrk"; exit 1; }
data=$(mktemp -d /tmp/govhall-profile.XXXXXX)
dotnet build GovHall.slnx -c Release 2>&1 | tail -1
export ASPNETCORE_ENVIRONMENT=Staging GovHall__DataDirectory=$data GovHall__Demo=true GovHall__Bench__Enabled=true \
  GovHall__Tokens__AccessTokenLifetime=06:00:00 Logging__LogLevel__Default=Warning
dotnet src/GovHall.Web/bin/Release/net10.0/GovHall.Web.dll --urls "$url" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -fs "$url/health/ready" >/dev/null 2>&1 && break; sleep 1; done
token=$(curl -fs -d 'grant_type=client_credentials&client_id=district-hall-demo&client_secret=demo-secret&scope=cases.submit cases.read' \
  "$url/connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
item=$(curl -fs "$url/api/v1/items?q=%E5%8F%97%E7%90%86%E6%95%99%E5%B8%88%E7%94%B3%E8%AF%89&pageSize=5" \
  | python3 -c 'import json,sys; print([i["code"] for i in json.load(sys.stdin)["items"] if i["name"]=="受理教师申诉"][0])')
submit() { # seconds [extra wrk args]
  BENCH_DIR=$PWD/bench/wrk BENCH_PATH=/api/v1/cases BENCH_TOKEN=$token BENCH_ITEM=$item BENCH_RUN=profile-$RANDOM \
    wrk -t2 -c32 -d"$1" --timeout 10s -s bench/wrk/submit.lua "$url"
}
echo "warming up ..."
submit 10s > /dev/null
ticks=$(getconf CLK_TCK)
start=$(awk '{print $14 + $15}' "/proc/$server/stat")
# CPU samples from the kernel (collect-linux, perf_events; root and a kernel with user_events),
# else the runtime's thread-time samples, which count waiting threads too.
if [ "$(id -u)" = 0 ] && "$trace" collect-linux --probe -p "$server" -o stdout 2>/dev/null | grep -qi "true"; then
  "$trace" collect-linux -p "$server" --profile cpu-sampling --duration 00:00:00:20 -o "$out/submit.nettrace" > "$out/trace.log" 2>&1 &
  echo "sampling the CPU (collect-linux, cpu-sampling)"
else
  "$trace" collect -p "$server" --profile dotnet-sampled-thread-time --duration 00:00:00:20 -o "$out/submit.nettrace" > "$out/trace.log" 2>&1 &
  echo "sampling thread time (collect, dotnet-sampled-thread-time)"
fi
tracer=$!
submit "$duration" | tee "$out/wrk.txt" | grep '^{' > "$out/submit.json"
end=$(awk '{print $14 + $15}' "/proc/$server/stat")
wait $tracer || true
python3 - "$out/submit.json" "$start" "$end" "$ticks" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
cpu_ms = (int(sys.argv[3]) - int(sys.argv[2])) * 1000 / int(sys.argv[4])
made = run["requests"] if "requests" in run else run["rps"] * run.get("seconds", 0)
print(f"submissions: {run['rps']:.0f}/s, the hall's CPU per submission: {cpu_ms / max(made, 1):.2f} ms (under tracing: the sampler's own cost included)")
PY
echo "ten largest frames, exclusive:"
"$trace" report "$out/submit.nettrace" topN -n 10 2>&1 | tee "$out/top-exclusive.txt"
echo "ten largest frames, inclusive:"
"$trace" report "$out/submit.nettrace" topN -n 10 --inclusive 2>&1 | tee "$out/top-inclusive.txt"
