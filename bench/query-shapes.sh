#!/usr/bin/env bash
# Side-by-side latency of three query shapes: OpenDSQL (single node, this checkout) and a
# PostgreSQL 15 started here, each with pgbench -n, one client, the same data.
#   join:   a join of two 100,000-row tables on an indexed key (the inner table's primary key)
#   group:  a GROUP BY over 100,000 rows
#   range:  a 1,000-row range read through a secondary index
#   count:  count(*) of a 100,000-row table (storage shards count their own rows)
#   filter: count and sum of the 1,000 rows of 100,000 that a non-key equality selects (storage
#           filters and aggregates)
#   rows:   the 100 rows of 100,000 that a non-key equality selects (storage filters)
# Usage: bench/query-shapes.sh [--seconds N] [--shapes "join group ..."]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=20
shapes="join group range count filter rows"
while (( $# )); do
  case "$1" in
    --seconds) seconds=$2; shift 2;;
    --shapes) shapes=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
"$root/bin/ensure-tools" --server
out="$root/bench/out-shapes"; rm -rf "$out"; mkdir -p "$out"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
n = 100000
with open(f"{out}/schema.sql", "w") as f:
    f.write("CREATE TABLE parts (id int PRIMARY KEY, grp int, k int, v int);\n")
    f.write("CREATE INDEX parts_k ON parts (k);\n")
    f.write("CREATE TABLE lines (id int PRIMARY KEY, part_id int, qty int);\n")
with open(f"{out}/data.sql", "w") as f:
    # Batches under DSQL's 3,000-row transaction limit.
    for start in range(1, n + 1, 2500):
        end = min(start + 2499, n)
        f.write(f"INSERT INTO parts SELECT g, g % 100, (g * 7919) % {n}, g % 1000 FROM generate_series({start}, {end}) g;\n")
        f.write(f"INSERT INTO lines SELECT g, ((g * 31) % {n}) + 1, g % 10 FROM generate_series({start}, {end}) g;\n")
with open(f"{out}/join.sql", "w") as f:
    f.write("SELECT count(*), sum(l.qty * p.v) FROM lines l JOIN parts p ON p.id = l.part_id;\n")
with open(f"{out}/group.sql", "w") as f:
    f.write("SELECT grp, count(*), sum(v), max(k) FROM parts GROUP BY grp;\n")
with open(f"{out}/range.sql", "w") as f:
    f.write(f"\\set lo random(0, {n - 1000})\nSELECT count(*), sum(v) FROM parts WHERE k >= :lo AND k < :lo + 1000;\n")
with open(f"{out}/count.sql", "w") as f:
    f.write("SELECT count(*) FROM parts;\n")
with open(f"{out}/filter.sql", "w") as f:
    f.write("\\set g random(0, 99)\nSELECT count(*), sum(v) FROM parts WHERE grp = :g;\n")
with open(f"{out}/rows.sql", "w") as f:
    f.write("\\set x random(0, 999)\nSELECT id, k FROM parts WHERE v = :x;\n")
PY

lat() { sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$1" | tail -1; }

dport=$(free_port)
"$root/bin/dsql" start --data "$out/dsql-data" --port "$dport" --admin-port 0 --metrics-port 0 > "$out/dsql.log" 2>&1 &
dpid=$!
trap 'kill $dpid 2>/dev/null || true; [[ -n "${pgdata:-}" ]] && runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 600); do grep -q "OpenDSQL ready" "$out/dsql.log" && break; kill -0 $dpid || { cat "$out/dsql.log"; exit 1; }; sleep 0.2; done
grep -q "OpenDSQL ready" "$out/dsql.log" || { echo "OpenDSQL did not start" >&2; exit 1; }
token=$("$root/bin/dsql" token --admin --data "$out/dsql-data" --expires 3600)
dsql=(-h 127.0.0.1 -p "$dport" -U admin postgres)
PGSSLMODE=require PGPASSWORD="$token" psql -X -q -v ON_ERROR_STOP=1 "${dsql[@]}" -f "$out/schema.sql"
PGSSLMODE=require PGPASSWORD="$token" psql -X -q -v ON_ERROR_STOP=1 "${dsql[@]}" -f "$out/data.sql"

pgbin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
pguser=opendsql_bench
id -u "$pguser" >/dev/null 2>&1 || useradd --system --no-create-home "$pguser"
pgdata="$out/pg-data"; mkdir -p "$pgdata"; chown "$pguser" "$pgdata"; chmod 777 "$out"
pport=$(free_port)
runuser -u "$pguser" -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres --locale=C --encoding=UTF8 >/dev/null
runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -l "$out/pg.log" -w \
  -o "-p $pport -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
pg=(-h 127.0.0.1 -p "$pport" -U postgres postgres)
PGSSLMODE=disable psql -X -q -v ON_ERROR_STOP=1 "${pg[@]}" -f "$out/schema.sql"
PGSSLMODE=disable psql -X -q -v ON_ERROR_STOP=1 "${pg[@]}" -f "$out/data.sql"
PGSSLMODE=disable psql -X -q "${pg[@]}" -c "VACUUM ANALYZE"

printf '\n%-34s %14s %14s %8s\n' "query (1 client, ${seconds}s)" "OpenDSQL ms" "PostgreSQL ms" "ratio"
for q in $shapes; do
  PGSSLMODE=require PGPASSWORD="$token" pgbench -n -c 1 -T 5 -M prepared -f "$out/$q.sql" "${dsql[@]}" > "$out/dsql-$q-warmup.txt" 2>&1
  PGSSLMODE=require PGPASSWORD="$token" pgbench -n -c 1 -T "$seconds" -M prepared -f "$out/$q.sql" "${dsql[@]}" > "$out/dsql-$q.txt" 2>&1
  PGSSLMODE=disable pgbench -n -c 1 -T "$seconds" -M prepared -f "$out/$q.sql" "${pg[@]}" > "$out/pg-$q.txt" 2>&1
  d=$(lat "$out/dsql-$q.txt"); p=$(lat "$out/pg-$q.txt")
  r=$(python3 -c "print(f'{float(\"$d\")/float(\"$p\"):.1f}')")
  printf '%-34s %14s %14s %8s\n' "$q latency avg" "$d" "$p" "$r"
done
