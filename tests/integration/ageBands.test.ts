/**
 * The pyramid's bars are counted from one small number per seat or person (bandIndexSql) instead
 * of a gender and an age range each (bandRange, the bars' definition). For every gender the data
 * can hold and every age, in and out of the bands, the number must pick exactly the bar whose
 * range holds — and none for an unknown gender or age.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS, bandIndex, bandIndexSql, bandRange, PYRAMID_GENDERS } from '../../src/db/ageBands';
import { openNodeDb } from '../../src/db/nodeDb';
import type { Db } from '../../src/db/types';

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
});
afterAll(async () => {
  await db?.close();
});

describe('the bar number of a gender and an age', () => {
  it('is the bar whose gender and range hold, or NULL', async () => {
    const bars = PYRAMID_GENDERS.flatMap((g) => AGE_BANDS.map((b) => ({ g, b, i: bandIndex(g, b) })));
    // Each bar's number is its own.
    expect(new Set(bars.map((x) => x.i)).size).toBe(bars.length);
    const rows = await db.query<{ gender: string | null; age: number | null; band: number | null; by_range: number | null; n: number }>(
      `WITH v AS (
         SELECT gender, age FROM (VALUES ('female'), ('male'), ('other'), (NULL)) g(gender)
         CROSS JOIN (SELECT unnest(range(-5, 131))::INTEGER AS age UNION ALL SELECT NULL) a)
       SELECT gender, age, ${bandIndexSql('gender', 'age')}::INTEGER AS band,
              (CASE ${bars.map(({ g, b, i }) => `WHEN gender = '${g}' AND ${bandRange(b)} THEN ${i}`).join(' ')} END)::INTEGER AS by_range,
              (${bars.map(({ g, b }) => `(gender = '${g}' AND ${bandRange(b)})::INTEGER`).join(' + ')})::INTEGER AS n
       FROM v`,
    );
    expect(rows.length).toBe(4 * 137);
    for (const r of rows) {
      // The ranges do not overlap: at most one bar holds.
      expect(r.n ?? 0).toBeLessThanOrEqual(1);
      expect({ gender: r.gender, age: r.age, band: r.band }).toEqual({ gender: r.gender, age: r.age, band: r.by_range });
    }
    // Every bar is reached.
    expect(new Set(rows.map((r) => r.band).filter((b) => b !== null)).size).toBe(bars.length);
  });
});
