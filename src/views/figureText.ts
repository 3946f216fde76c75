import type { TFunction } from 'i18next';
import type { Figure } from '../queries/figures';
import type { Lang } from '../util/lang';
import { metricDef } from '../metrics/catalogue';
import { coverageLabel, figureValueText, support } from '../metrics/coverage';
import { changeReason, changeText } from '../metrics/figure';

/** A figure's label; a results metric shown per body under a both-bodies scope names its body ("参选率 · 党组织"). */
export function figureLabel(f: Figure, lang: Lang, t: TFunction, scopeBody: string): string {
  const m = metricDef(f.metric);
  const name = m[lang];
  return f.body !== scopeBody ? `${name} · ${t(`body.${f.body}`)}` : name;
}

/** A figure's texts, from its shown values and its change: the same on every surface (src/metrics/figure.ts). */
export function figureTexts(f: Figure, lang: Lang) {
  const m = metricDef(f.metric);
  return {
    value: figureValueText(f.current?.shown ?? null, m.unit, f.current?.coverage, lang),
    previous: figureValueText(f.previous?.shown ?? null, m.unit, f.previous?.coverage, lang),
    delta: changeText(f.change, m.unit, lang),
    /** Why the change is not given, for its hover text; null when it is. */
    deltaReason: changeReason(f.change, lang),
    parent: figureValueText(f.parent?.shown ?? null, m.unit, f.parent?.coverage, lang),
    numerator: f.current?.numerator ?? null,
    denominator: f.current?.denominator ?? null,
    trend: f.change.kind === 'change' ? Math.sign(f.change.value) : 0,
    /** full | partial | none | empty (src/metrics/coverage.ts). */
    support: support(f.current?.coverage),
    /** "covers 12 of 20 villages" for a partial figure, else null. */
    coverage: coverageLabel(f.current?.coverage, lang),
  };
}
