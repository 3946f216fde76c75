import { cellIssue, prepareCell } from './placeholder';
import type { EducationTier, Parsed } from './types';

/*
 * The three tiers reports use: 初中及以下, 高中/中专, 大专及以上. Values carry prefixes and
 * suffixes (全日制本科, 在职研究生, 高中毕业, 初中文化, 高中(中专)), so a value is classified by
 * the keywords it contains, longest first: 中等专科 is secondary even though it contains 专科,
 * and 高职 (higher vocational, a college) is not 职高 (vocational senior school).
 */
const ZH_KEYWORDS: readonly [string, EducationTier][] = (
  [
    ['文盲', 'junior_or_below'],
    ['半文盲', 'junior_or_below'],
    ['不识字', 'junior_or_below'],
    ['扫盲', 'junior_or_below'],
    ['私塾', 'junior_or_below'],
    ['未上学', 'junior_or_below'],
    ['小学', 'junior_or_below'],
    ['初小', 'junior_or_below'],
    ['高小', 'junior_or_below'],
    ['初中', 'junior_or_below'],
    ['初级中学', 'junior_or_below'],
    ['高中', 'senior'],
    ['高级中学', 'senior'],
    ['中专', 'senior'],
    ['职高', 'senior'],
    ['职中', 'senior'],
    ['中职', 'senior'],
    ['技校', 'senior'],
    ['技工学校', 'senior'],
    ['中技', 'senior'],
    ['中师', 'senior'],
    ['中等专科', 'senior'],
    ['中等专业', 'senior'],
    ['中等职业', 'senior'],
    ['大专', 'college'],
    ['专科', 'college'],
    ['高职', 'college'],
    ['大学', 'college'],
    ['大本', 'college'],
    ['本科', 'college'],
    ['学士', 'college'],
    ['研究生', 'college'],
    ['硕士', 'college'],
    ['博士', 'college'],
  ] as [string, EducationTier][]
).sort((a, b) => b[0].length - a[0].length);

// English is checked in order, not by length: "junior college" is a college, "junior high" is not.
const EN_KEYWORDS: readonly [RegExp, EducationTier][] = [
  [/junior college|higher vocational|associate/, 'college'],
  [/illiterate|primary|elementary|junior|middle school|lower secondary/, 'junior_or_below'],
  [/senior|high school|vocational|technical school|secondary/, 'senior'],
  [/college|university|bachelor|undergraduate|master|ph\.?d|doctor|postgraduate|graduate/, 'college'],
];

/** Education → three tiers; the raw text is kept by the caller. */
export function parseEducation(raw: string): Parsed<EducationTier> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const t = c.text.replace(/ /g, '');
  for (const [k, tier] of ZH_KEYWORDS) if (t.includes(k)) return { value: tier };
  const en = c.text.toLowerCase();
  for (const [re, tier] of EN_KEYWORDS) if (re.test(en)) return { value: tier };
  return cellIssue('unknown_education', raw);
}
