/**
 * The saved state's table of contents: which imports exist, the files holding their rows, and
 * the row counts every restore is checked against. Written last, so a save that fails half-way
 * leaves the previous manifest — and the previous data — in force.
 */
import type { ImportRecordSaved } from '../db/types';
import { COUNT_TABLES } from '../db/countTables';

export type { ImportRecordSaved };

export const MANIFEST = 'manifest.json';
export const FORMAT = 'cunxuan-data';
export const VERSION = 1;

export interface SavedFile {
  file: string;
  rows: number;
  /** A bound on the file's longest line in bytes: read_csv needs it for giant cells. */
  maxLineBytes?: number;
  /**
   * An `.arrow` file written in chunks of rows: the byte lengths of the Arrow IPC streams it is
   * made of, one after another, each loaded on its own. Without it the file is one IPC file.
   */
  parts?: number[];
}

export interface SavedImport {
  record: ImportRecordSaved;
  /** Per table, the file holding this import's rows and how many rows it must yield. */
  files: Record<string, SavedFile>;
}

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  savedAt: string;
  /** A counter that names new files, so a file the current manifest points to is never overwritten. */
  generation: number;
  /** The user has removed the bundled sample: don't bring it back on the next start. */
  sampleDismissed: boolean;
  imports: SavedImport[];
  /** The imports of the last delete, kept (files and all) so it can be undone. */
  trash: SavedImport[];
  /** The office's own tables (src/db/savedTables.ts), each saved whole; absent in older saves. */
  tables: Record<string, SavedFile>;
  /** The tables an archive's restore replaced, kept for its undo with the trashed imports. */
  trashTables: Record<string, SavedFile>;
  /**
   * The count tables of the imports, what a reload draws first (src/store/savedCounts.ts).
   * Optional: older saves have none, and a version that ignores it still reads the rest.
   */
  counts?: SavedCounts;
  /**
   * The first dashboard's figures, computed when the counts were saved (src/store/savedSnapshot.ts):
   * a reload draws it before the engine is up. Optional, and used only while `of` still matches.
   */
  snapshot?: SavedSnapshot;
}

export interface SavedSnapshot {
  /** What it was computed from: this build's snapshot version, the saved imports and office tables (snapshotKey). */
  of: string;
  file: string;
}

export function emptyManifest(): Manifest {
  return {
    format: FORMAT,
    version: VERSION,
    savedAt: new Date(0).toISOString(),
    generation: 0,
    sampleDismissed: false,
    imports: [],
    trash: [],
    tables: {},
    trashTables: {},
  };
}

export interface SavedCountTable {
  name: (typeof COUNT_TABLES)[number];
  temp: boolean;
  /** The columns and their types as the build made them: the restored table gets exactly these. */
  columns: { name: string; type: string }[];
  file: SavedFile;
}

export interface SavedCounts {
  /** The saved imports they were counted from (importsKey). */
  of: string;
  /** The count SQL's fingerprint (STATS_VERSION of src/db/stats.ts). */
  version: string;
  tables: SavedCountTable[];
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkImport(v: unknown): SavedImport {
  if (!isObj(v) || !isObj(v.record) || !isObj(v.files)) throw new ManifestError('import entry malformed');
  const r = v.record;
  if (!Number.isInteger(r.import_id) || typeof r.file_name !== 'string' || typeof r.kind !== 'string')
    throw new ManifestError('import record malformed');
  checkFiles(v.files);
  return v as unknown as SavedImport;
}

/** The office's tables of a manifest (none in older saves): our own names and files only. */
function checkTables(v: unknown): Record<string, SavedFile> {
  if (v === undefined) return {};
  if (!isObj(v)) throw new ManifestError('tables malformed');
  for (const name of Object.keys(v)) if (!/^\w+$/.test(name)) throw new ManifestError(`bad table name ${JSON.stringify(name)}`);
  checkFiles(v);
  return v as Record<string, SavedFile>;
}

function checkFiles(files: Record<string, unknown>): void {
  for (const [table, f] of Object.entries(files)) {
    if (!isObj(f) || typeof f.file !== 'string' || !Number.isInteger(f.rows)) throw new ManifestError(`file entry of ${table} malformed`);
    if (f.maxLineBytes !== undefined && !(Number.isInteger(f.maxLineBytes) && (f.maxLineBytes as number) > 0))
      throw new ManifestError(`line bound of ${table} malformed`);
    if (
      f.parts !== undefined &&
      !(Array.isArray(f.parts) && f.parts.length > 0 && f.parts.every((n) => Number.isInteger(n) && (n as number) > 0))
    )
      throw new ManifestError(`parts of ${table} malformed`);
    // Our own file names only: nothing that could walk out of the store or into SQL.
    if (!/^[\w.-]+$/.test(f.file)) throw new ManifestError(`bad file name ${JSON.stringify(f.file)}`);
  }
}

/** A type as DuckDB names it, nothing that could carry SQL. */
const TYPE = /^[A-Z][A-Z0-9_]*(\(\d+(, ?\d+)?\))?$/;

/** The manifest's entry checked; anything malformed is no entry (the counts are rebuilt), never an error. */
export function parseSavedCounts(v: unknown): SavedCounts | undefined {
  if (!isObj(v) || typeof v.of !== 'string' || typeof v.version !== 'string' || !Array.isArray(v.tables)) return undefined;
  const names = new Set<string>();
  for (const t of v.tables) {
    if (!isObj(t) || !COUNT_TABLES.includes(t.name as SavedCountTable['name']) || names.has(t.name as string)) return undefined;
    names.add(t.name as string);
    if (typeof t.temp !== 'boolean' || !Array.isArray(t.columns) || t.columns.length === 0) return undefined;
    if (!t.columns.every((c) => isObj(c) && typeof c.name === 'string' && typeof c.type === 'string' && TYPE.test(c.type)))
      return undefined;
    const f = t.file;
    if (!isObj(f) || typeof f.file !== 'string' || !/^[\w.-]+$/.test(f.file) || !Number.isInteger(f.rows)) return undefined;
    if (!Array.isArray(f.parts) || !f.parts.every((n) => Number.isInteger(n) && (n as number) > 0)) return undefined;
  }
  if (names.size !== COUNT_TABLES.length) return undefined;
  return v as unknown as SavedCounts;
}

/** Like the counts' entry: a malformed one is no snapshot, never an error. */
function parseSavedSnapshot(v: unknown): SavedSnapshot | undefined {
  if (!isObj(v) || typeof v.of !== 'string' || typeof v.file !== 'string' || !/^[\w.-]+$/.test(v.file)) return undefined;
  return { of: v.of, file: v.file };
}

/** Parses and checks a manifest (from storage or from an archive someone hands us). */
export function parseManifest(bytes: Uint8Array): Manifest {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ManifestError('not JSON');
  }
  if (!isObj(v) || v.format !== FORMAT) throw new ManifestError('not a 村选看板 data file');
  if (typeof v.version !== 'number' || v.version > VERSION) throw new ManifestError(`made by a newer version (${String(v.version)})`);
  if (!Array.isArray(v.imports) || !Array.isArray(v.trash)) throw new ManifestError('imports missing');
  return {
    format: FORMAT,
    version: VERSION,
    savedAt: typeof v.savedAt === 'string' ? v.savedAt : new Date(0).toISOString(),
    generation: Number.isInteger(v.generation) ? (v.generation as number) : 0,
    sampleDismissed: v.sampleDismissed === true,
    imports: v.imports.map(checkImport),
    trash: v.trash.map(checkImport),
    tables: checkTables(v.tables),
    trashTables: checkTables(v.trashTables),
    ...(parseSavedCounts(v.counts) ? { counts: parseSavedCounts(v.counts) } : {}),
    ...(parseSavedSnapshot(v.snapshot) ? { snapshot: parseSavedSnapshot(v.snapshot) } : {}),
  };
}

export function manifestBytes(m: Manifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(m, null, 1));
}

/** Every file a manifest needs. */
export function referencedFiles(m: Manifest): Set<string> {
  return new Set([
    ...[...m.imports, ...m.trash].flatMap((i) => Object.values(i.files).map((f) => f.file)),
    ...[...Object.values(m.tables), ...Object.values(m.trashTables)].map((f) => f.file),
    ...(m.counts?.tables.map((t) => t.file.file) ?? []),
    ...(m.snapshot ? [m.snapshot.file] : []),
  ]);
}
