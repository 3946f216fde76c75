/**
 * Step 2 of the engine path: the rows after the header sorted, checked and staged. SQL sorts them
 * (rowFlags.ts) and finds the duplicates; the JavaScript row code — classifyRow, rowNormalizer,
 * the duplicate and totals checks of prepare.ts — runs only on the rows SQL picks (totals, notes,
 * blank rows, rows with an issue or extra data, duplicates); every other row goes from the typed
 * table to the stage tables in one statement. Where SQL's guess about a picked row turns out wrong
 * (rejected or not, its duplicate key) the import is refused here and the caller reads the file
 * with the JavaScript path instead: never a different result.
 */
import { BatchBuilder, REJECTED_BATCH_COLUMNS, rejectedToBatch, type ColumnBatch } from '../../import/columnBatch';
import { batchColumns } from '../../import/columns';
import type { FileKind } from '../../import/fields';
import type { HeaderLayout } from '../../import/layout';
import { maskIdNumbersInText, parseInteger } from '../../import/normalize';
import {
  rowNormalizer,
  valueLayout,
  type CellValue,
  type ColumnSpec,
  type FileContext,
  type NormalizedRow,
  type RowIssue,
} from '../../import/normalizeRow';
import { hashCells, MAX_LISTED, type ImportReport, type ListedIssue, type SkippedRow } from '../../import/prepare';
import { classifyRow, TotalsChecker } from '../../import/rowKinds';
import { tableToIPC } from 'apache-arrow';
import { batchToArrow } from '../arrowBatch';
import { TABLE_COLUMNS } from '../schema';
import { quoteIdent, sqlNumber } from '../sqlLiteral';
import type { Stage } from '../load';
import type { Db } from '../types';
import type { ColumnPlanSet } from './columnPlan';
import { insertColumns } from './arrowColumns';
import type { LineScan } from './lineScan';
import { cellColumn } from './readCsv';
import { EngineReadError, type EngineTables } from './tables';

const q = quoteIdent;
/** Picked rows read from DuckDB at a time. */
const PAGE_ROWS = 16_384;
/** More totals rows than this and the segment sums are left to the JavaScript path. */
const MAX_TOTALS_ROWS = 500;
/** Picked accepted rows put in place between ranges of plain rows rather than by sorting every row. */
const MAX_IN_PLACE = 32;

export interface RowsInput {
  kind: FileKind;
  columns: readonly ColumnSpec[];
  context: FileContext;
  layout: HeaderLayout;
  lastHeaderLine: number;
  titleRows: number;
  headerRows: number;
  plan: ColumnPlanSet;
  raw: string;
  width: number;
  scan: LineScan;
  typed: string;
  tables: EngineTables;
}

/** The duplicate key of prepare.ts's DuplicateFinder, as text: its parts as String() gives them, joined by "|". */
function keySql(kind: FileKind, has: (n: string) => boolean): string {
  const part = (n: string) => (has(n) ? `coalesce(CAST(t.${q(n)} AS VARCHAR), 'null')` : `'null'`);
  const parts = [part('village_key'), part('cycle_year'), part('body')];
  if (kind === 'members')
    parts.push(
      has('name') ? `coalesce(t.name, '#' || CAST(t.source_row AS VARCHAR))` : `'#' || CAST(t.source_row AS VARCHAR)`,
      part('role'),
    );
  return parts.join(` || '|' || `);
}

function keyOf(kind: FileKind, row: NormalizedRow): string {
  const v = (n: string): CellValue => row.values[n] ?? null;
  const parts = [v('village_key'), v('cycle_year'), v('body')];
  if (kind === 'members') parts.push(v('name') ?? `#${row.rowNumber}`, v('role'));
  return parts.map(String).join('|');
}

/** The cells of the record at `line` as the JavaScript reader gives them: read_csv pads a short record, the scan knows its length. */
function cellsAt(scan: LineScan, row: Record<string, unknown>, line: number): string[] {
  let lo = 0;
  let hi = scan.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (scan.lines[mid]! < line) lo = mid + 1;
    else hi = mid;
  }
  if (scan.lines[lo] !== line) throw new EngineReadError('line_mismatch', `no record at line ${line} in our scan`);
  return Array.from({ length: scan.fields[lo]! }, (_, i) => row[cellColumn(i)] as string);
}

async function insertBatch(db: Db, table: string, batch: ColumnBatch, names: readonly string[]): Promise<void> {
  if (batch.length === 0) return;
  await db.insertArrow(table, tableToIPC(batchToArrow(batch, names), 'stream'));
}

export interface RowsOutcome {
  report: ImportReport;
  /** Rows the JavaScript row code saw (classified or normalised), of those after the header. */
  picked: number;
  ms: { classify: number; duplicates: number; picked: number; stage: number };
}

/**
 * Sorts, checks and stages the typed rows into `stage` (its tables empty, its buffers unused), and
 * returns the report the JavaScript path gives for the same file.
 */
export async function stageRows(db: Db, input: RowsInput, stage: Stage, signal?: AbortSignal): Promise<RowsOutcome> {
  const { kind, plan, scan, tables } = input;
  const typed = q(input.typed);
  const raw = q(input.raw);
  const has = (n: string) => plan.types.has(n);
  const stop = () => {
    if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
  };
  const fields = input.columns.map((c) => c.field);
  const normalize = rowNormalizer(kind, input.columns, input.context);

  // 1. Records that may not be data rows, classified by classifyRow itself; zero-length lines are blank rows.
  let t = performance.now();
  const cands = await db.query(`SELECT r.* FROM ${raw} r JOIN ${typed} t ON r.line = t.source_row WHERE t._cand ORDER BY r.line`);
  const skippedRows: { line: number; kind: SkippedRow['kind']; cells: string[] }[] = [];
  const candData: number[] = [];
  for (const r of cands) {
    const line = r.line as number;
    const cells = cellsAt(scan, r, line);
    const k = classifyRow(cells, fields);
    if (k === 'data') candData.push(line);
    else skippedRows.push({ line, kind: k, cells });
  }
  for (const line of scan.empty) if (line > input.lastHeaderLine) skippedRows.push({ line, kind: 'blank', cells: [''] });
  skippedRows.sort((a, b) => a.line - b.line);
  await insertColumns(db, tables.candData, [{ name: 'line', type: 'int', values: Int32Array.from(candData) }]);
  const classifyMs = performance.now() - t;
  stop();

  // 2. Duplicates within the file: the first row of each key among rows not rejected (as DuplicateFinder keeps it).
  t = performance.now();
  const dataRows = `(NOT t._cand OR t.source_row IN (SELECT line FROM ${q(tables.candData)}))`;
  // Keys by their hash first (a window over a million text keys sorts them all: 1.1 s at 100k rows
  // on the shared machine); the exact keys then only where a hash repeats.
  const key = keySql(kind, has);
  const keyed = `${typed} t WHERE ${dataRows} AND NOT t._rej`;
  await db.exec(
    `CREATE TEMP TABLE ${q(tables.dups)} AS WITH h AS (SELECT hash(${key}) AS h FROM ${keyed} GROUP BY ALL HAVING count(*) > 1) ` +
      `SELECT line, first_line FROM (SELECT t.source_row AS line, first_value(t.source_row) OVER (PARTITION BY ${key} ORDER BY t.source_row) AS first_line FROM ${keyed} AND hash(${key}) IN (SELECT h FROM h)) WHERE line <> first_line`,
  );
  const [{ n: dupCount }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${q(tables.dups)}`)) as [{ n: number }];
  const dupMs = performance.now() - t;
  stop();

  // 3. The picked rows, in file order, through the row normaliser.
  t = performance.now();
  const pickedWhere = `t.source_row IN (SELECT line FROM ${q(tables.candData)}) OR (t._flag AND NOT t._cand) OR d.line IS NOT NULL OR t.source_row IN (SELECT first_line FROM ${q(tables.dups)})`;
  await db.exec(
    `CREATE TEMP TABLE ${q(tables.picked)} AS SELECT row_number() OVER (ORDER BY t.source_row)::INTEGER AS k, t.source_row, t._rej, ${keySql(kind, has)} AS _key, d.first_line, ` +
      `(t.source_row IN (SELECT line FROM ${q(tables.candData)}) OR (t._flag AND NOT t._cand) OR d.line IS NOT NULL) AS _emit, ` +
      `${Array.from({ length: input.width }, (_, i) => `r.${cellColumn(i)}`).join(', ')} ` +
      `FROM ${typed} t JOIN ${raw} r ON r.line = t.source_row LEFT JOIN ${q(tables.dups)} d ON d.line = t.source_row WHERE ${pickedWhere} ORDER BY t.source_row`,
  );
  const [{ n: pickedCount }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${q(tables.picked)}`)) as [{ n: number }];

  const totalsLines = skippedRows.filter((s) => s.kind === 'totals').map((s) => s.line);
  if (totalsLines.length > MAX_TOTALS_ROWS) throw new EngineReadError('unsupported', `${totalsLines.length} totals rows`);
  const checker = new TotalsChecker(
    fields,
    input.columns.map((c) => c.header),
  );
  const countCols = checker.columns;
  const slotOf = countCols.map((i) => valueLayout(kind).slot.get(fields[i]!));
  if (totalsLines.length > 0 && slotOf.some((s) => s === undefined))
    throw new EngineReadError('unsupported', 'a totals row over a count this kind of file does not store');
  // Segment s: the data rows after s totals rows. JavaScript adds the picked rows' counts, SQL the others'.
  const segOf = (line: number) => {
    let s = 0;
    while (s < totalsLines.length && totalsLines[s]! < line) s++;
    return s;
  };
  const sums = Array.from({ length: totalsLines.length + 1 }, () => countCols.map(() => 0));

  const counts = { dataRows: 0, imported: 0, warned: 0, rejected: 0 };
  const issues: ListedIssue[] = [];
  let issueCount = 0;
  const firstCells = new Map<number, number>();
  const accepted = new BatchBuilder(kind, PAGE_ROWS);
  const batchCols = batchColumns(kind);
  const names = batchCols.map((c) => c.name);
  await db.exec(`CREATE TEMP TABLE ${q(tables.accepted)} (${batchCols.map((c) => `${q(c.name)} ${c.sql}`).join(', ')})`);
  const flushAccepted = () => insertBatch(db, tables.accepted, accepted.flush(), names);
  for (let from = 1; from <= pickedCount; from += PAGE_ROWS) {
    stop();
    const page = await db.query(
      `SELECT * FROM ${q(tables.picked)} WHERE k BETWEEN ${sqlNumber(from)} AND ${sqlNumber(from + PAGE_ROWS - 1)} ORDER BY k`,
    );
    const rejected: NormalizedRow[] = [];
    for (const p of page) {
      const line = p.source_row as number;
      const row = normalize(cellsAt(scan, p, line), line);
      if ((row.status === 'rejected') !== (p._rej as boolean))
        throw new EngineReadError('unsupported', `row ${line}: SQL and the row normaliser disagree on its rejection`);
      if (row.status !== 'rejected' && keyOf(kind, row) !== p._key)
        throw new EngineReadError('unsupported', `row ${line}: SQL and the row normaliser disagree on its duplicate key`);
      firstCells.set(line, hashCells(row.cells));
      if (!p._emit) continue;
      const first = p.first_line as number | null;
      if (row.status !== 'rejected' && first !== null) {
        const identical = firstCells.get(first) === hashCells(row.cells);
        row.issues.push(
          identical
            ? { code: 'duplicate_row_in_file', params: { row: first }, severity: 'reject', column: '', value: '' }
            : {
                code: kind === 'members' ? 'duplicate_member_in_file' : 'duplicate_in_file',
                params: { row: first },
                severity: 'warning',
                column: '',
                value: '',
              },
        );
        row.status = row.issues.some((i) => i.severity === 'reject') ? 'rejected' : 'warning';
      }
      const seg = sums[segOf(line)]!;
      for (let k = 0; k < countCols.length; k++) {
        const slot = slotOf[k];
        const v = slot !== undefined ? row.vals[slot] : parseInteger(row.cells[countCols[k]!] ?? '').value;
        seg[k]! += typeof v === 'number' ? v : 0;
      }
      counts.dataRows++;
      if (row.status === 'ok') counts.imported++;
      else if (row.status === 'warning') counts.warned++;
      else counts.rejected++;
      issueCount += row.issues.length;
      for (const issue of row.issues as RowIssue[]) {
        if (issues.length >= MAX_LISTED) break;
        issues.push({ row: line, ...issue });
      }
      if (row.status === 'rejected') rejected.push(row);
      else accepted.add(row);
    }
    await insertBatch(db, stage.rejectedTable, rejectedToBatch(rejected), REJECTED_BATCH_COLUMNS);
    if (accepted.length >= PAGE_ROWS) await flushAccepted();
  }
  await flushAccepted();
  const pickedMs = performance.now() - t;
  stop();

  // 4. The plain rows: straight from the typed table, with the picked ones accepted, in file order.
  t = performance.now();
  const plainWhere = `NOT t._cand AND NOT t._flag${dupCount > 0 ? ` AND t.source_row NOT IN (SELECT line FROM ${q(tables.dups)})` : ''}`;
  const seg = totalsLines.map((l) => `(t.source_row > ${sqlNumber(l)})::INTEGER`).join(' + ') || '0';
  const plainSums = await db.query(
    `SELECT ${seg} AS seg, count(*)::INTEGER AS n${countCols.map((i, k) => (slotOf[k] !== undefined ? `, coalesce(sum(t.${q(fields[i]!)}), 0)::DOUBLE AS s${k}` : '')).join('')} FROM ${typed} t WHERE ${plainWhere} GROUP BY ALL`,
  );
  let plain = 0;
  for (const r of plainSums) {
    plain += r.n as number;
    const s = sums[Number(r.seg)]!;
    for (let k = 0; k < countCols.length; k++) if (slotOf[k] !== undefined) s[k]! += Number(r[`s${k}`]);
  }
  counts.dataRows += plain;
  counts.imported += plain;
  // The stage keeps the file's order, as the JavaScript path writes it (any_value over a village's
  // rows then reads the same row). The typed rows come out of hash joins, in the file's order when
  // the big table was the probe side (a large file: checked here, 0.1 s at 100k rows), else in none:
  // then they are sorted (1.4 s at 100k rows against 0.35 s unsorted). A few picked rows are put in
  // place between ranges of plain rows.
  const pickedLines = (await db.query<{ l: number }>(`SELECT source_row AS l FROM ${q(tables.accepted)} ORDER BY l`)).map((r) => r.l);
  const [{ bad }] = (await db.query<{ bad: number }>(
    `SELECT count(*)::INTEGER AS bad FROM (SELECT source_row - lag(source_row) OVER () AS d FROM ${typed}) WHERE d <= 0`,
  )) as [{ bad: number }];
  const inPlace = bad === 0 && pickedLines.length <= MAX_IN_PLACE;
  for (const st of stage.tables) {
    if (!st.filled) continue;
    const cols = TABLE_COLUMNS[st.kind];
    const fromTyped = cols.map((c) => {
      switch (c.name) {
        case 'import_id':
          return '0';
        case 'source_row':
          return 't.source_row';
        case 'status':
          return `'ok'`;
        case 'source_choice':
        case 'issues':
        case 'extra':
          return `CAST(NULL AS ${c.sql})`;
        default: {
          // As the batch builder stores them: an empty text is no text, a number that is not finite none.
          const v = `t.${q(c.name)}`;
          if (c.sql === 'VARCHAR') return `NULLIF(${v}, '')`;
          if (c.sql === 'DOUBLE') return `CASE WHEN isfinite(${v}) THEN ${v} END`;
          return `CAST(${v} AS ${c.sql})`;
        }
      }
    });
    const list = cols.map((c) => q(c.name)).join(', ');
    const plainSql = `SELECT ${fromTyped.map((e, i) => `${e} AS ${q(cols[i]!.name)}`).join(', ')} FROM ${typed} t WHERE ${plainWhere}`;
    const into = `INSERT INTO ${q(st.table)} (${list})`;
    if (!inPlace) {
      const picked = pickedLines.length > 0 ? ` UNION ALL SELECT ${list} FROM ${q(tables.accepted)}` : '';
      await db.exec(`${into} SELECT * FROM (${plainSql}${picked}) ORDER BY source_row`);
      continue;
    }
    let after: number | null = null;
    const range = (before: number | null) =>
      `${after !== null ? ` AND t.source_row > ${sqlNumber(after)}` : ''}${before !== null ? ` AND t.source_row < ${sqlNumber(before)}` : ''}`;
    for (const line of pickedLines) {
      await db.exec(`${into} ${plainSql}${range(line)}`);
      await db.exec(`${into} SELECT ${list} FROM ${q(tables.accepted)} WHERE source_row = ${sqlNumber(line)}`);
      after = line;
    }
    await db.exec(`${into} ${plainSql}${range(null)}`);
  }
  const stageMs = performance.now() - t;

  // 5. Totals rows against the rows above them, by the JavaScript checker (additive: a segment's sums at once).
  for (const [s, line] of totalsLines.entries()) {
    checker.addData((k) => sums[s]![k]!);
    checker.addTotals(skippedRows.find((x) => x.line === line)!.cells, line);
  }

  const skipped = skippedRows.length;
  const blank = skippedRows.filter((s) => s.kind === 'blank').length;
  const c = {
    fileRows: scan.visible,
    titleRows: input.titleRows,
    headerRows: input.headerRows,
    dataRows: counts.dataRows,
    imported: counts.imported,
    warned: counts.warned,
    rejected: counts.rejected,
    skipped,
    blank,
  };
  const report: ImportReport = {
    kind,
    skipped: skippedRows.slice(0, MAX_LISTED).map((s) => ({
      rowNumber: s.line,
      kind: s.kind,
      text: s.cells
        .map((x) => maskIdNumbersInText(x.trim()))
        .filter(Boolean)
        .join(' | '),
    })),
    totals: checker.checks,
    counts: c,
    reconciled: c.fileRows === c.titleRows + c.headerRows + c.dataRows + c.skipped - c.blank,
    issues,
    issueCount,
  };
  return { report, picked: pickedCount + cands.length, ms: { classify: classifyMs, duplicates: dupMs, picked: pickedMs, stage: stageMs } };
}
