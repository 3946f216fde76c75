/**
 * The inputs of the pure chart-option builders: already-aggregated rows from DuckDB plus the
 * texts a chart must show. A value of null means "no data" and is drawn as a gap, never as 0.
 */
import type { Lang } from '../util/lang';
import type { Coverage } from '../metrics/coverage';
import type { Unit } from '../metrics/format';

export interface ChartText {
  title: string;
  /** Scope and cycle, e.g. "青山县 · 2021年 · 村（居）委会". */
  subtitle: string;
  /** The denominator, stated on every chart, e.g. "分母：登记选民数". */
  denominator: string;
  lang: Lang;
  /** Which figures cover only part of their villages, or none (src/metrics/coverage.ts coverageNote). */
  note?: string | null;
  /** Shown instead of "no data" when the chart is empty because the data does not support it. */
  emptyText?: string | null;
}

/** A drillable category (village, township, county): key goes back in click events. */
export interface Category {
  key: string;
  label: string;
  /** What a click on it drills down to. */
  level?: 'county' | 'township' | 'village';
  /** The parent's name (a village's township), shown where two categories share a label. */
  detail?: string;
}

export interface RankedValue extends Category {
  /** Unrounded, for sorting and drawing. */
  value: number | null;
  /** As every surface shows it (src/metrics/figure.ts); the value where not given. */
  shown?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  /** Villages whose data supports the figure, of those in the place (src/metrics/coverage.ts). */
  coverage?: Coverage;
}

/** The order of places in a ranked chart: lowest first, highest first, or by name. */
export type RankOrder = 'asc' | 'desc' | 'name';

/** Turnout by village, sorted, with the legal line (more than half must vote). */
export interface TurnoutBarsInput {
  text: ChartText;
  rows: RankedValue[];
  /** Percent, 50 for the Organic Law's "more than half". */
  legalLine: number;
  /** Lowest first when not given: the villages near or under the line come first. */
  order?: RankOrder;
}

/** One indicator across cycles, one line per series (e.g. the scope and its parent). */
export interface TrendInput {
  text: ChartText;
  unit: Unit;
  cycles: number[];
  series: { key: string; label: string; values: (number | null)[] }[];
}

/** Village × cycle heatmap of one indicator. */
export interface HeatmapInput {
  text: ChartText;
  unit: Unit;
  rows: Category[];
  cycles: number[];
  /** values[row][col], aligned with rows and cycles. */
  values: (number | null)[][];
}

/** Persons by age band and gender. Bands youngest first; counts, not shares. */
export interface PyramidInput {
  text: ChartText;
  bands: string[];
  male: number[];
  female: number[];
}

/** 100% stacked bars of counts (education tiers, age bands) per category (cycle or township). */
export interface StackedSharesInput {
  text: ChartText;
  categories: Category[];
  /**
   * Per part, per category: persons and the share as shown everywhere (the parts' shown values of
   * src/metrics/figure.ts, adding up to exactly 100.0); null where the category has no figure.
   */
  parts: { key: string; label: string; counts: (number | null)[]; shares: (number | null)[] }[];
}

/** Rates per category (township) with one bar per series (cycle). */
export interface GroupedRatesInput {
  text: ChartText;
  unit: Unit;
  categories: Category[];
  series: { key: string; label: string; values: (number | null)[] }[];
}
