/**
 * The one catalogue of indicators. Every KPI card, table row, chart and export reads its label,
 * unit, definition and SQL from here. Numerators and denominators are sums of per-village
 * counts (src/db/stats.ts), so a rate at any level is a ratio of summed counts, never an
 * average of village rates — and official statistical tables feed the same counts. Whether the
 * data supports a metric follows from its count columns being known, never from a list here.
 */
import type { CountSource } from '../db/countTables';
import type { Unit } from './format';

export type MetricId =
  | 'villages'
  | 'bodies_elected'
  | 'members'
  | 'turnout'
  | 'registration_rate'
  | 'ballot_return_rate'
  | 'invalid_ballot_rate'
  | 'first_round_success_rate'
  | 'women_share'
  | 'avg_age'
  | 'age_le35_share'
  | 'age_36_45_share'
  | 'age_46_55_share'
  | 'age_ge56_share'
  | 'age_le29_share'
  | 'age_30_49_share'
  | 'age_ge50_share'
  | 'age_ge60_share'
  | 'edu_junior_or_below_share'
  | 'edu_senior_share'
  | 'edu_college_share'
  | 'cross_holding_rate'
  | 'one_shoulder_rate'
  | 'reelection_rate'
  | 'continued_rate'
  | 'newly_elected_rate'
  | 'left_rate'
  | 'avg_years_in_office'
  | 'continued_members'
  | 'newly_elected_members'
  | 'left_members'
  | 'party_member_share'
  | 'minority_share'
  | 'college_graduate_officials'
  | 'winner_vote_share';

/**
 * Where a metric's counts live:
 * - `results`: election results, per village × cycle × body; with both bodies in scope the
 *   metric is shown for each body (a turnout of villagers and party members mixed means nothing);
 * - `people`: elected persons, per village × cycle × body × role class; with both bodies in scope
 *   a person sitting on both counts once;
 * - `villages`: per village × cycle, whatever the body and role (one-shoulder, village count).
 */
export type MetricSource = CountSource;

export interface Text2 {
  zh: string;
  en: string;
}

export interface MetricDef {
  id: MetricId;
  zh: string;
  en: string;
  unit: Unit;
  source: MetricSource;
  /**
   * A count column of the source table (per village row), summed over the scope — or counted as
   * distinct values when `aggregate` says so. A row where it (or the denominator) is NULL does not
   * support the metric: the data there does not give it (src/metrics/sql.ts).
   */
  numerator: string;
  /**
   * The denominator's count column, or a sum of them (the whole a share is a part of); null for
   * counts. Rates are numerator ÷ denominator × 100.
   */
  denominator: string | null;
  aggregate?: 'sum' | 'count_distinct';
  /** One line naming the denominator, shown beside every chart and in the indicator table. */
  definition: Text2;
  /** The denominator's name alone, for chart subtitles ("分母：登记选民数"). */
  denominatorLabel: Text2 | null;
  /** Is a higher value better? Used only to colour changes; null when neutral. */
  higherIsBetter: boolean | null;
}

const pct = (
  id: MetricId,
  zh: string,
  en: string,
  source: MetricSource,
  numerator: string,
  denominator: string,
  definition: Text2,
  denominatorLabel: Text2,
  higherIsBetter: boolean | null = null,
): MetricDef => ({ id, zh, en, unit: 'percent', source, numerator, denominator, definition, denominatorLabel, higherIsBetter });

const MEMBERS_KNOWN = (what: Text2): Text2 => ({ zh: `${what.zh}已知的成员（人）`, en: `members whose ${what.en} is known (persons)` });
const AGE = { zh: '年龄', en: 'age' };
const EDU = { zh: '文化程度', en: 'education' };

/**
 * The count columns of each whole whose parts are shown together (src/metrics/figure.ts). A part's
 * denominator is the sum of the whole's parts: a village counts for a part only when its data
 * gives every part (a statistical table with "35岁及以下" alone counts for none), so the parts
 * share one set of villages and one denominator, and add up to it — on a card shown alone as in
 * the chart and the report where they stand together.
 */
const TEN_YEAR_BANDS = ['age_le35', 'age_36_45', 'age_46_55', 'age_ge56'] as const;
const TWENTY_YEAR_BANDS = ['age_le29', 'age_30_49', 'age_ge50'] as const;
const EDU_TIERS = ['edu_junior', 'edu_senior', 'edu_college'] as const;
const sumOf = (cols: readonly string[]) => cols.join(' + ');

const PART_OF_AGES: Text2 = {
  zh: '年龄已知的成员（各年龄段之和，按人计）',
  en: 'members whose age is known (the sum of the bands, persons)',
};

const ageShare = (id: MetricId, zh: string, en: string, col: string, bands: readonly string[] | null): MetricDef =>
  pct(
    id,
    zh,
    en,
    'people',
    col,
    bands ? sumOf(bands) : 'age_known',
    {
      zh: `${zh.replace('占比', '')}的成员 ÷ ${bands ? PART_OF_AGES.zh : '年龄已知的成员（按人计）'}`,
      en: `members ${en.replace(' share', '').replace(/^Aged/, 'aged')} ÷ ${bands ? PART_OF_AGES.en : 'members whose age is known (persons)'}`,
    },
    MEMBERS_KNOWN(AGE),
  );

const eduShare = (id: MetricId, zh: string, en: string, col: string, tier: Text2): MetricDef =>
  pct(
    id,
    zh,
    en,
    'people',
    col,
    sumOf(EDU_TIERS),
    {
      zh: `${tier.zh}学历的成员 ÷ 文化程度已知的成员（三档之和，按人计）`,
      en: `members with ${tier.en} ÷ members whose education is known (the sum of the three tiers, persons)`,
    },
    MEMBERS_KNOWN(EDU),
  );

export const METRICS: readonly MetricDef[] = [
  {
    id: 'villages',
    zh: '村（社区）数',
    en: 'Villages',
    unit: 'count',
    source: 'villages',
    numerator: 'village_key',
    aggregate: 'count_distinct',
    denominator: null,
    definition: { zh: '有选举结果或成员名单的村（社区）个数', en: 'villages with results or a roster' },
    denominatorLabel: null,
    higherIsBetter: null,
  },
  {
    // Results are per body, so with both bodies in scope this counts party branches and committees apart.
    id: 'bodies_elected',
    zh: '完成换届的组织数',
    en: 'Bodies that held elections',
    unit: 'count',
    source: 'results',
    numerator: 'village_key',
    aggregate: 'count_distinct',
    denominator: null,
    definition: {
      zh: '填报了选举结果的村党组织或村（居）委会个数（按班子分列）',
      en: "party branches or villagers' committees with election results recorded (per body)",
    },
    denominatorLabel: null,
    higherIsBetter: null,
  },
  {
    id: 'members',
    zh: '当选成员数',
    en: 'Members elected',
    unit: 'count',
    source: 'people',
    numerator: 'members',
    denominator: null,
    definition: {
      zh: '当选成员人数；两委都在范围内时交叉任职者只计一次',
      en: 'persons elected; with both bodies in scope a cross-holding person counts once',
    },
    denominatorLabel: null,
    higherIsBetter: null,
  },
  pct(
    'turnout',
    '参选率',
    'Turnout',
    'results',
    'turnout_num',
    'turnout_den',
    {
      zh: '参加投票人数 ÷ 登记选民数（党组织：参加选举党员 ÷ 应到会党员）',
      en: 'voters who voted ÷ registered voters (party branch: members who voted ÷ members entitled)',
    },
    { zh: '登记选民数（党组织：应到会党员数）', en: 'registered voters (party branch: members entitled)' },
    true,
  ),
  pct(
    'registration_rate',
    '选民登记率',
    'Registration rate',
    'results',
    'registration_num',
    'registration_den',
    { zh: '登记选民数 ÷ 有选举权人数', en: 'registered voters ÷ eligible voters' },
    { zh: '有选举权人数', en: 'eligible voters' },
    true,
  ),
  pct(
    'ballot_return_rate',
    '选票收回率',
    'Ballot return rate',
    'results',
    'return_num',
    'return_den',
    { zh: '收回选票 ÷ 发出选票', en: 'ballots returned ÷ ballots issued' },
    { zh: '发出选票数', en: 'ballots issued' },
    null,
  ),
  pct(
    'invalid_ballot_rate',
    '无效票率',
    'Invalid ballot rate',
    'results',
    'invalid_num',
    'invalid_den',
    { zh: '无效票 ÷ 收回选票', en: 'invalid ballots ÷ ballots returned' },
    { zh: '收回选票数', en: 'ballots returned' },
    false,
  ),
  pct(
    'first_round_success_rate',
    '一次选举成功率',
    'First-round success rate',
    'results',
    'first_round_ok',
    'first_round_known',
    { zh: '一次选举成功的村 ÷ 填报了是否一次成功的村', en: 'villages elected in the first round ÷ villages reporting it' },
    { zh: '填报的村数', en: 'villages reporting' },
    true,
  ),
  pct(
    'women_share',
    '妇女占比',
    "Women's share",
    'people',
    'women',
    'gender_known',
    { zh: '女性成员 ÷ 性别已知的成员（按人计）', en: 'women ÷ members whose gender is known (persons)' },
    MEMBERS_KNOWN({ zh: '性别', en: 'gender' }),
    true,
  ),
  {
    id: 'avg_age',
    zh: '平均年龄',
    en: 'Average age',
    unit: 'years',
    source: 'people',
    numerator: 'age_sum',
    denominator: 'age_known',
    definition: {
      zh: '当选时年龄之和 ÷ 年龄已知的成员（岁，按人计）',
      en: 'sum of ages at election ÷ members whose age is known (years, persons)',
    },
    denominatorLabel: MEMBERS_KNOWN(AGE),
    higherIsBetter: null,
  },
  ageShare('age_le35_share', '35岁及以下占比', 'Aged 35 or under share', 'age_le35', TEN_YEAR_BANDS),
  ageShare('age_36_45_share', '36–45岁占比', 'Aged 36–45 share', 'age_36_45', TEN_YEAR_BANDS),
  ageShare('age_46_55_share', '46–55岁占比', 'Aged 46–55 share', 'age_46_55', TEN_YEAR_BANDS),
  ageShare('age_ge56_share', '56岁及以上占比', 'Aged 56 or over share', 'age_ge56', TEN_YEAR_BANDS),
  ageShare('age_le29_share', '29岁及以下占比', 'Aged 29 or under share', 'age_le29', TWENTY_YEAR_BANDS),
  ageShare('age_30_49_share', '30–49岁占比', 'Aged 30–49 share', 'age_30_49', TWENTY_YEAR_BANDS),
  ageShare('age_ge50_share', '50岁及以上占比', 'Aged 50 or over share', 'age_ge50', TWENTY_YEAR_BANDS),
  ageShare('age_ge60_share', '60岁及以上占比', 'Aged 60 or over share', 'age_ge60', null),
  eduShare('edu_junior_or_below_share', '初中及以下占比', 'Junior middle or below share', 'edu_junior', {
    zh: '初中及以下',
    en: 'junior middle school or below',
  }),
  eduShare('edu_senior_share', '高中、中专占比', 'Senior middle / vocational share', 'edu_senior', {
    zh: '高中、中专（职高）',
    en: 'senior middle or vocational school',
  }),
  eduShare('edu_college_share', '大专及以上占比', 'College and above share', 'edu_college', { zh: '大专及以上', en: 'college or above' }),
  pct(
    'cross_holding_rate',
    '交叉任职比例',
    'Cross-holding rate',
    'people',
    'cross_holding',
    'members',
    {
      zh: '同时在党组织和村（居）委会任职的人 ÷ 所选班子成员（两委：÷ 两委成员去重人数）',
      en: 'persons on both bodies ÷ members of the body in scope (both bodies: ÷ distinct persons on either)',
    },
    { zh: '成员人数（去重）', en: 'members (distinct persons)' },
    null,
  ),
  pct(
    'one_shoulder_rate',
    '"一肩挑"比例',
    'One-shoulder rate',
    'villages',
    'one_shoulder',
    'both_bodies',
    {
      zh: '书记兼任主任的村 ÷ 两委名单都已录入的村',
      en: 'villages whose secretary is also the director ÷ villages with both bodies recorded',
    },
    { zh: '两委名单齐全的村数', en: 'villages with both bodies recorded' },
    null,
  ),
  pct(
    'reelection_rate',
    '连任率',
    'Re-election rate',
    'people',
    'reelected',
    'reelect_known',
    { zh: '连任的成员 ÷ 是否连任已知的成员', en: 're-elected members ÷ members whose re-election is known' },
    MEMBERS_KNOWN({ zh: '是否连任', en: 're-election' }),
    null,
  ),
  // Computed from persons linked across cycles (src/db/personLinks.ts, docs/domain.md "Persons and
  // villages across cycles"), beside the office's own 是否连任 column above: a village counts where
  // its previous cycle of the body has a roster; ambiguous matches are in no denominator.
  pct(
    'continued_rate',
    '连任率（名单比对）',
    'Re-election rate (rosters linked)',
    'people',
    'continued',
    'turnover_known',
    {
      zh: '上届也在本班子的成员 ÷ 能与上届名单比对的成员（身份证号或姓名+出生年月，不含无法确定者）',
      en: 'members who sat on the body in the previous cycle ÷ members linked with its roster (by ID or name and birth month, ambiguous left out)',
    },
    { zh: '能与上届比对的成员（人）', en: 'members linked with the previous cycle (persons)' },
    null,
  ),
  pct(
    'newly_elected_rate',
    '新进率',
    'Newly elected rate',
    'people',
    'newly_elected',
    'turnover_known',
    {
      zh: '上届不在本班子的成员 ÷ 能与上届名单比对的成员（不含无法确定者）',
      en: 'members not on the body in the previous cycle ÷ members linked with its roster (ambiguous left out)',
    },
    { zh: '能与上届比对的成员（人）', en: 'members linked with the previous cycle (persons)' },
    null,
  ),
  pct(
    'left_rate',
    '离任率',
    'Left rate',
    'people',
    'n_left',
    'left_known',
    {
      zh: '上届成员中本届不在本班子的 ÷ 能与本届比对的上届成员（不含无法确定者）',
      en: "previous cycle's members not on the body now ÷ previous cycle's members linked with this roster (ambiguous left out)",
    },
    { zh: '能与本届比对的上届成员（人）', en: "previous cycle's members linked (persons)" },
    null,
  ),
  {
    id: 'avg_years_in_office',
    zh: '平均任职年限',
    en: 'Average years in office',
    unit: 'years',
    source: 'people',
    numerator: 'years_sum',
    denominator: 'years_known',
    definition: {
      zh: '当选时已在本班子连续任职的年数之和 ÷ 年数可知的成员（新进为0，自导入的最早一届起算）',
      en: 'years already served on the body without a break at election, summed ÷ members whose years are known (0 when new; counted from the earliest imported cycle)',
    },
    denominatorLabel: { zh: '任职年限可知的成员（人）', en: 'members whose years in office are known (persons)' },
    higherIsBetter: null,
  },
  {
    id: 'continued_members',
    zh: '连任人数（名单比对）',
    en: 'Re-elected members (rosters linked)',
    unit: 'count',
    source: 'people',
    numerator: 'continued',
    denominator: null,
    definition: { zh: '上届也在本班子的成员人数', en: 'members who sat on the body in the previous cycle' },
    denominatorLabel: null,
    higherIsBetter: null,
  },
  {
    id: 'newly_elected_members',
    zh: '新进人数',
    en: 'Newly elected members',
    unit: 'count',
    source: 'people',
    numerator: 'newly_elected',
    denominator: null,
    definition: { zh: '上届不在本班子的成员人数', en: 'members not on the body in the previous cycle' },
    denominatorLabel: null,
    higherIsBetter: null,
  },
  {
    id: 'left_members',
    zh: '离任人数',
    en: 'Members who left',
    unit: 'count',
    source: 'people',
    numerator: 'n_left',
    denominator: null,
    definition: { zh: '上届成员中本届不在本班子的人数', en: "previous cycle's members not on the body now" },
    denominatorLabel: null,
    higherIsBetter: null,
  },
  pct(
    'party_member_share',
    '党员占比',
    'Party-member share',
    'people',
    'party',
    'party_known',
    {
      zh: '中共党员 ÷ 政治面貌已知的成员（看村委会时即村委会成员中的党员比例）',
      en: 'party members ÷ members whose party membership is known (for the committee: its members)',
    },
    MEMBERS_KNOWN({ zh: '政治面貌', en: 'party membership' }),
    null,
  ),
  pct(
    'minority_share',
    '少数民族占比',
    'Ethnic-minority share',
    'people',
    'minority',
    'minority_known',
    { zh: '少数民族成员 ÷ 民族已知的成员', en: 'ethnic-minority members ÷ members whose ethnicity is known' },
    MEMBERS_KNOWN({ zh: '民族', en: 'ethnicity' }),
    null,
  ),
  {
    id: 'college_graduate_officials',
    zh: '大学生村官',
    en: 'College-graduate officials',
    unit: 'count',
    source: 'people',
    numerator: 'cgo',
    denominator: null,
    definition: { zh: '当选成员中的大学生村官人数', en: 'college-graduate village officials among members elected' },
    denominatorLabel: null,
    higherIsBetter: null,
  },
  pct(
    'winner_vote_share',
    '当选人得票率',
    "Winners' vote share",
    'people',
    'votes_sum',
    'votes_cast_sum',
    { zh: '当选人得票数之和 ÷ 其所在选举参加投票人数之和', en: "winners' votes ÷ votes cast in their elections" },
    { zh: '参加投票人数（按当选人计）', en: 'votes cast (per winner)' },
    null,
  ),
];

export const METRIC_BY_ID: ReadonlyMap<MetricId, MetricDef> = new Map(METRICS.map((m) => [m.id, m]));

export function metricDef(id: MetricId): MetricDef {
  const m = METRIC_BY_ID.get(id);
  if (!m) throw new Error(`unknown metric ${id}`);
  return m;
}

export function isMetricId(s: string): s is MetricId {
  return METRIC_BY_ID.has(s as MetricId);
}

/** The two age bandings reports use, as groups of catalogue metrics. */
export const AGE_BANDINGS = {
  ten_year: ['age_le35_share', 'age_36_45_share', 'age_46_55_share', 'age_ge56_share'],
  twenty_year: ['age_le29_share', 'age_30_49_share', 'age_ge50_share'],
} as const satisfies Record<string, readonly MetricId[]>;

export const EDUCATION_TIERS = [
  'edu_junior_or_below_share',
  'edu_senior_share',
  'edu_college_share',
] as const satisfies readonly MetricId[];

/**
 * Shares shown together as parts of one whole: their counts add up to one denominator, and their
 * shown values are rounded to add up to exactly 100.0 (src/metrics/figure.ts).
 */
export const COMPOSITIONS: readonly (readonly MetricId[])[] = [AGE_BANDINGS.ten_year, AGE_BANDINGS.twenty_year, EDUCATION_TIERS];

const COMPOSITION_OF: ReadonlyMap<MetricId, readonly MetricId[]> = new Map(COMPOSITIONS.flatMap((c) => c.map((m) => [m, c] as const)));

/** The whole a share is a part of (every part, in order), or null. */
export function compositionOf(id: MetricId): readonly MetricId[] | null {
  return COMPOSITION_OF.get(id) ?? null;
}
