/** Persons by age band and gender: men to the left, women to the right, youngest at the bottom. */
import { asParams, fmt, frame, titleHeight, tooltip, tooltipLine, tooltipTitle } from './base';
import type { ChartOption } from './option';
import type { PyramidInput } from './types';

const MALE = '#2f6fb3';
const FEMALE = '#d46aa8';

/** Tick steps of the count axis: 1, 2, 5, 10, 20, 50 … persons. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/**
 * Each half of the count axis: a fifth longer than the longest bar, so the bar's count label
 * stays inside the plot instead of running into the band names or out of the chart, and a whole
 * number of whole-person ticks (a village's pyramid counts ones and twos: no "1.5" persons).
 */
export function pyramidScale(peak: number): { bound: number; step: number } {
  const want = Math.max(1, peak) * 1.2;
  const step = niceStep(want / 5);
  return { bound: Math.ceil(want / step) * step, step };
}

export function pyramidOption(input: PyramidInput): ChartOption {
  const { text, bands, male, female } = input;
  const lang = text.lang;
  const total = [...male, ...female].reduce((a, b) => a + b, 0);
  const empty = bands.length === 0 || total === 0;
  const { bound, step } = pyramidScale(Math.max(...male, ...female));
  const names = lang === 'zh' ? { male: '男', female: '女' } : { male: 'Men', female: 'Women' };
  return {
    ...frame(text, empty),
    legend: { show: !empty, bottom: 4, data: [names.male, names.female] },
    // The legend sits under the count axis' labels, not on them.
    grid: { top: titleHeight(text) + 10, left: 56, right: 24, bottom: 56 },
    tooltip: tooltip('axis', (p) => {
      const params = asParams(p);
      const i = params[0]?.dataIndex ?? 0;
      return (
        tooltipTitle(bands[i] ?? '') +
        tooltipLine(params[0]?.marker ?? '', names.male, fmt(male[i] ?? 0, 'count', lang)) +
        '<br/>' +
        tooltipLine(params[1]?.marker ?? '', names.female, fmt(female[i] ?? 0, 'count', lang))
      );
    }),
    xAxis: {
      type: 'value',
      min: -bound,
      max: bound,
      interval: step,
      axisLabel: { formatter: (v: number) => fmt(Math.abs(v), 'count', lang) },
    },
    yAxis: { type: 'category', data: bands, axisTick: { show: false } },
    series: [
      // Men are drawn as negative numbers to the left; every label and tooltip shows the count.
      {
        type: 'bar',
        name: names.male,
        stack: 'people',
        data: male.map((v) => -v),
        itemStyle: { color: MALE },
        label: {
          show: bands.length <= 14,
          position: 'left',
          formatter: (q: { value: unknown }) => (q.value ? fmt(Math.abs(q.value as number), 'count', lang) : ''),
        },
      },
      {
        type: 'bar',
        name: names.female,
        stack: 'people',
        data: [...female],
        itemStyle: { color: FEMALE },
        label: {
          show: bands.length <= 14,
          position: 'right',
          formatter: (q: { value: unknown }) => (q.value ? fmt(q.value as number, 'count', lang) : ''),
        },
      },
    ],
  };
}
