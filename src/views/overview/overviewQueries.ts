/**
 * What the overview asks of the database for a scope and its chart choices — the KPI cards'
 * metrics, each chart's rows and the ranking table's. Pure: the overview's hooks ask exactly
 * these, and the build asks the same ones for the sample's first dashboard
 * (src/app/dashboardSnapshot.ts).
 */
import type { GroupBy, MetricQuery } from '../../db/metricSql';
import type { AgeQuery } from '../../app/queryOptions';
import { AGE_BANDINGS, EDUCATION_TIERS, metricDef, type MetricId } from '../../metrics/catalogue';
import { childLevel } from '../../metrics/levels';
import type { BodyScope, Scope } from '../../metrics/scope';
import { siblingsQuery } from '../../db/siblings';
import type { ChartChoices } from './chartChoices';

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
];

function query(scope: Scope, metrics: readonly MetricId[], over: Partial<MetricQuery>): MetricQuery {
  return {
    metrics,
    county: scope.county,
    township: scope.township,
    village: scope.village,
    cycles: scope.cycle === null ? [] : [scope.cycle],
    body: scope.body,
    role: scope.role,
    groupBy: [],
    ...over,
  };
}

/** Results indicators are reported per body: with both bodies in scope they show the committee's. */
export function resultsBody(scope: Scope): BodyScope {
  return scope.body === 'all' ? 'village_committee' : scope.body;
}

export function bodyFor(scope: Scope, m: MetricId): BodyScope {
  return metricDef(m).source === 'results' ? resultsBody(scope) : scope.body;
}

export interface OverviewQueries {
  turnout: MetricQuery;
  /** The trend of the scope alone; its line and the parent's are read from `trendRows`. */
  trend: MetricQuery;
  /**
   * What the trend chart asks: the parent's scope by the scope's level and cycle, holding the
   * scope's line and its parent's (src/db/siblings.ts). For a township or a village that is the
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
  const trendOwn = query(scope, [trend], { cycles: [], groupBy: ['cycle'], body: bodyFor(scope, trend) });
  return {
    turnout: query(scope, ['turnout'], { body: resultsBody(scope), groupBy: ['village'] }),
    trend: trendOwn,
    trendRows: siblingsQuery(trendOwn) ?? trendOwn,
    heat: query(scope, [trend], { cycles: [], groupBy: [level, 'cycle'], body: bodyFor(scope, trend) }),
    ages: query(scope, [], {}),
    // Parts of one whole: over the villages whose data has every part, so the parts add up.
    bands: query(scope, AGE_BANDINGS[banding], { cycles: [], groupBy: ['cycle'] }),
    edu: query(scope, EDUCATION_TIERS, { cycles: [], groupBy: ['cycle'] }),
    rates: query(scope, [rate], { cycles: [], groupBy: [level, 'cycle'], body: bodyFor(scope, rate) }),
  };
}

/** The ranking table's rows: one indicator over the scope's places of one level, in the scope's cycle. */
export function rankingQuery(scope: Scope, metric: MetricId, level: Exclude<GroupBy, 'cycle'>): MetricQuery {
  return query(scope, [metric], { body: bodyFor(scope, metric), groupBy: [level] });
}
