/** A sheet of village changes read (src/import/villageChanges.ts) and the candidates the data suggests (src/db/lineageCandidates.ts). */
import { describe, expect, it } from 'vitest';
import { proposeChanges } from '../../src/db/lineageCandidates';
import { changeKindOf, cycleYearOf, parseChangeSheet } from '../../src/import/villageChanges';

describe('a sheet of village changes', () => {
  it('finds its header under a title row, by any alias, and reads each row', () => {
    const rows = [
      ['柳溪镇村级建制调整情况表', '', '', '', ''],
      ['乡镇', '原村', '新村（社区）', '类型', '生效年份'],
      ['柳溪镇', '李家村委会', '李王村', '撤并', '2021年'],
      ['', '', '', '', ''],
      ['柳溪镇', '张庄村', '张庄社区', '村改居', '2018'],
    ];
    const { rows: out, problems } = parseChangeSheet(rows, [1, 2, 3, 4, 5]);
    expect(problems).toEqual([]);
    expect(out.map((r) => [r.line, r.kind, r.oldName, r.newName, r.effectiveCycle, r.township])).toEqual([
      [3, 'merge', '李家村', '李王村', 2021, '柳溪镇'],
      [5, 'rename', '张庄村', '张庄社区', 2018, '柳溪镇'],
    ]);
  });

  it('names each bad row: a kind not understood, an ordinal instead of a year, a missing village', () => {
    const rows = [
      ['原村名称', '新村名称', '变更类型', '生效届次'],
      ['李家村', '李王村', '调整', '2021'],
      ['王家村', '李王村', '合并', '第十二届'],
      ['', '李王村', '合并', '2021'],
    ];
    expect(parseChangeSheet(rows, [1, 2, 3, 4]).problems).toEqual([
      { code: 'bad_kind', line: 2, value: '调整' },
      { code: 'bad_cycle', line: 3, value: '第十二届' },
      { code: 'no_village', line: 4, value: '' },
    ]);
  });

  it('refuses a sheet without the header', () => {
    expect(parseChangeSheet([['村名', '登记选民数']], [1]).problems).toEqual([{ code: 'no_header', missing: ['kind', 'effective_cycle'] }]);
  });

  it('reads kinds and years as offices write them', () => {
    expect(['合并', '拆分', '更名', 'Merge', ' 改名 ', '调整'].map(changeKindOf)).toEqual([
      'merge',
      'split',
      'rename',
      'merge',
      'rename',
      null,
    ]);
    expect(['2021', '2021年', ' 2018 ', '21', '第十一届', '3000'].map(cycleYearOf)).toEqual([2021, 2021, 2018, null, null, null]);
  });
});

describe('candidates', () => {
  const vc = (village: string, cycle_year: number, township = '柳溪镇') => ({
    county: '青山县',
    township,
    village_key: `name:青山县|${township}|${village}`,
    village,
    cycle_year,
  });

  it('proposes a split, a merge and a rename by shared characters, within a township only', () => {
    const rows = [
      vc('东山村', 2018),
      vc('李家村', 2018),
      vc('王家村', 2018),
      vc('河西村', 2018),
      vc('东山一村', 2021),
      vc('东山二村', 2021),
      vc('李王村', 2021),
      vc('河西社区', 2021),
      vc('王家村', 2018, '石桥镇'),
      vc('王家新村', 2021, '石桥镇'),
    ];
    const found = proposeChanges(rows, new Set());
    expect(
      found.map((c) => [c.township, c.kind, c.olds.map((o) => o.name).join('+'), c.news.map((n) => n.name).join('+'), c.shared]),
    ).toEqual([
      ['柳溪镇', 'split', '东山村', '东山一村+东山二村', '东山'],
      ['柳溪镇', 'merge', '李家村+王家村', '李王村', '李王'],
      ['柳溪镇', 'rename', '河西村', '河西社区', '河西'],
      ['石桥镇', 'rename', '王家村', '王家新村', '王'],
    ]);
    // 家 and 新 say nothing: 张家村 gone and 李家新村 new are not paired.
    expect(proposeChanges([vc('张家村', 2018), vc('李家新村', 2021)], new Set())).toEqual([]);
    // A village already in a recorded change is not proposed again.
    expect(proposeChanges([vc('李家村', 2018), vc('李王村', 2021)], new Set([rows[1]!.village_key]))).toEqual([]);
  });
});
