import { cellIssue, prepareCell } from './placeholder';
import type { Parsed } from './types';

const DAY_MS = 86_400_000;
// Excel's day 0 is 1899-12-30 once its phantom 1900-02-29 is passed, as every date an office types is.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
// Serials of 1949-01-01 and 2100-12-31: a five-digit number outside them is not an election date.
const MIN_SERIAL = 17_899;
const MAX_SERIAL = 73_415;

const pad = (n: number) => String(n).padStart(2, '0');

/** Y-M-D as ISO text, or null for a day the calendar does not have (2021-02-30, month 13). */
export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * An election date (选举日期) → "YYYY-MM-DD": "2021年11月28日", "2021-11-28", "2021/11/28",
 * "2021.11.28", "20211128", a workbook's date cell (read as ISO text) or an Excel serial (44528)
 * left in a General column. A day that does not exist is an issue quoting the cell.
 */
export function parseElectionDate(raw: string): Parsed<string> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const s = c.text
    .replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '') // the time of a date-time cell
    .replace(/ /g, '');
  let m: RegExpExecArray | null;
  let iso: string | null = null;
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = /^(\d{5})(?:\.\d+)?$/.exec(s))) {
    const serial = Number(m[1]);
    if (serial >= MIN_SERIAL && serial <= MAX_SERIAL) iso = new Date(EXCEL_EPOCH + serial * DAY_MS).toISOString().slice(0, 10);
  } else if ((m = /^(\d{4})(?:年(\d{1,2})月(\d{1,2})[日号]?|([-/.])(\d{1,2})\4(\d{1,2}))$/.exec(s)))
    iso = isoDate(Number(m[1]), Number(m[2] ?? m[5]), Number(m[3] ?? m[6]));
  return iso === null ? cellIssue('bad_date', raw) : { value: iso };
}
