import type { TFunction } from 'i18next';
import type { Figure } from '../app/figures';
import type { Lang } from '../import/issues';
import { metricDef } from '../metrics/catalogue';
import { formatDelta, formatValue } from '../metrics/format';

/** A figure's label; a results metric shown per body under a both-bodies scope names its body ("参选率 · 党组织"). */
export function figureLabel(f: Figure, lang: Lang, t: TFunction, scopeBody: string): string {
  const m = metricDef(f.metric);
  const name = m[lang];
  return f.body !== scopeBody ? `${name} · ${t(`body.${f.body}`)}` : name;
}

export function figureTexts(f: Figure, lang: Lang) {
  const m = metricDef(f.metric);
  const value = f.current?.value ?? null;
  const prev = f.previous?.value ?? null;
  return {
    value: formatValue(value, m.unit, lang),
    previous: formatValue(prev, m.unit, lang),
    delta: value !== null && prev !== null ? formatDelta(value - prev, m.unit, lang) : null,
    parent: formatValue(f.parent?.value ?? null, m.unit, lang),
    numerator: f.current?.numerator ?? null,
    denominator: f.current?.denominator ?? null,
    trend: value !== null && prev !== null ? Math.sign(value - prev) : 0,
  };
}
