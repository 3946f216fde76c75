import type { Db } from '../db/types';
import { dataChanged } from '../db/schema';
import { loadImport } from '../store/dump';
import { MANIFEST, parseManifest } from '../store/manifest';
import { parseSnapshot, SNAPSHOT_FILE, type DashboardSnapshot } from './snapshotFile';

/** Where the build puts the sample (scripts/lib/sampleDataset.ts): data/sample/ as imported. */
const SAMPLE_BASE = `${import.meta.env.BASE_URL}sample/`;

async function fetchBytes(name: string): Promise<Uint8Array> {
  const res = await fetch(SAMPLE_BASE + name);
  if (!res.ok) throw new Error(`sample ${name}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Loads the bundled sample: the importer's own result for data/sample/*.csv, made at build
 * time, restored like saved data and marked as the sample (never saved, cleared by the first
 * import of the user's own).
 */
export async function loadSample(db: Db, read: (name: string) => Promise<Uint8Array> = fetchBytes): Promise<void> {
  const manifest = parseManifest(await read(MANIFEST));
  await db.exec('BEGIN TRANSACTION');
  try {
    for (const saved of manifest.imports) await loadImport(db, saved, read, undefined, true);
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK');
    throw e;
  } finally {
    await dataChanged(db);
  }
}

/** The sample's first dashboard, computed by the build (src/app/dashboardSnapshot.ts). */
export async function fetchSampleSnapshot(): Promise<DashboardSnapshot> {
  return parseSnapshot(JSON.parse(new TextDecoder().decode(await fetchBytes(SNAPSHOT_FILE))));
}
