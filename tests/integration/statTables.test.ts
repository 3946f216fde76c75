/**
 * The official statistical table against the roster of the same persons (tests/fixtures/README.md,
 * 桃源镇): every indicator the table supports gives the roster's figure, at village and township
 * level and per body; what it cannot support is "not available", never a partial or wrong figure.
 * Then both sources together: across cycles, and for the same village × cycle × body, where the
 * user chooses which counts — a choice that survives a save, a restore and an archive.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatch, importPrepared } from '../../src/app/importer';
import { stageImport } from '../../src/db/load';
import type { MetricQuery } from '../../src/metrics/sql';
import { ageDistribution, queryMetrics, type MetricRow } from '../../src/metrics/query';
import { findRuleBreaches, summarizeRules } from '../../src/metrics/ruleChecks';
import { listOverlaps, setSourceChoice } from '../../src/db/sources';
import type { Db } from '../../src/db/types';
import { analyzeFile, prepareDefault, prepareImport } from '../../src/import/pipeline';
import { METRICS, metricDef, type MetricId } from '../../src/metrics/catalogue';
import { support } from '../../src/metrics/coverage';
import type { BodyScope, RoleScope } from '../../src/metrics/scope';
import { memoryStore } from '../../src/store/fileStore';
import { Persistence } from '../../src/store/persistence';
import { analyzeFixture, freshDb, importFixture } from './helpers';

const ALL: readonly MetricId[] = METRICS.map((m) => m.id);
/** The persons' indicators (the results ones come from the same results rows whichever source counts). */
const PEOPLE: readonly MetricId[] = METRICS.filter((m) => m.source !== 'results').map((m) => m.id);
const BODIES: readonly BodyScope[] = ['party_branch', 'village_committee', 'all'];

/** What the table carries, per body: the indicators it must support (everything else it must not). */
const PER_BODY_SUPPORTED: readonly MetricId[] = [
  'villages',
  'bodies_elected',
  'members',
  'turnout',
  'women_share',
  'avg_age',
  'age_ge60_share',
  'edu_junior_or_below_share',
  'edu_senior_share',
  'edu_college_share',
  'cross_holding_rate',
  'one_shoulder_rate',
  'reelection_rate',
  'party_member_share',
  'minority_share',
];

let roster: Db;
let table: Db;
let workbook: Db;

beforeAll(async () => {
  roster = await freshDb();
  await importFixture(roster, 'members-taoyuan.csv');
  await importFixture(roster, 'results-taoyuan.csv');
  table = await freshDb();
  await importFixture(table, 'stats-taoyuan-gb18030.csv');
  workbook = await freshDb();
  await importFixture(workbook, 'stats-taoyuan.xlsx');
});
afterAll(async () => {
  for (const db of [roster, table, workbook]) await db?.close();
});

const query = (body: BodyScope, groupBy: MetricQuery['groupBy'], role: RoleScope = 'all', metrics = ALL): MetricQuery => ({
  metrics,
  county: '青山县',
  township: '桃源镇',
  cycles: [2021],
  body,
  role,
  groupBy,
});

const key = (r: MetricRow) => `${r.metric}|${r.body}|${r.village_key ?? ''}`;

function close(metric: MetricId, a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  // The table's 平均年龄 has one decimal: an average weighted by members is within its rounding.
  return Math.abs(a - b) <= (metric === 'avg_age' ? 0.05 : 1e-9);
}

describe('importing the statistical table', () => {
  it('is detected as a statistical table under its two-row header, totals checked, nothing lost', () => {
    for (const name of ['stats-taoyuan-gb18030.csv', 'stats-taoyuan.xlsx']) {
      const { analysis, prepared } = analyzeFixture(name);
      const plan = analysis.sheets[analysis.sheetIndex]!;
      expect(plan.kind, name).toBe('stats');
      expect(plan.layout!.headerRowCount).toBe(2);
      expect(plan.inferred).toEqual({ cycle_year: '2021' });
      const field = (header: string) => plan.columns.find((c) => c.header === header)?.field;
      expect(field('女性/人数')).toBe('n_women');
      expect(field('女性/占比')).toBe('n_women_pct');
      expect(field('党员/人数')).toBe('n_party');
      expect(field('连任/人数')).toBe('n_reelected');
      expect(field('其中/35岁及以下')).toBe('n_age_le35');
      expect(field('其中/60岁及以上')).toBe('n_age_ge60');
      expect(field('文化程度/高中、中专')).toBe('n_edu_senior');
      expect(field('平均年龄')).toBe('mean_age');
      expect(field('交叉任职人数')).toBe('n_cross_holding');
      expect(field('一肩挑')).toBe('one_shoulder');
      expect(field('登记选民数')).toBe('registered_voters');
      expect(plan.columns.filter((c) => c.field === null)).toEqual([]);
      expect(prepared.counts).toMatchObject({ titleRows: 1, headerRows: 2, dataRows: 8, imported: 8, warned: 0, rejected: 0, skipped: 2 });
      expect(prepared.reconciled).toBe(true);
      expect(prepared.totals).toHaveLength(1);
      expect(prepared.totals[0]!.mismatches).toEqual([]);
      expect(prepared.totals[0]!.compared).toBeGreaterThanOrEqual(15);
    }
  });

  it('stores the counts in member_counts and the voter figures as results rows', async () => {
    const counts = await table.query<{ n: number; seats: number }>(
      'SELECT count(*)::INTEGER AS n, sum(n_members)::INTEGER AS seats FROM member_counts',
    );
    expect(counts).toEqual([{ n: 8, seats: 33 }]);
    const results = await table.query<{ body: string; reg: number; entitled: number }>(
      'SELECT body, sum(registered_voters)::INTEGER AS reg, sum(party_members_entitled)::INTEGER AS entitled FROM results GROUP BY body ORDER BY body',
    );
    expect(results).toEqual([
      { body: 'party_branch', reg: null, entitled: 178 },
      { body: 'village_committee', reg: 5385, entitled: null },
    ]);
  });

  it('the .xlsx with merged header cells gives exactly the CSV figures', async () => {
    for (const body of BODIES) {
      const a = await queryMetrics(table, query(body, ['village']));
      const b = await queryMetrics(workbook, query(body, ['village']));
      expect(b).toEqual(a);
    }
  });
});

describe('a statistical table gives the roster figures of the same persons', () => {
  for (const body of BODIES) {
    for (const groupBy of [[], ['village']] as const) {
      it(`${body}, ${groupBy.length ? 'per village' : 'township'}: every indicator the table supports`, async () => {
        const fromTable = await queryMetrics(table, query(body, groupBy));
        const fromRoster = new Map((await queryMetrics(roster, query(body, groupBy))).map((r) => [key(r), r]));
        const perVillageRoster = await queryMetrics(roster, query(body, ['village']));
        const perVillageTable = await queryMetrics(table, query(body, ['village']));
        let compared = 0;
        for (const t of fromTable) {
          const r = fromRoster.get(key(t));
          expect(r, key(t)).toBeDefined();
          expect(support(r!.coverage), `roster ${key(t)}`).not.toBe('partial');
          if (support(t.coverage) === 'full') {
            expect(close(t.metric, t.value, r!.value), `${key(t)}: table ${t.value}, roster ${r!.value}`).toBe(true);
            compared++;
          } else if (support(t.coverage) === 'partial') {
            // Over the villages it covers, the township figure is the roster's over the same villages.
            const covered = perVillageTable
              .filter((v) => v.metric === t.metric && v.body === t.body && support(v.coverage) === 'full')
              .map((v) => v.village_key);
            expect(covered).toHaveLength(t.coverage.covered);
            const rs = perVillageRoster.filter((v) => v.metric === t.metric && v.body === t.body && covered.includes(v.village_key));
            const num = rs.reduce((a, v) => a + (v.numerator ?? 0), 0);
            const den = rs.reduce((a, v) => a + (v.denominator ?? 0), 0);
            const m = metricDef(t.metric);
            const expected = m.unit === 'percent' ? (num / den) * 100 : m.denominator ? num / den : num;
            expect(close(t.metric, t.value, expected), `${key(t)} over ${covered.length} villages`).toBe(true);
            compared++;
          } else {
            expect(support(t.coverage), key(t)).toBe('none');
            expect(t.value, `${key(t)} not available`).toBeNull();
          }
        }
        expect(compared).toBeGreaterThanOrEqual(groupBy.length ? 40 : 10);
      });
    }
  }

  it('per body, supports exactly the indicators the table carries, in every village', async () => {
    for (const body of ['party_branch', 'village_committee'] as const) {
      const rows = await queryMetrics(table, query(body, ['village']));
      const supported = [...new Set(rows.filter((r) => support(r.coverage) === 'full').map((r) => r.metric))].sort();
      expect(supported, body).toEqual([...PER_BODY_SUPPORTED].sort());
      const none = rows.filter((r) => support(r.coverage) === 'none').map((r) => r.metric);
      // The table gives 35岁及以下 but not the other bands: a band is a part of its banding, so none is available.
      for (const m of [
        'age_le35_share',
        'age_36_45_share',
        'age_46_55_share',
        'age_ge56_share',
        'age_le29_share',
        'age_30_49_share',
        'age_ge50_share',
        'winner_vote_share',
        'college_graduate_officials',
        'first_round_success_rate',
      ] as const)
        expect(none, `${body} ${m}`).toContain(m);
      expect(rows.filter((r) => support(r.coverage) === 'partial')).toEqual([]);
    }
  });

  it('both bodies: 27 persons of 33 seats, 6 on both; what the cross-holders blur is not available for that village', async () => {
    const township = new Map((await queryMetrics(table, query('all', []))).map((r) => [r.metric, r]));
    expect([
      township.get('members')!.value,
      township.get('cross_holding_rate')!.numerator,
      township.get('cross_holding_rate')!.denominator,
    ]).toEqual([27, 6, 27]);
    for (const m of ['members', 'cross_holding_rate', 'party_member_share', 'minority_share', 'one_shoulder_rate', 'turnout'] as const)
      expect(support(township.get(m)!.coverage), m).toBe('full');
    expect(township.get('women_share')!.coverage).toEqual({ covered: 3, of: 4 });
    expect(township.get('avg_age')!.coverage).toEqual({ covered: 1, of: 4 });

    const villages = await queryMetrics(table, query('all', ['village']));
    const at = (village: string, m: MetricId) => villages.find((r) => r.village === village && r.metric === m)!;
    // 桃源村 has no one on both bodies: every figure the table carries is exact there.
    for (const m of PER_BODY_SUPPORTED) expect(support(at('桃源村', m).coverage), `桃源村 ${m}`).toBe('full');
    // 梨园村's one cross-holder is a woman; the table cannot say whether she is one of the committee's three.
    expect(support(at('梨园村', 'women_share').coverage)).toBe('none');
    expect(support(at('杏林村', 'women_share').coverage)).toBe('full');
    expect(support(at('竹溪村', 'women_share').coverage)).toBe('full');
  });

  it('heads only, and the age pyramid: not available from a table, available from the roster', async () => {
    for (const body of BODIES) {
      const t = await queryMetrics(table, query(body, [], 'head'));
      const people = t.filter((r) => metricDef(r.metric).source === 'people');
      expect(people.length).toBeGreaterThan(0);
      for (const r of people) expect([r.metric, support(r.coverage), r.value]).toEqual([r.metric, 'none', null]);
      const r = await queryMetrics(roster, query(body, [], 'head'));
      expect(support(r.find((x) => x.metric === 'members')!.coverage)).toBe('full');
    }
    const scope = { county: '青山县', township: '桃源镇', cycles: [2021], body: 'all' as const, role: 'all' as const };
    expect(await ageDistribution(table, scope)).toEqual({ bands: [], coverage: { covered: 0, of: 4 } });
    expect((await ageDistribution(roster, scope)).coverage).toEqual({ covered: 4, of: 4 });
  });

  it('rule checks on committees read the table as they read the roster', async () => {
    const only = ['committee_size', 'no_woman_on_committee'] as const;
    const q = { county: '青山县', township: '桃源镇', cycles: [2021], body: 'all' as const };
    expect(await summarizeRules(table, q, only)).toEqual(await summarizeRules(roster, q, only));
    expect((await summarizeRules(table, q, only)).map((s) => s.checked)).toEqual([4, 4]);
  });
});

describe('rosters and statistical tables together', () => {
  it('a roster in one cycle and a table in the next: trends run over both', async () => {
    const db = await freshDb();
    // The roster, as a user would import it for 2017: the year column left unmapped, 2017 given for the whole file.
    const { analysis } = analyzeFixture('members-taoyuan.csv');
    const plan = analysis.sheets[0]!;
    const columns = plan.columns.map((c) => (c.field === 'cycle_year' ? { ...c, field: null } : c));
    const prepared = prepareImport(analysis.source.sheets[0]!, plan.layout!, 'members', columns, { cycle_year: '2017' });
    await importPrepared(db, prepared, { fileName: 'members-taoyuan.csv', sheetName: null, encoding: 'utf-8' }, async () => 'keep');
    await importFixture(db, 'stats-taoyuan-gb18030.csv');
    const trend = await queryMetrics(db, {
      ...query('village_committee', ['cycle'], 'all', ['villages', 'members', 'women_share', 'age_36_45_share']),
      cycles: [],
    });
    const at = (m: MetricId, y: number) => trend.find((r) => r.metric === m && r.cycle_year === y)!;
    expect([at('members', 2017).value, at('members', 2021).value]).toEqual([19, 19]);
    expect([at('women_share', 2017).value, at('women_share', 2021).value]).toEqual([(9 / 19) * 100, (9 / 19) * 100]);
    expect(support(at('age_36_45_share', 2017).coverage)).toBe('full');
    expect(support(at('age_36_45_share', 2021).coverage)).toBe('none');
    expect([at('villages', 2017).value, at('villages', 2021).value]).toEqual([4, 4]);
    expect(await listOverlaps(db)).toEqual([]);
    await db.close();
  });

  it('asks which counts where both cover a village × cycle × body, and keeps the answer through save, restore and archive', async () => {
    const db = await freshDb();
    const store = memoryStore();
    const p = await Persistence.open(db, store, { readOnly: false });
    const item = (name: string) => {
      const { analysis, prepared } = analyzeFixture(name);
      return {
        stage: (target: Db) => stageImport(target, prepared),
        meta: { fileName: name, sheetName: null, encoding: analysis.source.encoding?.chosen ?? null },
      };
    };
    const asked: { file: string; n: number }[] = [];
    // In one batch: the table is staged after the roster, so it is the one asked about.
    const out = await importBatch(db, [item('members-taoyuan.csv'), item('stats-taoyuan-gb18030.csv')], {
      ask: async () => 'keep',
      askSource: async (file, overlaps) => (asked.push({ file, n: overlaps.length }), 'table'),
      persistence: p,
    });
    expect(out.saveError).toBeNull();
    expect(asked).toEqual([{ file: 'stats-taoyuan-gb18030.csv', n: 8 }]);
    const counted = async (d: Db) => (await listOverlaps(d)).map((o) => o.counted);
    expect(await counted(db)).toEqual(Array(8).fill('table'));
    const band = async (d: Db) => support((await queryMetrics(d, query('village_committee', [], 'all', ['age_36_45_share'])))[0]!.coverage);
    expect(await band(db)).toBe('none'); // the table counts: it has no 36–45 band

    // The data manager's switch: the roster counts again; the table's import must be saved again.
    const touched = await setSourceChoice(db, await listOverlaps(db), 'roster');
    expect(touched).toEqual([out.items[1]!.importId]);
    await p.save(touched);
    expect(await counted(db)).toEqual(Array(8).fill('roster'));
    expect(await band(db)).toBe('full');
    const rosterFigures = await queryMetrics(db, query('all', ['village'], 'all', PEOPLE));
    expect(rosterFigures).toEqual(await queryMetrics(roster, query('all', ['village'], 'all', PEOPLE)));

    // Reload: a fresh database restored from the saved files.
    const again = await freshDb();
    await (await Persistence.open(again, store, { readOnly: false })).restore();
    expect(await counted(again)).toEqual(Array(8).fill('roster'));
    expect(await queryMetrics(again, query('all', ['village'], 'all', PEOPLE))).toEqual(rosterFigures);

    // An archive restored in another browser.
    await setSourceChoice(again, await listOverlaps(again), 'table');
    const pAgain = await Persistence.open(again, store, { readOnly: false });
    await pAgain.save((await again.query<{ import_id: number }>('SELECT import_id FROM imports')).map((r) => r.import_id));
    const archive = await pAgain.snapshotFiles();
    const other = await freshDb();
    const pOther = await Persistence.open(other, memoryStore(), { readOnly: false });
    expect(await pOther.replaceWith(archive)).toBe(2);
    expect(await counted(other)).toEqual(Array(8).fill('table'));
    expect(await band(other)).toBe('none');
    expect(await queryMetrics(other, query('all', ['village']))).toEqual(await queryMetrics(table, query('all', ['village'])));
    for (const d of [db, again, other]) await d.close();
  });

  it('asks again when a roster arrives for villages a table already covers, and records the answer on the table rows', async () => {
    const db = await freshDb();
    await importFixture(db, 'stats-taoyuan-gb18030.csv');
    const asked: number[] = [];
    const { prepared, analysis } = analyzeFixture('members-taoyuan.csv');
    const outcome = await importPrepared(
      db,
      prepared,
      { fileName: 'members-taoyuan.csv', sheetName: null, encoding: analysis.source.encoding?.chosen ?? null },
      async () => 'keep',
      null,
      async (o) => (asked.push(o.length), 'roster'),
    );
    expect(asked).toEqual([8]);
    expect(outcome.overlaps).toHaveLength(8);
    expect(await db.query('SELECT DISTINCT source_choice FROM member_counts')).toEqual([{ source_choice: 'roster' }]);
    expect(await queryMetrics(db, query('all', ['village'], 'all', PEOPLE))).toEqual(
      await queryMetrics(roster, query('all', ['village'], 'all', PEOPLE)),
    );
    await db.close();
  });
});

describe('the bundled sample: 杨树乡 reports only statistical tables', () => {
  it("imports them as tables beside the other townships' rosters; per body they give every figure they carry", async () => {
    const dir = path.resolve(import.meta.dirname, '../../data/sample');
    const db = await freshDb();
    const kinds: Record<string, string> = {};
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.csv'))
      .sort()) {
      const analysis = analyzeFile(new Uint8Array(readFileSync(path.join(dir, name))), name);
      const prepared = prepareDefault(analysis)!;
      kinds[name] = prepared.kind;
      if (prepared.kind === 'stats') {
        expect(prepared.counts, name).toMatchObject({ dataRows: 40, rejected: 0, warned: 0 });
        expect(
          prepared.totals.flatMap((t) => t.mismatches),
          name,
        ).toEqual([]);
      }
      await importPrepared(
        db,
        prepared,
        { fileName: name, sheetName: null, encoding: analysis.source.encoding?.chosen ?? null, isSample: true },
        async () => 'keep',
      );
    }
    expect(Object.values(kinds).sort()).toEqual(['members', 'results', 'results', 'stats', 'stats', 'stats', 'stats']);
    const yangshu = "village_key IN (SELECT village_key FROM stat_places WHERE township = '杨树乡')";
    const n = async (t: string) => (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t} WHERE ${yangshu}`))[0]!.n;
    expect([await n('members'), await n('member_counts'), await n('results')]).toEqual([0, 160, 160]);

    const q = (township: string | null, body: BodyScope, metrics = ALL): MetricQuery => ({
      metrics,
      county: '河口县',
      township,
      cycles: [2021],
      body,
      role: 'all',
      groupBy: [],
    });
    const own = await queryMetrics(db, q('杨树乡', 'village_committee'));
    expect(own.find((r) => r.metric === 'villages')!.value).toBe(20);
    const full = own
      .filter((r) => support(r.coverage) === 'full')
      .map((r) => r.metric)
      .sort();
    expect(full).toEqual([...PER_BODY_SUPPORTED].sort());
    // The county mixes 40 roster villages and 20 table villages: the bands only rosters have in full are labelled.
    const county = await queryMetrics(db, q(null, 'village_committee', ['age_36_45_share', 'age_le35_share', 'women_share']));
    expect(
      county.filter((r) => ['age_36_45_share', 'age_le35_share', 'women_share'].includes(r.metric)).map((r) => [r.metric, r.coverage]),
    ).toEqual([
      ['age_36_45_share', { covered: 40, of: 60 }],
      ['age_le35_share', { covered: 40, of: 60 }],
      ['women_share', { covered: 60, of: 60 }],
    ]);
    // Another township keeps its roster figures, all complete.
    for (const r of await queryMetrics(db, q('白沙镇', 'all', PEOPLE))) expect(support(r.coverage), r.metric).toBe('full');
    // The deliberate 2011 breach is read from the statistical table's voter figures.
    const breaches = await findRuleBreaches(db, { county: '河口县', township: '杨树乡', cycles: [2011], body: 'village_committee' }, [
      'turnout_not_over_half',
    ]);
    expect(breaches.map((b) => [b.village, b.figures.turnout?.toFixed(1)])).toEqual([['任家沟村', '47.6']]);
    await db.close();
  }, 300_000);
});
