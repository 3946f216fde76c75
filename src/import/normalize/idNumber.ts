/**
 * Citizen ID numbers (公民身份号码, GB 11643-1999): read, checked and masked. The number itself is
 * never stored: the importer keeps the masked form (first 6 and last 4 characters) and what the
 * number says about its holder (birth date, sex). Pure and synchronous, as every normaliser.
 */
import { cellIssue, prepareCell } from './placeholder';
import type { Gender, Parsed } from './types';

export interface IdNumber {
  /** `110105********1234`: the region and the last four kept, the rest starred. */
  masked: string;
  /** The 18-character number (a 15-digit one converted); null when the file gave it masked already. */
  full: string | null;
  birth: { year: number; month: number; day: number } | null;
  gender: Gender | null;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';
const MIN_YEAR = 1900;

/** The check character of the first 17 digits (GB 11643-1999: Σ digit × weight mod 11 → "10X98765432"). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Any text as it may be shown in place of an ID number: first 6 and last 4 kept when it is long enough, else all starred. */
export function maskIdText(raw: string): string {
  const s = compactId(raw);
  if (s.length > 10) return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
  return '*'.repeat(s.length);
}

// Runs of digits as long as an ID number (18 with a check character, or the old 15), not inside a longer run.
const ID_LIKE = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/**
 * Free text with anything shaped like an ID number masked: the safety net for cells kept as they
 * are (extra columns, rejected rows, skipped notes), whatever their header says.
 */
export function maskIdNumbersInText(text: string): string {
  if (text.length < 15) return text;
  ID_LIKE.lastIndex = 0;
  return ID_LIKE.test(text) ? text.replace(ID_LIKE, (m) => maskIdText(m)) : text;
}

/** NFKC'd cell text → the bare characters: spaces and a leading apostrophe (Excel's text mark) dropped, x upper-cased. */
function compactId(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^['‘’`]+/, '')
    .replace(/x/g, 'X');
}

function validDate(year: number, month: number, day: number, today: Date): boolean {
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  return Date.UTC(year, month - 1, day) <= Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
}

function issue(code: 'bad_id_number' | 'id_bad_check' | 'id_bad_date' | 'id_number_lost_digits', s: string): Parsed<never> {
  return cellIssue(code, maskIdText(s));
}

/**
 * A cell's ID number: an 18-character one checked (check character, a real birth date from 1900
 * to today), a 15-digit one (region, YYMMDD of 19YY, sequence) converted to 18 with its check
 * character. Spaces, a leading apostrophe, full-width digits and a lower-case x are accepted;
 * scientific notation ("4.11081E+17", a number cell that lost its digits) is refused. A number
 * the file gives masked already (`110105********1234`) is kept as it is, with nothing derived.
 * Every issue quotes the masked text, never the cell.
 */
export function parseIdNumber(raw: string, today: Date = new Date()): Parsed<IdNumber> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const s = compactId(c.text);
  if (/^[+-]?\d+(?:\.\d*)?E[+-]?\d+$/i.test(s)) return issue('id_number_lost_digits', s);
  if (s.includes('*') && /^[\dX*]{18}$/.test(s)) return { value: { masked: maskIdText(s), full: null, birth: null, gender: null } };

  let full: string;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    full = first17 + idCheckChar(first17);
  } else if (/^\d{17}[\dX]$/.test(s)) full = s;
  else return issue('bad_id_number', s);

  const year = Number(full.slice(6, 10));
  const month = Number(full.slice(10, 12));
  const day = Number(full.slice(12, 14));
  if (idCheckChar(full) !== full[17]) {
    // A number cell keeps 15 significant digits: an 18-digit number typed into one ends in 000.
    if (s.length === 18 && s.endsWith('000')) return issue('id_number_lost_digits', s);
    return issue('id_bad_check', s);
  }
  if (!validDate(year, month, day, today)) return issue('id_bad_date', s);
  return {
    value: {
      masked: maskIdText(full),
      full,
      birth: { year, month, day },
      gender: Number(full[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}
