#!/usr/bin/env bash
# HCP search benchmark at Japan scale (see docs/benchmarks.md):
#   1. (re)creates the database crm_bench and loads the japan demo data set through the app's demo profile,
#   2. VACUUM ANALYZE, starts the app on port 18080 against it,
#   3. runs bench/search_bench.py (API and screen, p50/p95/p99) and writes bench/results/search-<date>.md.
#
# Usage: bench/search-bench.sh [--reuse] [--build] [--requests N]
#   --reuse        keep an already loaded crm_bench (skip drop + load)
#   --build        rebuild the jar first (otherwise an existing crm-web/target jar is used)
# Environment: CRM_BENCH_DB (crm_bench), CRM_BENCH_PORT (18080), CRM_BENCH_SCALE (japan),
#              PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), JAVA (java), JAVA_OPTS.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REQUESTS=300
REUSE=0
BUILD=0
while [ $# -gt 0 ]; do
	case "$1" in
		--reuse) REUSE=1 ;;
		--build) BUILD=1 ;;
		--requests) REQUESTS=$2; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

bench_setup
ensure_jar
load_data

COUNTS=$(psql_db -At -F ' / ' -c "SELECT (SELECT count(*) FROM hcp), (SELECT count(*) FROM hco), (SELECT count(*) FROM affiliation)")
SIZE=$(psql_db -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
echo "   rows hcp / hco / affiliation: $COUNTS; database size $SIZE"

NAMES="$RESULTS/.names-$STAMP.tsv"
# A random sample of real rows gives queries over the whole name distribution, not one repeated name.
psql_db -At -F $'\t' -c "SELECT name_kanji, name_kana, name_romaji, id FROM hcp TABLESAMPLE SYSTEM (2) REPEATABLE (7)
	WHERE status = 'ACTIVE' AND name_romaji IS NOT NULL LIMIT 3000" >"$NAMES"

trap 'stop_app; rm -f "$NAMES"' EXIT
start_app search
TOKEN=$(new_token)

echo "== Running the search benchmark ($REQUESTS requests per query kind)"
python3 bench/search_bench.py --base "http://127.0.0.1:$PORT" --names "$NAMES" --requests "$REQUESTS" --token "$TOKEN" \
	--out "$RESULTS/search-$STAMP.md" \
	--info "Data set: $SCALE scale, seed 42; rows hcp / hco / affiliation: $COUNTS; database $SIZE" \
	--info "$LOAD_INFO" \
	--info "PostgreSQL: $(psql_db -At -c 'SHOW server_version'), shared_buffers $(psql_db -At -c 'SHOW shared_buffers'); JVM: $("$JAVA" -version 2>&1 | head -n 1)"
