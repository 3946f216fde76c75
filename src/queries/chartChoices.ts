/**
 * What the overview's charts are set to show — the trend/heatmap indicator, the age banding, the
 * rate by place, the order of the turnout bars — read from the URL query, so a shared link (and
 * the report, which reuses these charts) shows the same ones. Defaults are left out of the URL.
 */
import type { RankOrder } from '../charts/types';
import { AGE_BANDINGS, isMetricId, type MetricId } from '../metrics/catalogue';

export type Banding = keyof typeof AGE_BANDINGS;

export const RATES_BY_PLACE: readonly MetricId[] = ['women_share', 'cross_holding_rate', 'one_shoulder_rate'];

export const TURNOUT_ORDERS: readonly RankOrder[] = ['asc', 'desc', 'name'];

export interface ChartChoices {
  /** `trend=`: the indicator of the trend and the heatmap. */
  trend: MetricId;
  /** `banding=`: `ten_year` (≤35/36–45/46–55/≥56) or `twenty_year` (≤29/30–49/≥50). */
  banding: Banding;
  /** `rate=`: the rate shown by township or village. */
  rate: MetricId;
  /** `turnoutOrder=`: turnout by village lowest first (`asc`), highest first (`desc`) or by `name`. */
  turnoutOrder: RankOrder;
}

export const DEFAULT_CHOICES: ChartChoices = { trend: 'turnout', banding: 'ten_year', rate: 'women_share', turnoutOrder: 'asc' };

export function metricParam(params: URLSearchParams, name: string, fallback: MetricId, allowed?: readonly MetricId[]): MetricId {
  const v = params.get(name);
  return v && isMetricId(v) && (!allowed || allowed.includes(v)) ? v : fallback;
}

export function chartChoices(params: URLSearchParams): ChartChoices {
  const banding = params.get('banding');
  const order = params.get('turnoutOrder');
  return {
    trend: metricParam(params, 'trend', DEFAULT_CHOICES.trend),
    banding: banding !== null && banding in AGE_BANDINGS ? (banding as Banding) : DEFAULT_CHOICES.banding,
    rate: metricParam(params, 'rate', DEFAULT_CHOICES.rate, RATES_BY_PLACE),
    turnoutOrder: TURNOUT_ORDERS.find((o) => o === order) ?? DEFAULT_CHOICES.turnoutOrder,
  };
}

/** URL changes for new choices; a default removes its parameter. */
export function choicesToParams(c: Partial<ChartChoices>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of Object.keys(c) as (keyof ChartChoices)[]) out[k] = c[k] === DEFAULT_CHOICES[k] ? null : (c[k] ?? null);
  return out;
}
