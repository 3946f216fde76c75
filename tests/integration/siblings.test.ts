/**
 * A scope's rows and its parent's, read out of one query of the parent by the scope's level
 * (src/metrics/siblings.ts), must be exactly the rows of the two queries asked apart: for every metric
 * (the distinct counts of villages and bodies among them), on the sample — rosters in most
 * townships and statistical tables with NULL counts in 杨树乡.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupBy, MetricQuery } from '../../src/metrics/sql';
import { queryMetrics, type MetricRow } from '../../src/metrics/query';
import { ownRows, parentRows, siblingsQuery } from '../../src/metrics/siblings';
import type { Db } from '../../src/db/types';
import { METRICS, type MetricId } from '../../src/metrics/catalogue';
import type { BodyScope, RoleScope } from '../../src/metrics/scope';
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

const ALL: readonly MetricId[] = METRICS.map((m) => m.id);

/** Floating sums added in another order may differ in the last bits; counts must be equal. */
function comparable(rows: readonly MetricRow[]) {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
  return rows.map((r) => ({
    place: [r.county ?? null, r.township ?? null, r.village_key ?? null, r.village ?? null],
    cycle: r.cycle_year ?? null,
    body: r.body,
    metric: r.metric,
    value: round(r.value),
    numerator: round(r.numerator),
    denominator: round(r.denominator),
    coverage: r.coverage,
  }));
}

describe('a scope and its parent from one query of the parent by the scope level', () => {
  it('asks the parent scope grouped by the scope level, and nothing at the top', () => {
    const q: MetricQuery = {
      metrics: ['turnout'],
      county: '甲县',
      township: '乙乡',
      village: null,
      cycles: [2021],
      body: 'all',
      role: 'all',
      groupBy: ['cycle'],
    };
    expect(siblingsQuery(q)).toEqual({ ...q, township: null, groupBy: ['township', 'cycle'] });
    expect(siblingsQuery({ ...q, county: null, township: null })).toBeNull();
  });

  it('gives the rows of both queries asked apart, for every metric, level, body, role and grouping', async () => {
    const counties = [...new Set(places.map((p) => p.county))];
    const townships = places.filter((p, i) => i === 0 || places[i - 1]!.township !== p.township);
    // Every county; townships and villages from the start, the end and 杨树乡 (statistical tables).
    const yangshu = places.find((p) => p.township === '杨树乡')!;
    const scopes: Pick<MetricQuery, 'county' | 'township' | 'village'>[] = [
      ...counties.map((county) => ({ county, township: null, village: null })),
      ...[townships[0]!, townships[townships.length - 1]!, yangshu].map((p) => ({ county: p.county, township: p.township, village: null })),
      ...[places[0]!, places[places.length - 1]!, yangshu].map((p) => ({ county: p.county, township: p.township, village: p.village_key })),
    ];
    // Results metrics come per body with both bodies in scope; one cycle and several.
    const bodies: BodyScope[] = ['all', 'party_branch'];
    const roles: RoleScope[] = ['all', 'head'];
    const groupings: { groupBy: GroupBy[]; cycles: number[] }[] = [
      { groupBy: ['cycle'], cycles: [] },
      { groupBy: [], cycles: [2017, 2021] },
      { groupBy: ['village', 'cycle'], cycles: [2021] },
    ];
    let compared = 0;
    let nonEmpty = 0;
    for (const place of scopes)
      for (const body of bodies)
        for (const role of roles)
          for (const { groupBy, cycles } of groupings) {
            const q: MetricQuery = { metrics: ALL, ...place, cycles, body, role, groupBy };
            const s = siblingsQuery(q)!;
            const up = { ...s, groupBy: q.groupBy };
            const [rows, own, parent] = await Promise.all([queryMetrics(db, s), queryMetrics(db, q), queryMetrics(db, up)]);
            const what = JSON.stringify(q);
            expect(comparable(ownRows(rows, q)), `own ${what}`).toEqual(comparable(own));
            expect(comparable(parentRows(rows, q)), `parent ${what}`).toEqual(comparable(parent));
            compared++;
            if (own.some((r) => r.value !== null) && JSON.stringify(comparable(parent)) !== JSON.stringify(comparable(own))) nonEmpty++;
          }
    expect(compared).toBe(scopes.length * bodies.length * roles.length * groupings.length);
    // Equal because both are empty, or the parent no more than the scope, would prove nothing.
    expect(nonEmpty).toBeGreaterThan(compared / 2);
  }, 600_000);
});
