/**
 * Import inside the engine (issue 27), step 1: a CSV file read and normalised in DuckDB, not yet
 * wired into the app. The JavaScript path (src/import/stream.ts → prepare.ts → normalizeRow.ts)
 * spends 8–20 s on a million roster rows where DuckDB-WASM's read_csv of the file takes 2–3.6 s
 * (scripts/bench/engineImport.ts; the spread is the shared machine's load).
 *
 * Done in SQL (this folder):
 * - Reading (readCsv.ts): the file's UTF-8 bytes — a GB18030/UTF-16 file is decoded by the caller
 *   (DuckDB-WASM has no GB18030) and encoded again — are registered and read by read_csv: every
 *   column VARCHAR (c1…cN, N the widest record), strict, never ignore_errors, our detected
 *   delimiter and RFC 4180 quotes, null_padding for short records (parallel=false when a quoted
 *   cell holds a line break, which DuckDB requires for that). Each record keeps the line it starts
 *   on (its position in read_csv's output, which keeps the file's order, mapped to a line by our
 *   scan); DuckDB's record count must equal our own scan of the bytes (lineScan.ts), or it is an
 *   error naming both counts, and every 4096th record's cells must equal the file's bytes at that
 *   line. Mixed line breaks are unified first, as the JavaScript reader does.
 * - Normalising (mappings.ts, typed.ts): one scan lists each mapped column's distinct raw values
 *   ((role, body) pairs for a role); the existing converters (normalizeRow.ts `convert`) run once
 *   per distinct value into a mapping table per column (typed values, the cell's issue code, a
 *   role's body hint, whether the cell is too long to be a value), loaded as Arrow; the typed rows
 *   are one statement of joins, with rowNormalizer's fills from file-wide values (bound), the body
 *   a role implies, place folding, village key, age and person key.
 *
 * Still JavaScript: encoding detection and decoding, delimiter and header detection (the plan, from
 * the file's head), the line scan, and the converters (per distinct value, not per cell).
 *
 * Not done yet — step 2 must do these before this path can replace the JavaScript one:
 * - Row classification: rows above the header are cut by line, but totals, notes and blank rows are
 *   NOT recognised (`typed` holds every record after the header), nor are totals checked.
 * - Row checks in SQL over the typed and raw tables: required fields (village, cycle, body), the
 *   checks of checkResults/checkMember/checkCounts, birth vs. given age, missing name, field_count
 *   (cells past the header), extra data (unmapped columns, reported shares), text_truncated,
 *   duplicates within the file (rejected when identical), and each row's status and issues (the
 *   per-cell issue codes are in the mapping tables); the ImportReport, reconciled with the scan.
 * - Broken quotes: the JavaScript reader re-reads such a line with quote marks as text; here the
 *   file is refused (EngineReadError 'bad_quote'). Workbooks and Parquet are not read here.
 * - Staging: typed rows into the existing stage tables (src/db/load.ts), rejected rows with their
 *   cells into the rejected-rows table. At a million rows making `typed` (a temporary table) is the
 *   largest cost, so step 2 should write the stage table directly rather than copy it again.
 * - Wiring into the import worker and UI: the file's bytes streamed into the engine (not held
 *   twice), progress and cancel, and the JavaScript path kept for workbooks and what is refused.
 */
import type { Db } from '../types';
import type { FileKind } from '../../import/fields';
import type { HeaderLayout } from '../../import/layout';
import { cleanText } from '../../import/normalize';
import type { ColumnSpec, FileContext } from '../../import/normalizeRow';
import type { FileAnalysis } from '../../import/pipeline';
import type { ImportReport } from '../../import/prepare';
import type { Stage } from '../load';
import { planColumns } from './columnPlan';
import { stageRows } from './rows';
import { buildMappings, type MappingTable } from './mappings';
import { readRaw } from './readCsv';
import { buildTyped } from './typed';
import { engineTables, EngineReadError } from './tables';
import { quoteIdent } from '../sqlLiteral';

export { EngineReadError } from './tables';
export { readCsvCall } from './readCsv';
export { scanLines } from './lineScan';
export { engineBytes } from './readCsv';

export interface EnginePlan {
  kind: FileKind;
  columns: readonly ColumnSpec[];
  context: FileContext;
  delimiter: string;
  layout: HeaderLayout;
  /** Line of the last header row: records starting after it are data, totals, notes or blank. */
  lastHeaderLine: number;
  /** Rows above the header, and non-blank header rows, as the JavaScript preparer counts them. */
  titleRows: number;
  headerRows: number;
}

/**
 * The engine's plan of a CSV file: the analysis's (as confirmed unchanged, as prepareDefault takes
 * it), or the user's plan from the import screen (kind, mapping and file-wide values edited).
 */
export function enginePlan(
  analysis: FileAnalysis,
  edited?: { sheetIndex: number; kind: FileKind; columns: readonly ColumnSpec[]; context: FileContext },
): EnginePlan {
  const index = edited?.sheetIndex ?? analysis.sheetIndex;
  const plan = analysis.sheets[index];
  const sheet = analysis.source.sheets[index];
  const kind = edited?.kind ?? plan?.kind;
  if (analysis.source.format !== 'csv') throw new EngineReadError('unsupported', `a ${analysis.source.format} file`);
  if (!plan?.layout || !kind || !sheet) throw new EngineReadError('no_header', 'no header or kind of file found');
  const layout = plan.layout;
  let headerRows = 0;
  for (let i = layout.headerIndex; i < layout.headerIndex + layout.headerRowCount; i++)
    if ((sheet.rows[i] ?? []).some((c) => cleanText(c) !== '')) headerRows++;
  return {
    kind,
    columns: edited?.columns ?? plan.columns,
    context: edited?.context ?? plan.inferred,
    delimiter: analysis.source.delimiter ?? ',',
    layout,
    lastHeaderLine: lastHeaderLine(layout, sheet.rowNumbers),
    titleRows: layout.titleLines.length,
    headerRows,
  };
}

/** The header's last row's line, from the rows of the analysed head. */
export function lastHeaderLine(layout: HeaderLayout, rowNumbers: readonly number[]): number {
  const at = layout.headerIndex + layout.headerRowCount - 1;
  const line = rowNumbers[at];
  if (line === undefined) throw new EngineReadError('no_header', `header row ${at + 1} is not in the analysed rows`);
  return line;
}

export interface EngineImport {
  /** Temporary table: source_row (the line in the file) and every stored value of the kind (valueLayout's names). */
  typed: string;
  /** Records read (title and header rows included) and records after the header. */
  records: number;
  rows: number;
  /** Distinct raw values per mapped column, by header. */
  distinct: { header: string; field: string; values: number; identity: boolean; ms: MappingTable['ms'] }[];
  ms: { scan: number; read: number; distinct: number; mappings: number; typed: number; normalize: number; total: number };
  /** Drops the working tables. */
  dispose(): Promise<void>;
}

/**
 * Reads a CSV file in the engine and builds its typed rows (see the notes above for what is not
 * checked yet). `input` is the file's bytes when they are UTF-8 (then never decoded in JavaScript;
 * they are the engine's after the call), or its text decoded from another encoding.
 */
export async function engineImport(db: Db, input: string | Uint8Array, plan: EnginePlan): Promise<EngineImport> {
  const t0 = performance.now();
  const tables = engineTables();
  // Every working table, so that a failed read leaves none behind.
  const made: { table: string; temp: boolean }[] = [
    { table: tables.read, temp: true },
    { table: tables.lines, temp: false },
    { table: tables.raw, temp: true },
  ];
  const dispose = async () => {
    for (const m of made.splice(0)) await db.exec(`DROP TABLE IF EXISTS ${m.temp ? 'temp.' : ''}${quoteIdent(m.table)}`);
  };
  try {
    const raw = await readRaw(db, input, plan.delimiter, tables);
    const t1 = performance.now();
    const columns = planColumns(plan.kind, plan.columns, plan.context);
    const { maps, distinctMs } = await buildMappings(db, columns, raw.table, plan.lastHeaderLine, tables);
    for (const m of maps) if (m.table !== null) made.push({ table: m.table, temp: false });
    const tm = performance.now();
    const rows = await buildTyped(db, columns, maps, raw.table, plan.lastHeaderLine, tables, plan.columns, raw.width);
    made.push({ table: tables.typed, temp: true });
    const t2 = performance.now();
    return {
      typed: tables.typed,
      records: raw.records,
      rows,
      distinct: maps.map((m) => ({
        header: plan.columns[m.column.index]!.header,
        field: m.column.field.id,
        values: m.distinct,
        identity: m.identity,
        ms: m.ms,
      })),
      ms: {
        scan: raw.scanMs,
        read: raw.readMs,
        distinct: distinctMs,
        mappings: tm - t1,
        typed: t2 - tm,
        normalize: t2 - t1,
        total: t2 - t0,
      },
      dispose,
    };
  } catch (e) {
    await dispose();
    throw e;
  }
}

export interface EngineStaged {
  report: ImportReport;
  records: number;
  /** Rows the JavaScript row code saw (see rows.ts), of `rows` after the header. */
  picked: number;
  rows: number;
  ms: { read: number; normalize: number; classify: number; duplicates: number; picked: number; stage: number; total: number };
}

/**
 * Reads a CSV file in the engine and stages its rows into `stage` (made by createStage for the
 * plan's kind and fields, still empty), returning the report the JavaScript path gives. Refuses
 * (EngineReadError) what it does not read the way the JavaScript path does; the stage is then
 * untouched apart from rejected rows already written, and is the caller's to discard.
 */
export async function engineStage(
  db: Db,
  input: string | Uint8Array,
  plan: EnginePlan,
  stage: Stage,
  opts: { signal?: AbortSignal; onRows?: (rows: number) => void } = {},
): Promise<EngineStaged> {
  const t0 = performance.now();
  const tables = engineTables();
  const made: string[] = [
    tables.read,
    tables.lines,
    tables.raw,
    tables.typed,
    tables.candData,
    tables.dups,
    tables.picked,
    tables.accepted,
  ];
  const columns = planColumns(plan.kind, plan.columns, plan.context);
  const stop = () => {
    if (opts.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
  };
  try {
    const raw = await readRaw(db, input, plan.delimiter, tables);
    opts.onRows?.(raw.records);
    stop();
    const t1 = performance.now();
    const { maps } = await buildMappings(db, columns, raw.table, plan.lastHeaderLine, tables);
    for (const m of maps) if (m.table !== null) made.push(m.table);
    stop();
    const rows = await buildTyped(db, columns, maps, raw.table, plan.lastHeaderLine, tables, plan.columns, raw.width);
    for (const m of maps) if (m.table !== null) await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(m.table)}`);
    stop();
    const t2 = performance.now();
    const out = await stageRows(
      db,
      { ...plan, plan: columns, raw: raw.table, width: raw.width, scan: raw.scan, typed: tables.typed, tables },
      stage,
      opts.signal,
    );
    return {
      report: out.report,
      records: raw.records,
      picked: out.picked,
      rows,
      ms: { read: t1 - t0, normalize: t2 - t1, ...out.ms, total: performance.now() - t0 },
    };
  } finally {
    for (const t of made) {
      await db.exec(`DROP TABLE IF EXISTS temp.${quoteIdent(t)}`);
      await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
    }
  }
}
