/**
 * The first dashboard saved with the user's data (src/store/savedSnapshot.ts): made when the
 * count tables are saved, it holds exactly the figures the engine gives for the saved data after
 * a reload; one of other data (imports or office tables changed since) or of another build is
 * never handed out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardSnapshot } from '../../src/app/dashboardSnapshot';
import { importBatch, type BatchItem } from '../../src/app/importer';
import { parseSnapshot } from '../../src/app/snapshotFile';
import { stageImport } from '../../src/db/load';
import { ensureSchema } from '../../src/db/schema';
import { setSetting } from '../../src/db/savedTables';
import type { Db } from '../../src/db/types';
import { openNodeDb } from '../../src/db/nodeDb';
import { memoryStore, type FileStore } from '../../src/store/fileStore';
import { MANIFEST, manifestBytes, parseManifest } from '../../src/store/manifest';
import { Persistence } from '../../src/store/persistence';
import { readSavedSnapshot } from '../../src/store/savedSnapshot';
import { analyzeFixture, freshDb } from './helpers';

const FILES = ['results-utf8.csv', 'members-gb18030.csv', 'stats-taoyuan-gb18030.csv'];
const VERSION = 'test-build';

function item(name: string): BatchItem {
  const { analysis, prepared } = analyzeFixture(name);
  return {
    stage: (db) => stageImport(db, prepared),
    meta: { fileName: name, sheetName: null, encoding: analysis.source.encoding?.chosen ?? null },
  };
}

/** A snapshot's figures: each query's key and data (not when it was fetched). */
const figures = (json: unknown) =>
  parseSnapshot(json)
    .state.queries.map((q) => [JSON.stringify(q.queryKey), JSON.stringify(q.state.data)])
    .sort();

const snapshotBytes = async (db: Db) => new TextEncoder().encode(JSON.stringify(await dashboardSnapshot(db)));

async function saved(store: FileStore, version = VERSION): Promise<unknown> {
  const bytes = await readSavedSnapshot(store, version);
  return bytes && JSON.parse(new TextDecoder().decode(bytes));
}

const settle = async (p: Persistence) => {
  while (p.status().writing) await new Promise((r) => setTimeout(r, 20));
};

const copyOf = async (store: FileStore) =>
  memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));

let db: Db;
let store: FileStore;
let p: Persistence;
const open: Db[] = [];

beforeAll(async () => {
  db = await freshDb();
  store = memoryStore();
  p = await Persistence.open(db, store, { readOnly: false });
  p.keepSnapshot(VERSION, () => snapshotBytes(db));
  const out = await importBatch(db, FILES.map(item), { ask: async () => 'keep', persistence: p });
  expect(out.saveError).toBeNull();
  await settle(p);
});
afterAll(async () => {
  for (const d of [db, ...open]) await d?.close();
});

describe('the first dashboard saved with the data', () => {
  it('is saved with the counts and holds the figures the engine gives after a reload', async () => {
    const snap = await saved(store);
    expect(snap).not.toBeNull();
    // A new engine, everything restored from the saved state: the same figures under the same keys.
    const fresh = await openNodeDb();
    open.push(fresh);
    await ensureSchema(fresh);
    await (await Persistence.open(fresh, store, { readOnly: true })).restore();
    const again = figures(await dashboardSnapshot(fresh));
    expect(again.length).toBeGreaterThan(5);
    expect(figures(snap)).toEqual(again);
  });

  it('is not handed out to another build, nor once the data it was made of changed', async () => {
    expect(await saved(store, 'another-build')).toBeNull();
    const m = parseManifest((await store.read(MANIFEST))!);
    for (const stale of [
      { ...m, imports: m.imports.slice(1) },
      { ...m, tables: { ...m.tables, app_settings: { file: 'other.arrow', rows: 1 } } },
    ]) {
      const s = await copyOf(store);
      await s.write(MANIFEST, manifestBytes(stale));
      expect(await saved(s)).toBeNull();
    }
  });

  it('follows a delete and its undo; a save of the office tables drops it until it is made again', async () => {
    const before = figures(await saved(store));
    const [first] = parseManifest((await store.read(MANIFEST))!).imports;
    await p.delete([first!.record.import_id]);
    const afterDelete = await saved(store);
    expect(afterDelete).not.toBeNull();
    expect(figures(afterDelete)).toEqual(figures(await dashboardSnapshot(db)));
    expect(figures(afterDelete)).not.toEqual(before);
    await p.undoDelete();
    expect(figures(await saved(store))).toEqual(before);
    // The office's tables change figures: their save drops the snapshot (an import saves them
    // while its counts are rebuilt), and the next reload makes it anew.
    await setSetting(db, 'snapshot-test', 'x');
    await p.saveTables(['app_settings']);
    expect(await saved(store)).toBeNull();
    expect(await p.saveSnapshot()).toBe(true);
    expect(figures(await saved(store))).toEqual(before);
    expect(await p.saveSnapshot()).toBe(false);
  });

  it('is not kept when it cannot be made: the save itself goes on', async () => {
    const s = await copyOf(store);
    const q = await Persistence.open(db, s, { readOnly: false });
    q.keepSnapshot(VERSION, async () => {
      throw new Error('no snapshot');
    });
    expect(await q.saveCounts()).toBe(true);
    expect(parseManifest((await s.read(MANIFEST))!).snapshot).toBeUndefined();
    expect(await saved(s)).toBeNull();
  });
});
