import { describe, expect, it } from 'vitest';
import { AGE_BANDINGS, type EDUCATION_TIERS } from '../../src/metrics/catalogue';
import { changeCell, changeOf, changeReason, changeText, withShown, withWholes } from '../../src/metrics/figure';
import { formatDelta, formatValue } from '../../src/metrics/format';
import { largestRemainder, roundHalfAway } from '../../src/metrics/round';

describe('the one rounding', () => {
  it('rounds half away from zero, through the doubles a sum leaves behind', () => {
    expect(roundHalfAway(0.45, 1)).toBe(0.5);
    expect(roundHalfAway(-0.45, 1)).toBe(-0.5);
    expect(roundHalfAway(20.45, 1)).toBe(20.5);
    // 1.005 is stored as 1.00499999999999989…
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(-0.04, 1)).toBe(0);
    expect(Object.is(roundHalfAway(-0.04, 1), -0)).toBe(false);
    expect(roundHalfAway(2.5, 0)).toBe(3);
  });

  it('is the rounding of every formatted number, negative changes included', () => {
    expect(formatValue(20.45, 'percent', 'zh')).toBe('20.5%');
    expect(formatDelta(-0.45, 'percent', 'zh')).toBe('−0.5个百分点');
    expect(formatValue(2.5, 'count', 'zh')).toBe('3');
  });

  it('rounds parts of a whole so they add up to exactly 100.0', () => {
    const thirds = largestRemainder([100 / 3, 100 / 3, 100 / 3], 1);
    expect(thirds).toEqual([33.4, 33.3, 33.3]);
    // The case of the issue: 20.404 / 39.470 / 31.274 / 8.852 rounded alone give 100.1 or 99.9.
    const parts = [168, 313, 248, 64].map((n) => (n / 793) * 100);
    const shown = largestRemainder(parts, 1) as number[];
    expect(Math.round(shown.reduce((a, b) => a + b, 0) * 10)).toBe(1000);
    for (let i = 0; i < parts.length; i++) expect(Math.abs(shown[i]! - parts[i]!)).toBeLessThan(0.1);
    expect(largestRemainder([null, 50, 50], 1)).toEqual([null, 50, 50]);
  });
});

describe('a figure model', () => {
  const cov = (covered: number, of: number) => ({ covered, of });

  it('brings every part of a whole along with any one of them', () => {
    expect(withWholes(['women_share', 'age_le35_share'])).toEqual(['women_share', ...AGE_BANDINGS.ten_year]);
    expect(withWholes(['edu_senior_share'])).toEqual(['edu_senior_share', 'edu_junior_or_below_share', 'edu_college_share']);
    expect(withWholes(['age_ge60_share'])).toEqual(['age_ge60_share']);
  });

  it('shows the parts of a whole by largest remainder within their group, other figures rounded alone', () => {
    const row = (metric: (typeof EDUCATION_TIERS)[number] | 'women_share', value: number | null, township = 'a') => ({
      metric,
      value,
      coverage: cov(1, 1),
      township,
      body: 'all',
    });
    const rows = withShown([
      row('edu_junior_or_below_share', 100 / 3),
      row('edu_senior_share', 100 / 3),
      row('edu_college_share', 100 / 3),
      row('edu_junior_or_below_share', 100 / 3, 'b'),
      row('women_share', 100 / 3),
    ]);
    expect(rows.map((r) => r.shown)).toEqual([33.4, 33.3, 33.3, 33.3, 33.3]);
  });

  it('changes by the unrounded values, rounded once; not comparable when coverage differs', () => {
    const a = { value: 20.44, coverage: cov(10, 10) };
    const b = { value: 20.46 - 0.5, coverage: cov(10, 10) };
    // Shown 20.4 and 20.0: the shown figures' difference would be 0.4, the change is 0.5.
    expect(changeOf('women_share', a, b)).toEqual({ kind: 'change', value: 0.5 });
    expect(changeOf('women_share', { value: 20, coverage: cov(9, 10) }, b)).toEqual({
      kind: 'not_comparable',
      current: cov(9, 10),
      previous: cov(10, 10),
    });
    expect(changeOf('women_share', a, null)).toEqual({ kind: 'none' });
    const nc = changeOf('women_share', { value: 20, coverage: cov(9, 10) }, b);
    expect(changeText(nc, 'percent', 'zh')).toBe('不可比');
    expect(changeText(nc, 'percent', 'en')).toBe('not comparable');
    expect(changeReason(nc, 'zh')).toBe('两届数据覆盖的村不同（本届 9/10 个村，上届 10/10 个村），变化不作比较');
    expect(changeCell(nc, 'zh')).toBe('不可比');
    expect(changeCell({ kind: 'change', value: -0.5 }, 'zh')).toBe(-0.5);
    expect(changeText({ kind: 'change', value: -0.5 }, 'percent', 'zh')).toBe('−0.5个百分点');
    expect(changeText({ kind: 'none' }, 'percent', 'zh')).toBe('—');
  });
});
