#!/usr/bin/env bash
# Content-gap report benchmark at Japan scale (issue 15, see docs/benchmarks.md):
#   1. makes sure crm_bench holds the japan data set, loading what is missing (as dashboard-bench.sh),
#   2. starts the app on port 18080 against it; the first start after V25 migrates the database: V25's tables,
#      R__content_gaps.sql (rollups rebuilt from the 2 million needs) and R__dashboard_rollups.sql again (changed
#      with V25, so that its generated compaction and HCP moves cover the new rollups; it rebuilds every rollup),
#   3. runs bench/content_gap_bench.py — the report screen per filter case as `marketing`, the CSV, and the groups
#      query on the rollup and on its source view — and writes bench/results/content-gap-<date>.md with the rollup
#      tables' sizes.
#
# Usage: bench/content-gap-bench.sh [--reuse] [--build] [--requests N]
# Environment as for dashboard-bench.sh (CRM_BENCH_DB, CRM_BENCH_PORT, CRM_BENCH_SCALE, PG*, JAVA, JAVA_OPTS,
# CRM_BENCH_START_TIMEOUT).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REQUESTS=200
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

COUNTS=$(psql_db -At -F ' / ' -c "SELECT (SELECT count(*) FROM hcp), (SELECT count(*) FROM information_need),
	(SELECT count(*) FROM information_need WHERE status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS', 'CLOSED_UNMET'))")
echo "   rows hcp / information_need / of them open or closed unmet: $COUNTS"

V25_BEFORE=$(psql_db -At -c "SELECT count(*) FROM flyway_schema_history WHERE version = '25' AND success")
if [ "$V25_BEFORE" = "0" ] && [ -z "${CRM_BENCH_START_TIMEOUT:-}" ]; then
	START_TIMEOUT=3600
	echo "   V25 not applied yet: the start migrates $DB and rebuilds the rollups (waiting up to $START_TIMEOUT s)"
fi

trap stop_app EXIT
start_app content-gap
MIGRATIONS=$(psql_db -At -F ' ' -c "SELECT coalesce(version, description), round(execution_time / 1000.0, 1)
	FROM flyway_schema_history WHERE installed_on > now() - interval '2 hours'
	  AND (version = '25' OR description IN ('content gaps', 'dashboard rollups')) ORDER BY installed_rank" | tr '\n' ';')
if [ "$V25_BEFORE" = "0" ]; then
	MIGRATION_INFO="V25 applied at this start (seconds in Flyway: $MIGRATIONS); the app was healthy ${APP_START_S} s after launch"
else
	MIGRATION_INFO="V25 applied earlier; this start took ${APP_START_S} s"
fi
echo "   $MIGRATION_INFO"

ROLLUPS="$RESULTS/.content-gap-rollups-$STAMP.md"
{
	echo
	echo "## Rollup tables (at the start of the run)"
	echo
	echo "| table | rows | compacted | pending deltas | size (with indexes) |"
	echo "|---|---|---|---|---|"
	for t in rollup_content_gap rollup_content_gap_stage; do
		psql_db -At -F ' | ' -c "SELECT '$t', count(*), count(*) FILTER (WHERE compacted), count(*) FILTER (WHERE NOT compacted),
			pg_size_pretty(pg_total_relation_size('$t')) FROM $t" | sed 's/^/| /; s/$/ |/'
	done
	echo
	echo "Groups (area, product, category, topic key) with needs: $(psql_db -At -c "SELECT count(*) FROM (SELECT 1 FROM rollup_content_gap GROUP BY ta_id, product_id, category, topic_key HAVING sum(n) <> 0) g")"
} >"$ROLLUPS"
cat "$ROLLUPS"

AREA=$(psql_db -At -F ' ' -c "SELECT id, code FROM therapeutic_area WHERE active ORDER BY code LIMIT 1")
OUT="$RESULTS/content-gap-$STAMP.md"
echo "== Running the content-gap benchmark ($REQUESTS requests per case)"
STATUS=0
python3 bench/content_gap_bench.py --base "http://127.0.0.1:$PORT" --area "${AREA% *}" --area-name "${AREA#* }" \
	--requests "$REQUESTS" --db "$DB" --out "$OUT" \
	--info "Data set: $SCALE scale, seed 42; rows hcp / information_need / open or closed unmet: $COUNTS" \
	--info "$LOAD_INFO" \
	--info "$MIGRATION_INFO" \
	--info "PostgreSQL: $(psql_db -At -c 'SHOW server_version'), shared_buffers $(psql_db -At -c 'SHOW shared_buffers'), work_mem $(psql_db -At -c 'SHOW work_mem'); JVM: $("$JAVA" -version 2>&1 | head -n 1)" \
	|| STATUS=$?
cat "$ROLLUPS" >>"$OUT"
rm -f "$ROLLUPS"
echo "Wrote $OUT"
exit $STATUS
