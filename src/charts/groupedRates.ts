/** A rate per place (township or village) with one bar per cycle: how places moved between elections. */
import {
  asParams,
  axisLabel,
  distinctLabels,
  fmt,
  frame,
  isEmpty,
  placeDatum,
  titleHeight,
  tooltip,
  tooltipLine,
  tooltipTitle,
  zoomFor,
} from './base';
import type { ChartOption } from './option';
import type { GroupedRatesInput } from './types';

export function groupedRatesOption(input: GroupedRatesInput): ChartOption {
  const { text, unit, categories, series } = input;
  const lang = text.lang;
  const empty = categories.length === 0 || isEmpty(series.flatMap((s) => s.values));
  const labels = distinctLabels(categories);
  return {
    ...frame(text, empty),
    legend: { show: !empty && series.length > 1, bottom: 4, type: 'scroll', data: series.map((s) => s.label) },
    grid: { top: titleHeight(text) + 10, left: 56, right: 24, bottom: categories.length > 8 ? 96 : 56 },
    tooltip: tooltip('axis', (p) => {
      const params = asParams(p);
      const c = params[0]?.dataIndex ?? 0;
      const cat = categories[c];
      return (
        tooltipTitle(cat ? (cat.detail ? `${cat.label}（${cat.detail}）` : cat.label) : '') +
        params
          .map((x) => {
            const s = series[x.seriesIndex ?? 0];
            return s ? tooltipLine(x.marker ?? '', s.label, fmt(s.values[c], unit, lang)) : '';
          })
          .join('<br/>')
      );
    }),
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: categories.length > 8 ? 40 : 0, interval: 0, fontSize: 11 } },
    yAxis: {
      type: 'value',
      min: 0,
      max: unit === 'percent' ? (v: { max: number }) => Math.min(100, Math.ceil(v.max / 10) * 10 || 10) : undefined,
      axisLabel: { formatter: axisLabel(unit, lang) },
    },
    dataZoom: zoomFor(categories.length, 20),
    series: series.map((s) => ({
      type: 'bar' as const,
      name: s.label,
      cursor: 'pointer',
      barMaxWidth: 22,
      data: categories.map((c, i) => placeDatum(c, s.values[i])) as never,
    })),
  };
}
