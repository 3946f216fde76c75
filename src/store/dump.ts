/**
 * One import's rows to and from files, in two formats:
 * - `arrow`, what the browser keeps: the engine's own Arrow IPC bytes of the import's tables, made
 *   and read back without a value passing through JavaScript or a text parser (a million rows
 *   save in seconds, and every type comes back as it was);
 * - `csv`, what an archive holds: UTF-8 CSV any spreadsheet opens, written by DuckDB's COPY and
 *   read back with every column typed by the schema. (Parquet would need an extension DuckDB-WASM
 *   fetches from the network.) Older saves' `.csv.gz` still load.
 * Every load is checked against the row count the manifest recorded.
 */
import { answerToStream, ipcFileToStream } from '../db/arrowIpc';
import { neutraliseFormulaSql } from '../export/csv';
import { readCsvSql } from '../db/importRows';
import { createTableSql, IMPORT_TABLES, importTable, KIND_TABLES, KINDS, TABLE_OF, type ColumnDef } from '../db/schema';
import type { SavedTableDef } from '../db/savedTables';
import { quoteIdent } from '../db/sqlLiteral';
import { STAGE_DIR, type Db } from '../db/types';
import type { FileKind } from '../import/fields';
import type { ImportRecordSaved, SavedFile, SavedImport } from './manifest';
import { collectParts } from '../util/bytes';

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

export type DumpFormat = 'arrow' | 'csv';

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 0) throw new Error(`bad import id ${id}`);
  return id;
}

export function fileName(id: number, generation: number, table: string, format: DumpFormat = 'arrow'): string {
  return `i${checkId(id)}-g${generation}-${table}.${format}`;
}

const kindOf = (table: string): FileKind | undefined => KINDS.find((k) => TABLE_OF[k] === table);

/**
 * Rows per chunk of a saved table. The engine answers one chunk at a time: a million roster rows
 * at once were a 268 MB Arrow answer in its heap, which never shrinks, and three million a 1 GiB
 * allocation it refused; COPY writes into a growing in-memory file, which gets slow past a few
 * hundred thousand rows. A chunk's bytes are in the tab two or three times over while it is
 * written (the engine's answer, its stream, the writer's), and with 100,000 rows (27 MB of roster)
 * the save was the import's highest point of the tab's memory once the count build's was lowered.
 */
const CHUNK_ROWS = 50_000;

/**
 * A table's rows chunk by chunk of row ids (`source` numbers them `r`; deleted rows leave gaps,
 * so only chunks holding rows are read): the bytes `read` makes of each, made as they are asked for.
 */
async function* chunksOf(
  db: Db,
  source: string,
  size: number,
  read: (where: string, first: boolean) => Promise<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  if (!Number.isSafeInteger(size) || size < 1) throw new Error(`bad chunk size ${size}`);
  const chunks = await db.query<{ c: number }>(`SELECT DISTINCT (r // ${size})::BIGINT AS c FROM ${source} ORDER BY c`);
  // The bounds are integers of ours (COPY takes no parameters).
  for (const [k, { c }] of chunks.entries()) yield await read(`r >= ${Number(c) * size} AND r < ${(Number(c) + 1) * size}`, k === 0);
}

/** The parts as they pass, each one's length noted before anyone else has it. */
export async function* noting(parts: AsyncIterable<Uint8Array>, lengths: number[]): AsyncGenerator<Uint8Array> {
  for await (const p of parts) {
    lengths.push(p.length);
    yield p;
  }
}

/**
 * Where a save's files go as they are made: each file's parts in order, the next one made while the
 * one before is written (FileStore.writeParts).
 */
export type PartsSink = (name: string, parts: AsyncIterable<Uint8Array>) => Promise<void>;

/** One chunk of rows as CSV (with the header if it is the first), written by DuckDB's COPY. */
async function csvChunk(db: Db, select: string, header: boolean, name: string): Promise<Uint8Array> {
  const path = `${STAGE_DIR}dump_${name}`;
  await db.registerEmpty(path);
  try {
    await db.exec(`COPY (${select}) TO '${path}' (FORMAT csv, HEADER ${header}, USE_TMP_FILE false)`);
    return await db.readBuffer(path);
  } finally {
    await db.dropFile(path);
  }
}

/**
 * One import's tables with rows, each as a numbered row source (`r`): its own table of a kind, or
 * its rows of a shared one (rejected rows).
 */
async function importSources(
  db: Db,
  id: number,
  kind: FileKind,
): Promise<{ table: string; columns: readonly ColumnDef[]; source: string; rows: number }[]> {
  const sources = IMPORT_TABLES.flatMap(({ table, columns }) => {
    const k = kindOf(table);
    if (k && !KIND_TABLES[kind].includes(k)) return [];
    return [
      {
        table,
        columns,
        source: k
          ? `(SELECT *, rowid AS r FROM ${importTable(k, id)})`
          : `(SELECT *, row_number() OVER () - 1 AS r FROM ${table} WHERE import_id = ${id})`,
        count: k ? `SELECT count(*) FROM ${importTable(k, id)}` : `SELECT count(*) FROM ${table} WHERE import_id = ${id}`,
      },
    ];
  });
  // Every table's rows of the import in one statement (a province's merge saves hundreds of imports).
  const [counts] = await db.query<Record<string, number>>(`SELECT ${sources.map((s, k) => `(${s.count})::INTEGER AS n${k}`).join(', ')}`);
  return sources
    .map(({ table, columns, source }, k) => ({ table, columns, source, rows: Number(counts?.[`n${k}`] ?? 0) }))
    .filter((s) => s.rows > 0);
}

/**
 * Writes one import's rows of every table as files (each in parts, in order); returns the manifest
 * entry and the files. Given a sink, Arrow files go to it chunk by chunk instead (`files` is then
 * empty): a million rows' copy is never whole in memory.
 */
export async function dumpImport(
  db: Db,
  id: number,
  generation: number,
  format: DumpFormat = 'arrow',
  /** Rows per chunk (smaller in tests). */
  chunkRows = CHUNK_ROWS,
  sink?: PartsSink,
): Promise<{ entry: SavedImport; files: Map<string, Uint8Array[]> }> {
  checkId(id);
  const [record] = await db.query<ImportRecordSaved & Record<string, unknown>>(
    `SELECT import_id, file_name, sheet_name, kind, encoding, imported_at, rows_imported, rows_warned, rows_rejected, rows_skipped
     FROM imports WHERE import_id = ?`,
    [id],
  );
  if (!record) throw new Error(`import ${id} not found`);
  const entry: SavedImport = { record: { ...record }, files: {} };
  const files = new Map<string, Uint8Array[]>();
  for (const { table, columns, source, rows: n } of await importSources(db, id, record.kind as FileKind)) {
    const cols = columns.map((c) => (c.name === 'import_id' ? `${id} AS import_id` : quoteIdent(c.name))).join(', ');
    const name = fileName(id, generation, table, format);
    const select = (where: string) => `SELECT ${cols} FROM ${source} WHERE ${where}`;
    if (format === 'arrow') {
      // Each chunk a whole IPC stream, the file their sequence (the manifest keeps their lengths).
      const lengths: number[] = [];
      const parts = noting(
        chunksOf(db, source, chunkRows, async (where) => answerToStream(await db.queryArrow(select(where)))),
        lengths,
      );
      if (sink) await sink(name, parts);
      else files.set(name, await collectParts(parts));
      entry.files[table] = { file: name, rows: n, parts: lengths };
      continue;
    }
    // The longest line COPY will write, bounded: every text column's bytes twice (quotes doubled)
    // plus room for the numbers and delimiters.
    const text = columns.filter((c) => c.sql === 'VARCHAR').map((c) => `coalesce(strlen(${quoteIdent(c.name)}), 0)`);
    const [{ longest }] = (await db.query<{ longest: number | null }>(
      `SELECT max(${text.join(' + ') || '0'})::BIGINT AS longest FROM ${source}`,
    )) as [{ longest: number | null }];
    let k = 0;
    files.set(
      name,
      await collectParts(chunksOf(db, source, chunkRows, (where, first) => csvChunk(db, select(where), first, `${k++}_${name}`))),
    );
    entry.files[table] = { file: name, rows: n, maxLineBytes: Number(longest ?? 0) * 2 + columns.length * 32 };
  }
  return { entry, files };
}

/**
 * One import's tables as CSV for people to open in a spreadsheet (the backup carries them beside
 * the exact Arrow copies it restores from): every text cell that a spreadsheet would run as a
 * formula starts with an apostrophe. Never read back.
 */
export async function readableCsv(db: Db, id: number, chunkRows = CHUNK_ROWS): Promise<Map<string, Uint8Array[]>> {
  checkId(id);
  const [record] = await db.query<{ kind: string }>('SELECT kind FROM imports WHERE import_id = ?', [id]);
  if (!record) throw new Error(`import ${id} not found`);
  const out = new Map<string, Uint8Array[]>();
  for (const { table, columns, source } of await importSources(db, id, record.kind as FileKind)) {
    const cols = columns
      .filter((c) => c.name !== 'import_id')
      .map((c) => (c.sql === 'VARCHAR' ? `${neutraliseFormulaSql(quoteIdent(c.name))} AS ${quoteIdent(c.name)}` : quoteIdent(c.name)))
      .join(', ');
    const name = `csv/i${id}-${table}.csv`;
    let k = 0;
    out.set(
      name,
      await collectParts(
        chunksOf(db, source, chunkRows, (where, first) =>
          csvChunk(db, `SELECT ${cols} FROM ${source} WHERE ${where}`, first, `${k++}_readable_${id}_${table}`),
        ),
      ),
    );
  }
  return out;
}

/** An `.arrow` file's IPC streams: its parts as the manifest lists them, or the one IPC file of an older save. */
function arrowStreams(bytes: Uint8Array, parts: readonly number[] | undefined): Uint8Array[] {
  if (!parts) return [ipcFileToStream(bytes)];
  if (parts.reduce((a, b) => a + b, 0) !== bytes.length)
    throw new Error(`${bytes.length} bytes instead of the ${parts.join(' + ')} listed`);
  let at = 0;
  return parts.map((n) => bytes.subarray(at, (at += n)));
}

/** Rows of a file into a fresh working table (in the schema's columns), by format. */
async function loadFile(
  db: Db,
  work: string,
  file: string,
  bytes: Uint8Array,
  columns: readonly ColumnDef[],
  saved: SavedFile,
): Promise<void> {
  if (file.endsWith('.arrow')) {
    for (const [k, stream] of arrowStreams(bytes, saved.parts).entries()) await db.insertArrow(work, stream, { create: k === 0 });
    return;
  }
  const { maxLineBytes } = saved;
  const path = `${STAGE_DIR}load_${file}`;
  await db.registerBuffer(path, bytes);
  try {
    await db.exec(
      `CREATE TABLE ${work} AS SELECT * FROM ${readCsvSql(path, columns, { header: true, gzip: file.endsWith('.gz'), maxLineBytes })}`,
    );
  } finally {
    await db.dropFile(path);
  }
}

/** The working table's columns are the schema's, in order: it can serve as is. */
async function sameColumns(db: Db, work: string, columns: readonly ColumnDef[]): Promise<boolean> {
  const got = await db.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index`,
    [work],
  );
  return got.length === columns.length && got.every((g, i) => g.name === columns[i]!.name && g.type === columns[i]!.sql);
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
  /** The bundled sample, made at build time by the importer (see scripts/lib/sampleDataset.ts). */
  isSample = false,
): Promise<void> {
  const r = saved.record;
  const id = checkId(asId ?? r.import_id);
  await db.query('INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
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
    isSample,
  ]);
  await db.query('INSERT INTO import_ids_used VALUES (?) ON CONFLICT DO NOTHING', [id]);
  for (const { table, columns } of IMPORT_TABLES) {
    const f = saved.files[table];
    const kind = kindOf(table);
    if (!f) {
      // Every row replaced by later imports: the import stays, with an empty table.
      if (kind && KIND_TABLES[r.kind as FileKind].includes(kind)) await db.exec(createTableSql(kind, importTable(kind, id)));
      continue;
    }
    const bytes = await read(f.file);
    if (!bytes) throw new RestoreError(`${f.file} is missing`);
    const work = `load_${id}_${table}`;
    try {
      await loadFile(db, work, f.file, bytes, columns, f);
      if (kind && (await sameColumns(db, work, columns))) {
        // The rows become the import's table as they are (the view supplies its id).
        await db.exec(`ALTER TABLE ${work} RENAME TO ${importTable(kind, id)}`);
      } else {
        // A shared table, or a file saved before the schema gained a column: by column name.
        const target = kind ? importTable(kind, id) : table;
        if (kind) await db.exec(createTableSql(kind, target));
        await db.exec(`INSERT INTO ${target} BY NAME SELECT * REPLACE (${id} AS import_id) FROM ${work}`);
        await db.exec(`DROP TABLE ${work}`);
      }
    } catch (e) {
      throw new RestoreError(`${f.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const counted = kind
      ? `SELECT count(*)::INTEGER AS n FROM ${importTable(kind, id)}`
      : `SELECT count(*)::INTEGER AS n FROM ${table} WHERE import_id = ${id}`;
    const [{ n }] = (await db.query<{ n: number }>(counted)) as [{ n: number }];
    if (n !== f.rows) throw new RestoreError(`${f.file}: ${n} rows instead of ${f.rows}`);
  }
}

/** A saved table's file name: its own, under the generation that wrote it. */
export function savedTableFile(name: string, generation: number): string {
  if (!/^\w+$/.test(name)) throw new Error(`bad table name ${name}`);
  return `t-g${generation}-${name}.arrow`;
}

/** A whole saved table (src/db/savedTables.ts) as one Arrow file. */
export async function dumpSavedTable(db: Db, def: SavedTableDef, generation: number): Promise<{ entry: SavedFile; bytes: Uint8Array }> {
  const cols = def.columns.map((c) => quoteIdent(c.name)).join(', ');
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(def.name)}`)) as [{ n: number }];
  const bytes = answerToStream(await db.queryArrow(`SELECT ${cols} FROM ${quoteIdent(def.name)}`));
  return { entry: { file: savedTableFile(def.name, generation), rows: n, parts: [bytes.length] }, bytes };
}

/**
 * Replaces a saved table's rows with a file's (inside the caller's transaction), by column name:
 * a file written before the table gained a column leaves it empty; a column the table no longer
 * has is dropped. The row count must be the one the manifest recorded.
 */
export async function loadSavedTable(db: Db, def: SavedTableDef, saved: SavedFile, bytes: Uint8Array): Promise<void> {
  const work = `load_saved_${def.name}`;
  try {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(work)}`);
    for (const [k, stream] of arrowStreams(bytes, saved.parts).entries()) await db.insertArrow(work, stream, { create: k === 0 });
    const have = new Set(
      (await db.query<{ name: string }>('SELECT column_name AS name FROM duckdb_columns() WHERE table_name = ?', [work])).map(
        (r) => r.name,
      ),
    );
    const cols = def.columns.filter((c) => have.has(c.name)).map((c) => quoteIdent(c.name));
    await db.exec(`DELETE FROM ${quoteIdent(def.name)}`);
    if (cols.length > 0)
      await db.exec(`INSERT INTO ${quoteIdent(def.name)} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM ${quoteIdent(work)}`);
    await db.exec(`DROP TABLE ${quoteIdent(work)}`);
  } catch (e) {
    throw new RestoreError(`${saved.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(def.name)}`)) as [{ n: number }];
  if (n !== saved.rows) throw new RestoreError(`${saved.file}: ${n} rows instead of ${saved.rows}`);
}
