/**
 * The per-village count tables the figures are summed from (src/db/stats.ts builds them), by the
 * kind of rows they count:
 * - `results`: election results, per village × cycle × body;
 * - `people`: elected persons, per village × cycle × body × role class;
 * - `villages`: per village × cycle, whatever the body and role.
 */
export type CountSource = 'results' | 'people' | 'villages';

export const COUNT_TABLE: Record<CountSource, string> = { results: 'stat_results', people: 'stat_people', villages: 'stat_villages' };

/** Every count table the views read, stat_places (a village's names) first: what a save keeps of them and a reload restores first. */
export const COUNT_TABLES = ['stat_places', 'stat_results', 'stat_people', 'stat_villages', 'stat_reported', 'person_links'] as const;

/**
 * The count tables no view reads: a person's links across cycles (src/db/personLinks.ts), read only
 * to rebuild the others and by the rule checks, which wait for the imported rows. A reload restores
 * them with the rows, after the dashboard is drawn (at a million roster rows 1.8 million rows, a
 * third of the count tables' restore).
 */
export const COUNT_TABLES_LATER: readonly (typeof COUNT_TABLES)[number][] = ['person_links'];

/** The count tables a metric query reads, in the order it reads them and answers. */
export const SOURCE_ORDER: readonly CountSource[] = ['results', 'people', 'villages'];

/** The columns that place a count row (what scopes filter and group on), not counts themselves. */
export const KEY_COLUMNS: ReadonlySet<string> = new Set([
  'county',
  'township',
  'village',
  'village_key',
  'village_code',
  'cycle_year',
  'body',
  'role',
]);
