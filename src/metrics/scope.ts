/**
 * What the dashboard is looking at: a place (all data, a county, a township or a village), a
 * cycle, a body and a role class. It lives in the URL query so a copied link opens the same view.
 */

export type BodyScope = 'village_committee' | 'party_branch' | 'all';
export type RoleScope = 'all' | 'head' | 'deputy' | 'member';
export type Level = 'all' | 'county' | 'township' | 'village';

/** What figures are grouped by: a place level, or the cycle. */
export type GroupBy = 'county' | 'township' | 'village' | 'cycle';

export const BODY_SCOPES: readonly BodyScope[] = ['all', 'village_committee', 'party_branch'];
export const ROLE_SCOPES: readonly RoleScope[] = ['all', 'head', 'deputy', 'member'];

export interface Scope {
  county: string | null;
  township: string | null;
  /** A village_key (area code or county|township|name), never a bare name: names repeat. */
  village: string | null;
  /** Cycle year; null means the latest cycle in the data. */
  cycle: number | null;
  body: BodyScope;
  role: RoleScope;
}

export const EMPTY_SCOPE: Scope = { county: null, township: null, village: null, cycle: null, body: 'all', role: 'all' };

export function scopeLevel(s: Pick<Scope, 'county' | 'township' | 'village'>): Level {
  if (s.village) return 'village';
  if (s.township) return 'township';
  if (s.county) return 'county';
  return 'all';
}

/** The level above: a village's township, a township's county, a county's whole data set. */
export function parentScope(s: Scope): Scope | null {
  switch (scopeLevel(s)) {
    case 'village':
      return { ...s, village: null };
    case 'township':
      return { ...s, township: null };
    case 'county':
      return { ...s, county: null };
    default:
      return null;
  }
}

export function scopeFromParams(p: URLSearchParams): Scope {
  const body = p.get('body');
  const role = p.get('role');
  const cycle = Number(p.get('cycle'));
  return {
    county: p.get('county') || null,
    township: p.get('township') || null,
    village: p.get('village') || null,
    cycle: Number.isInteger(cycle) && cycle > 1900 ? cycle : null,
    body: (BODY_SCOPES as readonly string[]).includes(body ?? '') ? (body as BodyScope) : 'all',
    role: (ROLE_SCOPES as readonly string[]).includes(role ?? '') ? (role as RoleScope) : 'all',
  };
}

/** URL changes for a scope; defaults are removed so links stay short. */
export function scopeToParams(s: Scope): Record<string, string | null> {
  return {
    county: s.county,
    township: s.township,
    village: s.village,
    cycle: s.cycle === null ? null : String(s.cycle),
    body: s.body === 'all' ? null : s.body,
    role: s.role === 'all' ? null : s.role,
  };
}

/** A stable string for react-query keys. */
export function scopeKey(s: Scope): string {
  return JSON.stringify([s.county, s.township, s.village, s.cycle, s.body, s.role]);
}
