/**
 * The official per-village statistical table (村"两委"换届选举情况统计表) as a county sends it
 * down: one row per village × body with the members already counted, under a two-row header
 * (a field over 人数 / 占比, 其中 over the age bands, 文化程度 over the tiers), a 合计 row and a
 * notes row. Shared by the sample and the fixtures, which count the same persons they write
 * into rosters — so a table and a roster of the same villages must give the same figures.
 *
 * Counting is done here from the generators' own facts (age = cycle year − birth year, the
 * education tier each education is written under), not with the app's normalisers.
 */
import type { Cell } from './csv';
import { pct1, pctString } from './format';

export type Tier = 'junior' | 'senior' | 'college';

/** The three tiers reports use (docs/domain.md), for every education the generators write. */
export const EDUCATION_TIER: Readonly<Record<string, Tier>> = {
  小学: 'junior',
  初中: 'junior',
  初中及以下: 'junior',
  高中: 'senior',
  中专: 'senior',
  职高: 'senior',
  大专: 'college',
  本科: 'college',
  大学本科: 'college',
  研究生: 'college',
};

/** One elected person of one body, as the table's counts see them. */
export interface CountedPerson {
  female: boolean;
  age: number;
  education: string;
  minority: boolean;
  party: boolean;
  /** Re-elected to this body. */
  reelected: boolean;
}

export interface BodyCounts {
  members: number;
  women: number;
  minority: number;
  party: number;
  reelected: number;
  le35: number;
  ge60: number;
  ageSum: number;
  college: number;
  senior: number;
  junior: number;
}

export function countBody(persons: readonly CountedPerson[]): BodyCounts {
  const n = (f: (p: CountedPerson) => boolean) => persons.filter(f).length;
  const tier = (p: CountedPerson) => {
    const t = EDUCATION_TIER[p.education];
    if (!t) throw new Error(`no tier for ${p.education}`);
    return t;
  };
  return {
    members: persons.length,
    women: n((p) => p.female),
    minority: n((p) => p.minority),
    party: n((p) => p.party),
    reelected: n((p) => p.reelected),
    le35: n((p) => p.age <= 35),
    ge60: n((p) => p.age >= 60),
    ageSum: persons.reduce((a, p) => a + p.age, 0),
    college: n((p) => tier(p) === 'college'),
    senior: n((p) => tier(p) === 'senior'),
    junior: n((p) => tier(p) === 'junior'),
  };
}

/** One row of the table: where, which body, voters, the counts, cross-holding persons and 一肩挑. */
export interface StatRow {
  place: readonly Cell[];
  body: string;
  /** 登记选民数 / 参加投票人数 (villagers' committee) or 应到会党员 / 参加选举党员 (party branch). */
  electorate: number;
  voted: number;
  party: boolean;
  counts: BodyCounts;
  crossHolding: number;
  oneShoulder: boolean;
}

const share = (part: number, whole: number): string => (whole > 0 ? pctString(part, whole) : '');

/** Average age with one decimal, rounded half-up in integers, as a form's 平均年龄. */
export function averageAge(sum: number, n: number): string {
  return n > 0 ? pct1(sum, n * 100) : '';
}

interface Column {
  top: string;
  bottom: string;
  value: (r: StatRow) => Cell;
  /** Summed in the 合计 row (counts are; shares and the average are recomputed from the sums). */
  total?: (rows: readonly StatRow[]) => Cell;
}

const sum = (f: (r: StatRow) => number) => (rows: readonly StatRow[]) => rows.reduce((a, r) => a + f(r), 0);
const sumOf =
  (f: (r: StatRow) => number | ''): ((rows: readonly StatRow[]) => Cell) =>
  (rows) => {
    const xs = rows.map(f).filter((x): x is number => x !== '');
    return xs.length ? xs.reduce((a, b) => a + b, 0) : '';
  };
const totalCounts = (rows: readonly StatRow[]): BodyCounts =>
  rows.reduce<BodyCounts>(
    (a, r) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + r.counts[k as keyof BodyCounts]])) as unknown as BodyCounts,
    { members: 0, women: 0, minority: 0, party: 0, reelected: 0, le35: 0, ge60: 0, ageSum: 0, college: 0, senior: 0, junior: 0 },
  );

/** A count with its share beside it: "女性" over "人数 | 占比". */
function counted(top: string, key: keyof BodyCounts): Column[] {
  return [
    { top, bottom: '人数', value: (r) => r.counts[key], total: sum((r) => r.counts[key]) },
    {
      top: '',
      bottom: '占比',
      value: (r) => share(r.counts[key], r.counts.members),
      total: (rows) => share(totalCounts(rows)[key], totalCounts(rows).members),
    },
  ];
}

/** The columns after the place columns, top and bottom header rows. */
function columns(): Column[] {
  const branchOnly =
    (f: (r: StatRow) => number) =>
    (r: StatRow): number | '' =>
      r.party ? f(r) : '';
  const committeeOnly =
    (f: (r: StatRow) => number) =>
    (r: StatRow): number | '' =>
      r.party ? '' : f(r);
  return [
    { top: '组织', bottom: '', value: (r) => r.body },
    { top: '登记选民数', bottom: '', value: committeeOnly((r) => r.electorate), total: sumOf(committeeOnly((r) => r.electorate)) },
    { top: '参加投票人数', bottom: '', value: committeeOnly((r) => r.voted), total: sumOf(committeeOnly((r) => r.voted)) },
    { top: '应到会党员', bottom: '', value: branchOnly((r) => r.electorate), total: sumOf(branchOnly((r) => r.electorate)) },
    { top: '参加选举党员', bottom: '', value: branchOnly((r) => r.voted), total: sumOf(branchOnly((r) => r.voted)) },
    { top: '参选率', bottom: '', value: (r) => share(r.voted, r.electorate) },
    { top: '成员数', bottom: '', value: (r) => r.counts.members, total: sum((r) => r.counts.members) },
    ...counted('女性', 'women'),
    ...counted('少数民族', 'minority'),
    ...counted('党员', 'party'),
    ...counted('连任', 'reelected'),
    { top: '其中', bottom: '35岁及以下', value: (r) => r.counts.le35, total: sum((r) => r.counts.le35) },
    { top: '', bottom: '60岁及以上', value: (r) => r.counts.ge60, total: sum((r) => r.counts.ge60) },
    {
      top: '平均年龄',
      bottom: '',
      value: (r) => averageAge(r.counts.ageSum, r.counts.members),
      total: (rows) => averageAge(totalCounts(rows).ageSum, totalCounts(rows).members),
    },
    { top: '文化程度', bottom: '大专及以上', value: (r) => r.counts.college, total: sum((r) => r.counts.college) },
    { top: '', bottom: '高中、中专', value: (r) => r.counts.senior, total: sum((r) => r.counts.senior) },
    { top: '', bottom: '初中及以下', value: (r) => r.counts.junior, total: sum((r) => r.counts.junior) },
    { top: '交叉任职人数', bottom: '', value: (r) => r.crossHolding, total: sum((r) => r.crossHolding) },
    { top: '一肩挑', bottom: '', value: (r) => (r.oneShoulder ? '是' : '否') },
  ];
}

export interface StatTable {
  /** Every row of the sheet: title, the two header rows, data, 合计, notes. */
  rows: Cell[][];
  /** Merged cells as an Excel sheet has them (zero-based, inclusive), for an .xlsx of the same table. */
  merges: { s: { r: number; c: number }; e: { r: number; c: number } }[];
  /** Sheet row index of the first data row and of the 合计 row. */
  firstData: number;
  totalsRow: number;
}

/**
 * The whole sheet. `placeHeader` names the place columns (乡镇, 村, 区划代码 …) each row's
 * `place` fills; the 合计 row puts its label in the first column and leaves the places empty.
 */
export function statTable(title: string, placeHeader: readonly string[], rows: readonly StatRow[], notes: string): StatTable {
  const cols = columns();
  const width = placeHeader.length + cols.length;
  const pad = (cells: Cell[]) => [...cells, ...Array<Cell>(Math.max(0, width - cells.length)).fill('')];
  const top = [...placeHeader, ...cols.map((c) => c.top)];
  const bottom = [...placeHeader.map(() => ''), ...cols.map((c) => c.bottom)];
  const data = rows.map((r) => [...r.place, ...cols.map((c) => c.value(r))]);
  const totals = ['合计', ...placeHeader.slice(1).map(() => ''), ...cols.map((c) => (c.total ? c.total(rows) : ''))];
  const merges: StatTable['merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: width - 1 } }];
  for (let c = 0; c < width; c++) {
    if (top[c] && !bottom[c]) merges.push({ s: { r: 1, c }, e: { r: 2, c } });
    if (top[c] && bottom[c]) {
      let end = c;
      while (end + 1 < width && !top[end + 1] && bottom[end + 1]) end++;
      if (end > c) merges.push({ s: { r: 1, c }, e: { r: 1, c: end } });
    }
  }
  return {
    rows: [pad([title]), top, bottom, ...data, totals, pad([notes])],
    merges,
    firstData: 3,
    totalsRow: 3 + data.length,
  };
}
