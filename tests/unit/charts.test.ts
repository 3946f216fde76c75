import { describe, expect, it } from 'vitest';
import { turnoutBarsOption, sortRanked } from '../../src/charts/turnoutBars';
import { trendOption } from '../../src/charts/trend';
import { heatmapOption } from '../../src/charts/heatmap';
import { pyramidOption } from '../../src/charts/pyramid';
import { stackedSharesOption } from '../../src/charts/stackedShares';
import { groupedRatesOption } from '../../src/charts/groupedRates';
import { REPLACED_COMPONENTS, ROOT_SETTINGS, type ChartOption } from '../../src/charts/option';
import type { ChartText, RankedValue } from '../../src/charts/types';

const HOSTILE = '<img src=x onerror=alert(1)>';
const zh: ChartText = { title: '参选率', subtitle: '青山县 · 2021年', denominator: '分母：登记选民数', lang: 'zh' };
const en: ChartText = { ...zh, lang: 'en' };

type Anyish = Record<string, unknown>;
const series = (o: ChartOption, i = 0) => (o.series as Anyish[])[i] as Anyish;
const seriesData = (o: ChartOption, i = 0) => series(o, i).data as Anyish[];
const axis = (o: ChartOption, name: 'xAxis' | 'yAxis') => o[name] as Anyish;
const graphicText = (o: ChartOption) => ((o.graphic as Anyish[])[0]?.style as Anyish | undefined)?.text;
const callTooltip = (o: ChartOption, params: unknown) => ((o.tooltip as Anyish).formatter as (p: unknown) => string)(params);

const village = (key: string, label: string, value: number | null, detail = '河东镇'): RankedValue => ({ key, label, value, level: 'village', detail, numerator: value === null ? null : value * 10, denominator: 1000 });

describe('frame shared by every chart', () => {
  it('names the scope and the denominator under the title, on a white background', () => {
    const o = trendOption({ text: zh, unit: 'percent', cycles: [2021], series: [{ key: 'a', label: '青山县', values: [70] }] });
    expect(o.title).toMatchObject({ text: '参选率', subtext: '青山县 · 2021年\n分母：登记选民数' });
    expect(o.backgroundColor).toBe('#ffffff');
    expect(String((o.textStyle as Anyish).fontFamily)).toContain('Noto Sans CJK SC');
    expect(o.graphic).toEqual([]);
  });
});

describe('turnout by village', () => {
  const rows = [village('a', '李家村', 62.5), village('b', '王庄村', null), village('c', '张村', 48), village('d', '李家村', 91.2, '柳林乡'), village('e', '赵村', 50)];

  it('sorts highest first and puts villages without a figure last', () => {
    expect(sortRanked(rows).map((r) => r.key)).toEqual(['d', 'a', 'e', 'c', 'b']);
    expect(sortRanked(rows, 'asc').map((r) => r.key)).toEqual(['c', 'e', 'a', 'd', 'b']);
  });

  it('draws the 50% legal line and colours villages at or below it', () => {
    const o = turnoutBarsOption({ text: zh, rows, legalLine: 50 });
    const line = series(o).markLine as Anyish;
    expect(line.data).toEqual([{ yAxis: 50 }]);
    expect((line.label as Anyish).formatter).toBe('法定线 50%');
    const data = seriesData(o);
    const colour = (key: string) => ((data.find((d) => d.key === key)?.itemStyle as Anyish).color as string);
    expect(colour('c')).toBe(colour('e'));
    expect(colour('c')).not.toBe(colour('a'));
    expect(axis(o, 'yAxis')).toMatchObject({ min: 0, max: 100 });
  });

  it('keeps a missing figure as a gap, never a zero bar', () => {
    const data = seriesData(turnoutBarsOption({ text: zh, rows, legalLine: 50 }));
    expect(data.at(-1)).toMatchObject({ key: 'b', value: '-' });
  });

  it('carries each village key and level for drill-down and tells same-name villages apart', () => {
    const o = turnoutBarsOption({ text: zh, rows, legalLine: 50 });
    expect(seriesData(o)[0]).toMatchObject({ key: 'd', level: 'village', value: 91.2 });
    expect(axis(o, 'xAxis').data).toEqual(['李家村（柳林乡）', '李家村（河东镇）', '赵村', '张村', '王庄村']);
  });

  it('escapes names in the tooltip and shows the figures behind the rate', () => {
    const o = turnoutBarsOption({ text: zh, rows: [village('x', HOSTILE, 70)], legalLine: 50 });
    const html = callTooltip(o, { dataIndex: 0, marker: '' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('70.0%');
    expect(html).toContain('700');
    expect(html).toContain('1,000');
  });

  it('says "no data" instead of drawing an empty axis with a legal line', () => {
    const o = turnoutBarsOption({ text: zh, rows: [village('a', '李家村', null)], legalLine: 50 });
    expect(graphicText(o)).toBe('暂无数据');
    expect(series(o).markLine).toBeUndefined();
    expect(graphicText(turnoutBarsOption({ text: en, rows: [], legalLine: 50 }))).toBe('No data');
  });
});

describe('trend across cycles', () => {
  const input = {
    text: zh,
    unit: 'percent' as const,
    cycles: [2011, 2014, 2017, 2021],
    series: [
      { key: 'own', label: '河东镇', values: [70, null, 75.5, 80] },
      { key: 'parent', label: '青山县', values: [68, 69, 70, 71] },
    ],
  };

  it('draws gaps for missing cycles and labels years in the language', () => {
    const o = trendOption(input);
    expect(seriesData(o, 0)).toEqual([70, '-', 75.5, 80]);
    expect(series(o, 0).connectNulls).toBe(false);
    expect(axis(o, 'xAxis').data).toEqual(['2011年', '2014年', '2017年', '2021年']);
    expect(axis(trendOption({ ...input, text: en }), 'xAxis').data).toEqual(['2011', '2014', '2017', '2021']);
  });

  it('formats each series in the tooltip and escapes its name', () => {
    const o = trendOption({ ...input, series: [{ key: 'x', label: HOSTILE, values: [70, 71, 72, 73] }] });
    const html = callTooltip(o, [{ dataIndex: 2, seriesIndex: 0, marker: '' }]);
    expect(html).toContain('2017年');
    expect(html).toContain('72.0%');
    expect(html).not.toContain('<img');
  });

  it('is empty when no series has a value', () => {
    expect(graphicText(trendOption({ ...input, series: [{ key: 'a', label: 'a', values: [null, null, null, null] }] }))).toBe('暂无数据');
  });
});

describe('village × cycle heatmap', () => {
  const o = heatmapOption({
    text: zh,
    unit: 'percent',
    rows: [
      { key: 'k1', label: '李家村', level: 'village' },
      { key: 'k2', label: '王庄村', level: 'village' },
    ],
    cycles: [2017, 2021],
    values: [
      [20, 30],
      [null, 10],
    ],
  });

  it('leaves missing cells out instead of colouring them as zero', () => {
    expect(seriesData(o)).toEqual([
      { value: [0, 0, 20], key: 'k1', level: 'village' },
      { value: [1, 0, 30], key: 'k1', level: 'village' },
      { value: [1, 1, 10], key: 'k2', level: 'village' },
    ]);
  });

  it('scales the colours to the figures present', () => {
    expect(o.visualMap).toMatchObject({ min: 10, max: 30 });
  });

  it('names the village and cycle in the tooltip', () => {
    const html = callTooltip(o, { value: [1, 1, 10], dataIndex: 2 });
    expect(html).toContain('王庄村');
    expect(html).toContain('2021年');
    expect(html).toContain('10.0%');
  });
});

describe('age pyramid', () => {
  it('puts men to the left as negative bars and labels counts as positive', () => {
    const o = pyramidOption({ text: zh, bands: ['20–24', '25–29'], male: [3, 5], female: [1, 2] });
    expect(seriesData(o, 0)).toEqual([-3, -5]);
    expect(seriesData(o, 1)).toEqual([1, 2]);
    expect(axis(o, 'xAxis')).toMatchObject({ min: -5, max: 5 });
    const label = (axis(o, 'xAxis').axisLabel as Anyish).formatter as (v: number) => string;
    expect(label(-4)).toBe('4');
  });

  it('is empty without persons', () => {
    expect(graphicText(pyramidOption({ text: zh, bands: ['20–24'], male: [0], female: [0] }))).toBe('暂无数据');
  });
});

describe('100% stacked shares', () => {
  const parts = [
    { key: 'junior', label: '初中及以下', counts: [6, 2, null], shares: [60, 25, null] },
    { key: 'senior', label: '高中', counts: [3, 2, null], shares: [30, 25, null] },
    { key: 'college', label: '大专及以上', counts: [1, 4, null], shares: [10, 50, null] },
  ];

  it('draws the shares it is given, never shares of its own', () => {
    const o = stackedSharesOption({ text: zh, categories: [{ key: '2017', label: '2017年' }], parts: parts.map((p, i) => ({ ...p, shares: [[33.4, 33.3, 33.3][i]!] })) });
    expect([0, 1, 2].map((i) => (seriesData(o, i)[0] as Anyish).value)).toEqual([33.4, 33.3, 33.3]);
  });

  it('shows share and count in the tooltip and no data when nothing is counted', () => {
    const o = stackedSharesOption({ text: zh, categories: [{ key: '2017', label: '2017年' }, { key: '2021', label: '2021年' }, { key: '2024', label: '2024年' }], parts });
    const html = callTooltip(o, [{ dataIndex: 1, seriesIndex: 2, marker: '' }]);
    expect(html).toContain('大专及以上');
    expect(html).toContain('50.0%');
    expect(html).toContain('（4）');
    expect(graphicText(o)).toBeUndefined();
    expect(graphicText(stackedSharesOption({ text: zh, categories: [{ key: '1', label: '1' }], parts: [{ key: 'a', label: 'a', counts: [0], shares: [null] }] }))).toBe('暂无数据');
  });
});

describe('rates by township and cycle', () => {
  const o = groupedRatesOption({
    text: { ...zh, title: '女性成员占比' },
    unit: 'percent',
    categories: [
      { key: '青山县\u0000河东镇', label: '河东镇', level: 'township' },
      { key: '青山县\u0000柳林乡', label: '柳林乡', level: 'township' },
    ],
    series: [
      { key: '2017', label: '2017年', values: [20, null] },
      { key: '2021', label: '2021年', values: [25, 31] },
    ],
  });

  it('one bar series per cycle whose items drill to their township', () => {
    expect((o.series as Anyish[]).map((s) => s.name)).toEqual(['2017年', '2021年']);
    expect(seriesData(o, 0)).toEqual([
      { value: 20, name: '河东镇', key: '青山县\u0000河东镇', level: 'township' },
      { value: '-', name: '柳林乡', key: '青山县\u0000柳林乡', level: 'township' },
    ]);
  });

  it('caps a percent axis at 100 and rounds up to the next ten below it', () => {
    const max = axis(o, 'yAxis').max as (v: { max: number }) => number;
    expect(max({ max: 31 })).toBe(40);
    expect(max({ max: 96 })).toBe(100);
  });
});

describe('what a chart keeps from its last option', () => {
  // EChart.tsx replaces the components listed and merges the rest: a component type outside the
  // list would keep the last scope's, and a setting every option does not give would linger.
  const ranked = [village('a', '李家村', 62.5), village('b', '王庄村', 40)];
  const options: [string, ChartOption][] = [
    ['turnout', turnoutBarsOption({ text: zh, rows: ranked, legalLine: 50 })],
    ['turnout, many villages', turnoutBarsOption({ text: zh, rows: Array.from({ length: 120 }, (_, i) => village(`k${i}`, `村${i}`, i % 100)), legalLine: 50 })],
    ['turnout, empty', turnoutBarsOption({ text: zh, rows: [], legalLine: 50 })],
    ['trend', trendOption({ text: zh, unit: 'percent', cycles: [2017, 2021], series: [{ key: 'a', label: '青山县', values: [70, 72] }, { key: 'b', label: '全省', values: [68, 71] }] })],
    ['heatmap', heatmapOption({ text: zh, unit: 'percent', rows: [{ key: 'k1', label: '李家村', level: 'village' }], cycles: [2017, 2021], values: [[20, 30]] })],
    ['pyramid', pyramidOption({ text: zh, bands: ['20–24', '25–29'], male: [3, 5], female: [1, 2] })],
    ['shares', stackedSharesOption({ text: zh, categories: [{ key: '2021', label: '2021年' }], parts: [{ key: 'a', label: '初中及以下', counts: [3], shares: [100] }] })],
    ['rates', groupedRatesOption({ text: zh, unit: 'percent', categories: [{ key: 't', label: '河东镇', level: 'township' }], series: [{ key: '2021', label: '2021年', values: [25] }] })],
  ];

  it.each(options)('%s: only replaced components, the tooltip and the settings every option gives', (_, o) => {
    const strays = Object.keys(o).filter((k) => !REPLACED_COMPONENTS.includes(k) && !ROOT_SETTINGS.includes(k) && k !== 'tooltip');
    expect(strays).toEqual([]);
    for (const k of ROOT_SETTINGS) expect(o[k as keyof ChartOption], k).toBeDefined();
    // The "no data" notice is replaced by an empty list, never left out (it would stay on).
    expect(Array.isArray(o.graphic)).toBe(true);
  });
});
