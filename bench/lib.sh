#!/usr/bin/env bash
# Shared steps of the benchmark scripts (sourced, not run, from the repository root with ROOT set): the
# settings, the jar, the japan data set in its own database, the application on its own port, an API
# token. Callers parse their own options (REUSE, BUILD, ...) and then call bench_setup.

DB=${CRM_BENCH_DB:-crm_bench}
PORT=${CRM_BENCH_PORT:-18080}
SCALE=${CRM_BENCH_SCALE:-japan}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
# Seconds start_app waits for health: a start that applies a migration over the japan data set (V12 rebuilds
# the dashboard rollups from 10 million interactions) takes longer than a plain start.
START_TIMEOUT=${CRM_BENCH_START_TIMEOUT:-180}

# The options the load scripts share: --reuse, --build, --seconds N, --connections N. The caller sets the defaults
# (REUSE, BUILD, SECONDS_PER_RUN, CONNECTIONS) first and passes "$@".
parse_run_options() {
	while [ $# -gt 0 ]; do
		case "$1" in
			--reuse) REUSE=1 ;;
			--build) BUILD=1 ;;
			--seconds) SECONDS_PER_RUN=$2; shift ;;
			--connections) CONNECTIONS=$2; shift ;;
			*) echo "unknown option $1" >&2; exit 2 ;;
		esac
		shift
	done
}

# Checks the settings and prepares bench/results; sets STAMP and RESULTS.
bench_setup() {
	if ! [[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]]; then
		echo "CRM_BENCH_DB must be a plain identifier" >&2
		exit 2
	fi
	STAMP=$(date +%Y-%m-%d)
	RESULTS="$ROOT/bench/results"
	mkdir -p "$RESULTS"
}

find_jar() {
	ls crm-web/target/crm-web-*.jar 2>/dev/null | grep -v -e '\.original$' -e 'sources' | head -n 1 || true
}

# Sets JAR, building it when missing, older than any source or migration, or when BUILD=1.
ensure_jar() {
	JAR=$(find_jar)
	if [ -n "$JAR" ] && [ -n "$(find crm-*/src crm-*/pom.xml pom.xml db -newer "$JAR" -type f 2>/dev/null | head -n 1)" ]; then
		echo "== $JAR is older than the sources: rebuilding"
		BUILD=1
	fi
	if [ -z "$JAR" ] || [ "$BUILD" -eq 1 ]; then
		echo "== Building the application jar (./mvnw -q -DskipTests package)"
		# Without the old jars: spring-boot:repackage skips a jar that is already repackaged, and the jar
		# plugin does not rewrite crm-web's own jar when only another module changed.
		rm -f crm-web/target/crm-web-*.jar crm-web/target/crm-web-*.jar.original
		./mvnw -q -DskipTests package
		JAR=$(find_jar)
	fi
	echo "== Jar: $JAR"
}

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# Runs the demo loader against $DB; without REUSE=1 the database is dropped and created first. A reused
# database that lacks activity or consent gets it (the loader fills what is missing). Sets LOAD_INFO.
load_data() {
	LOAD_INFO="data set reused from an earlier load"
	local db_url="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
	if [ "$REUSE" -eq 0 ]; then
		echo "== Recreating database $DB"
		psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
		psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8'"
	elif [ "$(psql_db -At -c "SELECT EXISTS (SELECT 1 FROM interaction) AND EXISTS (SELECT 1 FROM consent_record)" 2>/dev/null || echo f)" = "t" ]; then
		return
	fi
	echo "== Loading the $SCALE demo data set (log: bench/results/load-$STAMP.log)"
	local start end total generator generator_s
	start=$(date +%s.%N)
	# server.port=0: the loading run must not collide with an app already listening on 8080.
	CRM_DB_URL="$db_url" "$JAVA" $JAVA_OPTS -jar "$JAR" --spring.profiles.active=demo --crm.demo.scale="$SCALE" \
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
}

# Starts the application on $PORT against $DB (log in bench/results/app-<name>-$STAMP.log) and waits up to
# $START_TIMEOUT seconds for its health; sets APP_PID and APP_START_S (seconds from launch to healthy).
start_app() {
	local name=$1 start
	# Otherwise the health check below would pass against whatever already listens there.
	if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
		echo "Something already listens on port $PORT; stop it or set CRM_BENCH_PORT" >&2
		exit 1
	fi
	echo "== Starting the application on port $PORT (log: bench/results/app-$name-$STAMP.log)"
	start=$(date +%s.%N)
	CRM_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port="$PORT" \
		>"$RESULTS/app-$name-$STAMP.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 1 "$START_TIMEOUT"); do
		if curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then
			APP_START_S=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
			echo "   healthy after $APP_START_S s"
			return
		fi
		if ! kill -0 "$APP_PID" 2>/dev/null; then
			echo "The application stopped; last lines of its log:" >&2
			tail -n 40 "$RESULTS/app-$name-$STAMP.log" >&2
			exit 1
		fi
		sleep 1
	done
	echo "No health after $START_TIMEOUT s (CRM_BENCH_START_TIMEOUT)" >&2
	exit 1
}

stop_app() {
	if [ -n "${APP_PID:-}" ]; then
		kill "$APP_PID" 2>/dev/null || true
		wait "$APP_PID" 2>/dev/null || true
		APP_PID=
	fi
}

# Prints a new API token of a system user with the given role (default MARKETING), created when missing:
# bench-system for MARKETING (as before), bench-<role> for the others (bench-admin, ...). Every token also
# carries the authority SYSTEM (pull-event ingest). Only the SHA-256 of the token is stored, as the
# application does.
new_token() {
	local role=${1:-MARKETING} token hash user department
	case "$role" in
		MARKETING) user=bench-system department=MARKETING ;;
		MR) user=bench-mr department=SALES ;;
		MEDICAL) user=bench-medical department=MEDICAL ;;
		CALL_CENTER) user=bench-call-center department=CALL_CENTER ;;
		MANAGER) user=bench-manager department=MANAGEMENT ;;
		ADMIN) user=bench-admin department=IT ;;
		*) echo "new_token: unknown role $role" >&2; return 2 ;;
	esac
	token=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
	hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
	psql_db -q -c "INSERT INTO app_user (username, display_name, password_hash, department_code, system_user)
	  VALUES ('$user', 'bench', '{noop}unused-$RANDOM$RANDOM', '$department', true) ON CONFLICT (username) DO NOTHING" \
	  -c "INSERT INTO app_user_role (user_id, role) SELECT id, '$role' FROM app_user WHERE username = '$user' ON CONFLICT DO NOTHING" \
	  -c "INSERT INTO api_token (user_id, name, token_hash, created_at, created_by) SELECT id, 'bench', '$hash', now(), 'bench' FROM app_user WHERE username = '$user'" >/dev/null
	echo "$token"
}
