/**
 * One import's rows to and from files: CSV written by DuckDB's own COPY and read back with every
 * column typed by the schema, so what is restored is what was saved, byte for byte. (Parquet
 * would need an extension DuckDB-WASM fetches from the network; CSV is built in.) Not gzipped:
 * compressing a million rows inside the tab takes longer than the rest of the save; the browser's
 * storage has the room, and the archive (.zip) compresses. Older saves' .csv.gz still load.
 */
import { readCsvSql } from '../db/load';
import { createTableSql, IMPORT_TABLES, importTable, KINDS, quoteIdent, TABLE_OF } from '../db/schema';
import { STAGE_DIR, type Db } from '../db/types';
import type { ImportRecordSaved, SavedImport } from './manifest';

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 0) throw new Error(`bad import id ${id}`);
  return id;
}

export function fileName(id: number, generation: number, table: string): string {
  return `i${checkId(id)}-g${generation}-${table}.csv`;
}

/** Writes one import's rows of every table as files; returns the manifest entry and the bytes. */
export async function dumpImport(db: Db, id: number, generation: number): Promise<{ entry: SavedImport; files: Map<string, Uint8Array> }> {
  checkId(id);
  const [record] = await db.query<ImportRecordSaved & Record<string, unknown>>(
    `SELECT import_id, file_name, sheet_name, kind, encoding, imported_at, rows_imported, rows_warned, rows_rejected, rows_skipped
     FROM imports WHERE import_id = ?`,
    [id],
  );
  if (!record) throw new Error(`import ${id} not found`);
  const entry: SavedImport = { record: { ...record }, files: {} };
  const files = new Map<string, Uint8Array>();
  for (const { table, columns } of IMPORT_TABLES) {
    // The longest line COPY will write, bounded: every text column's bytes twice (quotes doubled)
    // plus room for the numbers and delimiters.
    const text = columns.filter((c) => c.sql === 'VARCHAR').map((c) => `coalesce(strlen(${quoteIdent(c.name)}), 0)`);
    const [{ n, longest }] = (await db.query<{ n: number; longest: number | null }>(
      `SELECT count(*)::INTEGER AS n, max(${text.join(' + ') || '0'})::BIGINT AS longest FROM ${table} WHERE import_id = ?`,
      [id],
    )) as [{ n: number; longest: number | null }];
    if (n === 0) continue;
    const maxLineBytes = Number(longest ?? 0) * 2 + columns.length * 32;
    const name = fileName(id, generation, table);
    const path = `${STAGE_DIR}dump_${name}`;
    await db.registerEmpty(path);
    try {
      const cols = columns.map((c) => quoteIdent(c.name)).join(', ');
      // COPY takes no parameters; the id is a checked integer.
      await db.exec(
        `COPY (SELECT ${cols} FROM ${table} WHERE import_id = ${id}) TO '${path}' (FORMAT csv, HEADER true, USE_TMP_FILE false)`,
      );
      files.set(name, await db.readBuffer(path));
    } finally {
      await db.dropFile(path);
    }
    entry.files[table] = { file: name, rows: n, maxLineBytes };
  }
  return { entry, files };
}

/**
 * Loads one saved import back (inside the caller's transaction) and checks that every table got
 * exactly the rows the manifest recorded: a short or damaged file is an error, never a silent loss.
 */
export async function loadImport(
  db: Db,
  saved: SavedImport,
  read: (name: string) => Promise<Uint8Array | null>,
  /** Load under another id (an archive's ids may be taken here). */
  asId?: number,
): Promise<void> {
  const r = saved.record;
  const id = checkId(asId ?? r.import_id);
  await db.query('INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)', [
    id,
    r.file_name,
    r.sheet_name,
    r.kind,
    r.encoding,
    r.imported_at,
    r.rows_imported,
    r.rows_warned,
    r.rows_rejected,
    r.rows_skipped,
  ]);
  await db.query('INSERT INTO import_ids_used VALUES (?) ON CONFLICT DO NOTHING', [id]);
  for (const { table, columns } of IMPORT_TABLES) {
    const f = saved.files[table];
    const kind = KINDS.find((k) => TABLE_OF[k] === table);
    if (!f) {
      // Every row replaced by later imports: the import stays, with an empty table.
      if (kind === r.kind) await db.exec(createTableSql(kind, importTable(kind, id)));
      continue;
    }
    const bytes = await read(f.file);
    if (!bytes) throw new RestoreError(`${f.file} is missing`);
    const path = `${STAGE_DIR}load_${f.file}`;
    await db.registerBuffer(path, bytes);
    try {
      const rows = `SELECT * REPLACE (${id} AS import_id) FROM ${readCsvSql(path, columns, { header: true, gzip: f.file.endsWith('.gz'), maxLineBytes: f.maxLineBytes })}`;
      // Results and rosters get the import's own table (see schema.ts); rejected rows share one.
      if (kind) await db.exec(`CREATE TABLE ${importTable(kind, id)} AS ${rows}`);
      else await db.exec(`INSERT INTO ${table} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) ${rows}`);
    } catch (e) {
      throw new RestoreError(`${f.file}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await db.dropFile(path);
    }
    const counted = kind ? `SELECT count(*)::INTEGER AS n FROM ${importTable(kind, id)}` : `SELECT count(*)::INTEGER AS n FROM ${table} WHERE import_id = ${id}`;
    const [{ n }] = (await db.query<{ n: number }>(counted)) as [{ n: number }];
    if (n !== f.rows) throw new RestoreError(`${f.file}: ${n} rows instead of ${f.rows}`);
  }
}
