import type { IssueCode } from '../issues';
import { cleanText } from './text';
import type { Parsed } from './types';

/*
 * Tokens meaning "no value here". 不详 / 未知 / 不明 ("not known") are included: they say the
 * value is missing, not what it is. 无 / 否 / 0 are not: in a yes/no or count column they are
 * real answers.
 */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'n/a',
  'na',
  '#n/a',
  'null',
  'nan',
  '空',
  '空白',
  '无数据',
  '不详',
  '未知',
  '不明',
]);

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^x+$/, // anonymised digits or names
  /^\*+$/,
  /^[-‐‑‒–—―─━~]+$/, // every dash people type for "nothing", singly or doubled
  /^[/\\]+$/,
  /^\?+$/,
  // Excel error values: a formula with nothing to compute, not data.
  /^#(n\/a|value!|ref!|div\/0!|name\?|num!|null!)$/,
];

/** True for a blank cell or a token that stands in for a missing / anonymised value. */
export function isPlaceholder(s: string): boolean {
  const t = cleanText(s).replace(/ /g, '').toLowerCase();
  if (t === '') return true;
  return PLACEHOLDER_WORDS.has(t) || PLACEHOLDER_PATTERNS.some((re) => re.test(t));
}

/** A cell problem: no usable value, the raw cell quoted in the message. */
export function cellIssue(code: IssueCode, raw: string | null | undefined): Parsed<never> {
  return { value: null, issue: { code, params: { value: raw ?? '' } } };
}

export type Prepared = { text: string } | { done: Parsed<never> };

/**
 * The step every cell parser shares. Blank cells are common and harmless, so they yield null
 * silently; a placeholder yields null with a warning, because "xx" in a count column hides a
 * number the user may want to fill in.
 */
export function prepareCell(raw: string | null | undefined): Prepared {
  const text = cleanText(raw);
  if (text === '') return { done: { value: null } };
  if (isPlaceholder(text)) return { done: cellIssue('placeholder', raw) };
  return { text };
}
