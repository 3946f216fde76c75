import { boolWord } from './booleans';
import { cellIssue, prepareCell } from './placeholder';
import type { Parsed } from './types';

// Not CPC members. Checked before the member words: 农工党党员 and 非党员 contain 党员.
const NON_MEMBER_ZH = [
  '非',
  '群众',
  '团员',
  '共青团',
  '无党派',
  '民主党派',
  '民革',
  '民盟',
  '民建',
  '民进',
  '农工',
  '致公',
  '九三',
  '台盟',
  '国民党',
  '民主同盟',
  '民主建国会',
  '民主促进会',
];
const MEMBER_ZH = ['党员', '中共', '共产党'];
const NON_MEMBER_EN = /non|not|masses|league|democratic|independent|none/;
const MEMBER_EN = /\b(ccp|cpc|communist|party member|member)\b/;

/** 政治面貌 or 是否党员 → CPC member (预备党员 counts: probationary members vote and are elected). */
export function parseParty(raw: string): Parsed<boolean> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const b = boolWord(c.text);
  if (b !== null) return { value: b };
  const t = c.text.replace(/ /g, '');
  if (NON_MEMBER_ZH.some((k) => t.includes(k))) return { value: false };
  if (MEMBER_ZH.some((k) => t.includes(k))) return { value: true };
  const en = c.text.toLowerCase().replace(/[-_]/g, ' ');
  if (NON_MEMBER_EN.test(en)) return { value: false };
  if (MEMBER_EN.test(en)) return { value: true };
  return cellIssue('unknown_party', raw);
}

/** 是否连任: 是/否, or the words 连任 / 留任 (re-elected) and 新当选 / 新任 (new). */
export function parseReelected(raw: string): Parsed<boolean> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const b = boolWord(c.text);
  if (b !== null) return { value: b };
  const t = c.text.replace(/ /g, '');
  if (/(非|未|不|没|无)(连任|留任|继任|续任)/.test(t)) return { value: false };
  if (/连任|留任|继任|续任|连选|再任/.test(t)) return { value: true };
  if (/新|首次|初任|首任/.test(t)) return { value: false };
  const en = c.text.toLowerCase().replace(/[-_]/g, ' ');
  if (/\b(not|non)\b/.test(en)) return { value: false };
  if (/re ?elected|incumbent|returning|retained/.test(en)) return { value: true };
  if (/\bnew|first (term|time)/.test(en)) return { value: false };
  return cellIssue('not_a_bool', raw);
}
