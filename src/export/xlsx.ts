/**
 * A table model as an .xlsx workbook (SheetJS): one sheet, the header in row 1 with a filter,
 * number columns as numeric cells with their decimals, text as string cells (never formulas).
 * Loaded only when the user exports.
 */
import { exportValue, type ExportTable } from './table';

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Excel refuses control characters in sheet names
  const clean = name.replace(/[:\\/?*[\]\u0000-\u001f]/g, ' ').trim();
  return (clean || 'Sheet1').slice(0, 31);
}

/** Display width of a text in Excel's character units: CJK characters count double. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uFFDC]/.test(ch) ? 2 : 1;
  return w;
}

export async function tableToXlsx(table: ExportTable): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const aoa: (string | number | null)[][] = [
    table.columns.map((c) => c.header),
    ...table.rows.map((r) => table.columns.map((c, i) => exportValue(c, r[i]))),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  table.columns.forEach((col, c) => {
    if (col.type !== 'number' || col.decimals === undefined) return;
    const z = col.decimals > 0 ? `0.${'0'.repeat(col.decimals)}` : '0';
    for (let r = 1; r < aoa.length; r++) {
      const cell = ws[XLSX.utils.encode_cell({ r, c })] as { t?: string; z?: string } | undefined;
      if (cell?.t === 'n') cell.z = z;
    }
  });
  ws['!cols'] = table.columns.map((_, c) => ({ wch: Math.min(60, Math.max(6, ...aoa.map((r) => textWidth(String(r[c] ?? ''))))) + 2 }));
  if (aoa.length > 1)
    ws['!autofilter'] = {
      ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: aoa.length - 1, c: Math.max(0, table.columns.length - 1) } }),
    };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName(table.name));
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
