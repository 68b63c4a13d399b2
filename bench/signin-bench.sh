#!/usr/bin/env bash
# Sign-in throttling benchmark (see docs/benchmarks.md, docs/adr/0013):
#   1. (re)creates the database crm_signin_bench and loads the small demo data set (demo users such as mr01),
#   2. starts the app on port 18091 against it (its own port: other benchmarks may run on 18080),
#   3. runs bench/signin_bench.py: 1,000 wrong passwords for mr01 in 10 s from 127.0.0.1 (HTTP Basic and
#      the sign-in form), then mr01 signs in from 127.0.0.2 (a second loopback address: the application
#      does not trust X-Forwarded-For), counting HTTP 500s; writes bench/results/signin-<date>.md with the
#      audit rows the attack left.
#
# Usage: bench/signin-bench.sh [--reuse] [--build] [--attempts N] [--seconds S]
#   --reuse        keep an already loaded crm_signin_bench (skip drop + load)
#   --build        rebuild the jar first
# Environment: CRM_BENCH_DB (crm_signin_bench), CRM_BENCH_PORT (18091), CRM_BENCH_SCALE (small),
#              PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), JAVA (java), JAVA_OPTS.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

export CRM_BENCH_DB=${CRM_BENCH_DB:-crm_signin_bench} CRM_BENCH_SCALE=${CRM_BENCH_SCALE:-small} CRM_BENCH_PORT=${CRM_BENCH_PORT:-18091}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
ATTEMPTS=1000
SECONDS_=10
REUSE=0
BUILD=0
while [ $# -gt 0 ]; do
	case "$1" in
		--reuse) REUSE=1 ;;
		--build) BUILD=1 ;;
		--attempts) ATTEMPTS=$2; shift ;;
		--seconds) SECONDS_=$2; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

bench_setup
ensure_jar
load_data

trap 'stop_app' EXIT
start_app signin
SINCE=$(psql_db -At -c "SELECT now()")

echo "== Running the sign-in benchmark"
STATUS=0
python3 bench/signin_bench.py --host 127.0.0.1 --port "$PORT" --user mr01 --password demo-password-2026 \
	--attacker 127.0.0.1 --victim 127.0.0.2 --attempts "$ATTEMPTS" --seconds "$SECONDS_" \
	--out "$RESULTS/signin-$STAMP.md" \
	--info "Data set: $SCALE scale (demo users), database $DB" \
	--info "PostgreSQL: $(psql_db -At -c 'SHOW server_version'); JVM: $("$JAVA" -version 2>&1 | head -n 1); $(nproc) cores" || STATUS=$?

{
	echo "Audit rows the run left (\`audit_event\` since the start):"
	echo
	echo "| action | scope | rows |"
	echo "|---|---|---:|"
	psql_db -At -F ' | ' -c "SELECT action, coalesce(after_state->>'scope', ''), count(*) FROM audit_event
		WHERE occurred_at >= '$SINCE' AND action IN ('LOGIN', 'LOGIN_FAILED', 'SIGN_IN_THROTTLED')
		GROUP BY 1, 2 ORDER BY 1, 2" | sed 's/^/| /; s/$/ |/'
	echo
	echo "Server errors in the application log: $(grep -c -E ' ERROR |Exception' "$RESULTS/app-signin-$STAMP.log" || true)"
} >>"$RESULTS/signin-$STAMP.md"
cat "$RESULTS/signin-$STAMP.md"
exit "$STATUS"
