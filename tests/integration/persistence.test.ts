/**
 * Saving and restoring on the real engine: imports are saved per import as Arrow IPC written by
 * DuckDB, restored into a fresh database with identical rows and figures; deletes can be undone;
 * an archive round-trips; a full store or a damaged file never loses or half-loads data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatch, type BatchItem } from '../../src/app/importer';
import { stageImport } from '../../src/db/load';
import { METRICS } from '../../src/metrics/catalogue';
import { listImports } from '../../src/db/queries';
import { queryMetrics } from '../../src/metrics/query';
import type { Db } from '../../src/db/types';
import { buildArchive, readArchive, ArchiveError } from '../../src/store/archive';
import { memoryStore, QuotaError, type FileStore } from '../../src/store/fileStore';
import { MANIFEST, ManifestError, parseManifest } from '../../src/store/manifest';
import { isIpcFile } from '../../src/db/arrowIpc';
import { Persistence } from '../../src/store/persistence';
import { dumpImport, loadImport, RestoreError } from '../../src/store/dump';
import { dataChanged, importTable } from '../../src/db/schema';
import { concatBytes } from '../../src/util/bytes';
import { analyzeFixture, freshDb } from './helpers';

const FILES = ['results-utf8.csv', 'acceptance-township.csv', 'members-gb18030.csv', 'results-duplicate-village.csv'];

function item(name: string): BatchItem {
  const { analysis, prepared } = analyzeFixture(name);
  return {
    stage: (db) => stageImport(db, prepared),
    meta: { fileName: name, sheetName: null, encoding: analysis.source.encoding?.chosen ?? null },
  };
}

/** Every row of every data table plus every metric at two levels: what "the same figures" means. */
async function fingerprint(db: Db): Promise<string> {
  const tables: Record<string, unknown> = {};
  for (const t of ['results', 'members', 'rejected_rows'])
    tables[t] = await db.query(`SELECT * EXCLUDE (import_id) FROM ${t} ORDER BY ALL`);
  const metrics = await queryMetrics(db, {
    metrics: METRICS.map((m) => m.id),
    cycles: [],
    body: 'all',
    role: 'all',
    groupBy: ['township', 'cycle'],
  });
  const imports = (await listImports(db)).map(({ import_id: _id, ...rest }) => rest);
  return JSON.stringify({ tables, metrics, imports });
}

async function reopen(store: FileStore): Promise<{ db: Db; p: Persistence }> {
  const db = await freshDb();
  const p = await Persistence.open(db, store, { readOnly: false });
  await p.restore();
  return { db, p };
}

let db: Db;
let store: FileStore;
let p: Persistence;
let original: string;

beforeAll(async () => {
  db = await freshDb();
  store = memoryStore();
  p = await Persistence.open(db, store, { readOnly: false });
  const out = await importBatch(db, FILES.map(item), { ask: async () => 'keep', persistence: p });
  expect(out.saveError).toBeNull();
  expect(out.items.every((i) => i.importId !== null)).toBe(true);
  original = await fingerprint(db);
});
afterAll(async () => {
  await db?.close();
});

describe('save and restore', () => {
  it('writes one manifest and one Arrow file per import and table', async () => {
    const names = (await store.list()).sort();
    expect(names).toContain(MANIFEST);
    const m = parseManifest((await store.read(MANIFEST))!);
    expect(m.imports.map((i) => i.record.file_name)).toEqual(FILES);
    const members = m.imports.find((i) => i.record.file_name === 'members-gb18030.csv')!;
    expect(Object.keys(members.files)).toEqual(['members']);
    expect(members.files.members!.rows).toBe(12); // 10 clean + 2 with warnings (tests/fixtures/README.md)
    const rejects = m.imports.find((i) => i.record.file_name === 'results-duplicate-village.csv')!;
    expect(rejects.files.rejected_rows!.rows).toBeGreaterThan(0);
    const bytes = (await store.read(members.files.members!.file))!;
    // The engine's own Arrow IPC, a stream per chunk of rows (a small import is one chunk).
    expect(members.files.members!.file).toMatch(/\.arrow$/);
    expect(isIpcFile(bytes)).toBe(false);
    expect(members.files.members!.parts).toEqual([bytes.length]);
  });

  it('saves a large table chunk by chunk, gaps left by deleted rows included, and loads it back whole', async () => {
    const source = await freshDb();
    const again = await freshDb();
    try {
      const out = await importBatch(source, [item('members-gb18030.csv')], { ask: async () => 'keep' });
      const id = out.items[0]!.importId!;
      // Rows 3–8 gone: a chunk of 3 rows (rowids 3–5) holds none, another one row.
      await source.exec(`DELETE FROM ${importTable('members', id)} WHERE rowid BETWEEN 3 AND 8`);
      const rows = (sql: string, d: Db) => d.query(sql);
      const all = `SELECT * EXCLUDE (import_id) FROM members ORDER BY ALL`;
      const { entry, files } = await dumpImport(source, id, 1, 'arrow', 3);
      const saved = entry.files.members!;
      expect(saved.rows).toBe(6);
      // rowids 0–2, [6–8 deleted], 9–11: chunks 0, 3; chunk 1 (3–5) and 2 (6–8) are empty.
      expect(saved.parts).toHaveLength(2);
      const parts = files.get(saved.file)!;
      expect(parts.map((x) => x.length)).toEqual(saved.parts);
      await loadImport(again, entry, async (name) => (files.has(name) ? concatBytes(...files.get(name)!) : null));
      await dataChanged(again);
      expect(await rows(all, again)).toEqual(await rows(all, source));

      // A file whose bytes do not add up to its parts is an error, not fewer rows.
      const short = await freshDb();
      await expect(loadImport(short, entry, async (name) => concatBytes(...files.get(name)!).subarray(1))).rejects.toThrow(RestoreError);
      await short.close();

      // In CSV (an archive) the chunks are one file with one header.
      const csv = await dumpImport(source, id, 1, 'csv', 3);
      const text = new TextDecoder()
        .decode(concatBytes(...csv.files.get(csv.entry.files.members!.file)!))
        .trimEnd()
        .split('\n');
      expect(text.filter((l) => l.startsWith('import_id,'))).toHaveLength(1);
      expect(text.length).toBe(1 + 6);
    } finally {
      await source.close();
      await again.close();
    }
  });

  it('loads a save from before the chunks: one Arrow IPC file without parts', async () => {
    const source = await freshDb();
    const again = await freshDb();
    try {
      const out = await importBatch(source, [item('members-gb18030.csv')], { ask: async () => 'keep' });
      const id = out.items[0]!.importId!;
      const { entry } = await dumpImport(source, id, 1);
      const { parts: _parts, ...older } = entry.files.members!;
      const file = await source.queryArrow(`SELECT * FROM ${importTable('members', id)}`);
      expect(isIpcFile(file)).toBe(true);
      await loadImport(again, { ...entry, files: { members: older } }, async () => file);
      await dataChanged(again);
      const all = `SELECT * EXCLUDE (import_id) FROM members ORDER BY ALL`;
      expect(await again.query(all)).toEqual(await source.query(all));
    } finally {
      await source.close();
      await again.close();
    }
  });

  it('exports an archive of Arrow files to restore from and CSV files any spreadsheet opens', async () => {
    const files = await p.snapshotFiles();
    const m = parseManifest(files.get(MANIFEST)!);
    expect(m.imports.map((i) => i.record.file_name)).toEqual(FILES);
    const members = m.imports.find((i) => i.record.file_name === 'members-gb18030.csv')!.files.members!;
    expect(members.file).toMatch(/\.arrow$/);
    const readable = [...files.keys()].filter((n) => n.startsWith('csv/') && n.endsWith('-members.csv'));
    expect(readable).toHaveLength(1);
    const lines = new TextDecoder().decode(files.get(readable[0]!)!).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^source_row,village_key,/);
    expect(lines.length).toBe(1 + members.rows);
  });

  it('restores into a fresh database with the same rows and the same figures', async () => {
    const { db: again } = await reopen(store);
    expect(await fingerprint(again)).toBe(original);
    await again.close();
  });

  it('fails loudly, and loads nothing, when a saved file is damaged', async () => {
    const m = parseManifest((await store.read(MANIFEST))!);
    const copy = memoryStore(new Map(await Promise.all((await store.list()).map(async (n) => [n, (await store.read(n))!] as const))));
    const victim = m.imports[1]!.files.results!.file;
    const bytes = (await copy.read(victim))!;
    await copy.write(victim, bytes.slice(0, Math.floor(bytes.length / 2)));
    const fresh = await freshDb();
    const broken = await Persistence.open(fresh, copy, { readOnly: false });
    await expect(broken.restore()).rejects.toBeInstanceOf(RestoreError);
    expect(await fresh.query('SELECT count(*)::INTEGER AS n FROM results')).toEqual([{ n: 0 }]);
    expect(await fresh.query('SELECT count(*)::INTEGER AS n FROM imports')).toEqual([{ n: 0 }]);
    await copy.remove(victim);
    await expect((await Persistence.open(fresh, copy, { readOnly: false })).restore()).rejects.toThrow(/missing/);
    await fresh.close();
  });

  it('refuses a manifest that is not ours or names files outside the store', () => {
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    expect(() => parseManifest(enc({ format: 'other' }))).toThrow(ManifestError);
    expect(() => parseManifest(new TextEncoder().encode('{'))).toThrow(ManifestError);
    const evil = {
      format: 'cunxuan-data',
      version: 1,
      imports: [
        {
          record: { import_id: 1, file_name: 'x', kind: 'results' },
          files: { results: { file: "../x'; DROP TABLE results; --", rows: 1 } },
        },
      ],
      trash: [],
    };
    expect(() => parseManifest(enc(evil))).toThrow(/bad file name/);
    expect(() => parseManifest(enc({ ...evil, version: 99 }))).toThrow(/newer/);
  });
});

describe('delete and undo', () => {
  it('deletes an import from the data and the saved state, and undo brings it back', async () => {
    const [, acceptance] = await listImports(db);
    expect(acceptance!.file_name).toBe('acceptance-township.csv');
    await p.delete([acceptance!.import_id]);
    expect(p.status().canUndo).toBe(true);
    const afterDelete = await fingerprint(db);
    expect(afterDelete).not.toBe(original);
    expect(afterDelete).not.toContain('石桥镇');
    const { db: reloaded } = await reopen(store);
    expect(await fingerprint(reloaded)).toBe(afterDelete);
    await reloaded.close();

    expect(await p.undoDelete()).toBe(1);
    expect(p.status().canUndo).toBe(false);
    expect(await fingerprint(db)).toBe(original);
    const { db: restored } = await reopen(store);
    expect(await fingerprint(restored)).toBe(original);
    await restored.close();
  });

  it('never reuses the id of a deleted import, so undo cannot collide', async () => {
    const [first] = await listImports(db);
    await p.delete([first!.import_id]);
    const out = await importBatch(db, [item('results-utf8.csv')], { ask: async () => 'keep', persistence: p });
    expect(out.items[0]!.importId).toBeGreaterThan(Math.max(...(await listImports(db)).map((i) => i.import_id)) - 1);
    expect(out.items[0]!.importId).not.toBe(first!.import_id);
    await p.undoDelete();
    const files = (await listImports(db)).map((i) => i.file_name);
    expect(files.filter((f) => f === 'results-utf8.csv')).toHaveLength(2);
    // Back to the original set for the tests below.
    await p.delete([out.items[0]!.importId!]);
    expect(await fingerprint(db)).toBe(original);
  });
});

describe('replace rewrites the saved copy of the import that lost rows', () => {
  it('after "replace", a restore gives the replaced figures', async () => {
    const local = await freshDb();
    const s = memoryStore();
    const lp = await Persistence.open(local, s, { readOnly: false });
    await importBatch(local, [item('results-utf8.csv')], { ask: async () => 'keep', persistence: lp });
    const out = await importBatch(local, [item('results-utf8-bom.csv')], { ask: async () => 'replace', persistence: lp });
    expect(out.items[0]!.conflicts.length).toBeGreaterThan(0);
    const expected = await fingerprint(local);
    const { db: again } = await reopen(s);
    expect(await fingerprint(again)).toBe(expected);
    await again.close();
    await local.close();
  });
});

const manifestOf = (files: ReadonlyMap<string, Uint8Array>) => files.get(MANIFEST)!;

describe('archive', () => {
  it('exports everything as a zip and imports it back to the same figures', async () => {
    const zip = buildArchive(await p.snapshotFiles());
    expect([zip[0], zip[1]]).toEqual([0x50, 0x4b]);
    const target = await freshDb();
    const ts = memoryStore();
    const tp = await Persistence.open(target, ts, { readOnly: false });
    expect(await tp.replaceWith(readArchive(zip))).toBe(FILES.length);
    expect(await fingerprint(target)).toBe(original);
    const { db: again } = await reopen(ts);
    expect(await fingerprint(again)).toBe(original);
    await again.close();
    await target.close();
  });

  it('restores hostile strings byte for byte, while its readable CSV neutralises every formula-leading cell', async () => {
    const local = await freshDb();
    const lp = await Persistence.open(local, memoryStore(), { readOnly: false });
    await importBatch(local, [item('hostile-results.csv'), item('hostile-members.csv')], { ask: async () => 'keep', persistence: lp });
    const formulas = await local.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM (SELECT unnest([village, extra::VARCHAR]) AS v FROM results UNION ALL SELECT unnest([name, village]) FROM members) WHERE regexp_matches(v, '^[=+\\-@]')`,
    );
    expect(formulas[0]!.n).toBeGreaterThan(0);
    const files = readArchive(buildArchive(await lp.snapshotFiles()));
    const target = await freshDb();
    const tp = await Persistence.open(target, memoryStore(), { readOnly: false });
    expect(await tp.replaceWith(files)).toBe(2);
    for (const t of ['results', 'members', 'rejected_rows']) {
      const all = `SELECT * EXCLUDE (import_id) FROM ${t} ORDER BY ALL`;
      expect(await target.query(all), t).toEqual(await local.query(all));
    }
    // The copies for people: no text cell a spreadsheet would run.
    const zipped = buildArchive(await lp.snapshotFiles());
    const { unzipSync } = await import('fflate');
    const csvs = Object.entries(unzipSync(zipped)).filter(([n]) => n.startsWith('csv/'));
    expect(csvs.length).toBeGreaterThanOrEqual(2);
    const { default: Papa } = await import('papaparse');
    let neutralised = 0;
    for (const [name, bytes] of csvs) {
      for (const row of Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data)
        for (const cell of row) {
          expect(cell, name).not.toMatch(/^[=+@\t\r\uFF1D\uFF0B\uFF20]/);
          // A minus starts numbers too: only text is neutralised.
          if (/^-/.test(cell)) expect(Number.isFinite(Number(cell)), `${name}: ${cell}`).toBe(true);
          if (cell.startsWith("'=") || cell.startsWith("'+") || cell.startsWith("'@") || cell.startsWith("'-")) neutralised++;
        }
    }
    expect(neutralised).toBeGreaterThan(0);
    await target.close();
    await local.close();
  });

  it('restores an archive of an older version, its tables as CSV', async () => {
    const old = new Map<string, Uint8Array>();
    const m = parseManifest(manifestOf(await p.snapshotFiles()));
    const entries = [];
    for (const imp of m.imports) {
      const { entry, files } = await dumpImport(db, imp.record.import_id, 1, 'csv');
      entries.push(entry);
      for (const [name, parts] of files) old.set(name, concatBytes(...parts));
    }
    // Older versions had no office tables (src/db/savedTables.ts) in their manifest.
    const { tables: _tables, trashTables: _trash, ...older } = m;
    old.set(MANIFEST, new TextEncoder().encode(JSON.stringify({ ...older, imports: entries })));
    const target = await freshDb();
    const tp = await Persistence.open(target, memoryStore(), { readOnly: false });
    expect(await tp.replaceWith(readArchive(buildArchive(old)))).toBe(FILES.length);
    expect(await fingerprint(target)).toBe(original);
    await target.close();
  });

  it('refuses what is not an archive of ours', () => {
    expect(() => readArchive(new TextEncoder().encode('not a zip'))).toThrow(ArchiveError);
  });
});

describe('a full store', () => {
  it('keeps the previous saved state intact, keeps the import in memory, and saves it on retry', async () => {
    const local = await freshDb();
    const inner = memoryStore();
    let full = false;
    const s: FileStore = {
      ...inner,
      write: async (n, b) => (full ? Promise.reject(new QuotaError('quota')) : inner.write(n, b)),
      writeParts: async (n, parts) => (full ? Promise.reject(new QuotaError('quota')) : inner.writeParts(n, parts)),
    };
    const lp = await Persistence.open(local, s, { readOnly: false });
    await importBatch(local, [item('results-utf8.csv')], { ask: async () => 'keep', persistence: lp });
    const saved = await fingerprint(local);
    full = true;
    const out = await importBatch(local, [item('acceptance-township.csv')], { ask: async () => 'keep', persistence: lp });
    expect(out.saveError).toMatchObject({ quota: true });
    expect(lp.status().unsaved).toHaveLength(1);
    expect(await fingerprint(local)).toContain('石桥镇');
    const { db: reloaded } = await reopen(s);
    expect(await fingerprint(reloaded)).toBe(saved);
    await reloaded.close();
    full = false;
    await lp.save([]);
    expect(lp.status().unsaved).toEqual([]);
    const { db: again } = await reopen(s);
    expect(await fingerprint(again)).toBe(await fingerprint(local));
    await again.close();
    await local.close();
  });
});

describe('cancel', () => {
  it('a batch cancelled before the commit changes nothing and leaves no staged table', async () => {
    const before = await fingerprint(db);
    const ctl = new AbortController();
    const out = await importBatch(db, [item('results-utf8.csv'), item('members-gb18030.csv')], {
      ask: async () => 'keep',
      persistence: p,
      signal: ctl.signal,
      onProgress: (pr) => {
        if (pr.phase === 'staging' && pr.done === 1) ctl.abort();
      },
    });
    expect(out.cancelled).toBe(true);
    expect(await fingerprint(db)).toBe(before);
    expect(await db.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'stage_%'")).toEqual([]);
  });

  it('a read-only store (another tab holds it) refuses changes', async () => {
    const ro = await Persistence.open(await freshDb(), store, { readOnly: true });
    await expect(ro.save([1])).rejects.toThrow(/another tab/);
    await expect(ro.delete([1])).rejects.toThrow(/another tab/);
  });
});
