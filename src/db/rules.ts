/**
 * The rule checks: the legal and arithmetic rules of docs/domain.md ("Rules the data is checked
 * against"), each defined once with its labels, legal basis, the body it applies to, its SQL and
 * the figures shown beside a breach.
 *
 * A rule has two conditions: `known` (every input is recorded) and `breach`. A record whose
 * inputs are missing is "not checked", never a breach: NULL means unknown.
 */
import type { Lang } from '../util/lang';
import type { Unit } from '../metrics/format';
import type { BodyScope } from '../metrics/scope';
import { scopeWhere } from './metricSql';
import { ELECTORATE, VOTED } from './stats';
import type { Db } from './types';

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
  | 'candidate_margin';

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
  | 'candidates';

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
  /** SQL: true when every input is recorded. */
  known: string;
  /** SQL: true when the record breaks the rule (only read where `known`). */
  breach: string;
  figures: readonly { id: FigureId; sql: string }[];
}

const pct = (num: string, den: string) => `CASE WHEN (${den}) > 0 THEN 100.0 * (${num}) / (${den}) END`;

/** Whether the committee election is recorded as won in the first round (all its rows say so). */
const FIRST_ROUND = 'coalesce(sr.first_round_known > 0 AND sr.first_round_ok = sr.first_round_known, false)';

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
    known: 'r.registered_voters > 0 AND r.voters_voted IS NOT NULL',
    breach: 'r.voters_voted * 2 <= r.registered_voters',
    figures: [
      { id: 'registered', sql: 'r.registered_voters' },
      { id: 'voted', sql: 'r.voters_voted' },
      { id: 'turnout', sql: pct('r.voters_voted', 'r.registered_voters') },
    ],
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
    known: 'r.party_members_entitled > 0 AND r.party_members_present IS NOT NULL',
    breach: 'r.party_members_present * 5 <= r.party_members_entitled * 4',
    figures: [
      { id: 'entitled', sql: 'r.party_members_entitled' },
      { id: 'present', sql: 'r.party_members_present' },
      { id: 'attendance', sql: pct('r.party_members_present', 'r.party_members_entitled') },
    ],
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
    known: 'm.votes IS NOT NULL AND sr.voted > 0',
    breach: `CASE WHEN ${FIRST_ROUND} THEN m.votes * 2 <= sr.voted ELSE m.votes * 3 < sr.voted END`,
    figures: [
      { id: 'votes', sql: 'm.votes' },
      { id: 'votes_cast', sql: 'sr.voted' },
      { id: 'vote_share', sql: pct('m.votes', 'sr.voted') },
      { id: 'threshold', sql: `CASE WHEN ${FIRST_ROUND} THEN 50.0 ELSE 100.0 / 3 END` },
    ],
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
    known: 's.members > 0',
    breach: 's.members < 3 OR s.members > 7',
    figures: [
      { id: 'members', sql: 's.members' },
      { id: 'seats', sql: 'sr.seats' },
    ],
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
    known: 's.members > 0 AND s.gender_known = s.members',
    breach: 's.women = 0',
    figures: [
      { id: 'members', sql: 's.members' },
      { id: 'women', sql: 's.women' },
    ],
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
    known: 'r.electorate IS NOT NULL AND r.voted IS NOT NULL',
    breach: 'r.voted > r.electorate',
    figures: [
      { id: 'electorate', sql: 'r.electorate' },
      { id: 'voted', sql: 'r.voted' },
    ],
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
    known: 'r.ballots_issued IS NOT NULL AND r.voted IS NOT NULL',
    breach: 'r.ballots_issued > r.voted',
    figures: [
      { id: 'issued', sql: 'r.ballots_issued' },
      { id: 'voted', sql: 'r.voted' },
    ],
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
    known: 'r.ballots_returned IS NOT NULL AND r.ballots_issued IS NOT NULL',
    breach: 'r.ballots_returned > r.ballots_issued',
    figures: [
      { id: 'issued', sql: 'r.ballots_issued' },
      { id: 'returned', sql: 'r.ballots_returned' },
    ],
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
    known: 'r.ballots_returned IS NOT NULL AND r.voted IS NOT NULL',
    breach: 'r.ballots_returned > r.voted',
    figures: [
      { id: 'voted', sql: 'r.voted' },
      { id: 'returned', sql: 'r.ballots_returned' },
    ],
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
    known: 'r.ballots_valid IS NOT NULL AND r.ballots_invalid IS NOT NULL AND r.ballots_returned IS NOT NULL',
    breach: 'r.ballots_valid + r.ballots_invalid <> r.ballots_returned',
    figures: [
      { id: 'valid', sql: 'r.ballots_valid' },
      { id: 'invalid', sql: 'r.ballots_invalid' },
      { id: 'valid_plus_invalid', sql: 'r.ballots_valid + r.ballots_invalid' },
      { id: 'returned', sql: 'r.ballots_returned' },
    ],
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
    known: 'r.seats > 0 AND r.candidates IS NOT NULL',
    breach: 'r.candidates * 5 < r.seats * 6',
    figures: [
      { id: 'seats', sql: 'r.seats' },
      { id: 'candidates', sql: 'r.candidates' },
    ],
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

export function ruleLabel(r: RuleDef, lang: Lang): string {
  return r[lang];
}

// ---------------------------------------------------------------------------------------------
// SQL

interface SourceSql {
  /** county, township, village, village_key, cycle_year, body, person, role */
  head: string;
  from: string;
  where: string;
  alias: string;
}

const SOURCES: Record<RuleSource, SourceSql> = {
  results: {
    head: 'p.county, p.township, p.village, r.village_key, r.cycle_year, r.body, NULL::VARCHAR AS person, NULL::VARCHAR AS role',
    from: `(SELECT *, ${ELECTORATE} AS electorate, ${VOTED} AS voted FROM results) r JOIN stat_places p ON p.village_key = r.village_key`,
    where: 'r.cycle_year IS NOT NULL AND r.body IS NOT NULL',
    alias: 'r',
  },
  winners: {
    head: 'p.county, p.township, p.village, m.village_key, m.cycle_year, m.body, m.name::VARCHAR AS person, m.role::VARCHAR AS role',
    // The rosters that count (where a statistical table was chosen instead, its roster is not checked).
    from: `members_counted m JOIN stat_places p ON p.village_key = m.village_key
           LEFT JOIN stat_results sr ON sr.village_key = m.village_key AND sr.cycle_year = m.cycle_year AND sr.body = m.body`,
    where: 'm.cycle_year IS NOT NULL AND m.body IS NOT NULL',
    alias: 'm',
  },
  committees: {
    head: 's.county, s.township, s.village, s.village_key, s.cycle_year, s.body, NULL::VARCHAR AS person, NULL::VARCHAR AS role',
    from: `stat_people s
           LEFT JOIN stat_results sr ON sr.village_key = s.village_key AND sr.cycle_year = s.cycle_year AND sr.body = s.body`,
    where: "s.role = 'all'",
    alias: 's',
  },
};

const MAX_FIGURES = Math.max(...RULES.map((r) => r.figures.length));

/** One rule's records with their `known` and `breach` flags, in the columns every rule shares. */
function ruleSelect(rule: RuleDef, order: number): string {
  const src = SOURCES[rule.source];
  const figures = Array.from({ length: MAX_FIGURES }, (_, i) => `(${rule.figures[i]?.sql ?? 'NULL'})::DOUBLE AS f${i}`);
  // The rule id, order and body are constants of the catalogue above, never user input.
  const body = rule.body === 'all' ? '' : ` AND ${src.alias}.body = '${rule.body}'`;
  return `SELECT '${rule.id}' AS rule, ${order} AS rule_order, ${src.head}, ${figures.join(', ')},
            coalesce((${rule.known}), false) AS known,
            coalesce((${rule.known}) AND (${rule.breach}), false) AS breach
     FROM ${src.from}
     WHERE ${src.where}${body}`;
}

export interface RuleScope {
  county?: string | null;
  township?: string | null;
  /** A village_key. */
  village?: string | null;
  /** Cycles to check; empty means all. */
  cycles: readonly number[];
  body: BodyScope;
}

/** The rules that apply to a body scope (a branch-only scope has no committee rules), optionally narrowed. */
export function applicableRules(body: BodyScope, only?: readonly RuleId[]): RuleDef[] {
  return RULES.filter((r) => (body === 'all' || r.body === 'all' || r.body === body) && (!only || only.includes(r.id)));
}

/** Every checked record of the applicable rules in the scope (its values quoted literals, see scopeWhere). */
function checkedSql(q: RuleScope, only?: readonly RuleId[]): { sql: string; rules: RuleDef[] } | null {
  const rules = applicableRules(q.body, only);
  if (rules.length === 0) return null;
  const where = scopeWhere('results', { ...q, role: 'all' });
  const union = rules.map((r) => ruleSelect(r, RULES.indexOf(r))).join('\nUNION ALL\n');
  return { sql: `SELECT * FROM (${union}) x${where}`, rules };
}

export interface RuleBreach {
  rule: RuleId;
  county: string | null;
  township: string | null;
  village: string | null;
  village_key: string;
  cycle_year: number;
  body: 'party_branch' | 'village_committee';
  /** The elected member concerned (winner rules), else null. */
  person: string | null;
  /** Their role id (secretary, director, member …), else null. */
  role: string | null;
  /** The rule's figures by id; null where the figure is not recorded. */
  figures: Partial<Record<FigureId, number | null>>;
}

/** Records in the scope that break a rule, in catalogue order, then by place, cycle, body and person. */
export async function findRuleBreaches(db: Db, q: RuleScope, only?: readonly RuleId[]): Promise<RuleBreach[]> {
  const built = checkedSql(q, only);
  if (!built) return [];
  const rows = await db.query(
    `SELECT * FROM (${built.sql}) c WHERE breach
     ORDER BY rule_order, county, township, village, village_key, cycle_year, body, person`,
  );
  return rows.map((r) => {
    const rule = ruleDef(r.rule as RuleId);
    const figures: Partial<Record<FigureId, number | null>> = {};
    rule.figures.forEach((f, i) => {
      const v = r[`f${i}`];
      figures[f.id] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    });
    return {
      rule: rule.id,
      county: (r.county as string | null) ?? null,
      township: (r.township as string | null) ?? null,
      village: (r.village as string | null) ?? null,
      village_key: r.village_key as string,
      cycle_year: r.cycle_year as number,
      body: r.body as RuleBreach['body'],
      person: (r.person as string | null) ?? null,
      role: (r.role as string | null) ?? null,
      figures,
    };
  });
}

export interface RuleSummary {
  rule: RuleId;
  /** Records whose inputs are all recorded (results rows, elected members or committees). */
  checked: number;
  breaches: number;
  /** Distinct village × cycle with at least one breach. */
  villages: number;
}

/** Per applicable rule, in catalogue order: how many records could be checked and how many break it. */
export async function summarizeRules(db: Db, q: RuleScope, only?: readonly RuleId[]): Promise<RuleSummary[]> {
  const built = checkedSql(q, only);
  if (!built) return [];
  const rows = await db.query<{ rule: RuleId; checked: number; breaches: number; villages: number }>(
    `SELECT rule, count(*) FILTER (WHERE known) AS checked, count(*) FILTER (WHERE breach) AS breaches,
            count(DISTINCT (village_key, cycle_year)) FILTER (WHERE breach) AS villages
     FROM (${built.sql}) c GROUP BY rule`,
  );
  const byRule = new Map(rows.map((r) => [r.rule, r]));
  return built.rules.map((r) => {
    const x = byRule.get(r.id);
    return { rule: r.id, checked: x?.checked ?? 0, breaches: x?.breaches ?? 0, villages: x?.villages ?? 0 };
  });
}

/** Breach counts per rule from a list of breaches (every rule of the catalogue, zero included). */
export function countByRule(breaches: readonly RuleBreach[]): Record<RuleId, number> {
  const out = Object.fromEntries(RULE_IDS.map((id) => [id, 0])) as Record<RuleId, number>;
  for (const b of breaches) out[b.rule] += 1;
  return out;
}
