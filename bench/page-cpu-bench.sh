#!/usr/bin/env bash
# CPU per HCP page (issue 13, docs/benchmarks.md "CPU per HCP page"): what one GET /hcps/{id} costs the JVM and
# PostgreSQL, measured from /proc ticks rather than timed, together with the JVM's resident memory under that load
# and the time from launch to healthy.
#   1. uses the data set in its own database (default: the medium scale in crm_bench_stream; --reuse keeps it),
#   2. starts the app with -Xmx512m --starts times (stopping it in between) and records launch -> healthy each time;
#      with --baseline it does the same for a second jar (e.g. the code before a change) on the next port, and
#      leaves both running,
#   3. warms the JIT up on both pages, then for a typical HCP (16 interactions) and for the heaviest HCP runs
#      bench/CaptureLoad.java --mode page (signed in as manager) at --connections sessions; when the measured
#      window starts and after its last request it samples
#        - utime + stime of the JVM (/proc/<pid>/stat),
#        - utime + stime summed over the PostgreSQL backends of the bench database (processes whose command line is
#          "postgres: [cluster:] <user> <db> ..."; the pools keep them open for the whole run; the idle app's
#          backends add next to nothing),
#        - transactions of the database (pg_stat_database, read from the postgres database),
#        - VmRSS and VmHWM of the JVM,
#      and reports CPU ms per request = ticks delta x 1000 / CLK_TCK / requests. With --baseline the runs of the two
#      jars alternate, --rounds times, so that both see the same load of a shared machine,
#   4. writes bench/results/page-cpu-<date>[-label].md.
# The load generator runs on the same machine; its own CPU is not counted.
#
# Usage: bench/page-cpu-bench.sh [--reuse] [--build] [--jar PATH] [--baseline PATH] [--label NAME] [--rounds N]
#                                [--seconds N] [--warmup N] [--connections N] [--starts N]
#   --jar PATH       measure this jar instead of crm-web/target's
#   --baseline PATH  also measure this jar ("before"), alternating with the other one ("after")
#   --label NAME     appended to the result file's name
#   --rounds N       measured runs per jar and page (default 3)
#   --seconds N      measured seconds per run (default 15, after 5 s of load not counted)
#   --warmup N       seconds of JIT warm-up per jar and page before the measured runs (default 30)
#   --starts N       starts per jar whose time to healthy is recorded (default 3)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CRM_BENCH_DB=${CRM_BENCH_DB:-crm_bench_stream}
export CRM_BENCH_SCALE=${CRM_BENCH_SCALE:-medium}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REUSE=0
BUILD=0
JAR_OPT=
BASELINE=
LABEL=
ROUNDS=3
SECONDS_PER_RUN=15
WARMUP=30
CONNECTIONS=16
STARTS=3
while [ $# -gt 0 ]; do
	case "$1" in
		--reuse) REUSE=1 ;;
		--build) BUILD=1 ;;
		--jar) JAR_OPT=$2; shift ;;
		--baseline) BASELINE=$2; shift ;;
		--rounds) ROUNDS=$2; shift ;;
		--label) LABEL=$2; shift ;;
		--seconds) SECONDS_PER_RUN=$2; shift ;;
		--warmup) WARMUP=$2; shift ;;
		--connections) CONNECTIONS=$2; shift ;;
		--starts) STARTS=$2; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
JAVA_OPTS="-Xmx512m $JAVA_OPTS"
bench_setup
if [ -n "$JAR_OPT" ]; then
	JAR=$JAR_OPT
	echo "== Jar: $JAR"
else
	ensure_jar
fi
load_data

TYPICAL=$(psql_db -At -c "SELECT hcp_id FROM interaction GROUP BY hcp_id HAVING count(*) = 16 ORDER BY hcp_id LIMIT 1")
HEAVY=$(psql_db -At -F ' ' -c "SELECT hcp_id, count(*) FROM interaction GROUP BY hcp_id ORDER BY count(*) DESC, hcp_id LIMIT 1")
HEAVY_ID=${HEAVY% *}
HEAVY_COUNT=${HEAVY#* }
COUNTS=$(psql_db -At -F ' / ' -c "SELECT (SELECT count(*) FROM hcp), (SELECT count(*) FROM interaction), (SELECT count(*) FROM information_need)")
HZ=$(getconf CLK_TCK)
echo "   typical HCP $TYPICAL (16 interactions), heaviest HCP $HEAVY_ID ($HEAVY_COUNT interactions); CLK_TCK $HZ"

PROBE=$(mktemp)
PROBE_OUT=$(mktemp)
# Prints: JVM ticks, ticks of the database's backends, transactions of the database, VmRSS kB, VmHWM kB.
cat >"$PROBE" <<EOF
#!/usr/bin/env bash
set -euo pipefail
ticks() { awk '{ sub(/^.*\\) /, ""); print \$12 + \$13 }' "/proc/\$1/stat" 2>/dev/null || echo 0; }
jvm=\$(ticks "\$1")
pg=0
for pid in \$(ps -eo pid=,args= | awk -v db="$DB" '\$2 == "postgres:" { for (i = 3; i <= 5; i++) if (\$i == db) { print \$1; next } }'); do
	pg=\$((pg + \$(ticks "\$pid")))
done
xacts=\$(psql -X -At -d postgres -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'")
rss=\$(awk '/^VmRSS/ { print \$2 }' "/proc/\$1/status")
hwm=\$(awk '/^VmHWM/ { print \$2 }' "/proc/\$1/status")
echo "\$jvm \$pg \$xacts \$rss \$hwm"
EOF
chmod +x "$PROBE"

# The jars under test: "after" (the jar) on $PORT and, with --baseline, "before" on the next port.
NAMES=()
declare -A JARS PORTS PIDS STARTED IDLE_RSS
if [ -n "$BASELINE" ]; then
	NAMES+=(before)
	JARS[before]=$BASELINE
	PORTS[before]=$((PORT + 1))
fi
NAMES+=(after)
JARS[after]=$JAR
PORTS[after]=$PORT
stop_all() {
	for name in "${NAMES[@]}"; do
		if [ -n "${PIDS[$name]:-}" ]; then
			kill "${PIDS[$name]}" 2>/dev/null || true
			wait "${PIDS[$name]}" 2>/dev/null || true
		fi
	done
}
trap 'stop_all; rm -f "$PROBE" "$PROBE_OUT"' EXIT
MAIN_PORT=$PORT
MAIN_JAR=$JAR
for i in $(seq 1 "$STARTS"); do
	for name in "${NAMES[@]}"; do
		PORT=${PORTS[$name]}
		JAR=${JARS[$name]}
		start_app "page-cpu-$name"
		STARTED[$name]="${STARTED[$name]:-} $APP_START_S"
		PIDS[$name]=$APP_PID
		if [ "$i" -lt "$STARTS" ]; then
			stop_app
			PIDS[$name]=
		else
			# RSS of the idle, just started JVM (after the first health check, before any page).
			IDLE_RSS[$name]=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status")
		fi
	done
done
APP_PID=
PORT=$MAIN_PORT
JAR=$MAIN_JAR

load() {
	$JAVA bench/CaptureLoad.java --base "http://127.0.0.1:${PORTS[$1]}" --mode page --user manager \
		--connections "$CONNECTIONS" --hcp "$2" "${@:3}"
}
for name in "${NAMES[@]}"; do
	echo "== Warm-up of $name: $WARMUP s on each page"
	load "$name" "$HEAVY_ID" --warmup 0 --seconds "$WARMUP" >/dev/null || echo "   (warm-up of $name on HCP $HEAVY_ID had errors)"
	load "$name" "$TYPICAL" --warmup 0 --seconds "$WARMUP" >/dev/null || echo "   (warm-up of $name on HCP $TYPICAL had errors)"
done

OUT="$RESULTS/page-cpu-$STAMP${LABEL:+-$LABEL}.md"
RUNS=$(mktemp)
{
	echo "# CPU per HCP page, $(date -u '+%Y-%m-%d %H:%M UTC')${LABEL:+ ($LABEL)}"
	echo
	for name in "${NAMES[@]}"; do
		echo "- $name: ${JARS[$name]}; launch to healthy ($STARTS starts):${STARTED[$name]} s; RSS of the idle JVM after start: ${IDLE_RSS[$name]} MB"
	done
	echo "- Data set: $SCALE scale in $DB; rows hcp / interaction / information_need: $COUNTS; $LOAD_INFO"
	echo "- PostgreSQL $(psql_db -At -c 'SHOW server_version'); $("$JAVA" -version 2>&1 | head -n 1); JAVA_OPTS $JAVA_OPTS; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- GET /hcps/{id} signed in as manager from $CONNECTIONS sessions; $WARMUP s of warm-up per jar and page, then $ROUNDS rounds of 5 s not counted and $SECONDS_PER_RUN s measured per jar and page${BASELINE:+, the jars alternating}; CPU from /proc ticks (CLK_TCK $HZ) of the JVM and of the database's backends"
} >"$OUT"

# One measured run; appends "jar page requests errors p50 p95 jvm_ticks pg_ticks xacts rss_kB hwm_kB" to $RUNS.
run_page() {
	local name=$1 page=$2 hcp=$3 row requests errors p50 p95
	# More than 1 % errors makes CaptureLoad exit with 1; the row (errors column) still says how many.
	row=$(load "$name" "$hcp" --warmup 5 --seconds "$SECONDS_PER_RUN" --probe "$PROBE ${PIDS[$name]}" --probe-out "$PROBE_OUT") || true
	echo "   $name $page: $row"
	if [ -z "$row" ]; then
		echo "The load generator failed; see above" >&2
		exit 1
	fi
	IFS='|' read -r _ _ _ requests errors _ p50 p95 _ <<<"$row"
	read -r _ j0 p0 x0 _ _ < <(grep '^start' "$PROBE_OUT")
	read -r _ j1 p1 x1 rss hwm < <(grep '^end' "$PROBE_OUT")
	echo "$name $page $requests $errors $p50 $p95 $((j1 - j0)) $((p1 - p0)) $((x1 - x0)) $rss $hwm" >>"$RUNS"
}
for round in $(seq 1 "$ROUNDS"); do
	echo "== Round $round of $ROUNDS"
	for name in "${NAMES[@]}"; do
		run_page "$name" typical "$TYPICAL"
		run_page "$name" heaviest "$HEAVY_ID"
	done
done

{
	echo
	echo "| jar | page | requests | errors | throughput | p50 ms | p95 ms | JVM CPU ms/req | PG CPU ms/req | PG transactions/req | RSS MB at end | peak RSS MB |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	for name in "${NAMES[@]}"; do
		for page in typical heaviest; do
			awk -v name="$name" -v page="$page" -v hz="$HZ" -v seconds="$SECONDS_PER_RUN" \
				-v label="$([ "$page" = typical ] && echo "typical (HCP $TYPICAL, 16 interactions)" || echo "heaviest (HCP $HEAVY_ID, $HEAVY_COUNT interactions)")" '
				$1 == name && $2 == page { n++; r += $3; e += $4; p50 += $5; p95 += $6; j += $7; p += $8; x += $9; rss = $10; if ($11 > hwm) hwm = $11 }
				END { printf "| %s | %s | %d | %d | %.0f req/s | %.1f | %.1f | %.2f | %.2f | %.1f | %.0f | %.0f |\n", name, label, r, e,
					r / (n * seconds), p50 / n, p95 / n, j * 1000 / hz / r, p * 1000 / hz / r, x / r, rss / 1024, hwm / 1024 }' "$RUNS"
			done
	done
	echo
	echo "Per run (jar, page, requests, errors, p50, p95, JVM ticks, PG ticks, transactions, RSS kB, peak RSS kB):"
	echo
	sed 's/^/    /' "$RUNS"
	echo
	echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} >>"$OUT"
rm -f "$RUNS"
cat "$OUT"
echo "Wrote $OUT"
