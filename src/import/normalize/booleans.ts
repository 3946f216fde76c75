import { cellIssue, prepareCell } from './placeholder';
import type { Parsed } from './types';

// Keys are compared lowercased and without spaces. 成功/失败 answer "一次选举成功?" directly.
const TRUE_WORDS: ReadonlySet<string> = new Set(['是', '是的', '对', '有', '成功', '√', '✓', '✔', '☑', 'y', 'yes', 't', 'true', '1']);
const FALSE_WORDS: ReadonlySet<string> = new Set([
  '否',
  '不是',
  '错',
  '无',
  '没有',
  '失败',
  '不成功',
  '未成功',
  '×',
  '✗',
  '✘',
  '✕',
  '✖',
  '☒',
  '☓',
  'n',
  'no',
  'f',
  'false',
  '0',
]);

/** The yes/no a word means, or null. Takes cleaned text; shared by the party and re-election parsers. */
export function boolWord(text: string): boolean | null {
  // "1.0" / "0.0": a 0/1 column exported from a numeric cell.
  const t = text
    .replace(/ /g, '')
    .toLowerCase()
    .replace(/^([01])\.0+$/, '$1');
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

/** 是/否, √/×, Y/N, true/false, 1/0, 对/错, 有/无. */
export function parseBool(raw: string): Parsed<boolean> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const b = boolWord(c.text);
  return b === null ? cellIssue('not_a_bool', raw) : { value: b };
}
