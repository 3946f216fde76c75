/**
 * Each metric's SQL against figures computed by hand from the fixtures (tests/fixtures/README.md),
 * at village, township and county level, per body and for heads only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/types';
import { queryMetrics, ageDistribution, type MetricRow } from '../../src/metrics/query';
import type { MetricQuery } from '../../src/metrics/sql';
import { METRICS, type MetricId } from '../../src/metrics/catalogue';
import { importPrepared } from '../../src/app/importer';
import { analyzeFile, prepareDefault } from '../../src/import/pipeline';
import { freshDb, importFixture } from './helpers';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  await importFixture(db, 'acceptance-township.csv');
  await importFixture(db, 'results-utf8.csv');
  await importFixture(db, 'members-gb18030.csv');
});
afterAll(async () => {
  await db.close();
});

const base: MetricQuery = { metrics: [], cycles: [2021], body: 'all', role: 'all', groupBy: [] };

async function one(metric: MetricId, q: Partial<MetricQuery> = {}, body?: string): Promise<MetricRow> {
  const rows = await queryMetrics(db, { ...base, ...q, metrics: [metric] });
  const hit = rows.filter((r) => r.metric === metric && (body === undefined || r.body === body));
  expect(hit, `${metric} ${JSON.stringify(q)} ${body ?? ''}`).toHaveLength(1);
  return hit[0]!;
}
const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

describe('acceptance township (石桥镇): 5,181 registered, 3,583 voted; 245 entitled, 208 voted', () => {
  it('turnout per body at township level', async () => {
    const vc = await one('turnout', { county: '青山县', township: '石桥镇', body: 'village_committee' });
    expect([vc.numerator, vc.denominator, r1(vc.value)]).toEqual([3583, 5181, 69.2]);
    const pb = await one('turnout', { county: '青山县', township: '石桥镇', body: 'party_branch' });
    expect([pb.numerator, pb.denominator, r1(pb.value)]).toEqual([208, 245, 84.9]);
  });

  it('reports results metrics per body when both bodies are in scope', async () => {
    const rows = await queryMetrics(db, { ...base, township: '石桥镇', county: '青山县', metrics: ['turnout'] });
    expect(rows.map((r) => [r.body, r1(r.value)])).toEqual([
      ['party_branch', 84.9],
      ['village_committee', 69.2],
    ]);
  });

  it('county rate is the ratio of summed counts, not the mean of township rates', async () => {
    const county = await one('turnout', { county: '青山县', body: 'village_committee' });
    expect([county.numerator, county.denominator]).toEqual([3583 + 8982, 5181 + 10160]);
    expect(r1(county.value)).toBe(81.9);
    const meanOfTownships = (69.2 + 88.4) / 2;
    expect(r1(county.value)).not.toBe(r1(meanOfTownships));
  });

  it('village level', async () => {
    const rows = await queryMetrics(db, {
      ...base,
      metrics: ['turnout'],
      county: '青山县',
      township: '石桥镇',
      body: 'village_committee',
      groupBy: ['village'],
    });
    const byName = Object.fromEntries(rows.map((r) => [r.village, [r.numerator, r.denominator]]));
    expect(byName.石桥村).toEqual([1012, 1423]);
    expect(byName.马家庄村).toEqual([559, 813]);
    const village = await one('turnout', { village: rows.find((r) => r.village === '南岗村')!.village_key!, body: 'village_committee' });
    expect(r1(village.value)).toBe(66.4);
  });

  it('ballot and first-round metrics of the six 河东镇 villages', async () => {
    const q = { county: '青山县', township: '河东镇', body: 'village_committee' as const };
    expect(r1((await one('invalid_ballot_rate', q)).value)).toBe(1.0);
    const invalid = await one('invalid_ballot_rate', q);
    expect([invalid.numerator, invalid.denominator]).toEqual([90, 8974]);
    const first = await one('first_round_success_rate', q);
    expect([first.numerator, first.denominator, r1(first.value)]).toEqual([5, 6, 83.3]);
    const reg = await one('registration_rate', q);
    expect([reg.numerator, reg.denominator]).toEqual([10160, 10287]);
    const ret = await one('ballot_return_rate', q);
    expect([ret.numerator, ret.denominator]).toEqual([8974, 8982]);
  });
});

describe('roster metrics (members-gb18030: 李家村 and 王庄村 of 河东镇)', () => {
  const q = { county: '青山县', township: '河东镇' };

  it('counts a cross-holding person once with both bodies in scope', async () => {
    expect((await one('members', q)).value).toBe(10);
    expect((await one('members', { ...q, body: 'village_committee' })).value).toBe(6);
    expect((await one('members', { ...q, body: 'party_branch' })).value).toBe(6);
  });

  it('cross-holding: persons on both ÷ distinct persons; per body ÷ that body', async () => {
    const all = await one('cross_holding_rate', q);
    expect([all.numerator, all.denominator, r1(all.value)]).toEqual([2, 10, 20]);
    const vc = await one('cross_holding_rate', { ...q, body: 'village_committee' });
    expect([vc.numerator, vc.denominator, r1(vc.value)]).toEqual([2, 6, 33.3]);
  });

  it('one-shoulder: villages whose secretary is the director ÷ villages with both bodies', async () => {
    const os = await one('one_shoulder_rate', q);
    expect([os.numerator, os.denominator, r1(os.value)]).toEqual([1, 2, 50]);
  });

  it("women's share, minorities, education tiers, party members, re-election", async () => {
    expect([(await one('women_share', q)).numerator, (await one('women_share', q)).denominator]).toEqual([3, 10]);
    const vcWomen = await one('women_share', { ...q, body: 'village_committee' });
    expect([vcWomen.numerator, vcWomen.denominator]).toEqual([2, 6]);
    expect((await one('minority_share', q)).numerator).toBe(2);
    expect(r1((await one('edu_junior_or_below_share', q)).value)).toBe(20);
    expect(r1((await one('edu_senior_share', q)).value)).toBe(40);
    expect(r1((await one('edu_college_share', q)).value)).toBe(40);
    const party = await one('party_member_share', { ...q, body: 'village_committee' });
    expect([party.numerator, party.denominator]).toEqual([3, 6]);
    const re = await one('reelection_rate', { ...q, body: 'party_branch' });
    expect([re.numerator, re.denominator]).toEqual([4, 6]);
  });

  it('average age and age bands over persons with a known age', async () => {
    const age = await one('avg_age', q);
    expect([age.denominator, r1(age.value)]).toEqual([9, 41.9]);
    const le35 = await one('age_le35_share', q);
    expect([le35.numerator, le35.denominator]).toEqual([2, 9]); // 31 and 17
    const ge56 = await one('age_ge56_share', q);
    expect(ge56.numerator).toBe(1); // 59
    const { bands, coverage } = await ageDistribution(db, { ...q, cycles: [2021], body: 'all', role: 'all' });
    expect(bands.reduce((s, b) => s + b.persons, 0)).toBe(9);
    expect(coverage).toEqual({ covered: 2, of: 2 });
    // Each person once, in the band of floor(age / 5) × 5 (under 20 and from 75 gathered), from the roster itself.
    const byPerson = await db.query<{ band: number; gender: string; persons: number }>(
      `SELECT least(greatest(floor(age / 5)::INTEGER * 5, 15), 75) AS band, gender, count(DISTINCT person_key)::INTEGER AS persons
       FROM members WHERE county = '青山县' AND township = '河东镇' AND cycle_year = 2021 AND age IS NOT NULL AND gender IS NOT NULL
       GROUP BY ALL ORDER BY band, gender`,
    );
    expect(byPerson.some((b) => b.band === 15)).toBe(true); // the 17-year-old
    expect(bands).toEqual(byPerson);
    const vcHeads = await ageDistribution(db, { ...q, cycles: [2021], body: 'village_committee', role: 'head' });
    expect(vcHeads.bands.reduce((s, b) => s + b.persons, 0)).toBe(2);
  });

  it('heads only: secretaries and directors, one-shoulder person once', async () => {
    const heads = await one('members', { ...q, role: 'head' });
    expect(heads.value).toBe(3);
    const age = await one('avg_age', { ...q, role: 'head' });
    expect(r1(age.value)).toBe(48); // 53, 50, 41
    const vcHeads = await one('members', { ...q, role: 'head', body: 'village_committee' });
    expect(vcHeads.value).toBe(2);
    expect((await one('women_share', { ...q, role: 'head' })).value).toBe(0);
  });

  it('village level: 李家村', async () => {
    const rows = await queryMetrics(db, { ...base, ...q, metrics: ['members', 'women_share'], groupBy: ['village'] });
    const li = rows.filter((r) => r.village === '李家村');
    expect(li.find((r) => r.metric === 'members')!.value).toBe(5);
    expect(r1(li.find((r) => r.metric === 'women_share')!.value)).toBe(40);
  });

  it('winners vote share: votes ÷ votes cast in their election', async () => {
    const w = await one('winner_vote_share', {
      ...q,
      village: (await queryMetrics(db, { ...base, ...q, metrics: ['members'], groupBy: ['village'] })).find((r) => r.village === '李家村')!
        .village_key!,
      body: 'village_committee',
    });
    // 李家村 committee: 1032 + 876 + 701 votes of 1174 cast each.
    expect([w.numerator, w.denominator]).toEqual([1032 + 876 + 701, 3 * 1174]);
  });
});

describe('every catalogue metric', () => {
  it('runs and gives a number or "no data" for any scope', async () => {
    const rows = await queryMetrics(db, { ...base, metrics: METRICS.map((m) => m.id), groupBy: ['township'] });
    const ids = new Set(rows.map((r) => r.metric));
    for (const m of METRICS) expect(ids.has(m.id), m.id).toBe(true);
    for (const r of rows) expect(r.value === null || Number.isFinite(r.value)).toBe(true);
  });

  it('says "no data", not zero, for a scope without data', async () => {
    const r = await queryMetrics(db, { ...base, cycles: [2014], metrics: ['women_share', 'members', 'villages'] });
    expect(r.map((x) => [x.metric, x.value])).toEqual([
      ['women_share', null],
      ['members', null],
      ['villages', 0],
    ]);
    expect(await queryMetrics(db, { ...base, cycles: [2014], metrics: ['turnout'] })).toEqual([]);
  });
});

describe('same-name villages in different townships', () => {
  it('stay two villages', async () => {
    const local = await freshDb();
    const csv = [
      '县,乡镇,村,换届年份,组织,登记选民数,参加投票人数',
      '青山县,河东镇,李家村,2021,村委会,1000,900',
      '青山县,柳林乡,李家村,2021,村委会,500,250',
    ].join('\n');
    const bytes = new TextEncoder().encode(csv);
    const prepared = prepareDefault(analyzeFile(bytes, 'same-name.csv'))!;
    await importPrepared(local, prepared, { fileName: 'same-name.csv', sheetName: null, encoding: 'utf-8' }, async () => 'keep');
    const q: MetricQuery = { ...base, metrics: ['villages', 'turnout'], body: 'village_committee' };
    const all = await queryMetrics(local, q);
    expect(all.find((r) => r.metric === 'villages')!.value).toBe(2);
    expect(r1(all.find((r) => r.metric === 'turnout')!.value)).toBe(76.7);
    const byTownship = await queryMetrics(local, { ...q, metrics: ['turnout'], groupBy: ['township'] });
    expect(byTownship.map((r) => [r.township, r1(r.value)])).toEqual([
      ['柳林乡', 50],
      ['河东镇', 90],
    ]);
    const byVillage = await queryMetrics(local, { ...q, metrics: ['turnout'], groupBy: ['village'] });
    expect(byVillage).toHaveLength(2);
    await local.close();
  });
});
