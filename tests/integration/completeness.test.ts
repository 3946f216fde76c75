/**
 * Completeness of a cycle over the real engine: the register of 青山县 (7 + 5 villages) and the
 * results and rosters that came in. Every number is counted by hand in tests/fixtures/README.md
 * ("register-qingshan-2021.csv, …").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/types';
import { readRegister } from '../../src/import/register';
import { completenessByTownship, completenessVillages, completionProgress, expectationSource } from '../../src/metrics/completeness';
import { replaceRegister, setVillageMark } from '../../src/metrics/villageLists';
import { refreshLineage } from '../../src/db/lineage';
import { deleteImports } from '../../src/db/queries';
import { generateReport } from '../../src/report/generate';
import { loadReportData } from '../../src/report/load';
import { fixtureBytes, freshDb, importFixture } from './helpers';

let db: Db;

async function importAll(register = true) {
  for (const f of ['results-dongling-dates.csv', 'results-xihe-dates.xlsx', 'members-completeness.csv']) await importFixture(db, f);
  if (register) {
    const r = readRegister(fixtureBytes('register-qingshan-2021.csv'), 'register-qingshan-2021.csv');
    expect(r.problem).toBeUndefined();
    expect(r.cycleYear).toBe(2021);
    await replaceRegister(db, 2021, r.rows);
  }
}

describe('completeness of 青山县 2021', () => {
  beforeEach(async () => {
    db = await freshDb();
  });
  afterEach(async () => {
    await db.close();
  });

  it('reads the register: 12 villages keyed by their codes, the two 李家村 apart', () => {
    const r = readRegister(fixtureBytes('register-qingshan-2021.csv'), 'register-qingshan-2021.csv');
    expect(r.rows).toHaveLength(12);
    expect(r.rows.filter((x) => x.village === '李家村').map((x) => [x.township, x.village_key])).toEqual([
      ['东岭镇', 'code:139901104205'],
      ['西河乡', 'code:139901105202'],
    ]);
    expect(r.rows[0]).toEqual({
      village_key: 'code:139901104201',
      county: '青山县',
      township: '东岭镇',
      village_code: '139901104201',
      village: '东岭村',
    });
  });

  it('stores the election dates as DATE', async () => {
    await importAll(false);
    const rows = await db.query<{ village: string; township: string; d: string | null; t: string }>(
      `SELECT village, township, strftime(election_date, '%Y-%m-%d') AS d, typeof(election_date) AS t
       FROM results WHERE body = 'village_committee' ORDER BY township, village`,
    );
    expect(rows.map((r) => [r.township, r.village, r.d])).toEqual([
      ['东岭镇', '东岭村', '2021-11-28'],
      ['东岭镇', '李家村', '2021-12-05'],
      ['东岭镇', '柳湾村', '2021-12-02'],
      ['东岭镇', '石桥村', '2021-11-28'],
      ['东岭镇', '高家庄村', '2021-12-05'],
      ['西河乡', '李家村', '2021-12-10'],
      ['西河乡', '沙坪村', null],
      ['西河乡', '红星村', '2021-12-08'],
      ['西河乡', '西河村', '2021-12-10'],
    ]);
    expect(rows[0]?.t).toBe('DATE');
  });

  it('per township: expected, reported per body, the missing by name, the unlisted apart', async () => {
    await importAll();
    expect(await expectationSource(db, 2021)).toEqual({ source: 'register', previousCycle: null });
    const t = await completenessByTownship(db, { cycle: 2021 });
    expect(t).toEqual([
      {
        county: '青山县',
        township: '东岭镇',
        expected: 7,
        vc_results: 5,
        pb_results: 3,
        vc_roster: 1,
        pb_roster: 0,
        key_expected: 1,
        key_done: 1,
        difficult_expected: 1,
        difficult_done: 0,
        missing: ['枫树村', '王庄村'],
        unlisted: [],
      },
      {
        county: '青山县',
        township: '西河乡',
        expected: 5,
        vc_results: 3,
        pb_results: 1,
        vc_roster: 0,
        pb_roster: 1,
        key_expected: 0,
        key_done: 0,
        difficult_expected: 1,
        difficult_done: 0,
        missing: ['新塘村', '河口村'],
        unlisted: ['红星村'],
      },
    ]);
    const one = await completenessByTownship(db, { cycle: 2021, township: '西河乡' });
    expect(one.map((r) => [r.township, r.expected, r.vc_results])).toEqual([['西河乡', 5, 3]]);
  });

  it('per village: the register key with what it reported and its marks', async () => {
    await importAll();
    const v = await completenessVillages(db, { cycle: 2021 });
    expect(v).toHaveLength(12);
    const liuwan = v.find((x) => x.village === '柳湾村');
    expect(liuwan).toMatchObject({ village_key: 'code:139901104203', vc_results: true, election_date: '2021-12-02', is_key: true });
    const wang = v.find((x) => x.village === '王庄村');
    expect(wang).toMatchObject({ vc_results: false, pb_results: true, is_difficult: true, election_date: null });
  });

  it('cumulative completion by election date, and split for 重点村 / 难点村', async () => {
    await importAll();
    const p = await completionProgress(db, { cycle: 2021 });
    expect(p.asOf).toBe('2021-12-10');
    expect(p.all).toEqual({ done: 8, expected: 12, value: (8 / 12) * 100, shown: 66.7 });
    expect(p.key).toMatchObject({ done: 1, expected: 1, shown: 100 });
    expect(p.difficult).toMatchObject({ done: 0, expected: 2, shown: 0 });
    expect(p.undated).toBe(1);
    expect(p.days).toEqual([
      { date: '2021-11-28', all: 2, key: 0, difficult: 0 },
      { date: '2021-12-02', all: 3, key: 1, difficult: 0 },
      { date: '2021-12-05', all: 5, key: 1, difficult: 0 },
      { date: '2021-12-10', all: 7, key: 1, difficult: 0 },
    ]);
    // A cycle no village has reported yet: its totals still come, with no curve.
    const none = await completionProgress(db, { cycle: 2024 });
    expect(none).toMatchObject({ source: 'previous_cycle', asOf: null, undated: 0, days: [] });
    expect(none.all).toMatchObject({ done: 0, expected: 11 });
  });

  it('the report states it in its overview section when asked (progress=1), and only then', async () => {
    await importAll();
    const scope = { county: '青山县', township: null, village: null };
    const asked = generateReport(await loadReportData(db, scope, ['青山县'], 2021, null, { completion: true }), 'zh');
    expect(asked.find((s) => s.id === 'overview')?.paragraphs.at(-1)).toBe(
      '截至12月10日，青山县完成换届 8 个村，占应报 12 个村的 66.7%；其中重点村完成 1 个，占 100.0%，难点村完成 0 个，占 0.0%。',
    );
    const plain = generateReport(await loadReportData(db, scope, ['青山县'], 2021, null), 'zh');
    expect(plain.find((s) => s.id === 'overview')?.paragraphs.join('')).not.toContain('完成换届');
  });

  it('a mark ticked on the register key counts; untick removes an imported one', async () => {
    await importAll();
    await setVillageMark(db, 'code:139901104207', 'difficult', true); // 枫树村
    await setVillageMark(db, 'name:青山县|东岭镇|柳湾村', 'key', false); // imported from 村类别
    const [dl] = await completenessByTownship(db, { cycle: 2021 });
    expect(dl).toMatchObject({ township: '东岭镇', difficult_expected: 2, key_expected: 0 });
  });

  it("without a register, the previous cycle's villages are expected", async () => {
    await importAll(false);
    expect(await expectationSource(db, 2021)).toEqual({ source: 'this_cycle', previousCycle: null });
    // The 2021 data stands for the cycle before 2026, which has nothing yet.
    expect(await expectationSource(db, 2026)).toEqual({ source: 'previous_cycle', previousCycle: 2021 });
    const t = await completenessByTownship(db, { cycle: 2026 });
    // Every village with 2021 data: 东岭镇 6 (枫树村 sent nothing), 西河乡 5 (河口村's branch, 红星村 included).
    expect(t.map((r) => [r.township, r.expected, r.vc_results])).toEqual([
      ['东岭镇', 6, 0],
      ['西河乡', 5, 0],
    ]);
  });

  it('follows the data: a deleted results file, its re-import, a register replaced (stat_reported, src/db/reported.ts)', async () => {
    await importAll();
    const xihe = async () => (await completenessByTownship(db, { cycle: 2021 })).find((t) => t.township === '西河乡');
    const [{ id }] = (await db.query<{ id: number }>(
      "SELECT import_id::INTEGER AS id FROM imports WHERE file_name = 'results-xihe-dates.xlsx'",
    )) as [{ id: number }];
    await deleteImports(db, { ids: [id] });
    // 西河乡's results are gone: none of its five has reported them, and 红星村 is no longer unlisted.
    expect(await xihe()).toMatchObject({ expected: 5, vc_results: 0, pb_results: 0, pb_roster: 1, unlisted: [] });
    expect((await completionProgress(db, { cycle: 2021 })).all).toMatchObject({ done: 5, expected: 12 });
    await importFixture(db, 'results-xihe-dates.xlsx');
    expect(await xihe()).toMatchObject({ expected: 5, vc_results: 3, pb_results: 1, unlisted: ['红星村'] });
    expect((await completionProgress(db, { cycle: 2021 })).all).toMatchObject({ done: 8, expected: 12 });
    // A register of 西河乡 alone: 东岭镇's villages are no longer expected, only unlisted where they reported.
    const r = readRegister(fixtureBytes('register-qingshan-2021.csv'), 'register-qingshan-2021.csv');
    await replaceRegister(
      db,
      2021,
      r.rows.filter((x) => x.township === '西河乡'),
    );
    expect((await completionProgress(db, { cycle: 2021 })).all).toMatchObject({ done: 3, expected: 5 });
    expect((await completenessByTownship(db, { cycle: 2021, township: '东岭镇' }))[0]).toMatchObject({ expected: 0, vc_results: 0 });
  });

  it("the previous cycle's villages are taken through the village lineage: two merged are one expected village", async () => {
    await importAll(false);
    await db.exec(`INSERT INTO village_changes VALUES
      (1, 'merge', 'name:青山县|东岭镇|东岭村', '东岭村', 'name:青山县|东岭镇|东石村', '东石村', 2026, NULL, 'ui'),
      (2, 'merge', 'name:青山县|东岭镇|石桥村', '石桥村', 'name:青山县|东岭镇|东石村', '东石村', 2026, NULL, 'ui')`);
    await refreshLineage(db);
    const v = await completenessVillages(db, { cycle: 2026, township: '东岭镇' });
    // 东岭镇's six villages with 2021 data, 东岭村 and 石桥村 merged into 东石村: five.
    expect(v.map((x) => x.village)).toEqual(['东石村', '李家村', '柳湾村', '王庄村', '高家庄村']);
    expect(v[0]?.village_key).toBe('name:青山县|东岭镇|东石村');
  });
});
