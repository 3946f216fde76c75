/**
 * What every chart shares: fonts that carry Chinese, a white background (exports), the title
 * with scope and denominator, a clear "no data" notice, and escaped tooltips. Every string in a
 * chart may come from a user's file, so tooltips (HTML) escape it and labels use plain text.
 */
import { format } from 'echarts/core';
import type { Lang } from '../util/lang';
import { formatValue, type Unit } from '../metrics/format';
import type { Category, ChartText } from './types';
import type { ChartOption } from './option';

/**
 * Fonts present on Chinese Windows, macOS and Debian (fonts-noto-cjk), in that order of likelihood.
 * Single quotes: ECharts' SVG string renderer writes this into a double-quoted style attribute.
 */
export const FONT_FAMILY = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export const PALETTE = ['#2f6fb3', '#d9822b', '#3a9e6a', '#c2403a', '#7a5cb8', '#8c6d4f', '#d46aa8', '#6b7785', '#a3a322', '#2bb0c2'];

/** Colours of things that break or pass a rule. */
export const ALERT = '#c2403a';
export const OK = '#2f6fb3';

/** Height reserved above the plot for the title, subtitle and denominator. */
export const TITLE_HEIGHT = 78;

/** The same with a coverage note under the denominator (one more line). */
export function titleHeight(text: ChartText): number {
  return TITLE_HEIGHT + (text.note ? 17 : 0);
}

export const escapeHtml: (s: string) => string = (s) => format.encodeHTML(s);

export function noDataText(lang: Lang): string {
  return lang === 'zh' ? '暂无数据' : 'No data';
}

export function isEmpty(values: Iterable<number | null | undefined>): boolean {
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v)) return false;
  return true;
}

/** ECharts' marker for a missing value: drawn as a gap, never as zero. */
export const GAP = '-';

export function dataValue(v: number | null | undefined): number | typeof GAP {
  return v === null || v === undefined || !Number.isFinite(v) ? GAP : v;
}

/** The frame of every chart: background, fonts, title block, and the "no data" notice when empty. */
export function frame(text: ChartText, empty: boolean): ChartOption {
  return {
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    title: {
      text: text.title,
      subtext: [text.subtitle, text.denominator, text.note].filter(Boolean).join('\n'),
      left: 12,
      top: 8,
      textStyle: { fontSize: 15, fontWeight: 'bold', color: '#1f2933', fontFamily: FONT_FAMILY },
      subtextStyle: { fontSize: 12, color: '#52606d', lineHeight: 17, fontFamily: FONT_FAMILY },
    },
    graphic: empty
      ? [
          {
            type: 'text',
            left: 'center',
            top: 'middle',
            silent: true,
            style: { text: text.emptyText || noDataText(text.lang), fontSize: 16, fill: '#7b8794', fontFamily: FONT_FAMILY },
          },
        ]
      : [],
  };
}

/** A tooltip that lives inside the chart and renders only what the formatter escaped. */
export function tooltip(trigger: 'item' | 'axis', formatter: (params: unknown) => string): ChartOption['tooltip'] {
  return { trigger, confine: true, formatter: formatter as never, textStyle: { fontFamily: FONT_FAMILY } };
}

/** One tooltip line: a series marker, an escaped name and an already formatted value. */
export function tooltipLine(marker: string, name: string, value: string): string {
  return `${marker}${escapeHtml(name)}<span style="float:right;margin-left:16px;font-weight:bold">${escapeHtml(value)}</span>`;
}

export function tooltipTitle(name: string): string {
  return `<div style="font-weight:bold;margin-bottom:4px">${escapeHtml(name)}</div>`;
}

export function fmt(v: number | null | undefined, unit: Unit, lang: Lang): string {
  return formatValue(v, unit, lang);
}

/** The params ECharts hands a formatter, as far as the builders read them. */
export interface TooltipParam {
  marker?: string;
  seriesName?: string;
  name?: string;
  value?: unknown;
  dataIndex: number;
  seriesIndex?: number;
  data?: unknown;
}

export function asParams(params: unknown): TooltipParam[] {
  return (Array.isArray(params) ? params : [params]) as TooltipParam[];
}

/**
 * Axis labels for categories: same-name villages in different townships get their township in
 * brackets so the axis never shows two identical names for two places.
 */
export function distinctLabels(categories: readonly Category[]): string[] {
  const seen = new Map<string, number>();
  for (const c of categories) seen.set(c.label, (seen.get(c.label) ?? 0) + 1);
  return categories.map((c) => ((seen.get(c.label) ?? 0) > 1 && c.detail ? `${c.label}（${c.detail}）` : c.label));
}

/** A data item that carries its place so a click can drill down to it. */
export interface PlaceDatum {
  value: number | typeof GAP | (number | typeof GAP)[];
  name?: string;
  key?: string;
  level?: Category['level'];
}

export function placeDatum(c: Category, v: number | null | undefined): PlaceDatum {
  return { value: dataValue(v), name: c.label, key: c.key, level: c.level };
}

/**
 * The scroll slider of a chart with many categories. Without brushSelect ECharts draws no move
 * handle above the track, which it would put outside the box given here (over the axis labels);
 * the window is moved by dragging the filled part instead. The border colour lets the layout
 * tests find the slider in the SVG.
 */
export const ZOOM_SLIDER = { size: 18, edge: 6, border: '#a9b4c2' } as const;

/** Room the slider takes at the edge of the chart, with a gap to the axis labels above (or beside) it. */
export const ZOOM_SPACE = ZOOM_SLIDER.size + ZOOM_SLIDER.edge + 10;

/** Many categories scroll instead of squeezing labels into illegibility. */
export function zoomFor(count: number, visible: number, orient: 'x' | 'y' = 'x'): ChartOption['dataZoom'] {
  if (count <= visible) return [];
  // By index, not percent: exactly the first `visible` categories, whatever the count.
  const window = { startValue: 0, endValue: visible - 1 };
  const axis = orient === 'x' ? { xAxisIndex: 0 } : { yAxisIndex: 0 };
  const place =
    orient === 'x' ? { height: ZOOM_SLIDER.size, bottom: ZOOM_SLIDER.edge } : { width: ZOOM_SLIDER.size, right: ZOOM_SLIDER.edge };
  return [
    { type: 'slider', ...axis, ...window, ...place, brushSelect: false, borderColor: ZOOM_SLIDER.border },
    { type: 'inside', ...axis, ...window },
  ];
}

/** About how wide a one-line text is: CJK and full-width characters a font size, others about half. */
export function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffef]/.test(ch) ? fontSize : fontSize * 0.6;
  return Math.ceil(w);
}

/** Axis tick labels for a unit. */
export function axisLabel(unit: Unit, lang: Lang): (v: number) => string {
  return (v) => (unit === 'percent' ? `${v}%` : formatValue(v, unit === 'years' ? 'count' : unit, lang));
}

export function cycleLabel(y: number, lang: Lang): string {
  return lang === 'zh' ? `${y}年` : String(y);
}

/** The cycles a chart spans, for its subtitle: "2011–2021年", or one year. */
export function cycleSpan(cycles: readonly number[], lang: Lang): string | null {
  if (cycles.length === 0) return null;
  const first = Math.min(...cycles);
  const last = Math.max(...cycles);
  if (first === last) return cycleLabel(first, lang);
  return lang === 'zh' ? `${first}–${last}年` : `${first}–${last}`;
}

/** "分母：登记选民数" — every chart names its denominator; counts name their definition instead. */
export function denominatorText(
  m: { denominatorLabel: { zh: string; en: string } | null; definition: { zh: string; en: string } },
  lang: Lang,
): string {
  return m.denominatorLabel ? `${lang === 'zh' ? '分母：' : 'Denominator: '}${m.denominatorLabel[lang]}` : m.definition[lang];
}
