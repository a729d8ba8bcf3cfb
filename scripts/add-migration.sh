#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migrations projects.
# usage: scripts/add-migration.sh Name
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/GovHall.Migrations.Sqlite --startup-project src/GovHall.Web \
  --output-dir Migrations -- --GovHall:Database:Provider=Sqlite --GovHall:Database:MigrateOnStart=false --GovHall:Demo=false
dotnet ef migrations add "$name" --project src/GovHall.Migrations.Postgres --startup-project src/GovHall.Web \
  --output-dir Migrations -- --GovHall:Database:Provider=Postgres --ConnectionStrings:GovHall=Host=127.0.0.1 \
  --GovHall:Database:MigrateOnStart=false --GovHall:Demo=false
