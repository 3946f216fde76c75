/**
 * What each village reported in each cycle: `stat_reported`, one row per village × cycle with its
 * names, whether each body's results and roster (or statistical table) are in, and the villagers'
 * committee's election date. The completeness view, the overview's progress line and the report's
 * sentence (src/metrics/completeness.ts) read it filtered by cycle and place.
 *
 * Asked from the rows on every change of place or cycle, it was the slow tail of a scope change:
 * every results row and every per-body row of stat_people, grouped per village, 141 ms at the
 * median at a million roster rows (docs/performance.md). None of it depends on the scope, the
 * village register, the 重点村 / 难点村 marks or the village lineage, which the queries still read
 * as they are; it depends only on the results rows and the count tables, so it is a count table
 * itself: built with them for every village or the touched ones (src/db/stats.ts), added with a
 * package's sent counts, saved with them and restored before the rows on a reload
 * (src/store/savedCounts.ts).
 */

/**
 * The table's rows from `results` (the results rows, or a query of them), `people` (stat_people or
 * a part of it) and `places` (stat_places or a part), each a FROM item. A village's names are any
 * of its rows' in the cycle — the results' own spelling or the count tables' — as the queries took
 * them before the table existed.
 */
export function reportedSql(results: string, people: string, places: string): string {
  return `WITH all_rows AS (
       SELECT village_key, cycle_year, county, township, village, village_code, body, 'results' AS src, election_date FROM ${results}
       UNION ALL
       SELECT p.village_key, p.cycle_year, p.county, p.township, p.village, pl.village_code, p.body, 'roster', NULL::DATE
       FROM ${people} p JOIN ${places} pl USING (village_key) WHERE p.role = 'all' AND p.body <> 'all')
     SELECT village_key, cycle_year,
       any_value(county) AS county, any_value(township) AS township, any_value(village_code) AS village_code, any_value(village) AS village,
       bool_or(src = 'results' AND body = 'village_committee') AS vc_results,
       bool_or(src = 'results' AND body = 'party_branch') AS pb_results,
       bool_or(src = 'roster' AND body = 'village_committee') AS vc_roster,
       bool_or(src = 'roster' AND body = 'party_branch') AS pb_roster,
       min(election_date) FILTER (WHERE src = 'results' AND body = 'village_committee') AS election_date
     FROM all_rows GROUP BY village_key, cycle_year`;
}

/**
 * The villages each cycle hands on as expected in the next (`stat_expected_next`, cycle_year is
 * the cycle they reported in): each under its successor in the village lineage (stat_lineage), so
 * that villages merged into one are one expected village and a renamed one is expected under its
 * new name. A split is not followed there: the old village stays expected and the new ones that
 * report are listed apart. The lineage is the villages' as they are today, so a change effective
 * after the cycle looked at is applied too.
 *
 * Made from stat_reported and stat_lineage each time the lineage is (src/db/lineage.ts,
 * refreshLineage: after the count tables are built, added to or restored, and after an edit of
 * the village changes), so a reload derives it rather than saving it. Grouped here once, not on
 * every change of place or cycle: 20 of the progress line's 30 ms over 27,000 villages.
 */
export const EXPECTED_NEXT_SQL = `CREATE OR REPLACE TEMP TABLE stat_expected_next AS
  SELECT v.cycle_year, coalesce(l.lineage_key, v.village_key) AS village_key,
    any_value(coalesce(l.county, v.county)) AS county, any_value(coalesce(l.township, v.township)) AS township,
    any_value(CASE WHEN l.lineage_key IS NULL THEN v.village_code
                   WHEN l.lineage_key LIKE 'code:%' THEN substr(l.lineage_key, 6) END) AS village_code,
    any_value(coalesce(l.village, v.village)) AS village
  FROM stat_reported v LEFT JOIN stat_lineage l ON l.village_key = v.village_key AND l.cycle_year = v.cycle_year
  WHERE v.cycle_year IS NOT NULL
  GROUP BY v.cycle_year, coalesce(l.lineage_key, v.village_key)`;
