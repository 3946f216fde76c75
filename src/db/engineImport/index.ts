/**
 * Import inside the engine (issue 27): a CSV file read, normalised, checked and staged in DuckDB.
 * Wired into the app: src/app/importer.ts stageFile asks the import worker for a CSV file's text
 * as UTF-8 bytes and stages it here (engineStage); a workbook, a Parquet file and any file this
 * path refuses (EngineReadError) go through the worker's JavaScript path (src/import/stream.ts →
 * prepare.ts → normalizeRow.ts), as every file did before.
 *
 * Step 1 — reading and normalising:
 * - Reading (readCsv.ts): the file's UTF-8 bytes — a GB18030/UTF-16 file is transcoded by the
 *   worker in 1 MB pieces (DuckDB-WASM has no GB18030), a byte sequence that is not UTF-8 read as
 *   U+FFFD as the JavaScript decoder reads it — are registered and read by read_csv: every column
 *   VARCHAR (c1…cN, N the widest record), strict, never ignore_errors, our detected delimiter and
 *   RFC 4180 quotes, null_padding for short records (parallel=false when a quoted cell holds a
 *   line break). Each record keeps the line it starts on; DuckDB's record count must equal our own
 *   scan of the bytes (lineScan.ts), and every 4096th record's cells must equal the file's text at
 *   that line. Mixed line breaks are unified first, as the JavaScript reader does.
 * - Normalising (mappings.ts, typed.ts): the existing converters run once per distinct value of a
 *   mapped column into a mapping table; the typed rows are one query of left joins on the raw rows
 *   (typedQuery), with the fills from file-wide values, the body a role implies, place folding,
 *   village key, age and person key. No table holds them: they are computed when asked (below).
 *
 * Step 2 — sorting, checking, staging (rowFlags.ts, rows.ts):
 * - SQL sorts the records after the header into a narrow table (`flags`: line, the flags, the
 *   duplicate key's hash, the counts a totals row sums), each test a superset of what it stands for:
 *   `_cand` (may be totals, notes or blank: no visible character, a totals word anywhere, a first
 *   cell starting like a notes row, or characters NFKC may change), `_flag` (a data row that may
 *   have an issue or extra data: a cell's conversion issue, an unmapped, share, ID-number or
 *   past-the-header cell, a row check of checkResults/checkMember that may fire, a statistical
 *   table's every row), `_rej` (no village, cycle or body, or a name too long), and the duplicates
 *   within the file (DuplicateFinder's key: by its hash over the flags, then the exact key of the
 *   rows whose hash repeats, typed again on their own).
 * - The JavaScript row code runs on the rows SQL picks only — classifyRow on `_cand` rows,
 *   rowNormalizer on flagged, duplicate and candidate-data rows (with their own cells: the scan
 *   knows each record's length), the duplicate issue by hashCells as prepare.ts — so their
 *   status, issues, extra data and cells are the JavaScript path's by construction. The plain rows
 *   (status ok, no issue, no extra data) go from the typed query straight into the stage tables,
 *   the others left out by an anti-join on the raw rows, the picked accepted rows put in place
 *   between ranges (up to 32, else all sorted in); rejected rows with their cells go to the stage's
 *   rejected table. The joins all probe with the raw rows, so a large file's order holds without a
 *   sort (a left join with few matches would break it: DuckDB writes a chunk's matches first); the
 *   stage is checked and sorted where it is not (small files, where the raw rows may be built on). Totals rows are checked by TotalsChecker over
 *   per-segment sums (SQL sums the plain rows, JavaScript the picked). The report (counts, skipped rows, totals, the first
 *   issues in file order) is reconciled against our scan's count of non-blank records.
 * - Where SQL's guess is wrong for a picked row (rejected or not, its duplicate key), or totals
 *   rows exceed what it sums (more than 500, or over a count the kind does not store), the engine
 *   refuses the file ('unsupported') and the JavaScript path reads it: never a different result.
 *   tests/integration/engineStage.test.ts runs both paths over every CSV fixture and 150 fuzz files
 *   and compares stage tables (EXCEPT ALL both ways), rejected rows and reports.
 *
 * Not done yet:
 * - Broken quotes: the JavaScript reader re-reads such a line with quote marks as text; here the
 *   file is refused (EngineReadError 'bad_quote') and read by the JavaScript path.
 * - The page holds the file's bytes once (the worker transfers them) and the line scan, the
 *   distinct-value conversions and the picked rows' normalising run on the page's thread; progress
 *   is reported per step (read, then done), cancel is honoured between steps.
 * - A file whose rows are mostly flagged (a roster with an ID-number column, every row of a
 *   statistical table) is correct but has every such row normalised in JavaScript, after the SQL
 *   work: slower than the JavaScript path alone for such files.
 * - Speed: not yet the issue's target (≤ 3× the bare read at 1M rows). The typed rows are computed
 *   twice (for the flags, then into the stage) rather than kept: a typed table was a third copy of
 *   the data, written and then copied at about the bare read's cost each. Where the time goes now,
 *   and the measurements, are in docs/performance.md ("The engine import").
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
import { buildTyped, typedQuery } from './typed';
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
  ms: {
    read: number;
    mappings: number;
    flags: number;
    classify: number;
    duplicates: number;
    picked: number;
    stage: number;
    total: number;
  };
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
    tables.flags,
    tables.candData,
    tables.dupLines,
    tables.dups,
    tables.pickedLines,
    tables.picked,
    tables.accepted,
    tables.nonPlain,
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
    const t2 = performance.now();
    const out = await stageRows(
      db,
      {
        ...plan,
        plan: columns,
        raw: raw.table,
        width: raw.width,
        scan: raw.scan,
        typed: (o) => typedQuery(columns, maps, raw.table, plan.lastHeaderLine, plan.columns, raw.width, o),
        tables,
      },
      stage,
      opts.signal,
    );
    return {
      report: out.report,
      records: raw.records,
      picked: out.picked,
      rows: out.rows,
      ms: { read: t1 - t0, mappings: t2 - t1, ...out.ms, total: performance.now() - t0 },
    };
  } finally {
    for (const t of made) {
      await db.exec(`DROP TABLE IF EXISTS temp.${quoteIdent(t)}`);
      await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
    }
  }
}
