#!/usr/bin/env bash
# Start-up (issue 13, docs/benchmarks.md "Start-up"): the time from launch to healthy (/actuator/health answers UP)
# on a migrated database, the JVM's CPU seconds until then and its resident memory at that moment, for
#   plain : java -jar crm-web.jar (the fat jar, as `./mvnw spring-boot:run` or a plain deploy starts it),
#   cds   : deploy/start.sh, i.e. the extracted jar with the AppCDS archive of a training start (docs/adr/0026).
# The two alternate, --starts times each, so that both see the same load of a shared machine.
#
# Usage: bench/start-bench.sh [--jar PATH] [--starts N] [--label NAME]
# Uses the data set of bench/page-cpu-bench.sh (CRM_BENCH_DB, default crm_bench_stream; loaded if missing).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CRM_BENCH_DB=${CRM_BENCH_DB:-crm_bench_stream}
export CRM_BENCH_SCALE=${CRM_BENCH_SCALE:-medium}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REUSE=1
BUILD=0
JAR_OPT=
STARTS=3
LABEL=
while [ $# -gt 0 ]; do
	case "$1" in
		--jar) JAR_OPT=$2; shift ;;
		--starts) STARTS=$2; shift ;;
		--label) LABEL=$2; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
JAVA_OPTS="-Xmx512m $JAVA_OPTS"
bench_setup
if [ -n "$JAR_OPT" ]; then
	JAR=$JAR_OPT
else
	ensure_jar
fi
load_data

HOME_DIR=$(mktemp -d)
trap 'stop_app; rm -rf "$HOME_DIR"' EXIT
cp "$JAR" "$HOME_DIR/source.jar"
"$JAVA" -Djarmode=tools -jar "$HOME_DIR/source.jar" extract --destination "$HOME_DIR/app" >/dev/null
mv "$HOME_DIR/app/source.jar" "$HOME_DIR/app/crm.jar"
export CRM_HOME="$HOME_DIR/app" CRM_CDS="$HOME_DIR/app/cds/crm.jsa" JAVA JAVA_OPTS
export CRM_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"

echo "== Training start (deploy/start.sh records the archive)"
t0=$(date +%s.%N)
# The training start exits by itself once the context is ready; run it on a port of its own.
# spring.context.exit is read from system properties only, hence JAVA_OPTS.
(JAVA_OPTS="$JAVA_OPTS -Dspring.context.exit=onRefresh" "$ROOT/deploy/start.sh" --server.port=0 \
	>"$RESULTS/start-training-$STAMP.log" 2>&1) || true
TRAINING_S=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
ARCHIVE_MB=$(du -m "$CRM_CDS" 2>/dev/null | cut -f1)
[ -f "$CRM_CDS" ] || { echo "No archive was written; see $RESULTS/start-training-$STAMP.log" >&2; exit 1; }
echo "   archive ${ARCHIVE_MB} MB after ${TRAINING_S} s (training start plus a second start that exits at once)"

# launch <name> <command...>: starts it, waits for health, records seconds, CPU seconds and RSS, stops it.
CLK_TCK=$(getconf CLK_TCK)
ROWS=$(mktemp)
launch() {
	local name=$1 start end ticks rss
	shift
	start=$(date +%s.%N)
	"$@" --server.port="$PORT" >"$RESULTS/app-start-$name-$STAMP.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 1 "$((START_TIMEOUT * 5))"); do
		curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
		kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$RESULTS/app-start-$name-$STAMP.log" >&2; exit 1; }
		sleep 0.2
	done
	end=$(date +%s.%N)
	ticks=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat")
	rss=$(awk '/VmRSS/ { print $2 }' "/proc/$APP_PID/status")
	stop_app
	awk -v n="$name" -v s="$start" -v e="$end" -v t="$ticks" -v hz="$CLK_TCK" -v r="$rss" \
		'BEGIN { printf "%s %.1f %.1f %d\n", n, e - s, t / hz, r / 1024 }' | tee -a "$ROWS"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$STARTS"); do
	echo "== Round $i of $STARTS"
	launch plain "$JAVA" $JAVA_OPTS -jar "$JAR"
	launch cds "$ROOT/deploy/start.sh"
done

OUT="$RESULTS/start-$STAMP${LABEL:+-$LABEL}.md"
{
	echo "# Start-up, $(date -u '+%Y-%m-%d %H:%M UTC')${LABEL:+ ($LABEL)}"
	echo
	echo "- Jar: $JAR; data set: $CRM_BENCH_SCALE scale in $DB (migrated); JAVA_OPTS $JAVA_OPTS; $(nproc) cores"
	echo "- $("$JAVA" -version 2>&1 | head -n 1); archive ${ARCHIVE_MB} MB; load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "| start | launch → healthy s (each) | median s | JVM CPU s until healthy (median) | RSS MB when healthy (median) |"
	echo "|---|---|---|---|---|"
	for name in plain cds; do
		awk -v n="$name" '$1 == n { s[++k] = $2; c[k] = $3; r[k] = $4; all = all (all ? ", " : "") $2 }
			function med(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
				return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
			END { printf "| %s | %s | %.1f | %.1f | %d |\n", n, all, med(s, k), med(c, k), med(r, k) }' "$ROWS"
	done
} >"$OUT"
cat "$OUT"
echo "Wrote $OUT"
