/** Persons by age band and gender: men to the left, women to the right, youngest at the bottom. */
import { asParams, fmt, frame, titleHeight, tooltip, tooltipLine, tooltipTitle } from './base';
import type { ChartOption } from './option';
import type { PyramidInput } from './types';

const MALE = '#2f6fb3';
const FEMALE = '#d46aa8';

export function pyramidOption(input: PyramidInput): ChartOption {
  const { text, bands, male, female } = input;
  const lang = text.lang;
  const total = [...male, ...female].reduce((a, b) => a + b, 0);
  const empty = bands.length === 0 || total === 0;
  const peak = Math.max(1, ...male, ...female);
  const names = lang === 'zh' ? { male: '男', female: '女' } : { male: 'Men', female: 'Women' };
  return {
    ...frame(text, empty),
    legend: { show: !empty, bottom: 4, data: [names.male, names.female] },
    grid: { top: titleHeight(text) + 10, left: 56, right: 24, bottom: 40 },
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
    xAxis: { type: 'value', min: -peak, max: peak, axisLabel: { formatter: (v: number) => fmt(Math.abs(v), 'count', lang) } },
    yAxis: { type: 'category', data: bands, axisTick: { show: false } },
    series: [
      // Men are drawn as negative numbers to the left; every label and tooltip shows the count.
      { type: 'bar', name: names.male, stack: 'people', data: male.map((v) => -v), itemStyle: { color: MALE }, label: { show: bands.length <= 14, position: 'left', formatter: (q: { value: unknown }) => (q.value ? fmt(Math.abs(q.value as number), 'count', lang) : '') } },
      { type: 'bar', name: names.female, stack: 'people', data: [...female], itemStyle: { color: FEMALE }, label: { show: bands.length <= 14, position: 'right', formatter: (q: { value: unknown }) => (q.value ? fmt(q.value as number, 'count', lang) : '') } },
    ],
  };
}
