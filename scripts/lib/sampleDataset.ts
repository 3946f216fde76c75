/**
 * The bundled sample as the app loads it on a first start: data/sample/*.csv imported by the
 * app's own importer (the same analysis, normalisers, checks and staging as a user's files) into
 * DuckDB-WASM at build time, then saved in the app's own save format (a manifest and Arrow
 * files). The first dashboard then needs no import worker and no parsing: the figures are the
 * importer's, computed once. With them, the first dashboard's figures (src/app/dashboardSnapshot.ts),
 * drawn before the engine is up. Emitted as `sample/` by the build (see vite.config.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dashboardSnapshot } from '../../src/app/dashboardSnapshot';
import { SNAPSHOT_FILE } from '../../src/app/snapshotFile';
import { importPrepared } from '../../src/app/importer';
import { openNodeDb } from '../../src/db/nodeDb';
import { ensureSchema } from '../../src/db/schema';
import { analyzeFile, prepareDefault } from '../../src/import/pipeline';
import { dumpImport } from '../../src/store/dump';
import { emptyManifest, manifestBytes, MANIFEST } from '../../src/store/manifest';
import { concatBytes } from '../../src/util/bytes';

export const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../data/sample');

export async function buildSampleDataset(dir = SAMPLE_DIR): Promise<Map<string, Uint8Array>> {
  const db = await openNodeDb();
  try {
    await ensureSchema(db);
    for (const fileName of readdirSync(dir)
      .filter((f) => /\.(csv|xlsx)$/i.test(f))
      .sort()) {
      const analysis = analyzeFile(new Uint8Array(readFileSync(path.join(dir, fileName))), fileName);
      const prepared = prepareDefault(analysis);
      if (!prepared?.reconciled) throw new Error(`sample ${fileName}: not imported cleanly`);
      const out = await importPrepared(
        db,
        prepared,
        { fileName, sheetName: null, encoding: analysis.source.encoding?.chosen ?? null, isSample: true },
        async () => 'keep',
      );
      if (out.importId === null) throw new Error(`sample ${fileName}: not committed`);
    }
    const manifest = { ...emptyManifest(), savedAt: new Date(0).toISOString() };
    const files = new Map<string, Uint8Array>();
    for (const { id } of await db.query<{ id: number }>('SELECT import_id AS id FROM imports ORDER BY 1')) {
      const { entry, files: f } = await dumpImport(db, Number(id), 0);
      manifest.imports.push(entry);
      for (const [name, parts] of f) files.set(name, concatBytes(...parts));
    }
    files.set(MANIFEST, manifestBytes(manifest));
    files.set(SNAPSHOT_FILE, new TextEncoder().encode(JSON.stringify(await dashboardSnapshot(db))));
    return files;
  } finally {
    await db.close();
  }
}
