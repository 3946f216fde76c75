/**
 * The metric statements' answers are kept while the count tables and the village lineage stay as
 * they are (src/db/answers.ts): a statement asked again is not asked of the engine, and no kept
 * answer outlives a change of the data — an import, or a village change recorded.
 */
import { describe, expect, it } from 'vitest';
import { countsAnswer, forgetAnswers, KEEP_ROWS } from '../../src/db/answers';
import { lineageActive, replaceChanges, type NewChange } from '../../src/db/lineage';
import type { Db } from '../../src/db/types';
import { queryMetrics, type MetricRow } from '../../src/metrics/query';
import type { MetricQuery } from '../../src/metrics/sql';
import { freshDb, importFixture, statementsOf } from './helpers';

/** The answer asked of the engine afresh, nothing kept. */
async function fresh(db: Db, q: MetricQuery): Promise<MetricRow[]> {
  forgetAnswers(db);
  return queryMetrics(db, q);
}

/** Runs `run` on a fresh engine with one county's results imported, and closes it. */
async function withResults(run: (db: Db) => Promise<void>): Promise<void> {
  const db = await freshDb();
  try {
    await importFixture(db, 'results-gb18030.csv');
    await run(db);
  } finally {
    await db.close();
  }
}

const byCycle = (rows: MetricRow[]) => rows.map((r) => [r.cycle_year, r.body, r.numerator, r.denominator, r.shown]);

describe('kept answers of the metric statements', () => {
  it('answer a statement asked again without the engine, and are dropped when an import changes the counts', async () => {
    await withResults(async (db) => {
      const q: MetricQuery = { metrics: ['turnout'], cycles: [], body: 'all', role: 'all', groupBy: ['cycle'] };
      const first = await statementsOf(db, () => queryMetrics(db, q));
      expect(first.sql).toHaveLength(1);
      const again = await statementsOf(db, () => queryMetrics(db, q));
      expect(again.sql).toHaveLength(0);
      expect(again.result).toStrictEqual(first.result);

      // Another county's results: the province's turnout is another figure now.
      await importFixture(db, 'results-taoyuan.csv');
      const after = await statementsOf(db, () => queryMetrics(db, q));
      // The same statement, asked of the engine again.
      expect(after.sql).toEqual(first.sql);
      expect(byCycle(after.result)).not.toEqual(byCycle(first.result));
      expect(after.result).toStrictEqual(await fresh(db, q));
    });
  }, 120_000);

  it('read stat_results once for either body: a change of body asks the engine nothing', async () => {
    await withResults(async (db) => {
      const q = (body: MetricQuery['body']): MetricQuery => ({ metrics: ['turnout'], cycles: [], body, role: 'all', groupBy: ['cycle'] });
      const branch = await statementsOf(db, () => queryMetrics(db, q('party_branch')));
      expect(branch.sql).toHaveLength(1);
      const committee = await statementsOf(db, () => queryMetrics(db, q('village_committee')));
      expect(committee.sql).toHaveLength(0);
      // Each body's own rows, exactly as asked alone of a fresh engine.
      expect(committee.result.every((r) => r.body === 'village_committee')).toBe(true);
      expect(committee.result.length).toBeGreaterThan(0);
      expect(committee.result).toStrictEqual(await fresh(db, q('village_committee')));
      expect(branch.result).toStrictEqual(await fresh(db, q('party_branch')));
    });
  }, 120_000);

  it('are dropped when the village lineage changes, though the statement reads the same', async () => {
    const db = await freshDb();
    try {
      await importFixture(db, 'lineage-results-gb18030.csv');
      await importFixture(db, 'lineage-members.csv');
      const key = (v: string) => `name:青山县|柳溪镇|${v}`;
      const change = (kind: NewChange['kind'], from: string, to: string, cycle: number): NewChange => ({
        kind,
        old_key: key(from),
        old_name: from,
        new_key: key(to),
        new_name: to,
        effective_cycle: cycle,
        note: null,
        source: 'ui',
      });
      const rename = change('rename', '张庄村', '张庄社区', 2018);
      // With a rename recorded the lineage is read: the merged village's statement is the same text before and after its merge.
      await replaceChanges(db, [rename]);
      expect(lineageActive(db)).toBe(true);
      const q: MetricQuery = {
        metrics: ['turnout'],
        county: '青山县',
        township: '柳溪镇',
        village: key('李王村'),
        cycles: [],
        body: 'village_committee',
        role: 'all',
        groupBy: ['cycle'],
      };
      const before = await statementsOf(db, () => queryMetrics(db, q));
      expect(byCycle(before.result).map((r) => r[0])).toEqual([2021]);

      await replaceChanges(db, [rename, change('merge', '李家村', '李王村', 2021), change('merge', '王家村', '李王村', 2021)]);
      const after = await statementsOf(db, () => queryMetrics(db, q));
      expect(after.sql).toEqual(before.sql);
      // Its predecessors' earlier cycles now, as a fresh engine answers.
      expect(byCycle(after.result).length).toBeGreaterThan(1);
      expect(after.result).toStrictEqual(await fresh(db, q));
    } finally {
      await db.close();
    }
  }, 120_000);

  it('are bounded in rows: the oldest go first, and an answer over the bound is not kept', async () => {
    await withResults(async (db) => {
      const rows = (n: number, tag: string) => `SELECT range AS ${tag} FROM range(${n})`;
      const asked = async (sql: string) => (await statementsOf(db, () => countsAnswer(db, sql))).sql.length;
      const [a, b, c] = [rows(KEEP_ROWS * 0.6, 'a'), rows(KEEP_ROWS * 0.3, 'b'), rows(KEEP_ROWS * 0.3, 'c')];
      for (const sql of [a, b]) expect(await asked(sql)).toBe(1);
      expect(await asked(a)).toBe(0);
      expect(await asked(b)).toBe(0);
      // 1.2 of the bound with c: the oldest asked, a, goes.
      expect(await asked(c)).toBe(1);
      expect(await asked(b)).toBe(0);
      expect(await asked(c)).toBe(0);
      expect(await asked(a)).toBe(1);
      const huge = rows(KEEP_ROWS + 1, 'h');
      expect(await asked(huge)).toBe(1);
      expect(await asked(huge)).toBe(1);
    });
  }, 120_000);
});
