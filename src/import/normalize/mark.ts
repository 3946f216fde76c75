import { boolWord } from './booleans';
import { cellIssue, prepareCell } from './placeholder';
import type { Parsed } from './types';

/** Which of the two lists a village is on: 重点村 (key) and 难点村 (difficult); both or neither. */
export interface VillageMark {
  key: boolean;
  difficult: boolean;
}

// 软弱涣散村 (a village whose party organisation is weak and lax) is what most 难点村 lists are made of.
const DIFFICULT = /难点|软弱涣散|难村/;
const KEY = /重点/;
const ORDINARY = /^(一般|普通|正常|其他|其它)(村|社区)?$/;

/**
 * A 村类别 cell: "重点村", "难点村", "重点、难点村", "一般村". Returns the lists it names; a
 * word naming none is an issue quoting the cell.
 */
export function parseVillageMark(raw: string): Parsed<VillageMark> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const t = c.text.replace(/ /g, '');
  const key = KEY.test(t);
  const difficult = DIFFICULT.test(t);
  if (key || difficult) return { value: { key, difficult } };
  if (ORDINARY.test(t) || boolWord(t) === false) return { value: { key: false, difficult: false } };
  return cellIssue('unknown_village_mark', raw);
}

/**
 * A 是否重点村 / 难点村 column: yes/no (是/否, √/×), or the list's own name written in it
 * ("重点村" in the 重点村 column, "一般村" for no).
 */
export function parseMarkFlag(raw: string, which: keyof VillageMark): Parsed<boolean> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const b = boolWord(c.text);
  if (b !== null) return { value: b };
  const m = parseVillageMark(raw);
  return m.value ? { value: m.value[which] } : cellIssue('not_a_bool', raw);
}
