/** The engine's types the views read (rows, places, imports, staged files): views import them from here, not from src/db. */
export type { AgeBandCount, ImportRecord, MetricRow, Place, RejectedRow } from '../db/queries';
export type { GroupBy } from '../db/metricSql';
export type { Conflict, StagedImport } from '../db/load';
export type { Overlap, OverlapState, SourceChoice } from '../db/sources';
export type { Db } from '../db/types';
export type { RuleBreach, RuleId, RuleScope, RuleSummary } from '../db/rules';
