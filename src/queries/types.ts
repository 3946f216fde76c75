/** The engine's types the views read (rows, places, imports, staged files): views import them from here, not from src/db. */
export type { ImportRecord, Place, RejectedRow } from '../db/queries';
export type { AgeBandCount, MetricRow } from '../metrics/query';
export type { GroupBy } from '../metrics/sql';
export type { Conflict, StagedImport } from '../db/load';
export type { Overlap, OverlapState, SourceChoice } from '../db/sources';
export type { Db } from '../db/types';
export type { RuleBreach, RuleId, RuleScope, RuleSummary } from '../metrics/ruleChecks';
