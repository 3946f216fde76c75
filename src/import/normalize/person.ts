import { cellIssue, prepareCell } from './placeholder';
import type { Birth, Gender, Parsed } from './types';

const GENDERS: Readonly<Record<string, Gender>> = {
  男: 'male',
  男性: 'male',
  男士: 'male',
  m: 'male',
  male: 'male',
  man: 'male',
  女: 'female',
  女性: 'female',
  女士: 'female',
  f: 'female',
  female: 'female',
  woman: 'female',
};

/** 男/女, M/F, male/female. */
export function parseGender(raw: string): Parsed<Gender> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const g = GENDERS[c.text.replace(/ /g, '').toLowerCase()];
  return g ? { value: g } : cellIssue('unknown_gender', raw);
}

// People elected since 2000 were born in this window; anything outside is a typing error.
const MIN_BIRTH = 1900;
const MAX_BIRTH = 2020;
// Excel day 0 is 1899-12-30 once its fictitious 29 Feb 1900 is accounted for (serials > 60).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function makeBirth(raw: string, year: number, month: number | null, day: number | null): Parsed<Birth> {
  if (year < MIN_BIRTH || year > MAX_BIRTH) return cellIssue('bad_birth', raw);
  if (month !== null && (month < 1 || month > 12)) return cellIssue('bad_birth', raw);
  if (day !== null && (month === null || day < 1 || day > daysInMonth(year, month))) return cellIssue('bad_birth', raw);
  return { value: { year, month } };
}

const num = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));

/**
 * Year and month of birth from the forms rosters use: "1969.04", "1969.4", "1969年4月",
 * "1969年04月26日", "1969-04-26", "1969/4/26", "196904", "19690426", "1969", an ISO
 * timestamp, US "4/26/1969", and an Excel date serial ("25329") left by a date cell saved as
 * text. "1969.1" is January: a numeric cell holding 1969.10 also prints that way, but no
 * rule can tell the two apart.
 */
export function parseBirth(raw: string): Parsed<Birth> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const s = c.text
    .replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '') // time of a date-time cell
    .replace(/ /g, '')
    .replace(/(出生|生)$/, '');
  let m: RegExpExecArray | null;

  // A four-digit number is a year; the serials it could also be (1902–1927) are implausible.
  if ((m = /^(\d{4})(?:年|\.0+)?$/.exec(s))) return makeBirth(raw, Number(m[1]), null, null);
  if ((m = /^(\d{4})(\d{2})$/.exec(s))) return makeBirth(raw, Number(m[1]), Number(m[2]), null);
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) return makeBirth(raw, Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{5})(?:\.\d+)?$/.exec(s))) {
    const serial = Number(m[1]);
    if (serial > 60_000) return cellIssue('bad_birth', raw);
    const d = new Date(EXCEL_EPOCH + serial * DAY_MS);
    return makeBirth(raw, d.getUTCFullYear(), d.getUTCMonth() + 1, null);
  }
  if ((m = /^(\d{4})[.\-/年](\d{1,2})(?:月|[.\-/月](\d{1,2})日?)?$/.exec(s))) return makeBirth(raw, Number(m[1]), Number(m[2]), num(m[3]));
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) return makeBirth(raw, Number(m[3]), Number(m[1]), Number(m[2]));
  return cellIssue('bad_birth', raw);
}

/** Age at election as reports define it: the age given in the file, else cycle year − birth year. */
export function ageAtElection(cycleYear: number | null, birth: Birth | null, givenAge: number | null): number | null {
  if (givenAge !== null) return givenAge;
  if (cycleYear === null || birth === null) return null;
  return cycleYear - birth.year;
}
