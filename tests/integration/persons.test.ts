/**
 * Persons linked across cycles on the real engine: 石桥镇 (清河县) over 2015 (no ID numbers), 2018
 * (ID numbers) and 2021 (numbers for 东坡村 only), scripts/fixtures/persons.ts. Every figure below
 * is counted by hand from that table; the arithmetic is beside each expectation.
 *
 * Who is who (c = 连任 re-elected, n = 新进 new, a = ambiguous, L = 离任 left):
 *   东坡村 村委会  2015 王建军 李红梅 刘强
 *                 2018 王建军 c, 李红梅 c (name + birth month: 2015 has no numbers), 赵磊 n, 陈刚 n; 刘强 L
 *                 2021 王建军 c, 李洪梅 c (李红梅 misspelt: same number), 孙丽 n, 陈刚 n (another man:
 *                      his number differs, the roster says 是 — the one disagreement); 赵磊 L, 陈刚 L
 *   东坡村 村党支部 2015 王建军 周明
 *                 2018 王建军 c, 周明 c, 李红梅 n (on the committee before, new on the branch)
 *                 2021 王建军 c, 李洪梅 c, 吴芳 n; 周明 L
 *   西岭村 村委会  2015 张伟 马丽 何勇
 *                 2018 张伟 c, 马丽 c, 黄涛 n; 何勇 L
 *                 2021 张伟 a, 张伟 a (two 张伟 born 1975.03, no numbers), 马丽 c, 黄涛 c
 * Years in office at the election (the unbroken run's first cycle, counted from 2015 at the earliest):
 *   2018: 3 for each c (2018 − 2015), 0 for each n.
 *   2021 村委会: 王建军 6, 李洪梅 6, 孙丽 0, 陈刚 0 (东坡村); 马丽 6, 黄涛 3 (西岭村: from 2018).
 *   2021 村党支部: 王建军 6, 李洪梅 3 (new on the branch in 2018), 吴芳 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/types';
import { queryMetrics, type MetricRow } from '../../src/metrics/query';
import type { MetricQuery } from '../../src/metrics/sql';
import type { MetricId } from '../../src/metrics/catalogue';
import { findRuleBreaches } from '../../src/metrics/ruleChecks';
import { countForeignIdHashes, findAmbiguousLinks, personHistory, villageRoster } from '../../src/db/personLinks';
import { officeIdKey, officeIdKeyId } from '../../src/db/idKey';
import { setIdHashKey } from '../../src/import/idHash';
import { importBatch } from '../../src/app/importer';
import { stageImport } from '../../src/db/load';
import { memoryStore } from '../../src/store/fileStore';
import { MANIFEST, parseManifest } from '../../src/store/manifest';
import { Persistence } from '../../src/store/persistence';
import { analyzeFixture, freshDb, importFixture } from './helpers';

const FILES = ['persons-2015-gb18030.csv', 'persons-2018-gb18030.csv', 'persons-2021.xlsx'] as const;

async function importAll(db: Db, files: readonly string[] = FILES): Promise<void> {
  for (const f of files) {
    const { outcome, analysis } = await importFixture(db, f);
    expect(outcome.importId, f).not.toBeNull();
    expect(analysis.sheets[analysis.sheetIndex]?.kind, f).toBe('members');
  }
}

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  // As the importer does (src/app/importer.ts stageFile): the office's key, made once.
  setIdHashKey(await officeIdKey(db));
  await importAll(db);
});
afterAll(async () => {
  await db.close();
});

const TURNOVER: MetricId[] = [
  'continued_rate',
  'newly_elected_rate',
  'left_rate',
  'avg_years_in_office',
  'continued_members',
  'newly_elected_members',
  'left_members',
];
const base: MetricQuery = {
  metrics: TURNOVER,
  county: '清河县',
  township: '石桥镇',
  cycles: [2021],
  body: 'all',
  role: 'all',
  groupBy: [],
};

/** Each metric's numerator / denominator, covered villages and value to 0.1, by metric. */
async function figures(q: Partial<MetricQuery>, dbx = db): Promise<Record<string, unknown[]>> {
  const rows: MetricRow[] = await queryMetrics(dbx, { ...base, ...q });
  return Object.fromEntries(
    rows
      .filter((r) => TURNOVER.includes(r.metric))
      .map((r) => [
        r.metric,
        [r.numerator, r.denominator, r.coverage.covered, r.coverage.of, r.value === null ? null : Math.round(r.value * 10) / 10],
      ]),
  );
}

describe('re-elected, newly elected and left, computed from the linked rosters', () => {
  it('村委会 2021, township: both villages', async () => {
    expect(await figures({ body: 'village_committee' })).toEqual({
      // 连任 东坡村 2 (王建军, 李洪梅) + 西岭村 2 (马丽, 黄涛) = 4 of 4 + 2 known (the two 张伟 are in no denominator)
      continued_rate: [4, 6, 2, 2, 66.7],
      // 新进 东坡村 2 (孙丽, 陈刚) + 西岭村 0 = 2 of 6
      newly_elected_rate: [2, 6, 2, 2, 33.3],
      // 离任 东坡村 2 (赵磊, 陈刚) of 4 + 西岭村 0 of 2 (2018 张伟 is ambiguous) = 2 of 6
      left_rate: [2, 6, 2, 2, 33.3],
      // years: 东坡村 6 + 6 + 0 + 0 = 12, 西岭村 6 + 3 = 9: 21 ÷ 6 = 3.5
      avg_years_in_office: [21, 6, 2, 2, 3.5],
      continued_members: [4, null, 2, 2, 4],
      newly_elected_members: [2, null, 2, 2, 2],
      left_members: [2, null, 2, 2, 2],
    });
  });

  it('村委会 2018: linked to 2015 by name and birth month (2015 has no ID numbers)', async () => {
    expect(await figures({ body: 'village_committee', cycles: [2018] })).toEqual({
      // 东坡村 2 of 4 + 西岭村 2 of 3 = 4 of 7 = 57.1%
      continued_rate: [4, 7, 2, 2, 57.1],
      // 东坡村 2 (赵磊, 陈刚) + 西岭村 1 (黄涛) = 3 of 7 = 42.9%
      newly_elected_rate: [3, 7, 2, 2, 42.9],
      // 东坡村 1 (刘强) of 3 + 西岭村 1 (何勇) of 3 = 2 of 6
      left_rate: [2, 6, 2, 2, 33.3],
      // (3 + 3 + 0 + 0) + (3 + 3 + 0) = 12 ÷ 7 = 1.714…
      avg_years_in_office: [12, 7, 2, 2, 1.7],
      continued_members: [4, null, 2, 2, 4],
      newly_elected_members: [3, null, 2, 2, 3],
      left_members: [2, null, 2, 2, 2],
    });
  });

  it('2015, the earliest cycle, has nothing to compare with: not available, never 0', async () => {
    const f = await figures({ body: 'village_committee', cycles: [2015] });
    for (const id of TURNOVER) expect(f[id], id).toEqual([null, id.endsWith('_members') ? null : null, 0, 2, null]);
  });

  it('村党支部 2021 (东坡村 only)', async () => {
    expect(await figures({ body: 'party_branch' })).toEqual({
      // 王建军, 李洪梅 of 3
      continued_rate: [2, 3, 1, 1, 66.7],
      // 吴芳
      newly_elected_rate: [1, 3, 1, 1, 33.3],
      // 周明 of 王建军, 周明, 李红梅
      left_rate: [1, 3, 1, 1, 33.3],
      // 6 + 3 + 0 = 9 ÷ 3
      avg_years_in_office: [9, 3, 1, 1, 3],
      continued_members: [2, null, 1, 1, 2],
      newly_elected_members: [1, null, 1, 1, 1],
      left_members: [1, null, 1, 1, 1],
    });
  });

  it('both bodies: persons counted once', async () => {
    expect(await figures({ body: 'all' })).toEqual({
      // 东坡村 persons 2021: 王建军 c, 李洪梅 c, 孙丽 n, 陈刚 n, 吴芳 n; 西岭村: 张伟 (two seats of one
      // name on one body: ambiguous), 马丽 c, 黄涛 c. 连任 2 + 2 = 4 of 5 + 2 = 7
      continued_rate: [4, 7, 2, 2, 57.1],
      newly_elected_rate: [3, 7, 2, 2, 42.9],
      // 东坡村 2018 persons 王建军, 李红梅, 赵磊, 陈刚, 周明: 赵磊, 陈刚, 周明 left (3 of 5); 西岭村 0 of 2
      left_rate: [3, 7, 2, 2, 42.9],
      // 6 + 6 + 0 + 0 + 0 + 6 + 3 = 21 ÷ 7
      avg_years_in_office: [21, 7, 2, 2, 3],
      continued_members: [4, null, 2, 2, 4],
      newly_elected_members: [3, null, 2, 2, 3],
      left_members: [3, null, 2, 2, 3],
    });
  });

  it('per village', async () => {
    const rows = await queryMetrics(db, {
      ...base,
      metrics: ['newly_elected_rate', 'left_rate'],
      body: 'village_committee',
      groupBy: ['village'],
    });
    expect(rows.map((r) => [r.village, r.metric, r.numerator, r.denominator])).toEqual([
      ['东坡村', 'newly_elected_rate', 2, 4],
      ['东坡村', 'left_rate', 2, 4],
      ['西岭村', 'newly_elected_rate', 0, 2],
      ['西岭村', 'left_rate', 0, 2],
    ]);
  });
});

describe('what cannot be decided is listed, and a 是否连任 column is checked', () => {
  it('lists the two 张伟 of 西岭村 2021 beside the 张伟 of 2018, not guessed', async () => {
    const list = await findAmbiguousLinks(db, { cycles: [] });
    expect(list.map((a) => [a.village, a.body, a.cycle_year, a.name, a.role, a.birth, a.prev_cycle, a.prev_name, a.prev_birth])).toEqual([
      ['西岭村', 'village_committee', 2021, '张伟', 'director', '1975.03', 2018, '张伟', '1975.03'],
      ['西岭村', 'village_committee', 2021, '张伟', 'member', '1975.03', 2018, '张伟', '1975.03'],
    ]);
    // Masked only: the 2018 row carries its number, the 2021 rows none.
    expect(list[0]!.prev_id_masked).toMatch(/^130206\*{8}\d{3}[\dX]$/);
    expect(list[0]!.id_masked).toBeNull();
  });

  it('flags the one row whose 是否连任 disagrees with the rosters: 陈刚, 东坡村 2021', async () => {
    const breaches = await findRuleBreaches(db, { county: '清河县', cycles: [], body: 'all' }, ['reelection_mismatch']);
    expect(breaches.map((b) => [b.village, b.cycle_year, b.body, b.person, b.figures])).toEqual([
      ['东坡村', 2021, 'village_committee', '陈刚', { reelected_stated: 1, reelected_computed: 0 }],
    ]);
  });
});

describe("a person's history", () => {
  it('is reached from the village roster and follows the links through a misspelt name', async () => {
    const roster = await villageRoster(db, 'code:139902201201', 2021);
    expect(roster.map((r) => [r.body, r.name, r.role, r.status, r.years])).toEqual([
      ['party_branch', '王建军', 'secretary', 'continued', 6],
      ['party_branch', '李洪梅', 'member', 'continued', 3],
      ['party_branch', '吴芳', 'member', 'new', 0],
      ['village_committee', '王建军', 'director', 'continued', 6],
      ['village_committee', '李洪梅', 'member', 'continued', 6],
      ['village_committee', '孙丽', 'member', 'new', 0],
      ['village_committee', '陈刚', 'member', 'new', 0],
    ]);
    const li = roster.find((r) => r.name === '李洪梅')!;
    expect(li.id_masked).toMatch(/^130202\*{8}\d{4}$/);
    const history = await personHistory(db, li.person_key);
    // 2021 (self), 2018 by her number, 2015 by name and birth month from 2018.
    expect(history.map((h) => [h.cycle_year, h.body, h.name, h.role, h.found])).toEqual([
      [2021, 'party_branch', '李洪梅', 'member', 'self'],
      [2021, 'village_committee', '李洪梅', 'member', 'self'],
      [2018, 'party_branch', '李红梅', 'member', 'linked'],
      [2018, 'village_committee', '李红梅', 'member', 'linked'],
      [2015, 'village_committee', '李红梅', 'member', 'linked'],
    ]);
    // Never the full number.
    expect(JSON.stringify(history)).not.toMatch(/\d{17}[\dX]/);
    // The second 陈刚 is not the first: his history is his own.
    const chen = roster.find((r) => r.name === '陈刚')!;
    expect((await personHistory(db, chen.person_key)).map((h) => h.cycle_year)).toEqual([2021]);
  });
});

describe('the ID key', () => {
  it('is made once per office and kept: a second import session links to the first', async () => {
    const keyId = await officeIdKeyId(db);
    expect(keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(await countForeignIdHashes(db, keyId)).toBe(0);
    // The same key again, not a new one.
    expect(await officeIdKeyId(db)).toBe(keyId);
  });

  it('is saved with the first roster import, restored after a reload and carried in a backup', async () => {
    const open = async (store = memoryStore()) => {
      const d = await freshDb();
      const p = await Persistence.open(d, store, { readOnly: false });
      await p.restore();
      return { db: d, p, store };
    };
    const importWith = async (x: Awaited<ReturnType<typeof open>>, file: string) => {
      // As the importer does for each file: the office's key, then the rows.
      setIdHashKey(await officeIdKey(x.db));
      const { prepared } = analyzeFixture(file);
      await importBatch(x.db, [{ stage: (d) => stageImport(d, prepared), meta: { fileName: file, sheetName: null, encoding: null } }], {
        ask: async () => 'keep',
        persistence: x.p,
      });
    };
    const a = await open();
    expect(await officeIdKeyId(a.db)).toBeNull();
    await importWith(a, FILES[0]);
    await importWith(a, FILES[1]);
    const keyId = await officeIdKeyId(a.db);
    expect(keyId).not.toBeNull();
    expect(parseManifest((await a.store.read(MANIFEST))!).tables.app_settings?.rows).toBe(1);

    // A reload: the key comes back with the data, and the 2021 roster links to 2018 by number.
    const b = await open(a.store);
    expect(await officeIdKeyId(b.db)).toBe(keyId);
    await importWith(b, FILES[2]);
    expect(await countForeignIdHashes(b.db, keyId)).toBe(0);
    expect(await figures({ body: 'village_committee' }, b.db)).toEqual(await figures({ body: 'village_committee' }));

    // A backup carries the key; restoring it in another browser brings this office's key along.
    const archive = await b.p.snapshotFiles();
    const c = await open();
    await c.p.replaceWith(archive);
    expect(await officeIdKeyId(c.db)).toBe(keyId);
    for (const x of [a, b, c]) await x.db.close();
  });

  it('rows hashed under another office key fall back to name, village and birth month', async () => {
    const other = await freshDb();
    try {
      setIdHashKey(await officeIdKey(other));
      await importAll(other, FILES.slice(0, 2));
      // The 2021 roster arrives hashed under another office's key (a township package).
      setIdHashKey(new Uint8Array(32).fill(9));
      await importAll(other, FILES.slice(2));
      // 2021 rows with numbers: 东坡村's 7 seats.
      expect(await countForeignIdHashes(other, await officeIdKeyId(other))).toBe(7);
      const f = await figures({ body: 'village_committee' }, other);
      // By name and birth month: 李洪梅 no longer matches 李红梅 (new, and 李红梅 left); the second
      // 陈刚 now passes for the first (continued). 东坡村: 王建军, 陈刚 c; 李洪梅, 孙丽 n; 赵磊, 李红梅 L.
      expect(f.continued_members?.[0]).toBe(2 + 2);
      expect(f.newly_elected_members?.[0]).toBe(2 + 0);
      expect(f.left_members?.[0]).toBe(2 + 0);
    } finally {
      await other.close();
    }
  });
});
