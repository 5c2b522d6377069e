#!/usr/bin/env bash
# How cost grows with ranges and rows: one OpenDSQL node (this checkout) with a pgbench-shaped
# accounts table of --rows rows, split with `bin/dsql split --until R` into each count of
# --ranges in turn; at each, point-select, one-row-update and 1,000-row range-scan throughput
# (pgbench -M prepared, --clients clients, --seconds each). PostgreSQL 15, started here with the
# same rows, runs the same three scripts once in the same run.
# Usage: bench/ranges.sh [--rows N] [--ranges "1 16 256"] [--clients N] [--seconds N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=100000; ranges="1 16 256"; clients=8; seconds=10
while (( $# )); do
  case "$1" in
    --rows) rows=$2; shift 2;;
    --ranges) ranges=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
"$root/bin/ensure-tools" --server
out="$root/bench/out-ranges-$rows"; rm -rf "$out"; mkdir -p "$out"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

python3 - "$rows" "$out" <<'PY'
import sys
rows, out = int(sys.argv[1]), sys.argv[2]
with open(f"{out}/schema.sql", "w") as f:
    f.write("CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler varchar(84));\n")
import os
os.makedirs(f"{out}/data", exist_ok=True)
with open(f"{out}/data.sql", "w") as f:
    for n, start in enumerate(range(1, rows + 1, 2000)):
        vals = ",".join(f"({a},1,0,'')" for a in range(start, min(start + 2000, rows + 1)))
        f.write(f"INSERT INTO pgbench_accounts VALUES {vals};\n")
        with open(f"{out}/data/{n:06d}.sql", "w") as part:
            part.write(f"INSERT INTO pgbench_accounts VALUES {vals};\n")
with open(f"{out}/select.sql", "w") as f:
    f.write(f"\\set aid random(1, {rows})\nSELECT abalance FROM pgbench_accounts WHERE aid = :aid;\n")
with open(f"{out}/update.sql", "w") as f:
    f.write(f"\\set aid random(1, {rows})\n\\set delta random(-5000, 5000)\n"
            "BEGIN;\nUPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;\nEND;\n")
with open(f"{out}/scan.sql", "w") as f:
    f.write(f"\\set a random(1, {rows - 1000})\n"
            "SELECT aid, abalance FROM pgbench_accounts WHERE aid >= :a AND aid < :a + 1000;\n")
PY

tps() { sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$1" | tail -1; }
lat() { sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$1" | tail -1; }

dport=$(free_port); aport=$(free_port)
"$root/bin/dsql" start --data "$out/dsql-data" --port "$dport" --admin-port "$aport" --metrics-port 0 > "$out/dsql.log" 2>&1 &
dpid=$!
trap 'kill $dpid 2>/dev/null || true; [[ -n "${pgdata:-}" ]] && runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 600); do grep -q "OpenDSQL ready" "$out/dsql.log" && break; kill -0 $dpid || { cat "$out/dsql.log"; exit 1; }; sleep 0.2; done
grep -q "OpenDSQL ready" "$out/dsql.log" || { echo "OpenDSQL did not start" >&2; exit 1; }
export PGSSLMODE=require
token=$("$root/bin/dsql" token --admin --data "$out/dsql-data" --expires 7200)
dsql_conn=(-h 127.0.0.1 -p "$dport" -U admin postgres)
# Loading may split the table by itself (past 64 MiB, 1M keys or 20,000 operations a second);
# `split --until` then only adds ranges up to each count.
PGPASSWORD="$token" psql -X -q -v ON_ERROR_STOP=1 "${dsql_conn[@]}" -f "$out/schema.sql"
load_start=$(date +%s.%N)
# One statement at a time: a statement that spans a split (the load itself may split the table by
# its write rate) can get 40001, and is retried as a DSQL client does.
for part in "$out"/data/*.sql; do
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    PGPASSWORD="$token" psql -X -q -v ON_ERROR_STOP=1 "${dsql_conn[@]}" -f "$part" 2> "$out/load-error.txt" && break
    grep -q "please retry" "$out/load-error.txt" || { cat "$out/load-error.txt"; exit 1; }
  done
done
load_s=$(python3 -c "import time;print(f'{time.time()-$load_start:.1f}')")
run_dsql() { PGPASSWORD="$token" pgbench -n -c "$clients" -j 2 -T "$seconds" -M prepared "${@}" "${dsql_conn[@]}"; }
run_dsql --max-tries=100 -f "$out/select.sql" -f "$out/update.sql" > "$out/dsql-warmup.txt" 2>&1
admin=(--data "$out/dsql-data" --admin "127.0.0.1:$aport")
for r in $ranges; do
  "$root/bin/dsql" split "${admin[@]}" --until "$r" > "$out/split-$r.txt" 2>&1 || { cat "$out/split-$r.txt"; exit 1; }
  # The count measured at (the load may already have split past r).
  "$root/bin/dsql" ranges "${admin[@]}" | sed -n 's/^(\([0-9]*\) rows\{0,1\})$/\1/p' > "$out/ranges-at-$r.txt"
  run_dsql -f "$out/select.sql" > "$out/dsql-select-$r.txt" 2>&1
  run_dsql --max-tries=100 -f "$out/update.sql" > "$out/dsql-update-$r.txt" 2>&1
  run_dsql -f "$out/scan.sql" > "$out/dsql-scan-$r.txt" 2>&1
done
"$root/bin/dsql" ranges "${admin[@]}" > "$out/ranges-final.txt" 2>&1 || true

pgbin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
pguser=opendsql_bench
id -u "$pguser" >/dev/null 2>&1 || useradd --system --no-create-home "$pguser"
pgdata="$out/pg-data"; mkdir -p "$pgdata"; chown "$pguser" "$pgdata"; chmod 777 "$out"
pport=$(free_port)
runuser -u "$pguser" -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -l "$out/pg.log" -w \
  -o "-p $pport -k /tmp -c listen_addresses=127.0.0.1 -c synchronous_commit=on -c fsync=on -c max_connections=100" start >/dev/null
pg_conn=(-h 127.0.0.1 -p "$pport" -U postgres postgres)
PGSSLMODE=disable psql -X -q -v ON_ERROR_STOP=1 "${pg_conn[@]}" -f "$out/schema.sql"
PGSSLMODE=disable psql -X -q -v ON_ERROR_STOP=1 "${pg_conn[@]}" -f "$out/data.sql"
run_pg() { PGSSLMODE=disable pgbench -n -c "$clients" -j 2 -T "$seconds" -M prepared "${@}" "${pg_conn[@]}"; }
run_pg -f "$out/select.sql" -f "$out/update.sql" -T 5 > "$out/pg-warmup.txt" 2>&1
run_pg -f "$out/select.sql" > "$out/pg-select.txt" 2>&1
run_pg -f "$out/update.sql" > "$out/pg-update.txt" 2>&1
run_pg -f "$out/scan.sql" > "$out/pg-scan.txt" 2>&1

printf '\n%s rows (OpenDSQL load: %s s), %s clients, %s s per figure: TPS (latency avg ms)\n' "$rows" "$load_s" "$clients" "$seconds"
printf '%-14s' "workload"; for r in $ranges; do printf '%22s' "$(cat "$out/ranges-at-$r.txt") ranges"; done; printf '%22s\n' "PostgreSQL 15"
for w in select update scan; do
  printf '%-14s' "$w"
  for r in $ranges; do printf '%22s' "$(tps "$out/dsql-$w-$r.txt") ($(lat "$out/dsql-$w-$r.txt"))"; done
  printf '%22s\n' "$(tps "$out/pg-$w.txt") ($(lat "$out/pg-$w.txt"))"
done
