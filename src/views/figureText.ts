import type { TFunction } from 'i18next';
import type { Figure } from '../app/figures';
import type { Lang } from '../import/issues';
import { metricDef } from '../metrics/catalogue';
import { coverageLabel, figureValueText, support } from '../metrics/coverage';
import { formatDelta } from '../metrics/format';

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
  // A change between a figure over all villages and one over some of them would compare two scopes.
  const comparable = value !== null && prev !== null && support(f.current?.coverage) === 'full' && support(f.previous?.coverage) === 'full';
  return {
    value: figureValueText(value, m.unit, f.current?.coverage, lang),
    previous: figureValueText(prev, m.unit, f.previous?.coverage, lang),
    delta: comparable ? formatDelta(value - prev, m.unit, lang) : null,
    parent: figureValueText(f.parent?.value ?? null, m.unit, f.parent?.coverage, lang),
    numerator: f.current?.numerator ?? null,
    denominator: f.current?.denominator ?? null,
    trend: comparable ? Math.sign(value - prev) : 0,
    /** full | partial | none | empty (src/metrics/coverage.ts). */
    support: support(f.current?.coverage),
    /** "covers 12 of 20 villages" for a partial figure, else null. */
    coverage: coverageLabel(f.current?.coverage, lang),
  };
}
