/**
 * The count tables (src/db/stats.ts) saved beside the imports, so that a reload draws the
 * dashboard from them at once instead of rebuilding them from every imported row (at a million
 * roster rows the rebuild alone took ≈8 s of a 20 s reload). They are a cache of the imports: a
 * manifest entry says which saved imports and which build of the count SQL they were made from,
 * and a restore uses them only when both match — else it rebuilds them as before. Saves made
 * before they existed have no entry and restore as they always did.
 *
 * Counts are whole numbers per village: written as INTEGER where they fit (half the bytes of the
 * engine's BIGINT and HUGEINT sums), read back into tables of the exact types the build made.
 */
import { answerToStream } from '../db/arrowIpc';
import { noting, type PartsSink } from './dump';
import { collectParts } from '../util/bytes';
import { COUNT_TABLES } from '../db/countTables';
import { countsEpoch, nullableOf } from '../db/nullMemo';
import { quoteIdent } from '../db/sqlLiteral';
import type { Db } from '../db/types';
import type { Manifest, SavedCounts, SavedCountTable, SavedImport } from './manifest';

/** Which saved imports, in which files: a count entry is theirs only if this is the same. */
export function importsKey(imports: readonly SavedImport[]): string {
  return JSON.stringify(
    [...imports]
      .sort((a, b) => a.record.import_id - b.record.import_id)
      .map((i) => [i.record.import_id, Object.values(i.files).map((f) => f.file)]),
  );
}

/**
 * What the count tables are counted from: the saved imports, and the recorded village changes,
 * which link persons across a merge or a rename (src/db/personLinks.ts). Either changed, a saved
 * copy of the counts is stale.
 */
export function countsKey(m: Pick<Manifest, 'imports' | 'tables'>): string {
  const changes = m.tables.village_changes?.file ?? null;
  return changes === null ? importsKey(m.imports) : JSON.stringify([importsKey(m.imports), changes]);
}

/**
 * Rows per chunk of a dump: each an Arrow stream of its own, as the imports' (src/store/dump.ts).
 * Left at twice the imports' chunk: this save runs after the import is done, and its own peak
 * has not been measured at 50,000.
 */
const CHUNK_ROWS = 100_000;

/**
 * Dumps the count tables as they are now, or null if there is nothing to keep: no count tables, a
 * rebuild under way or happening meanwhile, or the bundled sample in the data (never saved).
 */
export async function dumpCounts(
  db: Db,
  generation: number,
  chunkRows = CHUNK_ROWS,
  /** Where each table's file goes as it is dumped (then `files` is empty); files of a copy not kept are not referred to. */
  sink?: PartsSink,
): Promise<{ tables: SavedCountTable[]; files: Map<string, Uint8Array[]> } | null> {
  const epoch = countsEpoch(db);
  if (!nullableOf(db)) return null;
  const [sample] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM imports WHERE is_sample');
  if (sample?.n) return null;
  const tables: SavedCountTable[] = [];
  const files = new Map<string, Uint8Array[]>();
  for (const name of COUNT_TABLES) {
    const cols = await db.query<{ name: string; type: string; temp: boolean }>(
      `SELECT c.column_name AS name, c.data_type AS type, t.temporary AS temp
       FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
       WHERE c.table_name = ? ORDER BY c.column_index`,
      [name],
    );
    if (cols.length === 0) return null;
    const wide = cols.filter((c) => c.type === 'BIGINT' || c.type === 'HUGEINT');
    // Which wide columns fit an INTEGER, in one scan.
    const [fits] = wide.length
      ? await db.query<Record<string, boolean | null>>(
          `SELECT ${wide.map((c, i) => `coalesce(max(abs(${quoteIdent(c.name)})) < 2147483648, true) AS f${i}`).join(', ')} FROM ${name}`,
        )
      : [{}];
    const narrow = new Set(wide.filter((_, i) => fits?.[`f${i}`] !== false).map((c) => c.name));
    const select = cols.map((c) => (narrow.has(c.name) ? `${quoteIdent(c.name)}::INTEGER` : quoteIdent(c.name))).join(', ');
    const chunks = await db.query<{ c: number }>(`SELECT DISTINCT (rowid // ${chunkRows})::BIGINT AS c FROM ${name} ORDER BY c`);
    async function* chunked(): AsyncGenerator<Uint8Array> {
      for (const { c } of chunks) {
        const from = Number(c) * chunkRows;
        yield answerToStream(await db.queryArrow(`SELECT ${select} FROM ${name} WHERE rowid >= ${from} AND rowid < ${from + chunkRows}`));
      }
    }
    const lengths: number[] = [];
    const parts = noting(chunked(), lengths);
    const file = `counts-g${generation}-${name}.arrow`;
    if (sink) await sink(file, parts);
    else files.set(file, await collectParts(parts));
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${name}`)) as [{ n: number }];
    tables.push({
      name,
      temp: Boolean(cols[0]!.temp),
      columns: cols.map((c) => ({ name: c.name, type: c.type })),
      file: { file, rows: n, parts: lengths },
    });
  }
  // Rebuilt while being read: a mix of two states, not kept.
  if (countsEpoch(db) !== epoch) return null;
  return { tables, files };
}

/**
 * Makes the count tables (those named, or all) from a saved copy, exactly typed and checked
 * against the row counts saved; on any failure none of them is left half-made (the caller
 * rebuilds them).
 */
export async function loadCounts(
  db: Db,
  saved: SavedCounts,
  read: (name: string) => Promise<Uint8Array | null>,
  names: readonly string[] = COUNT_TABLES,
): Promise<void> {
  const missing = names.filter((n) => !saved.tables.some((t) => t.name === n));
  if (missing.length > 0) throw new Error(`no saved copy of ${missing.join(', ')}`);
  try {
    for (const t of saved.tables.filter((x) => names.includes(x.name))) {
      const bytes = await read(t.file.file);
      if (!bytes) throw new Error(`${t.file.file} is missing`);
      const parts = t.file.parts ?? [];
      if (parts.reduce((a, b) => a + b, 0) !== bytes.length)
        throw new Error(`${t.file.file}: ${bytes.length} bytes instead of the ${parts.join(' + ')} listed`);
      await db.exec(
        `CREATE OR REPLACE ${t.temp ? 'TEMP ' : ''}TABLE ${t.name} (${t.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`,
      );
      let at = 0;
      for (const n of parts) await db.insertArrow(t.name, bytes.subarray(at, (at += n)));
      const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t.name}`)) as [{ n: number }];
      if (n !== t.file.rows) throw new Error(`${t.file.file}: ${n} rows instead of ${t.file.rows}`);
    }
  } catch (e) {
    for (const name of names) await db.exec(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    throw e;
  }
}
