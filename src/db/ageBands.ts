/**
 * The age pyramid's bars, a count column each in stat_people (src/db/stats.ts) that the pyramid's
 * query sums (src/metrics/query.ts). A module of its own: the dashboard's first queries need these
 * names, not the count tables' SQL, which loads with the first change of the data.
 */

/** Five-year bands by their first year: the first holds everyone under 20, the last everyone from 75. */
export const AGE_BANDS = [15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75] as const;
export const FIRST_BAND = AGE_BANDS[0];
export const LAST_BAND = AGE_BANDS[AGE_BANDS.length - 1] as number;
export const PYRAMID_GENDERS = ['female', 'male'] as const;
export type PyramidGender = (typeof PYRAMID_GENDERS)[number];

/** The stat_people column counting one gender's persons of one band. */
export const bandColumn = (gender: PyramidGender, band: number): string => `age_${gender === 'female' ? 'f' : 'm'}${band}`;

/** A band as a condition on whole-year ages. */
export function bandRange(band: number): string {
  if (band === FIRST_BAND) return `age < ${band + 5}`;
  if (band === LAST_BAND) return `age >= ${band}`;
  return `age BETWEEN ${band} AND ${band + 4}`;
}

/**
 * A person's pyramid bar as one small number (`age_<g><band>` is bar `bandIndex(g, band)`), NULL
 * for an unknown or other gender or age: the 26 bar counts of stat_people (src/db/personCounts.ts)
 * each compare it, one expression the engine computes once per row, instead of testing a gender
 * and an age range each. The bands are five years wide between the first and the last (bandRange).
 */
export const bandIndexSql = (gender: string, age: string): string =>
  `(CASE ${gender} WHEN '${PYRAMID_GENDERS[0]}' THEN 0 WHEN '${PYRAMID_GENDERS[1]}' THEN ${AGE_BANDS.length} END
    + CASE WHEN ${age} < ${FIRST_BAND + 5} THEN 0 WHEN ${age} >= ${LAST_BAND} THEN ${AGE_BANDS.length - 1}
           ELSE (${age} - ${FIRST_BAND}) // 5 END)::UTINYINT`;
export const bandIndex = (gender: PyramidGender, band: number): number =>
  PYRAMID_GENDERS.indexOf(gender) * AGE_BANDS.length + AGE_BANDS.indexOf(band as (typeof AGE_BANDS)[number]);

/** Whether a count table's column is one of the pyramid's band counts. */
export const isBandColumn = (name: string): boolean => /^age_[fm]\d+$/.test(name);
