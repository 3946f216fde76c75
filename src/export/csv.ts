/**
 * CSV for Excel and WPS: UTF-8 with a BOM (else Chinese turns to mojibake) and every text cell
 * that a spreadsheet would run as a formula neutralised (OWASP CSV injection). PapaParse's
 * escapeFormulae misses multi-line cells and mangles negative numbers, hence our own.
 */

import { downloadBlob, MIME } from './download';
import { exportValue, type ExportTable } from './table';

/** What a spreadsheet would run as a formula when a cell starts with it (full-width forms too). */
const FORMULA_CHARS = '=+\\-@\\t\\r\\n\uFF1D\uFF0B\uFF0D\uFF20';
const FORMULA_START = new RegExp(`^[${FORMULA_CHARS}]`);

export type CsvCell = string | number | boolean | null | undefined;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The same neutralising as SQL over a text column, for CSV that DuckDB writes (the backup's readable copies). */
export function neutraliseFormulaSql(column: string): string {
  return `CASE WHEN regexp_matches(${column}, '^[${FORMULA_CHARS}]') THEN '''' || ${column} ELSE ${column} END`;
}

function field(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  // Numbers we computed are safe as they are; only text can smuggle a formula.
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `"${neutraliseFormula(v).replaceAll('"', '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map((h) => field(h)).join(','), ...rows.map((r) => r.map(field).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A table model as CSV: number columns unquoted numbers, everything else neutralised text. */
export function tableToCsv(table: ExportTable): string {
  return toCsv(
    table.columns.map((c) => c.header),
    table.rows.map((r) => table.columns.map((c, i) => exportValue(c, r[i]))),
  );
}

export function downloadText(fileName: string, text: string, mime: string = MIME.csv): void {
  downloadBlob(fileName, new Blob([text], { type: mime }));
}
