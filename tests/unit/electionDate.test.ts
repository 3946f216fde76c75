import { describe, expect, it } from 'vitest';
import { normalizeRow } from '../../src/import/normalizeRow';
import { parseElectionDate, parseMarkFlag, parseVillageMark } from '../../src/import/normalize';

describe('election date (选举日期)', () => {
  it.each([
    ['2021年11月28日', '2021-11-28'],
    ['2021年1月8日', '2021-01-08'],
    ['2021年11月28号', '2021-11-28'],
    ['2021-11-28', '2021-11-28'],
    ['2021/11/28', '2021-11-28'],
    ['2021.11.28', '2021-11-28'],
    ['2021.1.8', '2021-01-08'],
    ['20211128', '2021-11-28'],
    ['２０２１年１１月２８日', '2021-11-28'],
    ['2021-11-28 00:00:00', '2021-11-28'],
    ['44528', '2021-11-28'], // an Excel serial left in a General column
    ['44528.0', '2021-11-28'],
    ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (raw, iso) => {
    expect(parseElectionDate(raw)).toEqual({ value: iso });
  });

  it.each(['2021-02-30', '2021年13月1日', '2023-02-29', '20211332', '11月28日', '2021-11', '12345', '99999', 'abc'])(
    'an impossible or unreadable date is an issue naming the value: %s',
    (raw) => {
      expect(parseElectionDate(raw)).toEqual({ value: null, issue: { code: 'bad_date', params: { value: raw } } });
    },
  );

  it('is empty for a blank cell, and a placeholder is said', () => {
    expect(parseElectionDate('')).toEqual({ value: null });
    expect(parseElectionDate('—').issue?.code).toBe('placeholder');
  });

  const columns = [
    { header: '村名', field: 'village' as const },
    { header: '换届年份', field: 'cycle_year' as const },
    { header: '组织', field: 'body' as const },
    { header: '选举日期', field: 'election_date' as const },
  ];
  it('a row keeps the date; a date outside the cycle year is a warning naming it', () => {
    const ok = normalizeRow('results', ['李家村', '2021', '村委会', '2021年11月28日'], 2, columns, {});
    expect(ok.values.election_date).toBe('2021-11-28');
    expect(ok.status).toBe('ok');
    const off = normalizeRow('results', ['李家村', '2021', '村委会', '2020/11/28'], 3, columns, {});
    expect(off.values.election_date).toBe('2020-11-28');
    expect(off.status).toBe('warning');
    expect(off.issues.map((i) => [i.code, i.params])).toEqual([['date_outside_cycle', { date: '2020-11-28', year: 2021 }]]);
    const bad = normalizeRow('results', ['李家村', '2021', '村委会', '2021-02-30'], 4, columns, {});
    expect(bad.values.election_date).toBeNull();
    expect(bad.issues.map((i) => [i.code, i.value, i.column])).toEqual([['bad_date', '2021-02-30', '选举日期']]);
  });
});

describe('重点村 / 难点村', () => {
  it.each([
    ['重点村', { key: true, difficult: false }],
    ['难点村', { key: false, difficult: true }],
    ['重点、难点村', { key: true, difficult: true }],
    ['软弱涣散村', { key: false, difficult: true }],
    ['一般村', { key: false, difficult: false }],
    ['否', { key: false, difficult: false }],
  ])('村类别 %s', (raw, mark) => {
    expect(parseVillageMark(raw)).toEqual({ value: mark });
  });
  it('an unknown category is an issue', () => {
    expect(parseVillageMark('甲类').issue).toEqual({ code: 'unknown_village_mark', params: { value: '甲类' } });
  });
  it('a 是否重点村 / 难点村 column reads yes/no or the list name', () => {
    expect(parseMarkFlag('是', 'key').value).toBe(true);
    expect(parseMarkFlag('√', 'difficult').value).toBe(true);
    expect(parseMarkFlag('否', 'difficult').value).toBe(false);
    expect(parseMarkFlag('难点村', 'difficult').value).toBe(true);
    expect(parseMarkFlag('一般村', 'key').value).toBe(false);
    expect(parseMarkFlag('某某', 'key').issue?.code).toBe('not_a_bool');
  });
  it('a row stores both marks from whichever columns it has', () => {
    const cols = [
      { header: '村名', field: 'village' as const },
      { header: '换届年份', field: 'cycle_year' as const },
      { header: '组织', field: 'body' as const },
      { header: '是否难点村', field: 'difficult_village' as const },
    ];
    const r = normalizeRow('results', ['李家村', '2021', '村委会', '是'], 2, cols, {});
    expect([r.values.is_key_village, r.values.is_difficult_village]).toEqual([null, true]);
    const c = normalizeRow(
      'results',
      ['李家村', '2021', '村委会', '重点村'],
      2,
      [...cols.slice(0, 3), { header: '村类别', field: 'village_category' }],
      {},
    );
    expect([c.values.is_key_village, c.values.is_difficult_village]).toEqual([true, false]);
  });
});
