import type { Lang } from '../util/lang';
import { roundHalfAway } from './round';

export type Unit = 'percent' | 'count' | 'years';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `toLocaleString` with options builds a new Intl.NumberFormat on every call (a ranking of a
 * thousand villages made thousands per scope change): one formatter per locale and decimals.
 */
function formatNumber(value: number, lang: Lang, decimals: number | null): string {
  // Rounded here, not by Intl: the one rounding of src/metrics/round.ts.
  if (decimals !== null) value = roundHalfAway(value, decimals);
  const key = `${lang}${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      lang === 'zh' ? 'zh-CN' : 'en-US',
      decimals === null ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals },
    );
    formatters.set(key, f);
  }
  return f.format(value);
}

/**
 * Numbers as shown in the UI, charts and exports: rates with one decimal and a % sign, counts
 * with grouping, ages with one decimal. Missing values are "—", never 0.
 */
export function formatValue(value: number | null | undefined, unit: Unit, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'percent':
      return `${formatNumber(value, lang, 1)}%`;
    case 'years':
      return formatNumber(value, lang, 1);
    case 'count':
      return formatNumber(roundHalfAway(value, 0), lang, null);
  }
}

/** A change between cycles: percentage points for rates. */
export function formatDelta(delta: number | null | undefined, unit: Unit, lang: Lang): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const abs = Math.abs(delta);
  if (unit === 'percent') {
    const n = formatNumber(abs, lang, 1);
    return lang === 'zh' ? `${sign}${n}个百分点` : `${sign}${n} pp`;
  }
  return `${sign}${formatValue(abs, unit, lang)}`;
}

/** Decimals a figure of a unit is shown and exported with: rates and ages to 0.1, counts whole. */
export function unitDecimals(unit: Unit): number {
  return unit === 'count' ? 0 : 1;
}
