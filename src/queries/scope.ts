/**
 * The one way from a scope to a metric query: its place, cycle, body and role, and what a caller
 * asks differently (every cycle, a grouping, another body). Every view's queries start here.
 */
import type { MetricQuery } from '../metrics/sql';
import { metricDef, type MetricId } from '../metrics/catalogue';
import type { BodyScope, Scope } from '../metrics/scope';

export function scopeQuery(scope: Scope, metrics: readonly MetricId[], over: Partial<MetricQuery> = {}): MetricQuery {
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
export function resultsBody(scope: Pick<Scope, 'body'>): BodyScope {
  return scope.body === 'all' ? 'village_committee' : scope.body;
}

/** The body a metric is shown for in a scope (see resultsBody). */
export function bodyFor(scope: Pick<Scope, 'body'>, m: MetricId): BodyScope {
  return metricDef(m).source === 'results' ? resultsBody(scope) : scope.body;
}
