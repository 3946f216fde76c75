import { describe, expect, it } from 'vitest';
import { combineFigures } from '../../src/queries/figures';
import type { MetricRow } from '../../src/metrics/query';
import i18n from '../../src/i18n';
import type { MetricId } from '../../src/metrics/catalogue';
import { withShown } from '../../src/metrics/figure';
import {
  changeColumn,
  indicatorCells,
  indicatorExport,
  indicatorHeaders,
  shownFigures,
  type IndicatorTableContext,
} from '../../src/views/table/indicatorTableModel';

const row = (metric: MetricId, cycle: number, value: number | null, covered = 4): MetricRow =>
  withShown([
    { metric, body: 'all' as const, cycle_year: cycle, value, numerator: value, denominator: 100, coverage: { covered, of: 4 } },
  ])[0]!;

const own = [
  row('women_share', 2021, 30.04),
  row('women_share', 2017, 25.55),
  row('avg_age', 2021, 44.25),
  row('avg_age', 2017, 47, 3),
  row('age_le35_share', 2021, 20.06),
  row('age_ge60_share', 2021, 8.9),
];
const figures = combineFigures(['women_share', 'avg_age', 'age_le35_share', 'age_ge60_share'], own, [], 2021, 2017, 'all');
const ctx: IndicatorTableContext = { lang: 'zh', t: i18n.t.bind(i18n), scopeBody: 'all', previousCycle: 2017, parentName: null };

describe('the indicator table model', () => {
  it('draws and exports the same shown values and changes', () => {
    const cells = figures.map((f) => indicatorCells(f, ctx, false));
    const at = 2 + changeColumn(ctx, false);
    expect(cells.map((c) => [c[1], c[at]])).toEqual([
      ['30.0%', '+4.5个百分点'],
      ['44.3', '不可比'],
      ['20.1%', '—'],
      ['8.9%', '—'],
    ]);
    expect(indicatorHeaders(ctx, false)).toHaveLength(cells[0]!.length);
    const exported = indicatorExport(figures, ctx).rows.map((r) => [r[1], r[6]]);
    expect(exported).toEqual([
      [30, 4.5],
      [44.3, '不可比'],
      [20.1, null],
      [8.9, null],
    ]);
  });

  it('filters by name and sorts by a column as numbers, keeping no-data rows last', () => {
    expect(shownFigures(figures, ctx, false, '岁', null).map((f) => f.metric)).toEqual(['age_le35_share', 'age_ge60_share']);
    expect(shownFigures(figures, ctx, false, '', { column: 1, desc: true }).map((f) => f.metric)).toEqual([
      'avg_age',
      'women_share',
      'age_le35_share',
      'age_ge60_share',
    ]);
    // The change column: the one not comparable and the ones without a previous figure sort last, either way.
    expect(shownFigures(figures, ctx, false, '', { column: 2 + changeColumn(ctx, false), desc: false }).map((f) => f.metric)).toEqual([
      'women_share',
      'avg_age',
      'age_le35_share',
      'age_ge60_share',
    ]);
  });
});
