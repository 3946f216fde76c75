/**
 * The statistical table as a third kind of file: its headers (one- and two-row, 人数 / 占比,
 * the same header meaning another field in a roster), its rows' normalisation and checks, and
 * the pure coverage helpers every view uses to say "not available" or "covers 3 of 4 villages".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trendOption } from '../../src/charts/trend';
import { pyramidOption } from '../../src/charts/pyramid';
import type { ChartText } from '../../src/charts/types';
import type { MetricRow } from '../../src/metrics/query';
import { detectKind, headerCandidates, matchHeader } from '../../src/import/headers';
import { detectHeader } from '../../src/import/layout';
import { normalizeRow, type ColumnSpec } from '../../src/import/normalizeRow';
import { columnsForKind, planSheet, prepareImport } from '../../src/import/pipeline';
import { readSource, type SourceSheet } from '../../src/import/read';
import { hasZipDirectory } from '../../src/import/read/workbook';
import { coverageLabel, coverageNote, figureValueText, support } from '../../src/metrics/coverage';
import { heatmapInput, pyramidInput, sharesByCycle, trendInput } from '../../src/charts/inputs';
import { withShown } from '../../src/metrics/figure';

describe('headers of a statistical table', () => {
  it('reads counts, their shares and the table-only fields', () => {
    expect(matchHeader('成员数')).toBe('n_members');
    expect(matchHeader('其中女性')).toBe('n_women');
    expect(matchHeader('女性人数')).toBe('n_women');
    expect(matchHeader('女性占比')).toBe('n_women_pct');
    expect(matchHeader('女性（%）')).toBe('n_women_pct');
    expect(matchHeader('妇女比例')).toBe('n_women_pct');
    expect(matchHeader('连任率')).toBe('n_reelected_pct');
    expect(matchHeader('少数民族')).toBe('n_minority');
    expect(matchHeader('35岁以下')).toBe('n_age_le35');
    expect(matchHeader('35周岁及以下（含35岁）')).toBe('n_age_le35');
    expect(matchHeader('60岁以上')).toBe('n_age_ge60');
    expect(matchHeader('36-45岁')).toBe('n_age_36_45');
    expect(matchHeader('36～45岁')).toBe('n_age_36_45');
    expect(matchHeader('46至55周岁')).toBe('n_age_46_55');
    expect(matchHeader('大专以上')).toBe('n_edu_college');
    expect(matchHeader('高中、中专')).toBe('n_edu_senior');
    expect(matchHeader('初中及以下')).toBe('n_edu_junior');
    expect(matchHeader('平均年龄（岁）')).toBe('mean_age');
    expect(matchHeader('交叉任职人数')).toBe('n_cross_holding');
    expect(matchHeader('书记主任“一肩挑”')).toBe('one_shoulder');
    // An age band the catalogue does not have is not read as one that it has.
    expect(matchHeader('41-50岁')).toBeNull();
    expect(matchHeader('30岁以下')).toBeNull();
  });

  it('lets the kind of file decide what 党员 or 连任 means', () => {
    expect(headerCandidates('党员')).toEqual(['party_member', 'n_party']);
    expect(matchHeader('党员', 'members')).toBe('party_member');
    expect(matchHeader('党员', 'stats')).toBe('n_party');
    expect(matchHeader('连任', 'members')).toBe('reelected');
    expect(matchHeader('连任', 'stats')).toBe('n_reelected');
    expect(matchHeader('大学生村官', 'stats')).toBe('n_cgo');
    expect(matchHeader('登记选民数', 'stats')).toBe('registered_voters');
    expect(matchHeader('党员', 'results')).toBeNull();
  });

  it('detects the kind: counts make a statistical table, voter figures alone stay a results file', () => {
    const kind = (headers: string[]) => detectKind(headers.map(headerCandidates));
    expect(kind(['村', '组织', '成员数', '女性', '党员', '连任', '平均年龄'])).toBe('stats');
    expect(kind(['村', '组织', '登记选民数', '参加投票人数', '成员数', '其中女性'])).toBe('stats');
    expect(kind(['村', '组织', '登记选民数', '参加投票人数', '参选率'])).toBe('results');
    expect(kind(['村', '姓名', '职务', '性别', '党员', '连任'])).toBe('members');
    expect(kind(['村', '备注'])).toBeNull();
  });

  it('joins a two-row header: 其中 over the bands, a field over 人数 / 占比, a lone 占比 beside a count', () => {
    const rows = [
      ['某镇2021年村“两委”换届选举情况统计表', '', '', '', '', '', '', '', ''],
      ['村', '组织', '成员数', '女性', '', '其中', '', '党员', '占比'],
      ['', '', '', '人数', '占比', '35岁以下', '60岁以上', '', ''],
      ['李家村', '村委会', '5', '2', '40%', '1', '0', '3', '60%'],
    ];
    const h = detectHeader(rows)!;
    expect([h.headerIndex, h.headerRowCount]).toEqual([1, 2]);
    expect(h.headers).toEqual(['村', '组织', '成员数', '女性/人数', '女性/占比', '其中/35岁以下', '其中/60岁以上', '党员', '占比']);
    const sheet: SourceSheet = {
      name: 's',
      rows,
      rowNumbers: rows.map((_, i) => i + 1),
      independentCount: rows.length,
      quoteRecovered: new Set(),
    };
    const plan = planSheet(sheet, 0, 'x.csv');
    expect(plan.kind).toBe('stats');
    expect(plan.columns.map((c) => c.field)).toEqual([
      'village',
      'body',
      'n_members',
      'n_women',
      'n_women_pct',
      'n_age_le35',
      'n_age_ge60',
      'n_party',
      'n_party_pct',
    ]);
    // Read as a roster, 党员 is the party-membership column and the counts have no field.
    expect(columnsForKind(plan.layout!, 'members').map((c) => c.field)).toEqual([
      'village',
      'body',
      null,
      null,
      null,
      null,
      null,
      'party_member',
      null,
    ]);
  });
});

describe('a statistical table row', () => {
  const cols = (headers: string[], fields: (string | null)[]): ColumnSpec[] =>
    headers.map((header, i) => ({ header, field: fields[i] as ColumnSpec['field'] }));
  const columns = cols(
    [
      '村',
      '年份',
      '组织',
      '成员数',
      '女性/人数',
      '女性/占比',
      '平均年龄',
      '大专以上',
      '高中中专',
      '初中及以下',
      '一肩挑',
      '登记选民数',
      '参加投票人数',
      '参选率',
    ],
    [
      'village',
      'cycle_year',
      'body',
      'n_members',
      'n_women',
      'n_women_pct',
      'mean_age',
      'n_edu_college',
      'n_edu_senior',
      'n_edu_junior',
      'one_shoulder',
      'registered_voters',
      'voters_voted',
      'turnout_reported',
    ],
  );
  const row = (over: Record<number, string> = {}) => {
    const cells = ['李家村', '2021', '村委会', '5', '2', '40.0%', '45.3岁', '2', '2', '1', '是', '1,286', '1174', '91.3%'];
    for (const [i, v] of Object.entries(over)) cells[Number(i)] = v;
    return normalizeRow('stats', cells, 4, columns, {});
  };

  it('normalises counts, the average age, the flag and the voter figures; the share is checked, kept as text', () => {
    const r = row();
    expect(r.issues).toEqual([]);
    expect(r.values).toMatchObject({
      n_members: 5,
      n_women: 2,
      n_women_pct: 40,
      mean_age: 45.3,
      n_edu_college: 2,
      one_shoulder: true,
      registered_voters: 1286,
      voters_voted: 1174,
      body: 'village_committee',
    });
    expect(r.extra).toEqual({ '女性/占比': '40.0%' });
  });

  it('warns when a reported share is not count ÷ 成员数, a count exceeds it, or the tiers do not add up', () => {
    const share = row({ 5: '50%' });
    expect(share.issues.map((i) => [i.code, i.column, i.params])).toEqual([
      ['share_mismatch', '女性/占比', { reported: 50, computed: 40 }],
    ]);
    const over = row({ 4: '6', 5: '' });
    expect(over.issues.map((i) => [i.code, i.column])).toEqual([['count_gt_members', '女性/人数']]);
    const tiers = row({ 9: '2' });
    expect(tiers.issues.map((i) => [i.code, i.params])).toEqual([['education_sum_mismatch', { sum: 6, members: 5 }]]);
    expect(row({ 6: '120' }).issues.map((i) => i.code)).toEqual(['age_out_of_range']);
    expect(row({ 13: '80%' }).issues.map((i) => i.code)).toEqual(['turnout_mismatch']);
    expect(row({ 3: '' }).issues.map((i) => i.code)).toEqual(['missing_members_count']);
    for (const r of [share, over, tiers]) expect(r.status).toBe('warning');
  });

  it('drops a count too large to be one (an area code in a count column) with a warning', () => {
    const r = row({ 11: '337501101205' });
    expect(r.values.registered_voters).toBeNull();
    expect(r.issues.map((i) => [i.code, i.column])).toEqual([['count_too_large', '登记选民数']]);
  });

  it('is rejected without a body, like a results row', () => {
    const r = row({ 2: '' });
    expect(r.status).toBe('rejected');
    expect(r.issues.map((i) => i.code)).toContain('missing_body');
  });

  it('a row repeated word for word is not imported twice; a 合计 row is skipped and checked', () => {
    const header = ['村', '年份', '组织', '成员数', '女性'];
    const rows = [
      header,
      ['李家村', '2021', '村委会', '5', '2'],
      ['李家村', '2021', '村委会', '5', '2'],
      ['王庄村', '2021', '村委会', '4', '1'],
      ['合计', '', '', '13', '4'],
    ];
    const sheet: SourceSheet = {
      name: 's',
      rows,
      rowNumbers: rows.map((_, i) => i + 1),
      independentCount: rows.length,
      quoteRecovered: new Set(),
    };
    const plan = planSheet(sheet, 0, 'x.csv');
    const p = prepareImport(sheet, plan.layout!, 'stats', plan.columns, {});
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'rejected', 'ok']);
    expect(p.totals[0]!.mismatches).toEqual([
      { field: 'n_members', header: '成员数', expected: 14, found: 13 },
      { field: 'n_women', header: '女性', expected: 5, found: 4 },
    ]);
  });
});

describe('coverage: what a figure stands for', () => {
  it('tells full, partial, not available and no data apart', () => {
    expect(support({ covered: 4, of: 4 })).toBe('full');
    expect(support({ covered: 3, of: 4 })).toBe('partial');
    expect(support({ covered: 0, of: 4 })).toBe('none');
    expect(support({ covered: 0, of: 0 })).toBe('empty');
    expect(figureValueText(null, 'percent', { covered: 0, of: 4 }, 'zh')).toBe('数据不支持');
    expect(figureValueText(null, 'percent', { covered: 0, of: 0 }, 'zh')).toBe('—');
    expect(figureValueText(35, 'percent', { covered: 3, of: 4 }, 'en')).toBe('35.0%');
    expect(coverageLabel({ covered: 3, of: 4 }, 'zh')).toBe('覆盖 3/4 个村');
    expect(coverageLabel({ covered: 4, of: 4 }, 'zh')).toBeNull();
  });

  it('gives a chart one note: the partial figures, the blanks, or that nothing is supported', () => {
    const f = (label: string, covered: number, of: number) => ({ label, coverage: { covered, of } });
    expect(coverageNote([f('a', 4, 4), f('b', 0, 0)], 'zh')).toBeNull();
    expect(coverageNote([f('a', 0, 4), f('b', 0, 2)], 'zh')).toBe('所选数据不支持该指标');
    expect(coverageNote([f('2017年', 40, 60), f('2021年', 60, 60), f('2014年', 0, 60)], 'zh')).toBe(
      '部分村的数据不支持该指标，按其余村计算：2017年 40/60；1 项数据不支持，留空',
    );
    expect(coverageNote([f('x', 1, 2), f('y', 1, 3), f('z', 2, 3)], 'en')).toBe(
      'Computed over the villages whose data supports it: x 1/2, y 1/3 and 1 more',
    );
  });
});

describe('charts say what their figures cover', () => {
  const text: ChartText = { title: '妇女占比', subtitle: '河口县', denominator: '分母：性别已知的成员', lang: 'zh' };
  const r = (p: Partial<Omit<MetricRow, 'shown'>>): MetricRow =>
    withShown([
      {
        body: 'all' as const,
        metric: 'women_share' as const,
        value: null,
        numerator: null,
        denominator: null,
        coverage: { covered: 1, of: 1 },
        ...p,
      },
    ])[0]!;

  it('a trend with a partial cycle carries the note, and makes room for it above the plot', () => {
    const rows = [
      r({ cycle_year: 2017, value: 20, coverage: { covered: 40, of: 60 } }),
      r({ cycle_year: 2021, value: 30, coverage: { covered: 60, of: 60 } }),
    ];
    const input = trendInput(text, 'women_share', [2017, 2021], [{ key: 'own', label: '河口县', rows }]);
    expect(input.text.note).toBe('部分村的数据不支持该指标，按其余村计算：河口县 2017年 40/60');
    const full = trendOption(trendInput(text, 'women_share', [2021], [{ key: 'own', label: '河口县', rows }]));
    const noted = trendOption(input);
    expect((noted.title as { subtext: string }).subtext.split('\n')).toHaveLength(3);
    expect((noted.grid as { top: number }).top).toBeGreaterThan((full.grid as { top: number }).top);
  });

  it('a chart of figures the data does not support says so, not "no data"', () => {
    const none = heatmapInput(
      text,
      'women_share',
      [2021],
      [r({ village_key: 'k', village: '李家村', cycle_year: 2021, coverage: { covered: 0, of: 1 } })],
      'village',
    );
    expect(none.text.emptyText).toBe('所选数据不支持该指标');
    const pyramid = pyramidOption(pyramidInput(text, [], { covered: 0, of: 20 }));
    expect((pyramid.graphic as { style: { text: string } }[])[0]!.style.text).toBe('所选数据不支持该指标');
    expect((pyramidOption(pyramidInput(text, [])).graphic as { style: { text: string } }[])[0]!.style.text).toBe('暂无数据');
  });

  it('stacked parts read one coverage per cycle', () => {
    const rows = [
      r({ metric: 'edu_college_share', cycle_year: 2021, numerator: 3, coverage: { covered: 2, of: 4 } }),
      r({ metric: 'edu_senior_share', cycle_year: 2021, numerator: 1, coverage: { covered: 2, of: 4 } }),
    ];
    expect(sharesByCycle(text, ['edu_college_share', 'edu_senior_share'], [2021], rows, 'zh').text.note).toBe(
      '部分村的数据不支持该指标，按其余村计算：2021年 2/4',
    );
  });
});

describe('a damaged workbook', () => {
  it('a truncated .xlsx (no zip directory) is refused at once instead of hanging the reader', () => {
    const whole = new Uint8Array(readFileSync(new URL('../fixtures/stats-taoyuan.xlsx', import.meta.url)));
    expect(hasZipDirectory(whole)).toBe(true);
    // The first 39 bytes: a local file header cut inside its name (found by the fuzz test).
    const cut = whole.slice(0, 39);
    expect(hasZipDirectory(cut)).toBe(false);
    const t0 = performance.now();
    const source = readSource(cut, 'stats-taoyuan.xlsx');
    expect(source.error?.code).toBe('unreadable_workbook');
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(readSource(whole, 'stats-taoyuan.xlsx').sheets[0]!.rows.length).toBeGreaterThan(10);
  });
});
