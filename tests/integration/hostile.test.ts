/**
 * hostile-results.csv + hostile-members.csv (tests/fixtures/README.md) on the real DuckDB-WASM:
 * names made of HTML, SQL, formulas, template braces, control characters and 5,000 characters are
 * stored as the text they are (control and bidi characters dropped, nothing else), are counted like
 * any name, and the rule checks find the five breaches listed by hand — the SQL in the names
 * changed no query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRuleBreaches } from '../../src/metrics/ruleChecks';
import type { Db } from '../../src/db/types';
import { freshDb, importFixture } from './helpers';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  for (const name of ['hostile-results.csv', 'hostile-members.csv']) await importFixture(db, name);
});
afterAll(async () => {
  await db.close();
});

const LONG_VILLAGE = `${'长'.repeat(4999)}村`;

describe('hostile names stored as text', () => {
  it('imports 21 of 22 results rows (one warning) and 45 of 49 members, every table still there', async () => {
    // The rows naming a village or a person by 5,000 characters are rejected: no name is that long.
    expect(await db.query('SELECT kind, rows_imported, rows_warned, rows_rejected FROM imports ORDER BY import_id')).toEqual([
      { kind: 'results', rows_imported: 20, rows_warned: 1, rows_rejected: 1 },
      { kind: 'members', rows_imported: 45, rows_warned: 0, rows_rejected: 4 },
    ]);
    const reasons = await db.query<{ r: string }>('SELECT reasons AS r FROM rejected_rows ORDER BY import_id, source_row');
    expect(reasons).toHaveLength(5);
    for (const { r } of reasons) expect(r).toContain('name_too_long');
    // What the rejected rows keep of their cells is cut to the free-text limit.
    const [{ longest }] = (await db.query<{ longest: number }>('SELECT max(length(cells))::INTEGER AS longest FROM rejected_rows')) as [
      { longest: number },
    ];
    expect(longest).toBeLessThan(5000);
    const tables = (await db.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables ORDER BY 1')).map((r) => r.t);
    expect(tables).toEqual(expect.arrayContaining(['imports', 'members', 'members_i2', 'rejected_rows', 'results', 'results_i1']));
  });

  it('keeps the names verbatim, dropping only control and bidi characters', async () => {
    const villages = (
      await db.query<{ v: string }>(
        "SELECT DISTINCT village AS v FROM results WHERE cycle_year = 2021 AND body = 'village_committee' ORDER BY village_code NULLS LAST, v",
      )
    ).map((r) => r.v);
    expect(villages).toEqual([
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '"; DROP TABLE results; --',
      "' OR 1=1 --",
      '=HYPERLINK("http://x","点我")',
      '+SUM(1,1)',
      '@cmd',
      '-1+1',
      ...['响铃村', '[31m红字村', '村庄反转', '{a|b}村', '{b}'].sort(),
    ]);
    expect(await db.query('SELECT DISTINCT county AS c FROM results')).toEqual([{ c: "' OR 1=1 --" }]);
    const persons = (await db.query<{ n: string }>('SELECT name AS n FROM members ORDER BY source_row')).map((r) => r.n);
    expect(persons).toEqual(
      expect.arrayContaining([
        '<img src=x onerror=alert(2)>',
        "'; DROP TABLE members; --",
        '=1+1',
        "@SUM(1+1)*cmd|' /C calc'!A0",
        '王铃',
        '[31m赵红',
        '张反',
      ]),
    );
    expect(persons).not.toContain('明'.repeat(5000));
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM results WHERE village = ?', [LONG_VILLAGE])).toEqual([{ n: 0 }]);
  });

  it('finds exactly the five 2021 breaches of the fixture README, none in 2018', async () => {
    const found = await findRuleBreaches(db, { cycles: [], body: 'all' });
    expect(found.map((b) => `${b.cycle_year} ${b.rule} ${b.village}${b.person ? ` ${b.person}` : ''}`).sort()).toEqual(
      [
        '2021 winner_without_majority "; DROP TABLE results; -- =1+1',
        '2021 turnout_not_over_half =HYPERLINK("http://x","点我")',
        '2021 valid_invalid_mismatch +SUM(1,1)',
        '2021 no_woman_on_committee @cmd',
        '2021 committee_size -1+1',
      ].sort(),
    );
  });
});
