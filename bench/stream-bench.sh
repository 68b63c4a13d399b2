#!/usr/bin/env bash
# Event stream benchmark (issue 13, docs/benchmarks.md "Event stream"): pull-event ingest through the API with the
# event stream off and on, side by side in one run, and the lag from the batch's transaction to a consumer of the
# broker at that load.
#   1. makes sure the data set is loaded (default: the medium scale in its own database crm_bench_stream; the
#      ingest path does not depend on the size of the data set),
#   2. starts the app with CRM_EVENT_STREAM=false and runs bench/CaptureLoad.java --mode events,
#   3. starts it again with CRM_EVENT_STREAM=true, consumes the stream with bench/StreamLag.java while the same load
#      runs, waits until the outbox is empty, and writes bench/results/stream-<date>.md.
# Needs RabbitMQ at 127.0.0.1:5672 (rabbitmq-server -detached).
#
# Usage: bench/stream-bench.sh [--reuse] [--build] [--seconds N] [--connections N]
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CRM_BENCH_DB=${CRM_BENCH_DB:-crm_bench_stream}
export CRM_BENCH_SCALE=${CRM_BENCH_SCALE:-medium}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REUSE=0
BUILD=0
SECONDS_PER_RUN=20
CONNECTIONS=2
parse_run_options "$@"
if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
	echo "RabbitMQ does not answer on 127.0.0.1:5672 (rabbitmq-server -detached)" >&2
	exit 1
fi
bench_setup
ensure_jar
load_data

# The consumer uses the application's own RabbitMQ client and its dependencies, taken from the jar.
LIBS=$(mktemp -d)
unzip -q -j -o "$JAR" 'BOOT-INF/lib/amqp-client-*' 'BOOT-INF/lib/netty-*' 'BOOT-INF/lib/slf4j-api-*' -d "$LIBS"
AMQP_CP="$LIBS/*"
HCPS="$RESULTS/.stream-hcps-$STAMP.txt"
psql_db -At -c "SELECT id FROM hcp WHERE status = 'ACTIVE' ORDER BY id LIMIT 20000" >"$HCPS"
trap 'stop_app; rm -rf "$HCPS" "$LIBS"' EXIT

OUT="$RESULTS/stream-$STAMP.md"
LOAD="$JAVA bench/CaptureLoad.java --base http://127.0.0.1:$PORT --seconds $SECONDS_PER_RUN --warmup 10"
{
	echo "# Event stream benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- Data set: $SCALE scale in $DB ($(psql_db -At -c "SELECT count(*) FROM interaction") interactions before the runs); $LOAD_INFO"
	echo "- PostgreSQL $(psql_db -At -c 'SHOW server_version'); RabbitMQ on the same machine; $("$JAVA" -version 2>&1 | head -n 1); $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- Pull-event ingest: POST /api/v1/interactions/events, batches of 1,000, $CONNECTIONS connections, 10 s warm-up then $SECONDS_PER_RUN s measured; one PullEventsRecorded event per batch"
	echo
	echo "| run | connections | requests | errors | throughput | p50 ms | p95 ms | p99 ms | max ms |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$OUT"

echo "== Stream off"
export CRM_EVENT_STREAM=false
start_app stream-off
TOKEN=$(new_token)
printf '| stream off ' >>"$OUT"
$LOAD --mode events --token "$TOKEN" --hcps "$HCPS" --batch 1000 --connections "$CONNECTIONS" | sed 's/^| events //' | tee -a "$OUT"
stop_app

echo "== Stream on"
export CRM_EVENT_STREAM=true
start_app stream-on
TOKEN=$(new_token)
"$JAVA" -cp "$AMQP_CP" bench/StreamLag.java --until-quiet 10 >"$RESULTS/.stream-lag-$STAMP.txt" &
LAG_PID=$!
sleep 3
printf '| stream on ' >>"$OUT"
$LOAD --mode events --token "$TOKEN" --hcps "$HCPS" --batch 1000 --connections "$CONNECTIONS" | sed 's/^| events //' | tee -a "$OUT"
DRAIN_START=$(date +%s.%N)
for _ in $(seq 1 300); do
	[ "$(psql_db -At -c "SELECT count(*) FROM event_publication")" = "0" ] && break
	sleep 0.2
done
DRAIN=$(awk -v s="$DRAIN_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
wait "$LAG_PID"
{
	echo
	echo "Lag from the batch's transaction to a consumer of crm.events, stream on, during that run (warm-up included):"
	echo
	echo "| measure | batches | events | p50 | p95 | p99 | max |"
	echo "|---|---|---|---|---|---|---|"
	cat "$RESULTS/.stream-lag-$STAMP.txt"
	echo
	echo "Outbox empty ${DRAIN} s after the load stopped; event_publication rows left: $(psql_db -At -c "SELECT count(*) FROM event_publication")."
	echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} >>"$OUT"
rm -f "$RESULTS/.stream-lag-$STAMP.txt"
echo "Wrote $OUT"
