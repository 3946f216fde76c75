/**
 * The rule checks (src/metrics/ruleChecks.ts) on the real DuckDB-WASM (Node build), against the breaches listed
 * by hand in tests/fixtures/README.md: rules-results.csv + rules-members.csv (柳河镇, 桑园镇, 2018 and
 * 2021), results-rule-breaches.csv (河东镇), and the clean acceptance-township.csv, results-utf8.csv and
 * members-gb18030.csv, none of whose records may be reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/types';
import {
  countByRule,
  findRuleBreaches,
  RULE_IDS,
  RULES,
  summarizeRules,
  type RuleBreach,
  type RuleScope,
} from '../../src/metrics/ruleChecks';
import { freshDb, importFixture } from './helpers';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  for (const name of [
    'rules-results.csv',
    'rules-members.csv',
    'results-rule-breaches.csv',
    'acceptance-township.csv',
    'results-utf8.csv',
    'members-gb18030.csv',
  ])
    await importFixture(db, name);
});
afterAll(async () => {
  await db.close();
});

const ALL: RuleScope = { cycles: [], body: 'all' };
const r1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);

/** A breach as one comparable line: rule, place, cycle, body, person and figures (one decimal). */
function line(b: RuleBreach): string {
  const figures = Object.entries(b.figures)
    .map(([k, v]) => `${k}=${r1(v)}`)
    .join(',');
  return [b.rule, b.county, b.township, b.village, b.cycle_year, b.body, b.person ?? '-', figures].join(' ');
}

const VC = 'village_committee';
const PB = 'party_branch';
// biome-ignore format: a literal table, one record per line
const EXPECTED: readonly string[] = [
  `turnout_not_over_half 青山县 柳河镇 柳河村 2021 ${VC} - registered=1500,voted=700,turnout=46.7`,
  `turnout_not_over_half 青山县 柳河镇 杨庄村 2021 ${VC} - registered=1000,voted=500,turnout=50`,
  `turnout_not_over_half 青山县 柳河镇 柳河村 2018 ${VC} - registered=1460,voted=712,turnout=48.8`,
  `branch_quorum 青山县 柳河镇 柳河村 2021 ${PB} - entitled=52,present=40,attendance=76.9`,
  `branch_quorum 青山县 柳河镇 杨庄村 2021 ${PB} - entitled=45,present=36,attendance=80`,
  `winner_without_majority 青山县 柳河镇 柳河村 2021 ${VC} 赵刚 votes=350,votes_cast=700,vote_share=50,threshold=50`,
  `winner_without_majority 青山县 柳河镇 高桥村 2021 ${VC} 马林 votes=190,votes_cast=621,vote_share=30.6,threshold=33.3`,
  `committee_size 青山县 柳河镇 杨庄村 2021 ${VC} - members=8,seats=8`,
  `committee_size 青山县 柳河镇 五里铺村 2021 ${VC} - members=2,seats=3`,
  `no_woman_on_committee 青山县 柳河镇 五里铺村 2021 ${VC} - members=2,women=0`,
  `no_woman_on_committee 青山县 桑园镇 桑园村 2021 ${VC} - members=4,women=0`,
  `no_woman_on_committee 青山县 桑园镇 西沟村 2018 ${VC} - members=3,women=0`,
  `voted_gt_registered 青山县 河东镇 红旗村 2021 ${VC} - electorate=1180,voted=1195`,
  `issued_gt_voted 青山县 柳河镇 高桥村 2021 ${VC} - issued=624,voted=621`,
  `returned_gt_issued 青山县 河东镇 新庄村 2021 ${VC} - issued=1200,returned=1203`,
  `returned_gt_issued 青山县 桑园镇 桑园村 2021 ${VC} - issued=1840,returned=1843`,
  `returned_gt_voted 青山县 柳河镇 高桥村 2021 ${VC} - voted=621,returned=623`,
  `valid_invalid_mismatch 青山县 河东镇 双井村 2021 ${VC} - valid=798,invalid=6,valid_plus_invalid=804,returned=810`,
  `valid_invalid_mismatch 青山县 柳河镇 五里铺村 2021 ${VC} - valid=790,invalid=8,valid_plus_invalid=798,returned=801`,
  `valid_invalid_mismatch 青山县 桑园镇 西沟村 2018 ${VC} - valid=655,invalid=10,valid_plus_invalid=665,returned=668`,
  `candidate_margin 青山县 柳河镇 杨庄村 2021 ${PB} - seats=5,candidates=5`,
];

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('the rules fixture imports as documented', () => {
  it('rules-results.csv: 15 rows, 4 with import warnings, none rejected; rules-members.csv: 32 clean', async () => {
    const other = await freshDb();
    try {
      const { prepared } = await importFixture(other, 'rules-results.csv');
      expect(prepared.counts).toMatchObject({ dataRows: 15, imported: 11, warned: 4, rejected: 0 });
      expect(prepared.rows.filter((r) => r.status === 'warning').map((r) => [r.rowNumber, r.issues.map((i) => i.code)])).toEqual([
        [4, ['returned_gt_voted']],
        [5, ['valid_invalid_sum']],
        [6, ['returned_gt_issued']],
        [15, ['valid_invalid_sum']],
      ]);
      const members = await importFixture(other, 'rules-members.csv');
      expect(members.prepared.counts).toMatchObject({ dataRows: 32, imported: 32, warned: 0, rejected: 0 });
    } finally {
      await other.close();
    }
  });
});

describe('findRuleBreaches over every cycle and body', () => {
  it('finds exactly the documented breaches with their figures, and nothing else', async () => {
    const rows = await findRuleBreaches(db, ALL);
    expect(sorted(rows.map(line))).toEqual(sorted(EXPECTED));
  });

  it('lists breaches in catalogue order, each with its village key', async () => {
    const rows = await findRuleBreaches(db, ALL);
    const order = rows.map((b) => RULE_IDS.indexOf(b.rule));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(rows.find((b) => b.person === '马林')).toMatchObject({ village_key: 'code:139901103203', role: 'member' });
    expect(rows.every((b) => b.village_key.startsWith('code:'))).toBe(true);
  });

  it('reports no clean record: boundary cases, missing figures and the clean fixtures', async () => {
    const rows = await findRuleBreaches(db, ALL);
    const places = new Set(rows.map((b) => b.village));
    // Clean villages of every imported file.
    for (const v of [
      '石门村',
      '桃园村',
      '白杨村',
      '李家村',
      '王庄村',
      '东河村',
      '张家营村',
      '石桥村',
      '南岗村',
      '北岗村',
      '杨柳村',
      '马家庄村',
    ])
      expect(places.has(v), v).toBe(false);
    const at = (village: string, cycle: number) => rows.filter((b) => b.village === village && b.cycle_year === cycle).map((b) => b.rule);
    // 西沟村 2021: clean results; one member's gender and votes blank → neither no-woman nor majority checked.
    expect(at('西沟村', 2021)).toEqual([]);
    // 五里铺村 2018: registered and returned blank; its 2021 branch row has no 实到会党员 / seats.
    expect(at('五里铺村', 2018)).toEqual([]);
    expect(rows.filter((b) => b.village === '五里铺村' && b.body === PB)).toEqual([]);
    // 高桥村 2021: 621 of 1,240 is over half; 高红's 300 of 621 clears the second-round third; branch 49 of 60 present.
    expect(sorted(at('高桥村', 2021))).toEqual(sorted(['issued_gt_voted', 'returned_gt_voted', 'winner_without_majority']));
    expect(rows.some((b) => b.person === '高红')).toBe(false);
    // 柳河村 branch: 6 candidates for 5 seats is exactly +20%; branch members are not held to the Organic Law majority.
    expect(rows.some((b) => b.rule === 'candidate_margin' && b.village === '柳河村')).toBe(false);
    expect(rows.some((b) => b.person === '钱进')).toBe(false);
  });
});

describe('summarizeRules', () => {
  it('counts checked records and breaches per rule, every rule listed', async () => {
    const summary = await summarizeRules(db, ALL);
    expect(summary.map((s) => s.rule)).toEqual(RULE_IDS);
    const by = Object.fromEntries(summary.map((s) => [s.rule, s]));
    expect(Object.fromEntries(summary.map((s) => [s.rule, s.breaches]))).toEqual({
      turnout_not_over_half: 3,
      branch_quorum: 2,
      winner_without_majority: 2,
      committee_size: 2,
      no_woman_on_committee: 3,
      voted_gt_registered: 1,
      issued_gt_voted: 1,
      returned_gt_issued: 2,
      returned_gt_voted: 1,
      valid_invalid_mismatch: 3,
      candidate_margin: 1,
      // rules-members.csv's 是否连任 agrees with its 2018 roster in every 2021 row.
      reelection_mismatch: 0,
    });
    // Committee results rows with registered and voted: rules 9 + 河东镇 breaches file 5 + 石桥镇 5 + six villages 6.
    expect(by.turnout_not_over_half!.checked).toBe(25);
    // Branch rows with 实到会党员: rules 4 + 石桥镇 5.
    expect(by.branch_quorum!.checked).toBe(9);
    // Committee members with votes: rules 22 (罗平's blank) + 6 in 2018, members-gb18030 6.
    expect(by.winner_without_majority!.checked).toBe(34);
    // Committees with a roster: rules 8, members-gb18030 2; 西沟村 2021 has a member of unknown gender.
    expect([by.committee_size!.checked, by.no_woman_on_committee!.checked]).toEqual([10, 9]);
    expect(by.valid_invalid_mismatch!.villages).toBe(3);
  });

  it('agrees with countByRule over the breach list', async () => {
    const counts = countByRule(await findRuleBreaches(db, ALL));
    const summary = await summarizeRules(db, ALL);
    expect(Object.fromEntries(summary.map((s) => [s.rule, s.breaches]))).toEqual(counts);
  });
});

describe('scope filtering (all values bound as parameters)', () => {
  it('township 柳河镇, cycle 2021: its 13 breaches only', async () => {
    const rows = await findRuleBreaches(db, { county: '青山县', township: '柳河镇', cycles: [2021], body: 'all' });
    expect(sorted(rows.map(line))).toEqual(sorted(EXPECTED.filter((e) => e.includes(' 柳河镇 ') && e.includes(' 2021 '))));
    expect(rows).toHaveLength(13);
  });

  it('township 桑园镇, cycle 2021', async () => {
    const rows = await findRuleBreaches(db, { township: '桑园镇', cycles: [2021], body: 'all' });
    expect(sorted(rows.map((b) => `${b.rule} ${b.village}`))).toEqual(['no_woman_on_committee 桑园村', 'returned_gt_issued 桑园村']);
  });

  it('cycle 2018 only', async () => {
    const rows = await findRuleBreaches(db, { cycles: [2018], body: 'all' });
    expect(sorted(rows.map((b) => `${b.rule} ${b.village} ${b.cycle_year}`))).toEqual(
      sorted(['turnout_not_over_half 柳河村 2018', 'valid_invalid_mismatch 西沟村 2018', 'no_woman_on_committee 西沟村 2018']),
    );
    const summary = await summarizeRules(db, { cycles: [2018], body: 'all' });
    expect(summary.find((s) => s.rule === 'branch_quorum')!.checked).toBe(0);
  });

  it('one village (by key), every cycle', async () => {
    const rows = await findRuleBreaches(db, { village: 'code:139901103203', cycles: [], body: 'all' });
    expect(sorted(rows.map((b) => `${b.rule} ${b.person ?? '-'}`))).toEqual(
      sorted(['issued_gt_voted -', 'returned_gt_voted -', 'winner_without_majority 马林']),
    );
  });

  it('party branch scope: branch rules and the both-body rules on branch records only', async () => {
    const rows = await findRuleBreaches(db, { cycles: [], body: 'party_branch' });
    expect(sorted(rows.map((b) => `${b.rule} ${b.village}`))).toEqual(
      sorted(['branch_quorum 柳河村', 'branch_quorum 杨庄村', 'candidate_margin 杨庄村']),
    );
    const summary = await summarizeRules(db, { cycles: [], body: 'party_branch' });
    expect(summary.map((s) => s.rule)).toEqual(RULES.filter((r) => r.body !== 'village_committee').map((r) => r.id));
  });

  it("villagers' committee scope has no branch rule", async () => {
    const rows = await findRuleBreaches(db, { cycles: [], body: 'village_committee' });
    expect(rows.every((b) => b.body === VC)).toBe(true);
    expect(rows).toHaveLength(EXPECTED.filter((e) => e.includes(` ${VC} `)).length);
  });

  it('narrows to chosen rules', async () => {
    const rows = await findRuleBreaches(db, ALL, ['valid_invalid_mismatch']);
    expect(sorted(rows.map((b) => b.village!))).toEqual(sorted(['双井村', '五里铺村', '西沟村']));
  });

  it('treats hostile scope values as plain values', async () => {
    const rows = await findRuleBreaches(db, {
      township: "'; DROP TABLE results; --",
      village: "x' OR '1'='1",
      cycles: [2021],
      body: 'all',
    });
    expect(rows).toEqual([]);
    const [n] = await db.query<{ n: number }>('SELECT count(*) AS n FROM results');
    expect(n!.n).toBeGreaterThan(0);
  });
});

describe('missing inputs never crash and are never breaches', () => {
  it('an empty database: no breaches, nothing checked', async () => {
    const empty = await freshDb();
    try {
      expect(await findRuleBreaches(empty, ALL)).toEqual([]);
      expect((await summarizeRules(empty, ALL)).every((s) => s.checked === 0 && s.breaches === 0)).toBe(true);
    } finally {
      await empty.close();
    }
  });

  it('results without rosters: roster rules check nothing; results without ballots columns check nothing', async () => {
    const partial = await freshDb();
    try {
      await importFixture(partial, 'results-two-row-header.csv'); // no county, no party columns, no seats
      const summary = Object.fromEntries((await summarizeRules(partial, ALL)).map((s) => [s.rule, s]));
      expect(summary.committee_size!.checked).toBe(0);
      expect(summary.winner_without_majority!.checked).toBe(0);
      expect(summary.branch_quorum!.checked).toBe(0);
      expect(summary.turnout_not_over_half!.checked).toBe(6);
      expect(await findRuleBreaches(partial, ALL)).toEqual([]);
    } finally {
      await partial.close();
    }
  });
});
