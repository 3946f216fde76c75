/**
 * The rule catalogue: the legal and arithmetic rules of docs/domain.md ("Rules the data is checked
 * against"), each defined once with its labels, legal basis, the body it applies to, the records
 * it reads and the figures shown beside a breach — beside the metric catalogue. Each rule's SQL
 * (when its inputs are known, when it is broken, each figure) is in src/metrics/ruleChecks.ts, by id.
 */
import type { Unit } from './format';
import type { BodyScope } from './scope';

export type RuleId =
  | 'turnout_not_over_half'
  | 'branch_quorum'
  | 'winner_without_majority'
  | 'committee_size'
  | 'no_woman_on_committee'
  | 'voted_gt_registered'
  | 'issued_gt_voted'
  | 'returned_gt_issued'
  | 'returned_gt_voted'
  | 'valid_invalid_mismatch'
  | 'candidate_margin'
  | 'reelection_mismatch';

export type FigureId =
  | 'registered'
  | 'voted'
  | 'turnout'
  | 'entitled'
  | 'present'
  | 'attendance'
  | 'electorate'
  | 'issued'
  | 'returned'
  | 'valid'
  | 'invalid'
  | 'valid_plus_invalid'
  | 'votes'
  | 'votes_cast'
  | 'vote_share'
  | 'threshold'
  | 'members'
  | 'women'
  | 'seats'
  | 'candidates'
  | 'reelected_stated'
  | 'reelected_computed';

export interface FigureDef {
  zh: string;
  en: string;
  unit: Unit;
}

/** Every figure a breach can show, with its label and unit. */
export const FIGURES: Record<FigureId, FigureDef> = {
  registered: { zh: '登记选民数', en: 'Registered voters', unit: 'count' },
  voted: { zh: '参加投票人数', en: 'Voters who voted', unit: 'count' },
  turnout: { zh: '参选率', en: 'Turnout', unit: 'percent' },
  entitled: { zh: '应到会党员', en: 'Party members entitled', unit: 'count' },
  present: { zh: '实到会党员', en: 'Party members present', unit: 'count' },
  attendance: { zh: '到会率', en: 'Attendance', unit: 'percent' },
  electorate: { zh: '登记选民数（党组织为应到会党员）', en: 'Electorate (party members entitled for a branch)', unit: 'count' },
  issued: { zh: '发出选票', en: 'Ballots issued', unit: 'count' },
  returned: { zh: '收回选票', en: 'Ballots returned', unit: 'count' },
  valid: { zh: '有效票', en: 'Valid ballots', unit: 'count' },
  invalid: { zh: '无效票', en: 'Invalid ballots', unit: 'count' },
  valid_plus_invalid: { zh: '有效票+无效票', en: 'Valid + invalid', unit: 'count' },
  votes: { zh: '得票数', en: 'Votes received', unit: 'count' },
  votes_cast: { zh: '参加投票人数', en: 'Voters who voted', unit: 'count' },
  vote_share: { zh: '得票率', en: 'Vote share', unit: 'percent' },
  threshold: { zh: '当选所需得票率', en: 'Share needed to be elected', unit: 'percent' },
  members: { zh: '成员人数', en: 'Members', unit: 'count' },
  women: { zh: '女性成员', en: 'Women members', unit: 'count' },
  seats: { zh: '应选职数', en: 'Seats', unit: 'count' },
  candidates: { zh: '候选人数', en: 'Candidates', unit: 'count' },
  // 1 = yes, 0 = no (a figure is a number): what the roster says and what linking the rosters gives.
  reelected_stated: { zh: '表中是否连任（1=是，0=否）', en: 'Re-elected as stated (1 = yes, 0 = no)', unit: 'count' },
  reelected_computed: { zh: '名单比对是否连任（1=是，0=否）', en: 'Re-elected as linked (1 = yes, 0 = no)', unit: 'count' },
};

/**
 * What a rule reads, each row placed by county/township/village (stat_places), cycle and body:
 * - `results`: one election-results record (`r`, with `r.electorate` and `r.voted` per body);
 * - `winners`: one elected member (`m`) with the results of their election summed (`sr`, stat_results);
 * - `committees`: one body's members counted in persons (`s`, stat_people, every role: from the roster
 *   or the statistical table, whichever counts) with `sr`.
 */
export type RuleSource = 'results' | 'winners' | 'committees';

export interface RuleDef {
  id: RuleId;
  zh: string;
  en: string;
  /** One line: what the rule requires and its legal basis. */
  description: { zh: string; en: string };
  /** The body the rule applies to ('all': either body's election). */
  body: BodyScope;
  source: RuleSource;
  /** The figures shown beside a breach, in order (their SQL is src/metrics/ruleChecks.ts's). */
  figures: readonly FigureId[];
}

export const RULES: readonly RuleDef[] = [
  {
    id: 'turnout_not_over_half',
    zh: '投票人数未过登记选民半数',
    en: 'Turnout not over half',
    description: {
      zh: '村委会选举须有登记选民过半数投票，选举方为有效（村民委员会组织法第十五条）。',
      en: "A villagers' committee election is valid only if more than half of the registered voters vote (Organic Law of Villagers' Committees, art. 15).",
    },
    body: 'village_committee',
    source: 'results',
    figures: ['registered', 'voted', 'turnout'],
  },
  {
    id: 'branch_quorum',
    zh: '到会党员未超过五分之四',
    en: 'Branch meeting quorum not met',
    description: {
      zh: '党组织选举大会须有超过应到会党员五分之四的党员到会，方为有效（中国共产党基层组织选举工作条例）。',
      en: 'A party branch election meeting is valid only when more than four fifths of the members entitled are present (Party basic-level election rules).',
    },
    body: 'party_branch',
    source: 'results',
    figures: ['entitled', 'present', 'attendance'],
  },
  {
    id: 'winner_without_majority',
    zh: '当选人得票未过半数',
    en: 'Winner without a majority',
    description: {
      zh: '村委会候选人须获参加投票村民过半数的选票始得当选，另行选举不少于三分之一（村民委员会组织法第十五条）；未记明一次选举成功的，按三分之一核查。',
      en: "A villagers' committee candidate is elected only with more than half of the votes cast, in a second round at least one third (Organic Law, art. 15); unless the election is recorded as won in the first round, one third is checked.",
    },
    body: 'village_committee',
    source: 'winners',
    figures: ['votes', 'votes_cast', 'vote_share', 'threshold'],
  },
  {
    id: 'committee_size',
    zh: '村委会成员不在3至7人',
    en: 'Committee not 3 to 7 members',
    description: {
      zh: '村民委员会由主任、副主任和委员共三至七人组成（村民委员会组织法第六条）；按花名册人数或统计表的成员数计。',
      en: "A villagers' committee has 3 to 7 members: director, deputies and members (Organic Law, art. 6); counted from the roster or the statistical table's 成员数.",
    },
    body: 'village_committee',
    source: 'committees',
    figures: ['members', 'seats'],
  },
  {
    id: 'no_woman_on_committee',
    zh: '村委会没有女性成员',
    en: 'No woman on the committee',
    description: {
      zh: '村民委员会成员中应当有妇女成员（村民委员会组织法第六条）；成员性别均已填报才核查。',
      en: "A villagers' committee should include a woman (Organic Law, art. 6); checked only where every member's gender is recorded.",
    },
    body: 'village_committee',
    source: 'committees',
    figures: ['members', 'women'],
  },
  {
    id: 'voted_gt_registered',
    zh: '投票人数多于选民数',
    en: 'More voters than electorate',
    description: {
      zh: '参加投票人数不能多于登记选民数（党组织为应到会党员数）：收回选票 ≤ 投票人数 ≤ 登记选民数。',
      en: 'Voters who voted cannot exceed the registered voters (party members entitled for a branch): returned ≤ voted ≤ registered.',
    },
    body: 'all',
    source: 'results',
    figures: ['electorate', 'voted'],
  },
  {
    id: 'issued_gt_voted',
    zh: '发出选票多于投票人数',
    en: 'More ballots issued than voters',
    description: {
      zh: '发出选票多于参加投票人数（如向197名选民发出200张选票），须核查说明。',
      en: 'More ballots handed out than people who voted (such as 200 ballots to 197 voters) must be flagged.',
    },
    body: 'all',
    source: 'results',
    figures: ['issued', 'voted'],
  },
  {
    id: 'returned_gt_issued',
    zh: '收回选票多于发出选票',
    en: 'More ballots returned than issued',
    description: {
      zh: '收回选票不能多于发出选票（选票完整性：收回 ≤ 发出）。',
      en: 'Ballots returned cannot exceed ballots issued (ballot integrity: returned ≤ issued).',
    },
    body: 'all',
    source: 'results',
    figures: ['issued', 'returned'],
  },
  {
    id: 'returned_gt_voted',
    zh: '收回选票多于投票人数',
    en: 'More ballots returned than voters',
    description: {
      zh: '收回选票多于投票人数的，选举无效（中国共产党基层组织选举工作条例；同样适用于村委会选举）。',
      en: 'If more ballots are returned than people who voted, the vote is void (Party election rules; the same check applies to any election).',
    },
    body: 'all',
    source: 'results',
    figures: ['voted', 'returned'],
  },
  {
    id: 'valid_invalid_mismatch',
    zh: '有效票与无效票之和不等于收回选票',
    en: 'Valid + invalid ≠ returned',
    description: {
      zh: '有效票与无效票之和应等于收回选票（选票完整性）。',
      en: 'Valid plus invalid ballots must equal the ballots returned (ballot integrity).',
    },
    body: 'all',
    source: 'results',
    figures: ['valid', 'invalid', 'valid_plus_invalid', 'returned'],
  },
  {
    id: 'candidate_margin',
    zh: '委员候选人差额不足20%',
    en: 'Candidates under seats + 20%',
    description: {
      zh: '党组织委员会实行差额选举，候选人数应多于应选人数至少20%（中国共产党基层组织选举工作条例）。',
      en: 'Party branch committee candidates must exceed the seats by at least 20% (competitive election; Party basic-level election rules).',
    },
    body: 'party_branch',
    source: 'results',
    figures: ['seats', 'candidates'],
  },
  {
    id: 'reelection_mismatch',
    zh: '是否连任与名单比对不符',
    en: 'Re-election differs from the linked rosters',
    description: {
      zh: '花名册填写的是否连任，与按身份证号（无号码时按同村姓名和出生年月）比对上届同一班子名单的结果不一致；无法比对或同名无法确定的不核查。',
      en: "The roster's 是否连任 disagrees with its previous cycle's roster of the same body, linked by ID number (without one, by name and birth month in the village); members who cannot be linked, or are ambiguous, are not checked.",
    },
    body: 'all',
    source: 'winners',
    figures: ['reelected_stated', 'reelected_computed'],
  },
];

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

const RULE_BY_ID: ReadonlyMap<string, RuleDef> = new Map(RULES.map((r) => [r.id, r]));

export function ruleDef(id: RuleId): RuleDef {
  const r = RULE_BY_ID.get(id);
  if (!r) throw new Error(`unknown rule ${id}`);
  return r;
}

export function isRuleId(s: string | null | undefined): s is RuleId {
  return typeof s === 'string' && RULE_BY_ID.has(s);
}

/** The rules that apply to a body scope (a branch-only scope has no committee rules), optionally narrowed. */
export function applicableRules(body: BodyScope, only?: readonly RuleId[]): RuleDef[] {
  return RULES.filter((r) => (body === 'all' || r.body === 'all' || r.body === body) && (!only || only.includes(r.id)));
}
