/**
 * How much of a scope a figure stands for. Every metric is computed over the villages whose data
 * supports it (a statistical table that does not carry a count, a table's village under "heads
 * only", a results file without ballot columns); the others are named, never silently left out:
 *
 * - full:    every village in the group supports it — the figure as defined;
 * - partial: some do — the figure over those, always shown with "covers X of Y villages";
 * - none:    rows exist but none supports it — "not available for this data", never a number;
 * - empty:   no rows at all — "no data".
 */
import type { Lang } from '../util/lang';
import { formatValue, type Unit } from './format';

export interface Coverage {
  /** Villages (× cycle) whose data supports the metric. */
  covered: number;
  /** Villages (× cycle) in the group. */
  of: number;
}

export type Support = 'full' | 'partial' | 'none' | 'empty';

export function support(c: Coverage | null | undefined): Support {
  if (!c || c.of === 0) return 'empty';
  if (c.covered === 0) return 'none';
  return c.covered < c.of ? 'partial' : 'full';
}

const TEXT = {
  zh: {
    none: '数据不支持',
    noneLong: '所选数据不支持该指标：统计表未填报此项或不分职务，或者这是只有花名册才有的明细',
    covers: (c: Coverage) => `覆盖 ${c.covered}/${c.of} 个村`,
    coversLong: (c: Coverage) => `仅按 ${c.of} 个村中数据支持该指标的 ${c.covered} 个村计算`,
    column: '数据覆盖（村）',
    chartNone: '所选数据不支持该指标',
    chartPartial: (list: string) => `部分村的数据不支持该指标，按其余村计算：${list}`,
    chartBlank: (n: number) => `${n} 项数据不支持，留空`,
    footnote: '* 部分村的数据不支持该指标，仅按其余村计算（悬停可见覆盖村数）',
    rule: '计算口径：一个村的数据给出了某指标的分子和分母，才计入该指标；年龄段、文化程度等构成类指标，须给出全部组成部分才计入，因此各部分人数之和等于分母、占比之和为100.0%。只覆盖部分村的指标注明"覆盖 X/Y 个村"；两届覆盖的村不同时，变化注明"不可比"。',
  },
  en: {
    none: 'Not available',
    noneLong:
      'The data does not support this indicator: a statistical table without this figure or without roles, or a detail only a roster has',
    covers: (c: Coverage) => `covers ${c.covered} of ${c.of} villages`,
    coversLong: (c: Coverage) => `computed over the ${c.covered} of ${c.of} villages whose data supports it`,
    column: 'Coverage (villages)',
    chartNone: 'The data does not support this indicator',
    chartPartial: (list: string) => `Computed over the villages whose data supports it: ${list}`,
    chartBlank: (n: number) => `${n} not supported (left blank)`,
    footnote: '* Some villages’ data does not support this indicator; computed over the others (hover for the coverage)',
    rule: 'How figures are counted: a village counts for an indicator when its data gives the indicator\'s numerator and denominator; for the parts of a whole (age bands, education tiers) it must give every part, so the parts\' persons add up to the denominator and their shares to 100.0%. A figure over part of the villages says "covers X of Y villages"; a change between cycles that cover different villages says "not comparable".',
  },
} as const;

export function coverageTexts(lang: Lang) {
  return TEXT[lang];
}

/** A figure as text: its value, "not available" where the data does not support it, "—" for no data. */
export function figureValueText(value: number | null, unit: Unit, coverage: Coverage | null | undefined, lang: Lang): string {
  return support(coverage) === 'none' ? TEXT[lang].none : formatValue(value, unit, lang);
}

/** "covers 12 of 20 villages" for a partial figure, else null. */
export function coverageLabel(coverage: Coverage | null | undefined, lang: Lang): string | null {
  return support(coverage) === 'partial' ? TEXT[lang].covers(coverage!) : null;
}

/**
 * One line for a chart built from many figures: null when every figure is complete; "not
 * supported" when none has a value for that reason; otherwise which figures are partial (the
 * first two, by label) and how many are left blank — so a chart never draws a partial or missing
 * figure without saying so.
 */
export function coverageNote(figures: readonly { label: string; coverage: Coverage | null | undefined }[], lang: Lang): string | null {
  const kinds = figures.map((f) => support(f.coverage));
  if (kinds.every((k) => k === 'full' || k === 'empty')) return null;
  if (kinds.every((k) => k === 'none' || k === 'empty')) return TEXT[lang].chartNone;
  const partial = figures.filter((f) => support(f.coverage) === 'partial');
  const sep = lang === 'zh' ? '，' : ', ';
  const list = partial
    .slice(0, 2)
    .map((f) => `${f.label} ${formatCoverage(f.coverage!, lang)}`.trim())
    .join(sep);
  const more = partial.length > 2 ? (lang === 'zh' ? ` 等 ${partial.length} 项` : ` and ${partial.length - 2} more`) : '';
  const blank = kinds.filter((k) => k === 'none').length;
  return [partial.length > 0 ? TEXT[lang].chartPartial(list + more) : null, blank > 0 ? TEXT[lang].chartBlank(blank) : null]
    .filter(Boolean)
    .join(lang === 'zh' ? '；' : '; ');
}

/** Whether every figure of a chart is "not available" (so it says that, not "no data"). */
export function noneSupported(coverages: readonly (Coverage | null | undefined)[]): boolean {
  const kinds = coverages.map(support);
  return kinds.some((k) => k === 'none') && kinds.every((k) => k === 'none' || k === 'empty');
}

export function formatCoverage(c: Coverage, lang: Lang): string {
  return `${formatValue(c.covered, 'count', lang)}/${formatValue(c.of, 'count', lang)}`;
}
