import type { Lang } from '../import/issues';

export type Unit = 'percent' | 'count' | 'years';

/**
 * Numbers as shown in the UI, charts and exports: rates with one decimal and a % sign, counts
 * with grouping, ages with one decimal. Missing values are "—", never 0.
 */
export function formatValue(value: number | null | undefined, unit: Unit, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  switch (unit) {
    case 'percent':
      return `${value.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'years':
      return value.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'count':
      return Math.round(value).toLocaleString(locale);
  }
}

/** A change between cycles: percentage points for rates. */
export function formatDelta(delta: number | null | undefined, unit: Unit, lang: Lang): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const abs = Math.abs(delta);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  if (unit === 'percent') {
    const n = abs.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return lang === 'zh' ? `${sign}${n}个百分点` : `${sign}${n} pp`;
  }
  if (unit === 'years') return `${sign}${abs.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
  return `${sign}${Math.round(abs).toLocaleString(locale)}`;
}

/** Decimals a figure of a unit is shown and exported with: rates and ages to 0.1, counts whole. */
export function unitDecimals(unit: Unit): number {
  return unit === 'count' ? 0 : 1;
}

/** A figure rounded as the dashboard shows it, so an exported or compared number equals the one on screen. */
export function roundFigure(v: number | null | undefined, unit: Unit): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** unitDecimals(unit);
  return Math.round(v * f) / f;
}
