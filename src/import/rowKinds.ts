import { fieldDef, type FieldId } from './fields';
import { cleanText, parseInteger } from './normalize';

export type RowKind = 'data' | 'totals' | 'notes' | 'blank';

const TOTALS = /(合计|总计|小计|总数|汇总)$|^(total|subtotal|sum|grand total)$/i;
const NOTES =
  /^(填表人|填报人|制表人|制表|审核人|审核|负责人|单位负责人|备注|说明|注[:：\d]|注$|日期|填报日期|填表日期|制表日期|联系电话|联系人|盖章|单位[:：])/;

/**
 * Rows that are not villages: a totals row imported as a village doubles every figure, and a
 * notes row ("填表人：张三") would be rejected as a village without a cycle.
 */
const PLACE_FIELDS: ReadonlySet<string> = new Set(['county', 'township', 'village', 'village_code', 'name']);
const placeColumnsOf = new WeakMap<readonly (FieldId | null)[], number[]>();

const squeeze = (c: string | undefined) => (c ? cleanText(c).replace(/\s/g, '') : '');

export function classifyRow(cells: readonly string[], fields: readonly (FieldId | null)[]): RowKind {
  // Called for every row of a file: no array is built per row.
  let first = '';
  let second = '';
  for (let i = 0; i < cells.length && second === ''; i++) {
    const t = squeeze(cells[i]);
    if (t === '') continue;
    if (first === '') first = t;
    else second = t;
  }
  if (first === '') return 'blank';
  let places = placeColumnsOf.get(fields);
  if (!places) placeColumnsOf.set(fields, (places = fields.flatMap((f, i) => (f && PLACE_FIELDS.has(f) ? [i] : []))));
  for (const i of places) if (TOTALS.test(squeeze(cells[i]))) return 'totals';
  if (TOTALS.test(first) || TOTALS.test(second)) return 'totals';
  if (NOTES.test(first)) return 'notes';
  return 'data';
}

export interface TotalsMismatch {
  field: FieldId;
  header: string;
  expected: number;
  found: number;
}

export interface TotalsCheck {
  rowNumber: number;
  label: string;
  /** Count fields compared; 0 when the row holds no counts. */
  compared: number;
  mismatches: TotalsMismatch[];
}

/**
 * Checks totals rows against the data rows they sum, row by row as a file is read: a subtotal
 * (小计) covers the rows since the previous totals row, a total (合计/总计) every data row above it.
 */
export class TotalsChecker {
  private readonly countCols: { f: FieldId; i: number }[];
  private readonly all: number[];
  private since: number[];
  readonly checks: TotalsCheck[] = [];

  constructor(
    fields: readonly (FieldId | null)[],
    private readonly headers: readonly string[],
  ) {
    this.countCols = fields
      .map((f, i) => ({ f, i }))
      .filter((x): x is { f: FieldId; i: number } => x.f !== null && fieldDef(x.f).type === 'int');
    this.all = this.countCols.map(() => 0);
    this.since = this.countCols.map(() => 0);
  }

  /** The columns whose values addData takes, in its order. */
  get columns(): readonly number[] {
    return this.countCols.map((c) => c.i);
  }

  /** A data row, by the counts it holds in `columns` (null where a cell has none). */
  addData(value: (k: number) => number | null): void {
    for (let k = 0; k < this.countCols.length; k++) {
      const v = value(k) ?? 0;
      this.all[k]! += v;
      this.since[k]! += v;
    }
  }

  addTotals(cells: readonly string[], rowNumber: number): void {
    const label = cells.map((c) => cleanText(c)).find((c) => TOTALS.test(c.replace(/\s/g, ''))) ?? '';
    const sums = /小计/.test(label) ? this.since : this.all;
    const mismatches: TotalsMismatch[] = [];
    let compared = 0;
    this.countCols.forEach(({ f, i }, k) => {
      const found = parseInteger(cells[i] ?? '').value;
      if (found === null) return;
      compared++;
      if (sums[k] !== found) mismatches.push({ field: f, header: this.headers[i] ?? f, expected: sums[k]!, found });
    });
    this.checks.push({ rowNumber, label, compared, mismatches });
    this.since = this.countCols.map(() => 0);
  }
}

/** TotalsChecker over rows already classified. */
export function checkTotals(
  rows: readonly { cells: readonly string[]; kind: RowKind; rowNumber: number }[],
  fields: readonly (FieldId | null)[],
  headers: readonly string[],
): TotalsCheck[] {
  const checker = new TotalsChecker(fields, headers);
  const cols = checker.columns;
  for (const row of rows) {
    if (row.kind === 'data') checker.addData((k) => parseInteger(row.cells[cols[k]!] ?? '').value);
    else if (row.kind === 'totals') checker.addTotals(row.cells, row.rowNumber);
  }
  return checker.checks;
}
