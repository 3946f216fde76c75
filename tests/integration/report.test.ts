/**
 * The report text for a fixture scope (柳河镇 of tests/fixtures/rules-*.csv, 2021 against 2018)
 * against figures computed here straight from the imported rows — not through the catalogue,
 * the count tables or the generator — and the breach count of tests/fixtures/README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsLoading } from '../../src/db/rowsLoaded';
import { rebuildViews } from '../../src/db/schema';
import type { Db } from '../../src/db/types';
import { generateReport } from '../../src/report/generate';
import { loadReportData } from '../../src/report/load';
import { freshDb, importFixture } from './helpers';

let db: Db;
let text: Record<string, string>;
let english: Record<string, string>;

const SCOPE = { county: '青山县', township: '柳河镇', village: null };
const n = (v: number) => v.toLocaleString('zh-CN');
const pct = (num: number, den: number) => `${((num / den) * 100).toFixed(1)}%`;

async function one(sql: string, params: (string | number)[] = []): Promise<number> {
  const rows = await db.query<{ v: number }>(sql, params);
  return Number(rows[0]?.v ?? NaN);
}

/** Sums of a results column pair over the rows where both are recorded, as turnout is defined. */
async function pair(num: string, den: string, body: string, year: number): Promise<[number, number]> {
  const rows = await db.query<{ a: number; b: number }>(
    `SELECT sum(${num})::DOUBLE AS a, sum(${den})::DOUBLE AS b FROM results
     WHERE township = ? AND cycle_year = ? AND body = ? AND ${num} IS NOT NULL AND ${den} > 0`,
    ['柳河镇', year, body],
  );
  return [rows[0]!.a, rows[0]!.b];
}

const PEOPLE = `SELECT village_key, name, count(DISTINCT body) AS bodies, bool_or(gender = 'female') AS woman FROM members
  WHERE township = '柳河镇' AND cycle_year = 2021 GROUP BY village_key, name`;

beforeAll(async () => {
  db = await freshDb();
  await importFixture(db, 'rules-results.csv');
  await importFixture(db, 'rules-members.csv');
  const data = await loadReportData(db, SCOPE, ['青山县', '柳河镇'], 2021, 2018);
  text = Object.fromEntries(generateReport(data, 'zh').map((s) => [s.id, s.paragraphs.join('\n')]));
  english = Object.fromEntries(generateReport(data, 'en').map((s) => [s.id, s.paragraphs.join('\n')]));
}, 120_000);
afterAll(async () => {
  await db.close();
});

describe('the report of 柳河镇 2021 matches the figures of its rows', () => {
  it('villages and bodies', async () => {
    const villages =
      await one(`SELECT count(DISTINCT village_key) AS v FROM (SELECT village_key FROM results WHERE township = '柳河镇' AND cycle_year = 2021
      UNION SELECT village_key FROM members WHERE township = '柳河镇' AND cycle_year = 2021)`);
    const branches = await one(
      `SELECT count(DISTINCT village_key) AS v FROM results WHERE township = '柳河镇' AND cycle_year = 2021 AND body = 'party_branch'`,
    );
    const committees = await one(
      `SELECT count(DISTINCT village_key) AS v FROM results WHERE township = '柳河镇' AND cycle_year = 2021 AND body = 'village_committee'`,
    );
    expect([villages, branches, committees]).toEqual([4, 4, 4]);
    expect(text.overview).toBe(
      `2021年村“两委”换届选举，青山县柳河镇共有${villages}个村（社区）纳入统计，其中${branches}个村党组织、${committees}个村（居）民委员会填报了换届选举结果。`,
    );
  });

  it('voters, turnout and ballots of both bodies', async () => {
    const [voted, registered] = await pair('voters_voted', 'registered_voters', 'village_committee', 2021);
    expect([voted, registered]).toEqual([700 + 500 + 621 + 801, 1500 + 1000 + 1240 + 890]);
    expect(text.turnout).toContain(`登记选民${n(registered)}人，参加投票${n(voted)}人，参选率${pct(voted, registered)}`);
    const [members, entitled] = await pair('party_members_voted', 'party_members_entitled', 'party_branch', 2021);
    expect(text.turnout).toContain(`应到会党员${n(entitled)}人，参加选举${n(members)}人，参选率${pct(members, entitled)}`);
    const [invalid, returned] = await pair('ballots_invalid', 'ballots_returned', 'village_committee', 2021);
    expect(text.turnout).toContain(`收回选票${n(returned)}张，其中无效票${n(invalid)}张，无效票率${pct(invalid, returned)}`);
    const ok = await one(
      `SELECT count(*) FILTER (first_round_success) AS v FROM results WHERE township = '柳河镇' AND cycle_year = 2021 AND body = 'village_committee'`,
    );
    const known = await one(
      `SELECT count(first_round_success) AS v FROM results WHERE township = '柳河镇' AND cycle_year = 2021 AND body = 'village_committee'`,
    );
    expect(text.turnout).toContain(`填报选举轮次的${known}个村中，村（居）委会一次选举成功的${ok}个，一次选举成功率${pct(ok, known)}`);
  });

  it('members, women, cross-holding and one-shoulder, counting persons', async () => {
    const persons = await one(`SELECT count(*) AS v FROM (${PEOPLE})`);
    const women = await one(`SELECT count(*) FILTER (woman) AS v FROM (${PEOPLE})`);
    const genderKnown = await one(
      `SELECT count(*) AS v FROM (SELECT village_key, name FROM members WHERE township = '柳河镇' AND cycle_year = 2021 AND gender IS NOT NULL GROUP BY ALL)`,
    );
    const both = await one(`SELECT count(*) FILTER (bodies = 2) AS v FROM (${PEOPLE})`);
    const perBody = async (body: string) =>
      one(`SELECT count(DISTINCT name) AS v FROM members WHERE township = '柳河镇' AND cycle_year = 2021 AND body = ?`, [body]);
    expect(text.members).toContain(
      `共选举产生村“两委”成员${persons}名（交叉任职的只计一次），其中村党组织成员${await perBody('party_branch')}名，村（居）委会成员${await perBody('village_committee')}名。`,
    );
    expect(text.members).toContain(`女性${women}名，占${pct(women, genderKnown)}`);
    expect(text.cross).toContain(`交叉任职${both}人，占两委成员（去重）${persons}人的${pct(both, persons)}`);
    const withBoth = await one(
      `SELECT count(*) AS v FROM (SELECT village_key FROM members WHERE township = '柳河镇' AND cycle_year = 2021 GROUP BY village_key HAVING count(DISTINCT body) = 2)`,
    );
    const oneShoulder =
      await one(`SELECT count(DISTINCT s.village_key) AS v FROM members s JOIN members d ON d.village_key = s.village_key AND d.cycle_year = s.cycle_year AND d.name = s.name
      WHERE s.township = '柳河镇' AND s.cycle_year = 2021 AND s.role = 'secretary' AND d.role = 'director'`);
    expect(text.cross).toContain(`“一肩挑”的村${oneShoulder}个，占两委成员名单齐全的${withBoth}个村的${pct(oneShoulder, withBoth)}`);
  });

  it('the change of turnout from 2018: not compared, since 2018 does not cover every village', async () => {
    const [v18, r18] = await pair('voters_voted', 'registered_voters', 'village_committee', 2018);
    // 五里铺村 2018 has no 登记选民数: its votes are not in the 2018 turnout.
    expect([v18, r18]).toEqual([712 + 870, 1460 + 980]);
    const villages = async (year: number, known: boolean) =>
      one(
        `SELECT count(DISTINCT village_key) AS v FROM results WHERE township = '柳河镇' AND cycle_year = ${year} AND body = 'village_committee'${known ? ' AND registered_voters > 0 AND voters_voted IS NOT NULL' : ''}`,
      );
    const [all18, known18, all21, known21] = [
      await villages(2018, false),
      await villages(2018, true),
      await villages(2021, false),
      await villages(2021, true),
    ];
    expect(known18).toBeLessThan(all18);
    expect(known21).toBe(all21);
    expect(text.change).toContain(`村（居）委会选举参选率（本届覆盖 ${known21}/${all21} 个村，上届 ${known18}/${all18} 个村）`);
    expect(text.change).toContain('两届数据覆盖的村不同，不作比较。');
    expect(english.change).toContain(
      `turnout of the villagers' committee elections (this cycle ${known21}/${all21} villages, the previous ${known18}/${all18})`,
    );
  });

  it('the rule breaches listed in tests/fixtures/README.md', () => {
    // 柳河镇 2021: 13 breaches (README "Expected breaches in all").
    expect(text.rules).toContain('发现不符合规定的记录13条');
    expect(text.rules).toContain('“投票人数未过登记选民半数”2条（涉及2个村）');
    expect(text.rules).toContain('“村委会成员不在3至7人”2条（涉及2个村）');
  });

  it('writes no figure that is not there', () => {
    const all = Object.values(text).join('\n');
    expect(all).not.toMatch(/—|NaN|undefined|null/);
  });

  it('waits for the imported rows before its rule checks, as after a reload', async () => {
    // A reload restores the count tables first; the rows' views come with the rows.
    const rowsIn = rowsLoading(db);
    await db.exec('DROP VIEW results');
    let settled = false;
    const pending = loadReportData(db, SCOPE, ['青山县', '柳河镇'], 2021, 2018).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(settled).toBe(false);
    await rebuildViews(db);
    rowsIn();
    const rules = generateReport(await pending, 'zh').find((s) => s.id === 'rules');
    expect(rules?.paragraphs.join('\n')).toContain('发现不符合规定的记录13条');
  });
});
