/**
 * Metric queries asked together share statements (src/metrics/query.ts askTogether): the same count table
 * over the same rows is read once, the asks' groupings as GROUPING SETS, stat_results' bodies
 * together. Each ask must get exactly the rows it gets asked alone — every field, every bit of every
 * value, in the same order — for the queries the overview asks on a scope change, at every level,
 * with and without a village lineage.
 */
import { describe, expect, it } from 'vitest';
import type { MetricQuery } from '../../src/metrics/sql';
import { askTogether, queryMetrics, type MetricRow } from '../../src/metrics/query';
import { siblingsQuery } from '../../src/metrics/siblings';
import type { Db } from '../../src/db/types';
import type { BodyScope, Scope } from '../../src/metrics/scope';
import { KPI_METRICS, overviewQueries, rankingQuery } from '../../src/queries/overview';
import { DEFAULT_CHOICES } from '../../src/queries/chartChoices';
import { childLevel } from '../../src/metrics/levels';
import { scopeQuery } from '../../src/queries/scope';
import { lineageActive, replaceChanges } from '../../src/db/lineage';
import { forgetAnswers } from '../../src/db/answers';
import { freshDb, importFixture, sampleDb, statementsOf } from './helpers';

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

/** Asks each scope's overview queries alone, then together: the same rows, in fewer statements. */
async function compare(db: Db, scopes: readonly Pick<Scope, 'county' | 'township' | 'village'>[], cycle: number) {
  const bodies: BodyScope[] = ['all', 'party_branch', 'village_committee'];
  let apart = 0;
  let together = 0;
  for (const place of scopes)
    for (const body of bodies) {
      const asks = overviewAsks({ ...place, cycle, body, role: 'all' });
      const one = await statementsOf(db, async () => {
        const rows: MetricRow[][] = [];
        // Alone: each its own statements, none answered from those kept (src/db/answers.ts).
        for (const q of asks) {
          forgetAnswers(db);
          rows.push(await queryMetrics(db, q));
        }
        return rows;
      });
      forgetAnswers(db);
      const all = await statementsOf(db, () => Promise.all(askTogether(db, () => asks.map((q) => queryMetrics(db, q)))));
      for (const [i, q] of asks.entries()) expect(all.result[i], JSON.stringify(q)).toStrictEqual(one.result[i]);
      expect(one.result.some((r) => r.some((x) => x.value !== null))).toBe(true);
      apart += one.sql.length;
      together += all.sql.length;
    }
  return { apart, together };
}

describe('metric queries asked together', () => {
  it('answer each ask exactly as it is answered alone, in fewer statements', async () => {
    const { db } = await sampleDb();
    try {
      const places = await db.query<{ county: string; township: string; village_key: string }>(
        'SELECT county, township, village_key FROM stat_places WHERE county IS NOT NULL AND township IS NOT NULL ORDER BY 1, 2, 3',
      );
      const yangshu = places.find((p) => p.township === '杨树乡')!;
      const first = places[0]!;
      const { apart, together } = await compare(
        db,
        [
          { county: null, township: null, village: null },
          { county: first.county, township: null, village: null },
          { county: first.county, township: first.township, village: null },
          { county: yangshu.county, township: yangshu.township, village: null },
          { county: first.county, township: first.township, village: first.village_key },
          { county: yangshu.county, township: yangshu.township, village: yangshu.village_key },
        ],
        2021,
      );
      // Alone, each ask reads one to three count tables; together, about one statement per table and scope.
      expect(together).toBeLessThan(apart / 2);
    } finally {
      await db.close();
    }
  }, 600_000);

  it('with villages merged and renamed: an ask across cycles by village reads the lineage, one of one cycle not', async () => {
    const db = await freshDb();
    try {
      await importFixture(db, 'lineage-results-gb18030.csv');
      await importFixture(db, 'lineage-members.csv');
      const key = (v: string) => `name:青山县|柳溪镇|${v}`;
      const change = { effective_cycle: 2021, note: null, source: 'ui' } as const;
      await replaceChanges(db, [
        { ...change, kind: 'merge', old_key: key('李家村'), old_name: '李家村', new_key: key('李王村'), new_name: '李王村' },
        { ...change, kind: 'merge', old_key: key('王家村'), old_name: '王家村', new_key: key('李王村'), new_name: '李王村' },
      ]);
      expect(lineageActive(db)).toBe(true);
      const cycles = (await db.query<{ y: number }>('SELECT DISTINCT cycle_year AS y FROM stat_results ORDER BY 1')).map((r) => r.y);
      // Before the merge too, where a village's rows read through the lineage would be its successor's.
      expect(cycles.length).toBeGreaterThan(1);
      for (const cycle of cycles) {
        const { apart, together } = await compare(
          db,
          [
            { county: '青山县', township: null, village: null },
            { county: '青山县', township: '柳溪镇', village: null },
            { county: '青山县', township: '柳溪镇', village: key('李王村') },
          ],
          cycle,
        );
        expect(together).toBeLessThan(apart);
      }
    } finally {
      await db.close();
    }
  }, 600_000);
});
