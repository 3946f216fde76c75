import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/db/types';
import { freshDb } from './helpers';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db.close();
});

it('returns COUNT, HUGEINT sums and decimals as plain numbers', async () => {
  const [r] = await db.query(
    'SELECT count(*) AS n, sum(x::INTEGER) AS s, 1.5::DECIMAL(5,1) AS d, -2.25::DECIMAL(10,2) AS neg, NULL::DECIMAL(4,1) AS nil FROM range(3) t(x)',
  );
  expect(r).toEqual({ n: 3, s: 3, d: 1.5, neg: -2.25, nil: null });
});

it('binds parameters instead of splicing them into SQL', async () => {
  const evil = "'; DROP TABLE results; --";
  const [r] = await db.query<{ s: string; i: number }>('SELECT ?::VARCHAR AS s, ?::INTEGER AS i', [evil, 7]);
  expect(r).toEqual({ s: evil, i: 7 });
  const [t] = await db.query<{ n: number }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'results'");
  expect(t!.n).toBe(1);
});

it('reads every row of a result that comes in several Arrow batches, each value in its own row', async () => {
  // DuckDB hands a result over in batches of 2,048 rows: a row index that restarted per batch
  // would put the later batches' values over the first rows.
  const rows = await db.query<{ i: number; s: string; big: number; maybe: number | null }>(
    "SELECT i::INTEGER AS i, 'v' || i AS s, i::BIGINT * 3 AS big, CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS maybe FROM range(5000) t(i) ORDER BY i",
  );
  expect(rows).toHaveLength(5000);
  for (const at of [0, 2047, 2048, 4095, 4096, 4999])
    expect(rows[at]).toEqual({ i: at, s: `v${at}`, big: at * 3, maybe: at % 7 === 0 ? null : at });
  expect(rows.every((r, at) => r.i === at && typeof r.big === 'number')).toBe(true);
});

it('gives dates as milliseconds, booleans, lists as iterables, and an empty result as no rows', async () => {
  const [r] = await db.query<{ d: number; b: boolean; l: Iterable<string>; nl: null }>(
    "SELECT DATE '2024-03-05' AS d, true AS b, ['甲村', '乙村'] AS l, NULL::VARCHAR[] AS nl",
  );
  expect(r!.d).toBe(Date.UTC(2024, 2, 5));
  expect(r!.b).toBe(true);
  expect(Array.from(r!.l)).toEqual(['甲村', '乙村']);
  expect(r!.nl).toBeNull();
  expect(await db.query('SELECT 1 AS x WHERE false')).toEqual([]);
});
