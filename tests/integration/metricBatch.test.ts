/**
 * Metric queries asked in one turn share statements (src/metrics/query.ts): the same count table
 * over the same rows is read once, the asks' groupings as GROUPING SETS, stat_results' bodies
 * together. Each ask must get exactly the rows it gets asked alone — every field, every bit of every
 * value, in the same order — for the queries the overview asks on a scope change, at every level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricQuery } from '../../src/metrics/sql';
import { queryMetrics, type MetricRow } from '../../src/metrics/query';
import { siblingsQuery } from '../../src/metrics/siblings';
import type { Db } from '../../src/db/types';
import type { BodyScope, Scope } from '../../src/metrics/scope';
import { KPI_METRICS, overviewQueries, rankingQuery } from '../../src/queries/overview';
import { DEFAULT_CHOICES } from '../../src/queries/chartChoices';
import { childLevel } from '../../src/metrics/levels';
import { scopeQuery } from '../../src/queries/scope';
import { sampleDb } from './helpers';

let db: Db;
let places: { county: string; township: string; village_key: string }[];

beforeAll(async () => {
  ({ db } = await sampleDb());
  places = await db.query(
    'SELECT county, township, village_key FROM stat_places WHERE county IS NOT NULL AND township IS NOT NULL ORDER BY 1, 2, 3',
  );
}, 120_000);
afterAll(async () => {
  await db?.close();
});

/** What the overview asks for a scope (src/queries/overviewFetches.ts), the KPI figures' statement first. */
function overviewAsks(scope: Scope): MetricQuery[] {
  const own = scopeQuery(scope, KPI_METRICS, { cycles: [], groupBy: ['cycle'] });
  const asks = [siblingsQuery(own) ?? own];
  for (const choices of [DEFAULT_CHOICES, { ...DEFAULT_CHOICES, trend: 'women_share' as const, rate: 'one_shoulder_rate' as const }]) {
    const q = overviewQueries(scope, choices);
    asks.push(q.turnout, q.trend, q.trendRows, q.heat, q.bands, q.edu, q.rates, rankingQuery(scope, 'turnout', childLevel(scope)));
  }
  return asks;
}

/** The same engine, counting the statements it is asked. */
function counting(inner: Db): { db: Db; statements: () => number } {
  let n = 0;
  const db = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'query')
        return (...args: Parameters<Db['query']>) => {
          n++;
          return target.query(...args);
        };
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db, statements: () => n };
}

describe('metric queries asked together', () => {
  it('answer each ask exactly as it is answered alone, in fewer statements', async () => {
    const yangshu = places.find((p) => p.township === '杨树乡')!;
    const first = places[0]!;
    const scopes: Pick<Scope, 'county' | 'township' | 'village'>[] = [
      { county: null, township: null, village: null },
      { county: first.county, township: null, village: null },
      { county: first.county, township: first.township, village: null },
      { county: yangshu.county, township: yangshu.township, village: null },
      { county: first.county, township: first.township, village: first.village_key },
      { county: yangshu.county, township: yangshu.township, village: yangshu.village_key },
    ];
    const bodies: BodyScope[] = ['all', 'party_branch', 'village_committee'];
    let apart = 0;
    let together = 0;
    for (const place of scopes)
      for (const body of bodies) {
        const asks = overviewAsks({ ...place, cycle: 2021, body, role: 'all' });
        const one = counting(db);
        const alone: MetricRow[][] = [];
        // Awaited one by one: each in a turn of its own, its own statements.
        for (const q of asks) alone.push(await queryMetrics(one.db, q));
        const all = counting(db);
        const rows = await Promise.all(asks.map((q) => queryMetrics(all.db, q)));
        for (const [i, q] of asks.entries()) expect(rows[i], JSON.stringify(q)).toStrictEqual(alone[i]);
        expect(alone.some((r) => r.length > 0)).toBe(true);
        apart += one.statements();
        together += all.statements();
      }
    // Alone, each ask reads one to three count tables; together, about one statement per table and scope.
    expect(together).toBeLessThan(apart / 2);
  }, 600_000);
});
