/** One indicator across election cycles, one line per place (the scope and its parent, or compared places). */
import { asParams, axisLabel, cycleLabel, dataValue, fmt, frame, isEmpty, titleHeight, tooltip, tooltipLine, tooltipTitle } from './base';
import type { ChartOption } from './option';
import type { TrendInput } from './types';

/** Gap between a point and its figure. */
const LABEL_DISTANCE = 5;

/**
 * Whether a series' figure at a cycle goes under its point: with two lines, the lower point's
 * figure goes below and the higher one's above, so two close (or equal) figures never share a
 * spot. On a tie the second series is the lower.
 */
export function labelBelow(series: TrendInput['series'], s: number, c: number): boolean {
  if (series.length !== 2) return false;
  const own = series[s]?.values[c];
  const other = series[1 - s]?.values[c];
  if (own === null || own === undefined || other === null || other === undefined) return false;
  return own < other || (own === other && s === 1);
}

export function trendOption(input: TrendInput): ChartOption {
  const { text, unit, cycles, series } = input;
  const lang = text.lang;
  const empty = isEmpty(series.flatMap((s) => s.values));
  const labels = cycles.map((c) => cycleLabel(c, lang));
  const labelled = series.length <= 2 && cycles.length <= 6;
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
    // Points in the middle of their cycle's band, not on the value axis: the first figure never
    // sits on the axis labels, nor the first cycle's name on the lowest one.
    xAxis: { type: 'category', data: labels, boundaryGap: true },
    // The trend itself matters, not a 0–100 frame; room above and below the extreme points for their figures.
    yAxis: {
      type: 'value',
      scale: unit !== 'count',
      min: unit === 'count' ? 0 : undefined,
      boundaryGap: labelled ? ['15%', '15%'] : undefined,
      axisLabel: { formatter: axisLabel(unit, lang) },
    },
    series: series.map((s, i) => ({
      type: 'line' as const,
      name: s.label,
      // The lower of two figures goes under its point (a position per point: no label-layout
      // feature to load for it on the first dashboard).
      data: s.values.map((v, k) => ({ value: dataValue(v), label: { position: labelBelow(series, i, k) ? 'bottom' : 'top' } })),
      connectNulls: false,
      symbolSize: 7,
      label: {
        show: labelled,
        distance: LABEL_DISTANCE,
        formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value, unit, lang) : ''),
      },
    })),
  };
}
