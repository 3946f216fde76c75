import { cellIssue, prepareCell } from './placeholder';
import { compactHan } from './text';
import type { Parsed } from './types';

// A village is named by its committee or branch in some files (李家村委会, 李家村党支部) and by
// itself in others; all must key to 李家村. Longest first so 村民委员会 is taken whole.
const VILLAGE_BODY = /(村民委员会|村委会|村委)$/;
const COMMUNITY_BODY = /(居民委员会|居委会|居委)$/;
const PARTY_BODY = /(党支部委员会|党总支委员会|党支部|党总支|党委)$/;

/**
 * The village as a key: spaces beside Chinese characters removed (李家 村 → 李家村) and a trailing body name dropped:
 * 李家村委会 / 李家村村委会 / 李家村民委员会 → 李家村, 幸福社区居委会 → 幸福社区,
 * (中共)李家村党支部 → 李家村. A name that is only a body name is kept as written.
 */
export function normalizeVillageName(raw: string): string {
  const t = compactHan(raw);
  let m = VILLAGE_BODY.exec(t);
  if (m) {
    const rest = t.slice(0, m.index);
    // The 村 of 李家村委会 belongs to both the name and the body word.
    if (rest !== '') return rest.endsWith('村') ? rest : `${rest}村`;
    return t;
  }
  m = COMMUNITY_BODY.exec(t);
  if (m && m.index > 0) return t.slice(0, m.index);
  m = PARTY_BODY.exec(t);
  // A branch is often named in full, 中共李家村党支部.
  if (m && m.index > 0) return t.slice(0, m.index).replace(/^中共(?=.)/, '');
  return t;
}

/** County and township names: compared without stray spaces between Chinese characters. */
export function normalizePlaceName(raw: string): string {
  return compactHan(raw);
}

/**
 * Area codes stay text: 12 digits with meaningful leading zeros lose them as numbers. Excel
 * adds ".0" to numeric cells and a leading apostrophe to force text; both go. Scientific
 * notation ("1.10101E+11") means the digits were already lost, so it is refused.
 */
export function normalizeCode(raw: string): Parsed<string> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const t = c.text
    .replace(/ /g, '')
    .replace(/^['‘’`]/, '')
    .replace(/\.0+$/, '');
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(t)) return cellIssue('not_a_number', raw);
  return t === '' ? { value: null } : { value: t };
}
