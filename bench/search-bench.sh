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

DB=${CRM_BENCH_DB:-crm_bench}
PORT=${CRM_BENCH_PORT:-18080}
SCALE=${CRM_BENCH_SCALE:-japan}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
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

if ! [[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]]; then
	echo "CRM_BENCH_DB must be a plain identifier" >&2
	exit 2
fi

STAMP=$(date +%Y-%m-%d)
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"

find_jar() {
	ls crm-web/target/crm-web-*.jar 2>/dev/null | grep -v -e '\.original$' -e 'sources' | head -n 1 || true
}
JAR=$(find_jar)
# A jar from before the demo loader existed would start, load nothing and leave an empty benchmark.
# (grep -c, not grep -q: with pipefail, -q's early exit would fail unzip on SIGPIPE.)
if [ -n "$JAR" ] && [ "$(unzip -l "$JAR" 2>/dev/null | grep -c 'org/openpharma/crm/demo/DemoDataRunner.class')" = 0 ]; then
	echo "== $JAR has no demo loader: rebuilding"
	BUILD=1
fi
if [ -z "$JAR" ] || [ "$BUILD" -eq 1 ]; then
	echo "== Building the application jar (./mvnw -q -DskipTests package)"
	./mvnw -q -DskipTests package
	JAR=$(find_jar)
fi
echo "== Jar: $JAR"

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

LOAD_INFO="data set reused from an earlier load"
if [ "$REUSE" -eq 0 ]; then
	echo "== Recreating database $DB"
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8'"

	echo "== Loading the $SCALE demo data set (log: bench/results/load-$STAMP.log)"
	start=$(date +%s.%N)
	# server.port=0: the loading run must not collide with an app already listening on 8080.
	CRM_DB_URL="$DB_URL" "$JAVA" $JAVA_OPTS -jar "$JAR" --spring.profiles.active=demo --crm.demo.scale="$SCALE" \
		--crm.demo.exit-after-load=true --server.port=0 >"$RESULTS/load-$STAMP.log" 2>&1 || {
		echo "Load failed; last lines of the log:" >&2
		tail -n 40 "$RESULTS/load-$STAMP.log" >&2
		exit 1
	}
	end=$(date +%s.%N)
	total=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
	generator=$(grep -o 'in [0-9,]* ms' "$RESULTS/load-$STAMP.log" | tail -n 1 | tr -dc '0-9')
	generator_s=$(awk -v ms="${generator:-0}" 'BEGIN { printf "%.1f", ms / 1000 }')
	echo "   load: ${total} s in total (JVM start, Flyway, generation); generator itself ${generator_s} s"
	LOAD_INFO="load ($SCALE, COPY with all indexes in place): ${generator_s} s in the generator, ${total} s including JVM start and Flyway"

	echo "== VACUUM ANALYZE"
	# Autovacuum would get there on its own; doing it now measures the steady state, not the first minutes.
	psql_db -c "VACUUM (ANALYZE)"
fi

COUNTS=$(psql_db -At -F ' / ' -c "SELECT (SELECT count(*) FROM hcp), (SELECT count(*) FROM hco), (SELECT count(*) FROM affiliation)")
SIZE=$(psql_db -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
echo "   rows hcp / hco / affiliation: $COUNTS; database size $SIZE"

NAMES="$RESULTS/.names-$STAMP.tsv"
# A random sample of real rows gives queries over the whole name distribution, not one repeated name.
psql_db -At -F $'\t' -c "SELECT name_kanji, name_kana, name_romaji, id FROM hcp TABLESAMPLE SYSTEM (2) REPEATABLE (7)
	WHERE status = 'ACTIVE' AND name_romaji IS NOT NULL LIMIT 3000" >"$NAMES"

echo "== Starting the application on port $PORT (log: bench/results/app-$STAMP.log)"
CRM_DB_URL="$DB_URL" "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port="$PORT" >"$RESULTS/app-$STAMP.log" 2>&1 &
APP_PID=$!
cleanup() {
	kill "$APP_PID" 2>/dev/null || true
	wait "$APP_PID" 2>/dev/null || true
	rm -f "$NAMES"
}
trap cleanup EXIT

for i in $(seq 1 180); do
	if curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then
		break
	fi
	if ! kill -0 "$APP_PID" 2>/dev/null; then
		echo "The application stopped; last lines of its log:" >&2
		tail -n 40 "$RESULTS/app-$STAMP.log" >&2
		exit 1
	fi
	sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { echo "No health after 180 s" >&2; exit 1; }

# An API token for a system user, so that API calls are not dominated by bcrypt (HTTP Basic checks the
# password hash on every call). Only the SHA-256 of the token is stored, as the application does.
TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
TOKEN_HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)
psql_db -q -c "INSERT INTO app_user (username, display_name, password_hash, department_code, system_user)
  VALUES ('bench-system', 'bench', '{noop}unused-$RANDOM$RANDOM', 'MARKETING', true) ON CONFLICT (username) DO NOTHING" \
  -c "INSERT INTO app_user_role (user_id, role) SELECT id, 'MARKETING' FROM app_user WHERE username = 'bench-system' ON CONFLICT DO NOTHING" \
  -c "INSERT INTO api_token (user_id, name, token_hash, created_at, created_by) SELECT id, 'bench', '$TOKEN_HASH', now(), 'bench' FROM app_user WHERE username = 'bench-system'"

echo "== Running the search benchmark ($REQUESTS requests per query kind)"
python3 bench/search_bench.py --base "http://127.0.0.1:$PORT" --names "$NAMES" --requests "$REQUESTS" --token "$TOKEN" \
	--out "$RESULTS/search-$STAMP.md" \
	--info "Data set: $SCALE scale, seed 42; rows hcp / hco / affiliation: $COUNTS; database $SIZE" \
	--info "$LOAD_INFO" \
	--info "PostgreSQL: $(psql_db -At -c 'SHOW server_version'), shared_buffers $(psql_db -At -c 'SHOW shared_buffers'); JVM: $("$JAVA" -version 2>&1 | head -n 1)"
