import type { Place } from '../../queries/types';

/**
 * Beyond this many villages in the county (or the whole data) the village select lists a chosen
 * township's only. A province's 20,000 options are no list to choose from (the search box finds a
 * village by name), and removing them took the first change of county 130 ms of the page's time at
 * a million roster rows.
 */
export const MAX_LISTED_VILLAGES = 500;

/** The villages the scope bar's village select lists, and whether there are more than it lists. */
export function villageOptions(
  places: readonly Place[],
  scope: { county: string | null; township: string | null; village: string | null },
): { listed: Place[]; more: boolean } {
  const inPlace = places.filter((p) => (!scope.county || p.county === scope.county) && (!scope.township || p.township === scope.township));
  if (scope.township || inPlace.length <= MAX_LISTED_VILLAGES) return { listed: inPlace, more: false };
  // The village in scope stays listed: the select shows it.
  return { listed: inPlace.filter((p) => p.village_key === scope.village), more: true };
}
