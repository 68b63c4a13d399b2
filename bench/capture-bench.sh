#!/usr/bin/env bash
# Capture benchmark at Japan scale (see docs/benchmarks.md):
#   1. makes sure crm_bench holds the japan data set with its activity (10 million interactions, 2 million
#      needs ...), loading what is missing through the app's demo profile,
#   2. starts the app on port 18080 against it,
#   3. with bench/CaptureLoad.java (JDK only, run as a single-file program) measures
#        - the HCP 360 page of the heaviest HCP at 16 concurrent sessions (target p95 <= 30 ms),
#        - logging a visit with two needs, a stage change and a patient count through the form (target >= 500/s),
#        - pull-event ingest through the API in batches of 1,000,
#      and writes bench/results/capture-<date>.md.
#
# Usage: bench/capture-bench.sh [--reuse] [--build] [--seconds N] [--connections N]
#   --reuse        keep an already loaded crm_bench (only what is missing is loaded)
#   --build        rebuild the jar first
#   --seconds N    measured seconds per run (default 20, after 10 s of warm-up)
#   --connections  concurrent sessions for the page and form runs (default 16)
# Environment as for search-bench.sh: CRM_BENCH_DB, CRM_BENCH_PORT, CRM_BENCH_SCALE, PG*, JAVA, JAVA_OPTS.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REUSE=0
BUILD=0
SECONDS_PER_RUN=20
CONNECTIONS=16
parse_run_options "$@"
bench_setup
ensure_jar
load_data

COUNTS=$(psql_db -At -F ' / ' -c "SELECT (SELECT count(*) FROM hcp), (SELECT count(*) FROM interaction),
	(SELECT count(*) FROM information_need), (SELECT count(*) FROM stage_change), (SELECT count(*) FROM patient_count)")
SIZE=$(psql_db -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
echo "   rows hcp / interaction / information_need / stage_change / patient_count: $COUNTS; database $SIZE"

# The heaviest HCP (most interactions), the MR who covers Tokyo, and Tokyo's HCPs for the form run.
HEAVY=$(psql_db -At -F ' ' -c "SELECT hcp_id, count(*) FROM interaction GROUP BY hcp_id ORDER BY count(*) DESC, hcp_id LIMIT 1")
HEAVY_ID=${HEAVY% *}
HEAVY_COUNT=${HEAVY#* }
HEAVY_NEEDS=$(psql_db -At -c "SELECT count(*) FROM information_need WHERE hcp_id = $HEAVY_ID")
AREA=$(psql_db -At -c "SELECT id FROM therapeutic_area WHERE active ORDER BY code LIMIT 1")
TOKYO="$RESULTS/.tokyo-$STAMP.txt"
# Only HCPs whose latest VISIT/PROMOTIONAL consent record grants it: a visit to anyone else is refused.
psql_db -At -c "SELECT h.id FROM hcp h JOIN hco o ON o.id = h.primary_hco_id WHERE o.prefecture_code = 13
	AND h.status = 'ACTIVE' AND (SELECT c.state FROM consent_record c WHERE c.hcp_id = h.id AND c.channel = 'VISIT'
	AND c.purpose = 'PROMOTIONAL' ORDER BY c.captured_at DESC, c.id DESC LIMIT 1) = 'GRANTED' ORDER BY h.id" >"$TOKYO"
echo "   heaviest HCP: $HEAVY_ID with $HEAVY_COUNT interactions and $HEAVY_NEEDS needs; $(wc -l <"$TOKYO") Tokyo HCPs with visit consent"

trap 'stop_app; rm -f "$TOKYO"' EXIT
start_app capture
TOKEN=$(new_token)

OUT="$RESULTS/capture-$STAMP.md"
LOAD="$JAVA bench/CaptureLoad.java --base http://127.0.0.1:$PORT --seconds $SECONDS_PER_RUN --warmup 10"
INTERACTIONS_BEFORE=$(psql_db -At -c "SELECT count(*) FROM interaction")
{
	echo "# Capture benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- Data set: $SCALE scale, seed 42; rows hcp / interaction / information_need / stage_change / patient_count: $COUNTS; database $SIZE"
	echo "- $LOAD_INFO"
	echo "- Heaviest HCP: id $HEAVY_ID, $HEAVY_COUNT interactions, $HEAVY_NEEDS needs"
	echo "- PostgreSQL $(psql_db -At -c 'SHOW server_version'), shared_buffers $(psql_db -At -c 'SHOW shared_buffers'); $("$JAVA" -version 2>&1 | head -n 1); $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- Each run: 10 s warm-up (the JIT needs it), then $SECONDS_PER_RUN s measured; the load generator runs on the same machine"
	echo
	echo "| run | connections | requests | errors | throughput | p50 ms | p95 ms | p99 ms | max ms |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$OUT"

echo "== HCP 360 page of HCP $HEAVY_ID, $CONNECTIONS sessions"
$LOAD --mode page --hcp "$HEAVY_ID" --user manager --connections "$CONNECTIONS" | tee -a "$OUT"
echo "== The same page from 1 session (latency without queueing)"
$LOAD --mode page --hcp "$HEAVY_ID" --user manager --connections 1 | tee -a "$OUT"
echo "== Logging a visit (two needs, a stage change, a patient count) through the form, $CONNECTIONS sessions"
$LOAD --mode form --user mr01 --hcps "$TOKYO" --area "$AREA" --connections "$CONNECTIONS" | tee -a "$OUT"
echo "== Pull-event ingest, batches of 1,000, 2 connections"
$LOAD --mode events --token "$TOKEN" --hcps "$TOKYO" --batch 1000 --connections 2 | tee -a "$OUT"

INTERACTIONS_AFTER=$(psql_db -At -c "SELECT count(*) FROM interaction")
{
	echo
	echo "Interactions stored during the runs: $((INTERACTIONS_AFTER - INTERACTIONS_BEFORE)) (form and events, warm-up included)."
	echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} >>"$OUT"
echo "Wrote $OUT"
