#!/usr/bin/env bash
# Next best actions benchmark at Japan scale (issue 16, docs/adr/0033, docs/benchmarks.md "Next best actions"):
#   1. makes sure crm_bench holds the japan data set, loading it when missing (bench/lib.sh; --reuse keeps it),
#   2. picks the prefectures (one or two) whose active HCPs come closest to --territory-size (3,000) and gives them
#      to a territory BENCH_NBA and an MR `mr-nba-3k` (password of the demo users, department SALES), created or
#      reset by SQL,
#   3. before the app starts: empties next_action (derived data) and keeps only that territory's HCPs marked in
#      next_action_stale — the demo generator marks all 340,000, which the refresher (200 HCPs a second at best)
#      would take hours over,
#   4. starts the app and polls `SELECT count(*) FROM next_action_stale` until the background refresher
#      (crm.actions.refresh-interval-ms, 1 s, 200 HCPs per run) has drained it; reports its throughput,
#   5. runs bench/next_actions_bench.py as that MR:
#        - the HCP page `/hcps/{id}` and its panel `/hcps/{id}/next-actions` (computed live) for a typical HCP
#          (the first with exactly 16 interactions, as page-cpu-bench.sh), the heaviest (most interactions), the
#          one with the most open needs, and a rotating sample of the territory's HCPs that have suggestions;
#        - My HCPs `/my-hcps` and its day list `/next-actions/today` (stored rows), with next_action holding only
#          the territory's rows (what the refresher filled),
#   6. unless --no-fill: fills next_action for every other HCP that has a stage or an open need, by copying the
#      territory's rows round-robin (synthetic, but the size production has once every HCP was computed), and
#      measures My HCPs and the day list again; then EXPLAIN (ANALYZE, BUFFERS) of the day list's query and of
#      My HCPs' list query,
#   7. writes bench/results/next-actions-<date>.md.
#
# Usage: bench/next-actions-bench.sh [--reuse] [--build] [--requests N] [--warmup N] [--territory-size N]
#                                    [--sample N] [--no-fill] [--drain-timeout S]
# Environment as for the other benchmarks (CRM_BENCH_DB, CRM_BENCH_PORT, CRM_BENCH_SCALE, PG*, JAVA, JAVA_OPTS,
# CRM_BENCH_START_TIMEOUT).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REQUESTS=300
WARMUP=50
REUSE=0
BUILD=0
TERRITORY_SIZE=3000
SAMPLE=100
FILL=1
DRAIN_TIMEOUT=3600
while [ $# -gt 0 ]; do
	case "$1" in
		--reuse) REUSE=1 ;;
		--build) BUILD=1 ;;
		--requests) REQUESTS=$2; shift ;;
		--warmup) WARMUP=$2; shift ;;
		--territory-size) TERRITORY_SIZE=$2; shift ;;
		--sample) SAMPLE=$2; shift ;;
		--no-fill) FILL=0 ;;
		--drain-timeout) DRAIN_TIMEOUT=$2; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

bench_setup
ensure_jar
load_data

MR=mr-nba-3k
COUNTS=$(psql_db -At -F ' / ' -c "SELECT (SELECT count(*) FROM hcp), (SELECT count(*) FROM interaction),
	(SELECT count(*) FROM information_need), (SELECT count(*) FROM hcp_stage)")
echo "   rows hcp / interaction / information_need / hcp_stage: $COUNTS"

# The prefectures (one or two) whose active HCPs (by primary institution, as My HCPs counts them) come closest to
# the territory size.
PREFS=$(psql_db -At -F ' ' -c "WITH c AS (SELECT o.prefecture_code AS p, count(*) AS n FROM hcp h
	JOIN hco o ON o.id = h.primary_hco_id WHERE h.status = 'ACTIVE' GROUP BY o.prefecture_code),
	s AS (SELECT ARRAY[a.p] AS ps, a.n FROM c a UNION ALL SELECT ARRAY[a.p, b.p], a.n + b.n FROM c a JOIN c b ON a.p < b.p)
	SELECT array_to_string(ps, ','), n FROM s ORDER BY abs(n - $TERRITORY_SIZE), ps LIMIT 1")
PREF_CODES=${PREFS% *}
PREF_HCPS=${PREFS#* }
PREF_NAMES=$(psql_db -At -c "SELECT string_agg(name_en || ' ' || name_ja, ', ' ORDER BY code) FROM prefecture
	WHERE code IN ($PREF_CODES)" 2>/dev/null || echo "$PREF_CODES")
echo "== Territory BENCH_NBA: prefectures $PREF_CODES ($PREF_NAMES), $PREF_HCPS active HCPs; MR $MR"
psql_db -q <<SQL
INSERT INTO territory (code, name_ja, name_en) VALUES ('BENCH_NBA', 'ベンチマーク（次のアクション）', 'Benchmark (next actions)')
	ON CONFLICT (code) DO NOTHING;
DELETE FROM territory_prefecture WHERE territory_id = (SELECT id FROM territory WHERE code = 'BENCH_NBA');
INSERT INTO territory_prefecture (territory_id, prefecture_code)
	SELECT t.id, p FROM territory t, unnest(ARRAY[$PREF_CODES]::smallint[]) p WHERE t.code = 'BENCH_NBA';
INSERT INTO app_user (username, display_name, password_hash, department_code)
	SELECT '$MR', 'ベンチ MR', password_hash, 'SALES' FROM app_user WHERE username = 'mr01'
	ON CONFLICT (username) DO NOTHING;
INSERT INTO app_user_role (user_id, role) SELECT id, 'MR' FROM app_user WHERE username = '$MR' ON CONFLICT DO NOTHING;
DELETE FROM app_user_territory WHERE user_id = (SELECT id FROM app_user WHERE username = '$MR');
INSERT INTO app_user_territory (user_id, territory_id)
	SELECT u.id, t.id FROM app_user u, territory t WHERE u.username = '$MR' AND t.code = 'BENCH_NBA';
SQL
TERRITORY_HCPS="SELECT h.id FROM hcp h JOIN hco o ON o.id = h.primary_hco_id
	WHERE o.prefecture_code IN ($PREF_CODES) AND h.status <> 'MERGED' AND h.erased_at IS NULL"

echo "== Stored suggestions: emptying next_action, keeping only the territory's HCPs stale"
STALE_BEFORE=$(psql_db -At -c "SELECT count(*) FROM next_action_stale")
psql_db -q -c "TRUNCATE next_action" -c "DELETE FROM next_action_stale" \
	-c "INSERT INTO next_action_stale (hcp_id, since) SELECT id, now() FROM ($TERRITORY_HCPS) t" \
	-c "VACUUM (ANALYZE) next_action, next_action_stale"
STALE=$(psql_db -At -c "SELECT count(*) FROM next_action_stale")
echo "   marks before: $STALE_BEFORE; kept (the territory's HCPs): $STALE"

trap stop_app EXIT
start_app next-actions
APP_INFO="app healthy ${APP_START_S} s after launch; JVM options: ${JAVA_OPTS:-none}"

echo "== Waiting for the refresher to drain next_action_stale (polling every second, up to $DRAIN_TIMEOUT s)"
POLL_START=$(date +%s.%N)
FIRST_COUNT=$(psql_db -At -c "SELECT count(*) FROM next_action_stale")
LOADS=()
DRAINED=0
for i in $(seq 1 "$DRAIN_TIMEOUT"); do
	sleep 1
	LEFT=$(psql_db -At -c "SELECT count(*) FROM next_action_stale")
	LOADS+=("$(cut -d' ' -f1 /proc/loadavg)")
	if [ $((i % 10)) -eq 0 ]; then
		echo "   ${i} s: $LEFT left (load average $(cut -d' ' -f1-3 /proc/loadavg))"
	fi
	if [ "$LEFT" = "0" ]; then
		DRAINED=1
		break
	fi
done
POLL_END=$(date +%s.%N)
DRAIN_S=$(awk -v s="$POLL_START" -v e="$POLL_END" 'BEGIN { printf "%.1f", e - s }')
LEFT=$(psql_db -At -c "SELECT count(*) FROM next_action_stale")
DONE=$((FIRST_COUNT - LEFT))
RATE=$(awk -v n="$DONE" -v s="$DRAIN_S" 'BEGIN { printf "%.0f", (s > 0) ? n / s : 0 }')
# The same from the rows themselves: HCPs with stored rows and the spread of their computed_at.
STORED=$(psql_db -At -F ' ' -c "SELECT count(DISTINCT hcp_id), count(*),
	round(extract(epoch FROM max(computed_at) - min(computed_at))::numeric, 1) FROM next_action")
read -r STORED_HCPS STORED_ROWS STORED_SPAN <<<"$STORED"
LOAD_RANGE=$( (printf '%s\n' "${LOADS[@]:-?}") | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }')
if [ "$DRAINED" -eq 1 ]; then
	REFRESH_INFO="Refresher: $FIRST_COUNT stale HCPs at the first poll (${STALE} marked) drained in ${DRAIN_S} s: about ${RATE} HCPs/s (load average ${LOAD_RANGE} while it ran); next_action then held ${STORED_ROWS} rows for ${STORED_HCPS} HCPs (the others have no stage and no open need), computed_at spread over ${STORED_SPAN} s"
else
	REFRESH_INFO="Refresher: NOT drained within $DRAIN_TIMEOUT s: $DONE of $FIRST_COUNT refreshed in ${DRAIN_S} s (about ${RATE} HCPs/s, load average ${LOAD_RANGE})"
fi
echo "   $REFRESH_INFO"

echo "== Choosing the HCPs"
TYPICAL=$(psql_db -At -c "SELECT hcp_id FROM interaction GROUP BY hcp_id HAVING count(*) = 16 ORDER BY hcp_id LIMIT 1")
HEAVY=$(psql_db -At -c "SELECT hcp_id FROM interaction GROUP BY hcp_id ORDER BY count(*) DESC, hcp_id LIMIT 1")
NEEDY=$(psql_db -At -c "SELECT hcp_id FROM information_need WHERE status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS')
	AND therapeutic_area_id IS NOT NULL GROUP BY hcp_id ORDER BY count(*) DESC, hcp_id LIMIT 1")
SAMPLE_IDS=$(psql_db -At -c "SELECT string_agg(hcp_id::text, ',') FROM (SELECT DISTINCT hcp_id FROM next_action
	ORDER BY hcp_id LIMIT $SAMPLE) s")
describe() {
	psql_db -At -F ' ' -c "SELECT (SELECT count(*) FROM interaction WHERE hcp_id = $1),
		(SELECT count(*) FROM interaction WHERE hcp_id = $1 AND occurred_at >= now() - interval '90 days'),
		(SELECT count(*) FROM information_need WHERE hcp_id = $1 AND status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS')),
		(SELECT count(*) FROM hcp_stage WHERE hcp_id = $1)" |
		awk -v id="$1" '{ printf "HCP %s: %s interactions (%s in the last 90 days), %s open needs, stages in %s areas", id, $1, $2, $3, $4 }'
}
HCP_INFO=("typical: $(describe "$TYPICAL")" "heaviest: $(describe "$HEAVY")" "most open needs: $(describe "$NEEDY")"
	"territory sample: the first $SAMPLE territory HCPs (by id) that have stored suggestions, in turn")
printf '   %s\n' "${HCP_INFO[@]}"

OUT="$RESULTS/next-actions-$STAMP.md"
PG_INFO="PostgreSQL: $(psql_db -At -c 'SHOW server_version'), shared_buffers $(psql_db -At -c 'SHOW shared_buffers'), work_mem $(psql_db -At -c 'SHOW work_mem'); JVM: $("$JAVA" -version 2>&1 | head -n 1)"
STATUS=0
echo "== HCP page + panel ($REQUESTS rounds per case after $WARMUP)"
HCP_ARGS=()
for line in "${HCP_INFO[@]}"; do HCP_ARGS+=(--info "$line"); done
python3 bench/next_actions_bench.py --base "http://127.0.0.1:$PORT" --user "$MR" --mode hcp \
	--hcp "typical=$TYPICAL" --hcp "heaviest=$HEAVY" --hcp "most open needs=$NEEDY" --hcp "territory sample=$SAMPLE_IDS" \
	--requests "$REQUESTS" --warmup "$WARMUP" --out "$OUT" --title "HCP page and its next-actions panel (computed live)" \
	--info "Data set: $SCALE scale, seed 42; rows hcp / interaction / information_need / hcp_stage: $COUNTS" \
	--info "$LOAD_INFO" --info "$APP_INFO" --info "$PG_INFO" \
	--info "Territory BENCH_NBA: prefectures $PREF_CODES ($PREF_NAMES), $PREF_HCPS active HCPs; MR \`$MR\` (SALES)" \
	--info "$REFRESH_INFO" \
	"${HCP_ARGS[@]}" || STATUS=$?

DAY_ROWS=$(psql_db -At -c "SELECT count(*) FROM next_action")
echo "== My HCPs + day list, next_action holding the territory's rows only ($DAY_ROWS rows)"
python3 bench/next_actions_bench.py --base "http://127.0.0.1:$PORT" --user "$MR" --mode day --append \
	--requests "$REQUESTS" --warmup "$WARMUP" --out "$OUT" \
	--title "My HCPs and its day list, next_action holding the territory's rows only" \
	--info "next_action: $DAY_ROWS rows ($STORED_HCPS HCPs), all of the territory (as the refresher filled them)" || STATUS=$?

# The day list's query as NextActions.today runs it (DAY_LIST 10 lines, four candidates per line: LIMIT 40): the MR's
# with the territory's prefectures, and medical affairs' nationwide (no territory filter).
DAY_SELECT="SELECT a.hcp_id, h.name_kanji, a.therapeutic_area_id, a.kind, a.due_on, a.department, a.content_version_id,
 v.title, a.need_id, a.score, a.reasons, a.policy_version FROM next_action a JOIN hcp h ON h.id = a.hcp_id
 LEFT JOIN hco o ON o.id = h.primary_hco_id LEFT JOIN content_version v ON v.id = a.content_version_id
 WHERE a.kind <> 'NO_CONTACT' AND a.due_on <= (now() AT TIME ZONE 'Asia/Tokyo')::date AND h.status = 'ACTIVE'
 AND (a.content_version_id IS NULL OR (v.status = 'APPROVED' AND v.expires_on >= (now() AT TIME ZONE 'Asia/Tokyo')::date))"
# The MR's (V34): the territory's rows by the prefecture kept with them, best first, then the HCP's institution checked.
TODAY_SQL="SELECT a.hcp_id, h.name_kanji, a.therapeutic_area_id, a.kind, a.due_on, a.department, a.content_version_id,
 a.title, a.need_id, a.score, a.reasons, a.policy_version FROM (SELECT a.*, v.title FROM next_action a
 LEFT JOIN content_version v ON v.id = a.content_version_id WHERE a.department = 'SALES'
 AND a.prefecture_code = ANY (ARRAY[$PREF_CODES]) AND a.kind <> 'NO_CONTACT' AND a.due_on <= (now() AT TIME ZONE 'Asia/Tokyo')::date
 AND (a.content_version_id IS NULL OR (v.status = 'APPROVED' AND v.expires_on >= (now() AT TIME ZONE 'Asia/Tokyo')::date))
 ORDER BY a.score DESC, a.hcp_id, a.rank LIMIT 40) a JOIN hcp h ON h.id = a.hcp_id JOIN hco o ON o.id = h.primary_hco_id
 WHERE h.status = 'ACTIVE' AND o.prefecture_code = ANY (ARRAY[$PREF_CODES]) ORDER BY a.score DESC, a.hcp_id, a.rank"
MEDICAL_TODAY_SQL="$DAY_SELECT AND a.department = 'MEDICAL' ORDER BY a.score DESC, a.hcp_id, a.rank LIMIT 40"
MYHCPS_FROM=" FROM hcp h JOIN hco o ON o.id = h.primary_hco_id WHERE h.status = 'ACTIVE' AND o.prefecture_code IN
 (SELECT tp.prefecture_code FROM app_user u JOIN app_user_territory ut ON ut.user_id = u.id
  JOIN territory_prefecture tp ON tp.territory_id = ut.territory_id WHERE u.username = '$MR')"
MYHCPS_SQL="SELECT h.id, h.name_kanji, h.name_kana, o.name, o.prefecture_code,
 (SELECT count(*) FROM information_need n WHERE n.hcp_id = h.id AND n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS')) AS open_needs,
 (SELECT max(i.occurred_at) FROM interaction i WHERE i.hcp_id = h.id) AS last_contact $MYHCPS_FROM
 ORDER BY open_needs DESC, last_contact ASC NULLS FIRST, h.kana_key, h.id LIMIT 25 OFFSET 0"
explain() {
	{
		echo
		echo "### EXPLAIN (ANALYZE, BUFFERS): $1"
		echo
		echo '```'
		psql_db -At -c "EXPLAIN (ANALYZE, BUFFERS) $2" >/dev/null # once to warm the cache
		psql_db -At -c "EXPLAIN (ANALYZE, BUFFERS) $2"
		echo '```'
	} >>"$OUT"
}
explain "the day list's query (NextActions.today), next_action with the territory's rows only" "$TODAY_SQL"

if [ "$FILL" -eq 1 ]; then
	echo "== Filling next_action for every other HCP with a stage or an open need (copies of the territory's rows)"
	FILL_START=$(date +%s.%N)
	psql_db -q <<SQL
WITH tmpl AS (SELECT hcp_id, row_number() OVER (ORDER BY hcp_id) - 1 AS n FROM (SELECT DISTINCT hcp_id FROM next_action) d),
k AS (SELECT count(*) AS c FROM tmpl),
other AS (SELECT h.id, row_number() OVER (ORDER BY h.id) - 1 AS n,
	(SELECT hc.prefecture_code FROM hco hc WHERE hc.id = h.primary_hco_id) AS prefecture_code FROM hcp h
	WHERE h.status <> 'MERGED' AND h.erased_at IS NULL AND h.id NOT IN ($TERRITORY_HCPS)
	  AND (EXISTS (SELECT 1 FROM hcp_stage s WHERE s.hcp_id = h.id)
	   OR EXISTS (SELECT 1 FROM information_need n WHERE n.hcp_id = h.id AND n.therapeutic_area_id IS NOT NULL
	              AND n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS'))))
INSERT INTO next_action (hcp_id, therapeutic_area_id, rank, kind, due_on, department, content_version_id, need_id, score,
	reasons, policy_version, computed_at, prefecture_code)
SELECT o.id, a.therapeutic_area_id, a.rank, a.kind, a.due_on, a.department, a.content_version_id, NULL, a.score, a.reasons,
	a.policy_version, a.computed_at, o.prefecture_code
FROM other o JOIN tmpl t ON t.n = o.n % (SELECT c FROM k) JOIN next_action a ON a.hcp_id = t.hcp_id;
VACUUM (ANALYZE) next_action;
SQL
	FILL_S=$(awk -v s="$FILL_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
	FULL=$(psql_db -At -F ' ' -c "SELECT count(*), count(DISTINCT hcp_id), pg_size_pretty(pg_total_relation_size('next_action'))
		FROM next_action")
	read -r FULL_ROWS FULL_HCPS FULL_SIZE FULL_UNIT <<<"$FULL"
	echo "   $FULL_ROWS rows for $FULL_HCPS HCPs ($FULL_SIZE $FULL_UNIT with indexes) in $FILL_S s"
	python3 bench/next_actions_bench.py --base "http://127.0.0.1:$PORT" --user "$MR" --mode day --append \
		--requests "$REQUESTS" --warmup "$WARMUP" --out "$OUT" \
		--title "My HCPs and its day list, next_action filled for every HCP with a stage or an open need" \
		--info "next_action: $FULL_ROWS rows for $FULL_HCPS HCPs ($FULL_SIZE $FULL_UNIT with indexes): the territory's rows as computed, the other HCPs' rows copied from them round-robin by SQL (need_id left empty) in $FILL_S s — the table's size once the refresher has computed every HCP" \
		|| STATUS=$?
	explain "the day list's query (NextActions.today), next_action filled for every HCP" "$TODAY_SQL"
	explain "medical affairs' day list, nationwide (NextActions.today for MEDICAL), next_action filled for every HCP" \
		"$MEDICAL_TODAY_SQL"
	psql_db -At -F ' ' -c "SELECT department, count(*) FROM next_action GROUP BY 1 ORDER BY 1" |
		awk 'BEGIN { printf "\nnext_action rows per department:" } { printf " %s %s;", $1, $2 } END { print "" }' >>"$OUT"
fi
explain "My HCPs' list (MyHcpsQueries.forUser, first page)" "$MYHCPS_SQL"
explain "My HCPs' count (MyHcpsQueries.forUser)" "SELECT count(*) FROM (SELECT 1 $MYHCPS_FROM LIMIT 1001) c"
echo "Wrote $OUT"
exit $STATUS
