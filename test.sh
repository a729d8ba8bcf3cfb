#!/usr/bin/env bash
# Installs what the tests need, starts a throwaway PostgreSQL on 127.0.0.1, runs every test
# (unit, integration on SQLite and PostgreSQL, browser tests in Chromium) and prints
# "tests: N passed, M failed" as its last line. Exit code 0 only if nothing failed.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_UI_LANGUAGE=en DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in postgresql chromium fonts-noto-cjk openssl; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || { echo "apt-get install failed"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

# A real SMTP server for the notification tests: maildev from npm, at the version in
# tools/maildev/package-lock.json (started by the tests on free loopback ports).
if ! command -v npm >/dev/null; then
  echo "Installing nodejs npm ..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || { echo "npm is missing"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi
if [ ! -f tools/maildev/node_modules/maildev/package.json ]; then
  npm ci --prefix tools/maildev --no-audit --no-fund --loglevel=error >/dev/null || { echo "npm ci tools/maildev failed"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

# A throwaway PostgreSQL server, fsync off: these are functional tests, not durability tests.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGPORT=${GOVHALL_TEST_PGPORT:-55432}
PGDIR=$(mktemp -d /tmp/govhall-pg.XXXXXX)
chmod 755 "$PGDIR"
pg_as() { if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$PGDIR"; runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() { pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$PGDIR"; }
trap stop_pg EXIT
pg_as "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
  && pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/pg.log" -w \
       -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDIR -c fsync=off -c max_connections=300" start >/dev/null \
  || { echo "PostgreSQL did not start"; cat "$PGDIR/pg.log" 2>/dev/null; echo "tests: 0 passed, 1 failed"; exit 1; }
export GOVHALL_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=true"
export GOVHALL_CHROMIUM=${GOVHALL_CHROMIUM:-$(command -v chromium)}

dotnet tool restore >/dev/null
rm -rf artifacts/logs artifacts/screenshots
if ! dotnet build GovHall.slnx -c Release 2>&1 | tail -3; then :; fi
log=$(mktemp)
# A failed test prints its message and the first lines of its stack, so a CI log says why.
dotnet test --solution GovHall.slnx -c Release --no-build 2>&1 | tee "$log" \
  | awk '/^(failed|error) /{print; n=14; next} n>0{print; n--; next} /Test run summary|total:|failed:|succeeded:|skipped:/{print}'

status=${PIPESTATUS[0]}

passed=$(grep -E "^\s+succeeded:" "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E "^\s+failed:" "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -E "^\s+skipped:" "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; grep -E "error" "$log" | head -20; fi
# The log scan: no ID number or phone number used by any test may appear in any log line of
# the whole run (the halls under test write every line to artifacts/logs).
printf '%s\n' 310112199001011233 13800000001 310112198506152344 13800000002 >> artifacts/logs/personal-values.txt
if ls artifacts/logs/tests-*.log >/dev/null 2>&1 && [ "$(wc -l < artifacts/logs/personal-values.txt)" -gt 4 ]; then
  if grep -F -f artifacts/logs/personal-values.txt artifacts/logs/tests-*.log >/dev/null; then
    echo "failed log scan: personal data found in the test logs:"; grep -F -o -f artifacts/logs/personal-values.txt artifacts/logs/tests-*.log | sort -u | head -5 | sed 's/:.*//'
    failed=$((failed + 1))
  else
    echo "passed log scan: $(cat artifacts/logs/tests-*.log | wc -l) log lines, no ID or phone number among $(sort -u artifacts/logs/personal-values.txt | wc -l) used"
    passed=$((passed + 1))
  fi
else
  echo "failed log scan: no test logs or no personal values recorded"; failed=$((failed + 1))
fi

# In CI a skipped test counts as a failure: nothing is optional there.
if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then failed=$((failed + skipped)); fi
rm -f "$log"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
