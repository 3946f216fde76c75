/**
 * How a roster's persons are counted: each count column of stat_people (src/db/stats.ts) with its
 * aggregate. A module of its own because a counts-only submission package's rows are stored in a
 * table of these columns (src/db/packageTables.ts), made with the schema before any count table.
 */
import { AGE_BANDS, bandColumn, bandRange, PYRAMID_GENDERS } from './ageBands';
import { COMPARED } from './personLinks';

const BAND_COUNTS: readonly [string, string][] = PYRAMID_GENDERS.flatMap((g) =>
  AGE_BANDS.map((b): [string, string] => [bandColumn(g, b), `count(*) FILTER (gender = '${g}' AND ${bandRange(b)})`]),
);

/** Whether a scope's seats could be compared with the village's previous cycle of the body. */
const TURNOVER_KNOWN = `bool_or(lstatus IN ${COMPARED})`;

/** The persons of a scope counted: the numerators and denominators of every person metric, and the pyramid's bars. */
export const COUNTS: readonly [string, string][] = [
  ['members', 'count(*)'],
  ['gender_known', 'count(gender)'],
  ['women', "count(*) FILTER (gender = 'female')"],
  ['age_known', 'count(age)'],
  ['age_sum', 'coalesce(sum(age), 0)::BIGINT'],
  ['age_le35', 'count(*) FILTER (age <= 35)'],
  ['age_36_45', 'count(*) FILTER (age BETWEEN 36 AND 45)'],
  ['age_46_55', 'count(*) FILTER (age BETWEEN 46 AND 55)'],
  ['age_ge56', 'count(*) FILTER (age >= 56)'],
  ['age_le29', 'count(*) FILTER (age <= 29)'],
  ['age_30_49', 'count(*) FILTER (age BETWEEN 30 AND 49)'],
  ['age_ge50', 'count(*) FILTER (age >= 50)'],
  ['age_ge60', 'count(*) FILTER (age >= 60)'],
  ['edu_known', 'count(edu)'],
  ['edu_junior', "count(*) FILTER (edu = 'junior_or_below')"],
  ['edu_senior', "count(*) FILTER (edu = 'senior')"],
  ['edu_college', "count(*) FILTER (edu = 'college')"],
  ['party_known', 'count(party)'],
  ['party', 'count(*) FILTER (party)'],
  ['minority_known', 'count(minority)'],
  ['minority', 'count(*) FILTER (minority)'],
  ['reelect_known', 'count(reelected)'],
  ['reelected', 'count(*) FILTER (reelected)'],
  ['cross_holding', 'count(*) FILTER (n_bodies > 1)'],
  ['cgo', 'count(*) FILTER (cgo)'],
  ['votes_sum', 'coalesce(sum(votes), 0)::BIGINT'],
  ['votes_cast_sum', 'coalesce(sum(votes_cast), 0)::BIGINT'],
  ['age_gender_known', 'count(*) FILTER (age IS NOT NULL AND gender IS NOT NULL)'],
  // Persons linked with the previous cycle (src/db/personLinks.ts): known only where the village's
  // previous cycle of the body has a roster that counts; the ambiguous are in no denominator. Left
  // members are added to these rows afterwards (withLeft), counted into the cycle after them.
  ['turnover_known', `CASE WHEN ${TURNOVER_KNOWN} THEN count(*) FILTER (lstatus IN ('new', 'continued')) END`],
  ['continued', `CASE WHEN ${TURNOVER_KNOWN} THEN count(*) FILTER (lstatus = 'continued') END`],
  ['newly_elected', `CASE WHEN ${TURNOVER_KNOWN} THEN count(*) FILTER (lstatus = 'new') END`],
  ['years_known', `CASE WHEN ${TURNOVER_KNOWN} THEN count(lyears) END`],
  ['years_sum', `CASE WHEN ${TURNOVER_KNOWN} THEN coalesce(sum(lyears), 0)::BIGINT END`],
  ['left_known', `CASE WHEN ${TURNOVER_KNOWN} THEN 0 END`],
  ['n_left', `CASE WHEN ${TURNOVER_KNOWN} THEN 0 END`],
  ...BAND_COUNTS,
];
/** The count columns of stat_people, in order. */
export const PERSON_COUNT_COLUMNS: readonly string[] = COUNTS.map(([n]) => n);
