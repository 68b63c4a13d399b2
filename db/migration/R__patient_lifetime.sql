-- Patient lifetime value per HCP (issue 16, docs/adr/0035-patient-lifetime-value.md): the patients an HCP reported
-- treating, month by month and cumulative, per therapeutic area. Counts only, never a patient; no revenue.
--
-- One figure per HCP, area and month:
--   1. Each key (HCP, month, area, product or none) counts with its latest report (reported_at, then id): a second
--      report of the same key corrects the first, as in rollup_patient_source (R__dashboard_rollups.sql).
--   2. When the HCP reported the area as a whole for the month (a report without a product), that report is the
--      area's figure and the month's product reports are not added to it: an area report already counts the
--      patients of every product of the area, and a patient on two products would otherwise count twice.
--   3. Without an area report, the area's figure is the sum of the month's product reports of that area.
-- A figure the reports left out (eligible only, or treated only) stays null in the month and counts as 0 in sums.

CREATE OR REPLACE VIEW hcp_patient_month AS
SELECT latest.hcp_id, latest.ta_id, latest.period,
       CASE WHEN bool_or(latest.product_id IS NULL)
            THEN max(latest.eligible_patients) FILTER (WHERE latest.product_id IS NULL)
            ELSE sum(latest.eligible_patients) END::bigint AS eligible,
       CASE WHEN bool_or(latest.product_id IS NULL)
            THEN max(latest.treated_patients) FILTER (WHERE latest.product_id IS NULL)
            ELSE sum(latest.treated_patients) END::bigint AS treated,
       bool_or(latest.product_id IS NULL) AS area_report,
       count(*) FILTER (WHERE latest.product_id IS NOT NULL)::bigint AS product_reports
FROM (SELECT DISTINCT ON (c.hcp_id, c.period, coalesce(c.therapeutic_area_id, p.therapeutic_area_id), coalesce(c.product_id, 0))
             c.hcp_id, c.period, coalesce(c.therapeutic_area_id, p.therapeutic_area_id) AS ta_id, c.product_id,
             c.eligible_patients, c.treated_patients
      FROM patient_count c LEFT JOIN product p ON p.id = c.product_id
      ORDER BY c.hcp_id, c.period, coalesce(c.therapeutic_area_id, p.therapeutic_area_id), coalesce(c.product_id, 0),
               c.reported_at DESC, c.id DESC) AS latest
GROUP BY latest.hcp_id, latest.ta_id, latest.period;

-- The lifetime per HCP and area. Segment criteria read it (patient_months is the cumulative figure):
--   EXISTS (SELECT 1 FROM hcp_patient_lifetime l WHERE l.hcp_id = h.id AND l.ta_id = ? AND l.patient_months >= ?)
-- Keep these columns and their types: hcp_id bigint, ta_id bigint, patient_months bigint, months_reported bigint,
-- first_period date, last_period date, last_treated bigint (treated in the latest month reported; null when that
-- month's reports gave eligible patients only).
CREATE OR REPLACE VIEW hcp_patient_lifetime AS
SELECT m.hcp_id, m.ta_id,
       coalesce(sum(m.treated), 0)::bigint AS patient_months,
       count(*)::bigint AS months_reported,
       min(m.period) AS first_period,
       max(m.period) AS last_period,
       (array_agg(m.treated ORDER BY m.period DESC))[1]::bigint AS last_treated
FROM hcp_patient_month m
GROUP BY m.hcp_id, m.ta_id;

-- R__grants.sql runs before this file in a fresh database (repeatable migrations run by name), so the views get
-- their grant here as well; later runs of R__grants.sql keep it (SELECT on all tables and views).
GRANT SELECT ON hcp_patient_month, hcp_patient_lifetime TO ${crm_app};
