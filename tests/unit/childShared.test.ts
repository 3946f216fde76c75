/**
 * The statements asked ahead for the places one level down (src/queries/overviewFetches.ts) are
 * the ones any of them asks for its KPI figures and its trend chart: the same cache keys whichever
 * place the user then picks, so the first move down finds them answered.
 */
import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Db } from '../../src/db/types';
import type { Place } from '../../src/db/queries';
import { EMPTY_SCOPE, type Scope } from '../../src/metrics/scope';
import { siblingsQuery } from '../../src/metrics/siblings';
import { metricRowsKey } from '../../src/queries/options';
import { KPI_METRICS, overviewQueries } from '../../src/queries/overview';
import { chartChoices } from '../../src/queries/chartChoices';
import { childSharedFetches, firstChild, overviewFetches, parentSharedFetches } from '../../src/queries/overviewFetches';
import { scopeQuery } from '../../src/queries/scope';

const db = {} as Db;
const place = (county: string, township: string, village: string): Place => ({
  county,
  township,
  village,
  village_key: `${county}|${township}|${village}`,
  village_code: null,
});
const PLACES = [place('上河县', '东河乡', '李家村'), place('上河县', '黄土镇', '张庄'), place('下河县', '下河镇', '王村')];

/** The keys a scope's own figures and trend chart ask under. */
function asked(scope: Scope, params: URLSearchParams): string[] {
  const own = scopeQuery(scope, KPI_METRICS, { cycles: [], groupBy: ['cycle'] });
  const figures = siblingsQuery(own) ?? own;
  return [metricRowsKey(figures), metricRowsKey(overviewQueries(scope, chartChoices(params)).trendRows)].map((k) => JSON.stringify(k));
}

describe('asked ahead for the level below', () => {
  const params = new URLSearchParams('trend=women_share');
  for (const [name, scope, other] of [
    ['all data → a county', { ...EMPTY_SCOPE, cycle: 2021 }, { county: '下河县' }],
    ['a county → a township', { ...EMPTY_SCOPE, cycle: 2021, county: '上河县', body: 'party_branch' as const }, { township: '黄土镇' }],
    ['a township → a village', { ...EMPTY_SCOPE, cycle: 2021, county: '上河县', township: '东河乡' }, { village: '上河县|东河乡|李家村' }],
  ] as const) {
    it(`${name}: the statements any of them asks`, () => {
      const child = firstChild(scope, PLACES)!;
      expect(child).not.toBeNull();
      const ahead = childSharedFetches(db, scope, child, params).map((f) => JSON.stringify(f.queryKey));
      // Another place of that level than the one asked ahead with: the same statements.
      const target = { ...scope, ...other };
      expect(ahead).toEqual(asked(target, params));
      // And they are among what that place's overview asks.
      const all = overviewFetches(db, new QueryClient(), target, 2017, params).map((f) => JSON.stringify(f.queryKey));
      expect(all).toContain(ahead[1]);
    });
  }
  it('has nothing below a village', () => {
    expect(firstChild({ ...EMPTY_SCOPE, county: '上河县', township: '东河乡', village: '上河县|东河乡|李家村' }, PLACES)).toBeNull();
  });
});

describe('asked ahead for the level up', () => {
  const params = new URLSearchParams('trend=women_share');
  for (const [name, scope, up] of [
    [
      'a township → its county',
      { ...EMPTY_SCOPE, cycle: 2014, county: '上河县', township: '东河乡', body: 'party_branch' as const },
      { township: null },
    ],
    ['a county → all data', { ...EMPTY_SCOPE, cycle: 2014, county: '上河县', body: 'village_committee' as const }, { county: null }],
    [
      'a village → its township',
      { ...EMPTY_SCOPE, cycle: 2021, county: '上河县', township: '东河乡', village: '上河县|东河乡|李家村' },
      { village: null },
    ],
  ] as const) {
    it(`${name}: the statements its figures and trend ask, in this cycle and body`, () => {
      const ahead = parentSharedFetches(db, scope, params).map((f) => JSON.stringify(f.queryKey));
      const parent = { ...scope, ...up };
      expect(ahead).toEqual(asked(parent, params));
      expect(ahead).toHaveLength(2);
      const all = overviewFetches(db, new QueryClient(), parent, 2011, params).map((f) => JSON.stringify(f.queryKey));
      expect(all).toContain(ahead[1]);
    });
  }
  it('has nothing above all the data', () => {
    expect(parentSharedFetches(db, { ...EMPTY_SCOPE, cycle: 2021 }, params)).toEqual([]);
  });
});
