#!/usr/bin/env bash
# Segment counts at Japan scale (issue 16, docs/adr/0034, docs/benchmarks.md "Segments"): times the count statement
# that Segments.where builds for three typical criteria sets, straight in PostgreSQL against the japan data set
# (crm_bench, loaded by bench/lib.sh load_data or another bench script). The statements below are the ones the
# application sends (the same joins and EXISTS per criterion); each runs --runs times after one warm-up, and the
# script prints every timing and the median. Needs the segment migrations (V29, V30, R__patient_lifetime.sql) only
# for the patient-months criterion: the view is created here when missing.
#
# Usage: bench/segments-bench.sh [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
RUNS=5
while [ $# -gt 0 ]; do
	case "$1" in
		--runs) RUNS=$2; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
bench_setup
OUT="$RESULTS/segments-$STAMP.md"

if [ "$(psql_db -tA -c "SELECT to_regclass('hcp_patient_lifetime') IS NOT NULL")" != "t" ]; then
	sed "s/\${crm_app}/$(psql_db -tA -c 'SELECT current_user')/g" "$ROOT/db/migration/R__patient_lifetime.sql" | psql_db >/dev/null
fi
AREA=$(psql_db -tA -c "SELECT id FROM therapeutic_area WHERE code = 'ONCOLOGY'")
NOW="now()"
CONSENT_EMAIL="coalesce((SELECT r.state = 'GRANTED' AND (r.expires_at IS NULL OR r.expires_at > $NOW) FROM consent_record r WHERE r.hcp_id = h.id AND r.channel = 'EMAIL' AND r.purpose = 'PROMOTIONAL' AND r.captured_at <= $NOW ORDER BY r.captured_at DESC, r.id DESC LIMIT 1), (SELECT cr.mode = 'OPT_OUT' FROM consent_rule cr WHERE cr.channel = 'EMAIL' AND cr.purpose = 'PROMOTIONAL'), false)"
declare -A CASES
CASES[a_everyone_with_email_consent]="h.status = 'ACTIVE' AND $CONSENT_EMAIL"
CASES[b_oncology_aware_interested_email_no_contact_30d]="h.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM hcp_stage s WHERE s.hcp_id = h.id AND s.therapeutic_area_id = $AREA AND s.stage IN ('AWARE', 'INTERESTED')) AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.hcp_id = h.id AND i.occurred_at >= now() - interval '30 days') AND $CONSENT_EMAIL"
CASES[c_oncology_kanto_dosing_need_12_patient_months]="h.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM hcp_stage s WHERE s.hcp_id = h.id AND s.therapeutic_area_id = $AREA) AND (false OR o.prefecture_code IN (SELECT p.code FROM prefecture p WHERE p.region_code IN ('KANTO'))) AND EXISTS (SELECT 1 FROM information_need n WHERE n.hcp_id = h.id AND n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS') AND n.category IN ('DOSING') AND n.therapeutic_area_id = $AREA) AND EXISTS (SELECT 1 FROM hcp_patient_lifetime l WHERE l.hcp_id = h.id AND l.ta_id = $AREA AND l.patient_months >= 12)"

{
	echo "# Segment counts at japan scale ($STAMP)"
	echo
	echo "Command: \`bench/segments-bench.sh --runs $RUNS\` against \`$DB\` ($(psql_db -tA -c "SELECT count(*) FROM hcp") HCPs,"
	echo "$(psql_db -tA -c "SELECT count(*) FROM interaction") interactions). Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "| criteria | members | runs (ms) | median (ms) |"
	echo "|---|---|---|---|"
} > "$OUT"
for name in $(printf '%s\n' "${!CASES[@]}" | sort); do
	sql="SELECT count(*) FROM hcp h LEFT JOIN hco o ON o.id = h.primary_hco_id WHERE ${CASES[$name]}"
	psql_db -tA -c "$sql" >/dev/null
	times=()
	members=0
	for _ in $(seq 1 "$RUNS"); do
		start=$(date +%s%N)
		members=$(psql_db -tA -c "$sql")
		end=$(date +%s%N)
		times+=($(( (end - start) / 1000000 )))
	done
	median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	echo "| $name | $members | ${times[*]} | $median |" >> "$OUT"
done
echo >> "$OUT"
echo "Each timing includes psql's start and connection (about 10–20 ms)." >> "$OUT"
cat "$OUT"
