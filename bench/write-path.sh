#!/usr/bin/env bash
# Write-path benchmark: one-row update transactions (BEGIN; UPDATE one row; END) with commit
# latency p50/p99 and throughput, for OpenDSQL with 1 and 3 journal replicas on one JVM and on
# three, next to PostgreSQL 15 with synchronous_commit=on, all on this machine in one run.
# Usage: bench/write-path.sh [--clients N] [--seconds N] [--accounts N] [--warmup N] [--rows LIST]
#                            [--client-node first|journal|other]
# --warmup: seconds of the same workload before each measured run (default 60: three JVMs share
# two cores, and their JIT compilers still took a fifth to a half of the CPU after 10 s).
# --rows: a comma-separated subset of 1jvm,1jvm-raft,3jvm,3jvm-raft,3jvm-raft-reads,pg (default:
# all but 3jvm-raft-reads). 3jvm-raft-reads: in the three-replica cluster, after its row, point
# selects from one client on a node without the journal while 4 clients update on the journal's.
# --client-node: which of the three JVMs the clients connect to (default first: wherever the
# journal lands; journal: its node; other: a node without it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients=8; seconds=15; accounts=10000; warmup=60; rows=1jvm,1jvm-raft,3jvm,3jvm-raft,pg; client_node=first
while (( $# )); do
  case "$1" in
    --warmup) warmup=$2; shift 2;;
    --rows) rows=$2; shift 2;;
    --client-node) client_node=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    --accounts) accounts=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
"$root/bin/ensure-tools" --server
[[ -f "$root/cluster-config/target/classpath.txt" ]] || (cd "$root" && mvn -B -q -DskipTests install >&2)
out="$root/bench/out-write"; rm -rf "$out"; mkdir -p "$out"; chmod 777 "$out"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

python3 - "$accounts" "$out" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(f"{out}/schema.sql", "w") as f:
    f.write("CREATE TABLE accounts (aid int PRIMARY KEY, abalance int NOT NULL);\n")
with open(f"{out}/data.sql", "w") as f:
    for s in range(1, n + 1, 2000):
        f.write("INSERT INTO accounts VALUES " + ",".join(f"({a},0)" for a in range(s, min(s + 2000, n + 1))) + ";\n")
with open(f"{out}/update.sql", "w") as f:
    f.write(f"\\set aid random(1, {n})\nBEGIN;\nUPDATE accounts SET abalance = abalance + 1 WHERE aid = :aid;\nEND;\n")
with open(f"{out}/select.sql", "w") as f:
    f.write(f"\\set aid random(1, {n})\nSELECT abalance FROM accounts WHERE aid = :aid;\n")
PY

# p50/p99 of per-transaction latency (µs, third column of pgbench -l logs) -> ms
percentiles() { cat "$1".log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}'; }

# $1 label, $2 psql/pgbench connection args..., env already set
measure() {
  local label=$1; shift
  psql -X -q -v ON_ERROR_STOP=1 "$@" -f "$out/schema.sql"
  psql -X -q -v ON_ERROR_STOP=1 "$@" -f "$out/data.sql"
  pgbench -n -c "$clients" -j 2 -T "$warmup" -M prepared --max-tries=100 -f "$out/update.sql" "$@" > /dev/null 2>&1
  (cd "$out" && pgbench -n -c "$clients" -j 2 -T "$seconds" -M prepared --max-tries=100 -l --log-prefix="$label.log" \
      -f "$out/update.sql" "$@" > "$out/$label.txt" 2>&1)
  local tps; tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out/$label.txt")
  read -r p50 p99 < <(percentiles "$out/$label")
  printf '%-34s %10s %10s %10s\n' "$label" "$tps" "$p50" "$p99" >> "$out/results.txt"
}

start_node() { # $1 dir, rest: options; prints the pg port
  local dir=$1; shift
  mkdir -p "$dir"
  "$root/bin/dsql" start --data "$dir" --port 0 --admin-port 0 --metrics-port 0 "$@" > "$dir.log" 2>&1 &
  pids+=($!)
}
await_ready() {
  for _ in $(seq 1 900); do grep -q "OpenDSQL ready" "$1.log" && break; sleep 0.2; done
  sed -n 's/.*OpenDSQL ready: pg=[^:]*:\([0-9]*\).*/\1/p' "$1.log"
}

wanted() { [[ ",$rows," == *",$1,"* ]]; }

printf '%-34s %10s %10s %10s\n' "setup ($clients clients, ${seconds}s, ${warmup}s warm-up)" "TPS" "p50 ms" "p99 ms" > "$out/results.txt"
export PGSSLMODE=require

# 1 JVM, 1 journal replica (local RocksDB, synced)
if wanted 1jvm; then
  start_node "$out/one-local"; port=$(await_ready "$out/one-local")
  PGPASSWORD=$("$root/bin/dsql" token --admin --data "$out/one-local") measure dsql-1jvm-1replica -h 127.0.0.1 -p "$port" -U admin postgres
  cleanup; pids=()
fi

# 1 JVM, 1 journal replica through Raft (single-peer group)
if wanted 1jvm-raft; then
  rp=$(free_port)
  start_node "$out/one-raft" --journal-peers "n1=127.0.0.1:$rp" --journal-self n1; port=$(await_ready "$out/one-raft")
  PGPASSWORD=$("$root/bin/dsql" token --admin --data "$out/one-raft") measure dsql-1jvm-1replica-raft -h 127.0.0.1 -p "$port" -U admin postgres
  cleanup; pids=()
fi

# 3 JVMs: journal with 1 replica (local store of the node hosting it), then with 3 Raft replicas
three() { # $1 label suffix, $2 "raft" or "local"
  local base="$out/three-$2" seed; seed=$(free_port)
  local peers="n1=127.0.0.1:$(free_port),n2=127.0.0.1:$(free_port),n3=127.0.0.1:$(free_port)"
  mkdir -p "$base-1"; "$root/bin/dsql" token --admin --data "$base-1" > /dev/null
  for i in 2 3; do mkdir -p "$base-$i"; cp "$base-1/token.key" "$base-$i/"; done
  for i in 1 2 3; do
    local cport=$seed; [[ $i -ne 1 ]] && cport=$(free_port)
    local extra=(); [[ $2 == raft ]] && extra=(--journal-peers "$peers" --journal-self "n$i")
    start_node "$base-$i" --cluster-port "$cport" --seed "127.0.0.1:$seed" --min-members 3 --node-id "$i" "${extra[@]}"
  done
  local ports=("" "$(await_ready "$base-1")" "$(await_ready "$base-2")" "$(await_ready "$base-3")")
  export PGPASSWORD; PGPASSWORD=$("$root/bin/dsql" token --admin --data "$base-1")
  # The journal claims its log on first use: its node is the one that logged the claim.
  psql -X -q -h 127.0.0.1 -p "${ports[1]}" -U admin postgres -c "SELECT 1" > /dev/null
  local jn=""
  for _ in $(seq 1 150); do
    jn=$(grep -l "claimed at entry" "$base"-[123].log 2>/dev/null | head -1 | sed 's/.*-\([0-9]\)\.log/\1/')
    [[ -n $jn ]] && break; sleep 0.2
  done
  local other=$(( ${jn:-1} % 3 + 1 )) client=1
  [[ $client_node == journal ]] && client=${jn:-1}
  [[ $client_node == other ]] && client=$other
  echo "three JVMs ($2): journal on node ${jn:-?}, clients on node $client" >&2
  measure "dsql-3jvm-$1" -h 127.0.0.1 -p "${ports[$client]}" -U admin postgres
  if [[ $2 == raft ]] && wanted 3jvm-raft-reads; then
    local label="dsql-3jvm-$1-select-elsewhere"
    pgbench -n -c 1 -T 10 -M prepared -f "$out/select.sql" -h 127.0.0.1 -p "${ports[$other]}" -U admin postgres > /dev/null 2>&1
    pgbench -n -c 4 -j 2 -T $(( seconds + 8 )) -M prepared --max-tries=100 -f "$out/update.sql" \
        -h 127.0.0.1 -p "${ports[${jn:-1}]}" -U admin postgres > "$out/$label-updates.txt" 2>&1 &
    local writers=$!
    sleep 4
    (cd "$out" && pgbench -n -c 1 -T "$seconds" -M prepared -l --log-prefix="$label.log" -f "$out/select.sql" \
        -h 127.0.0.1 -p "${ports[$other]}" -U admin postgres > "$out/$label.txt" 2>&1)
    wait "$writers"
    local tps; tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out/$label.txt")
    read -r p50 p99 < <(percentiles "$out/$label")
    printf '%-34s %10s %10s %10s\n' "$label" "$tps" "$p50" "$p99" >> "$out/results.txt"
    echo "  (meanwhile $(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out/$label-updates.txt") update TPS on the journal's node)" >> "$out/results.txt"
  fi
  cleanup; pids=()
}
if wanted 3jvm; then three 1replica local; fi
if wanted 3jvm-raft || wanted 3jvm-raft-reads; then three 3replicas raft; fi

# PostgreSQL 15, synchronous_commit=on
if wanted pg; then
  pgbin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
  pguser=opendsql_bench
  id -u "$pguser" >/dev/null 2>&1 || useradd --system --no-create-home "$pguser"
  pgdata="$out/pg-data"; mkdir -p "$pgdata"; chown "$pguser" "$pgdata"
  pport=$(free_port)
  runuser -u "$pguser" -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
  runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -l "$out/pg.log" -w \
    -o "-p $pport -k /tmp -c listen_addresses=127.0.0.1 -c synchronous_commit=on -c fsync=on" start >/dev/null
  PGSSLMODE=disable measure postgresql15-sync -h 127.0.0.1 -p "$pport" -U postgres postgres
  runuser -u "$pguser" -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null
fi
cat "$out/results.txt"
