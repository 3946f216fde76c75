/**
 * Pure mappers from metric rows (already aggregated by DuckDB) to the chart builders' inputs.
 * Missing values stay null so charts show "no data" instead of a misleading zero.
 */
import type { MetricRow, AgeBandCount } from '../../db/queries';
import type { Category, ChartText, GroupedRatesInput, HeatmapInput, PyramidInput, RankedValue, StackedSharesInput, TrendInput } from '../../charts/types';
import type { GroupBy } from '../../db/metricSql';
import type { Lang } from '../../import/issues';
import { metricDef, type MetricId } from '../../metrics/catalogue';

const yearLabel = (y: number, lang: Lang) => (lang === 'zh' ? `${y}年` : String(y));

/** The category a row belongs to at a grouping level, with its drill-down target. */
export function categoryOf(r: MetricRow, level: Exclude<GroupBy, 'cycle'>): Category {
  switch (level) {
    case 'county':
      return { key: r.county ?? '', label: r.county ?? '—', level: 'county' };
    case 'township':
      return { key: `${r.county ?? ''}\u0000${r.township ?? ''}`, label: r.township ?? '—', level: 'township', detail: r.county ?? undefined };
    case 'village':
      return { key: r.village_key ?? '', label: r.village ?? r.village_key ?? '—', level: 'village', detail: r.township ?? undefined };
  }
}

export function rankedValues(rows: readonly MetricRow[], metric: MetricId, level: Exclude<GroupBy, 'cycle'>): RankedValue[] {
  return rows
    .filter((r) => r.metric === metric)
    .map((r) => ({ ...categoryOf(r, level), value: r.value, numerator: r.numerator, denominator: r.denominator }));
}

export function trendInput(
  text: ChartText,
  metric: MetricId,
  cycles: readonly number[],
  series: readonly { key: string; label: string; rows: readonly MetricRow[] }[],
): TrendInput {
  return {
    text,
    unit: metricDef(metric).unit,
    cycles: [...cycles],
    series: series.map((s) => ({
      key: s.key,
      label: s.label,
      values: cycles.map((c) => s.rows.find((r) => r.metric === metric && r.cycle_year === c)?.value ?? null),
    })),
  };
}

/** The distinct places of a metric's rows, in Chinese collation order. */
function categoriesOf(rows: readonly MetricRow[], metric: MetricId, level: Exclude<GroupBy, 'cycle'>): Category[] {
  const cats = new Map<string, Category>();
  for (const r of rows) if (r.metric === metric) cats.set(categoryOf(r, level).key, categoryOf(r, level));
  return [...cats.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

/** One metric's value per place and cycle, null where the data has none. */
function valueAt(rows: readonly MetricRow[], metric: MetricId, level: Exclude<GroupBy, 'cycle'>, key: string, cycle: number): number | null {
  return rows.find((r) => r.metric === metric && r.cycle_year === cycle && categoryOf(r, level).key === key)?.value ?? null;
}

export function heatmapInput(text: ChartText, metric: MetricId, cycles: readonly number[], rows: readonly MetricRow[], level: Exclude<GroupBy, 'cycle'>): HeatmapInput {
  const categories = categoriesOf(rows, metric, level);
  return {
    text,
    unit: metricDef(metric).unit,
    rows: categories,
    cycles: [...cycles],
    values: categories.map((c) => cycles.map((y) => valueAt(rows, metric, level, c.key, y))),
  };
}

/** 100% stacked parts per cycle from the numerators of share metrics (age bands, education tiers). */
export function sharesByCycle(text: ChartText, metrics: readonly MetricId[], cycles: readonly number[], rows: readonly MetricRow[], lang: Lang): StackedSharesInput {
  return {
    text,
    categories: cycles.map((c) => ({ key: String(c), label: yearLabel(c, lang) })),
    parts: metrics.map((m) => ({
      key: m,
      label: metricDef(m)[lang].replace(/占比$| share$/, ''),
      counts: cycles.map((c) => rows.find((r) => r.metric === m && r.cycle_year === c)?.numerator ?? null),
    })),
  };
}

export function groupedRatesInput(text: ChartText, metric: MetricId, cycles: readonly number[], rows: readonly MetricRow[], level: Exclude<GroupBy, 'cycle'>, lang: Lang): GroupedRatesInput {
  const categories = categoriesOf(rows, metric, level);
  return {
    text,
    unit: metricDef(metric).unit,
    categories,
    series: cycles.map((y) => ({
      key: String(y),
      label: yearLabel(y, lang),
      values: categories.map((c) => valueAt(rows, metric, level, c.key, y)),
    })),
  };
}

const BAND_LABEL = (band: number) => (band <= 15 ? '<20' : band >= 75 ? '75+' : `${band}–${band + 4}`);

export function pyramidInput(text: ChartText, counts: readonly AgeBandCount[]): PyramidInput {
  const bands = [...new Set(counts.map((c) => c.band))].sort((a, b) => a - b);
  const get = (band: number, gender: string) => counts.find((c) => c.band === band && c.gender === gender)?.persons ?? 0;
  return { text, bands: bands.map(BAND_LABEL), male: bands.map((b) => get(b, 'male')), female: bands.map((b) => get(b, 'female')) };
}
