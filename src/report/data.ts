/**
 * What the report's text is written from: catalogue metric rows of one scope for its cycle and
 * the one before, in four groups of members, and the rule-check summary of the cycle.
 */
import type { CompletionProgress } from '../metrics/completeness';
import type { MetricRow } from '../metrics/query';
import type { RuleSummary } from '../metrics/ruleChecks';
import type { MetricId } from '../metrics/catalogue';

/**
 * - `all`: both bodies (a cross-holding person once); results metrics come per body;
 * - `village_committee`, `party_branch`: one body's members;
 * - `secretaries`: the heads of the party branch (书记).
 */
export type FigureGroup = 'all' | 'village_committee' | 'party_branch' | 'secretaries';

export const FIGURE_GROUPS: readonly FigureGroup[] = ['all', 'village_committee', 'party_branch', 'secretaries'];

/** The indicators the report talks about, read for every group. */
export const REPORT_METRICS: readonly MetricId[] = [
  'villages',
  'bodies_elected',
  'turnout',
  'invalid_ballot_rate',
  'first_round_success_rate',
  'members',
  'women_share',
  'avg_age',
  'age_le35_share',
  'age_36_45_share',
  'age_46_55_share',
  'age_ge56_share',
  'edu_junior_or_below_share',
  'edu_senior_share',
  'edu_college_share',
  'party_member_share',
  'minority_share',
  'cross_holding_rate',
  'one_shoulder_rate',
  'reelection_rate',
  'newly_elected_rate',
  'left_rate',
  'avg_years_in_office',
  'college_graduate_officials',
];

export interface ReportData {
  /** The place's names from the top ("青山县", "河东镇"); empty for all data. */
  place: readonly string[];
  cycle: number;
  previousCycle: number | null;
  /** Rows grouped by cycle (cycle and previousCycle only). */
  rows: Record<FigureGroup, readonly MetricRow[]>;
  /** Rule checks of the cycle, both bodies. */
  rules: readonly RuleSummary[];
  /**
   * A village's lineage (src/db/lineage.ts): the previous cycle's figures summed over the villages
   * merged into it or under its former name, or its split from a village whose figures are not compared.
   */
  lineage?: { kind: 'merge' | 'rename' | 'split'; names: readonly string[]; cycle?: number } | null;
  /** The cycle's completion (截至…完成…个村), when the report is asked to state it (`progress=1`). */
  completion?: CompletionProgress | null;
}

/** One figure of the data: a metric of a group, for a body (results metrics) and a cycle. */
export function figure(
  data: ReportData,
  group: FigureGroup,
  metric: MetricId,
  opts: { body?: string; previous?: boolean } = {},
): MetricRow | null {
  const cycle = opts.previous ? data.previousCycle : data.cycle;
  if (cycle === null) return null;
  return (
    data.rows[group].find((r) => r.metric === metric && r.cycle_year === cycle && (opts.body === undefined || r.body === opts.body)) ?? null
  );
}

/** The key figures: compared with the previous cycle in the text, and listed in the report's table. */
export const KEY_FIGURES: readonly { metric: MetricId; body?: 'village_committee' | 'party_branch'; zh: string; en: string }[] = [
  { metric: 'villages', zh: '纳入统计的村（社区）', en: 'villages covered' },
  { metric: 'turnout', body: 'village_committee', zh: '村（居）委会选举参选率', en: "turnout of the villagers' committee elections" },
  { metric: 'turnout', body: 'party_branch', zh: '村党组织选举参选率', en: 'turnout of the party branch elections' },
  {
    metric: 'first_round_success_rate',
    body: 'village_committee',
    zh: '村（居）委会一次选举成功率',
    en: "committees' first-round success rate",
  },
  { metric: 'members', zh: '当选两委成员', en: 'members elected' },
  { metric: 'women_share', zh: '妇女占比', en: "women's share" },
  { metric: 'avg_age', zh: '平均年龄', en: 'average age' },
  { metric: 'age_le35_share', zh: '35岁及以下成员占比', en: 'share aged 35 or under' },
  { metric: 'edu_college_share', zh: '大专及以上学历占比', en: 'share with college or above' },
  { metric: 'party_member_share', zh: '党员占比', en: 'party-member share' },
  { metric: 'minority_share', zh: '少数民族占比', en: 'ethnic-minority share' },
  { metric: 'cross_holding_rate', zh: '交叉任职比例', en: 'cross-holding rate' },
  { metric: 'one_shoulder_rate', zh: '“一肩挑”比例', en: 'one-shoulder rate' },
  { metric: 'reelection_rate', zh: '连任率', en: 're-election rate' },
];
