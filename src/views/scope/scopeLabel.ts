import type { Place } from '../../queries/types';
import type { Lang } from '../../util/lang';
import { parentScope, type Scope } from '../../metrics/scope';

const ALL = { zh: '全部数据', en: 'All data' };

/** The names of a scope's place from the top: ["青山县", "河东镇", "李家村"]; empty for all data. */
export function placeParts(scope: Pick<Scope, 'county' | 'township' | 'village'>, places: readonly Place[]): string[] {
  const parts: string[] = [];
  if (scope.county) parts.push(scope.county);
  if (scope.township) parts.push(scope.township);
  if (scope.village) parts.push(places.find((p) => p.village_key === scope.village)?.village ?? scope.village);
  return parts;
}

/** The place a scope looks at, as people name it: "青山县 · 河东镇 · 李家村". */
export function placeLabel(scope: Pick<Scope, 'county' | 'township' | 'village'>, places: readonly Place[], lang: Lang): string {
  const parts = placeParts(scope, places);
  return parts.length ? parts.join(' · ') : ALL[lang];
}

/** The parent level's name for "compared with" labels, or null at the top. */
export function parentLabel(scope: Scope, places: readonly Place[], lang: Lang): string | null {
  const parent = parentScope(scope);
  return parent ? placeLabel(parent, places, lang) : null;
}
