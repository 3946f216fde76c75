/**
 * Completeness of a cycle (docs/domain.md, "Completeness"): which villages are expected to report,
 * which have, and since when. A village is expected when the office's village register lists it for
 * the cycle; without a register, when it reported in the previous cycle of the data (adjusted by
 * the village lineage, see PREVIOUS_VILLAGES); in the first cycle of the data, the cycle's own
 * villages stand in. A village has **completed** (完成换届) when its villagers' committee's
 * results are in; its completion date is that election's 选举日期.
 */
import { sqlNumber, sqlString } from '../db/sqlLiteral';
import type { Db } from '../db/types';
import { roundHalfAway } from './round';

/** Where the expected villages come from, said in the view. */
export type ExpectationSource = 'register' | 'previous_cycle' | 'this_cycle';

export interface CompletenessFilter {
  cycle: number;
  county?: string | null;
  township?: string | null;
}

/** One expected village and what it has reported in the cycle. */
export interface CompletenessVillage {
  /** The expected village's key (the register's, or the data's). */
  village_key: string;
  county: string | null;
  township: string | null;
  village: string;
  village_code: string | null;
  vc_results: boolean;
  pb_results: boolean;
  vc_roster: boolean;
  pb_roster: boolean;
  /** 选举日期 of the villagers' committee, "YYYY-MM-DD". */
  election_date: string | null;
  is_key: boolean;
  is_difficult: boolean;
}

export interface CompletenessTownship {
  county: string | null;
  township: string | null;
  expected: number;
  vc_results: number;
  pb_results: number;
  vc_roster: number;
  pb_roster: number;
  key_expected: number;
  key_done: number;
  difficult_expected: number;
  difficult_done: number;
  /** Expected villages without villagers' committee results, by name. */
  missing: string[];
  /** Villages with villagers' committee results that the expectation does not list (a new or renamed village). */
  unlisted: string[];
}

const n = (v: unknown) => Number(v ?? 0);
/** A LIST of names as the engine's rows hold it (an Arrow vector). */
const names = (v: unknown): string[] => (v === null || v === undefined ? [] : Array.from(v as Iterable<string>));

/**
 * ▼ LINEAGE HOOK (issue 28) — the previous cycle's villages expected in this one, each as its
 * successor in the village lineage: stat_expected_next (src/db/reported.ts), made with stat_lineage.
 */
const PREVIOUS_VILLAGES = (cycle: string) => `
  prev_year AS (SELECT max(cycle_year) AS y FROM stat_reported WHERE cycle_year < ${cycle}),
  prev_villages AS (
    SELECT village_key, county, township, village_code, village FROM stat_expected_next WHERE cycle_year = (SELECT y FROM prev_year)
  )`;

/** What a village reported in the cycle, as stat_reported has it. */
const REPORTED = ['vc_results', 'pb_results', 'vc_roster', 'pb_roster', 'election_date'] as const;
const reported = (alias: string) => REPORTED.map((c) => `${alias}.${c}`).join(', ');

/**
 * The CTEs every completeness query starts from: `villages` (one row per expected village, with
 * what it reported), `facts` (every village with data in the cycle) and `source`.
 *
 * What each village reported in each cycle is the count table stat_reported (src/db/reported.ts),
 * made with the other count tables: the cycle's and the previous cycle's villages are a few
 * thousand of its rows, not every results and roster row grouped here on every change of place or
 * cycle (141 ms at a million roster rows). Every join below is on equal values, so the engine
 * hashes it: a condition on one side only, or an OR across both, in a LEFT JOIN's ON made it
 * compare every expected village with every village of the cycle (3 s over 27,000 villages).
 */
function completenessCtes(f: CompletenessFilter): string {
  const cycle = sqlNumber(f.cycle);
  const place = [f.county ? `county = ${sqlString(f.county)}` : null, f.township ? `township = ${sqlString(f.township)}` : null].filter(
    (x) => x !== null,
  );
  const where = place.length ? `WHERE ${place.join(' AND ')}` : '';
  return `WITH
  facts AS (
    SELECT village_key, county, township, village_code, village, ${REPORTED.join(', ')} FROM stat_reported WHERE cycle_year = ${cycle}
  ),
  reg AS (SELECT village_key, county, township, village_code, village FROM village_register WHERE cycle_year = ${cycle}),
  ${PREVIOUS_VILLAGES(cycle)},
  source AS (
    SELECT CASE WHEN EXISTS (SELECT 1 FROM reg) THEN 'register'
                WHEN EXISTS (SELECT 1 FROM stat_expected_next WHERE cycle_year = (SELECT y FROM prev_year)) THEN 'previous_cycle'
                ELSE 'this_cycle' END AS source
  ),
  expected_all AS (
    SELECT * FROM reg
    UNION ALL SELECT * FROM prev_villages WHERE (SELECT source FROM source) = 'previous_cycle'
    UNION ALL SELECT village_key, county, township, village_code, village FROM facts WHERE (SELECT source FROM source) = 'this_cycle'
  ),
  expected AS (SELECT * FROM expected_all ${where}),
  -- A register row meets the data by its key, or, when it meets none that way and one of the two
  -- has no code, by its names.
  by_key AS (
    SELECT e.*, row_number() OVER () AS eid, f.village_key AS data_key, ${reported('f')}
    FROM expected e LEFT JOIN facts f ON f.village_key = e.village_key
  ),
  by_name AS (
    SELECT k.eid, f.village_key AS data_key, ${reported('f')}
    FROM by_key k JOIN facts f ON f.township IS NOT DISTINCT FROM k.township AND f.village = k.village
    WHERE k.data_key IS NULL AND (k.county IS NULL OR f.county IS NULL OR k.county = f.county)
      AND (k.village_code IS NULL OR f.village_code IS NULL)
  ),
  matched AS (
    SELECT k.village_key, k.county, k.township, k.village_code, k.village, coalesce(k.data_key, n.data_key) AS data_key,
      ${REPORTED.map((c) => `coalesce(k.${c}, n.${c}${c === 'election_date' ? '' : ', false'}) AS ${c}`).join(', ')}
    FROM by_key k LEFT JOIN by_name n ON n.eid = k.eid
  ),
  marks AS (
    SELECT village_key, bool_or(mark = 'key') AS is_key, bool_or(mark = 'difficult') AS is_difficult
    FROM village_marks GROUP BY village_key
  ),
  villages AS (
    SELECT m.village_key, any_value(m.county) AS county, any_value(m.township) AS township, any_value(m.village) AS village,
      any_value(m.village_code) AS village_code,
      bool_or(m.vc_results) AS vc_results, bool_or(m.pb_results) AS pb_results,
      bool_or(m.vc_roster) AS vc_roster, bool_or(m.pb_roster) AS pb_roster,
      min(m.election_date) AS election_date,
      coalesce(bool_or(k1.is_key), false) OR coalesce(bool_or(k2.is_key), false) AS is_key,
      coalesce(bool_or(k1.is_difficult), false) OR coalesce(bool_or(k2.is_difficult), false) AS is_difficult,
      list(m.data_key) FILTER (WHERE m.data_key IS NOT NULL) AS data_keys
    FROM matched m
    LEFT JOIN marks k1 ON k1.village_key = m.village_key
    LEFT JOIN marks k2 ON k2.village_key = CASE WHEN m.data_key <> m.village_key THEN m.data_key END
    GROUP BY m.village_key
  ),
  unlisted AS (
    SELECT f.* FROM facts f
    WHERE f.vc_results AND f.village_key NOT IN (SELECT unnest(data_keys) FROM villages)
    ${place.length ? `AND ${place.map((p) => `f.${p}`).join(' AND ')}` : ''}
  )`;
}

/** Where the cycle's expected villages come from, and the previous cycle of the data (null for none). */
export async function expectationSource(db: Db, cycle: number): Promise<{ source: ExpectationSource; previousCycle: number | null }> {
  const [r] = await db.query<{ source: ExpectationSource; prev: number | null }>(
    `${completenessCtes({ cycle })} SELECT source, (SELECT y FROM prev_year) AS prev FROM source`,
  );
  return { source: r?.source ?? 'this_cycle', previousCycle: r?.prev ?? null };
}

/** Every expected village of the cycle (and place) with what it has reported, by township and name. */
export async function completenessVillages(db: Db, f: CompletenessFilter): Promise<CompletenessVillage[]> {
  const rows = await db.query(
    `${completenessCtes(f)}
     SELECT village_key, county, township, village, village_code, vc_results, pb_results, vc_roster, pb_roster,
       strftime(election_date, '%Y-%m-%d') AS election_date, is_key, is_difficult
     FROM villages ORDER BY county NULLS FIRST, township NULLS FIRST, village, village_key`,
  );
  return rows as unknown as CompletenessVillage[];
}

/** Per township: villages expected, reported for each body's results and roster, the difficult ones, the missing by name. */
export async function completenessByTownship(db: Db, f: CompletenessFilter): Promise<CompletenessTownship[]> {
  const rows = await db.query(
    `${completenessCtes(f)},
     per_township AS (
       SELECT county, township, count(*) AS expected,
         count(*) FILTER (WHERE vc_results) AS vc_results, count(*) FILTER (WHERE pb_results) AS pb_results,
         count(*) FILTER (WHERE vc_roster) AS vc_roster, count(*) FILTER (WHERE pb_roster) AS pb_roster,
         count(*) FILTER (WHERE is_key) AS key_expected, count(*) FILTER (WHERE is_key AND vc_results) AS key_done,
         count(*) FILTER (WHERE is_difficult) AS difficult_expected,
         count(*) FILTER (WHERE is_difficult AND vc_results) AS difficult_done,
         coalesce(list(village ORDER BY village) FILTER (WHERE NOT vc_results), []::VARCHAR[]) AS missing
       FROM villages GROUP BY county, township
     ),
     per_township_unlisted AS (
       SELECT county, township, list(village ORDER BY village) AS unlisted FROM unlisted GROUP BY county, township
     )
     SELECT coalesce(p.county, u.county) AS county, coalesce(p.township, u.township) AS township,
       coalesce(p.expected, 0) AS expected, coalesce(p.vc_results, 0) AS vc_results, coalesce(p.pb_results, 0) AS pb_results,
       coalesce(p.vc_roster, 0) AS vc_roster, coalesce(p.pb_roster, 0) AS pb_roster,
       coalesce(p.key_expected, 0) AS key_expected, coalesce(p.key_done, 0) AS key_done,
       coalesce(p.difficult_expected, 0) AS difficult_expected, coalesce(p.difficult_done, 0) AS difficult_done,
       coalesce(p.missing, []::VARCHAR[]) AS missing, coalesce(u.unlisted, []::VARCHAR[]) AS unlisted
     FROM per_township p FULL OUTER JOIN per_township_unlisted u
       ON p.county IS NOT DISTINCT FROM u.county AND p.township IS NOT DISTINCT FROM u.township
     ORDER BY 1 NULLS FIRST, 2 NULLS FIRST`,
  );
  return rows.map((r) => ({
    county: (r.county as string | null) ?? null,
    township: (r.township as string | null) ?? null,
    expected: n(r.expected),
    vc_results: n(r.vc_results),
    pb_results: n(r.pb_results),
    vc_roster: n(r.vc_roster),
    pb_roster: n(r.pb_roster),
    key_expected: n(r.key_expected),
    key_done: n(r.key_done),
    difficult_expected: n(r.difficult_expected),
    difficult_done: n(r.difficult_done),
    missing: names(r.missing),
    unlisted: names(r.unlisted),
  }));
}

/** A share of villages as the figure model shows it: the unrounded value and the one rounding (src/metrics/round.ts). */
export interface VillageShare {
  done: number;
  expected: number;
  value: number | null;
  shown: number | null;
}

export function villageShare(done: number, expected: number): VillageShare {
  const value = expected > 0 ? (done / expected) * 100 : null;
  return { done, expected, value, shown: value === null ? null : roundHalfAway(value, 1) };
}

/** One day of the cumulative completion: villages completed on or before it, all and on each list. */
export interface CompletionDay {
  date: string;
  all: number;
  key: number;
  difficult: number;
}

/** Cumulative completion of a cycle (截至 X 月 X 日，完成 N 个村，占 P%), all villages and the 重点村 / 难点村 on their own. */
export interface CompletionProgress {
  source: ExpectationSource;
  /** The last election date of a completed village; null when no completed village gives one. */
  asOf: string | null;
  all: VillageShare;
  key: VillageShare;
  difficult: VillageShare;
  /** Completed villages whose results give no date: in the totals, not in the curve. */
  undated: number;
  days: CompletionDay[];
}

export async function completionProgress(db: Db, f: CompletenessFilter): Promise<CompletionProgress> {
  // One statement for the totals and the curve: the overview asks it on every change of place or
  // cycle, and its expected villages are the costly part (every result and roster row of the cycle).
  // The totals ride on each day's row, and on one row of no day when no village gives a date.
  const rows = await db.query(
    `${completenessCtes(f)},
     totals AS (
       SELECT (SELECT source FROM source) AS source, count(*) AS expected, count(*) FILTER (WHERE vc_results) AS done,
         count(*) FILTER (WHERE vc_results AND election_date IS NULL) AS undated,
         count(*) FILTER (WHERE is_key) AS key_expected, count(*) FILTER (WHERE is_key AND vc_results) AS key_done,
         count(*) FILTER (WHERE is_difficult) AS difficult_expected,
         count(*) FILTER (WHERE is_difficult AND vc_results) AS difficult_done,
         strftime(max(election_date) FILTER (WHERE vc_results), '%Y-%m-%d') AS as_of
       FROM villages
     ),
     per_day AS (
       SELECT election_date AS d, count(*) AS n, count(*) FILTER (WHERE is_key) AS k, count(*) FILTER (WHERE is_difficult) AS h
       FROM villages WHERE vc_results AND election_date IS NOT NULL GROUP BY election_date
     ),
     days AS (
       SELECT d, strftime(d, '%Y-%m-%d') AS date, sum(n) OVER w AS all_, sum(k) OVER w AS key_, sum(h) OVER w AS difficult_
       FROM per_day WINDOW w AS (ORDER BY d ROWS UNBOUNDED PRECEDING)
     )
     SELECT totals.*, days.date, days.all_, days.key_, days.difficult_ FROM totals LEFT JOIN days ON true ORDER BY days.d`,
  );
  const totals = rows[0];
  const days = rows.filter((d) => d.date !== null && d.date !== undefined);
  const t = totals ?? {};
  return {
    source: (t.source as ExpectationSource | undefined) ?? 'this_cycle',
    asOf: (t.as_of as string | null | undefined) ?? null,
    all: villageShare(n(t.done), n(t.expected)),
    key: villageShare(n(t.key_done), n(t.key_expected)),
    difficult: villageShare(n(t.difficult_done), n(t.difficult_expected)),
    undated: n(t.undated),
    days: days.map((d) => ({ date: String(d.date), all: n(d.all_), key: n(d.key_), difficult: n(d.difficult_) })),
  };
}
