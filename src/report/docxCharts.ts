/**
 * The charts of the Word report, made legible at their printed size. Every picture is drawn at the
 * width it is placed at (the text width), so its type prints at the size it was drawn; and a
 * category axis gets at least 12 cm of picture per 40 labels. A chart of more places than fit is
 * replaced by a chart of its lowest and highest places, and every place goes in an appendix table
 * (附件) — what a county office prints when a township has 300 villages.
 */
import { extremesOf, extremesTitle, omittedCategory, placeWord } from '../charts/extremes';
import { categoryCount, FOOTER_HEIGHT, optionTitle, type Size } from '../charts/exportFrame';
import { groupedRatesOption } from '../charts/groupedRates';
import { heatmapOption } from '../charts/heatmap';
import type { ChartOption } from '../charts/option';
import { turnoutExtremesOption } from '../charts/turnoutExtremes';
import type { Category, GroupedRatesInput, HeatmapInput, TurnoutBarsInput } from '../charts/types';
import { MAX_FIGURE_HEIGHT_PX, pxToMm, TEXT_WIDTH_MM, TEXT_WIDTH_PX } from '../export/docxLayout';
import { appendixReference } from '../export/officialText';
import type { ExportTable } from '../export/table';
import type { Lang } from '../util/lang';
import { placeCyclesTable, rankPlaces, turnoutRankingTable, type PlaceMatrix } from './appendix';

/** 12 cm of picture per 40 category labels: below that a printed axis label is too small to read. */
export const MM_PER_CATEGORY = 120 / 40;

/**
 * The ends a chart of many places keeps: more of the low ones, where the problems are (turnout at
 * or under the legal line, few women elected).
 */
export const DEFAULT_ENDS = { lowest: 20, highest: 10 } as const;

export type DocxChartPlan =
  /** Every category, the picture at `widthMm`. */
  | { kind: 'whole'; categories: number; widthMm: number }
  /** The `lowest` and `highest` places and a "⋯" between them; every place in an appendix table. */
  | { kind: 'ends'; categories: number; lowest: number; highest: number; widthMm: number };

/** Categories an axis this long carries legibly. */
export function maxCategories(axisMm: number): number {
  return Math.floor(axisMm / MM_PER_CATEGORY + 1e-9);
}

/**
 * How a chart of `categories` categories goes into a text `textWidthMm` wide (for a chart with its
 * categories down the side, the length the rows have on the page): whole at the text width when
 * they fit, else its ends, fewer than asked where even those would not fit.
 */
export function docxChartPlan(
  categories: number,
  textWidthMm: number,
  ends: { lowest: number; highest: number } = DEFAULT_ENDS,
): DocxChartPlan {
  const fit = maxCategories(textWidthMm);
  if (categories <= fit) return { kind: 'whole', categories, widthMm: textWidthMm };
  // The "⋯" between the two ends takes a place on the axis too.
  const room = Math.max(2, fit - 1);
  const scale = Math.min(1, room / (ends.lowest + ends.highest));
  return {
    kind: 'ends',
    categories,
    lowest: Math.max(1, Math.floor(ends.lowest * scale)),
    highest: Math.max(1, Math.floor(ends.highest * scale)),
    widthMm: textWidthMm,
  };
}

/** The report's chart height on screen: a printed chart is as tall unless its rows need more. */
const BASE_HEIGHT_PX = 340;
/** A chart with its categories down the side: room for title, axis and legend, and per row (as exportSize). */
const ROWS_CHROME_PX = 200;
const ROW_PX = 16;
/** Length a chart's rows have on a page (below its title, above its axis, footer and caption). */
export const ROWS_ROOM_MM = pxToMm(MAX_FIGURE_HEIGHT_PX - FOOTER_HEIGHT - ROWS_CHROME_PX);

/** The size a chart is drawn and placed at, before the footer line: the text width, and as tall as its rows need within a page. */
export function printSize(option: ChartOption): Size {
  const rows = categoryCount(option.yAxis);
  const height = rows > 0 ? Math.max(BASE_HEIGHT_PX, ROWS_CHROME_PX + rows * ROW_PX) : BASE_HEIGHT_PX;
  return { width: TEXT_WIDTH_PX, height: Math.min(height, MAX_FIGURE_HEIGHT_PX - FOOTER_HEIGHT) };
}

type Axis = { type?: string; data?: unknown[]; axisLabel?: Record<string, unknown> };
const gridSide = (option: ChartOption, side: 'left' | 'right' | 'top' | 'bottom') => {
  const g = (Array.isArray(option.grid) ? option.grid[0] : option.grid) as Record<string, unknown> | undefined;
  return typeof g?.[side] === 'number' ? (g[side] as number) : 60;
};
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Axis labels that fit the room each category has at the printed size: a label tilted 45° needs
 * 17 px of axis, else it stands upright and shrinks to its room (never under 8 px, 6 pt), and
 * every label is drawn (ECharts would drop some that collide).
 */
export function fitLabels(option: ChartOption, size: Size): ChartOption {
  const x = option.xAxis as Axis | undefined;
  const y = option.yAxis as Axis | undefined;
  const columns = categoryCount(x);
  const rows = categoryCount(y);
  const out = { ...option };
  if (columns > 0 && x) {
    const band = (size.width - gridSide(option, 'left') - gridSide(option, 'right')) / columns;
    if (band < 17 && x.axisLabel?.rotate)
      out.xAxis = { ...x, axisLabel: { ...x.axisLabel, rotate: 90, interval: 0, fontSize: clamp(Math.floor(band) - 1, 8, 11) } } as never;
  }
  if (rows > 0 && y) {
    const band = (size.height - gridSide(option, 'top') - gridSide(option, 'bottom') - FOOTER_HEIGHT) / rows;
    out.yAxis = { ...y, axisLabel: { ...y.axisLabel, interval: 0, fontSize: clamp(Math.floor(band) - 1, 8, 11) } } as never;
  }
  return out;
}

/** A chart the report prints, with the input it was built from where it is one of many places. */
export type PrintableChart =
  | { kind: 'turnout'; option: ChartOption; input: TurnoutBarsInput }
  | { kind: 'heatmap'; option: ChartOption; input: HeatmapInput }
  | { kind: 'rates'; option: ChartOption; input: GroupedRatesInput }
  | { kind: 'other'; option: ChartOption };

export interface DocxFigure {
  option: ChartOption;
  /** Drawn and placed at this size (CSS px at 96 dpi), before the footer line. */
  size: Size;
  caption: string;
  plan: DocxChartPlan;
}

export interface DocxAppendix {
  title: string;
  table: ExportTable;
}

export interface DocxCharts {
  figures: DocxFigure[];
  appendices: DocxAppendix[];
}

function heatmapMatrix(input: HeatmapInput): PlaceMatrix {
  return { title: input.text.title, unit: input.unit, places: input.rows, cycles: input.cycles, values: input.values };
}

function ratesMatrix(input: GroupedRatesInput): PlaceMatrix {
  return {
    title: input.text.title,
    unit: input.unit,
    places: input.categories,
    cycles: input.series.map((s) => Number(s.key)),
    values: input.categories.map((_, i) => input.series.map((s) => s.values[i] ?? null)),
  };
}

/** The rows of a chart of the ends of a place matrix: indices into its places, -1 for the "⋯". */
function endRows(m: PlaceMatrix, cycle: number, ends: { lowest: number; highest: number }) {
  const c = m.cycles.indexOf(cycle);
  // A place without the cycle's figure is neither high nor low: it is in the appendix only.
  const ranked = rankPlaces(m, cycle).filter((i) => (m.values[i]?.[c] ?? null) !== null);
  const e = extremesOf(ranked, ends.lowest, ends.highest);
  return {
    rows: e.omitted > 0 ? [...e.top, -1, ...e.bottom] : e.top,
    shown: { lowest: e.bottom.length, highest: e.top.length },
    omitted: e.omitted,
  };
}

const matrixOf = (chart: PrintableChart & { kind: 'heatmap' | 'rates' }) =>
  chart.kind === 'heatmap' ? heatmapMatrix(chart.input) : ratesMatrix(chart.input);

/** A chart's plan in the Word report: on the text width, or for the heat map's rows down the side, the room they have on a page. */
export function planFor(chart: PrintableChart): DocxChartPlan {
  switch (chart.kind) {
    case 'turnout':
      return docxChartPlan(chart.input.rows.length, TEXT_WIDTH_MM);
    case 'heatmap':
      return docxChartPlan(chart.input.rows.length, Math.min(TEXT_WIDTH_MM, ROWS_ROOM_MM));
    case 'rates':
      return docxChartPlan(chart.input.categories.length, TEXT_WIDTH_MM);
    case 'other':
      // Cycles, age bands, education tiers: a handful, never too many for the width.
      return {
        kind: 'whole',
        categories: Math.max(categoryCount(chart.option.xAxis), categoryCount(chart.option.yAxis)),
        widthMm: TEXT_WIDTH_MM,
      };
  }
}

/** "妇女占比（2021年）", "Women's share (2021)": the cycle whose figures rank the places. */
const inCycle = (title: string, y: number, lang: Lang) => (lang === 'zh' ? `${title}（${y}年）` : `${title} (${y})`);

/**
 * The figures and appendix tables of the charts, in order. `cycle` is the report's: a chart of many
 * places over several cycles keeps the places lowest and highest in it.
 */
export function docxCharts(charts: readonly PrintableChart[], cycle: number, lang: Lang): DocxCharts {
  const appendices: DocxAppendix[] = [];
  // Captions name their appendix by its number, known once all are counted.
  const pending: { option: ChartOption; plan: DocxChartPlan; caption: (label: (i: number) => string) => string }[] = [];
  const whole = (option: ChartOption, plan: DocxChartPlan) => pending.push({ option, plan, caption: () => optionTitle(option) });
  const withAppendix = (option: ChartOption, plan: DocxChartPlan, table: ExportTable, places: number, level: Category['level']) => {
    const i = appendices.push({ title: table.name, table }) - 1;
    const w = placeWord(level, lang);
    pending.push({
      option,
      plan,
      caption: (label) =>
        lang === 'zh'
          ? `${optionTitle(option)}（全部${places}个${w}见${label(i)}）`
          : `${optionTitle(option)} (all ${places} ${w} in ${label(i)})`,
    });
  };

  for (const chart of charts) {
    const plan = planFor(chart);
    if (chart.kind === 'other' || plan.kind === 'whole') whole(chart.option, plan);
    else if (chart.kind === 'turnout') {
      const option = turnoutExtremesOption({ ...chart.input, lowest: plan.lowest, highest: plan.highest });
      withAppendix(option, plan, turnoutRankingTable(chart.input.rows, lang), chart.input.rows.length, 'village');
    } else {
      const m = matrixOf(chart);
      const by = m.cycles.includes(cycle) ? cycle : (m.cycles.at(-1) ?? cycle);
      const level = m.places[0]?.level;
      const ends = endRows(m, by, plan);
      const places = ends.rows.map((i) => (i < 0 ? omittedCategory(ends.omitted, level, lang) : m.places[i]!));
      const title = ends.omitted > 0 ? extremesTitle(inCycle(m.title, by, lang), ends.shown, level, lang) : m.title;
      const cell = (i: number, c: number) => (i < 0 ? null : (m.values[i]?.[c] ?? null));
      const option =
        chart.kind === 'heatmap'
          ? heatmapOption({
              ...chart.input,
              text: { ...chart.input.text, title },
              rows: places,
              values: ends.rows.map((i) => m.cycles.map((_, c) => cell(i, c))),
            })
          : groupedRatesOption({
              ...chart.input,
              text: { ...chart.input.text, title },
              categories: places,
              series: chart.input.series.map((s, c) => ({ ...s, values: ends.rows.map((i) => cell(i, c)) })),
            });
      withAppendix(option, plan, placeCyclesTable(m, by, lang), m.places.length, level);
    }
  }
  const label = (i: number) => appendixReference(i, appendices.length, lang);
  return {
    figures: pending.map((p) => {
      const size = printSize(p.option);
      return { option: fitLabels(p.option, size), size, caption: p.caption(label), plan: p.plan };
    }),
    appendices,
  };
}
