#!/bin/sh
# Starts the CRM from an extracted jar with an AppCDS archive (docs/adr/0026, docs/benchmarks.md "Start-up"):
# class data sharing maps the classes of the last training run instead of loading, verifying and parsing them
# again, which cuts the JVM's start-up CPU by about 40 %.
#
#   deploy/start.sh [app arguments...]
#
# CRM_HOME     the extracted application (java -Djarmode=tools -jar crm.jar extract --destination DIR):
#              DIR/crm.jar and DIR/lib/; default /app
# CRM_CDS      the archive; default $CRM_HOME/cds/crm.jsa. "off" starts without one.
# JAVA_OPTS    further JVM options (e.g. -Xmx512m)
#
# Without an archive (the first start of a new image) it runs one training start first: the application starts
# against its real database (Flyway included) and exits once its context is ready (-Dspring.context.exit=onRefresh,
# before any scheduled job or demo loader runs), and the JVM writes the classes it loaded into the archive. A
# training run that fails leaves no archive; the application then starts without one, as it would anyway.
# An archive that no longer matches the jars is ignored by the JVM (it starts, only slower).
set -eu

CRM_HOME=${CRM_HOME:-/app}
CRM_CDS=${CRM_CDS:-$CRM_HOME/cds/crm.jsa}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
JAR="$CRM_HOME/crm.jar"

if [ "$CRM_CDS" = "off" ]; then
	# shellcheck disable=SC2086
	exec "$JAVA" $JAVA_OPTS -jar "$JAR" "$@"
fi

if [ ! -f "$CRM_CDS" ]; then
	mkdir -p "$(dirname "$CRM_CDS")"
	echo "deploy/start.sh: no class data archive at $CRM_CDS; one training start first" >&2
	# shellcheck disable=SC2086
	if ! "$JAVA" -XX:ArchiveClassesAtExit="$CRM_CDS.tmp" -Dspring.context.exit=onRefresh $JAVA_OPTS -jar "$JAR" "$@" \
		>"$CRM_CDS.training.log" 2>&1; then
		echo "deploy/start.sh: the training start failed (see $CRM_CDS.training.log); starting without an archive" >&2
		rm -f "$CRM_CDS.tmp"
	elif [ -f "$CRM_CDS.tmp" ]; then
		mv "$CRM_CDS.tmp" "$CRM_CDS"
	fi
fi

if [ -f "$CRM_CDS" ]; then
	# shellcheck disable=SC2086
	exec "$JAVA" -XX:SharedArchiveFile="$CRM_CDS" $JAVA_OPTS -jar "$JAR" "$@"
fi
# shellcheck disable=SC2086
exec "$JAVA" $JAVA_OPTS -jar "$JAR" "$@"
