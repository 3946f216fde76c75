/**
 * The indicator table as text cells (drawn) and as a table model (CSV, XLSX): both from the same
 * figures, so the screen and the files carry the same shown values and changes. Pure: the
 * figure-agreement test (tests/integration/oneFigure.test.ts) builds it in Node.
 */
import type { TFunction } from 'i18next';
import type { Figure } from '../../queries/figures';
import { numberColumn, textColumn, type ExportTable } from '../../export/table';
import type { Lang } from '../../util/lang';
import { metricDef } from '../../metrics/catalogue';
import { coverageTexts, formatCoverage, support } from '../../metrics/coverage';
import { changeCell } from '../../metrics/figure';
import { formatValue } from '../../metrics/format';
import { figureLabel, figureTexts } from '../figureText';

export interface IndicatorTableContext {
  lang: Lang;
  t: TFunction;
  scopeBody: string;
  previousCycle: number | null;
  /** The level above's name, when there is one: its value gets a column. */
  parentName: string | null;
}

/** Coverage is listed only when some figure does not stand for every village of the scope. */
export const anyIncomplete = (list: readonly Figure[]): boolean =>
  list.some((f) => ['partial', 'none'].includes(support(f.current?.coverage)));

export function indicatorHeaders(c: IndicatorTableContext, incomplete: boolean): string[] {
  const { t } = c;
  return [
    t('table.metric'),
    t('table.value'),
    ...(incomplete ? [coverageTexts(c.lang).column] : []),
    t('table.numerator'),
    t('table.denominator'),
    ...(c.previousCycle !== null ? [t('table.previous', { year: c.previousCycle }), t('table.change')] : []),
    ...(c.parentName ? [t('table.parent', { name: c.parentName })] : []),
    t('table.definition'),
  ];
}

/** The column of the change among the cells after the value, or -1. */
export const changeColumn = (c: IndicatorTableContext, incomplete: boolean): number =>
  c.previousCycle === null ? -1 : (incomplete ? 1 : 0) + 3;

export function indicatorCells(f: Figure, c: IndicatorTableContext, incomplete: boolean): string[] {
  const { lang } = c;
  const x = figureTexts(f, lang);
  return [
    figureLabel(f, lang, c.t, c.scopeBody),
    x.value,
    ...(incomplete ? [f.current ? formatCoverage(f.current.coverage, lang) : '—'] : []),
    x.numerator === null ? '—' : formatValue(x.numerator, 'count', lang),
    x.denominator === null ? '—' : formatValue(x.denominator, 'count', lang),
    ...(c.previousCycle !== null ? [x.previous, x.delta] : []),
    ...(c.parentName ? [x.parent] : []),
    metricDef(f.metric).definition[lang],
  ];
}

/** The same rows as numbers: the shown values and change (src/metrics/figure.ts), the unit in its own column. */
export function indicatorExport(list: readonly Figure[], c: IndicatorTableContext): ExportTable {
  const { t, lang } = c;
  return {
    name: t('table.heading'),
    columns: [
      textColumn(t('table.metric')),
      numberColumn(t('table.value')),
      textColumn(t('exporting.unit')),
      numberColumn(t('table.numerator')),
      numberColumn(t('table.denominator')),
      ...(c.previousCycle !== null ? [numberColumn(t('table.previous', { year: c.previousCycle })), numberColumn(t('table.change'))] : []),
      ...(c.parentName ? [numberColumn(t('table.parent', { name: c.parentName }))] : []),
      textColumn(t('table.definition')),
    ],
    rows: list.map((f) => {
      const m = metricDef(f.metric);
      return [
        figureLabel(f, lang, t, c.scopeBody),
        f.current?.shown ?? null,
        t(`exporting.unit_${m.unit}`),
        f.current?.numerator ?? null,
        f.current?.denominator ?? null,
        ...(c.previousCycle !== null ? [f.previous?.shown ?? null, changeCell(f.change, lang)] : []),
        ...(c.parentName ? [f.parent?.shown ?? null] : []),
        m.definition[lang],
      ];
    }),
  };
}

/**
 * What each drawn column sorts by, in the order of indicatorHeaders: numbers as numbers (a figure
 * by its shown value, a change by its rounded value), text in Chinese collation; null sorts last.
 */
export function indicatorSortKeys(f: Figure, c: IndicatorTableContext, incomplete: boolean): (string | number | null)[] {
  const cov = f.current?.coverage;
  return [
    figureLabel(f, c.lang, c.t, c.scopeBody),
    f.current?.shown ?? null,
    ...(incomplete ? [cov && cov.of > 0 ? cov.covered / cov.of : null] : []),
    f.current?.numerator ?? null,
    f.current?.denominator ?? null,
    ...(c.previousCycle !== null ? [f.previous?.shown ?? null, f.change.kind === 'change' ? f.change.value : null] : []),
    ...(c.parentName ? [f.parent?.shown ?? null] : []),
    metricDef(f.metric).definition[c.lang],
  ];
}

export interface TableSort {
  column: number;
  desc: boolean;
}

/** The figures whose label holds the filter text, sorted by a column (stable: catalogue order on ties). */
export function shownFigures(
  list: readonly Figure[],
  c: IndicatorTableContext,
  incomplete: boolean,
  filter: string,
  sort: TableSort | null,
): Figure[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle ? list.filter((f) => figureLabel(f, c.lang, c.t, c.scopeBody).toLowerCase().includes(needle)) : [...list];
  if (!sort) return kept;
  const keyed = kept.map((f, i) => ({ f, i, k: indicatorSortKeys(f, c, incomplete)[sort.column] ?? null }));
  const dir = sort.desc ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
    const d = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k), 'zh');
    return dir * d || a.i - b.i;
  });
  return keyed.map((x) => x.f);
}
