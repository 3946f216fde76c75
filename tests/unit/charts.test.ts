import { describe, expect, it } from 'vitest';
import { axisBreakNote, orderRanked, turnoutBarsOption, sortRanked, turnoutFloor, TURNOUT_WINDOW } from '../../src/charts/turnoutBars';
import { labelBelow, trendOption } from '../../src/charts/trend';
import { heatmapOption } from '../../src/charts/heatmap';
import { pyramidOption, pyramidScale } from '../../src/charts/pyramid';
import { ALERT, OK, textWidth, ZOOM_SLIDER, ZOOM_SPACE } from '../../src/charts/base';
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

const village = (key: string, label: string, value: number | null, detail = '河东镇'): RankedValue => ({
  key,
  label,
  value,
  level: 'village',
  detail,
  numerator: value === null ? null : value * 10,
  denominator: 1000,
});

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
  const rows = [
    village('a', '李家村', 62.5),
    village('b', '王庄村', null),
    village('c', '张村', 48),
    village('d', '李家村', 91.2, '柳林乡'),
    village('e', '赵村', 50),
  ];

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
    const colour = (key: string) => (data.find((d) => d.key === key)!.itemStyle as Anyish).color as string;
    expect(colour('c')).toBe(colour('e'));
    expect(colour('c')).not.toBe(colour('a'));
    // 48% is near the line: the axis starts 10 under it.
    expect(axis(o, 'yAxis')).toMatchObject({ min: 40, max: 100 });
  });

  it('keeps a missing figure as a gap, never a zero bar', () => {
    const data = seriesData(turnoutBarsOption({ text: zh, rows, legalLine: 50 }));
    expect(data.at(-1)).toMatchObject({ key: 'b', value: '-' });
  });

  it('carries each village key and level for drill-down and tells same-name villages apart', () => {
    const o = turnoutBarsOption({ text: zh, rows, legalLine: 50 });
    expect(seriesData(o)[0]).toMatchObject({ key: 'c', level: 'village', value: 48 });
    expect(axis(o, 'xAxis').data).toEqual(['张村', '赵村', '李家村（河东镇）', '李家村（柳林乡）', '王庄村']);
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

  it('puts the lowest first by default, and orders by figure either way or by name', () => {
    const keys = (order?: 'asc' | 'desc' | 'name') =>
      seriesData(turnoutBarsOption({ text: zh, rows, legalLine: 50, order })).map((d) => d.key);
    expect(keys()).toEqual(['c', 'e', 'a', 'd', 'b']);
    expect(keys('asc')).toEqual(keys());
    expect(keys('desc')).toEqual(['d', 'a', 'e', 'c', 'b']);
    // By name in Chinese (pinyin) order: li, li, wang, zhang, zhao; the two 李家村 by township.
    expect(keys('name')).toEqual(['a', 'd', 'b', 'c', 'e']);
    expect(orderRanked(rows, 'name').map((r) => r.detail)).toEqual(['河东镇', '柳林乡', '河东镇', '河东镇', '河东镇']);
  });

  it('says "no data" instead of drawing an empty axis with a legal line', () => {
    const o = turnoutBarsOption({ text: zh, rows: [village('a', '李家村', null)], legalLine: 50 });
    expect(graphicText(o)).toBe('暂无数据');
    expect(series(o).markLine).toBeUndefined();
    expect(graphicText(turnoutBarsOption({ text: en, rows: [], legalLine: 50 }))).toBe('No data');
  });
});

describe('turnout by village in a county of 300 villages', () => {
  /** 300 villages from `low` up to about 99%, in a deterministic shuffle. */
  const county = (low: number) =>
    Array.from({ length: 300 }, (_, i) =>
      village(`k${i}`, `村${String(i).padStart(3, '0')}`, low + (((i * 37) % 300) / 300) * (99 - low), `镇${i % 15}`),
    );
  const high = turnoutBarsOption({ text: zh, rows: county(80.6), legalLine: 50 });
  const near = turnoutBarsOption({ text: zh, rows: county(38.9), legalLine: 50 });

  it('starts the value axis on the ten under the lowest figure, or low enough to show the legal line', () => {
    expect(turnoutFloor([80.6, 99], 50)).toBe(80);
    expect(turnoutFloor([80.5, 99], 50)).toBe(80);
    // Under half a point above the ten, the bar would hardly show: the ten below.
    expect(turnoutFloor([80.4, 99], 50)).toBe(70);
    expect(turnoutFloor([66, 90], 50)).toBe(60);
    // Near or under the line: the line in the frame with ten points under it.
    expect(turnoutFloor([64.9, 99], 50)).toBe(40);
    expect(turnoutFloor([48, 99], 50)).toBe(40);
    expect(turnoutFloor([38.9, 99], 50)).toBe(30);
    // Starting at 10 or 20 saves little: from 0.
    expect(turnoutFloor([25, 99], 50)).toBe(0);
    // One village (a village's own overview) is compared with nothing: from 0.
    expect(turnoutFloor([81.5], 50)).toBe(0);
    expect(turnoutFloor([], 50)).toBe(0);
    expect(axis(high, 'yAxis')).toMatchObject({ min: 80, max: 100 });
    expect(axis(near, 'yAxis')).toMatchObject({ min: 30, max: 100 });
  });

  it('states a cut axis in the chart, in the language, and says when every village is above the line', () => {
    expect(axis(high, 'yAxis').name).toBe('纵轴自80%起 · 各村均高于法定线50%');
    expect(axis(near, 'yAxis').name).toBe('纵轴自30%起');
    expect(axis(turnoutBarsOption({ text: en, rows: county(80.6), legalLine: 50 }), 'yAxis').name).toBe(
      'Axis starts at 80% · every village is above the 50% legal line',
    );
    expect(axisBreakNote(0, 50, 'zh')).toBeNull();
    // An axis from 0 needs no note.
    expect(axis(turnoutBarsOption({ text: zh, rows: county(10), legalLine: 50 }), 'yAxis')).toMatchObject({ min: 0, name: '' });
    // The grid's box holds the axis name (under the title, not on it).
    expect(high.grid).toMatchObject({ outerBoundsMode: 'same', outerBoundsContain: 'all' });
  });

  it('draws the legal line over the bars with its label right of the plot, only where the axis reaches it', () => {
    const line = series(near).markLine as Anyish;
    expect(line.data).toEqual([{ yAxis: 50 }]);
    // Bars are drawn at z 2 (ECharts' default): the line above them.
    expect(line.z).toBeGreaterThan((series(near).z as number | undefined) ?? 2);
    expect(line.label).toMatchObject({ formatter: '法定线 50%', position: 'end' });
    // Right of the plot, where no bar reaches: the grid leaves room for the whole label.
    const label = line.label as { fontSize: number; distance: number };
    expect((near.grid as Anyish).right).toBeGreaterThanOrEqual(textWidth('法定线 50%', label.fontSize) + label.distance);
    expect(series(high).markLine).toBeUndefined();
  });

  it('marks the villages at or under the line by bar and by name', () => {
    const o = turnoutBarsOption({
      text: zh,
      rows: [village('a', '甲村', 49.9), village('b', '乙村', 50), village('c', '丙村', 50.1), village('d', '丁村', null)],
      legalLine: 50,
    });
    expect(seriesData(o).map((d) => (d.itemStyle as Anyish).color)).toEqual([ALERT, ALERT, OK, OK]);
    const colour = (axis(o, 'xAxis').axisLabel as Anyish).color as (name: string) => string;
    expect(['甲村', '乙村', '丙村', '丁村'].map(colour)).toEqual([ALERT, ALERT, '#52606d', '#52606d']);
  });

  it('shows a window of the first villages on a slider under the names, which stand upright', () => {
    const [slider, inside] = high.dataZoom as Anyish[];
    expect(slider).toMatchObject({
      type: 'slider',
      startValue: 0,
      endValue: TURNOUT_WINDOW - 1,
      brushSelect: false,
      borderColor: ZOOM_SLIDER.border,
    });
    expect(inside).toMatchObject({ type: 'inside', startValue: 0, endValue: TURNOUT_WINDOW - 1 });
    // The grid's box (which holds the axis labels) ends above the slider.
    expect((high.grid as Anyish).bottom).toBe(ZOOM_SPACE);
    expect(ZOOM_SPACE).toBeGreaterThan((slider!.bottom as number) + (slider!.height as number));
    // Upright names, cut when too long, some left out by ECharts only when the window is widened.
    expect(axis(high, 'xAxis').axisLabel).toMatchObject({ rotate: 90, interval: 'auto', overflow: 'truncate' });
  });

  it('keeps a handful of villages flat, every name shown, without a slider', () => {
    const few = turnoutBarsOption({ text: zh, rows: county(80).slice(0, 5), legalLine: 50 });
    expect(few.dataZoom).toEqual([]);
    expect(axis(few, 'xAxis').axisLabel).toMatchObject({ rotate: 0, interval: 0 });
    expect((few.grid as Anyish).bottom).toBeLessThan(ZOOM_SPACE);
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
    expect(seriesData(o, 0).map((d) => (d as Anyish).value)).toEqual([70, '-', 75.5, 80]);
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

  it('keeps the first point off the value axis and its labels', () => {
    const o = trendOption(input);
    expect(axis(o, 'xAxis').boundaryGap).toBe(true);
    expect(axis(o, 'yAxis').boundaryGap).toEqual(['15%', '15%']);
  });

  it('puts the lower of two figures under its point, so close figures never share a spot', () => {
    // 2011 and 2021: the own line is the higher, the parent's figure goes below.
    expect([0, 1].map((s) => labelBelow(input.series, s, 0))).toEqual([false, true]);
    expect([0, 1].map((s) => labelBelow(input.series, s, 3))).toEqual([false, true]);
    // A gap in one line: the other's figure stays above.
    expect([0, 1].map((s) => labelBelow(input.series, s, 1))).toEqual([false, false]);
    // Equal figures: the second line's goes below.
    const equal = [
      { key: 'a', label: 'a', values: [76.5] },
      { key: 'b', label: 'b', values: [76.5] },
    ];
    expect([0, 1].map((s) => labelBelow(equal, s, 0))).toEqual([false, true]);
    expect(labelBelow([equal[0]!], 0, 0)).toBe(false);
    // Each point says where its figure goes.
    const o = trendOption({ ...input, series: equal, cycles: [2021] });
    const position = (i: number) => ((seriesData(o, i)[0] as Anyish).label as Anyish).position;
    expect([position(0), position(1)]).toEqual(['top', 'bottom']);
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

  it('scrolls many rows with a slider right of the cells', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, label: `村${i}`, level: 'village' as const }));
    const big = heatmapOption({ text: zh, unit: 'percent', rows: many, cycles: [2021], values: many.map((_, i) => [i]) });
    expect((big.dataZoom as Anyish[])[0]).toMatchObject({ type: 'slider', yAxisIndex: 0, startValue: 0, endValue: 15 });
    expect((big.grid as Anyish).right).toBe(ZOOM_SPACE);
    expect(o.dataZoom).toEqual([]);
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
    expect(axis(o, 'xAxis')).toMatchObject({ min: -6, max: 6, interval: 2 });
    const label = (axis(o, 'xAxis').axisLabel as Anyish).formatter as (v: number) => string;
    expect(label(-4)).toBe('4');
  });

  it('is empty without persons', () => {
    expect(graphicText(pyramidOption({ text: zh, bands: ['20–24'], male: [0], female: [0] }))).toBe('暂无数据');
  });

  it('leaves room past the longest bar for its count, in whole persons', () => {
    // A village: ones and twos, ticks one person apart, the longest bar's "2" inside the plot.
    expect(pyramidScale(2)).toEqual({ bound: 3, step: 1 });
    expect(pyramidScale(1)).toEqual({ bound: 2, step: 1 });
    expect(pyramidScale(0)).toEqual({ bound: 2, step: 1 });
    // A county: the longest bar ends well before the edge, on a round tick.
    expect(pyramidScale(203)).toEqual({ bound: 250, step: 50 });
    for (const peak of [1, 2, 3, 7, 9, 14, 58, 203, 999, 4321]) {
      const { bound, step } = pyramidScale(peak);
      expect(bound, String(peak)).toBeGreaterThanOrEqual(peak * 1.2);
      expect(Number.isInteger(bound / step) && Number.isInteger(step), String(peak)).toBe(true);
    }
    // The legend stays under the count axis' labels.
    const o = pyramidOption({ text: zh, bands: ['20–24'], male: [1], female: [2] });
    expect((o.grid as Anyish).bottom as number).toBeGreaterThanOrEqual(((o.legend as Anyish).bottom as number) + 48);
  });
});

describe('100% stacked shares', () => {
  const parts = [
    { key: 'junior', label: '初中及以下', counts: [6, 2, null], shares: [60, 25, null] },
    { key: 'senior', label: '高中', counts: [3, 2, null], shares: [30, 25, null] },
    { key: 'college', label: '大专及以上', counts: [1, 4, null], shares: [10, 50, null] },
  ];

  it('draws the shares it is given, never shares of its own', () => {
    const o = stackedSharesOption({
      text: zh,
      categories: [{ key: '2017', label: '2017年' }],
      parts: parts.map((p, i) => ({ ...p, shares: [[33.4, 33.3, 33.3][i]!] })),
    });
    expect([0, 1, 2].map((i) => (seriesData(o, i)[0] as Anyish).value)).toEqual([33.4, 33.3, 33.3]);
  });

  it('shows share and count in the tooltip and no data when nothing is counted', () => {
    const o = stackedSharesOption({
      text: zh,
      categories: [
        { key: '2017', label: '2017年' },
        { key: '2021', label: '2021年' },
        { key: '2024', label: '2024年' },
      ],
      parts,
    });
    const html = callTooltip(o, [{ dataIndex: 1, seriesIndex: 2, marker: '' }]);
    expect(html).toContain('大专及以上');
    expect(html).toContain('50.0%');
    expect(html).toContain('（4）');
    expect(graphicText(o)).toBeUndefined();
    expect(
      graphicText(
        stackedSharesOption({
          text: zh,
          categories: [{ key: '1', label: '1' }],
          parts: [{ key: 'a', label: 'a', counts: [0], shares: [null] }],
        }),
      ),
    ).toBe('暂无数据');
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
    [
      'turnout, many villages',
      turnoutBarsOption({ text: zh, rows: Array.from({ length: 120 }, (_, i) => village(`k${i}`, `村${i}`, i % 100)), legalLine: 50 }),
    ],
    [
      'turnout, 300 villages over 80%',
      turnoutBarsOption({
        text: zh,
        rows: Array.from({ length: 300 }, (_, i) => village(`k${i}`, `村${i}`, 80.6 + (i % 19))),
        legalLine: 50,
        order: 'name',
      }),
    ],
    ['turnout, empty', turnoutBarsOption({ text: zh, rows: [], legalLine: 50 })],
    [
      'trend',
      trendOption({
        text: zh,
        unit: 'percent',
        cycles: [2017, 2021],
        series: [
          { key: 'a', label: '青山县', values: [70, 72] },
          { key: 'b', label: '全省', values: [68, 71] },
        ],
      }),
    ],
    [
      'heatmap',
      heatmapOption({
        text: zh,
        unit: 'percent',
        rows: [{ key: 'k1', label: '李家村', level: 'village' }],
        cycles: [2017, 2021],
        values: [[20, 30]],
      }),
    ],
    ['pyramid', pyramidOption({ text: zh, bands: ['20–24', '25–29'], male: [3, 5], female: [1, 2] })],
    [
      'shares',
      stackedSharesOption({
        text: zh,
        categories: [{ key: '2021', label: '2021年' }],
        parts: [{ key: 'a', label: '初中及以下', counts: [3], shares: [100] }],
      }),
    ],
    [
      'rates',
      groupedRatesOption({
        text: zh,
        unit: 'percent',
        categories: [{ key: 't', label: '河东镇', level: 'township' }],
        series: [{ key: '2021', label: '2021年', values: [25] }],
      }),
    ],
  ];

  it.each(options)('%s: only replaced components, the tooltip and the settings every option gives', (_, o) => {
    const strays = Object.keys(o).filter((k) => !REPLACED_COMPONENTS.includes(k) && !ROOT_SETTINGS.includes(k) && k !== 'tooltip');
    expect(strays).toEqual([]);
    for (const k of ROOT_SETTINGS) expect(o[k as keyof ChartOption], k).toBeDefined();
    // The "no data" notice is replaced by an empty list, never left out (it would stay on).
    expect(Array.isArray(o.graphic)).toBe(true);
  });
});
