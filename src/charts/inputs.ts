/**
 * Pure mappers from metric rows (already aggregated by DuckDB) to the chart builders' inputs.
 * Missing values stay null so charts show "no data" instead of a misleading zero.
 */
import type { AgeBandCount, MetricRow } from '../metrics/query';
import { FIRST_BAND, LAST_BAND } from '../db/ageBands';
import type {
  Category,
  ChartText,
  GroupedRatesInput,
  HeatmapInput,
  PyramidInput,
  RankedValue,
  StackedSharesInput,
  TrendInput,
} from './types';
import type { GroupBy } from '../metrics/scope';
import type { Lang } from '../util/lang';
import { metricDef, type MetricId } from '../metrics/catalogue';
import { coverageNote, coverageTexts, noneSupported, type Coverage } from '../metrics/coverage';

const yearLabel = (y: number, lang: Lang) => (lang === 'zh' ? `${y}年` : String(y));

/**
 * A chart's texts with what its figures cover: a note naming the partial ones and the blanks, and
 * "not supported by this data" instead of "no data" when nothing in it is supported.
 */
export function withCoverage(text: ChartText, figures: readonly { label: string; coverage: Coverage | null | undefined }[]): ChartText {
  const note = coverageNote(figures, text.lang);
  const none = noneSupported(figures.map((f) => f.coverage));
  return { ...text, note: none ? null : note, emptyText: none ? coverageTexts(text.lang).chartNone : null };
}

/** The category a row belongs to at a grouping level, with its drill-down target. */
export function categoryOf(r: MetricRow, level: Exclude<GroupBy, 'cycle'>): Category {
  switch (level) {
    case 'county':
      return { key: r.county ?? '', label: r.county ?? '—', level: 'county' };
    case 'township':
      return {
        key: `${r.county ?? ''}\u0000${r.township ?? ''}`,
        label: r.township ?? '—',
        level: 'township',
        detail: r.county ?? undefined,
      };
    case 'village':
      return { key: r.village_key ?? '', label: r.village ?? r.village_key ?? '—', level: 'village', detail: r.township ?? undefined };
  }
}

export function rankedValues(rows: readonly MetricRow[], metric: MetricId, level: Exclude<GroupBy, 'cycle'>): RankedValue[] {
  return rows
    .filter((r) => r.metric === metric)
    .map((r) => ({
      ...categoryOf(r, level),
      value: r.value,
      shown: r.shown,
      numerator: r.numerator,
      denominator: r.denominator,
      coverage: r.coverage,
    }));
}

export function trendInput(
  text: ChartText,
  metric: MetricId,
  cycles: readonly number[],
  series: readonly { key: string; label: string; rows: readonly MetricRow[] }[],
): TrendInput {
  const lang = text.lang;
  const figures = series.flatMap((s) =>
    s.rows
      .filter((r) => r.metric === metric && cycles.includes(r.cycle_year ?? -1))
      .map((r) => ({ label: `${s.label} ${yearLabel(r.cycle_year!, lang)}`, coverage: r.coverage })),
  );
  return {
    text: withCoverage(text, figures),
    unit: metricDef(metric).unit,
    cycles: [...cycles],
    series: series.map((s) => ({
      key: s.key,
      label: s.label,
      values: cycles.map((c) => s.rows.find((r) => r.metric === metric && r.cycle_year === c)?.shown ?? null),
    })),
  };
}

/** The distinct places of a metric's rows, in Chinese collation order. */
function categoriesOf(rows: readonly MetricRow[], metric: MetricId, level: Exclude<GroupBy, 'cycle'>): Category[] {
  const cats = new Map<string, Category>();
  for (const r of rows) if (r.metric === metric) cats.set(categoryOf(r, level).key, categoryOf(r, level));
  return [...cats.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

/** One metric's shown value per place and cycle, null where the data has none. */
function valueAt(
  rows: readonly MetricRow[],
  metric: MetricId,
  level: Exclude<GroupBy, 'cycle'>,
  key: string,
  cycle: number,
): number | null {
  return rows.find((r) => r.metric === metric && r.cycle_year === cycle && categoryOf(r, level).key === key)?.shown ?? null;
}

/** A metric's rows as labelled figures ("李家村 2021年"), for a chart's coverage note. */
function figuresOf(rows: readonly MetricRow[], metric: MetricId, level: Exclude<GroupBy, 'cycle'>, lang: Lang) {
  return rows
    .filter((r) => r.metric === metric)
    .map((r) => ({
      label: [categoryOf(r, level).label, r.cycle_year ? yearLabel(r.cycle_year, lang) : ''].filter(Boolean).join(' '),
      coverage: r.coverage,
    }));
}

export function heatmapInput(
  text: ChartText,
  metric: MetricId,
  cycles: readonly number[],
  rows: readonly MetricRow[],
  level: Exclude<GroupBy, 'cycle'>,
): HeatmapInput {
  const categories = categoriesOf(rows, metric, level);
  return {
    text: withCoverage(
      text,
      figuresOf(
        rows.filter((r) => cycles.includes(r.cycle_year ?? -1)),
        metric,
        level,
        text.lang,
      ),
    ),
    unit: metricDef(metric).unit,
    rows: categories,
    cycles: [...cycles],
    values: categories.map((c) => cycles.map((y) => valueAt(rows, metric, level, c.key, y))),
  };
}

/** 100% stacked parts per cycle: the parts of a whole (age bands, education tiers), their persons and shown shares. */
export function sharesByCycle(
  text: ChartText,
  metrics: readonly MetricId[],
  cycles: readonly number[],
  rows: readonly MetricRow[],
  lang: Lang,
): StackedSharesInput {
  // The parts of a whole share their villages (one coverage per cycle): the first part's rows say it.
  const first = rows.filter((r) => r.metric === metrics[0] && cycles.includes(r.cycle_year ?? -1));
  return {
    text: withCoverage(
      text,
      first.map((r) => ({ label: yearLabel(r.cycle_year!, lang), coverage: r.coverage })),
    ),
    categories: cycles.map((c) => ({ key: String(c), label: yearLabel(c, lang) })),
    parts: metrics.map((m) => ({
      key: m,
      label: metricDef(m)[lang].replace(/占比$| share$/, ''),
      counts: cycles.map((c) => rows.find((r) => r.metric === m && r.cycle_year === c)?.numerator ?? null),
      shares: cycles.map((c) => rows.find((r) => r.metric === m && r.cycle_year === c)?.shown ?? null),
    })),
  };
}

export function groupedRatesInput(
  text: ChartText,
  metric: MetricId,
  cycles: readonly number[],
  rows: readonly MetricRow[],
  level: Exclude<GroupBy, 'cycle'>,
  lang: Lang,
): GroupedRatesInput {
  const categories = categoriesOf(rows, metric, level);
  return {
    text: withCoverage(
      text,
      figuresOf(
        rows.filter((r) => cycles.includes(r.cycle_year ?? -1)),
        metric,
        level,
        lang,
      ),
    ),
    unit: metricDef(metric).unit,
    categories,
    series: cycles.map((y) => ({
      key: String(y),
      label: yearLabel(y, lang),
      values: categories.map((c) => valueAt(rows, metric, level, c.key, y)),
    })),
  };
}

const BAND_LABEL = (band: number) =>
  band <= FIRST_BAND ? `<${FIRST_BAND + 5}` : band >= LAST_BAND ? `${LAST_BAND}+` : `${band}–${band + 4}`;

export function pyramidInput(text: ChartText, counts: readonly AgeBandCount[], coverage?: Coverage): PyramidInput {
  const bands = [...new Set(counts.map((c) => c.band))].sort((a, b) => a - b);
  const get = (band: number, gender: string) => counts.find((c) => c.band === band && c.gender === gender)?.persons ?? 0;
  return {
    text: coverage ? withCoverage(text, [{ label: '', coverage }]) : text,
    bands: bands.map(BAND_LABEL),
    male: bands.map((b) => get(b, 'male')),
    female: bands.map((b) => get(b, 'female')),
  };
}

/** Turnout by village (or any ranked metric) with its coverage note. */
export function rankedChartText(
  text: ChartText,
  rows: readonly MetricRow[],
  metric: MetricId,
  level: Exclude<GroupBy, 'cycle'>,
): ChartText {
  return withCoverage(text, figuresOf(rows, metric, level, text.lang));
}
