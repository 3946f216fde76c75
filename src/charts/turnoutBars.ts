/**
 * Turnout by village with the legal line: at or below it the election is void. Built for a county
 * of hundreds of villages: the lowest come first (the ones that need a look), the slider shows a
 * window of them, and the value axis starts near the lowest figure, saying so, when all are high.
 */
import {
  ALERT,
  asParams,
  axisLabel,
  dataValue,
  distinctLabels,
  fmt,
  frame,
  isEmpty,
  OK,
  textWidth,
  titleHeight,
  tooltip,
  tooltipLine,
  tooltipTitle,
  ZOOM_SPACE,
  zoomFor,
  type PlaceDatum,
} from './base';
import type { Lang } from '../util/lang';
import type { ChartOption } from './option';
import type { RankedValue, RankOrder, TurnoutBarsInput } from './types';

/** Villages in the slider's first window. */
export const TURNOUT_WINDOW = 40;

/** Above this many villages their names stand upright (rotated a quarter turn). */
const UPRIGHT_ABOVE = 6;

/** Longest village label, in pixels, before it is cut with an ellipsis (a name with its township fits). */
const LABEL_WIDTH = 124;

/** A lowest figure this close above the legal line keeps the line in the frame. */
const NEAR_LINE = 15;

const LINE_LABEL_SIZE = 12;

/** Highest first; places without a figure go last, drawn as gaps. */
export function sortRanked(rows: readonly RankedValue[], direction: 'desc' | 'asc' = 'desc'): RankedValue[] {
  const sign = direction === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return sign * (a.value - b.value) || a.label.localeCompare(b.label, 'zh');
  });
}

/** The villages in the order chosen; by name in Chinese collation, same names by township. */
export function orderRanked(rows: readonly RankedValue[], order: RankOrder): RankedValue[] {
  if (order !== 'name') return sortRanked(rows, order);
  return [...rows].sort((a, b) => a.label.localeCompare(b.label, 'zh') || (a.detail ?? '').localeCompare(b.detail ?? '', 'zh'));
}

/**
 * Where the value axis starts: the ten under the lowest figure (80% for figures from 80.5% up;
 * half a point at least, so that the lowest bar is seen), 0 when that saves little, and low enough
 * to show the legal line with room under it when any village is near or under the line. A single
 * village has nothing to be told apart from: its bar starts at 0. The top stays at 100%.
 */
export function turnoutFloor(values: readonly number[], legalLine: number): number {
  if (values.length < 2) return 0;
  const min = Math.min(...values);
  let floor = Math.floor((min - 0.5) / 10) * 10;
  if (min < legalLine + NEAR_LINE) floor = Math.min(floor, legalLine - 10);
  return floor <= 20 ? 0 : floor;
}

/** The note a cut axis carries, so no one reads bar heights as if they started at 0. */
export function axisBreakNote(floor: number, legalLine: number, lang: Lang): string | null {
  if (floor <= 0) return null;
  if (floor > legalLine)
    return lang === 'zh'
      ? `纵轴自${floor}%起 · 各村均高于法定线${legalLine}%`
      : `Axis starts at ${floor}% · every village is above the ${legalLine}% legal line`;
  return lang === 'zh' ? `纵轴自${floor}%起` : `Axis starts at ${floor}%`;
}

export function legalLineText(legalLine: number, lang: Lang): string {
  return lang === 'zh' ? `法定线 ${legalLine}%` : `Legal line ${legalLine}%`;
}

export function turnoutBarsOption(input: TurnoutBarsInput): ChartOption {
  const { text, legalLine } = input;
  const rows = orderRanked(input.rows, input.order ?? 'asc');
  const values = rows.flatMap((r) => (r.value !== null && Number.isFinite(r.value) ? [r.value] : []));
  const empty = isEmpty(values);
  const labels = distinctLabels(rows);
  const lang = text.lang;
  const atOrUnder = (r: RankedValue | undefined) => r !== undefined && r.value !== null && r.value <= legalLine;
  const data: PlaceDatum[] = rows.map((r, i) => ({
    value: dataValue(r.value),
    name: labels[i],
    key: r.key,
    level: r.level,
    // At or below the line the election did not reach "more than half": drawn in the alert colour.
    itemStyle: { color: atOrUnder(r) ? ALERT : OK },
  })) as PlaceDatum[];
  const alerted = new Set(labels.filter((_, i) => atOrUnder(rows[i])));
  const floor = turnoutFloor(values, legalLine);
  const note = empty ? null : axisBreakNote(floor, legalLine, lang);
  const lineShown = !empty && floor < legalLine;
  const lineText = legalLineText(legalLine, lang);
  const zoomed = rows.length > TURNOUT_WINDOW;
  const upright = Math.min(rows.length, TURNOUT_WINDOW) > UPRIGHT_ABOVE;
  return {
    ...frame(text, empty),
    grid: {
      top: titleHeight(text) + (note ? 24 : 10),
      left: 12,
      // The line's label stands right of the plot, where no bar reaches it.
      right: lineShown ? textWidth(lineText, LINE_LABEL_SIZE) + 14 : 24,
      bottom: zoomed ? ZOOM_SPACE : 8,
      // The grid's box holds the axis labels and the axis name: they never run into the slider or the title.
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    },
    tooltip: tooltip('item', (p) => {
      const [param] = asParams(p);
      const row = param ? rows[param.dataIndex] : undefined;
      if (!row) return '';
      const extra =
        row.numerator !== undefined && row.denominator !== undefined
          ? `<br/>${tooltipLine('', lang === 'zh' ? '参加投票' : 'Voted', fmt(row.numerator, 'count', lang))}<br/>${tooltipLine('', lang === 'zh' ? '登记选民' : 'Registered', fmt(row.denominator, 'count', lang))}`
          : '';
      return `${tooltipTitle(row.detail ? `${row.label}（${row.detail}）` : row.label)}${tooltipLine(param?.marker ?? '', text.title, fmt(row.shown ?? row.value, 'percent', lang))}${extra}`;
    }),
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: {
        rotate: upright ? 90 : 0,
        // All names while they fit; ECharts leaves some out when the window is widened past that.
        interval: upright ? 'auto' : 0,
        fontSize: 11,
        width: LABEL_WIDTH,
        overflow: 'truncate',
        // The villages at or under the line are marked on the axis too, not only by their bars'
        // colour. By name: ECharts counts the index among the labels it shows, not the villages.
        color: (name?: string | number) => (alerted.has(String(name)) ? ALERT : '#52606d'),
      },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      min: floor,
      max: 100,
      axisLabel: { formatter: axisLabel('percent', lang) },
      name: note ?? '',
      nameLocation: 'end',
      nameGap: 12,
      nameTextStyle: { align: 'left', color: '#52606d', fontSize: 12 },
    },
    dataZoom: zoomFor(rows.length, TURNOUT_WINDOW),
    series: [
      {
        type: 'bar',
        name: text.title,
        data: data as never,
        barMaxWidth: 28,
        cursor: 'pointer',
        markLine: lineShown
          ? {
              silent: true,
              symbol: 'none',
              // Over the bars: the line stays visible across them.
              z: 10,
              lineStyle: { color: ALERT, type: 'dashed', width: 1.5 },
              label: { formatter: lineText, position: 'end', color: ALERT, fontSize: LINE_LABEL_SIZE, distance: 6 },
              data: [{ yAxis: legalLine }],
            }
          : undefined,
      },
    ],
  };
}
