import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlLiteral, sqlNumber, sqlString } from '../../src/db/sqlLiteral';
import type { Db } from '../../src/db/types';
import { freshDb } from './helpers';

const HOSTILE = [
  "' OR 1=1 --",
  "'; DROP TABLE imports; --",
  "O'Brien''s",
  'back\\slash\\',
  '\\x27',
  '$$ dollar $$',
  '"quoted"',
  'line\nbreak\r\n',
  'nul\0inside\0',
  '\0',
  '',
  '红旗村（一组）',
  '😀 emoji',
  '\u202eRTL',
  '?',
  '/* comment */',
  "E'\\n'",
];

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db.close();
});

describe('SQL literals (the scope filters)', () => {
  it('give back every string exactly, however hostile', async () => {
    for (const s of HOSTILE) {
      const [row] = await db.query<{ v: string }>(`SELECT ${sqlString(s)} AS v`);
      expect(row!.v).toBe(s);
    }
  });

  it('stay one value in a filter: a quote cannot end it early', async () => {
    await db.exec("CREATE TEMP TABLE lit_t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) t(id, name)");
    for (const s of HOSTILE) {
      const rows = await db.query(`SELECT id FROM lit_t WHERE name = ${sqlString(s)}`);
      expect(rows).toEqual([]);
    }
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM lit_t WHERE name = ${sqlString('a')}`)) as [
      { n: number },
    ];
    expect(n).toBe(1);
  });

  it('write numbers, booleans and NULL as such, and refuse a number that is not one', async () => {
    const [row] = await db.query(
      `SELECT ${sqlLiteral(2021)} AS i, ${sqlLiteral(-0.125)} AS f, ${sqlLiteral(true)} AS b, ${sqlLiteral(null)} AS n`,
    );
    expect(row).toEqual({ i: 2021, f: -0.125, b: true, n: null });
    for (const bad of [NaN, Infinity, -Infinity]) expect(() => sqlNumber(bad)).toThrow(/finite/);
  });
});
