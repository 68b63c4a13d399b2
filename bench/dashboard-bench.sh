#!/usr/bin/env bash
# Dashboard benchmark at Japan scale (see docs/benchmarks.md):
#   1. makes sure crm_bench holds the japan data set (10 million interactions ...), loading what is missing,
#   2. starts the app on port 18080 against it; the first start after V12 migrates the database and
#      rebuilds the rollups from the raw rows (the Flyway time and the start time go into the report),
#   3. runs bench/dashboard_bench.py — each dashboard and filter case from the rollups (API), from raw rows
#      (API, source=raw, the naive GROUP BY) and as a screen, plus freshness of a pull event — and writes
#      bench/results/dashboard-<date>.md with the rollup tables' sizes.
#
# Usage: bench/dashboard-bench.sh [--reuse] [--build] [--requests N] [--raw-requests N] [--raw-timeout S] [--no-raw]
#   --reuse          keep an already loaded crm_bench (only what is missing is loaded)
#   --build          rebuild the jar first
#   --requests N     measured calls per dashboard and case, API on rollups and screen (default 200)
#   --raw-requests N measured calls per dashboard and case on raw rows (default 5, after 1 warm-up)
#   --raw-timeout S  cap per raw call in seconds (default 300; the query is then cancelled in the database)
#   --no-raw         skip the raw runs
# Environment as for search-bench.sh (CRM_BENCH_DB, CRM_BENCH_PORT, CRM_BENCH_SCALE, PG*, JAVA, JAVA_OPTS), and
# CRM_BENCH_START_TIMEOUT: seconds to wait for the app's health (default 180, 3600 when V12 is still to be
# applied).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REQUESTS=200
RAW_REQUESTS=5
RAW_TIMEOUT=300
RAW_FLAG=
REUSE=0
BUILD=0
while [ $# -gt 0 ]; do
	case "$1" in
		--reuse) REUSE=1 ;;
		--build) BUILD=1 ;;
		--requests) REQUESTS=$2; shift ;;
		--raw-requests) RAW_REQUESTS=$2; shift ;;
		--raw-timeout) RAW_TIMEOUT=$2; shift ;;
		--no-raw) RAW_FLAG=--no-raw ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

bench_setup
ensure_jar
load_data

COUNTS=$(psql_db -At -F ' / ' -c "SELECT (SELECT count(*) FROM hcp), (SELECT count(*) FROM interaction),
	(SELECT count(*) FROM information_need), (SELECT count(*) FROM stage_change), (SELECT count(*) FROM patient_count),
	(SELECT count(*) FROM medical_inquiry)")
SIZE=$(psql_db -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
echo "   rows hcp / interaction / information_need / stage_change / patient_count / medical_inquiry: $COUNTS; database $SIZE"

# V12 rebuilds the rollups from every raw row at the first start: give that start time.
V12_BEFORE=$(psql_db -At -c "SELECT count(*) FROM flyway_schema_history WHERE version = '12' AND success")
if [ "$V12_BEFORE" = "0" ] && [ -z "${CRM_BENCH_START_TIMEOUT:-}" ]; then
	START_TIMEOUT=3600
	echo "   V12 not applied yet: the start migrates $DB and rebuilds the rollups (waiting up to $START_TIMEOUT s)"
fi

trap stop_app EXIT
start_app dashboard
APP_LOG="$RESULTS/app-dashboard-$STAMP.log"

V12_MS=$(psql_db -At -c "SELECT execution_time FROM flyway_schema_history WHERE version = '12' AND success")
V12_ON=$(psql_db -At -c "SELECT to_char(installed_on, 'YYYY-MM-DD HH24:MI:SS') FROM flyway_schema_history WHERE version = '12'")
V12_S=$(awk -v ms="$V12_MS" 'BEGIN { printf "%.1f", ms / 1000 }')
if [ "$V12_BEFORE" = "0" ]; then
	MIGRATION_INFO="V12 (rollup tables, triggers, \`SELECT rollup_rebuild()\` over the data set) applied at this start: ${V12_S} s in Flyway (flyway_schema_history.execution_time); the app was healthy ${APP_START_S} s after launch"
	FLYWAY_LINE=$(grep -o 'Successfully applied.*' "$APP_LOG" | tail -n 1 || true)
	[ -n "$FLYWAY_LINE" ] && MIGRATION_INFO="$MIGRATION_INFO; Flyway: \"$FLYWAY_LINE\""
else
	MIGRATION_INFO="V12 applied earlier ($V12_ON, ${V12_S} s in Flyway); this start took ${APP_START_S} s"
fi
echo "   $MIGRATION_INFO"

ROLLUPS="$RESULTS/.rollups-$STAMP.md"
{
	echo
	echo "## Rollup tables (at the start of the run)"
	echo
	echo "| table | rows | compacted | pending deltas | n_live_tup | size (with indexes) | last analyze |"
	echo "|---|---|---|---|---|---|---|"
	for t in rollup_interaction rollup_coverage rollup_stage rollup_stage_move rollup_need rollup_patient; do
		psql_db -At -F ' | ' -c "SELECT '$t', count(*), count(*) FILTER (WHERE compacted), count(*) FILTER (WHERE NOT compacted),
			(SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = '$t'), pg_size_pretty(pg_total_relation_size('$t')),
			(SELECT coalesce(to_char(greatest(last_analyze, last_autoanalyze), 'HH24:MI:SS'), 'never') FROM pg_stat_user_tables WHERE relname = '$t')
			FROM $t" | sed 's/^/| /; s/$/ |/'
	done
} >"$ROLLUPS"
cat "$ROLLUPS"

# The first area by code, its first product, the biggest region; an active HCP for the freshness events.
AREA=$(psql_db -At -F ' ' -c "SELECT id, code FROM therapeutic_area WHERE active ORDER BY code LIMIT 1")
PRODUCT=$(psql_db -At -F ' ' -c "SELECT id, code FROM product WHERE therapeutic_area_id = ${AREA% *} ORDER BY code LIMIT 1")
EVENT_HCP=$(psql_db -At -c "SELECT id FROM hcp WHERE status = 'ACTIVE' ORDER BY id LIMIT 1")
ADMIN_TOKEN=$(new_token ADMIN)
EVENT_TOKEN=$(new_token)

OUT="$RESULTS/dashboard-$STAMP.md"
echo "== Running the dashboard benchmark ($REQUESTS requests per dashboard and case; raw: $RAW_REQUESTS)"
STATUS=0
python3 bench/dashboard_bench.py --base "http://127.0.0.1:$PORT" --token "$ADMIN_TOKEN" --event-token "$EVENT_TOKEN" \
	--area "${AREA% *}" --area-name "${AREA#* }" --product "${PRODUCT% *}" --product-name "${PRODUCT#* }" \
	--region KANTO --department SALES --event-hcp "$EVENT_HCP" --requests "$REQUESTS" \
	--raw-requests "$RAW_REQUESTS" --raw-timeout "$RAW_TIMEOUT" $RAW_FLAG --db "$DB" --out "$OUT" \
	--info "Data set: $SCALE scale, seed 42; rows hcp / interaction / information_need / stage_change / patient_count / medical_inquiry: $COUNTS; database $SIZE" \
	--info "$LOAD_INFO" \
	--info "$MIGRATION_INFO" \
	--info "PostgreSQL: $(psql_db -At -c 'SHOW server_version'), shared_buffers $(psql_db -At -c 'SHOW shared_buffers'), work_mem $(psql_db -At -c 'SHOW work_mem'); JVM: $("$JAVA" -version 2>&1 | head -n 1)" \
	|| STATUS=$?
cat "$ROLLUPS" >>"$OUT"
rm -f "$ROLLUPS"
echo "Wrote $OUT"
exit $STATUS
