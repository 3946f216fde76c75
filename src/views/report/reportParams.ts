/**
 * The report's choices in the URL: `chart=` (repeated; `none` for no chart) picks the charts,
 * in the order of the overview, and `table=` (repeated; `none`) the tables. Missing means the
 * defaults, so a plain `?view=report` link gives a complete report.
 */
import { REPORT_TABLES, type ReportTableId } from '../../report/tables';
import { isOverviewChart, OVERVIEW_CHARTS, type OverviewChartId } from '../overview/useOverviewOptions';

export const DEFAULT_REPORT_CHARTS: readonly OverviewChartId[] = ['turnout-by-village', 'trend', 'age-bands', 'education'];

function listParam<T extends string>(params: URLSearchParams, name: string, all: readonly T[], defaults: readonly T[]): T[] {
  const values = params.getAll(name);
  if (values.length === 0) return [...defaults];
  return all.filter((x) => values.includes(x));
}

export function reportCharts(params: URLSearchParams): OverviewChartId[] {
  return listParam(params, 'chart', OVERVIEW_CHARTS, DEFAULT_REPORT_CHARTS).filter(isOverviewChart);
}

export function reportTables(params: URLSearchParams): ReportTableId[] {
  return listParam(params, 'table', REPORT_TABLES, REPORT_TABLES);
}

/** The URL value of a choice: `none` for an empty list, nothing for the defaults. */
export function listToParam<T extends string>(chosen: readonly T[], defaults: readonly T[]): string[] | null {
  if (chosen.length === defaults.length && chosen.every((c) => defaults.includes(c))) return null;
  return chosen.length === 0 ? ['none'] : [...chosen];
}

/** Toggles one item, keeping the canonical order of `all`. */
export function toggle<T extends string>(chosen: readonly T[], item: T, on: boolean, all: readonly T[]): T[] {
  return all.filter((x) => (x === item ? on : chosen.includes(x)));
}

/** `progress=1`: the overview section states the cycle's completion as work reports do (截至…完成…个村，占…). */
export function reportProgress(params: URLSearchParams): boolean {
  return params.get('progress') === '1';
}
