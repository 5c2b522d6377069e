#!/usr/bin/env bash
# Many connections against one node, OpenDSQL and PostgreSQL 15 side by side: point-select
# throughput with 8 clients and with N (default 2,000) over TLS, and the memory an idle connection
# costs (heap after a full GC and process RSS, before and while N connections sit idle).
# Usage: bench/connections.sh [--clients N] [--seconds N]
# OpenDSQL's new-connection rate limit (DSQL's 100/s, bursts of 1,000) is raised for the run, since
# pgbench opens every connection at once; the connection count limit (10,000) stays.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients=2000; seconds=20
while (( $# )); do
  case "$1" in
    --clients) clients=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
"$root/bin/ensure-tools" --server
[[ -f "$root/cluster-config/target/classpath.txt" ]] || (cd "$root" && mvn -B -q -DskipTests install >&2)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
out="$root/bench/out-connections"; rm -rf "$out"; mkdir -p "$out"; chmod 777 "$out"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
with open(f"{out}/schema.sql", "w") as f:
    f.write("CREATE TABLE accounts (aid int PRIMARY KEY, abalance int NOT NULL);\n")
with open(f"{out}/data.sql", "w") as f:
    for start in range(1, 10001, 2000):
        f.write("INSERT INTO accounts VALUES " + ",".join(f"({a},0)" for a in range(start, start + 2000)) + ";\n")
with open(f"{out}/select.sql", "w") as f:
    f.write("\\set aid random(1, 10000)\nSELECT abalance FROM accounts WHERE aid = :aid;\n")
with open(f"{out}/idle.sql", "w") as f:
    f.write("\\sleep 40 s\n")
PY
tps() { sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$1" | tail -1; }
established() { ss -Htn state established "( sport = :$1 )" | wc -l; }
# Proportional set size summed over processes: shared pages are split among their sharers, so
# PostgreSQL's shared buffers are not counted once per backend.
pss_kib() { local sum=0 v; for p in "$@"; do v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null); sum=$((sum + ${v:-0})); done; echo $sum; }
heap_kib() { jcmd "$1" GC.run > /dev/null; jcmd "$1" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1; }
# Waits until $2 client connections are established to port $1 (at most 120 s).
await_connections() { for _ in $(seq 1 600); do (( $(established "$1") >= $2 )) && return 0; sleep 0.2; done; return 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n "${pgdata:-}" ]] && runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

# ---- OpenDSQL ----
dport=$(free_port)
DSQL_JAVA_OPTS="-Xmx2g -Dopendsql.connections.rate=100000 -Dopendsql.connections.burst=100000" \
  "$root/bin/dsql" start --data "$out/dsql-data" --port "$dport" --admin-port 0 --metrics-port -1 > "$out/dsql.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do grep -q "OpenDSQL ready" "$out/dsql.log" && break; sleep 0.2; done
grep -q "OpenDSQL ready" "$out/dsql.log" || { echo "OpenDSQL did not start" >&2; cat "$out/dsql.log" >&2; exit 1; }
jpid=$(pgrep -f "org.opendsql.node.Main start --data $out/dsql-data" | head -1)
export PGSSLMODE=require
token=$("$root/bin/dsql" token --admin --data "$out/dsql-data" --expires 3600)
dconn=(-h 127.0.0.1 -p "$dport" -U admin postgres)
PGPASSWORD="$token" psql -X -q -v ON_ERROR_STOP=1 "${dconn[@]}" -f "$out/schema.sql" -f "$out/data.sql"
PGPASSWORD="$token" pgbench -n -c 8 -j 2 -T 20 -M prepared -f "$out/select.sql" "${dconn[@]}" > "$out/dsql-warmup.txt" 2>&1
PGPASSWORD="$token" pgbench -n -c 8 -j 2 -T "$seconds" -M prepared -f "$out/select.sql" "${dconn[@]}" > "$out/dsql-8.txt" 2>&1
heap0=$(heap_kib "$jpid"); pss0=$(pss_kib "$jpid")
PGPASSWORD="$token" pgbench -n -c "$clients" -j 2 -t 1 -f "$out/idle.sql" "${dconn[@]}" > "$out/dsql-idle.txt" 2>&1 &
idle=$!
await_connections "$dport" "$clients" || { echo "OpenDSQL: only $(established "$dport") of $clients connections" >&2; }
dconns=$(established "$dport")
heap1=$(heap_kib "$jpid"); pss1=$(pss_kib "$jpid")
wait $idle || true
PGPASSWORD="$token" pgbench -n -c "$clients" -j 2 -T "$seconds" -M prepared -f "$out/select.sql" "${dconn[@]}" > "$out/dsql-n.txt" 2>&1 || true
drefused=$( (grep -c "53300\|53400\|connection to server .* failed" "$out"/dsql-idle.txt "$out"/dsql-n.txt || true) \
  | awk -F: '{s+=$2} END {print s}')

# ---- PostgreSQL 15, same run ----
pgbin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
pguser=opendsql_bench
id -u "$pguser" >/dev/null 2>&1 || useradd --system --no-create-home "$pguser"
pgdata="$out/pg-data"; mkdir -p "$pgdata"; chown "$pguser" "$pgdata"
pport=$(free_port)
runuser -u "$pguser" -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -l "$out/pg.log" -w \
  -o "-p $pport -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=$((clients + 20))" start >/dev/null
pconn=(-h 127.0.0.1 -p "$pport" -U postgres postgres)
PGSSLMODE=disable psql -X -q -v ON_ERROR_STOP=1 "${pconn[@]}" -f "$out/schema.sql" -f "$out/data.sql"
PGSSLMODE=disable pgbench -n -c 8 -j 2 -T 5 -M prepared -f "$out/select.sql" "${pconn[@]}" > "$out/pg-warmup.txt" 2>&1
PGSSLMODE=disable pgbench -n -c 8 -j 2 -T "$seconds" -M prepared -f "$out/select.sql" "${pconn[@]}" > "$out/pg-8.txt" 2>&1
pgpids() { pgrep -u "$pguser" postgres | tr '\n' ' '; }
ppss0=$(pss_kib $(pgpids))
PGSSLMODE=disable pgbench -n -c "$clients" -j 2 -t 1 -f "$out/idle.sql" "${pconn[@]}" > "$out/pg-idle.txt" 2>&1 &
idle=$!
await_connections "$pport" "$clients" || echo "PostgreSQL: only $(established "$pport") of $clients connections" >&2
pconns=$(established "$pport")
ppss1=$(pss_kib $(pgpids))
wait $idle || true
PGSSLMODE=disable pgbench -n -c "$clients" -j 2 -T "$seconds" -M prepared -f "$out/select.sql" "${pconn[@]}" > "$out/pg-n.txt" 2>&1 || true

printf '\n%-44s %14s %14s\n' "point select, ${seconds}s" "OpenDSQL" "PostgreSQL"
printf '%-44s %14s %14s\n' "TPS, 8 clients" "$(tps "$out/dsql-8.txt")" "$(tps "$out/pg-8.txt")"
printf '%-44s %14s %14s\n' "TPS, $clients clients" "$(tps "$out/dsql-n.txt")" "$(tps "$out/pg-n.txt")"
printf '%-44s %14s %14s\n' "idle connections established" "$dconns" "$pconns"
printf '%-44s %14s %14s\n' "refused or failed connections (OpenDSQL)" "$drefused" "-"
printf '%-44s %14s %14s\n' "heap per idle connection (KiB, after GC)" "$(( (heap1 - heap0) / (dconns > 0 ? dconns : 1) ))" "-"
printf '%-44s %14s %14s\n' "memory (PSS) per idle connection (KiB)" "$(( (pss1 - pss0) / (dconns > 0 ? dconns : 1) ))" "$(( (ppss1 - ppss0) / (pconns > 0 ? pconns : 1) ))"
echo "(OpenDSQL heap ${heap0} -> ${heap1} KiB, PSS ${pss0} -> ${pss1} KiB; PostgreSQL PSS ${ppss0} -> ${ppss1} KiB over its processes)"
