/**
 * Village lineage (src/db/lineage.ts) against figures summed by hand (tests/fixtures/README.md,
 * "Village lineage"): 青山县柳溪镇 over 2015/2018/2021, 李家村 + 王家村 → 李王村 (2021) and
 * 张庄村 → 张庄社区 (2018).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/types';
import { queryMetrics, type MetricRow } from '../../src/metrics/query';
import type { MetricQuery } from '../../src/metrics/sql';
import { lineageMarks, listChanges, replaceChanges, type NewChange } from '../../src/db/lineage';
import { changeCandidates } from '../../src/db/lineageCandidates';
import { checkChanges, knownVillages } from '../../src/db/lineageCheck';
import {
  acceptCandidate,
  ChangeProblemsError,
  dismissChangeCandidate,
  importVillageChanges,
  saveVillageChanges,
} from '../../src/queries/lineage';
import { problemText } from '../../src/views/data/lineageText';
import i18n, { i18nReady } from '../../src/i18n';
import { loadReportData } from '../../src/report/load';
import { generateReport } from '../../src/report/generate';
import { fixtureBytes, freshDb, importFixture } from './helpers';

const T = { county: '青山县', township: '柳溪镇' };
const key = (v: string) => `name:青山县|柳溪镇|${v}`;
const LIWANG = key('李王村');
const ZHANG = key('张庄社区');

const CHANGES: NewChange[] = [
  {
    kind: 'merge',
    old_key: key('李家村'),
    old_name: '李家村',
    new_key: LIWANG,
    new_name: '李王村',
    effective_cycle: 2021,
    note: null,
    source: 'ui',
  },
  {
    kind: 'merge',
    old_key: key('王家村'),
    old_name: '王家村',
    new_key: LIWANG,
    new_name: '李王村',
    effective_cycle: 2021,
    note: null,
    source: 'ui',
  },
  {
    kind: 'rename',
    old_key: key('张庄村'),
    old_name: '张庄村',
    new_key: ZHANG,
    new_name: '张庄社区',
    effective_cycle: 2018,
    note: null,
    source: 'ui',
  },
];

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  await importFixture(db, 'lineage-results-gb18030.csv');
  await importFixture(db, 'lineage-members.csv');
});
afterAll(async () => {
  await db.close();
});

const trend = (village: string, metric: MetricQuery['metrics'][number], body: MetricQuery['body']): MetricQuery => ({
  metrics: [metric],
  ...T,
  village,
  cycles: [],
  body,
  role: 'all',
  groupBy: ['cycle'],
});
const byCycle = (rows: MetricRow[]) => rows.map((r) => [r.cycle_year, r.numerator, r.denominator, r.shown]);

describe('without changes recorded', () => {
  it('a merged village has only its own cycle', async () => {
    const rows = await queryMetrics(db, trend(LIWANG, 'turnout', 'village_committee'));
    expect(byCycle(rows)).toEqual([[2021, 1890, 2100, 90]]);
  });
});

describe('with the merge and the rename recorded', () => {
  beforeAll(async () => {
    await replaceChanges(db, CHANGES);
  });

  it('keeps the changes with ids', async () => {
    const saved = await listChanges(db);
    expect(saved.map((c) => [c.kind, c.old_name, c.new_name, c.effective_cycle])).toEqual([
      ['rename', '张庄村', '张庄社区', 2018],
      ['merge', '李家村', '李王村', 2021],
      ['merge', '王家村', '李王村', 2021],
    ]);
    expect(new Set(saved.map((c) => c.change_id)).size).toBe(3);
  });

  it("sums the predecessors' voters, not their rates, in the merged village's earlier cycles", async () => {
    const rows = await queryMetrics(db, trend(LIWANG, 'turnout', 'village_committee'));
    expect(byCycle(rows)).toEqual([
      [2015, 1720, 2000, 86],
      [2018, 1790, 2070, 86.5],
      [2021, 1890, 2100, 90],
    ]);
    // The mean of 李家村's 88.0% and 王家村's 84.1% would be 86.1.
    expect(rows[1]!.coverage).toEqual({ covered: 2, of: 2 });
  });

  it("sums the predecessors' persons for a person rate", async () => {
    const rows = await queryMetrics(db, trend(LIWANG, 'women_share', 'all'));
    expect(byCycle(rows)).toEqual([
      [2018, 2, 8, 25],
      [2021, 2, 5, 40],
    ]);
    const villages = await queryMetrics(db, trend(LIWANG, 'villages', 'all'));
    expect(byCycle(villages)).toEqual([
      [2015, 2, null, 2],
      [2018, 2, null, 2],
      [2021, 1, null, 1],
    ]);
  });

  it('continues a renamed village under its new name', async () => {
    const rows = await queryMetrics(db, trend(ZHANG, 'turnout', 'village_committee'));
    expect(byCycle(rows)).toEqual([
      [2015, 850, 1000, 85],
      [2018, 900, 1050, 85.7],
      [2021, 990, 1100, 90],
    ]);
  });

  it('groups the villages of a township across cycles by their successor', async () => {
    const rows = await queryMetrics(db, { ...trend(LIWANG, 'turnout', 'village_committee'), village: null, groupBy: ['village', 'cycle'] });
    expect(rows.map((r) => [r.village, r.cycle_year, r.numerator, r.denominator])).toEqual([
      ['张庄社区', 2015, 850, 1000],
      ['张庄社区', 2018, 900, 1050],
      ['张庄社区', 2021, 990, 1100],
      ['李王村', 2015, 1720, 2000],
      ['李王村', 2018, 1790, 2070],
      ['李王村', 2021, 1890, 2100],
      ['河东村', 2015, 810, 900],
      ['河东村', 2018, 800, 910],
      ['河东村', 2021, 830, 920],
    ]);
  });

  it('leaves a single cycle and the township level as they were', async () => {
    const one = await queryMetrics(db, {
      ...trend(LIWANG, 'turnout', 'village_committee'),
      village: null,
      cycles: [2018],
      groupBy: ['village'],
    });
    expect(one.map((r) => r.village).sort()).toEqual(['张庄社区', '李家村', '河东村', '王家村'].sort());
    const township = await queryMetrics(db, { ...trend(LIWANG, 'turnout', 'village_committee'), village: null });
    expect(byCycle(township)).toEqual([
      [2015, 3380, 3900, 86.7],
      [2018, 3490, 4030, 86.6],
      [2021, 3710, 4120, 90],
    ]);
  });

  it('maps every village of every cycle in the village_lineage view', async () => {
    const rows = await db.query<{ village_key: string; cycle_year: number; lineage_key: string }>(
      'SELECT village_key, cycle_year, lineage_key FROM village_lineage ORDER BY cycle_year, village_key',
    );
    expect(rows).toHaveLength(11);
    const of = (v: string, y: number) => rows.find((r) => r.village_key === key(v) && r.cycle_year === y)?.lineage_key;
    expect([of('李家村', 2015), of('王家村', 2018), of('张庄村', 2015), of('河东村', 2018), of('李王村', 2021)]).toEqual([
      LIWANG,
      LIWANG,
      ZHANG,
      key('河东村'),
      LIWANG,
    ]);
  });

  it("says in the report's change paragraph whose figures the previous cycle's are", async () => {
    const data = await loadReportData(db, { ...T, village: LIWANG }, ['青山县', '柳溪镇', '李王村'], 2021, 2018);
    expect(data.lineage).toEqual({ kind: 'merge', names: ['李家村', '王家村'] });
    const turnout2018 = data.rows.all.find((r) => r.metric === 'turnout' && r.cycle_year === 2018 && r.body === 'village_committee');
    expect([turnout2018?.numerator, turnout2018?.denominator]).toEqual([1790, 2070]);
    const change = generateReport(data, 'zh')
      .find((s) => s.id === 'change')!
      .paragraphs.join('');
    expect(change).toContain('参选率由86.5%提高到90.0%（+3.5个百分点）');
    expect(change).toContain('（2018年数据含合并前 李家村、王家村 数据，为各村分子、分母之和。）');
  });

  it('marks the figures that include predecessors', async () => {
    const marks = await lineageMarks(db);
    expect(marks.merged).toEqual([
      { lineage_key: ZHANG, cycle_year: 2015, kind: 'rename', predecessors: ['张庄村'] },
      { lineage_key: LIWANG, cycle_year: 2015, kind: 'merge', predecessors: ['李家村', '王家村'] },
      { lineage_key: LIWANG, cycle_year: 2018, kind: 'merge', predecessors: ['李家村', '王家村'] },
    ]);
  });
});

describe('a split', () => {
  it('is not followed: the old village keeps its figures, the new one is marked', async () => {
    // As if 河东村 had been split, part of it going to 李王村 in 2021.
    const split: NewChange = { ...CHANGES[0]!, kind: 'split', old_key: key('河东村'), old_name: '河东村' };
    await replaceChanges(db, [...CHANGES, split]);
    const rows = await queryMetrics(db, trend(LIWANG, 'turnout', 'village_committee'));
    expect(byCycle(rows).map((r) => r.slice(0, 3))).toEqual([
      [2015, 1720, 2000],
      [2018, 1790, 2070],
      [2021, 1890, 2100],
    ]);
    const hedong = await queryMetrics(db, trend(key('河东村'), 'turnout', 'village_committee'));
    expect(byCycle(hedong).map((r) => r[0])).toEqual([2015, 2018, 2021]);
    expect((await lineageMarks(db)).splits).toEqual([{ new_key: LIWANG, old_name: '河东村', effective_cycle: 2021 }]);
    await replaceChanges(db, CHANGES);
  });
});

describe('candidates, checks and the CSV of changes', () => {
  let fresh: Db;
  beforeAll(async () => {
    fresh = await freshDb();
    await importFixture(fresh, 'lineage-results-gb18030.csv');
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('proposes the merge and the rename from the villages that come and go', async () => {
    const found = await changeCandidates(fresh);
    expect(found.map((c) => [c.kind, c.olds.map((o) => o.name), c.news.map((n) => n.name), c.effectiveCycle, c.shared])).toEqual([
      ['rename', ['张庄村'], ['张庄社区'], 2018, '张庄'],
      ['merge', ['李家村', '王家村'], ['李王村'], 2021, '李王'],
    ]);
  });

  it('dismisses a candidate for good and accepts one into the table', async () => {
    const [rename, merge] = await changeCandidates(fresh);
    await dismissChangeCandidate(fresh, rename!);
    expect((await changeCandidates(fresh)).map((c) => c.kind)).toEqual(['merge']);
    await acceptCandidate(fresh, merge!);
    expect((await listChanges(fresh)).map((c) => [c.kind, c.old_name, c.new_name, c.source])).toEqual([
      ['merge', '李家村', '李王村', 'proposed-accepted'],
      ['merge', '王家村', '李王村', 'proposed-accepted'],
    ]);
    expect(await changeCandidates(fresh)).toEqual([]);
    const rows = await queryMetrics(fresh, trend(LIWANG, 'turnout', 'village_committee'));
    expect(byCycle(rows)[1]).toEqual([2018, 1790, 2070, 86.5]);
    await replaceChanges(fresh, []);
  });

  it('refuses a CSV with a bad row whole, naming the row and the village', async () => {
    const error = await importVillageChanges(fresh, fixtureBytes('village-changes-bad.csv'), 'village-changes-bad.csv').catch((e) => e);
    expect(error).toBeInstanceOf(ChangeProblemsError);
    expect((error as ChangeProblemsError).problems).toEqual([{ row: 4, code: 'unknown_village', name: '赵家村' }]);
    expect(await listChanges(fresh)).toEqual([]);
    await i18nReady;
    const text = problemText((error as ChangeProblemsError).problems[0]!, i18n.t.bind(i18n) as never);
    expect(text).toBe('第 4 行：没有名为“赵家村”的村，请检查村名或填写区划代码');
  });

  it('imports the changes of a GB18030 CSV, and a second time adds nothing', async () => {
    expect(await importVillageChanges(fresh, fixtureBytes('village-changes-gb18030.csv'), 'village-changes-gb18030.csv')).toBe(3);
    expect(await importVillageChanges(fresh, fixtureBytes('village-changes-gb18030.csv'), 'village-changes-gb18030.csv')).toBe(0);
    expect((await listChanges(fresh)).map((c) => [c.kind, c.old_name, c.new_name, c.effective_cycle, c.source])).toEqual([
      ['rename', '张庄村', '张庄社区', 2018, 'csv'],
      ['merge', '李家村', '李王村', 2021, 'csv'],
      ['merge', '王家村', '李王村', 2021, 'csv'],
    ]);
    const rows = await queryMetrics(fresh, trend(ZHANG, 'turnout', 'village_committee'));
    expect(byCycle(rows)[0]).toEqual([2015, 850, 1000, 85]);
  });

  it('imports the same changes from an office workbook with a title row and other headers', async () => {
    await replaceChanges(fresh, []);
    expect(await importVillageChanges(fresh, fixtureBytes('village-changes.xlsx'), 'village-changes.xlsx')).toBe(3);
    expect((await listChanges(fresh)).map((c) => [c.kind, c.old_name, c.new_name, c.effective_cycle, c.note])).toEqual([
      ['rename', '张庄村', '张庄社区', 2018, '村改居'],
      ['merge', '李家村', '李王村', 2021, null],
      ['merge', '王家村', '李王村', 2021, null],
    ]);
  });

  it('refuses unknown villages, cycles out of order and a loop', async () => {
    const villages = await knownVillages(fresh);
    const c = (old: string, neu: string, y: number, kind: NewChange['kind'] = 'rename'): NewChange => ({
      kind,
      old_key: key(old),
      old_name: old,
      new_key: key(neu),
      new_name: neu,
      effective_cycle: y,
      note: null,
      source: 'ui',
    });
    const codes = (list: NewChange[]) => checkChanges(list, villages).map((p) => [p.row, p.code]);
    expect(codes([c('李家村', '赵家村', 2021)])).toEqual([[1, 'unknown_village']]);
    // Backwards: 李王村 has no cycle before 2021, 李家村 none from 2021 on.
    expect(codes([c('李王村', '李家村', 2021)])).toEqual([
      [1, 'old_not_before'],
      [1, 'new_not_after'],
    ]);
    // The rename out of 张庄社区 comes before the change that made it.
    expect(codes([c('张庄村', '张庄社区', 2018), c('张庄社区', '河东村', 2018)])).toEqual([
      [2, 'old_not_before'],
      [2, 'out_of_order'],
    ]);
    // A loop always runs back in time somewhere: both are said.
    expect(codes([c('河东村', '张庄社区', 2018), c('张庄社区', '河东村', 2021)])).toEqual([
      [1, 'out_of_order'],
      [1, 'loop'],
      [2, 'loop'],
    ]);
    expect(codes([c('李家村', '李王村', 2021, 'merge'), c('李家村', '河东村', 2021, 'merge')])).toEqual([[2, 'two_successors']]);
    await expect(saveVillageChanges(fresh, [c('李家村', '赵家村', 2021)])).rejects.toBeInstanceOf(ChangeProblemsError);
  });
});

describe('persons across a merge', () => {
  // 李王村's 2021 committee (tests/fixtures/lineage-members.csv): 李长青 and 李秀兰 were on 李家村's
  // 2018 committee, 王建军 on 王家村's; 陈丽 and 孙强 are new. 8 sat on the two committees in 2018,
  // so 5 left (李志刚, 周小红, 吴国栋, 王德胜, 赵明). Without the merge recorded all 5 are new.
  const turnover = async () => {
    const rows = await queryMetrics(db, {
      metrics: ['continued_members', 'newly_elected_members', 'left_members'],
      ...T,
      village: LIWANG,
      cycles: [2021],
      body: 'village_committee',
      role: 'all',
      groupBy: ['cycle'],
    });
    return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
  };

  it('links the merged village’s members to its predecessors once the merge is recorded', async () => {
    await saveVillageChanges(db, []);
    expect(await turnover()).toMatchObject({ continued_members: null, newly_elected_members: null });
    await saveVillageChanges(db, CHANGES);
    expect(await turnover()).toMatchObject({ continued_members: 3, newly_elected_members: 2, left_members: 5 });
  });
});
