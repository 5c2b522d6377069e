#!/usr/bin/env bash
# The time to move a storage replica as a function of its size. Three OpenDSQL nodes (this
# checkout) on this machine, two storage replicas per range, automatic splits off so the table is
# one range; the table is loaded to each of --sizes rows in turn, and at each size
# `bin/dsql move` sends one replica of the range to the node that holds none: it copies the other
# replica's snapshot in pages, replays the journals' tail, and the time runs until it serves there.
# Usage: bench/move.sh [--sizes "10000 100000 400000"]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="10000 100000 400000"
while (( $# )); do
  case "$1" in
    --sizes) sizes=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
"$root/bin/ensure-tools"
out="$root/bench/out-move"; rm -rf "$out"; mkdir -p "$out"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

declare -a pg cl ad pids
for i in 1 2 3; do pg[$i]=$(free_port); cl[$i]=$(free_port); ad[$i]=$(free_port); done
seeds=(--seed "127.0.0.1:${cl[1]}" --seed "127.0.0.1:${cl[2]}" --seed "127.0.0.1:${cl[3]}")
"$root/bin/dsql" token --admin --data "$out/n1" > /dev/null
for i in 2 3; do mkdir -p "$out/n$i"; cp "$out/n1/token.key" "$out/n$i/"; done
export DSQL_JAVA_OPTS="-Xmx768m -Dopendsql.storage.split.max-keys=1000000000 -Dopendsql.storage.split.max-bytes=1099511627776 -Dopendsql.storage.split.max-ops=1000000000"
cleanup() { for p in "${pids[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for i in 1 2 3; do
  "$root/bin/dsql" start --data "$out/n$i" --port "${pg[$i]}" --cluster-port "${cl[$i]}" --admin-port "${ad[$i]}" \
    --metrics-port -1 --node-id "$i" --min-members 3 --storage-replicas 2 "${seeds[@]}" > "$out/n$i.log" 2>&1 &
  pids[$i]=$!
done
for i in 1 2 3; do
  for _ in $(seq 1 900); do grep -q "OpenDSQL ready" "$out/n$i.log" && break; kill -0 "${pids[$i]}" || { cat "$out/n$i.log"; exit 1; }; sleep 0.2; done
  grep -q "OpenDSQL ready" "$out/n$i.log" || { echo "node $i did not start" >&2; exit 1; }
done
export PGSSLMODE=require PGPASSWORD
PGPASSWORD=$("$root/bin/dsql" token --admin --data "$out/n1" --expires 7200)
sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${pg[1]}" -U admin postgres "$@"; }
admin=(--data "$out/n1" --admin "127.0.0.1:${ad[1]}")
sql -c "CREATE TABLE moved (id int PRIMARY KEY, filler varchar(84))"
loaded=0
printf '%-10s %-12s %-12s %-10s %s\n' rows keys bytes seconds MB/s | tee "$out/results.txt"
for size in $sizes; do
  while (( loaded < size )); do
    upto=$(( loaded + 2000 < size ? loaded + 2000 : size ))
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      sql -c "INSERT INTO moved SELECT g, repeat('x', 84) FROM generate_series($((loaded + 1)), $upto) g" \
        2> "$out/load-error.txt" && break
      grep -q "please retry" "$out/load-error.txt" || { cat "$out/load-error.txt"; exit 1; }
    done
    loaded=$upto
  done
  # The range, a replica of it, and the node holding none of its replicas.
  "$root/bin/dsql" ranges "${admin[@]}" > "$out/ranges-$size.txt"
  read -r range replica node < <(python3 - "$out/ranges-$size.txt" "${cl[1]}" "${cl[2]}" "${cl[3]}" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
rows = [l.split("|") for l in lines if l.count("|") >= 10 and not l.strip().startswith("range")]
if len(rows) != 1: sys.exit(f"expected one range, found {len(rows)}")
r = rows[0]
where = [w.strip().split(" ")[0] for w in r[6].split(",")]
free = [f"127.0.0.1:{p}" for p in sys.argv[2:] if f"127.0.0.1:{p}" not in where]
print(r[0].strip(), len(where) - 1, free[0])
PY
)
  "$root/bin/dsql" move "$range" "$replica" "$node" "${admin[@]}" --wait 1800 > "$out/move-$size.txt" 2>&1 \
    || { cat "$out/move-$size.txt"; exit 1; }
  python3 - "$out/move-$size.txt" "$size" <<'PY' | tee -a "$out/results.txt"
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"serves on \S+: (\d+) keys, (\d+) bytes \(([\d.]+) s\)", text)
if not m: sys.exit("no result in: " + text)
keys, size_bytes, secs = int(m.group(1)), int(m.group(2)), float(m.group(3))
print(f"{sys.argv[2]:<10} {keys:<12} {size_bytes:<12} {secs:<10.1f} {size_bytes / 1e6 / secs:.1f}")
PY
done
