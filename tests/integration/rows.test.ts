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
