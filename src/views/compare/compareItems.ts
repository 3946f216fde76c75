/**
 * The places being compared, as they appear in the URL (`item=v:<village_key>` or
 * `item=t:<county>|<township>`, repeated), and the scope each stands for.
 */
import type { Place } from '../../queries/types';
import type { Scope } from '../../metrics/scope';

export interface CompareItem {
  kind: 'village' | 'township';
  county: string | null;
  township: string | null;
  village: string | null;
}

export const MAX_ITEMS = 8;

export function parseItem(s: string): CompareItem | null {
  if (s.startsWith('v:') && s.length > 2) return { kind: 'village', county: null, township: null, village: s.slice(2) };
  if (s.startsWith('t:')) {
    const rest = s.slice(2);
    const bar = rest.indexOf('|');
    if (bar < 0) return null;
    return { kind: 'township', county: rest.slice(0, bar) || null, township: rest.slice(bar + 1) || null, village: null };
  }
  return null;
}

export function itemParam(i: CompareItem): string {
  return i.kind === 'village' ? `v:${i.village}` : `t:${i.county ?? ''}|${i.township ?? ''}`;
}

/** Fills a village item's county and township from the place list (the URL names only its key). */
export function itemScope(i: CompareItem, places: readonly Place[], base: Scope): Scope {
  if (i.kind === 'village') {
    const p = places.find((x) => x.village_key === i.village);
    return { ...base, county: p?.county ?? null, township: p?.township ?? null, village: i.village };
  }
  return { ...base, county: i.county, township: i.township, village: null };
}

export function itemLabel(i: CompareItem, places: readonly Place[]): string {
  if (i.kind === 'village') {
    const p = places.find((x) => x.village_key === i.village);
    return p ? `${p.village ?? ''}（${p.township ?? ''}）` : (i.village ?? '');
  }
  return i.township ?? '';
}
