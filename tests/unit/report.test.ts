import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { Packer } from 'docx';
import type { MetricRow } from '../../src/metrics/query';
import type { RuleSummary } from '../../src/metrics/ruleChecks';
import { reportDocument } from '../../src/export/docx';
import type { MetricId } from '../../src/metrics/catalogue';
import type { FigureGroup, ReportData } from '../../src/report/data';
import { generateReport, reportTitle } from '../../src/report/generate';
import { figuresTable, rulesTable } from '../../src/report/tables';
import { listToParam, reportCharts, reportTables, toggle } from '../../src/views/report/reportParams';
import { withShown } from '../../src/metrics/figure';

type Fig = [MetricId, number | null, number | null, number | null, string?];

/** Metric rows as the catalogue returns them: [metric, value, numerator, denominator, body]. */
function rows(cycle: number, figs: Fig[]): MetricRow[] {
  return withShown(
    figs.map(([metric, value, numerator, denominator, body]) => ({
      metric,
      value,
      numerator,
      denominator,
      body: (body ?? 'all') as MetricRow['body'],
      cycle_year: cycle,
      coverage: { covered: 6, of: 6 },
    })),
  );
}

const NOW: Fig[] = [
  ['villages', 6, 6, null],
  ['bodies_elected', 6, 6, null, 'village_committee'],
  ['bodies_elected', 5, 5, null, 'party_branch'],
  ['turnout', 88.4, 8982, 10160, 'village_committee'],
  ['turnout', 84.9, 208, 245, 'party_branch'],
  ['invalid_ballot_rate', 1.0, 90, 8974, 'village_committee'],
  ['first_round_success_rate', (5 / 6) * 100, 5, 6, 'village_committee'],
  ['members', 10, 10, null],
  ['women_share', 30, 3, 10],
  ['avg_age', 41.9, 377, 9],
  ['age_le35_share', 22.2, 2, 9],
  ['edu_college_share', 40, 4, 10],
  ['cross_holding_rate', 20, 2, 10],
  ['one_shoulder_rate', 50, 1, 2],
  ['reelection_rate', 60, 6, 10],
];
const BEFORE: Fig[] = [
  ['turnout', 85.0, 8500, 10000, 'village_committee'],
  ['women_share', 25, 3, 12],
  ['members', 12, 12, null],
  ['avg_age', 45.2, 542.4, 12],
  ['one_shoulder_rate', 50, 1, 2],
];
const RULES: RuleSummary[] = [
  { rule: 'turnout_not_over_half', checked: 6, breaches: 2, villages: 2 },
  { rule: 'returned_gt_issued', checked: 6, breaches: 0, villages: 0 },
  { rule: 'branch_quorum', checked: 0, breaches: 0, villages: 0 },
];

function data(over: Partial<ReportData> = {}, groups: Partial<Record<FigureGroup, MetricRow[]>> = {}): ReportData {
  return {
    place: ['青山县', '河东镇'],
    cycle: 2021,
    previousCycle: 2018,
    rows: {
      all: [...rows(2021, NOW), ...rows(2018, BEFORE)],
      village_committee: rows(2021, [['members', 6, 6, null]]),
      party_branch: rows(2021, [['members', 6, 6, null]]),
      secretaries: rows(2021, [
        ['members', 5, 5, null],
        ['avg_age', 47.5, 237.5, 5],
        ['women_share', 20, 1, 5],
      ]),
      ...groups,
    },
    rules: RULES,
    ...over,
  };
}

const text = (d: ReportData, lang: 'zh' | 'en' = 'zh') =>
  Object.fromEntries(generateReport(d, lang).map((s) => [s.id, s.paragraphs.join('\n')]));

describe('the generated report text', () => {
  it('writes the figures in the style of a work report', () => {
    const t = text(data());
    expect(t.overview).toBe(
      '2021年村“两委”换届选举，青山县河东镇共有6个村（社区）纳入统计，其中5个村党组织、6个村（居）民委员会填报了换届选举结果。',
    );
    expect(t.turnout).toContain('村（居）民委员会换届选举登记选民10,160人，参加投票8,982人，参选率88.4%。');
    expect(t.turnout).toContain('村党组织换届选举应到会党员245人，参加选举208人，参选率84.9%。');
    expect(t.turnout).toContain('填报选举轮次的6个村中，村（居）委会一次选举成功的5个，一次选举成功率83.3%。');
    expect(t.members).toContain('共选举产生村“两委”成员10名（交叉任职的只计一次），其中村党组织成员6名，村（居）委会成员6名。');
    expect(t.members).toContain('从性别看，女性3名，占30.0%。');
    expect(t.members).toContain('平均年龄41.9岁；35岁及以下2名，占22.2%');
    expect(t.members).toContain('村党组织书记5名，平均年龄47.5岁，女性1名，占20.0%。');
    expect(t.cross).toContain('交叉任职2人，占两委成员（去重）10人的20.0%');
    expect(t.cross).toContain('“一肩挑”的村1个，占两委成员名单齐全的2个村的50.0%');
    expect(t.reelection).toBe('在填写了是否连任的10名成员中，连任6名，连任率60.0%；新当选4名。');
  });

  it('compares with the previous cycle, as the figures are shown', () => {
    const t = text(data());
    expect(t.change).toContain('与上一届（2018年）相比，');
    expect(t.change).toContain('村（居）委会选举参选率由85.0%提高到88.4%（+3.4个百分点）');
    expect(t.change).toContain('当选两委成员由12名减少到10名（−2名）');
    expect(t.change).toContain('平均年龄由45.2岁下降到41.9岁（−3.3岁）');
    expect(t.change).toContain('“一肩挑”比例与上届持平（50.0%）');
    expect(text(data({ previousCycle: null })).change).toBe('数据中没有2021年以前的届次，暂无法与上届比较。');
  });

  it('reports the rule checks: what could be checked and what broke', () => {
    const t = text(data());
    expect(t.rules).toContain('对2项规则共12条记录进行了核查，发现不符合规定的记录2条，其中“投票人数未过登记选民半数”2条（涉及2个村）。');
    expect(text(data({ rules: RULES.map((r) => ({ ...r, breaches: 0, villages: 0 })) })).rules).toContain('未发现不符合规定的情况。');
    expect(text(data({ rules: [] })).rules).toBe('选举数据中缺少核查所需的数字，本届未能进行合规核查。');
  });

  it('leaves out what is missing and says when a whole part is', () => {
    const noRoster = data(
      {},
      {
        all: rows(
          2021,
          NOW.filter(
            ([m]) =>
              ![
                'members',
                'women_share',
                'avg_age',
                'age_le35_share',
                'edu_college_share',
                'cross_holding_rate',
                'one_shoulder_rate',
                'reelection_rate',
              ].includes(m),
          ),
        ),
      },
    );
    const t = text(noRoster);
    expect(t.members).toBe('本届未录入两委成员名单，当选成员结构情况暂缺。');
    expect(t.cross).toContain('暂缺');
    expect(t.reelection).toContain('暂缺');
    // No invented zero: figures that are not there are not in the text.
    expect(t.turnout).not.toContain('无效票率—');
    expect(Object.values(t).join('')).not.toContain('—');
    const partial = text(
      data(
        {},
        {
          all: rows(2021, [
            ['villages', 3, 3, null],
            ['members', 10, 10, null],
            ['women_share', 30, 3, 10],
          ]),
        },
      ),
    );
    expect(partial.members).toBe(
      '共选举产生村“两委”成员10名（交叉任职的只计一次），其中村党组织成员6名，村（居）委会成员6名。从性别看，女性3名，占30.0%。村党组织书记5名，平均年龄47.5岁，女性1名，占20.0%。',
    );
    expect(partial.turnout).toBe('本届未录入选举结果（选民数、投票人数），参选情况暂缺。');
    expect(partial.overview).toBe('2021年村“两委”换届选举，青山县河东镇共有3个村（社区）纳入统计。');
  });

  it('writes English when the UI is English', () => {
    const t = text(data(), 'en');
    expect(t.turnout).toContain("In the villagers' committee elections 10,160 voters were registered and 8,982 voted: a turnout of 88.4%.");
    expect(t.change).toContain("the turnout of the villagers' committee elections rose from 85.0% to 88.4% (+3.4 points)");
    expect(reportTitle(data(), 'en')).toBe('2021 village "two committees" elections in 河东镇, 青山县: the figures');
    expect(reportTitle(data(), 'zh')).toBe('青山县河东镇2021年村“两委”换届选举统计情况');
  });
});

describe('the report tables', () => {
  it('lists the key figures with the previous cycle and the change, and the checked rules', () => {
    const f = figuresTable(data(), 'zh');
    expect(f.columns.map((c) => c.header)).toEqual(['指标', '本届（2021年）', '上届（2018年）', '变化', '口径']);
    expect(f.rows.find((r) => r[0] === '村（居）委会选举参选率')?.slice(1, 4)).toEqual(['88.4%', '85.0%', '+3.4个百分点']);
    expect(f.rows.some((r) => r[0] === '少数民族占比')).toBe(false);
    expect(rulesTable(data(), 'zh').rows).toEqual([
      ['投票人数未过登记选民半数', '6', '2', '2'],
      ['收回选票多于发出选票', '6', '0', '0'],
    ]);
  });
});

describe('the report in the URL', () => {
  it('reads charts and tables, with defaults and an explicit none', () => {
    expect(reportCharts(new URLSearchParams(''))).toEqual(['turnout-by-village', 'trend', 'age-bands', 'education']);
    expect(reportCharts(new URLSearchParams('chart=education&chart=heatmap&chart=bogus'))).toEqual(['heatmap', 'education']);
    expect(reportCharts(new URLSearchParams('chart=none'))).toEqual([]);
    expect(reportTables(new URLSearchParams('table=rules'))).toEqual(['rules']);
    expect(listToParam(['figures', 'rules'], ['figures', 'rules'])).toBeNull();
    expect(listToParam([], ['figures'])).toEqual(['none']);
    expect(toggle(['trend'], 'turnout-by-village', true, ['turnout-by-village', 'trend'])).toEqual(['turnout-by-village', 'trend']);
  });
});

describe('the Word document', () => {
  it('is a .docx with the paragraphs, a real table and the chart pictures', async () => {
    const d = data();
    const sections = generateReport(d, 'zh');
    // A 1×1 PNG stands for a chart picture.
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='),
      (c) => c.charCodeAt(0),
    );
    const doc = reportDocument({
      lang: 'zh',
      title: reportTitle(d, 'zh'),
      subtitle: '青山县 · 河东镇 · 2021年',
      sections: sections.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs })),
      charts: [{ caption: '参选率', png, size: { width: 640, height: 364 } }],
      tables: [{ caption: '主要指标', table: figuresTable(d, 'zh') }],
    });
    const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
    const xml = strFromU8(files['word/document.xml']!);
    const plain = xml.replace(/<[^>]+>/g, '');
    for (const s of sections) {
      expect(plain).toContain(s.heading);
      for (const p of s.paragraphs) expect(plain).toContain(p);
    }
    expect(xml).toContain('<w:tbl>');
    expect(plain).toContain('图1　参选率');
    expect(plain).toContain('+3.4个百分点');
    expect(Object.keys(files).some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
  });
});
