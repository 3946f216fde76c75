/** Parts of a whole (education tiers, age bands) as 100% stacked bars, one bar per cycle or place. */
import { asParams, dataValue, distinctLabels, fmt, frame, titleHeight, tooltip, tooltipLine, tooltipTitle } from './base';
import type { ChartOption } from './option';
import type { StackedSharesInput } from './types';

export function stackedSharesOption(input: StackedSharesInput): ChartOption {
  const { text, categories, parts } = input;
  const lang = text.lang;
  const shares = parts.map((p) => p.shares);
  const empty = categories.length === 0 || shares.every((row) => row.every((v) => v === null));
  const labels = distinctLabels(categories);
  return {
    ...frame(text, empty),
    legend: { show: !empty, bottom: 4, type: 'scroll', data: parts.map((p) => p.label) },
    // The legend sits under the category labels, not on them.
    grid: { top: titleHeight(text) + 10, left: 48, right: 24, bottom: 60 },
    tooltip: tooltip('axis', (p) => {
      const params = asParams(p);
      const c = params[0]?.dataIndex ?? 0;
      return (
        tooltipTitle(labels[c] ?? '') +
        params
          .map((x) => {
            const i = x.seriesIndex ?? 0;
            const part = parts[i];
            return part
              ? tooltipLine(x.marker ?? '', part.label, `${fmt(shares[i]?.[c], 'percent', lang)}（${fmt(part.counts[c], 'count', lang)}）`)
              : '';
          })
          .join('<br/>')
      );
    }),
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
    series: parts.map((part, i) => ({
      type: 'bar' as const,
      name: part.label,
      stack: 'share',
      barMaxWidth: 48,
      data: (shares[i] ?? []).map((v, c) => ({ value: dataValue(v), key: categories[c]?.key, level: categories[c]?.level })) as never,
      label: {
        show: true,
        formatter: (q: { value: unknown }) => (typeof q.value === 'number' && q.value >= 6 ? fmt(q.value, 'percent', lang) : ''),
        fontSize: 10,
        color: '#fff',
      },
    })),
  };
}
