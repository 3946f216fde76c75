/**
 * How a roster's persons are counted: each count column of stat_people (src/db/stats.ts) with its
 * aggregate. A module of its own because a counts-only submission package's rows are stored in a
 * table of these columns (src/db/packageTables.ts), made with the schema before any count table.
 *
 * A count of the rows matching a condition is `count(CASE WHEN … THEN 1 END)`, not `count(*)
 * FILTER (…)`: the same count, but a FILTER slices the rows once per aggregate, and with some sixty
 * of them over groups of one to a few rows that was 8 % of the CPU time of stat_people's statements
 * (DuckDB's Node build, 300,000 roster rows). The pyramid's bars compare one small
 * number (bandIndexSql) instead of a gender and an age range each: the engine computes the number
 * once for all 26 bars (as fast as a column of stat_seat holding it, measured).
 */
import { AGE_BANDS, bandColumn, bandIndex, bandIndexSql, PYRAMID_GENDERS } from './ageBands';
import { COMPARED } from './personLinks';

/** Those of the rows for which `cond` holds (not those for which it is false or NULL). */
const countWhere = (cond: string) => `count(CASE WHEN ${cond} THEN 1 END)`;

/** The row's bar, the same expression for every bar. */
const BAND = bandIndexSql('gender', 'age');

const BAND_COUNTS: readonly [string, string][] = PYRAMID_GENDERS.flatMap((g) =>
  AGE_BANDS.map((b): [string, string] => [bandColumn(g, b), countWhere(`${BAND} = ${bandIndex(g, b)}`)]),
);

/** Whether a scope's seats could be compared with the village's previous cycle of the body. */
const TURNOVER_KNOWN = `bool_or(lstatus IN ${COMPARED})`;

/** The persons of a scope counted: the numerators and denominators of every person metric, and the pyramid's bars. */
export const COUNTS: readonly [string, string][] = [
  ['members', 'count(*)'],
  ['gender_known', 'count(gender)'],
  ['women', countWhere("gender = 'female'")],
  ['age_known', 'count(age)'],
  ['age_sum', 'coalesce(sum(age), 0)::BIGINT'],
  ['age_le35', countWhere('age <= 35')],
  ['age_36_45', countWhere('age BETWEEN 36 AND 45')],
  ['age_46_55', countWhere('age BETWEEN 46 AND 55')],
  ['age_ge56', countWhere('age >= 56')],
  ['age_le29', countWhere('age <= 29')],
  ['age_30_49', countWhere('age BETWEEN 30 AND 49')],
  ['age_ge50', countWhere('age >= 50')],
  ['age_ge60', countWhere('age >= 60')],
  ['edu_known', 'count(edu)'],
  ['edu_junior', countWhere("edu = 'junior_or_below'")],
  ['edu_senior', countWhere("edu = 'senior'")],
  ['edu_college', countWhere("edu = 'college'")],
  ['party_known', 'count(party)'],
  ['party', countWhere('party')],
  ['minority_known', 'count(minority)'],
  ['minority', countWhere('minority')],
  ['reelect_known', 'count(reelected)'],
  ['reelected', countWhere('reelected')],
  ['cross_holding', countWhere('n_bodies > 1')],
  ['cgo', countWhere('cgo')],
  ['votes_sum', 'coalesce(sum(votes), 0)::BIGINT'],
  ['votes_cast_sum', 'coalesce(sum(votes_cast), 0)::BIGINT'],
  ['age_gender_known', countWhere('age IS NOT NULL AND gender IS NOT NULL')],
  // Persons linked with the previous cycle (src/db/personLinks.ts): known only where the village's
  // previous cycle of the body has a roster that counts; the ambiguous are in no denominator. Left
  // members are added to these rows afterwards (withLeft), counted into the cycle after them.
  ['turnover_known', `CASE WHEN ${TURNOVER_KNOWN} THEN ${countWhere("lstatus IN ('new', 'continued')")} END`],
  ['continued', `CASE WHEN ${TURNOVER_KNOWN} THEN ${countWhere("lstatus = 'continued'")} END`],
  ['newly_elected', `CASE WHEN ${TURNOVER_KNOWN} THEN ${countWhere("lstatus = 'new'")} END`],
  ['years_known', `CASE WHEN ${TURNOVER_KNOWN} THEN count(lyears) END`],
  ['years_sum', `CASE WHEN ${TURNOVER_KNOWN} THEN coalesce(sum(lyears), 0)::BIGINT END`],
  ['left_known', `CASE WHEN ${TURNOVER_KNOWN} THEN 0 END`],
  ['n_left', `CASE WHEN ${TURNOVER_KNOWN} THEN 0 END`],
  ...BAND_COUNTS,
];
/** The count columns of stat_people, in order. */
export const PERSON_COUNT_COLUMNS: readonly string[] = COUNTS.map(([n]) => n);
