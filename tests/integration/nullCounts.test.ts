/**
 * Scope queries leave out the NULL tests a slice of the count tables does not need
 * (src/db/nullCounts.ts). On the sample — rosters in most townships, statistical tables in 杨树乡,
 * whose rows leave counts NULL — every metric of every scope must give exactly the rows the full
 * tests give, and the short statements must really be used where a county has no NULL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSql, type GroupBy, type MetricQuery } from '../../src/metrics/sql';
import { refreshingNullColumns } from '../../src/db/nullCounts';
import { nullableOf } from '../../src/db/nullMemo';
import type { Db } from '../../src/db/types';
import { METRICS, type MetricId } from '../../src/metrics/catalogue';
import type { BodyScope, RoleScope } from '../../src/metrics/scope';
import { sampleDb } from './helpers';

let db: Db;
let counties: string[];
let tableCounty: string;

beforeAll(async () => {
  ({ db } = await sampleDb());
  counties = (await db.query<{ c: string }>('SELECT DISTINCT county AS c FROM stat_places WHERE county IS NOT NULL ORDER BY 1')).map(
    (r) => r.c,
  );
  const [t] = await db.query<{ c: string }>("SELECT DISTINCT county AS c FROM stat_places WHERE township = '杨树乡'");
  tableCounty = t!.c;
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const ALL: readonly MetricId[] = METRICS.map((m) => m.id);
const SOURCES = ['results', 'people', 'villages'] as const;

describe('NULL tests left out where a slice has no NULL', () => {
  it('are read after the count tables are made, and forgotten while they are rebuilt', async () => {
    const before = nullableOf(db);
    expect(before).not.toBeNull();
    let during: unknown = 'not called';
    await refreshingNullColumns(db, async () => {
      during = nullableOf(db);
    });
    expect(during).toBeNull();
    expect(nullableOf(db)).not.toBeNull();
    expect(nullableOf(db)).not.toBe(before);
  });

  it('give the same rows as the full tests, for every metric, scope and grouping', async () => {
    const nullable = nullableOf(db)!;
    const bodies: BodyScope[] = ['party_branch', 'village_committee', 'all'];
    const roles: RoleScope[] = ['all', 'head', 'member'];
    const groupings: GroupBy[][] = [[], ['cycle'], ['township', 'cycle'], ['village']];
    let shortened = 0;
    let compared = 0;
    for (const county of [null, ...counties])
      for (const body of bodies)
        for (const role of roles)
          for (const groupBy of groupings)
            for (const metrics of [ALL, ['edu_junior_or_below_share', 'edu_senior_share', 'edu_college_share'] as MetricId[]]) {
              const q: MetricQuery = { metrics, county, cycles: [], body, role, groupBy };
              for (const source of SOURCES) {
                const full = metricSql(source, q);
                const short = metricSql(source, q, nullable(source, q));
                if (!full || !short) continue;
                compared++;
                if (short.sql === full.sql) continue;
                shortened++;
                expect(await db.query(short.sql), `${source} ${JSON.stringify(q)}`).toEqual(await db.query(full.sql));
              }
            }
    expect(compared).toBeGreaterThan(300);
    // Most statements get shorter: the tests would prove nothing if none did.
    expect(shortened).toBeGreaterThan(compared / 2);
  });

  it('are kept in the county with statistical tables and left out in one without', () => {
    const nullable = nullableOf(db)!;
    const other = counties.find((c) => c !== tableCounty)!;
    const q = (county: string): MetricQuery => ({
      metrics: ['women_share', 'avg_age'],
      county,
      cycles: [],
      body: 'all',
      role: 'all',
      groupBy: ['cycle'],
    });
    expect(metricSql('people', q(other), nullable('people', q(other)))!.sql).not.toContain('FILTER');
    expect(metricSql('people', q(tableCounty), nullable('people', q(tableCounty)))!.sql).toContain('FILTER');
    expect(nullable('people', { county: null, body: 'all', role: 'all' }).size).toBeGreaterThan(0);
  });
});
