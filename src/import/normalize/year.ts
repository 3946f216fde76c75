import { cellIssue, prepareCell } from './placeholder';
import { cleanText } from './text';
import type { Parsed } from './types';

// No village elections under the current system predate the People's Republic.
const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

const CN_DIGITS: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** "二〇二一" → "2021": titles and work reports often spell the year in characters. */
function cnYear(s: string): string {
  return [...s].map((ch) => CN_DIGITS[ch] ?? ch).join('');
}

const inRange = (y: number): boolean => y >= MIN_YEAR && y <= MAX_YEAR;

/**
 * A cycle year: "2021", "2021年", "2021年度", "2021.0", "二〇二一年". A term span
 * "2021-2026" gives its first year, the year of the election.
 */
export function parseYear(raw: string): Parsed<number> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  let t = c.text.replace(/ /g, '').replace(/(年度|年|届)$/, '');
  if (/^[〇零一二三四五六七八九]{4}$/.test(t)) t = cnYear(t);
  const span = /^(\d{4})年?[-~—–至到](\d{4})$/.exec(t);
  if (span?.[1]) t = span[1];
  const m = /^(\d{4})(?:\.0+)?$/.exec(t);
  if (!m?.[1]) return cellIssue('bad_year', raw);
  const y = Number(m[1]);
  return inRange(y) ? { value: y } : cellIssue('bad_year', raw);
}

/**
 * The cycle a title row or a file name speaks of: "XX镇2021年第十一届村民委员会换届选举情况统计表"
 * → 2021 and "第十一届". A year written with 年 is preferred over a bare four-digit number, which
 * may be part of a date or a code. The label is returned as written (after NFKC).
 */
export function parseCycleFromText(text: string): { year: number | null; label: string | null } {
  const t = cleanText(text);
  const candidates = [
    ...t.matchAll(/(?<!\d)((?:19|20)\d{2})\s*年/g),
    ...[...cnYear(t).matchAll(/(?<!\d)((?:19|20)\d{2})\s*年/g)],
    ...t.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g),
  ];
  let year: number | null = null;
  for (const m of candidates) {
    const y = Number(m[1]);
    if (inRange(y)) {
      year = y;
      break;
    }
  }
  const l = /第\s*(\d+|[一二三四五六七八九十百零〇两]+)\s*届/.exec(t);
  return { year, label: l ? l[0].replace(/\s/g, '') : null };
}
