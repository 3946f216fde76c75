import { cellIssue, prepareCell } from './placeholder';
import type { Parsed } from './types';

// Units typed after a count or an age ("8956人", "56岁"); the column header already says what is counted.
const UNIT = /\s*(人次|周岁|人|户|个|票|张|名|位|次|组|岁)$/;
// NFKC keeps the Unicode minus sign and figure/en dashes, which Word and web pages put before numbers.
const MINUSES = /^[\u2212\u2012\u2013]/;
// A thousands separator is only a separator before exactly three digits: "8,956" or "8 956",
// never "8,95" (which is more likely a mistyped decimal and must not silently become 895).
const GROUPING = /(\d)[, '](?=\d{3}(?!\d))/g;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
// Counts are stored as INTEGER: no count of voters, ballots or people comes near it, but a
// 12-digit area code pasted into a count column does — it must be dropped with a word, not fail the import.
const MAX_COUNT = 2_147_483_647;

/** The number a cleaned text spells, or null when it is not one. */
function toNumber(text: string, allowUnits: boolean): number | null {
  let t = text.replace(MINUSES, '-');
  if (allowUnits) t = t.replace(UNIT, '');
  t = t.replace(GROUPING, '$1').replace(GROUPING, '$1');
  t = t.replace(/^([+-])\s+/, '$1');
  if (!DECIMAL.test(t)) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return null;
  return n === 0 ? 0 : n; // "-0" is zero
}

/** A count: "8,956", "８９５６", "8956人", "8956.0" → 8956. */
export function parseInteger(raw: string): Parsed<number> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const n = toNumber(c.text, true);
  if (n === null) return cellIssue('not_a_number', raw);
  if (n < 0) return cellIssue('negative', raw);
  if (!Number.isInteger(n)) return cellIssue('not_an_integer', raw);
  if (!Number.isSafeInteger(n)) return cellIssue('not_a_number', raw);
  if (n > MAX_COUNT) return cellIssue('count_too_large', raw);
  return { value: n };
}

/** A non-negative measure where decimals make sense (average age, vote share). */
export function parseNumber(raw: string): Parsed<number> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const n = toNumber(c.text, true);
  if (n === null) return cellIssue('not_a_number', raw);
  if (n < 0) return cellIssue('negative', raw);
  return { value: n };
}

// Avoids 0.913 * 100 = 91.30000000000001 showing up in tables and comparisons.
const tidy = (n: number): number => Number(n.toPrecision(12));

/**
 * Percentage points. "0.912" without a % sign is read as a fraction because Excel writes a
 * cell formatted as 91.2% that way when saved as CSV; "1" stays 1% as nobody writes 100% as "1".
 */
export function parsePercent(raw: string): Parsed<number> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const hasSign = /%$/.test(c.text);
  const body = c.text.replace(/\s*%$/, '');
  let n = toNumber(body, false);
  if (n === null) return cellIssue('not_a_percent', raw);
  if (!hasSign && body.includes('.') && Math.abs(n) <= 1) n = tidy(n * 100);
  if (n < 0) return cellIssue('negative', raw);
  if (n > 100) return { value: n, issue: { code: 'percent_over_100', params: { value: raw } } };
  return { value: n };
}
