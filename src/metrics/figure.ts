/**
 * One figure, one number. A figure (metric × place × cycle × body × role) is computed once by the
 * engine — numerator, denominator, coverage and the unrounded value — and here gets the two
 * things every surface must agree on:
 *
 * - its **shown value**: the value rounded once (src/metrics/round.ts); the parts of a whole
 *   (age bands, education tiers) by largest remainder, so shown together they add up to exactly
 *   100.0. A card, a chart label, the indicator table, the ranking, the report, the DOCX, CSV and
 *   XLSX all print this number, never a rounding of their own;
 * - its **change** from the previous cycle: the difference of the two unrounded values, rounded
 *   once — or "not comparable" when the two figures do not stand for the same villages (either
 *   covers only part of its scope), said the same way everywhere with the reason beside it.
 *
 * The coverage rule is one (docs/domain.md, "How a figure is counted"): a village counts for a figure when its data
 * gives the figure's numerator and denominator; for a part of a whole, the denominator is the whole.
 */
import { compositionOf, metricDef, type MetricId } from './catalogue';
import { formatCoverage, support, type Coverage } from './coverage';
import type { Lang } from '../util/lang';
import { formatDelta, unitDecimals, type Unit } from './format';
import { largestRemainder, roundHalfAway } from './round';

/** What a figure needs to be shown: the fields of a metric row that say which figure it is and its value. */
export interface FigureRow {
  metric: MetricId;
  value: number | null;
  coverage: Coverage;
  county?: string | null;
  township?: string | null;
  village_key?: string | null;
  cycle_year?: number | null;
  body: string;
}

/** Every part of each whole a metric list touches, added after the list: a part is never shown without its whole. */
export function withWholes(metrics: readonly MetricId[]): MetricId[] {
  const out = [...metrics];
  for (const m of metrics) for (const part of compositionOf(m) ?? []) if (!out.includes(part)) out.push(part);
  return out;
}

const groupKey = (r: FigureRow) => JSON.stringify([r.county, r.township, r.village_key, r.cycle_year, r.body]);

/**
 * The rows with their shown value: rounded to the unit's decimals, the parts of a whole found in
 * the same group by largest remainder over the whole.
 */
export function withShown<R extends FigureRow>(rows: readonly R[]): (R & { shown: number | null })[] {
  const out = rows.map((r) => ({
    ...r,
    shown: r.value === null || !Number.isFinite(r.value) ? null : roundHalfAway(r.value, unitDecimals(metricDef(r.metric).unit)),
  }));
  const groups = new Map<string, Map<MetricId, (typeof out)[number]>>();
  for (const r of out) {
    if (!compositionOf(r.metric)) continue;
    const k = groupKey(r);
    const g = groups.get(k) ?? new Map();
    g.set(r.metric, r);
    groups.set(k, g);
  }
  for (const g of groups.values()) {
    const done = new Set<MetricId>();
    for (const m of g.keys()) {
      const whole = compositionOf(m)!;
      if (done.has(whole[0]!)) continue;
      done.add(whole[0]!);
      const parts = whole.map((p) => g.get(p));
      if (parts.some((p) => !p || p.value === null)) continue;
      const rounded = largestRemainder(
        parts.map((p) => p!.value),
        unitDecimals('percent'),
      );
      parts.forEach((p, i) => {
        p!.shown = rounded[i] ?? null;
      });
    }
  }
  return out;
}

export type Change =
  /** Both figures stand for every village of their scope: the difference, rounded once. */
  | { kind: 'change'; value: number }
  /** One of the two cycles has no figure. */
  | { kind: 'none' }
  /** Both have a value, but over different parts of their scope: comparing them would compare two places. */
  | { kind: 'not_comparable'; current: Coverage; previous: Coverage };

/** A figure's change from the previous cycle (the rule above). */
export function changeOf(
  metric: MetricId,
  current: Pick<FigureRow, 'value' | 'coverage'> | null,
  previous: Pick<FigureRow, 'value' | 'coverage'> | null,
): Change {
  const a = current?.value ?? null;
  const b = previous?.value ?? null;
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return { kind: 'none' };
  if (support(current!.coverage) !== 'full' || support(previous!.coverage) !== 'full')
    return { kind: 'not_comparable', current: current!.coverage, previous: previous!.coverage };
  return { kind: 'change', value: roundHalfAway(a - b, unitDecimals(metricDef(metric).unit)) };
}

const NOT_COMPARABLE = { zh: '不可比', en: 'not comparable' } as const;

/** "+0.9个百分点", "−1.2", "不可比" or "—": the same words on every surface. */
export function changeText(c: Change, unit: Unit, lang: Lang): string {
  if (c.kind === 'change') return formatDelta(c.value, unit, lang);
  return c.kind === 'not_comparable' ? NOT_COMPARABLE[lang] : '—';
}

/** Why a change is not comparable (hover text, a table's note), else null. */
export function changeReason(c: Change, lang: Lang): string | null {
  if (c.kind !== 'not_comparable') return null;
  const now = formatCoverage(c.current, lang);
  const then = formatCoverage(c.previous, lang);
  return lang === 'zh'
    ? `两届数据覆盖的村不同（本届 ${now} 个村，上届 ${then} 个村），变化不作比较`
    : `The two cycles' figures cover different villages (this cycle ${now}, the previous ${then}), so their change is not given`;
}

/** A change as an exported cell: the rounded number, the words "not comparable", or empty. */
export function changeCell(c: Change, lang: Lang): number | string | null {
  if (c.kind === 'change') return c.value;
  return c.kind === 'not_comparable' ? NOT_COMPARABLE[lang] : null;
}
