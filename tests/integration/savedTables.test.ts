/**
 * The office's own tables (src/db/savedTables.ts) on the real engine: saved whole beside the
 * imports, restored first, carried by a backup archive, replaced by a restore and brought back by
 * its undo; saves from before they existed still restore.
 */
import { describe, expect, it } from 'vitest';
import { getSetting, setSetting } from '../../src/db/savedTables';
import { importBatch } from '../../src/app/importer';
import { stageImport } from '../../src/db/load';
import { memoryStore } from '../../src/store/fileStore';
import { MANIFEST, ManifestError, parseManifest } from '../../src/store/manifest';
import { Persistence } from '../../src/store/persistence';
import { RestoreError } from '../../src/store/dump';
import { analyzeFixture, freshDb } from './helpers';

async function open(store = memoryStore()) {
  const db = await freshDb();
  const p = await Persistence.open(db, store, { readOnly: false });
  await p.restore();
  return { db, p, store };
}

const manifestOf = async (store: ReturnType<typeof memoryStore>) => parseManifest((await store.read(MANIFEST))!);

describe('saved tables', () => {
  it('are saved whole and restored on the next start', async () => {
    const a = await open();
    await setSetting(a.db, 'office_name', '柳林乡人民政府');
    await a.p.saveTables(['app_settings']);
    const m = await manifestOf(a.store);
    expect(m.tables.app_settings).toMatchObject({ rows: 1 });
    expect(await a.store.read(m.tables.app_settings!.file)).not.toBeNull();

    // A later change writes a new file; the old one is removed once the manifest no longer names it.
    await setSetting(a.db, 'office_name', '柳林乡');
    await setSetting(a.db, 'id_hash_key', 'k1');
    await a.p.saveTables();
    const m2 = await manifestOf(a.store);
    expect(m2.tables.app_settings!.rows).toBe(2);
    expect(await a.store.read(m.tables.app_settings!.file)).toBeNull();

    const b = await open(a.store);
    expect(await getSetting(b.db, 'office_name')).toBe('柳林乡');
    expect(await getSetting(b.db, 'id_hash_key')).toBe('k1');
    expect(await getSetting(b.db, 'nothing')).toBeNull();
    await a.db.close();
    await b.db.close();
  });

  it('travel in a backup, are replaced by its restore, and come back with undo', async () => {
    const from = await open();
    const { prepared } = analyzeFixture('results-utf8.csv');
    await importBatch(
      from.db,
      [{ stage: (db) => stageImport(db, prepared), meta: { fileName: 'r.csv', sheetName: null, encoding: null } }],
      {
        ask: async () => 'keep',
        persistence: from.p,
      },
    );
    await setSetting(from.db, 'office_name', '青山县民政局');
    await from.p.saveTables();
    const archive = await from.p.snapshotFiles();
    expect(parseManifest(archive.get(MANIFEST)!).tables.app_settings!.rows).toBe(1);

    const to = await open();
    await setSetting(to.db, 'office_name', '柳林乡');
    await to.p.saveTables();
    await to.p.replaceWith(archive);
    expect(await getSetting(to.db, 'office_name')).toBe('青山县民政局');
    const again = await open(to.store);
    expect(await getSetting(again.db, 'office_name')).toBe('青山县民政局');
    expect(to.p.status().canUndo).toBe(true);

    await to.p.undoDelete();
    expect(await getSetting(to.db, 'office_name')).toBe('柳林乡');
    const afterUndo = await open(to.store);
    expect(await getSetting(afterUndo.db, 'office_name')).toBe('柳林乡');
    for (const d of [from.db, to.db, again.db, afterUndo.db]) await d.close();
  });

  it('a damaged or missing table file fails the restore loudly', async () => {
    const a = await open();
    await setSetting(a.db, 'office_name', 'x');
    await a.p.saveTables();
    const file = (await manifestOf(a.store)).tables.app_settings!.file;
    const bytes = (await a.store.read(file))!;
    await a.store.write(file, bytes.subarray(0, bytes.length - 8));
    const db = await freshDb();
    const p = await Persistence.open(db, a.store, { readOnly: false });
    await expect(p.restore()).rejects.toThrow(RestoreError);
    await a.store.remove(file);
    await expect(p.restore()).rejects.toThrow(/missing/);
    await a.db.close();
    await db.close();
  });

  it('older saves without tables still open; bad table names are refused', () => {
    const old = new TextEncoder().encode(
      JSON.stringify({ format: 'cunxuan-data', version: 1, savedAt: 'x', generation: 3, sampleDismissed: false, imports: [], trash: [] }),
    );
    expect(parseManifest(old).tables).toEqual({});
    const bad = new TextEncoder().encode(
      JSON.stringify({
        format: 'cunxuan-data',
        version: 1,
        imports: [],
        trash: [],
        tables: { 'x; DROP TABLE imports': { file: 't.arrow', rows: 1 } },
      }),
    );
    expect(() => parseManifest(bad)).toThrow(ManifestError);
  });
});
