/**
 * The first dashboard of the user's own data, saved beside the count tables: a reload draws it
 * from this before DuckDB is up (seconds of wasm at any data size; at a million rows the count
 * tables alone take longer still), as the bundled sample's first visit does (src/app/DbProvider.tsx).
 *
 * The snapshot itself is made above this layer (src/app/dashboardSnapshot.ts); here it is only
 * bytes, tied to what it was computed from. A figure from a stale one would pass for a real one,
 * so it is shown only while the saved imports, the office's tables (a village register changes
 * figures) and the build's snapshot version are those it was made of; else the reload waits for
 * the engine as before.
 */
import type { FileStore } from './fileStore';
import { MANIFEST, parseManifest, type Manifest } from './manifest';
import { importsKey } from './savedCounts';

/** What a snapshot of the data saved in `m`, made by a build of version `version`, is of. */
export function snapshotKey(m: Pick<Manifest, 'imports' | 'tables'>, version: string): string {
  const tables = Object.entries(m.tables)
    .map(([name, f]) => [name, f.file])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return JSON.stringify([version, importsKey(m.imports), tables]);
}

/** The saved snapshot's bytes if it is of the saved data and of this build's version; null otherwise (or on any failure to read it). */
export async function readSavedSnapshot(files: FileStore, version: string): Promise<Uint8Array | null> {
  try {
    const bytes = await files.read(MANIFEST);
    if (!bytes) return null;
    const m = parseManifest(bytes);
    if (!m.snapshot || m.imports.length === 0 || m.snapshot.of !== snapshotKey(m, version)) return null;
    return await files.read(m.snapshot.file);
  } catch {
    return null;
  }
}
