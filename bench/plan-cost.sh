#!/usr/bin/env bash
# Parse + plan cost of a point select and a two-table join, with and without the session's
# statement cache (engine only, in-memory store). Usage: bench/plan-cost.sh [iterations]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -o -pl sql -am test-compile >/dev/null
cp_file=$(mktemp)
mvn -B -q -o -pl sql dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java -cp "sql/target/test-classes:sql/target/classes:$(cat "$cp_file")" org.opendsql.sql.bench.PlanCostBench "${1:-200000}"
rm -f "$cp_file"
