import { describe, expect, it } from 'vitest';
import { detectHeader } from '../../src/import/layout';
import { detectKind, matchHeader } from '../../src/import/headers';
import { FIELDS } from '../../src/import/fields';
import { classifyRow, checkTotals } from '../../src/import/rowKinds';

describe('matchHeader', () => {
  it('recognises every alias of the field catalogue', () => {
    for (const f of FIELDS) for (const a of f.aliases) expect(matchHeader(a), a).not.toBeNull();
  });

  it('ignores spaces, full-width forms, bracketed notes and units', () => {
    expect(matchHeader('参选率(%)')).toBe('turnout_reported');
    expect(matchHeader('参选率（％）')).toBe('turnout_reported');
    expect(matchHeader(' 登 记 选 民 数 ')).toBe('registered_voters');
    expect(matchHeader('县(市、区)')).toBe('county');
    expect(matchHeader('乡(镇、街道)')).toBe('township');
    expect(matchHeader('村（社区）')).toBe('village');
    expect(matchHeader('登记选民数（人）')).toBe('registered_voters');
    expect(matchHeader('得票数(票)')).toBe('votes');
    expect(matchHeader('Registered Voters')).toBe('registered_voters');
    expect(matchHeader('ＮＡＭＥ')).toBe('name');
    expect(matchHeader('备注')).toBeNull();
  });

  it('covers every Chinese header docs/domain.md lists', () => {
    const domain = [
      '县',
      '县(市、区)',
      '市',
      '区',
      '旗',
      '乡镇',
      '乡(镇、街道)',
      '乡镇(街道)',
      '街道',
      '村',
      '村名',
      '行政村',
      '村(社区)',
      '社区',
      '区划代码',
      '统计用区划代码',
      '村代码',
      '年份',
      '换届年份',
      '选举年份',
      '届次',
      '组织',
      '机构',
      '选举类型',
      '类别',
      '有选举权人数',
      '应登记选民',
      '登记选民数',
      '选民数',
      '登记选民',
      '参加投票人数',
      '参选人数',
      '投票人数',
      '实际参选',
      '参选率',
      '党员数',
      '应到会党员',
      '实到会党员',
      '参加选举党员',
      '发出选票',
      '收回选票',
      '有效票',
      '无效票',
      '应选职数',
      '职数',
      '一次选举成功',
      '是否一次选举成功',
      '选举轮次',
      '人口',
      '户数',
      '村民小组',
      '姓名',
      '职务',
      '性别',
      '出生年月',
      '年龄',
      '文化程度',
      '学历',
      '民族',
      '政治面貌',
      '是否党员',
      '是否连任',
      '得票数',
      '大学生村官',
    ];
    for (const h of domain) expect(matchHeader(h), h).not.toBeNull();
  });
});

describe('detectHeader', () => {
  it('skips a title row and finds the header', () => {
    const rows = [
      ['青山县河东镇2021年第十二届村民委员会换届选举情况统计表', '', '', ''],
      ['村名', '登记选民数', '参加投票人数', '参选率'],
      ['李家村', '100', '90', '90%'],
    ];
    const h = detectHeader(rows)!;
    expect(h.headerIndex).toBe(1);
    expect(h.headerRowCount).toBe(1);
    expect(h.fields).toEqual(['village', 'registered_voters', 'voters_voted', 'turnout_reported']);
    expect(h.titleLines).toEqual(['青山县河东镇2021年第十二届村民委员会换届选举情况统计表']);
  });

  it('joins a two-row header whose group heading spans several columns', () => {
    const rows = [
      ['2021年村民委员会换届选举情况统计表', '', '', '', '', '', ''],
      ['村名', '登记选民数', '参加投票人数', '选票', '', '', ''],
      ['', '', '', '发出', '收回', '有效', '无效'],
      ['李家村', '100', '90', '90', '90', '88', '2'],
    ];
    const h = detectHeader(rows)!;
    expect(h.headerIndex).toBe(1);
    expect(h.headerRowCount).toBe(2);
    expect(h.fields).toEqual([
      'village',
      'registered_voters',
      'voters_voted',
      'ballots_issued',
      'ballots_returned',
      'ballots_valid',
      'ballots_invalid',
    ]);
    expect(h.headers[3]).toBe('选票/发出');
  });

  it('still offers the widest row for manual mapping when nothing is recognised', () => {
    const h = detectHeader([
      ['foo', 'bar', 'baz'],
      ['1', '2', '3'],
    ])!;
    expect(h.headerIndex).toBe(0);
    expect(h.fields).toEqual([null, null, null]);
  });

  it('looks past any number of blank rows above the header', () => {
    const blank = Array.from({ length: 20 }, () => ['', '', '']);
    const h = detectHeader([...blank, ['村名', '登记选民数', '参加投票人数'], ['李家村', '100', '90']])!;
    expect([h.headerIndex, h.fields]).toEqual([20, ['village', 'registered_voters', 'voters_voted']]);
    expect(detectHeader([...blank, ['{b}', '', '']])!.headerIndex).toBe(20);
  });
});

describe('detectKind', () => {
  it('tells results from rosters', () => {
    expect(detectKind(['village', 'cycle_year', 'registered_voters', 'voters_voted'])).toBe('results');
    expect(detectKind(['village', 'name', 'gender', 'role', 'birth'])).toBe('members');
    expect(detectKind(['village', 'cycle_year'])).toBeNull();
  });
});

describe('classifyRow and checkTotals', () => {
  const fields = ['village', 'registered_voters', 'voters_voted'] as const;
  it('classifies totals, notes and blank rows', () => {
    expect(classifyRow(['合计', '300', '250'], [...fields])).toBe('totals');
    expect(classifyRow(['合 计', '300', '250'], [...fields])).toBe('totals');
    expect(classifyRow(['河东镇小计', '300', '250'], [...fields])).toBe('totals');
    expect(classifyRow(['Total', '300', '250'], [...fields])).toBe('totals');
    expect(classifyRow(['填表人：张三  日期：2021年5月', '', ''], [...fields])).toBe('notes');
    expect(classifyRow(['备注：xx', '', ''], [...fields])).toBe('notes');
    expect(classifyRow(['', ' ', ''], [...fields])).toBe('blank');
    expect(classifyRow(['李家村', '100', '90'], [...fields])).toBe('data');
  });

  it('checks a total against the rows above and a subtotal against its own block', () => {
    const rows = [
      { cells: ['李家村', '100', '90'], kind: 'data' as const, rowNumber: 2 },
      { cells: ['王庄村', '200', '150'], kind: 'data' as const, rowNumber: 3 },
      { cells: ['小计', '300', '240'], kind: 'totals' as const, rowNumber: 4 },
      { cells: ['赵村', '50', '40'], kind: 'data' as const, rowNumber: 5 },
      { cells: ['合计', '350', '290'], kind: 'totals' as const, rowNumber: 6 },
    ];
    const checks = checkTotals(rows, [...fields], ['村', '登记选民数', '参加投票人数']);
    expect(checks).toHaveLength(2);
    expect(checks[0]!.mismatches).toEqual([]);
    expect(checks[0]!.compared).toBe(2);
    expect(checks[1]!.mismatches).toEqual([{ field: 'voters_voted', header: '参加投票人数', expected: 280, found: 290 }]);
  });
});
