/**
 * What the overview asks of the database for a scope and its chart choices — the KPI cards'
 * metrics, each chart's rows and the ranking table's. Pure: the overview's hooks ask exactly
 * these, and the build asks the same ones for the sample's first dashboard
 * (src/app/dashboardSnapshot.ts).
 */
import type { GroupBy, MetricQuery } from '../metrics/sql';
import { siblingsQuery } from '../metrics/siblings';
import { AGE_BANDINGS, EDUCATION_TIERS, type MetricId } from '../metrics/catalogue';
import { childLevel } from '../metrics/levels';
import type { Scope } from '../metrics/scope';
import type { ChartChoices } from './chartChoices';
import type { AgeQuery } from './options';
import { bodyFor, resultsBody, scopeQuery } from './scope';

// A scope's and its parent's rows, out of the siblings' query the trend chart asks.
export { ownRows, parentRows } from '../metrics/siblings';

export const KPI_METRICS: readonly MetricId[] = [
  'villages',
  'members',
  'turnout',
  'first_round_success_rate',
  'women_share',
  'avg_age',
  'age_le35_share',
  'edu_college_share',
  'party_member_share',
  'cross_holding_rate',
  'one_shoulder_rate',
  'reelection_rate',
  'newly_elected_rate',
  'left_rate',
  'avg_years_in_office',
];

export interface OverviewQueries {
  turnout: MetricQuery;
  /** The trend of the scope alone; its line and the parent's are read from `trendRows`. */
  trend: MetricQuery;
  /**
   * What the trend chart asks: the parent's scope by the scope's level and cycle, holding the
   * scope's line and its parent's (src/metrics/siblings.ts). For a township or a village that is the
   * parent's heat map, cached when a user goes down a level. The scope's own trend at the top.
   */
  trendRows: MetricQuery;
  heat: MetricQuery;
  ages: AgeQuery;
  bands: MetricQuery;
  edu: MetricQuery;
  rates: MetricQuery;
}

export function overviewQueries(scope: Scope, choices: ChartChoices): OverviewQueries {
  const level = childLevel(scope);
  const { trend, banding, rate } = choices;
  const trendOwn = scopeQuery(scope, [trend], { cycles: [], groupBy: ['cycle'], body: bodyFor(scope, trend) });
  return {
    turnout: scopeQuery(scope, ['turnout'], { body: resultsBody(scope), groupBy: ['village'] }),
    trend: trendOwn,
    trendRows: siblingsQuery(trendOwn) ?? trendOwn,
    heat: scopeQuery(scope, [trend], { cycles: [], groupBy: [level, 'cycle'], body: bodyFor(scope, trend) }),
    ages: scopeQuery(scope, [], {}),
    // Parts of one whole: over the villages whose data has every part, so the parts add up.
    bands: scopeQuery(scope, AGE_BANDINGS[banding], { cycles: [], groupBy: ['cycle'] }),
    edu: scopeQuery(scope, EDUCATION_TIERS, { cycles: [], groupBy: ['cycle'] }),
    rates: scopeQuery(scope, [rate], { cycles: [], groupBy: [level, 'cycle'], body: bodyFor(scope, rate) }),
  };
}

/** The ranking table's rows: one indicator over the scope's places of one level, in the scope's cycle. */
export function rankingQuery(scope: Scope, metric: MetricId, level: Exclude<GroupBy, 'cycle'>): MetricQuery {
  return scopeQuery(scope, [metric], { body: bodyFor(scope, metric), groupBy: [level] });
}
