/** One indicator across election cycles, one line per place (the scope and its parent, or compared places). */
import { asParams, axisLabel, cycleLabel, dataValue, fmt, frame, isEmpty, titleHeight, tooltip, tooltipLine, tooltipTitle } from './base';
import type { ChartOption } from './option';
import type { TrendInput } from './types';

export function trendOption(input: TrendInput): ChartOption {
  const { text, unit, cycles, series } = input;
  const lang = text.lang;
  const empty = isEmpty(series.flatMap((s) => s.values));
  const labels = cycles.map((c) => cycleLabel(c, lang));
  return {
    ...frame(text, empty),
    legend: { show: series.length > 1, bottom: 4, type: 'scroll', data: series.map((s) => s.label) },
    grid: { top: titleHeight(text) + 14, left: 56, right: 32, bottom: series.length > 1 ? 58 : 32 },
    tooltip: tooltip('axis', (p) => {
      const params = asParams(p);
      const first = params[0];
      if (!first) return '';
      return (
        tooltipTitle(labels[first.dataIndex] ?? '') +
        params
          .map((x) => {
            const s = series[x.seriesIndex ?? 0];
            return s ? tooltipLine(x.marker ?? '', s.label, fmt(s.values[x.dataIndex], unit, lang)) : '';
          })
          .join('<br/>')
      );
    }),
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    // Rates keep a fixed 0–100 frame only when values reach the edges; otherwise the trend itself matters.
    yAxis: { type: 'value', scale: unit !== 'count', min: unit === 'count' ? 0 : undefined, axisLabel: { formatter: axisLabel(unit, lang) } },
    series: series.map((s) => ({
      type: 'line' as const,
      name: s.label,
      data: s.values.map(dataValue),
      connectNulls: false,
      symbolSize: 7,
      label: { show: series.length <= 2 && cycles.length <= 6, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value, unit, lang) : '') },
    })),
  };
}
