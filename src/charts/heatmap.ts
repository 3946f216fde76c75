/** Places × cycles for one indicator: where and when a figure stands out. Missing cells stay empty. */
import {
  asParams,
  cycleLabel,
  distinctLabels,
  fmt,
  frame,
  isEmpty,
  titleHeight,
  tooltip,
  tooltipLine,
  tooltipTitle,
  ZOOM_SPACE,
  zoomFor,
} from './base';
import type { ChartOption } from './option';
import type { HeatmapInput } from './types';

/**
 * Rows in the slider's first window: at the overview's height (460 px) each row is then tall
 * enough for its 11 px name, and no name is left out.
 */
const HEATMAP_WINDOW = 16;

export function heatmapOption(input: HeatmapInput): ChartOption {
  const { text, unit, rows, cycles, values } = input;
  const lang = text.lang;
  const all = values.flat();
  const empty = rows.length === 0 || isEmpty(all);
  const present = all.filter((v): v is number => v !== null && Number.isFinite(v));
  const min = present.length ? Math.min(...present) : 0;
  const max = present.length ? Math.max(...present) : 1;
  const labels = distinctLabels(rows);
  const data = rows.flatMap((r, y) =>
    cycles.flatMap((_, x) => {
      const v = values[y]?.[x] ?? null;
      // A missing figure is no cell at all: an empty square, not the colour of zero.
      return v === null ? [] : [{ value: [x, y, v], key: r.key, level: r.level }];
    }),
  );
  return {
    ...frame(text, empty),
    // Below the cycles, the colour scale with its value labels; right of the cells, the slider when the rows scroll.
    grid: { top: titleHeight(text) + 10, left: 96, right: rows.length > HEATMAP_WINDOW ? ZOOM_SPACE : 24, bottom: 100 },
    tooltip: tooltip('item', (p) => {
      const [param] = asParams(p);
      const v = (param?.value as [number, number, number] | undefined) ?? null;
      if (!v) return '';
      const row = rows[v[1]];
      return (
        tooltipTitle(row ? (row.detail ? `${row.label}（${row.detail}）` : row.label) : '') +
        tooltipLine('', cycleLabel(cycles[v[0]] ?? 0, lang), fmt(v[2], unit, lang))
      );
    }),
    xAxis: { type: 'category', data: cycles.map((c) => cycleLabel(c, lang)), splitArea: { show: true } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 11, width: 84, overflow: 'truncate' } },
    dataZoom: zoomFor(rows.length, HEATMAP_WINDOW, 'y'),
    visualMap: {
      min,
      max: max === min ? min + 1 : max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 4,
      itemHeight: 120,
      formatter: ((v: number) => fmt(v, unit, lang)) as never,
      inRange: { color: ['#f3f7fb', '#9cc3e6', '#2f6fb3', '#173f6b'] },
      show: !empty,
    },
    series: [
      {
        type: 'heatmap',
        name: text.title,
        data: data as never,
        cursor: 'pointer',
        label: {
          show: rows.length <= 20 && cycles.length <= 6,
          formatter: (p: { value: unknown }) => fmt((p.value as number[])[2], unit, lang),
          fontSize: 10,
        },
        emphasis: { itemStyle: { borderColor: '#1f2933', borderWidth: 1 } },
      },
    ],
  };
}
