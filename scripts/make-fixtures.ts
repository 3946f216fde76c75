/**
 * Test fixtures for the importer, with literal, hand-chosen contents.
 *
 *   npx tsx scripts/make-fixtures.ts
 *
 * Writes tests/fixtures/ and tests/fixtures/README.md (the expected outcome of every fixture;
 * tests assert those numbers). Deterministic: running twice gives identical bytes.
 * The script checks its own tables (sums, turnouts) before writing anything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { encode, titleRow, toCsv, type Cell, type Encoding } from './lib/csv';
import { fullWidth, pctString, thousands } from './lib/format';
import { averageAge, countBody, statTable, type CountedPerson, type StatRow } from './lib/statTable';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures');

function check(cond: boolean, message: string): void {
  if (!cond) throw new Error(`fixture table check failed: ${message}`);
}

// =============================================================================================
// The six villages of 青山县河东镇, 2021 (第十二届), villagers' committee. Shared by the
// encoding/delimiter fixtures so tests can compare them with each other.
// =============================================================================================

const COUNTY = '青山县';
const TOWNSHIP = '河东镇';
const YEAR = 2021;
const LABEL = '第十二届';
const COMMITTEE = '村委会';

interface VillageResult {
  name: string;
  code: string;
  eligible: number;
  registered: number;
  voted: number;
  turnout: string;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  seats: number;
  candidates: number;
  firstRound: '是' | '否';
}

// biome-ignore format: a literal table, one record per line
const SIX: readonly VillageResult[] = [
  //  name        code            eligible registered voted turnout  issued returned valid invalid seats cand first
  v('李家村',   '139901101201', 1302, 1286, 1174, '91.3%', 1174, 1172, 1160, 12, 5, 7, '是'),
  v('王庄村',   '139901101202', 2150, 2118, 1893, '89.4%', 1893, 1893, 1876, 17, 5, 7, '是'),
  v('东河村',   '139901101203',  860,  851,  702, '82.5%',  702,  700,  694,  6, 3, 4, '是'),
  v('张家营村', '139901101204', 3420, 3375, 3108, '92.1%', 3108, 3105, 3071, 34, 7, 9, '是'),
  v('前进村',   '139901101205', 1580, 1562, 1214, '77.7%', 1214, 1214, 1199, 15, 5, 6, '否'),
  v('柳树沟村', '139901101206',  975,  968,  891, '92.0%',  891,  890,  884,  6, 4, 5, '是'),
];

// biome-ignore format: a literal table, one record per line
function v(name: string, code: string, eligible: number, registered: number, voted: number, turnout: string, issued: number,
  returned: number, valid: number, invalid: number, seats: number, candidates: number, firstRound: '是' | '否'): VillageResult {
  return { name, code, eligible, registered, voted, turnout, issued, returned, valid, invalid, seats, candidates, firstRound };
}

/** The totals of SIX, written out so the README shows them; checked against the rows below. */
const SIX_TOTALS = {
  eligible: 10287,
  registered: 10160,
  voted: 8982,
  turnout: '88.4%',
  issued: 8982,
  returned: 8974,
  valid: 8884,
  invalid: 90,
  seats: 29,
  candidates: 38,
};

function sum(rows: readonly VillageResult[], k: keyof typeof SIX_TOTALS & keyof VillageResult): number {
  return rows.reduce((a, r) => a + (r[k] as number), 0);
}

for (const r of SIX) {
  check(r.turnout === pctString(r.voted, r.registered), `${r.name} turnout`);
  check(r.registered <= r.eligible && r.voted <= r.registered && r.voted * 2 > r.registered, `${r.name} voters`);
  check(r.issued === r.voted && r.returned <= r.issued && r.valid + r.invalid === r.returned, `${r.name} ballots`);
  check(r.candidates >= r.seats * 1.2, `${r.name} candidates`);
}
for (const k of ['eligible', 'registered', 'voted', 'issued', 'returned', 'valid', 'invalid', 'seats', 'candidates'] as const) {
  check(sum(SIX, k) === SIX_TOTALS[k], `total ${k}`);
}
check(SIX_TOTALS.turnout === pctString(SIX_TOTALS.voted, SIX_TOTALS.registered), 'total turnout');

const HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
  '届次',
  '组织',
  '有选举权人数',
  '登记选民数',
  '参加投票人数',
  '参选率',
  '发出选票',
  '收回选票',
  '有效票',
  '无效票',
  '应选职数',
  '候选人数',
  '一次选举成功',
];

function row(r: VillageResult): Cell[] {
  return [
    COUNTY,
    TOWNSHIP,
    r.name,
    r.code,
    YEAR,
    LABEL,
    COMMITTEE,
    r.eligible,
    r.registered,
    r.voted,
    r.turnout,
    r.issued,
    r.returned,
    r.valid,
    r.invalid,
    r.seats,
    r.candidates,
    r.firstRound,
  ];
}

/** 合计 in the first column, place/cycle cells empty (as a merged cell exports), then the sums. */
function totalsRow(t: typeof SIX_TOTALS): Cell[] {
  return [
    '合计',
    '',
    '',
    '',
    '',
    '',
    '',
    t.eligible,
    t.registered,
    t.voted,
    t.turnout,
    t.issued,
    t.returned,
    t.valid,
    t.invalid,
    t.seats,
    t.candidates,
    '',
  ];
}

const GB_TITLE = '青山县河东镇2021年第十二届村民委员会换届选举情况统计表';
const NOTES = '填表人：张三  日期：2021年5月';

// =============================================================================================
// Other literal tables
// =============================================================================================

/** results-rule-breaches.csv: 8 rows, in file order (line 2 …). */
// biome-ignore format: a literal table, one record per line
const BREACHES: readonly { cells: Cell[]; expect: string }[] = [
  { cells: [COUNTY, TOWNSHIP, '红旗村',   '139901101207', YEAR, LABEL, COMMITTEE, 1210, 1180, 1195, '',       1195, 1195, 1180, 15, 5, 6, '是'],
    expect: 'warning `voted_gt_registered` (1195 voted > 1180 registered; 参选率 left blank so nothing else fires)' },
  { cells: [COUNTY, TOWNSHIP, '新庄村',   '139901101208', YEAR, LABEL, COMMITTEE, 1480, 1450, 1210, '83.4%',  1200, 1203, 1190, 13, 5, 7, '是'],
    expect: 'warning `returned_gt_issued` (1203 returned > 1200 issued; returned ≤ 1210 voted, so not `returned_gt_voted`)' },
  { cells: [COUNTY, TOWNSHIP, '双井村',   '139901101209', YEAR, LABEL, COMMITTEE,  945,  930,  812, '87.3%',   812,  810,  798,  6, 3, 4, '是'],
    expect: 'warning `valid_invalid_sum` (798 valid + 6 invalid = 804 ≠ 810 returned)' },
  { cells: [COUNTY, TOWNSHIP, '白杨村',   '139901101210', YEAR, LABEL, COMMITTEE, 1010,   '',  905, '105%',    905,  905,  897,  8, 5, 6, '是'],
    expect: 'warning `percent_over_100` on 参选率 "105%" (登记选民数 is blank, so no turnout can be computed and no `turnout_mismatch`)' },
  { cells: [COUNTY, TOWNSHIP, '',         '',             YEAR, LABEL, COMMITTEE, 1120, 1102,  968, '87.8%',   968,  968,  955, 13, 5, 6, '是'],
    expect: 'REJECTED `missing_village` (村 and 区划代码 both empty)' },
  { cells: [COUNTY, TOWNSHIP, '杏花村',   '139901101211', '',   '',    COMMITTEE,  890,  876,  781, '89.2%',   781,  781,  772,  9, 3, 4, '是'],
    expect: 'REJECTED `missing_cycle` (换届年份 and 届次 empty; no year in title or file name)' },
  { cells: [COUNTY, TOWNSHIP, '石门村',   '139901101212', YEAR, LABEL, COMMITTEE, 1650, 1633, 1458, '89.3%',  1458, 1456, 1441, 15, 5, 7, '是'],
    expect: 'clean' },
  { cells: [COUNTY, TOWNSHIP, '桃园村',   '139901101213', YEAR, LABEL, COMMITTEE,  720,  712,  645, '90.6%',   645,  645,  639,  6, 3, 4, '是'],
    expect: 'clean' },
];
check(pctString(1210, 1450) === '83.4%' && pctString(812, 930) === '87.3%' && pctString(968, 1102) === '87.8%', 'breach turnouts');
check(pctString(781, 876) === '89.2%' && pctString(1458, 1633) === '89.3%' && pctString(645, 712) === '90.6%', 'breach turnouts 2');

/** acceptance-township.csv: 青山县石桥镇, 2021. */
interface AcceptanceCommittee {
  name: string;
  code: string;
  registered: number;
  voted: number;
  turnout: string;
  returned: number;
  valid: number;
  invalid: number;
}
interface AcceptanceBranch {
  body: string;
  entitled: number;
  present: number;
  voted: number;
  turnout: string;
  valid: number;
  invalid: number;
}
// biome-ignore format: a literal table, one record per line
const ACCEPTANCE: readonly { c: AcceptanceCommittee; b: AcceptanceBranch }[] = [
  { c: { name: '石桥村',   code: '139901102201', registered: 1423, voted: 1012, turnout: '71.1%', returned: 1010, valid: 996, invalid: 14 },
    b: { body: '党总支',   entitled: 68, present: 60, voted: 58, turnout: '85.3%', valid: 57, invalid: 1 } },
  { c: { name: '南岗村',   code: '139901102202', registered:  987, voted:  655, turnout: '66.4%', returned:  655, valid: 647, invalid:  8 },
    b: { body: '村党支部', entitled: 41, present: 36, voted: 35, turnout: '85.4%', valid: 35, invalid: 0 } },
  { c: { name: '北岗村',   code: '139901102203', registered: 1156, voted:  829, turnout: '71.7%', returned:  828, valid: 819, invalid:  9 },
    b: { body: '村党支部', entitled: 55, present: 48, voted: 47, turnout: '85.5%', valid: 46, invalid: 1 } },
  { c: { name: '杨柳村',   code: '139901102204', registered:  802, voted:  528, turnout: '65.8%', returned:  528, valid: 521, invalid:  7 },
    b: { body: '村党支部', entitled: 37, present: 32, voted: 31, turnout: '83.8%', valid: 31, invalid: 0 } },
  { c: { name: '马家庄村', code: '139901102205', registered:  813, voted:  559, turnout: '68.8%', returned:  557, valid: 551, invalid:  6 },
    b: { body: '村党支部', entitled: 44, present: 38, voted: 37, turnout: '84.1%', valid: 36, invalid: 1 } },
];
const ACC = {
  registered: ACCEPTANCE.reduce((a, x) => a + x.c.registered, 0),
  voted: ACCEPTANCE.reduce((a, x) => a + x.c.voted, 0),
  entitled: ACCEPTANCE.reduce((a, x) => a + x.b.entitled, 0),
  partyVoted: ACCEPTANCE.reduce((a, x) => a + x.b.voted, 0),
  present: ACCEPTANCE.reduce((a, x) => a + x.b.present, 0),
};
check(ACC.registered === 5181 && ACC.voted === 3583 && pctString(ACC.voted, ACC.registered) === '69.2%', 'acceptance committee totals');
check(ACC.entitled === 245 && ACC.partyVoted === 208 && pctString(ACC.partyVoted, ACC.entitled) === '84.9%', 'acceptance branch totals');
for (const { c, b } of ACCEPTANCE) {
  check(c.turnout === pctString(c.voted, c.registered) && c.voted * 2 > c.registered, `${c.name} acceptance turnout`);
  check(c.returned <= c.voted && c.valid + c.invalid === c.returned, `${c.name} acceptance ballots`);
  check(b.turnout === pctString(b.voted, b.entitled) && b.voted <= b.present && b.present * 5 > b.entitled * 4, `${c.name} branch`);
  check(b.valid + b.invalid === b.voted, `${c.name} branch ballots`);
}

/**
 * rules-results.csv + rules-members.csv: 青山县柳河镇 and 桑园镇, cycles 2018 (第十一届) and 2021 (第十二届), both
 * bodies, with exactly known breaches of the rule checks (src/db/rules.ts). Each row lists the rules it breaks.
 */
interface RulesResult {
  township: '柳河镇' | '桑园镇';
  village: string;
  code: string;
  year: 2018 | 2021;
  body: '村委会' | '村党支部' | '党总支';
  registered: number | '';
  voted: number | '';
  entitled: number | '';
  present: number | '';
  partyVoted: number | '';
  issued: number | '';
  returned: number | '';
  valid: number | '';
  invalid: number | '';
  seats: number | '';
  candidates: number | '';
  firstRound: '是' | '否' | '';
  breaks: string;
}
const RULES_CODES: Record<string, string> = {
  柳河村: '139901103201',
  杨庄村: '139901103202',
  高桥村: '139901103203',
  五里铺村: '139901103204',
  桑园村: '139901104201',
  西沟村: '139901104202',
};
// biome-ignore format: a literal table, one record per line
function rr(township: RulesResult['township'], village: string, year: RulesResult['year'], body: RulesResult['body'],
  registered: number | '', voted: number | '', entitled: number | '', present: number | '', partyVoted: number | '',
  issued: number | '', returned: number | '', valid: number | '', invalid: number | '', seats: number | '', candidates: number | '',
  firstRound: RulesResult['firstRound'], breaks: string): RulesResult {
  const code = RULES_CODES[village];
  if (!code) throw new Error(`no code for ${village}`);
  return { township, village, code, year, body, registered, voted, entitled, present, partyVoted, issued, returned, valid, invalid, seats, candidates, firstRound, breaks };
}
// biome-ignore format: a literal table, one record per line
const RULES_RESULTS: readonly RulesResult[] = [
  //  township  village     year  body       reg   voted  ent  pres pvote issued ret   valid inv  seats cand first
  rr('柳河镇', '柳河村',   2021, '村委会',   1500,  700,  '',  '',  '',    700,  700,  690, 10,  5,  7, '是', '`turnout_not_over_half` (700 of 1,500 = 46.7%)'),
  rr('柳河镇', '杨庄村',   2021, '村委会',   1000,  500,  '',  '',  '',    500,  500,  494,  6,  8, 10, '是', '`turnout_not_over_half` (500 of 1,000 = exactly 50.0%: not *more* than half)'),
  rr('柳河镇', '高桥村',   2021, '村委会',   1240,  621,  '',  '',  '',    624,  623,  611, 12,  3,  4, '否', '`issued_gt_voted` (624 issued > 621 voted), `returned_gt_voted` (623 returned > 621 voted); turnout 621 of 1,240 = 50.1% is over half (clean); import warning `returned_gt_voted`'),
  rr('柳河镇', '五里铺村', 2021, '村委会',    890,  801,  '',  '',  '',    801,  801,  790,  8,  3,  4, '是', '`valid_invalid_mismatch` (790 + 8 = 798 ≠ 801); import warning `valid_invalid_sum`'),
  rr('桑园镇', '桑园村',   2021, '村委会',   2050, 1845,  '',  '',  '',   1840, 1843, 1830, 13,  5,  7, '是', '`returned_gt_issued` (1,843 returned > 1,840 issued; ≤ 1,845 voted); import warning `returned_gt_issued`'),
  rr('桑园镇', '西沟村',   2021, '村委会',    760,  684,  '',  '',  '',    684,  683,  676,  7,  3,  4, '是', 'none (clean)'),
  rr('柳河镇', '柳河村',   2021, '村党支部',   '',   '',  52,  40,  40,     40,   40,   39,  1,  5,  6, '是', '`branch_quorum` (40 of 52 present = 76.9%); 6 candidates for 5 seats is exactly +20% (clean)'),
  rr('柳河镇', '杨庄村',   2021, '村党支部',   '',   '',  45,  36,  36,     36,   36,   35,  1,  5,  5, '是', '`branch_quorum` (36 of 45 = exactly 4/5: not *more* than four fifths), `candidate_margin` (5 candidates for 5 seats)'),
  rr('柳河镇', '高桥村',   2021, '村党支部',   '',   '',  60,  49,  48,     48,   48,   47,  1,  5,  6, '是', 'none (49 of 60 present = 81.7%)'),
  rr('柳河镇', '五里铺村', 2021, '村党支部',   '',   '',  30,  '',  24,     24,   24,   23,  1, '', '', '',   'none (实到会党员, 应选职数, 候选人数 blank: quorum and margin not checked)'),
  rr('桑园镇', '桑园村',   2021, '党总支',     '',   '',  88,  80,  79,     79,   79,   78,  1,  7,  9, '是', 'none (clean)'),
  rr('柳河镇', '柳河村',   2018, '村委会',   1460,  712,  '',  '',  '',    712,  712,  700, 12,  5,  7, '是', '`turnout_not_over_half` (712 of 1,460 = 48.8%)'),
  rr('柳河镇', '杨庄村',   2018, '村委会',    980,  870,  '',  '',  '',    870,  870,  862,  8,  5,  7, '是', 'none (clean)'),
  rr('桑园镇', '西沟村',   2018, '村委会',    745,  668,  '',  '',  '',    668,  668,  655, 10,  3,  4, '是', '`valid_invalid_mismatch` (655 + 10 = 665 ≠ 668); import warning `valid_invalid_sum`'),
  rr('柳河镇', '五里铺村', 2018, '村委会',     '',  780,  '',  '',  '',    780,   '',  770, 10,  3,  4, '',   'none (登记选民数 and 收回选票 blank: turnout and ballot rules not checked)'),
];
const rulesTurnout = (r: RulesResult): string => {
  const [num, den] = r.body === '村委会' ? [r.voted, r.registered] : [r.partyVoted, r.entitled];
  return typeof num === 'number' && typeof den === 'number' ? pctString(num, den) : '';
};
check(
  [
    '46.7%',
    '50.0%',
    '50.1%',
    '90.0%',
    '90.0%',
    '90.0%',
    '76.9%',
    '80.0%',
    '80.0%',
    '80.0%',
    '89.8%',
    '48.8%',
    '88.8%',
    '89.7%',
    '',
  ].join() === RULES_RESULTS.map(rulesTurnout).join(),
  'rules turnouts',
);

/** The rosters of the rules fixture (one elected member per row). */
interface RulesMember {
  township: RulesResult['township'];
  village: string;
  year: RulesResult['year'];
  body: '村委会' | '村党支部';
  name: string;
  role: string;
  gender: '男' | '女' | '';
  birth: string;
  education: string;
  party: '中共党员' | '群众';
  reelected: '是' | '否';
  votes: number | '';
}
// biome-ignore format: a literal table, one record per line
function rm(township: RulesMember['township'], village: string, year: RulesMember['year'], body: RulesMember['body'], name: string,
  role: string, gender: RulesMember['gender'], birth: string, education: string, party: RulesMember['party'],
  reelected: RulesMember['reelected'], votes: number | ''): RulesMember {
  return { township, village, year, body, name, role, gender, birth, education, party, reelected, votes };
}
// biome-ignore format: a literal table, one record per line
const RULES_MEMBERS: readonly RulesMember[] = [
  rm('柳河镇', '柳河村',   2021, '村委会',   '刘振华', '主任',   '男', '1970.05', '高中', '中共党员', '是',  520),
  rm('柳河镇', '柳河村',   2021, '村委会',   '孙丽',   '委员',   '女', '1985.09', '大专', '中共党员', '是',  410),
  rm('柳河镇', '柳河村',   2021, '村委会',   '赵刚',   '委员',   '男', '1978.02', '初中', '群众',     '是',  350),
  rm('柳河镇', '柳河村',   2021, '村党支部', '刘振华', '书记',   '男', '1970.05', '高中', '中共党员', '是',   38),
  rm('柳河镇', '柳河村',   2021, '村党支部', '孙丽',   '委员',   '女', '1985.09', '大专', '中共党员', '否',   30),
  rm('柳河镇', '柳河村',   2021, '村党支部', '钱进',   '委员',   '男', '1966.11', '初中', '中共党员', '是',   19),
  rm('柳河镇', '杨庄村',   2021, '村委会',   '杨建军', '主任',   '男', '1972.03', '高中', '中共党员', '是',  430),
  rm('柳河镇', '杨庄村',   2021, '村委会',   '杨春梅', '副主任', '女', '1980.07', '中专', '中共党员', '是',  412),
  rm('柳河镇', '杨庄村',   2021, '村委会',   '周明',   '委员',   '男', '1983.01', '高中', '群众',     '否',  388),
  rm('柳河镇', '杨庄村',   2021, '村委会',   '吴海',   '委员',   '男', '1976.06', '初中', '群众',     '是',  365),
  rm('柳河镇', '杨庄村',   2021, '村委会',   '郑勇',   '委员',   '男', '1988.12', '大专', '中共党员', '否',  342),
  rm('柳河镇', '杨庄村',   2021, '村委会',   '冯磊',   '委员',   '男', '1969.04', '初中', '群众',     '是',  317),
  rm('柳河镇', '杨庄村',   2021, '村委会',   '陈静',   '委员',   '女', '1991.08', '本科', '群众',     '否',  296),
  rm('柳河镇', '杨庄村',   2021, '村委会',   '褚强',   '委员',   '男', '1974.10', '高中', '群众',     '否',  263),
  rm('柳河镇', '高桥村',   2021, '村委会',   '高志远', '主任',   '男', '1975.04', '大专', '中共党员', '是',  480),
  rm('柳河镇', '高桥村',   2021, '村委会',   '高红',   '委员',   '女', '1982.02', '高中', '群众',     '否',  300),
  rm('柳河镇', '高桥村',   2021, '村委会',   '马林',   '委员',   '男', '1979.09', '初中', '群众',     '否',  190),
  rm('柳河镇', '五里铺村', 2021, '村委会',   '王德胜', '主任',   '男', '1967.08', '高中', '中共党员', '是',  700),
  rm('柳河镇', '五里铺村', 2021, '村委会',   '王志',   '委员',   '男', '1984.03', '中专', '群众',     '否',  650),
  rm('桑园镇', '桑园村',   2021, '村委会',   '桑国强', '主任',   '男', '1971.01', '大专', '中共党员', '是', 1500),
  rm('桑园镇', '桑园村',   2021, '村委会',   '李伟',   '副主任', '男', '1980.05', '高中', '中共党员', '否', 1400),
  rm('桑园镇', '桑园村',   2021, '村委会',   '张斌',   '委员',   '男', '1986.11', '本科', '群众',     '否', 1300),
  rm('桑园镇', '桑园村',   2021, '村委会',   '何军',   '委员',   '男', '1977.07', '初中', '群众',     '是', 1200),
  rm('桑园镇', '西沟村',   2021, '村委会',   '田文',   '主任',   '男', '1973.06', '高中', '中共党员', '是',  600),
  rm('桑园镇', '西沟村',   2021, '村委会',   '石磊',   '委员',   '男', '1981.10', '高中', '群众',     '是',  520),
  rm('桑园镇', '西沟村',   2021, '村委会',   '罗平',   '委员',   '',   '1990.02', '大专', '群众',     '否',   ''),
  rm('柳河镇', '柳河村',   2018, '村委会',   '刘振华', '主任',   '男', '1970.05', '高中', '中共党员', '否',  600),
  rm('柳河镇', '柳河村',   2018, '村委会',   '孙丽',   '委员',   '女', '1985.09', '大专', '中共党员', '否',  500),
  rm('柳河镇', '柳河村',   2018, '村委会',   '赵刚',   '委员',   '男', '1978.02', '初中', '群众',     '否',  400),
  rm('桑园镇', '西沟村',   2018, '村委会',   '田文',   '主任',   '男', '1973.06', '高中', '中共党员', '否',  600),
  rm('桑园镇', '西沟村',   2018, '村委会',   '石磊',   '委员',   '男', '1981.10', '高中', '群众',     '否',  550),
  rm('桑园镇', '西沟村',   2018, '村委会',   '孔亮',   '委员',   '男', '1965.03', '初中', '群众',     '否',  500),
];
check(
  RULES_MEMBERS.every((x) =>
    RULES_RESULTS.some((r) => r.village === x.village && r.year === x.year && (r.body === '村委会') === (x.body === '村委会')),
  ),
  'rules roster has results',
);

const RULES_RESULTS_HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
  '届次',
  '组织',
  '登记选民数',
  '参加投票人数',
  '参选率',
  '应到会党员',
  '实到会党员',
  '参加选举党员',
  '发出选票',
  '收回选票',
  '有效票',
  '无效票',
  '应选职数',
  '候选人数',
  '一次选举成功',
];
const cycleLabel = (year: number): string => (year === 2021 ? '第十二届' : '第十一届');
function rulesResultRow(r: RulesResult): Cell[] {
  return [
    COUNTY,
    r.township,
    r.village,
    r.code,
    r.year,
    cycleLabel(r.year),
    r.body,
    r.registered,
    r.voted,
    rulesTurnout(r),
    r.entitled,
    r.present,
    r.partyVoted,
    r.issued,
    r.returned,
    r.valid,
    r.invalid,
    r.seats,
    r.candidates,
    r.firstRound,
  ];
}
const RULES_MEMBERS_HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
  '组织',
  '姓名',
  '职务',
  '性别',
  '出生年月',
  '文化程度',
  '民族',
  '政治面貌',
  '是否连任',
  '得票数',
];
function rulesMemberRow(x: RulesMember): Cell[] {
  return [
    COUNTY,
    x.township,
    x.village,
    RULES_CODES[x.village],
    x.year,
    x.body,
    x.name,
    x.role,
    x.gender,
    x.birth,
    x.education,
    '汉族',
    x.party,
    x.reelected,
    x.votes,
  ];
}

/** Roster rows (members-gb18030.csv and the workbook's member sheet). */
interface Member {
  village: string;
  code: string;
  body: '村党支部' | '村委会';
  name: string;
  role: string;
  gender: '男' | '女';
  birth: string;
  education: string;
  ethnicity: string;
  party: '中共党员' | '群众';
  reelected: '是' | '否';
  votes: number;
  expect: string;
}
// biome-ignore format: a literal table, one record per line
const MEMBERS: readonly Member[] = [
  m('李家村', '139901101201', '村党支部', '李建国', '书记',   '男', '1968.03',    '高中',       '汉族', '中共党员', '是',   52, 'clean; 一肩挑 (also 主任, line 5)'),
  m('李家村', '139901101201', '村党支部', '张海峰', '委员',   '男', '1975年8月',  '大专',       '汉族', '中共党员', '否',   48, 'clean'),
  m('李家村', '139901101201', '村党支部', '李淑珍', '委员',   '女', '1979-11-02', '中专',       '回族', '中共党员', '是',   45, 'clean; minority'),
  m('李家村', '139901101201', '村委会',   '李建国', '主任',   '男', '1968.03',    '高中',       '汉族', '中共党员', '是', 1032, 'clean; same person as line 2'),
  m('李家村', '139901101201', '村委会',   '王晓燕', '委员',   '女', '1990.06',    '本科',       '汉族', '群众',     '否',  876, 'clean'),
  m('李家村', '139901101201', '村委会',   '赵德明', '委员',   '男', '1962.09',    '初中及以下', '汉族', '中共党员', '是',  701, 'clean'),
  m('王庄村', '139901101202', '村党支部', '王志强', '书记',   '男', '1971.12',    '大专',       '汉族', '中共党员', '是',   61, 'clean'),
  m('王庄村', '139901101202', '村党支部', '王秀英', '委员',   '女', '1983年5月',  '高中',       '满族', '中共党员', '否',   55, 'clean; cross-holding (also committee, line 12); minority'),
  m('王庄村', '139901101202', '村党支部', '刘玉成', '委员',   '男', 'xx',         '初中',       '汉族', '中共党员', '是',   50, 'WARNING `placeholder` on 出生年月 "xx" (birth treated as empty; age unknown)'),
  m('王庄村', '139901101202', '村委会',   '陈宏伟', '主任',   '男', '1980-02-14', '大专',       '汉族', '群众',     '否', 1520, 'clean'),
  m('王庄村', '139901101202', '村委会',   '王秀英', '委员',   '女', '1983年5月',  '高中',       '满族', '中共党员', '否', 1388, 'clean; same person as line 9'),
  m('王庄村', '139901101202', '村委会',   '孙浩',   '委员',   '男', '2004.06',    '高中',       '汉族', '群众',     '否', 1102, 'WARNING `age_out_of_range` (age 17 = 2021 − 2004)'),
];

// biome-ignore format: a literal table, one record per line
function m(village: string, code: string, body: Member['body'], name: string, role: string, gender: Member['gender'], birth: string,
  education: string, ethnicity: string, party: Member['party'], reelected: Member['reelected'], votes: number, expect: string): Member {
  return { village, code, body, name, role, gender, birth, education, ethnicity, party, reelected, votes, expect };
}

const MEMBER_HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
  '组织',
  '姓名',
  '职务',
  '性别',
  '出生年月',
  '文化程度',
  '民族',
  '政治面貌',
  '是否连任',
  '得票数',
];

function memberRow(x: Member): Cell[] {
  return [
    COUNTY,
    TOWNSHIP,
    x.village,
    x.code,
    YEAR,
    x.body,
    x.name,
    x.role,
    x.gender,
    x.birth,
    x.education,
    x.ethnicity,
    x.party,
    x.reelected,
    x.votes,
  ];
}

/** The workbook's member sheet: ten clean rows (李家村 all six, 王庄村 four). */
const WORKBOOK_MEMBERS: readonly Member[] = [...MEMBERS.slice(0, 6), MEMBERS[6], MEMBERS[7], MEMBERS[9], MEMBERS[10]].map((x) => {
  if (!x) throw new Error('workbook member missing');
  return x;
});

/** members-english.csv: English headers and English values. */
const ENGLISH_HEADER = [
  'Name',
  'Body',
  'Role',
  'Gender',
  'Date of birth',
  'Education',
  'Ethnicity',
  'Party member',
  'Re-elected',
  'Votes',
  'County',
  'Township',
  'Village',
  'Year',
];
// biome-ignore format: a literal table, one record per line
const ENGLISH_ROWS: readonly Cell[][] = [
  ['周永刚', 'Party branch',         'Secretary',       'Male',   '1972-05-18', 'Junior college',             'Han', 'Yes', 'Yes',   40, COUNTY, TOWNSHIP, '东河村',   YEAR],
  ['吴丽娟', 'Party branch',         'Member',          'Female', '1986-09',    'Bachelor',                   'Han', 'Yes', 'No',    37, COUNTY, TOWNSHIP, '东河村',   YEAR],
  ['郑德林', 'Party branch',         'Member',          'Male',   '1966-02',    'Senior high school',         'Han', 'Yes', 'Yes',   35, COUNTY, TOWNSHIP, '东河村',   YEAR],
  ['周永刚', "Villagers' committee", 'Director',        'Male',   '1972-05-18', 'Junior college',             'Han', 'Yes', 'Yes',  612, COUNTY, TOWNSHIP, '东河村',   YEAR],
  ['吴丽娟', "Villagers' committee", 'Member',          'Female', '1986-09',    'Bachelor',                   'Han', 'Yes', 'No',   588, COUNTY, TOWNSHIP, '东河村',   YEAR],
  ['马春生', "Villagers' committee", 'Member',          'Male',   '1978-12',    'Junior middle school',       'Hui', 'No',  'No',   430, COUNTY, TOWNSHIP, '东河村',   YEAR],
  ['张国华', 'Party branch',         'Secretary',       'Male',   '1969-07',    'Senior high school',         'Han', 'Yes', 'Yes',   98, COUNTY, TOWNSHIP, '张家营村', YEAR],
  ['张国华', "Villagers' committee", 'Director',        'Male',   '1969-07',    'Senior high school',         'Han', 'Yes', 'Yes', 2650, COUNTY, TOWNSHIP, '张家营村', YEAR],
  ['刘桂兰', "Villagers' committee", 'Deputy director', 'Female', '1981-03',    'Technical secondary school', 'Han', 'No',  'No',  2210, COUNTY, TOWNSHIP, '张家营村', YEAR],
  ['何俊杰', "Villagers' committee", 'Member',          'Male',   '1995-10',    'Master',                     'Han', 'No',  'No',  1890, COUNTY, TOWNSHIP, '张家营村', YEAR],
];

/** xss-names.csv: hostile village names (stored and shown as plain text). */
const XSS_NAMES = ['<img src=x onerror=alert(1)>', '"; DROP TABLE results; --', '=HYPERLINK("http://x")'] as const;

/**
 * hostile-results.csv + hostile-members.csv: a real-looking township report whose place names, person
 * names and notes are HTML, SQL, spreadsheet formulas, control characters, bidi overrides, ECharts
 * template syntax and a 5,000-character string. Everything must be stored as text and shown literally.
 */
const LONG_VILLAGE = `${'长'.repeat(4999)}村`;
const LONG_PERSON = '明'.repeat(5000);
const HOSTILE_COUNTY = "' OR 1=1 --";
const HOSTILE_TOWNSHIPS = ['<script>alert(1)</script>', '{b}镇'] as const;
interface HostileVillage {
  /** As written in the file. */
  name: string;
  /** As stored (normalizeVillageName: C0 controls and bidi overrides removed, nothing else). */
  stored: string;
  township: 0 | 1;
  code: string;
  registered: number;
  voted: number;
  returned: number;
  valid: number;
  invalid: number;
  seats: number;
  candidates: number;
  firstRound: '是' | '否';
  breaks: string;
}
function hv(i: number, name: string, stored: string, township: 0 | 1, opts: Partial<HostileVillage> = {}): HostileVillage {
  const registered = 800 + 97 * i;
  const voted = Math.round(registered * (0.75 + 0.01 * i));
  const returned = voted - (i % 3);
  const invalid = 5 + i;
  const base: HostileVillage = {
    name,
    stored,
    township,
    code: township === 0 ? `1399011052${String(i).padStart(2, '0')}` : '',
    registered,
    voted,
    returned,
    valid: returned - invalid,
    invalid,
    seats: 5,
    candidates: 7,
    firstRound: '是',
    breaks: 'none',
  };
  return { ...base, ...opts };
}
// biome-ignore format: a literal table, one record per line
const HOSTILE_VILLAGES: readonly HostileVillage[] = [
  hv(1, '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>', 0),
  hv(2, '<script>alert(1)</script>', '<script>alert(1)</script>', 0, { firstRound: '否' }),
  hv(3, '"; DROP TABLE results; --', '"; DROP TABLE results; --', 0, { breaks: '`winner_without_majority` (member `=1+1` received at most half of the votes cast; first round 是)' }),
  hv(4, "' OR 1=1 --", "' OR 1=1 --", 0),
  hv(5, '=HYPERLINK("http://x","点我")', '=HYPERLINK("http://x","点我")', 0, { voted: 598, returned: 598, valid: 588, invalid: 10, firstRound: '否', breaks: '`turnout_not_over_half` (598 of 1,285 = 46.5%)' }),
  hv(6, '+SUM(1,1)', '+SUM(1,1)', 0, { valid: 1100, breaks: '`valid_invalid_mismatch` (1,100 + 11 = 1,111 ≠ 1,119 returned); import warning `valid_invalid_sum`' }),
  hv(7, '@cmd', '@cmd', 0, { breaks: '`no_woman_on_committee` (3 men)' }),
  hv(8, '-1+1', '-1+1', 0, { seats: 3, candidates: 4, breaks: '`committee_size` (2 members for 3 seats)' }),
  hv(9, LONG_VILLAGE, LONG_VILLAGE, 1),
  hv(10, '\u0007响铃村', '响铃村', 1),
  hv(11, '\u001b[31m红字村', '[31m红字村', 1),
  hv(12, '\u202e村庄反转', '村庄反转', 1),
  hv(13, '{a|b}村', '{a|b}村', 1),
  hv(14, '{b}', '{b}', 1),
];
/** Text for the unmapped 备注 column, one per results row in turn (kept as extra data). */
const HOSTILE_NOTES = [
  '<img src=x onerror=alert(3)>',
  '{a|b}',
  "=cmd|' /C calc'!A0",
  '\u001b[31m红色\u001b[0m',
  '"; DROP TABLE imports; --',
  '',
] as const;
const HOSTILE_RESULTS_2018 = 4; // villages 1–4 also have a 2018 committee row
const HOSTILE_BRANCHES = 4; // villages 1–4 also have a 2021 party-branch row

interface HostileMember {
  village: number;
  body: '村委会' | '村党支部';
  name: string;
  stored: string;
  role: string;
  gender: '男' | '女';
  votes: number;
}
// biome-ignore format: a literal table, one record per line
const HOSTILE_MEMBERS: readonly HostileMember[] = [
  { village: 1, body: '村委会', name: '<img src=x onerror=alert(2)>', stored: '<img src=x onerror=alert(2)>', role: '主任', gender: '男', votes: 0.9 },
  { village: 1, body: '村委会', name: '王秀兰', stored: '王秀兰', role: '委员', gender: '女', votes: 0.8 },
  { village: 1, body: '村委会', name: '李强', stored: '李强', role: '委员', gender: '男', votes: 0.7 },
  { village: 2, body: '村委会', name: '<script>alert(2)</script>', stored: '<script>alert(2)</script>', role: '主任', gender: '男', votes: 0.6 },
  { village: 2, body: '村委会', name: "'; DROP TABLE members; --", stored: "'; DROP TABLE members; --", role: '委员', gender: '女', votes: 0.5 },
  { village: 2, body: '村委会', name: '张伟', stored: '张伟', role: '委员', gender: '男', votes: 0.4 },
  { village: 3, body: '村委会', name: '陈刚', stored: '陈刚', role: '主任', gender: '男', votes: 0.85 },
  { village: 3, body: '村委会', name: '=1+1', stored: '=1+1', role: '委员', gender: '男', votes: 0.5 },
  { village: 3, body: '村委会', name: '刘芳', stored: '刘芳', role: '委员', gender: '女', votes: 0.75 },
  { village: 4, body: '村委会', name: '+SUM(2,2)', stored: '+SUM(2,2)', role: '主任', gender: '男', votes: 0.9 },
  { village: 4, body: '村委会', name: "@SUM(1+1)*cmd|' /C calc'!A0", stored: "@SUM(1+1)*cmd|' /C calc'!A0", role: '委员', gender: '女', votes: 0.8 },
  { village: 4, body: '村委会', name: '-2+3', stored: '-2+3', role: '委员', gender: '男', votes: 0.7 },
  { village: 5, body: '村委会', name: '{a|b}', stored: '{a|b}', role: '主任', gender: '男', votes: 0.7 },
  { village: 5, body: '村委会', name: '{b}', stored: '{b}', role: '委员', gender: '女', votes: 0.6 },
  { village: 5, body: '村委会', name: '赵磊', stored: '赵磊', role: '委员', gender: '男', votes: 0.5 },
  { village: 6, body: '村委会', name: '\u0007王铃', stored: '王铃', role: '主任', gender: '男', votes: 0.9 },
  { village: 6, body: '村委会', name: '\u001b[31m赵红', stored: '[31m赵红', role: '委员', gender: '女', votes: 0.8 },
  { village: 6, body: '村委会', name: '\u202e张反', stored: '张反', role: '委员', gender: '男', votes: 0.7 },
  { village: 7, body: '村委会', name: '周军', stored: '周军', role: '主任', gender: '男', votes: 0.9 },
  { village: 7, body: '村委会', name: '吴涛', stored: '吴涛', role: '委员', gender: '男', votes: 0.8 },
  { village: 7, body: '村委会', name: '郑斌', stored: '郑斌', role: '委员', gender: '男', votes: 0.7 },
  { village: 8, body: '村委会', name: LONG_PERSON, stored: LONG_PERSON, role: '主任', gender: '男', votes: 0.9 },
  { village: 8, body: '村委会', name: '孙丽', stored: '孙丽', role: '委员', gender: '女', votes: 0.8 },
  ...[9, 10, 11, 12, 13, 14].flatMap((v): HostileMember[] => [
    { village: v, body: '村委会', name: `韩${v}军`, stored: `韩${v}军`, role: '主任', gender: '男', votes: 0.9 },
    { village: v, body: '村委会', name: `冯${v}梅`, stored: `冯${v}梅`, role: '委员', gender: '女', votes: 0.8 },
    { village: v, body: '村委会', name: `曹${v}勇`, stored: `曹${v}勇`, role: '委员', gender: '男', votes: 0.7 },
  ]),
  { village: 1, body: '村党支部', name: '<img src=x onerror=alert(2)>', stored: '<img src=x onerror=alert(2)>', role: '书记', gender: '男', votes: 0.9 },
  { village: 1, body: '村党支部', name: '王秀兰', stored: '王秀兰', role: '委员', gender: '女', votes: 0.8 },
  { village: 2, body: '村党支部', name: '马明', stored: '马明', role: '书记', gender: '男', votes: 0.9 },
  { village: 2, body: '村党支部', name: '张伟', stored: '张伟', role: '委员', gender: '男', votes: 0.8 },
  { village: 3, body: '村党支部', name: '陈刚', stored: '陈刚', role: '书记', gender: '男', votes: 0.9 },
  { village: 3, body: '村党支部', name: '黄梅', stored: '黄梅', role: '委员', gender: '女', votes: 0.8 },
  { village: 4, body: '村党支部', name: '+SUM(2,2)', stored: '+SUM(2,2)', role: '书记', gender: '男', votes: 0.9 },
  { village: 4, body: '村党支部', name: '-2+3', stored: '-2+3', role: '委员', gender: '男', votes: 0.8 },
];
const HOSTILE_EDUCATION = ['高中', '大专', '初中', '本科', '中专'] as const;

/** Party-branch figures of hostile village i (1–4): entitled, present, voted. */
function hostileBranch(i: number): { entitled: number; present: number; voted: number } {
  return { entitled: 40 + i, present: 38 + i, voted: 38 + i };
}

function hostileVillage(i: number): HostileVillage {
  const v = HOSTILE_VILLAGES[i - 1];
  if (!v) throw new Error(`no hostile village ${i}`);
  return v;
}

const HOSTILE_RESULTS: readonly HostileResultRow[] = hostileResultRows();
check(hostileVillage(5).registered === 1285 && pctString(598, 1285) === '46.5%', 'hostile 5 turnout');
check(hostileVillage(6).returned === 1119 && hostileVillage(6).invalid === 11, 'hostile 6 ballots');

for (const [i, v] of HOSTILE_VILLAGES.entries()) {
  check(v.returned <= v.voted && v.voted <= v.registered, `hostile ${i + 1} ballots`);
  check(i + 1 === 6 ? v.valid + v.invalid !== v.returned : v.valid + v.invalid === v.returned, `hostile ${i + 1} valid + invalid`);
  check(v.voted * 2 > v.registered === (i + 1 !== 5), `hostile ${i + 1} turnout over half`);
}

/** A valid 1×1 transparent PNG (67 bytes; CRCs checked). */
// biome-ignore format: a literal table, one record per line
const PNG_1X1 = [
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
];

// =============================================================================================
// 青山县桃源镇, 2021: four villages' elected members, written twice — as a roster and as the
// official statistical table — plus the voters as a results file. Same persons, same figures.
// =============================================================================================

const TY = {
  township: '桃源镇',
  title: '青山县桃源镇2021年村“两委”换届选举情况统计表',
  notes: '填表人：李文  审核人：王强  填报日期：2021年6月10日',
};

interface TyVillage {
  name: string;
  code: string;
  registered: number;
  voted: number;
  entitled: number;
  partyVoted: number;
  firstRound: '是' | '否';
  /** What the table's both-bodies figures can and cannot be (docs/user-guide.md, "Statistical tables"). */
  note: string;
}
// biome-ignore format: a literal table, one record per line
const TY_VILLAGES: readonly TyVillage[] = [
  { name: '桃源村', code: '139901103201', registered: 1420, voted: 1288, entitled: 46, partyVoted: 44, firstRound: '是', note: 'no cross-holding: every both-bodies figure exact, average age too' },
  { name: '杏林村', code: '139901103202', registered: 1875, voted: 1702, entitled: 63, partyVoted: 60, firstRound: '是', note: '2 cross-holding (书记 = 主任, 一肩挑); no woman on the branch, so women are exact; whether the under-35s or college graduates sit on both the table cannot say' },
  { name: '梨园村', code: '139901103203', registered: 1130, voted:  981, entitled: 38, partyVoted: 35, firstRound: '否', note: '1 cross-holding, a woman: whether she is one of the committee\'s 3 women the table cannot say — women (两委) not available' },
  { name: '竹溪村', code: '139901103204', registered:  960, voted:  871, entitled: 31, partyVoted: 30, firstRound: '是', note: 'the whole branch sits on the committee (3 cross-holding, 一肩挑): person counts exact; re-election is per body and is not' },
];

/** A 桃源镇 roster row: as members-gb18030.csv's, the code coming from the village. */
type TyMember = Omit<Member, 'code' | 'expect'>;
// biome-ignore format: a literal table, one record per line
const TY_MEMBERS: readonly TyMember[] = [
  tm('桃源村', '村党支部', '赵春生', '书记',   '男', '1970.05', '高中', '汉族', '中共党员', '是',   42),
  tm('桃源村', '村党支部', '钱丽',   '委员',   '女', '1985.03', '大专', '汉族', '中共党员', '否',   38),
  tm('桃源村', '村党支部', '孙志远', '委员',   '男', '1962.11', '初中', '汉族', '中共党员', '是',   36),
  tm('桃源村', '村委会',   '周建平', '主任',   '男', '1974.08', '中专', '汉族', '中共党员', '是', 1102),
  tm('桃源村', '村委会',   '吴秀梅', '副主任', '女', '1979.02', '高中', '汉族', '群众',     '是',  986),
  tm('桃源村', '村委会',   '郑浩',   '委员',   '男', '1993.07', '本科', '汉族', '群众',     '否',  874),
  tm('桃源村', '村委会',   '冯桂芝', '委员',   '女', '1958.12', '初中', '回族', '群众',     '是',  803),
  tm('桃源村', '村委会',   '陈明',   '委员',   '男', '1988.04', '大专', '汉族', '中共党员', '否',  765),
  tm('杏林村', '村党支部', '杨光明', '书记',   '男', '1972.09', '大专', '汉族', '中共党员', '是',   57),
  tm('杏林村', '村党支部', '朱宏',   '副书记', '男', '1981.06', '本科', '汉族', '中共党员', '否',   52),
  tm('杏林村', '村党支部', '秦德福', '委员',   '男', '1960.01', '初中', '汉族', '中共党员', '是',   49),
  tm('杏林村', '村党支部', '许立',   '委员',   '男', '1990.10', '大专', '汉族', '中共党员', '否',   47),
  tm('杏林村', '村党支部', '何建军', '委员',   '男', '1966.03', '高中', '汉族', '中共党员', '是',   45),
  tm('杏林村', '村委会',   '杨光明', '主任',   '男', '1972.09', '大专', '汉族', '中共党员', '是', 1498),
  tm('杏林村', '村委会',   '秦德福', '委员',   '男', '1960.01', '初中', '汉族', '中共党员', '否', 1187),
  tm('杏林村', '村委会',   '吕小燕', '委员',   '女', '1995.05', '大专', '汉族', '群众',     '否', 1130),
  tm('杏林村', '村委会',   '施云',   '委员',   '女', '1983.08', '中专', '汉族', '群众',     '是', 1064),
  tm('梨园村', '村党支部', '韩立新', '书记',   '男', '1968.04', '高中', '汉族', '中共党员', '是',   33),
  tm('梨园村', '村党支部', '唐丽华', '委员',   '女', '1987.09', '大专', '汉族', '中共党员', '否',   30),
  tm('梨园村', '村党支部', '曹勇',   '委员',   '男', '1975.12', '初中', '满族', '中共党员', '是',   29),
  tm('梨园村', '村委会',   '罗志刚', '主任',   '男', '1976.02', '高中', '汉族', '中共党员', '是',  812),
  tm('梨园村', '村委会',   '唐丽华', '副主任', '女', '1987.09', '大专', '汉族', '中共党员', '否',  744),
  tm('梨园村', '村委会',   '邓晓',   '委员',   '女', '1992.03', '本科', '汉族', '群众',     '否',  690),
  tm('梨园村', '村委会',   '彭桂兰', '委员',   '女', '1964.07', '初中', '汉族', '群众',     '是',  655),
  tm('梨园村', '村委会',   '蒋伟',   '委员',   '男', '1985.11', '中专', '汉族', '群众',     '否',  431),
  tm('竹溪村', '村党支部', '沈国庆', '书记',   '男', '1963.10', '高中', '汉族', '中共党员', '是',   28),
  tm('竹溪村', '村党支部', '田芳',   '委员',   '女', '1980.01', '大专', '汉族', '中共党员', '是',   27),
  tm('竹溪村', '村党支部', '范卫东', '委员',   '男', '1971.06', '初中', '汉族', '中共党员', '否',   25),
  tm('竹溪村', '村委会',   '沈国庆', '主任',   '男', '1963.10', '高中', '汉族', '中共党员', '是',  802),
  tm('竹溪村', '村委会',   '田芳',   '副主任', '女', '1980.01', '大专', '汉族', '中共党员', '是',  766),
  tm('竹溪村', '村委会',   '范卫东', '委员',   '男', '1971.06', '初中', '汉族', '中共党员', '是',  712),
  tm('竹溪村', '村委会',   '袁丽',   '委员',   '女', '1997.04', '本科', '汉族', '群众',     '否',  655),
  tm('竹溪村', '村委会',   '苏建华', '委员',   '男', '1959.08', '初中', '汉族', '群众',     '是',  593),
];

// biome-ignore format: a literal table, one record per line
function tm(village: string, body: TyMember['body'], name: string, role: string, gender: TyMember['gender'], birth: string, education: string,
  ethnicity: string, party: TyMember['party'], reelected: TyMember['reelected'], votes: number): TyMember {
  return { village, body, name, role, gender, birth, education, ethnicity, party, reelected, votes };
}

const tyVillage = (name: string): TyVillage => {
  const v = TY_VILLAGES.find((x) => x.name === name);
  if (!v) throw new Error(`no 桃源镇 village ${name}`);
  return v;
};

/** The table's rows, counted from TY_MEMBERS: the branch, then the committee, of each village. */
function taoyuanRows(): StatRow[] {
  const rows: StatRow[] = [];
  for (const v of TY_VILLAGES) {
    const of = (body: TyMember['body']) => TY_MEMBERS.filter((x) => x.village === v.name && x.body === body);
    const branch = of('村党支部');
    const committee = of('村委会');
    const cross = branch.filter((b) => committee.some((c) => c.name === b.name)).length;
    const oneShoulder = branch.some((b) => b.role === '书记' && committee.some((c) => c.name === b.name && c.role === '主任'));
    const counted = (x: TyMember): CountedPerson => ({
      female: x.gender === '女',
      age: YEAR - Number(x.birth.slice(0, 4)),
      education: x.education,
      minority: x.ethnicity !== '汉族',
      party: x.party === '中共党员',
      reelected: x.reelected === '是',
    });
    const place = [COUNTY, TY.township, v.name, v.code];
    rows.push({
      place,
      body: '村党支部',
      electorate: v.entitled,
      voted: v.partyVoted,
      party: true,
      counts: countBody(branch.map(counted)),
      crossHolding: cross,
      oneShoulder,
    });
    rows.push({
      place,
      body: '村委会',
      electorate: v.registered,
      voted: v.voted,
      party: false,
      counts: countBody(committee.map(counted)),
      crossHolding: cross,
      oneShoulder,
    });
  }
  return rows;
}
const TY_ROWS = taoyuanRows();
const TY_TABLE = statTable(TY.title, ['县(市、区)', '乡镇(街道)', '村(社区)', '区划代码'], TY_ROWS, TY.notes);
check(TY_ROWS.length === 8 && TY_ROWS.reduce((a, r) => a + r.counts.members, 0) === TY_MEMBERS.length, '桃源镇 table counts every seat');
check(TY_ROWS.map((r) => r.crossHolding).join() === '0,0,2,2,1,1,3,3', '桃源镇 cross-holding');
for (const v of TY_VILLAGES) check(v.voted * 2 > v.registered && v.partyVoted <= v.entitled, `${v.name} voters`);

const TY_MEMBER_HEADER = [...MEMBER_HEADER];
function tyMemberRow(x: TyMember): Cell[] {
  return [
    COUNTY,
    TY.township,
    x.village,
    tyVillage(x.village).code,
    YEAR,
    x.body,
    x.name,
    x.role,
    x.gender,
    x.birth,
    x.education,
    x.ethnicity,
    x.party,
    x.reelected,
    x.votes,
  ];
}
const TY_RESULTS_HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
  '组织',
  '登记选民数',
  '参加投票人数',
  '应到会党员',
  '参加选举党员',
  '参选率',
  '一次选举成功',
];
function tyResultRows(): Cell[][] {
  return TY_VILLAGES.flatMap((v) => [
    [
      COUNTY,
      TY.township,
      v.name,
      v.code,
      YEAR,
      '村党支部',
      '',
      '',
      v.entitled,
      v.partyVoted,
      pctString(v.partyVoted, v.entitled),
      v.firstRound,
    ],
    [COUNTY, TY.township, v.name, v.code, YEAR, '村委会', v.registered, v.voted, '', '', pctString(v.voted, v.registered), v.firstRound],
  ]);
}

// =============================================================================================
// Writing
// =============================================================================================

const written = new Map<string, Buffer>();

function writeText(
  name: string,
  rows: readonly (readonly Cell[])[],
  encoding: Encoding,
  opts: { delimiter?: string; eol?: string } = {},
): void {
  written.set(name, encode(toCsv(rows, { delimiter: opts.delimiter ?? ',', eol: opts.eol ?? '\r\n' }), encoding));
}

function writeRaw(name: string, text: string, encoding: Encoding): void {
  written.set(name, encode(text, encoding));
}

function buildCsvFixtures(): void {
  const plain = [HEADER, ...SIX.map(row)];
  writeText('results-utf8.csv', plain, 'utf-8', { eol: '\n' });
  writeText('results-utf8-bom.csv', plain, 'utf-8-bom');
  writeText(
    'results-gb18030.csv',
    [
      titleRow(GB_TITLE, HEADER.length),
      HEADER,
      ...SIX.map(row),
      totalsRow(SIX_TOTALS),
      titleRow('', HEADER.length),
      titleRow(NOTES, HEADER.length),
    ],
    'gb18030',
  );
  writeText('results-utf16le.txt', plain, 'utf-16le-bom', { delimiter: '\t' });
  writeText('results-utf16be.csv', plain, 'utf-16be-bom');
  writeText('results-semicolon.csv', plain, 'utf-8', { delimiter: ';' });

  writeText(
    'results-totals-mismatch.csv',
    [HEADER, ...SIX.map(row), totalsRow({ ...SIX_TOTALS, registered: SIX_TOTALS.registered + 100 })],
    'utf-8-bom',
  );

  // Two-row header: group heading 选票 over 发出/收回/有效/无效 (merged cells exported to CSV).
  // biome-ignore format: a literal table, one record per line
  const twoRow: Cell[][] = [
    titleRow('2021年村民委员会换届选举情况统计表', 9),
    ['村名', '登记选民数', '参加投票人数', '选票', '', '', '', '参选率', '一次选举成功'],
    ['', '', '', '发出', '收回', '有效', '无效', '', ''],
    ...SIX.map((r) => [r.name, r.registered, r.voted, r.issued, r.returned, r.valid, r.invalid, r.turnout, r.firstRound]),
  ];
  writeText('results-two-row-header.csv', twoRow, 'utf-8-bom');

  // Full-width digits and thousands separators; same figures as SIX.
  const fw = SIX.map(row);
  const set = (r: number, col: string, value: string): void => {
    const cells = fw[r];
    const i = HEADER.indexOf(col);
    if (!cells || i < 0) throw new Error(`bad cell ${r} ${col}`);
    check(
      Number(value.replace(/,/g, '').replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))) === cells[i],
      `fullwidth ${r} ${col}`,
    );
    cells[i] = value;
  };
  set(0, '登记选民数', fullWidth(1286));
  set(0, '参加投票人数', fullWidth(1174));
  for (const col of ['有选举权人数', '登记选民数', '参加投票人数', '发出选票', '收回选票', '有效票'] as const) {
    const i = HEADER.indexOf(col);
    set(1, col, thousands(fw[1]?.[i] as number));
    set(3, col, thousands(fw[3]?.[i] as number));
  }
  set(2, '有效票', fullWidth(694));
  set(2, '无效票', fullWidth(6));
  set(4, '登记选民数', fullWidth(1562));
  set(4, '参加投票人数', thousands(1214));
  set(5, '应选职数', fullWidth(4));
  set(5, '候选人数', fullWidth(5));
  writeText('results-fullwidth.csv', [HEADER, ...fw], 'utf-8-bom');

  // Placeholders in numeric columns.
  const ph = SIX.map(row);
  const place = (r: number, col: string, value: string): void => {
    const cells = ph[r];
    const i = HEADER.indexOf(col);
    if (!cells || i < 0) throw new Error(`bad cell ${r} ${col}`);
    cells[i] = value;
  };
  place(0, '有选举权人数', 'xx');
  place(1, '无效票', '*');
  place(2, '候选人数', '—');
  place(3, '有效票', '/');
  place(4, '有选举权人数', '');
  writeText('results-placeholders.csv', [HEADER, ...ph], 'utf-8-bom');

  writeText('results-duplicate-village.csv', [HEADER, ...SIX.map(row), row(SIX[1] as VillageResult)], 'utf-8-bom');

  writeText('results-rule-breaches.csv', [HEADER, ...BREACHES.map((b) => b.cells)], 'utf-8-bom');

  // Broken quotes: line 4 opens a quote that never closes; no other quote in the file.
  const lines = [HEADER, ...[SIX[1], SIX[2], SIX[0], SIX[3], SIX[4], SIX[5]].map((r) => row(r as VillageResult))].map((cells) =>
    cells.map((c) => (c === null || c === undefined ? '' : String(c))).join(','),
  );
  lines[3] = lines[3]?.replace(',李家村,', ',"李家村,') ?? '';
  check((lines[3] ?? '').includes(',"李家村,'), 'broken quote placed');
  check(lines.filter((l) => l.includes('"')).length === 1, 'only one quote in broken file');
  writeRaw('results-broken-quotes.csv', `${lines.join('\r\n')}\r\n`, 'utf-8');

  // Multi-line cells in a 备注 column (not an importable field).
  const notes = [
    '因外出务工人员较多，\n部分选民委托投票',
    '村民评价"公开透明"',
    '',
    '设3个投票站，\n1个流动票箱',
    '第一轮未选足，5月16日另行选举',
    '',
  ];
  writeText('results-multiline-cell.csv', [[...HEADER, '备注'], ...SIX.map((r, i) => [...row(r), notes[i] ?? ''])], 'utf-8-bom');

  // Cycle year and body only in the file name.
  const noCycle = (cells: Cell[]): Cell[] => cells.filter((_, i) => !['换届年份', '届次', '组织'].includes(HEADER[i] ?? ''));
  writeText('2021年村委会换届选举统计表.csv', [noCycle(HEADER), ...SIX.map((r) => noCycle(row(r)))], 'utf-8-bom');

  writeText('members-gb18030.csv', [MEMBER_HEADER, ...MEMBERS.map(memberRow)], 'gb18030');
  writeText('members-english.csv', [ENGLISH_HEADER, ...ENGLISH_ROWS], 'utf-8', { eol: '\n' });

  // biome-ignore format: a literal table, one record per line
  const accHeader = ['县(市、区)', '乡镇(街道)', '村(社区)', '区划代码', '换届年份', '届次', '组织', '登记选民数', '参加投票人数', '参选率',
    '应到会党员', '实到会党员', '参加选举党员', '发出选票', '收回选票', '有效票', '无效票'];
  const acc: Cell[][] = [accHeader];
  for (const { c } of ACCEPTANCE) {
    acc.push([
      COUNTY,
      '石桥镇',
      c.name,
      c.code,
      YEAR,
      LABEL,
      COMMITTEE,
      c.registered,
      c.voted,
      c.turnout,
      '',
      '',
      '',
      c.voted,
      c.returned,
      c.valid,
      c.invalid,
    ]);
  }
  for (const { c, b } of ACCEPTANCE) {
    acc.push([
      COUNTY,
      '石桥镇',
      c.name,
      c.code,
      YEAR,
      LABEL,
      b.body,
      '',
      '',
      b.turnout,
      b.entitled,
      b.present,
      b.voted,
      b.voted,
      b.voted,
      b.valid,
      b.invalid,
    ]);
  }
  writeText('acceptance-township.csv', acc, 'utf-8-bom');

  writeText('rules-results.csv', [RULES_RESULTS_HEADER, ...RULES_RESULTS.map(rulesResultRow)], 'utf-8-bom');
  writeText('rules-members.csv', [RULES_MEMBERS_HEADER, ...RULES_MEMBERS.map(rulesMemberRow)], 'utf-8-bom');

  written.set('empty.csv', Buffer.alloc(0));
  writeRaw('blank-lines.csv', '\n\n,,,\n\r\n,,,,,\n\n', 'utf-8');
  written.set('not-a-table.csv', Buffer.from(PNG_1X1));

  // biome-ignore format: a literal table, one record per line
  const xss: Cell[][] = [
    HEADER,
    ...XSS_NAMES.map((name, i) => {
      const cells = row(SIX[i] as VillageResult);
      cells[2] = name;
      cells[3] = `13990110122${i + 1}`;
      return cells;
    }),
    row(SIX[3] as VillageResult),
  ];
  writeText('xss-names.csv', xss, 'utf-8-bom');

  writeText('hostile-results.csv', [[...RULES_RESULTS_HEADER, '备注'], ...HOSTILE_RESULTS.map((r) => r.cells)], 'utf-8-bom');

  writeText('members-taoyuan.csv', [TY_MEMBER_HEADER, ...TY_MEMBERS.map(tyMemberRow)], 'utf-8-bom');
  writeText('results-taoyuan.csv', [TY_RESULTS_HEADER, ...tyResultRows()], 'utf-8-bom');
  writeText('stats-taoyuan-gb18030.csv', TY_TABLE.rows, 'gb18030');
  writeText('hostile-members.csv', [MEMBER_HEADER, ...hostileMemberRows()], 'utf-8-bom');
}

interface HostileResultRow {
  village: number;
  year: number;
  body: '村委会' | '村党支部';
  cells: Cell[];
}

function hostileResultRows(): HostileResultRow[] {
  const rows: HostileResultRow[] = [];
  const note = () => HOSTILE_NOTES[rows.length % HOSTILE_NOTES.length] ?? '';
  const place = (v: HostileVillage): Cell[] => [HOSTILE_COUNTY, HOSTILE_TOWNSHIPS[v.township], v.name, v.code];
  for (const [i, v] of HOSTILE_VILLAGES.entries()) {
    // 县…组织, 登记选民数, 参加投票人数, 参选率, 应到会党员, 实到会党员, 参加选举党员, 发出选票, 收回选票, 有效票, 无效票, 应选职数, 候选人数, 一次选举成功, 备注
    rows.push({
      village: i + 1,
      year: YEAR,
      body: '村委会',
      cells: [
        ...place(v),
        YEAR,
        LABEL,
        '村委会',
        v.registered,
        v.voted,
        pctString(v.voted, v.registered),
        '',
        '',
        '',
        v.voted,
        v.returned,
        v.valid,
        v.invalid,
        v.seats,
        v.candidates,
        v.firstRound,
        note(),
      ],
    });
    if (i < HOSTILE_BRANCHES) {
      const b = hostileBranch(i + 1);
      rows.push({
        village: i + 1,
        year: YEAR,
        body: '村党支部',
        cells: [
          ...place(v),
          YEAR,
          LABEL,
          '村党支部',
          '',
          '',
          pctString(b.voted, b.entitled),
          b.entitled,
          b.present,
          b.voted,
          b.voted,
          b.voted,
          b.voted - 1,
          1,
          3,
          4,
          '是',
          note(),
        ],
      });
    }
  }
  for (const [i, v] of HOSTILE_VILLAGES.slice(0, HOSTILE_RESULTS_2018).entries()) {
    const registered = v.registered - 40;
    const voted = Math.round(registered * 0.8);
    rows.push({
      village: i + 1,
      year: 2018,
      body: '村委会',
      cells: [
        ...place(v),
        2018,
        '第十一届',
        '村委会',
        registered,
        voted,
        pctString(voted, registered),
        '',
        '',
        '',
        voted,
        voted,
        voted - 9,
        9,
        5,
        7,
        '是',
        note(),
      ],
    });
  }
  return rows;
}

/** Line (header = 1) of a hostile results row. */
function hostileResultLine(village: number, year: number, body: HostileResultRow['body']): number {
  const i = HOSTILE_RESULTS.findIndex((r) => r.village === village && r.year === year && r.body === body);
  if (i < 0) throw new Error(`no hostile row ${village} ${year} ${body}`);
  return i + 2;
}

function hostileMemberRows(): Cell[][] {
  return HOSTILE_MEMBERS.map((x, i) => {
    const v = hostileVillage(x.village);
    const voters = x.body === '村委会' ? v.voted : hostileBranch(x.village).voted;
    return [
      HOSTILE_COUNTY,
      HOSTILE_TOWNSHIPS[v.township],
      v.name,
      v.code,
      YEAR,
      x.body,
      x.name,
      x.role,
      x.gender,
      `${1960 + ((i * 7) % 31)}.${String((i % 12) + 1).padStart(2, '0')}`,
      HOSTILE_EDUCATION[i % HOSTILE_EDUCATION.length],
      '汉族',
      x.body === '村党支部' || i % 2 === 0 ? '中共党员' : '群众',
      i % 3 === 0 ? '是' : '否',
      Math.floor(voters * x.votes),
    ];
  });
}

function sheetRow(input: VillageResult | readonly Cell[]): (string | number | null)[] {
  const cells = Array.isArray(input) ? (input as readonly Cell[]) : row(input as VillageResult);
  return cells.map((c) => (c === null || c === undefined || c === '' ? null : c));
}

/** stats-taoyuan.xlsx: the statistical table as Excel has it, merged cells and all, 合计 as formulas. */
function buildTaoyuanWorkbook(): void {
  const wb = XLSX.utils.book_new();
  // Shares and averages are numbers in Excel (a share formatted as 0.0%), not text.
  const cell = (c: Cell): XLSX.CellObject | null => {
    if (c === '' || c === undefined || c === null) return null;
    if (typeof c === 'string' && /^\d+(\.\d+)?%$/.test(c)) return { t: 'n', v: Number(c.slice(0, -1)) / 100, z: '0.0%' };
    if (typeof c === 'string' && /^\d+\.\d$/.test(c)) return { t: 'n', v: Number(c), z: '0.0' };
    return typeof c === 'number' ? { t: 'n', v: c } : { t: 's', v: c };
  };
  const ws = XLSX.utils.aoa_to_sheet(TY_TABLE.rows.map((r) => r.map(cell)));
  ws['!merges'] = TY_TABLE.merges;
  // The 合计 row's counts are SUM formulas over the villages (their cached values as written).
  const header = TY_TABLE.rows[1] ?? [];
  const sub = TY_TABLE.rows[2] ?? [];
  for (let c = 0; c < header.length; c++) {
    const ref = XLSX.utils.encode_cell({ r: TY_TABLE.totalsRow, c });
    const cell = ws[ref] as XLSX.CellObject | undefined;
    if (cell?.t !== 'n' || sub[c] === '占比') continue;
    const col = XLSX.utils.encode_col(c);
    cell.f = `SUM(${col}${TY_TABLE.firstData + 1}:${col}${TY_TABLE.totalsRow})`;
  }
  XLSX.utils.book_append_sheet(wb, ws, '桃源镇');
  written.set(
    'stats-taoyuan.xlsx',
    Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Uint8Array),
  );
}

function buildWorkbooks(): void {
  // ---- workbook-two-sheets.xlsx
  const wb = XLSX.utils.book_new();
  // Empty cells stay absent (null), as in a sheet saved by Excel.
  const aoa: (string | number | null)[][] = [[GB_TITLE], HEADER, ...SIX.map(sheetRow), sheetRow(totalsRow(SIX_TOTALS))];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const lastCol = XLSX.utils.encode_col(HEADER.length - 1);
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: HEADER.length - 1 } }];
  // Turnout as a number formatted as a percentage, with the formula Excel would have.
  const col = (name: string): string => XLSX.utils.encode_col(HEADER.indexOf(name));
  const turnoutCol = col('参选率');
  for (let i = 0; i <= SIX.length; i++) {
    const r = i + 3; // Excel row number: title 1, header 2, villages 3–8, totals 9
    const voted = i < SIX.length ? (SIX[i] as VillageResult).voted : SIX_TOTALS.voted;
    const registered = i < SIX.length ? (SIX[i] as VillageResult).registered : SIX_TOTALS.registered;
    ws[`${turnoutCol}${r}`] = { t: 'n', v: voted / registered, f: `${col('参加投票人数')}${r}/${col('登记选民数')}${r}`, z: '0.0%' };
  }
  const totalsExcelRow = SIX.length + 3;
  for (const name of ['有选举权人数', '登记选民数', '参加投票人数', '发出选票', '收回选票', '有效票', '无效票', '应选职数', '候选人数']) {
    const c = col(name);
    const cell = ws[`${c}${totalsExcelRow}`] as XLSX.CellObject | undefined;
    if (!cell) throw new Error(`no totals cell ${name}`);
    cell.f = `SUM(${c}3:${c}${totalsExcelRow - 1})`;
  }
  ws['!ref'] = `A1:${lastCol}${totalsExcelRow}`;
  XLSX.utils.book_append_sheet(wb, ws, '村委会选举结果');
  const mws = XLSX.utils.aoa_to_sheet([MEMBER_HEADER, ...WORKBOOK_MEMBERS.map((x) => sheetRow(memberRow(x)))]);
  XLSX.utils.book_append_sheet(wb, mws, '成员名单');
  written.set(
    'workbook-two-sheets.xlsx',
    Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Uint8Array),
  );

  // ---- legacy.xls (BIFF8), one results sheet, header + six villages
  const lb = XLSX.utils.book_new();
  const lws = XLSX.utils.aoa_to_sheet([HEADER, ...SIX.map((r) => sheetRow(row(r)))]);
  XLSX.utils.book_append_sheet(lb, lws, '村委会选举结果');
  written.set('legacy.xls', Buffer.from(XLSX.write(lb, { type: 'buffer', bookType: 'xls' }) as Uint8Array));
}

// =============================================================================================
// README
// =============================================================================================

function physicalLines(name: string): number | string {
  const bytes = written.get(name);
  if (!bytes) throw new Error(`not written: ${name}`);
  let text: string;
  if (bytes.length === 0) return 0;
  if (name.endsWith('.xlsx') || name.endsWith('.xls') || name === 'not-a-table.csv') return '—';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const le = Buffer.from(bytes.subarray(2));
    le.swap16();
    text = le.toString('utf16le');
  } else if (name.includes('gb18030')) text = '(gb18030)';
  else text = bytes.toString('utf8');
  if (text === '(gb18030)') {
    // Count LF bytes: in GB18030 0x0A is never part of a multi-byte character.
    return bytes.filter((b) => b === 0x0a).length;
  }
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

interface Expect {
  file: string;
  encoding: string;
  delimiter: string;
  layout: string;
  dataRows: number | string;
  clean: number | string;
  warnings: string;
  rejected: string;
  /** Title and header rows (neither data nor skipped); default "0 + 1". */
  th?: string;
  skipped: string;
  totals: string;
}

function readme(): string {
  const t = SIX_TOTALS;
  const none = '0';
  const E: Expect[] = [
    {
      file: 'results-utf8.csv',
      encoding: 'UTF-8, no BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages (LF)',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-utf8-bom.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages (CRLF)',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-gb18030.csv',
      encoding: 'GB18030, no BOM',
      delimiter: 'comma',
      layout: 'title + header + 6 villages + 合计 + blank (commas only) + notes (CRLF)',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      th: '1 (line 1) + 1 (line 2)',
      skipped: '3: totals 合计 (line 9), blank (line 10), notes 填表人 (line 11)',
      totals: 'matches: every summed column equals the sum of the 6 rows',
    },
    {
      file: 'results-utf16le.txt',
      encoding: 'UTF-16 LE with BOM',
      delimiter: 'TAB',
      layout: 'header + 6 villages (CRLF)',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-utf16be.csv',
      encoding: 'UTF-16 BE with BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages (CRLF)',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-semicolon.csv',
      encoding: 'UTF-8, no BOM',
      delimiter: 'semicolon',
      layout: 'header + 6 villages (CRLF)',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-totals-mismatch.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages + 合计 (line 8)',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: '1: totals (line 8)',
      totals: `MISMATCH on 登记选民数 only: totals row says ${thousands(t.registered + 100)}, rows sum to ${thousands(t.registered)} (off by +100); all other columns match`,
    },
    {
      file: 'results-two-row-header.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'title + 2-row header (选票 over 发出/收回/有效/无效) + 6 villages',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      th: '1 (line 1) + 2 (lines 2–3)',
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-fullwidth.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-placeholders.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages',
      dataRows: 6,
      clean: 2,
      warnings: '4 × `placeholder`: lines 2 (`xx`), 3 (`*`), 4 (`—`), 5 (`/`)',
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-duplicate-village.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages + 王庄村 again (line 8)',
      dataRows: 7,
      clean: 6,
      warnings: none,
      rejected: '1: line 8 `duplicate_row_in_file` (row 3)',
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-rule-breaches.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 8 rows',
      dataRows: 8,
      clean: 2,
      warnings: '4: line 2 `voted_gt_registered`, line 3 `returned_gt_issued`, line 4 `valid_invalid_sum`, line 5 `percent_over_100`',
      rejected: '2: line 6 `missing_village`, line 7 `missing_cycle`',
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-broken-quotes.csv',
      encoding: 'UTF-8, no BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages; line 4 has `"李家村` with no closing quote',
      dataRows: 6,
      clean: 5,
      warnings: '1: line 4 `unterminated_quote` (from line 4)',
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'results-multiline-cell.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages + 备注 column; 2 cells hold a newline',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: '2021年村委会换届选举统计表.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 6 villages; no year/届次/组织 columns, no title',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'members-gb18030.csv',
      encoding: 'GB18030, no BOM',
      delimiter: 'comma',
      layout: 'header + 12 members',
      dataRows: 12,
      clean: 10,
      warnings: '2: line 10 `placeholder` (出生年月 "xx"), line 13 `age_out_of_range` (17)',
      rejected: none,
      skipped: none,
      totals: '—',
    },
    {
      file: 'members-english.csv',
      encoding: 'UTF-8, no BOM',
      delimiter: 'comma',
      layout: 'English header + 10 members (LF)',
      dataRows: 10,
      clean: 10,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: '—',
    },
    {
      file: 'workbook-two-sheets.xlsx',
      encoding: 'XLSX',
      delimiter: '—',
      layout: 'sheet `村委会选举结果`: title (merged A1:R1) + header + 6 villages + 合计; sheet `成员名单`: header + 10 members',
      dataRows: '6 + 10',
      clean: '6 + 10',
      warnings: none,
      rejected: none,
      th: '1 (row 1) + 1 (row 2); members sheet 0 + 1',
      skipped: '1 (results sheet): totals (row 9)',
      totals: 'matches (results sheet)',
    },
    {
      file: 'legacy.xls',
      encoding: 'XLS (BIFF8)',
      delimiter: '—',
      layout: 'sheet `村委会选举结果`: header + 6 villages',
      dataRows: 6,
      clean: 6,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'acceptance-township.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 5 committee rows + 5 branch rows',
      dataRows: 10,
      clean: 10,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'rules-results.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 15 rows (2 townships, 2018 and 2021, both bodies)',
      dataRows: 15,
      clean: 11,
      warnings: '4: line 4 `returned_gt_voted`, line 5 `valid_invalid_sum`, line 6 `returned_gt_issued`, line 15 `valid_invalid_sum`',
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'rules-members.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 32 members',
      dataRows: 32,
      clean: 32,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: '—',
    },
    {
      file: 'empty.csv',
      encoding: '— (0 bytes)',
      delimiter: '—',
      layout: 'empty',
      dataRows: 0,
      clean: 0,
      warnings: none,
      rejected: none,
      th: '—',
      skipped: none,
      totals: 'file refused (read error `empty`), nothing imported',
    },
    {
      file: 'blank-lines.csv',
      encoding: 'ASCII',
      delimiter: 'comma',
      layout: 'only newlines and commas',
      dataRows: 0,
      clean: 0,
      warnings: none,
      rejected: none,
      th: '—',
      skipped: none,
      totals: 'file refused (read error `empty`: nothing but blank lines), nothing imported',
    },
    {
      file: 'not-a-table.csv',
      encoding: 'binary (PNG)',
      delimiter: '—',
      layout: 'a 1×1 PNG named .csv',
      dataRows: 0,
      clean: 0,
      warnings: none,
      rejected: none,
      th: '—',
      skipped: none,
      totals: 'file refused (read error `not_a_table`, `sniffBinary` → `png`), nothing imported',
    },
    {
      file: 'xss-names.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: 'header + 4 villages (3 hostile names)',
      dataRows: 4,
      clean: 4,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'hostile-results.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: `header + ${HOSTILE_RESULTS.length} rows (${HOSTILE_VILLAGES.length} villages 2021 村委会, ${HOSTILE_BRANCHES} 村党支部, ${HOSTILE_RESULTS_2018} of 2018) + 备注 column; hostile names`,
      dataRows: HOSTILE_RESULTS.length,
      clean: HOSTILE_RESULTS.length - 1,
      warnings: `1: line ${hostileResultLine(6, 2021, '村委会')} \`valid_invalid_sum\``,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'hostile-members.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: `header + ${HOSTILE_MEMBERS.length} members (2021); hostile names`,
      dataRows: HOSTILE_MEMBERS.length,
      clean: HOSTILE_MEMBERS.length,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: '—',
    },
    {
      file: 'members-taoyuan.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: `header + ${TY_MEMBERS.length} members (桃源镇, 2021)`,
      dataRows: TY_MEMBERS.length,
      clean: TY_MEMBERS.length,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: '—',
    },
    {
      file: 'results-taoyuan.csv',
      encoding: 'UTF-8 with BOM',
      delimiter: 'comma',
      layout: `header + ${TY_ROWS.length} rows (4 villages × 2 bodies)`,
      dataRows: TY_ROWS.length,
      clean: TY_ROWS.length,
      warnings: none,
      rejected: none,
      skipped: none,
      totals: 'no totals row',
    },
    {
      file: 'stats-taoyuan-gb18030.csv',
      encoding: 'GB18030, no BOM',
      delimiter: 'comma',
      layout: `statistical table: title + 2-row header (女性… over 人数/占比, 其中 over age bands, 文化程度 over tiers) + ${TY_ROWS.length} rows + 合计 + notes (CRLF)`,
      dataRows: TY_ROWS.length,
      clean: TY_ROWS.length,
      warnings: none,
      rejected: none,
      th: '1 (line 1) + 2 (lines 2–3)',
      skipped: `2: totals 合计 (line ${TY_TABLE.totalsRow + 1}), notes 填表人 (line ${TY_TABLE.totalsRow + 2})`,
      totals: 'matches: every count column equals the sum of the 8 rows',
    },
    {
      file: 'stats-taoyuan.xlsx',
      encoding: 'XLSX',
      delimiter: '—',
      layout: 'the same table as one sheet `桃源镇`: merged title and header cells, shares as numbers formatted 0.0%, 合计 as SUM formulas',
      dataRows: TY_ROWS.length,
      clean: TY_ROWS.length,
      warnings: none,
      rejected: none,
      th: '1 (row 1) + 2 (rows 2–3)',
      skipped: `2: totals (row ${TY_TABLE.totalsRow + 1}), notes (row ${TY_TABLE.totalsRow + 2})`,
      totals: 'matches',
    },
  ];
  for (const e of E) check(written.has(e.file), `README lists unwritten ${e.file}`);
  for (const f of written.keys())
    check(
      E.some((e) => e.file === f),
      `README misses ${f}`,
    );

  const table = E.map(
    (e) =>
      `| \`${e.file}\` | ${e.encoding} | ${e.delimiter} | ${physicalLines(e.file)} | ${e.layout} | ${e.th ?? '0 + 1'} | ${e.dataRows} | ${e.clean} | ${e.warnings} | ${e.rejected} | ${e.skipped} | ${e.totals} |`,
  ).join('\n');

  const sixTable = SIX.map(
    (r) =>
      `| ${r.name} | ${r.code} | ${r.eligible} | ${r.registered} | ${r.voted} | ${r.turnout} | ${r.issued} | ${r.returned} | ${r.valid} | ${r.invalid} | ${r.seats} | ${r.candidates} | ${r.firstRound} |`,
  ).join('\n');

  const accC = ACCEPTANCE.map(
    ({ c }) => `| ${c.name} | ${c.code} | ${c.registered} | ${c.voted} | ${c.turnout} | ${c.returned} | ${c.valid} | ${c.invalid} |`,
  ).join('\n');
  const accB = ACCEPTANCE.map(
    ({ c, b }) => `| ${c.name} | ${b.body} | ${b.entitled} | ${b.present} | ${b.voted} | ${b.turnout} | ${b.valid} | ${b.invalid} |`,
  ).join('\n');
  const breachList = BREACHES.map((b, i) => `- line ${i + 2} (${(b.cells[2] as string) || '（村名空白）'}): ${b.expect}`).join('\n');
  const rosterList = (['柳河村', '杨庄村', '高桥村', '五里铺村', '桑园村', '西沟村'] as const)
    .flatMap((v) => ([2021, 2018] as const).flatMap((y) => (['村委会', '村党支部'] as const).map((b) => [v, y, b] as const)))
    .map(([v, y, b]) => {
      const rows = RULES_MEMBERS.map((x, i) => ({ x, line: i + 2 })).filter(({ x }) => x.village === v && x.year === y && x.body === b);
      if (rows.length === 0) return null;
      const people = rows.map(
        ({ x, line }) => `${x.name} ${x.role} ${x.gender || '性别空白'} ${x.votes === '' ? '得票空白' : `${x.votes}票`} (line ${line})`,
      );
      return `${v} ${y} ${b}: ${people.join(', ')}`;
    })
    .filter((x): x is string => x !== null)
    .map((x) => `\n- ${x}`)
    .join('');
  const memberList = MEMBERS.map(
    (x, i) =>
      `| ${i + 2} | ${x.village} | ${x.body} | ${x.name} | ${x.role} | ${x.gender} | ${x.birth} | ${x.education} | ${x.ethnicity} | ${x.party} | ${x.reelected} | ${x.votes} | ${x.expect} |`,
  ).join('\n');

  // Person-level figures of members-gb18030.csv (a person on both bodies counts once).
  const persons = new Map<string, Member[]>();
  for (const x of MEMBERS) persons.set(`${x.code}|${x.name}`, [...(persons.get(`${x.code}|${x.name}`) ?? []), x]);
  const ppl = [...persons.values()].map((rows) => rows[0] as Member);
  const cross = [...persons.values()].filter(
    (rows) => rows.some((r) => r.body === '村党支部') && rows.some((r) => r.body === '村委会'),
  ).length;
  const ages = ppl.filter((p) => /^\d{4}/.test(p.birth)).map((p) => YEAR - Number(p.birth.slice(0, 4)));
  const adultAges = ages.filter((a) => a >= 18);
  const tier = (e: string): string =>
    ['大专', '本科', '大学本科', '研究生'].includes(e) ? 'college' : ['高中', '中专', '职高'].includes(e) ? 'senior' : 'junior_or_below';
  const tiers = { junior_or_below: 0, senior: 0, college: 0 } as Record<string, number>;
  for (const p of ppl) tiers[tier(p.education)] = (tiers[tier(p.education)] ?? 0) + 1;
  const committeeRows = MEMBERS.filter((x) => x.body === '村委会');
  check(persons.size === 10 && cross === 2, 'members person counts');
  const avg = (xs: number[]): string => (xs.reduce((a, x) => a + x, 0) / xs.length).toFixed(1);

  return `# Test fixtures

**Generated by \`scripts/make-fixtures.ts\` — do not edit by hand** (run \`npx tsx scripts/make-fixtures.ts\`; output is
byte-identical on every run). All places, people and figures are fictitious. Tests assert the numbers below.

## Terms
- **line**: 1-based physical line of the file (a newline inside a quoted cell starts a new physical line).
- **title + header rows**: rows above the data (title rows, then 1 or 2 header rows); neither data nor skipped.
- **data rows**: records below the header that describe a village (or member) = clean + with warnings + rejected.
- **skipped**: rows below the header that are totals (合计), notes (填表人) or blank (only commas): not data, not
  rejected. Title + header + data + skipped = every record of the file.
- **clean**: imported with no issue. **with warnings**: imported, with the listed issue codes (\`src/import/issues.ts\`).
  **rejected**: not imported, listed in the rejected-rows download.
- A cell that is simply empty is no issue (the value is unknown): only placeholders (\`xx\`, \`*\`, \`—\`, \`/\`) warn.
- Reported turnout (参选率) in every clean row equals voted ÷ registered rounded half-up to one decimal, so no
  \`turnout_mismatch\` is expected anywhere (tolerance must allow ±0.05 points of rounding).

## Summary

| fixture | encoding | delimiter | physical lines | layout | title + header rows | data rows | clean | with warnings | rejected | skipped | totals check / outcome |
|---|---|---|---|---|---|---|---|---|---|---|---|
${table}

## The six villages (青山县河东镇, 2021, 第十二届, 村委会)

Used, with identical figures, by \`results-utf8.csv\`, \`results-utf8-bom.csv\`, \`results-gb18030.csv\`,
\`results-utf16le.txt\`, \`results-utf16be.csv\`, \`results-semicolon.csv\`, \`results-totals-mismatch.csv\`,
\`results-two-row-header.csv\` (name and counts only), \`results-fullwidth.csv\`, \`results-duplicate-village.csv\`,
\`results-broken-quotes.csv\` (order 王庄村, 东河村, 李家村, 张家营村, 前进村, 柳树沟村), \`results-multiline-cell.csv\`,
\`2021年村委会换届选举统计表.csv\`, \`workbook-two-sheets.xlsx\` and \`legacy.xls\`. Columns (in this order):
${HEADER.join(', ')}; 县 = ${COUNTY}, 乡镇 = ${TOWNSHIP}, 年份 = ${YEAR}, 届次 = ${LABEL}, 组织 = ${COMMITTEE}.

| 村 | 区划代码 | 有选举权人数 | 登记选民数 | 参加投票人数 | 参选率 | 发出选票 | 收回选票 | 有效票 | 无效票 | 应选职数 | 候选人数 | 一次选举成功 |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${sixTable}
| **合计** | | ${t.eligible} | ${t.registered} | ${t.voted} | ${t.turnout} | ${t.issued} | ${t.returned} | ${t.valid} | ${t.invalid} | ${t.seats} | ${t.candidates} | |

Township figures from these six: registered ${thousands(t.registered)}, voted ${thousands(t.voted)}, turnout ${t.turnout}
(${t.voted} ÷ ${t.registered}); 1 of 6 villages not elected in the first round (前进村) → first-round success 5/6 = 83.3%;
invalid rate ${t.invalid} ÷ ${t.returned} = ${pctString(t.invalid, t.returned)}.

## Per-fixture details

### results-gb18030.csv
Line 1 title \`${GB_TITLE}\` (gives county 青山县, township 河东镇, year 2021, 第十二届, body 村委会 — all agree with
the columns). Line 2 header. Lines 3–8 villages. Line 9 \`合计\` in the first column (乡镇…组织 empty) with the sums
above (参选率 ${t.turnout}). Line 10 only commas. Line 11 \`${NOTES}\` in the first cell. Every row has 18 fields.

### results-utf16le.txt
What Excel's "Unicode text" writes: FF FE, UTF-16 LE, TAB between fields, CRLF.

### results-totals-mismatch.csv
合计 row (line 8): 登记选民数 = ${t.registered + 100} but the six rows sum to ${t.registered}. The other sums are right
(its 参选率 ${t.turnout} is the one of the true sums). The villages themselves import cleanly; the report must show the
difference (+100 on 登记选民数) and must not import the totals row as a village.

### results-two-row-header.csv
Line 1 \`2021年村民委员会换届选举情况统计表\` + commas: the only place giving the year (2021) and the body (村委会).
Line 2: \`村名,登记选民数,参加投票人数,选票,,,,参选率,一次选举成功\`; line 3: \`,,,发出,收回,有效,无效,,\`.
Combined headers: 选票发出 / 选票收回 / 选票有效 / 选票无效 (all aliases). No county, township or code columns.
Expected: 6 villages, year 2021, body village_committee, figures as in the table above.

### results-fullwidth.csv
Same figures as the six villages, written as: 李家村 登记选民数 \`１２８６\`, 参加投票人数 \`１１７４\`; 王庄村 and 张家营村
有选举权人数…有效票 with thousands separators (quoted, e.g. \`"2,118"\`, \`"3,375"\`); 东河村 有效票 \`６９４\`, 无效票 \`６\`;
前进村 登记选民数 \`１５６２\`, 参加投票人数 \`"1,214"\`; 柳树沟村 应选职数 \`４\`, 候选人数 \`５\`. 参选率 as \`91.3%\`.
Expected: all clean and numerically identical to results-utf8.csv.

### results-placeholders.csv
- line 2 李家村 有选举权人数 \`xx\` → warning \`placeholder\`, value empty
- line 3 王庄村 无效票 \`*\` → warning \`placeholder\`, value empty (so valid+invalid check is skipped)
- line 4 东河村 候选人数 \`—\` (U+2014) → warning \`placeholder\`, value empty
- line 5 张家营村 有效票 \`/\` → warning \`placeholder\`, value empty (valid+invalid check skipped)
- line 6 前进村 有选举权人数 empty → clean (empty is no issue; value empty)
- line 7 柳树沟村 → clean
All other cells as in the table above.

### results-duplicate-village.csv
Line 8 repeats line 3 (王庄村, 139901101202, 2021, 村委会) exactly. The second occurrence is rejected as
\`duplicate_row_in_file\` (params row = 3), so it is listed in the rejected rows and the village counts once: 6 villages, township
registered ${thousands(t.registered)}, not ${thousands(t.registered + 2118)}.

### results-rule-breaches.csv
Same columns as the six-village files; villages 139901101207–213 of 河东镇 (no title; file name has no year).
${breachList}

Clean rows: 石门村 (1633 registered, 1458 voted, 89.3%) and 桃园村 (712, 645, 90.6%).

### results-broken-quotes.csv
Line 4 reads \`青山县,河东镇,"李家村,139901101201,2021,…\` and no other quote character appears in the file. A strict
CSV parser would swallow lines 4–7 into one cell; expected instead: 7 records (header + 6), the quote read as text
(\`unterminated_quote\`, from line 4), 18 fields on every line, and the other 5 villages clean. Line 4's village cell is
\`"李家村\` (or 李家村 if the village normaliser strips the stray quote); its figures are 李家村's.

### results-multiline-cell.csv
Extra last column \`备注\` (not an importable field: ignored/unmapped, no row issue). ${physicalLines('results-multiline-cell.csv')} physical lines, 7 records:
李家村's note is \`因外出务工人员较多，⏎部分选民委托投票\` and 张家营村's \`设3个投票站，⏎1个流动票箱\` (LF inside a quoted
cell, CRLF between records); 王庄村's note has escaped quotes (\`"村民评价""公开透明"""\`).

### 2021年村委会换届选举统计表.csv
Columns: 县(市、区), 乡镇(街道), 村(社区), 区划代码, then the counts (no 换届年份, 届次, 组织; no title row). Year 2021 and
body 村委会 come only from the file name. Without file-name parsing all 6 rows would be rejected \`missing_cycle\`.

### members-gb18030.csv
GB18030, header + 12 rows, 2021, 青山县河东镇. Columns: ${MEMBER_HEADER.join(', ')}.

| line | 村 | 组织 | 姓名 | 职务 | 性别 | 出生年月 | 文化程度 | 民族 | 政治面貌 | 是否连任 | 得票数 | expected |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${memberList}

Expected figures (persons counted once across both bodies):
- seats (rows) ${MEMBERS.length}: branch ${MEMBERS.filter((x) => x.body === '村党支部').length}, committee ${committeeRows.length}; distinct persons **${persons.size}**.
- cross-holding persons **${cross}** (李建国, 王秀英) of ${persons.size} = ${pctString(cross, persons.size)}.
- one-shoulder (一肩挑): **1 of 2 villages** (李家村: 李建国 书记 = 主任) = 50.0%.
- women: ${ppl.filter((p) => p.gender === '女').length} of ${persons.size} persons (李淑珍, 王晓燕, 王秀英); ${MEMBERS.filter((x) => x.gender === '女').length} of ${MEMBERS.length} seats.
- ethnic minorities: ${ppl.filter((p) => p.ethnicity !== '汉族').length} persons (李淑珍 回族, 王秀英 满族).
- education tiers (persons): 初中及以下 ${tiers.junior_or_below}, 高中/中专 ${tiers.senior}, 大专及以上 ${tiers.college}.
- committee party members: ${committeeRows.filter((x) => x.party === '中共党员').length} of ${committeeRows.length} seats; all branch members are 中共党员.
- re-elected (是否连任 = 是): ${MEMBERS.filter((x) => x.reelected === '是').length} of ${MEMBERS.length} seats.
- ages at election (2021 − birth year), persons with a birth year: ${ages.join(', ')} → average ${avg(ages)};
  excluding the out-of-range 17: average ${avg(adultAges)} (${adultAges.length} persons). 刘玉成's age is unknown.

### members-english.csv
UTF-8, LF. Header: \`${ENGLISH_HEADER.join(',')}\` (every one an alias in \`src/import/fields.ts\`).
10 rows, 2021, 青山县河东镇, villages 东河村 (6 rows) and 张家营村 (4 rows). Names and places are in Chinese; all other
values are English and must be recognised by the normalisers: Body \`Party branch\` / \`Villagers' committee\`; Role
\`Secretary\`, \`Director\`, \`Deputy director\`, \`Member\`; Gender \`Male\` / \`Female\`; Date of birth \`1972-05-18\` or
\`1986-09\`; Education \`Junior middle school\` (junior), \`Senior high school\`, \`Technical secondary school\` (senior),
\`Junior college\`, \`Bachelor\`, \`Master\` (college); Ethnicity \`Han\`, \`Hui\` (minority); Party member / Re-elected \`Yes\` / \`No\`.
Expected: 10 clean; 7 distinct persons; cross-holding 3 (周永刚, 吴丽娟, 张国华); one-shoulder 2 of 2 villages; women 2
persons (吴丽娟, 刘桂兰); minority 1 (马春生 Hui).

### workbook-two-sheets.xlsx
Sheet \`村委会选举结果\`: row 1 title \`${GB_TITLE}\` merged A1:R1; row 2 header (same 18 columns); rows 3–8 the six
villages (numbers are numeric cells, 区划代码 text cells; 参选率 is a formula \`J/I\` with its cached value, format
\`0.0%\`, e.g. 0.91290… for 李家村); row 9 \`合计\` with \`SUM(…)\` formulas and cached values equal to the table above.
Sheet \`成员名单\`: header (as members-gb18030.csv) + 10 clean members: lines 2–7 and 8, 9, 11, 12 of
members-gb18030.csv (李家村 all six; 王庄村 王志强, 王秀英 ×2, 陈宏伟). Expected: 6 + 10 clean; 2 skipped (title,
totals); totals check matches; persons 8, cross-holding 2 (李建国, 王秀英), one-shoulder 1 of 2 villages.

### legacy.xls
BIFF8 (.xls) with one sheet \`村委会选举结果\`: header + the six villages, all cells as in results-utf8.csv.

### acceptance-township.csv
青山县石桥镇, 2021, 第十二届. Columns: 县(市、区), 乡镇(街道), 村(社区), 区划代码, 换届年份, 届次, 组织, 登记选民数, 参加投票人数,
参选率, 应到会党员, 实到会党员, 参加选举党员, 发出选票, 收回选票, 有效票, 无效票. Lines 2–6 村委会 rows (党员 columns empty),
lines 7–11 branch rows (登记选民数 and 参加投票人数 empty; 参选率 = 参加选举党员 ÷ 应到会党员; 发出 = 收回 = 参加选举党员).

| 村 | 区划代码 | 登记选民数 | 参加投票人数 | 参选率 | 收回选票 | 有效票 | 无效票 |
|---|---|---|---|---|---|---|---|
${accC}
| **合计** | | **${thousands(ACC.registered)}** | **${thousands(ACC.voted)}** | **${pctString(ACC.voted, ACC.registered)}** | | | |

| 村 | 组织 | 应到会党员 | 实到会党员 | 参加选举党员 | 参选率 | 有效票 | 无效票 |
|---|---|---|---|---|---|---|---|
${accB}
| **合计** | | **${ACC.entitled}** | ${ACC.present} | **${ACC.partyVoted}** | **${pctString(ACC.partyVoted, ACC.entitled)}** | | |

Expected: 10 clean rows; committee turnout ${ACC.voted} ÷ ${ACC.registered} = ${pctString(ACC.voted, ACC.registered)}; branch
turnout ${ACC.partyVoted} ÷ ${ACC.entitled} = ${pctString(ACC.partyVoted, ACC.entitled)} (到会率 ${ACC.present} ÷ ${ACC.entitled} = ${pctString(ACC.present, ACC.entitled)}).

### rules-results.csv and rules-members.csv (rule checks, \`src/db/rules.ts\`)
青山县, townships 柳河镇 (codes 1399011032xx) and 桑园镇 (1399011042xx), cycles 2018 (第十一届) and 2021 (第十二届), both
bodies. Results columns: ${RULES_RESULTS_HEADER.join(', ')} (committee rows leave the 党员 columns blank, branch rows
登记选民数 and 参加投票人数; 参选率 = 参加投票人数 ÷ 登记选民数, for a branch 参加选举党员 ÷ 应到会党员). Roster columns:
${RULES_MEMBERS_HEADER.join(', ')} (民族 汉族 throughout). Every rule breach of these two files is listed here; no other
record of them breaks a rule.

| line | 乡镇 | 村 | 年份 | 组织 | 登记 | 投票 | 参选率 | 应到会 | 实到会 | 参加选举 | 发出 | 收回 | 有效 | 无效 | 职数 | 候选 | 一次成功 | rules broken |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${RULES_RESULTS.map((r, i) => `| ${i + 2} | ${r.township} | ${r.village} | ${r.year} | ${r.body} | ${r.registered} | ${r.voted} | ${rulesTurnout(r)} | ${r.entitled} | ${r.present} | ${r.partyVoted} | ${r.issued} | ${r.returned} | ${r.valid} | ${r.invalid} | ${r.seats} | ${r.candidates} | ${r.firstRound} | ${r.breaks} |`).join('\n')}

Rosters (rules-members.csv, line numbers of that file):${rosterList}

Breaches from the rosters:
- \`winner_without_majority\` (villagers' committee only; more than half of the voters who voted where the election is
  recorded as won in the first round, else at least one third): 柳河村 2021 赵刚 350 of 700 (exactly 50.0%, first round);
  高桥村 2021 马林 190 of 621 (30.6% < one third; 高桥村 went to a second round, 一次选举成功 否, so 高红's 300 = 48.3%
  is clean). 柳河村's branch member 钱进 (19 of 40) is not checked: the majority rule of docs/domain.md is the Organic Law's.
- \`committee_size\` (3–7 persons): 杨庄村 2021 8 members (应选职数 8); 五里铺村 2021 2 members (应选职数 3).
- \`no_woman_on_committee\`: 五里铺村 2021 (2 men), 桑园村 2021 (4 men), 西沟村 2018 (3 men). 西沟村 2021 is not
  reported: 罗平's 性别 is blank (unknown), and 罗平's blank 得票数 is not checked either.

Expected breaches in all: 柳河镇 2021: 13; 桑园镇 2021: 2 (桑园村 \`returned_gt_issued\`, \`no_woman_on_committee\`);
2018: 3 (柳河村 \`turnout_not_over_half\`, 西沟村 \`valid_invalid_mismatch\` and \`no_woman_on_committee\`). Both files import
with no rejected row.

${hostileReadme()}

${taoyuanReadme()}

### empty.csv, blank-lines.csv, not-a-table.csv
- \`empty.csv\`: 0 bytes → refused ("empty file"), nothing imported, no crash.
- \`blank-lines.csv\`: \`\\n\\n,,,\\n\\r\\n,,,,,\\n\\n\` (6 physical lines of nothing) → refused (no header / no data).
- \`not-a-table.csv\`: the 67 bytes of a valid 1×1 PNG → refused as not a table; \`sniffBinary\` returns \`png\`.

### xss-names.csv
Header + 4 villages: \`<img src=x onerror=alert(1)>\` (139901101221, figures of 李家村), \`"; DROP TABLE results; --\`
(139901101222, figures of 王庄村; written \`"""; DROP TABLE results; --"\`), \`=HYPERLINK("http://x")\` (139901101223, figures
of 东河村; written \`"=HYPERLINK(""http://x"")"\`), and 张家营村. Expected: 4 clean rows. The raw cells are the strings
above; the village key drops spaces (\`normalizeVillageName\` → \`<imgsrc=xonerror=alert(1)>\`,
\`";DROPTABLEresults;--\`, \`=HYPERLINK("http://x")\`). Either way they are only ever text: no element and no alert
when shown, never spliced into SQL, and on CSV export the \`=HYPERLINK\` name is prefixed with \`'\`.
`;
}

function taoyuanReadme(): string {
  const counts = TY_ROWS.map((r) => {
    const c = r.counts;
    return `| ${r.place[1]} | ${r.body} | ${r.electorate} | ${r.voted} | ${c.members} | ${c.women} | ${c.minority} | ${c.party} | ${c.reelected} | ${c.le35} | ${c.ge60} | ${averageAge(c.ageSum, c.members)} (${c.ageSum}) | ${c.college} | ${c.senior} | ${c.junior} | ${r.crossHolding} | ${r.oneShoulder ? '是' : '否'} |`;
  }).join('\n');
  const seats = TY_MEMBERS.length;
  const persons = new Set(TY_MEMBERS.map((x) => `${x.village}|${x.name}`)).size;
  const notes = TY_VILLAGES.map((v) => `- ${v.name} (${v.code}): ${v.note}`).join('\n');
  return `### members-taoyuan.csv, results-taoyuan.csv, stats-taoyuan-gb18030.csv, stats-taoyuan.xlsx (statistical tables)
青山县桃源镇, 2021, both bodies of four villages. \`members-taoyuan.csv\` is the roster (columns as members-gb18030.csv);
\`stats-taoyuan-gb18030.csv\` and \`stats-taoyuan.xlsx\` are the official statistical table of the **same persons**, counted
by \`scripts/lib/statTable.ts\` (age = 2021 − birth year; tiers 初中 → 初中及以下, 高中/中专 → 高中、中专, 大专/本科 → 大专及以上);
\`results-taoyuan.csv\` holds the table's voter figures as a results file. The table has no 年份 column (2021 is in the title
"${TY.title}"). Title row, then the two-row header:
${(TY_TABLE.rows[1] ?? [])
  .map((c, i) => {
    const b = (TY_TABLE.rows[2] ?? [])[i];
    return c && b ? `${c}/${b}` : b ? `…/${b}` : c;
  })
  .join(', ')};
then 8 rows, a 合计 row (counts summed, shares and average recomputed) and the notes row "${TY.notes}".

| 村 | 组织 | 登记选民 / 应到党员 | 投票 | 成员数 | 女性 | 少数民族 | 党员 | 连任 | ≤35 | ≥60 | 平均年龄 (sum) | 大专+ | 高中中专 | 初中- | 交叉任职 | 一肩挑 |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${counts}

${seats} seats, ${persons} distinct persons (${seats - persons} sit on both bodies). What the table can give for both bodies
at once (persons counted once, as from the roster):
${notes}

Expected: every indicator the table supports equals the roster's (average age within the rounding of its one-decimal 平均年龄,
±0.05); the age bands it does not carry (36–45, 46–55, ≥56, ≤29, 30–49, ≥50), the age pyramid, winners' vote share, the
college-graduate count and every heads/deputies/members scope are "not available". With both bodies in scope a figure is given
for a village only where the table determines it (persons on both bodies counted once): members, cross-holding, party members
and minorities in all four, every figure in 桃源村, women in all but 梨园村, average age only in 桃源村; elsewhere that village is
"not covered" and the township's figure says how many villages it covers.`;
}

/** A hostile string for Markdown: invisible characters as \u escapes, a long one abbreviated, pipes escaped. */
function mdText(x: string): string {
  if (x.length > 100) {
    const head = x.replace(/.$/u, '');
    const same = [...head].every((c) => c === x[0]);
    return same && x.endsWith(x[0] ?? '')
      ? `${x[0]} × ${thousands(x.length)}`
      : `${x[0]} × ${thousands(x.length - 1)} + ${x.slice(-1)} (${thousands(x.length)} characters)`;
  }
  const shown = x.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this shows escaped
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `\`${shown.replace(/\|/g, '\\|')}\``;
}

function hostileReadme(): string {
  const villages = HOSTILE_VILLAGES.map((v, i) => {
    const rows = HOSTILE_RESULTS.filter((r) => r.village === i + 1).map((r) => `${hostileResultLine(i + 1, r.year, r.body)}`);
    return `| ${i + 1} | ${mdText(v.name)} | ${v.stored === v.name ? 'same' : mdText(v.stored)} | ${mdText(HOSTILE_TOWNSHIPS[v.township])} | ${v.code || '—'} | ${v.registered} | ${v.voted} | ${pctString(v.voted, v.registered)} | ${v.returned} | ${v.valid} | ${v.invalid} | ${v.seats} | ${v.firstRound} | ${rows.join(', ')} | ${v.breaks} |`;
  }).join('\n');
  const people = HOSTILE_MEMBERS.map((x, i) => ({ x, line: i + 2 }))
    .filter(({ x }) => x.name.length > 100 || /[^\p{Script=Han}\d]/u.test(x.name))
    .map(
      ({ x, line }) =>
        `${line} ${mdText(x.name)}${x.stored === x.name ? '' : ` → stored ${mdText(x.stored)}`} (${x.village}, ${x.body}, ${x.role}, ${x.gender})`,
    )
    .join('; ');
  return `### hostile-results.csv and hostile-members.csv
A township report whose text cells are attacks. County ${mdText(HOSTILE_COUNTY)} on every row; township ${mdText(HOSTILE_TOWNSHIPS[0])}
(villages 1–8, area codes 1399011052xx) and ${mdText(HOSTILE_TOWNSHIPS[1])} (villages 9–14, no codes: keyed by county + township + name).
Results columns: ${RULES_RESULTS_HEADER.join(', ')}, 备注 (unmapped: kept as extra data; cycles through ${HOSTILE_NOTES.filter(Boolean).map(mdText).join(', ')} and empty).
Rows: each village's 2021 村委会 row, a 2021 村党支部 row for villages 1–${HOSTILE_BRANCHES} (right after the village's committee row; 应到会 41–44,
实到会 and 参加选举 two fewer, 职数 3, 候选 4) and 2018 村委会 rows for villages 1–${HOSTILE_RESULTS_2018} at the end (registered 40 fewer, 80% voted).

| # | village as written | stored as | township | code | 登记 | 投票 | 参选率 | 收回 | 有效 | 无效 | 职数 | 一次成功 | lines | 2021 rules broken |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${villages}

Stored as: \`normalizeVillageName\` / \`cleanText\` drop C0 control characters (U+0007, U+001B) and bidi embeddings/overrides
(U+202E), nothing else: HTML, quotes, SQL, formulas and \`{a|b}\` are stored verbatim. The rows naming a village
or a person by 5,000 characters are rejected (\`name_too_long\`: no name is longer than \`MAX_NAME_CHARS\` of src/import/limits.ts).

hostile-members.csv: 2021 rosters, columns ${MEMBER_HEADER.join(', ')}; ${HOSTILE_MEMBERS.length} rows, all clean: committee (村委会) 3 persons for
villages 1–7 and 9–14, 2 for village 8; branch (村党支部) 书记 + 委员 for villages 1–4. Hostile persons (line, village #, body, role, gender): ${people}.
Persons on both bodies: village 1 ${mdText('<img src=x onerror=alert(2)>')} (主任 + 书记: one shoulder) and 王秀兰; village 2 张伟; village 3 陈刚 (one
shoulder); village 4 ${mdText('+SUM(2,2)')} (one shoulder) and ${mdText('-2+3')}. 得票数 = floor(share × voters who voted).

Expected: results ${HOSTILE_RESULTS.length} rows, ${HOSTILE_RESULTS.length - 1} clean + 1 warning; members ${HOSTILE_MEMBERS.length} clean. Rule breaches in 2021 (all bodies): 5 — listed in the
table above; 2018: none. On CSV export every cell starting with \`=\`, \`+\`, \`-\` or \`@\` (villages 5–8, persons such as \`=1+1\`) is
prefixed with \`'\`; on screen every string is shown as text (no element, no alert, no template substitution).`;
}

function main(): void {
  buildCsvFixtures();
  buildWorkbooks();
  buildTaoyuanWorkbook();
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, bytes] of written) writeFileSync(join(OUT_DIR, name), bytes);
  writeFileSync(join(OUT_DIR, 'README.md'), readme());
  console.log(`tests/fixtures: ${written.size} fixtures + README.md`);
}

main();
