import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/metrics/query';
import { groupedRatesInput, heatmapInput, pyramidInput, rankedValues, sharesByCycle, trendInput } from '../../src/charts/inputs';
import type { ChartText } from '../../src/charts/types';
import { withShown } from '../../src/metrics/figure';
import { chartChoices, choicesToParams } from '../../src/queries/chartChoices';

const text: ChartText = { title: 't', subtitle: 's', denominator: 'd', lang: 'zh' };
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

describe('chart inputs from metric rows', () => {
  const rows = [
    r({ county: '青山县', township: '河东镇', village_key: 'k1', village: '李家村', cycle_year: 2017, value: 20 }),
    r({ county: '青山县', township: '河东镇', village_key: 'k1', village: '李家村', cycle_year: 2021, value: 30 }),
    r({ county: '青山县', township: '柳林乡', village_key: 'k2', village: '李家村', cycle_year: 2021, value: 10 }),
  ];

  it('keeps same-name villages apart by key and drills by key', () => {
    const ranked = rankedValues(
      rows.filter((x) => x.cycle_year === 2021),
      'women_share',
      'village',
    );
    expect(ranked.map((x) => [x.key, x.label, x.value, x.level])).toEqual([
      ['k1', '李家村', 30, 'village'],
      ['k2', '李家村', 10, 'village'],
    ]);
  });

  it('fills a heatmap with null where a village has no figure for a cycle', () => {
    const h = heatmapInput(text, 'women_share', [2017, 2021], rows, 'village');
    expect(h.rows.map((x) => x.key)).toEqual(['k1', 'k2']);
    expect(h.values).toEqual([
      [20, 30],
      [null, 10],
    ]);
  });

  it('groups townships by county and key', () => {
    const g = groupedRatesInput(text, 'women_share', [2021], rows, 'township', 'zh');
    // Chinese collation (pinyin): 河 (he) before 柳 (liu).
    expect(g.categories.map((c) => [c.key, c.label])).toEqual([
      ['青山县\u0000河东镇', '河东镇'],
      ['青山县\u0000柳林乡', '柳林乡'],
    ]);
    expect(g.series[0]!.label).toBe('2021年');
  });

  it('makes trend series with gaps', () => {
    const t = trendInput(
      text,
      'women_share',
      [2014, 2017, 2021],
      [{ key: 'own', label: 'x', rows: rows.filter((x) => x.village_key === 'k1') }],
    );
    expect(t.series[0]!.values).toEqual([null, 20, 30]);
    expect(t.unit).toBe('percent');
  });

  it('stacks shares from numerators', () => {
    const s = sharesByCycle(
      text,
      ['edu_junior_or_below_share', 'edu_college_share'],
      [2021],
      [
        r({ metric: 'edu_junior_or_below_share', cycle_year: 2021, numerator: 3 }),
        r({ metric: 'edu_college_share', cycle_year: 2021, numerator: 1 }),
      ],
      'zh',
    );
    expect(s.parts.map((p) => [p.label, p.counts])).toEqual([
      ['初中及以下', [3]],
      ['大专及以上', [1]],
    ]);
  });

  it('labels pyramid bands and fills missing cells with zero persons', () => {
    const p = pyramidInput(text, [
      { band: 15, gender: 'male', persons: 1 },
      { band: 40, gender: 'female', persons: 2 },
      { band: 75, gender: 'male', persons: 1 },
    ]);
    expect(p.bands).toEqual(['<20', '40–44', '75+']);
    expect(p.male).toEqual([1, 0, 1]);
    expect(p.female).toEqual([0, 2, 0]);
  });
});

describe('the turnout chart order in the URL', () => {
  it('is lowest first unless `turnoutOrder=` says otherwise, and a default leaves the URL', () => {
    const read = (q: string) => chartChoices(new URLSearchParams(q)).turnoutOrder;
    expect(read('')).toBe('asc');
    expect(read('turnoutOrder=desc')).toBe('desc');
    expect(read('turnoutOrder=name')).toBe('name');
    expect(read('turnoutOrder=<script>')).toBe('asc');
    expect(choicesToParams({ turnoutOrder: 'name' })).toEqual({ turnoutOrder: 'name' });
    expect(choicesToParams({ turnoutOrder: 'asc' })).toEqual({ turnoutOrder: null });
  });
});
