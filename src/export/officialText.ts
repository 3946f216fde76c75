/**
 * The parts of an official document's text that GB/T 9704-2012 names: the levels of its headings
 * (§7.3.3: 一、 （一） 1. （1）, set in 黑体, 楷体, 仿宋, 仿宋) and its attachments (附件说明 §7.3.4, 附件 §7.3.7).
 * Pure: the Word writer styles paragraphs by what is found here.
 */
import type { Lang } from '../util/lang';

export type OutlineLevel = 1 | 2 | 3 | 4;

const NUMERAL = '[一二三四五六七八九十]+';
const LEVELS: readonly [OutlineLevel, RegExp][] = [
  [1, new RegExp(`^${NUMERAL}、`)],
  [2, new RegExp(`^（${NUMERAL}）`)],
  // "1." but not "1.5万人".
  [3, /^\d+[.．](?!\d)/],
  [4, /^[（(]\d+[）)]/],
];

/** The heading level a paragraph's numbering marks, or null for plain text. */
export function outlineLevel(paragraph: string): OutlineLevel | null {
  return LEVELS.find(([, re]) => re.test(paragraph))?.[0] ?? null;
}

/** Longest text still read as a heading of its own line (a heading longer than a line is rare). */
const HEADING_MAX = 28;

/**
 * The heading of a numbered paragraph and the text after it. An office writes a heading on a line
 * of its own ("一、基本情况") or runs the text on after it ("（一）参选情况。本届……"): the heading is
 * then the words up to the first 。 and only they take the heading's font. A long numbered
 * paragraph with neither is a list item, not a heading: null.
 */
export function splitHeading(paragraph: string): { level: OutlineLevel; heading: string; rest: string } | null {
  const level = outlineLevel(paragraph);
  if (level === null) return null;
  const stop = paragraph.indexOf('。');
  if (stop >= 0 && stop < HEADING_MAX && stop < paragraph.length - 1)
    return { level, heading: paragraph.slice(0, stop + 1), rest: paragraph.slice(stop + 1) };
  if (paragraph.length <= HEADING_MAX) return { level, heading: paragraph, rest: '' };
  return null;
}

/**
 * What an attachment is called: "附件" alone when there is one, "附件1", "附件2" when there are more
 * (§7.3.4: 附件顺序号 only for several).
 */
export function appendixLabel(index: number, count: number, lang: Lang): string {
  if (lang === 'zh') return count === 1 ? '附件' : `附件${index + 1}`;
  return count === 1 ? 'Appendix' : `Appendix ${index + 1}`;
}

/** An attachment as the text refers to it: "见附件1"; "in Appendix 2", "in the appendix". */
export function appendixReference(index: number, count: number, lang: Lang): string {
  return lang === 'en' && count === 1 ? 'the appendix' : appendixLabel(index, count, lang);
}

/**
 * The 附件说明 under the text (§7.3.4): "附件：各村参选率排名", or with several, "附件：1. …" and "2. …"
 * on the lines below, no punctuation after the names.
 */
export function appendixNote(titles: readonly string[], lang: Lang): string[] {
  if (titles.length === 0) return [];
  const zh = lang === 'zh';
  const head = zh ? '附件：' : 'Appendices: ';
  if (titles.length === 1) return [`${zh ? '附件：' : 'Appendix: '}${titles[0]}`];
  return titles.map((t, i) => `${i === 0 ? head : ''}${i + 1}. ${t}`);
}
