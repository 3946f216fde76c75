import { fieldDef, type FieldId } from './fields';
import { cleanText, parseInteger } from './normalize';

export type RowKind = 'data' | 'totals' | 'notes' | 'blank';

const TOTALS = /(合计|总计|小计|总数|汇总)$|^(total|subtotal|sum|grand total)$/i;
const NOTES = /^(填表人|填报人|制表人|制表|审核人|审核|负责人|单位负责人|备注|说明|注[:：\d]|注$|日期|填报日期|填表日期|制表日期|联系电话|联系人|盖章|单位[:：])/;

/**
 * Rows that are not villages: a totals row imported as a village doubles every figure, and a
 * notes row ("填表人：张三") would be rejected as a village without a cycle.
 */
export function classifyRow(cells: readonly string[], fields: readonly (FieldId | null)[]): RowKind {
  const texts = cells.map((c) => cleanText(c).replace(/\s/g, ''));
  const nonEmpty = texts.filter(Boolean);
  if (nonEmpty.length === 0) return 'blank';
  const placeCols = ['county', 'township', 'village', 'village_code', 'name'] as const;
  const labelCells = fields
    .map((f, i) => (f && (placeCols as readonly string[]).includes(f) ? texts[i] : undefined))
    .filter((t): t is string => !!t);
  for (const t of [...labelCells, ...nonEmpty.slice(0, 2)]) if (TOTALS.test(t)) return 'totals';
  if (NOTES.test(nonEmpty[0]!)) return 'notes';
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
 * Checks a totals row against the data rows it sums: a subtotal (小计) covers the rows since the
 * previous totals row, a total (合计/总计) every data row above it.
 */
export function checkTotals(
  rows: readonly { cells: readonly string[]; kind: RowKind; rowNumber: number }[],
  fields: readonly (FieldId | null)[],
  headers: readonly string[],
): TotalsCheck[] {
  const countCols = fields
    .map((f, i) => ({ f, i }))
    .filter((x): x is { f: FieldId; i: number } => x.f !== null && fieldDef(x.f).type === 'int');
  const checks: TotalsCheck[] = [];
  let sinceLast: (typeof rows)[number][] = [];
  const all: (typeof rows)[number][] = [];
  for (const row of rows) {
    if (row.kind === 'data') {
      sinceLast.push(row);
      all.push(row);
      continue;
    }
    if (row.kind !== 'totals') continue;
    const label = row.cells.map((c) => cleanText(c)).find((c) => TOTALS.test(c.replace(/\s/g, ''))) ?? '';
    const scope = /小计/.test(label) ? sinceLast : all;
    const mismatches: TotalsMismatch[] = [];
    let compared = 0;
    for (const { f, i } of countCols) {
      const found = parseInteger(row.cells[i] ?? '').value;
      if (found === null) continue;
      compared++;
      let expected = 0;
      for (const r of scope) expected += parseInteger(r.cells[i] ?? '').value ?? 0;
      if (expected !== found) mismatches.push({ field: f, header: headers[i] ?? f, expected, found });
    }
    checks.push({ rowNumber: row.rowNumber, label, compared, mismatches });
    sinceLast = [];
  }
  return checks;
}
