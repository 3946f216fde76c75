/**
 * Step 2 of the engine path: the rows after the header sorted, checked and staged. SQL sorts them
 * (rowFlags.ts) and finds the duplicates; the JavaScript row code — classifyRow, rowNormalizer,
 * the duplicate and totals checks of prepare.ts — runs only on the rows SQL picks (totals, notes,
 * blank rows, rows with an issue or extra data, duplicates); every other row goes from the typed
 * query to the stage tables in one statement. Where SQL's guess about a picked row turns out wrong
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
import type { Db, SqlParam } from '../types';
import type { ColumnPlanSet } from './columnPlan';
import { insertColumns } from './arrowColumns';
import type { LineScan } from './lineScan';
import { cellColumn } from './readCsv';
import { EngineReadError, type EngineTables } from './tables';
import { refuseUnmapped, type TypedOptions } from './typed';

const q = quoteIdent;
/** Picked rows read from DuckDB at a time. */
const PAGE_ROWS = 16_384;
/** More totals rows than this and the segment sums are left to the JavaScript path. */
const MAX_TOTALS_ROWS = 500;

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
  /** The typed query (typed.ts typedQuery) over the raw table, for all records after the header or some. */
  typed: (opts?: TypedOptions) => { sql: string; params: SqlParam[] };
  tables: EngineTables;
}

/**
 * Sorts a stage table by source_row where its rows are not in the file's order already (checked
 * on the line numbers alone; rewriting the table is the rare case).
 */
async function keepFileOrder(db: Db, table: string): Promise<void> {
  const [{ bad }] = (await db.query<{ bad: number }>(
    `SELECT count(*)::INTEGER AS bad FROM (SELECT source_row - lag(source_row) OVER () AS d FROM ${q(table)}) WHERE d <= 0`,
  )) as [{ bad: number }];
  if (bad === 0) return;
  const sorted = q(`${table}_sorted`);
  await db.exec(`CREATE TEMP TABLE ${sorted} AS SELECT * FROM ${q(table)} ORDER BY source_row`);
  await db.exec(`DELETE FROM ${q(table)}`);
  await db.exec(`INSERT INTO ${q(table)} SELECT * FROM ${sorted}`);
  await db.exec(`DROP TABLE ${sorted}`);
}

/** A stage column's value from the typed query (alias `t`), as the batch builder stores it. */
function fromTyped(c: { name: string; sql: string }): string {
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
      // An empty text is no text, a number that is not finite none.
      const v = `t.${q(c.name)}`;
      if (c.sql === 'VARCHAR') return `NULLIF(${v}, '')`;
      if (c.sql === 'DOUBLE') return `CASE WHEN isfinite(${v}) THEN ${v} END`;
      return `CAST(${v} AS ${c.sql})`;
    }
  }
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
  /** Records after the header (data, totals, notes, blank rows with a delimiter). */
  rows: number;
  /** Rows the JavaScript row code saw (classified or normalised), of those after the header. */
  picked: number;
  /** `flags`: every record typed, flagged and staged; `stage`: the picked rows put in their places. */
  ms: { flags: number; classify: number; duplicates: number; picked: number; stage: number };
}

/**
 * Sorts, checks and stages the typed rows into `stage` (its tables empty, its buffers unused), and
 * returns the report the JavaScript path gives for the same file.
 *
 * Every record is typed once, in the statement that writes it into the stage tables; its flags
 * (and the duplicate key's hash, and the counts a totals row sums) go in columns of the own stage
 * table, copied into a narrow table and dropped. The few rows JavaScript sees are typed again on
 * their own and then deleted from the stage or updated in it. Typed into a temporary table, then
 * copied into the stage, a million-row roster was three copies of the data at once and the copy as
 * slow as the read; typed once for the flags and again for the stage, 2 s more of the engine's
 * time (DuckDB's Node build, `npx tsx scripts/bench/engineImport.ts 1000000 --only estage`).
 */
export async function stageRows(db: Db, input: RowsInput, stage: Stage, signal?: AbortSignal): Promise<RowsOutcome> {
  const { kind, plan, scan, tables } = input;
  const raw = q(input.raw);
  const flags = q(tables.flags);
  const has = (n: string) => plan.types.has(n);
  const stop = () => {
    if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
  };
  const fields = input.columns.map((c) => c.field);
  const normalize = rowNormalizer(kind, input.columns, input.context);
  // A statement over the typed query: its file-wide values are bound parameters.
  const run = async (sql: (typed: string) => string, opts?: TypedOptions) => {
    const t = input.typed(opts);
    const text = sql(`(${t.sql})`);
    return t.params.length > 0 ? db.query(text, t.params) : (await db.exec(text), []);
  };

  const totalsChecker = new TotalsChecker(
    fields,
    input.columns.map((c) => c.header),
  );
  const countCols = totalsChecker.columns;
  const slotOf = countCols.map((i) => valueLayout(kind).slot.get(fields[i]!));
  const summed = countCols.flatMap((i, k) => (slotOf[k] !== undefined ? [{ k, name: fields[i]! }] : []));

  // 0. Every record after the header typed once, straight into the stage tables in the file's
  // order; the own table also takes each record's flags (and the duplicate key's hash, and the
  // counts a totals row sums) in columns of its own, copied into a narrow table and dropped. The
  // few records the JavaScript row code then sees are deleted or updated in place (step 4).
  let t = performance.now();
  const filled = stage.tables.filter((st) => st.filled);
  const flagColumns: [string, string, string][] = [
    ['_cand', 'BOOLEAN', 't._cand'],
    ['_flag', 'BOOLEAN', 't._flag'],
    ['_rej', 'BOOLEAN', 't._rej'],
    ['_unmapped', 'BOOLEAN', 't._unmapped'],
    ['_h', 'UBIGINT', `hash(${keySql(kind, has)})`],
    ...summed.map(({ k, name }): [string, string, string] => [`s${k}`, plan.types.get(name)!, `t.${q(name)}`]),
  ];
  for (const [k, st] of filled.entries()) {
    const cols = TABLE_COLUMNS[st.kind];
    const withFlags = k === 0 ? flagColumns : [];
    for (const [name, type] of withFlags) await db.exec(`ALTER TABLE ${q(st.table)} ADD COLUMN ${q(name)} ${type}`);
    const list = [...cols.map((c) => q(c.name)), ...withFlags.map(([name]) => q(name))].join(', ');
    await run(
      (typed) =>
        `INSERT INTO ${q(st.table)} (${list}) SELECT ${[...cols.map((c) => fromTyped(c)), ...withFlags.map(([, , e]) => e)].join(', ')} FROM ${typed} t`,
    );
  }
  const own = q(filled[0]!.table);
  await db.exec(`CREATE TEMP TABLE ${flags} AS SELECT source_row, ${flagColumns.map(([name]) => q(name)).join(', ')} FROM ${own}`);
  for (const [name] of flagColumns) await db.exec(`ALTER TABLE ${own} DROP COLUMN ${q(name)}`);
  const [{ rows, data }] = (await db.query<{ rows: number; data: number }>(
    `SELECT (SELECT count(*) FROM ${flags})::INTEGER AS rows, (SELECT count(*) FROM ${raw} WHERE line > ${sqlNumber(input.lastHeaderLine)})::INTEGER AS data`,
  )) as [{ rows: number; data: number }];
  // An inner join on a mapping table that lacks a cell would drop its row: never silently.
  if (rows !== data) throw new Error(`typed rows ${rows} ≠ records after the header ${data}: a join lost rows`);
  await refuseUnmapped(db, flags);
  const flagsMs = performance.now() - t;
  stop();

  // 1. Records that may not be data rows, classified by classifyRow itself; zero-length lines are blank rows.
  t = performance.now();
  const cands = await db.query(`SELECT r.* FROM ${raw} r WHERE r.line IN (SELECT source_row FROM ${flags} WHERE _cand) ORDER BY r.line`);
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
  // Keys by their hash first (a window over a million text keys sorts them all); the exact keys
  // then only of the rows whose hash repeats, typed again on their own.
  t = performance.now();
  const dataRows = (f: string) => `(NOT ${f}._cand OR ${f}.source_row IN (SELECT line FROM ${q(tables.candData)}))`;
  await db.exec(
    `CREATE TEMP TABLE ${q(tables.dupLines)} AS SELECT f.source_row AS line FROM ${flags} f WHERE ${dataRows('f')} AND NOT f._rej ` +
      `AND f._h IN (SELECT _h FROM ${flags} g WHERE ${dataRows('g')} AND NOT g._rej GROUP BY _h HAVING count(*) > 1)`,
  );
  const [{ n: hashRepeats }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${q(tables.dupLines)}`)) as [
    { n: number },
  ];
  if (hashRepeats === 0) await db.exec(`CREATE TEMP TABLE ${q(tables.dups)} (line INTEGER, first_line INTEGER)`);
  else {
    const key = keySql(kind, has);
    await run(
      (typed) =>
        `CREATE TEMP TABLE ${q(tables.dups)} AS SELECT line, first_line FROM (SELECT t.source_row AS line, ` +
        `first_value(t.source_row) OVER (PARTITION BY ${key} ORDER BY t.source_row) AS first_line FROM ${typed} t) WHERE line <> first_line`,
      { lines: tables.dupLines },
    );
  }
  const [{ n: dupCount }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${q(tables.dups)}`)) as [{ n: number }];
  const dupMs = performance.now() - t;
  stop();

  // 3. The picked rows, in file order, through the row normaliser.
  t = performance.now();
  const candDataIn = `f.source_row IN (SELECT line FROM ${q(tables.candData)})`;
  await db.exec(
    `CREATE TEMP TABLE ${q(tables.pickedLines)} AS SELECT f.source_row AS line, f._rej, d.first_line, ` +
      `(${candDataIn} OR (f._flag AND NOT f._cand) OR d.line IS NOT NULL) AS _emit FROM ${flags} f LEFT JOIN ${q(tables.dups)} d ON d.line = f.source_row ` +
      `WHERE ${candDataIn} OR (f._flag AND NOT f._cand) OR d.line IS NOT NULL OR f.source_row IN (SELECT first_line FROM ${q(tables.dups)})`,
  );
  await run(
    (typed) =>
      `CREATE TEMP TABLE ${q(tables.picked)} AS SELECT row_number() OVER (ORDER BY t.source_row)::INTEGER AS k, t.source_row, p._rej, ${keySql(kind, has)} AS _key, p.first_line, p._emit, ` +
      `${Array.from({ length: input.width }, (_, i) => `t.${cellColumn(i)}`).join(', ')} ` +
      `FROM ${typed} t JOIN ${q(tables.pickedLines)} p ON p.line = t.source_row ORDER BY t.source_row`,
    { lines: tables.pickedLines, cells: true },
  );
  const [{ n: pickedCount }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${q(tables.picked)}`)) as [{ n: number }];

  const totalsLines = skippedRows.filter((s) => s.kind === 'totals').map((s) => s.line);
  if (totalsLines.length > MAX_TOTALS_ROWS) throw new EngineReadError('unsupported', `${totalsLines.length} totals rows`);
  const checker = totalsChecker;
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

  // 4. The plain rows (not picked, or picked only as the first of a duplicate key): counted and
  // summed from the flags; in the stage already, the picked rows then put right around them.
  t = performance.now();
  await db.exec(
    `CREATE TEMP TABLE ${q(tables.nonPlain)} AS SELECT source_row AS line FROM ${flags} WHERE _cand OR _flag` +
      `${dupCount > 0 ? ` UNION SELECT line FROM ${q(tables.dups)}` : ''}`,
  );
  const [{ n: nonPlain }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${q(tables.nonPlain)}`)) as [{ n: number }];
  const plainWhere = `NOT f._cand AND NOT f._flag${dupCount > 0 ? ` AND f.source_row NOT IN (SELECT line FROM ${q(tables.dups)})` : ''}`;
  const seg = totalsLines.map((l) => `(f.source_row > ${sqlNumber(l)})::INTEGER`).join(' + ') || '0';
  const plainSums = await db.query(
    `SELECT ${seg} AS seg, count(*)::INTEGER AS n${summed.map(({ k }) => `, coalesce(sum(f.s${k}), 0)::DOUBLE AS s${k}`).join('')} FROM ${flags} f WHERE ${plainWhere} GROUP BY ALL`,
  );
  let plain = 0;
  for (const r of plainSums) {
    plain += r.n as number;
    const s = sums[Number(r.seg)]!;
    for (const { k } of summed) s[k]! += Number(r[`s${k}`]);
  }
  counts.dataRows += plain;
  counts.imported += plain;
  // The stage keeps the file's order, as the JavaScript path writes it (any_value over a village's
  // rows then reads the same row): every record was written in it at step 0 from the typed query,
  // which keeps the raw rows' order (its joins all probe with them, see typed.ts). The records the
  // row code saw are put right in place: those it did not accept (not data, rejected, a
  // duplicate) deleted, those it accepted given its values. The stage's order is checked after.
  for (const st of filled) {
    const table = q(st.table);
    const set = TABLE_COLUMNS[st.kind]
      .filter((c) => c.name !== 'source_row')
      .map((c) => `${q(c.name)} = a.${q(c.name)}`)
      .join(', ');
    if (nonPlain > 0)
      await db.exec(
        `DELETE FROM ${table} WHERE source_row IN (SELECT line FROM ${q(tables.nonPlain)}) AND source_row NOT IN (SELECT source_row FROM ${q(tables.accepted)})`,
      );
    await db.exec(`UPDATE ${table} SET ${set} FROM ${q(tables.accepted)} a WHERE ${table}.source_row = a.source_row`);
    await keepFileOrder(db, st.table);
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
  return {
    report,
    rows,
    picked: pickedCount + cands.length,
    ms: { flags: flagsMs, classify: classifyMs, duplicates: dupMs, picked: pickedMs, stage: stageMs },
  };
}
