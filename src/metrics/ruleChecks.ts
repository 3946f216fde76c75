/**
 * The rule checks in SQL, one entry per rule of the catalogue (src/metrics/rules.ts). A rule has
 * two conditions: `known` (every input is recorded) and `breach`. A record whose inputs are
 * missing is "not checked", never a breach: NULL means unknown.
 */
import { applicableRules, RULE_IDS, RULES, ruleDef, type FigureId, type RuleDef, type RuleId, type RuleSource } from './rules';
import type { BodyScope } from './scope';
import { scopeWhere } from './sql';
import { ELECTORATE, VOTED } from '../db/stats';
import type { Db } from '../db/types';

// The catalogue's names the rule checks' callers use with them.
export { RULE_IDS, RULES } from './rules';
export type { RuleId } from './rules';

interface RuleSql {
  /** True when every input is recorded. */
  known: string;
  /** True when the record breaks the rule (only read where `known`). */
  breach: string;
  /** Each figure the catalogue lists for the rule. */
  figures: Partial<Record<FigureId, string>>;
}

const pct = (num: string, den: string) => `CASE WHEN (${den}) > 0 THEN 100.0 * (${num}) / (${den}) END`;

/** Whether the committee election is recorded as won in the first round (all its rows say so). */
const FIRST_ROUND = 'coalesce(sr.first_round_known > 0 AND sr.first_round_ok = sr.first_round_known, false)';

export const RULE_SQL: Record<RuleId, RuleSql> = {
  turnout_not_over_half: {
    known: 'r.registered_voters > 0 AND r.voters_voted IS NOT NULL',
    breach: 'r.voters_voted * 2 <= r.registered_voters',
    figures: { registered: 'r.registered_voters', voted: 'r.voters_voted', turnout: pct('r.voters_voted', 'r.registered_voters') },
  },
  branch_quorum: {
    known: 'r.party_members_entitled > 0 AND r.party_members_present IS NOT NULL',
    breach: 'r.party_members_present * 5 <= r.party_members_entitled * 4',
    figures: {
      entitled: 'r.party_members_entitled',
      present: 'r.party_members_present',
      attendance: pct('r.party_members_present', 'r.party_members_entitled'),
    },
  },
  winner_without_majority: {
    known: 'm.votes IS NOT NULL AND sr.voted > 0',
    breach: `CASE WHEN ${FIRST_ROUND} THEN m.votes * 2 <= sr.voted ELSE m.votes * 3 < sr.voted END`,
    figures: {
      votes: 'm.votes',
      votes_cast: 'sr.voted',
      vote_share: pct('m.votes', 'sr.voted'),
      threshold: `CASE WHEN ${FIRST_ROUND} THEN 50.0 ELSE 100.0 / 3 END`,
    },
  },
  committee_size: {
    known: 's.members > 0',
    breach: 's.members < 3 OR s.members > 7',
    figures: { members: 's.members', seats: 'sr.seats' },
  },
  no_woman_on_committee: {
    known: 's.members > 0 AND s.gender_known = s.members',
    breach: 's.women = 0',
    figures: { members: 's.members', women: 's.women' },
  },
  voted_gt_registered: {
    known: 'r.electorate IS NOT NULL AND r.voted IS NOT NULL',
    breach: 'r.voted > r.electorate',
    figures: { electorate: 'r.electorate', voted: 'r.voted' },
  },
  issued_gt_voted: {
    known: 'r.ballots_issued IS NOT NULL AND r.voted IS NOT NULL',
    breach: 'r.ballots_issued > r.voted',
    figures: { issued: 'r.ballots_issued', voted: 'r.voted' },
  },
  returned_gt_issued: {
    known: 'r.ballots_returned IS NOT NULL AND r.ballots_issued IS NOT NULL',
    breach: 'r.ballots_returned > r.ballots_issued',
    figures: { issued: 'r.ballots_issued', returned: 'r.ballots_returned' },
  },
  returned_gt_voted: {
    known: 'r.ballots_returned IS NOT NULL AND r.voted IS NOT NULL',
    breach: 'r.ballots_returned > r.voted',
    figures: { voted: 'r.voted', returned: 'r.ballots_returned' },
  },
  valid_invalid_mismatch: {
    known: 'r.ballots_valid IS NOT NULL AND r.ballots_invalid IS NOT NULL AND r.ballots_returned IS NOT NULL',
    breach: 'r.ballots_valid + r.ballots_invalid <> r.ballots_returned',
    figures: {
      valid: 'r.ballots_valid',
      invalid: 'r.ballots_invalid',
      valid_plus_invalid: 'r.ballots_valid + r.ballots_invalid',
      returned: 'r.ballots_returned',
    },
  },
  candidate_margin: {
    known: 'r.seats > 0 AND r.candidates IS NOT NULL',
    breach: 'r.candidates * 5 < r.seats * 6',
    figures: { seats: 'r.seats', candidates: 'r.candidates' },
  },
  // pl: the seat's link with the previous cycle (person_links, src/db/personLinks.ts).
  reelection_mismatch: {
    known: "m.reelected IS NOT NULL AND pl.status IN ('new', 'continued')",
    breach: "m.reelected <> (pl.status = 'continued')",
    figures: { reelected_stated: 'm.reelected::INTEGER', reelected_computed: "(pl.status = 'continued')::INTEGER" },
  },
};

// ---------------------------------------------------------------------------------------------
// SQL

interface SourceSql {
  /** county, township, village, village_key, cycle_year, body, person, role, person_key */
  head: string;
  from: string;
  where: string;
  alias: string;
}

const SOURCES: Record<RuleSource, SourceSql> = {
  results: {
    head: 'p.county, p.township, p.village, r.village_key, r.cycle_year, r.body, NULL::VARCHAR AS person, NULL::VARCHAR AS role, NULL::VARCHAR AS person_key',
    from: `(SELECT *, ${ELECTORATE} AS electorate, ${VOTED} AS voted FROM results) r JOIN stat_places p ON p.village_key = r.village_key`,
    where: 'r.cycle_year IS NOT NULL AND r.body IS NOT NULL',
    alias: 'r',
  },
  winners: {
    head: 'p.county, p.township, p.village, m.village_key, m.cycle_year, m.body, m.name::VARCHAR AS person, m.role::VARCHAR AS role, m.person_key::VARCHAR AS person_key',
    // The rosters that count (where a statistical table was chosen instead, its roster is not checked).
    from: `members_counted m JOIN stat_places p ON p.village_key = m.village_key
           LEFT JOIN stat_results sr ON sr.village_key = m.village_key AND sr.cycle_year = m.cycle_year AND sr.body = m.body
           LEFT JOIN person_links pl ON pl.scope_body = m.body AND pl.import_id = m.import_id AND pl.source_row = m.source_row`,
    where: 'm.cycle_year IS NOT NULL AND m.body IS NOT NULL',
    alias: 'm',
  },
  committees: {
    head: 's.county, s.township, s.village, s.village_key, s.cycle_year, s.body, NULL::VARCHAR AS person, NULL::VARCHAR AS role, NULL::VARCHAR AS person_key',
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
  const sql = RULE_SQL[rule.id];
  const figures = Array.from({ length: MAX_FIGURES }, (_, i) => {
    const id = rule.figures[i];
    return `(${id === undefined ? 'NULL' : (sql.figures[id] ?? 'NULL')})::DOUBLE AS f${i}`;
  });
  // The rule id, order and body are constants of the catalogue above, never user input.
  const body = rule.body === 'all' ? '' : ` AND ${src.alias}.body = '${rule.body}'`;
  return `SELECT '${rule.id}' AS rule, ${order} AS rule_order, ${src.head}, ${figures.join(', ')},
            coalesce((${sql.known}), false) AS known,
            coalesce((${sql.known}) AND (${sql.breach}), false) AS breach
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
  /** Their person key, for their history (winner rules), else null. */
  person_key: string | null;
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
      figures[f] = typeof v === 'number' && Number.isFinite(v) ? v : null;
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
      person_key: (r.person_key as string | null) ?? null,
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
