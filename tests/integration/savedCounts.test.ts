/**
 * The count tables kept with the saved data (src/store/savedCounts.ts): a reload restores them
 * first and the dashboard's figures come from them, the same as from a full restore and rebuild;
 * the imported rows follow on a connection of their own; saves without them (older versions),
 * stale ones and damaged ones restore the old way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatch, type BatchItem } from '../../src/app/importer';
import { stageImport } from '../../src/db/load';
import { COUNT_TABLES } from '../../src/db/countTables';
import { refreshingNullColumns } from '../../src/db/nullCounts';
import { refreshLineage } from '../../src/db/lineage';
import { listImports } from '../../src/db/queries';
import { ensureSchema } from '../../src/db/schema';
import { STATS_VERSION } from '../../src/db/stats';
import type { Db } from '../../src/db/types';
import { METRICS } from '../../src/metrics/catalogue';
import { completenessVillages, completionProgress } from '../../src/metrics/completeness';
import { ageDistribution, queryMetrics } from '../../src/metrics/query';
import { findRuleBreaches } from '../../src/metrics/ruleChecks';
import { memoryStore, type FileStore } from '../../src/store/fileStore';
import { MANIFEST, manifestBytes, parseManifest } from '../../src/store/manifest';
import { Persistence } from '../../src/store/persistence';
import { analyzeFixture, freshDb } from './helpers';
import { openNodeDb } from '../../src/db/nodeDb';

const FILES = ['results-utf8.csv', 'acceptance-township.csv', 'members-gb18030.csv', 'stats-taoyuan-gb18030.csv'];

function item(name: string): BatchItem {
  const { analysis, prepared } = analyzeFixture(name);
  return {
    stage: (db) => stageImport(db, prepared),
    meta: { fileName: name, sheetName: null, encoding: analysis.source.encoding?.chosen ?? null },
  };
}

/**
 * What the dashboard shows: every metric by township and cycle, for both bodies and all, the age
 * pyramid, and each cycle's reporting progress with its villages (the overview's line).
 */
async function figures(db: Db): Promise<string> {
  const out: unknown[] = [];
  for (const body of ['all', 'party_branch', 'village_committee'] as const)
    out.push(
      await queryMetrics(db, { metrics: METRICS.map((m) => m.id), cycles: [], body, role: 'all', groupBy: ['township', 'cycle'] }),
      await queryMetrics(db, { metrics: METRICS.map((m) => m.id), cycles: [], body, role: 'head', groupBy: ['cycle'] }),
      await ageDistribution(db, { cycles: [], body, role: 'all' }),
    );
  for (const { c } of await db.query<{ c: number }>('SELECT DISTINCT cycle_year AS c FROM stat_villages ORDER BY 1'))
    out.push(await completionProgress(db, { cycle: Number(c) }), await completenessVillages(db, { cycle: Number(c) }));
  return JSON.stringify(out);
}

/** A new engine, as a page after a reload: the schema without counts. */
async function blankDb(): Promise<Db> {
  const db = await openNodeDb();
  await ensureSchema(db, { counts: false });
  return db;
}

let db: Db;
let store: FileStore;
let before: string;
const open: Db[] = [];

beforeAll(async () => {
  db = await freshDb();
  store = memoryStore();
  const p = await Persistence.open(db, store, { readOnly: false });
  const out = await importBatch(db, FILES.map(item), { ask: async () => 'keep', persistence: p });
  expect(out.saveError).toBeNull();
  // The importer saves the counts after the import is done, in the background.
  while (p.status().writing) await new Promise((r) => setTimeout(r, 20));
  before = await figures(db);
});
afterAll(async () => {
  for (const d of [db, ...open]) await d?.close();
});

describe('count tables saved with the data', () => {
  it('are in the manifest, of the saved imports and this build of the count SQL', async () => {
    const m = parseManifest((await store.read(MANIFEST))!);
    expect(m.counts?.version).toBe(STATS_VERSION);
    expect(m.counts?.tables.map((t) => t.name)).toEqual([...COUNT_TABLES]);
    for (const t of m.counts!.tables) expect(await store.read(t.file.file)).not.toBeNull();
  });

  it('give the same figures before any imported row is loaded, then the rows follow', async () => {
    const fresh = await blankDb();
    open.push(fresh);
    const p = await Persistence.open(fresh, store, { readOnly: false });
    expect(await p.restoreCounts(STATS_VERSION)).toBe(true);
    await refreshingNullColumns(fresh, async () => undefined);
    await refreshLineage(fresh);
    const [{ n }] = (await fresh.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM imports')) as [{ n: number }];
    expect(n).toBe(0);
    // What no view reads comes with the rows, not before the dashboard.
    expect(await fresh.query("SELECT table_name FROM duckdb_tables() WHERE table_name = 'person_links'")).toEqual([]);
    expect(await figures(fresh)).toBe(before);
    // The count tables have the types the build made (a sum restored as INTEGER would differ in kind).
    const types = async (d: Db) =>
      d.query("SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE table_name LIKE 'stat_%' ORDER BY ALL");
    expect(await types(fresh)).toEqual(await types(db));
    await p.restoreRows();
    expect((await listImports(fresh)).map((i) => i.file_name)).toEqual(FILES);
    expect(await figures(fresh)).toBe(before);
    const links = 'SELECT * FROM person_links ORDER BY ALL';
    expect(await fresh.query(links)).toEqual(await db.query(links));
    const scope = { cycles: [], body: 'all' as const };
    expect(JSON.stringify(await findRuleBreaches(fresh, scope))).toBe(JSON.stringify(await findRuleBreaches(db, scope)));
  });

  it('are left alone by a save without them (an older version), which restores the old way', async () => {
    const m = parseManifest((await store.read(MANIFEST))!);
    const old = memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));
    const { counts: _dropped, ...without } = m;
    await old.write(MANIFEST, manifestBytes(without));
    const fresh = await blankDb();
    open.push(fresh);
    const p = await Persistence.open(fresh, old, { readOnly: false });
    expect(await p.restoreCounts(STATS_VERSION)).toBe(false);
    await p.restore();
    expect(await figures(fresh)).toBe(before);
    // Kept then, for the next reload.
    expect(await p.saveCounts()).toBe(true);
    expect(parseManifest((await old.read(MANIFEST))!).counts?.of).toBe(m.counts?.of);
  });

  it('are not used when they are of other imports, another count SQL or damaged', async () => {
    const m = parseManifest((await store.read(MANIFEST))!);
    const variants = [
      { ...m, counts: { ...m.counts!, of: '[]' } },
      { ...m, counts: { ...m.counts!, version: 'other' } },
    ];
    for (const v of variants) {
      const s = memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));
      await s.write(MANIFEST, manifestBytes(v));
      const fresh = await blankDb();
      open.push(fresh);
      expect(await (await Persistence.open(fresh, s, { readOnly: false })).restoreCounts(STATS_VERSION)).toBe(false);
    }
    const s = memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));
    const people = m.counts!.tables.find((t) => t.name === 'stat_people')!.file.file;
    const bytes = (await s.read(people))!;
    await s.write(people, bytes.subarray(0, bytes.length - 8));
    const fresh = await blankDb();
    open.push(fresh);
    const p = await Persistence.open(fresh, s, { readOnly: false });
    expect(await p.restoreCounts(STATS_VERSION)).toBe(false);
    // Nothing half-made is left: the full restore builds them.
    expect(await fresh.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'stat_%'")).toEqual([]);
    await p.restore();
    expect(await figures(fresh)).toBe(before);
  });

  it('restore the dashboard’s tables even with person_links damaged, which is counted again once the rows are in', async () => {
    const m = parseManifest((await store.read(MANIFEST))!);
    const s = memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));
    const links = m.counts!.tables.find((t) => t.name === 'person_links')!.file.file;
    const bytes = (await s.read(links))!;
    await s.write(links, bytes.subarray(0, bytes.length - 8));
    const fresh = await blankDb();
    open.push(fresh);
    const p = await Persistence.open(fresh, s, { readOnly: false });
    expect(await p.restoreCounts(STATS_VERSION)).toBe(true);
    await p.restoreRows();
    const sql = 'SELECT * FROM person_links ORDER BY ALL';
    expect(await fresh.query(sql)).toEqual(await db.query(sql));
    expect(await figures(fresh)).toBe(before);
  });

  it('are not used once the village changes are saved anew: persons link across a merge or rename', async () => {
    const s = memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));
    const copy = await blankDb();
    open.push(copy);
    const p = await Persistence.open(copy, s, { readOnly: false });
    expect(await p.restoreCounts(STATS_VERSION)).toBe(true);
    await p.restoreRows();
    const [a, b] = await copy.query<{ k: string }>('SELECT DISTINCT village_key AS k FROM members ORDER BY k LIMIT 2');
    await copy.query("INSERT INTO village_changes VALUES (1, 'rename', ?, 'x', ?, 'y', 2099, NULL, 'ui')", [a!.k, b!.k]);
    await p.saveTables(['village_changes']);
    const fresh = await blankDb();
    open.push(fresh);
    expect(await (await Persistence.open(fresh, s, { readOnly: false })).restoreCounts(STATS_VERSION)).toBe(false);
  });

  it('of imports no longer saved are dropped, files and all, before the next copy is written', async () => {
    const s = memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));
    const m = parseManifest((await s.read(MANIFEST))!);
    const stale = m.counts!.tables.map((t) => t.file.file);
    const p = await Persistence.open(db, s, { readOnly: false });
    const [first] = await listImports(db);
    // As an import saves itself: the counts later, once they are refreshed (saveCounts).
    await p.save([first!.import_id], { counts: false });
    const after = parseManifest((await s.read(MANIFEST))!);
    expect(after.counts).toBeUndefined();
    expect(after.snapshot).toBeUndefined();
    const names = await s.list();
    for (const f of stale) expect(names).not.toContain(f);
    // The storage a million rows' counts take is free for the new copy, which is then kept.
    expect(await p.saveCounts()).toBe(true);
    expect(parseManifest((await s.read(MANIFEST))!).counts?.of).not.toBe(m.counts!.of);
  });

  it('waiting for a quiet engine, give way to an import’s own save', async () => {
    const s = memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));
    const p = await Persistence.open(db, s, { readOnly: false });
    const [first] = await listImports(db);
    // Queued by the import before, waiting for a pause the engine never makes here.
    const never = () => new Promise<void>(() => undefined);
    const counts = p.saveCounts({ after: never });
    const snapshot = p.saveSnapshot({ after: never });
    // The first is waiting in its turn by now, the second queued behind it. Without giving way,
    // the import's save would wait behind them for good (the test times out).
    await new Promise((r) => setTimeout(r, 20));
    await p.save([first!.import_id], { counts: false });
    expect(await counts).toBe(false);
    expect(await snapshot).toBe(false);
    expect(p.status().writing).toBe(false);
    // Once the import is saved, a save of the counts goes through as before.
    expect(await p.saveCounts({ after: async () => undefined })).toBe(true);
  });

  it('follow a delete, its undo and a save that rewrites an import', async () => {
    const p = await Persistence.open(db, store, { readOnly: false });
    const [first] = await listImports(db);
    await p.delete([first!.import_id]);
    const afterDelete = await figures(db);
    expect(afterDelete).not.toBe(before);
    const check = async (want: string) => {
      const fresh = await blankDb();
      open.push(fresh);
      const q = await Persistence.open(fresh, store, { readOnly: false });
      expect(await q.restoreCounts(STATS_VERSION)).toBe(true);
      await refreshingNullColumns(fresh, async () => undefined);
      await refreshLineage(fresh);
      expect(await figures(fresh)).toBe(want);
    };
    await check(afterDelete);
    await p.undoDelete();
    await check(before);
    // A save that rewrites an import (as a source choice does) keeps counts of the new files.
    await p.save([first!.import_id]);
    await check(before);
  });
});
