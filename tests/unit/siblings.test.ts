/**
 * A scope's rows and its parent's out of the parent's rows by the scope's level
 * (src/metrics/siblings.ts): which rows are the scope's, how the parent's are summed, and in what order
 * they come. The integration test compares both with the engine's own answers on the sample.
 */
import { describe, expect, it } from 'vitest';
import type { MetricQuery } from '../../src/metrics/sql';
import type { MetricRow } from '../../src/metrics/query';
import { ownRows, parentRows, siblingsQuery } from '../../src/metrics/siblings';
import type { MetricId } from '../../src/metrics/catalogue';

const township: MetricQuery = {
  metrics: ['turnout', 'villages'],
  county: '甲县',
  township: '东乡',
  village: null,
  cycles: [],
  body: 'all',
  role: 'all',
  groupBy: ['cycle'],
};

function row(
  place: string,
  cycle: number,
  metric: MetricId,
  numerator: number | null,
  denominator: number | null,
  covered: number,
  of: number,
): MetricRow {
  return {
    county: '甲县',
    township: place,
    cycle_year: cycle,
    body: 'village_committee',
    metric,
    value: null,
    shown: null,
    numerator,
    denominator,
    coverage: { covered, of },
  };
}

// The county's townships by cycle, as the engine orders them: by township, cycle, body.
const siblings: MetricRow[] = [
  row('东乡', 2021, 'turnout', 900, 1000, 3, 3),
  row('东乡', 2021, 'villages', 3, null, 3, 3),
  row('西乡', 2017, 'turnout', null, null, 0, 2),
  row('西乡', 2017, 'villages', 2, null, 2, 2),
  row('西乡', 2021, 'turnout', 450, 500, 1, 2),
  row('西乡', 2021, 'villages', 2, null, 2, 2),
];

describe('siblingsQuery', () => {
  it('asks the parent scope by the scope level first, then the query’s own groupings', () => {
    expect(siblingsQuery(township)).toEqual({ ...township, township: null, groupBy: ['township', 'cycle'] });
    expect(siblingsQuery({ ...township, village: '甲县|东乡|南村' })).toEqual({ ...township, groupBy: ['village', 'cycle'] });
    expect(siblingsQuery({ ...township, township: null, groupBy: ['county', 'cycle'] })).toEqual({
      ...township,
      county: null,
      township: null,
      groupBy: ['county', 'cycle'],
    });
    expect(siblingsQuery({ ...township, county: null, township: null })).toBeNull();
  });
});

describe('ownRows', () => {
  it('keeps the scope’s group, without the place columns the query does not group by', () => {
    const own = ownRows(siblings, township);
    expect(own.map((r) => [r.county, r.township, r.cycle_year, r.metric, r.numerator])).toEqual([
      [undefined, undefined, 2021, 'turnout', 900],
      [undefined, undefined, 2021, 'villages', 3],
    ]);
  });

  it('matches a township by its county too: names repeat across counties', () => {
    expect(
      ownRows(
        siblings.map((r) => ({ ...r, county: '乙县' })),
        township,
      ),
    ).toEqual([]);
  });
});

describe('parentRows', () => {
  it('sums numerators, denominators and coverage per cycle and works the value out again', () => {
    const up = parentRows(siblings, township);
    expect(up.map((r) => [r.cycle_year, r.metric, r.numerator, r.denominator, r.coverage, r.value])).toEqual([
      // A township that gives no turnout adds nothing, and its villages count as not covered.
      [2017, 'turnout', null, null, { covered: 0, of: 2 }, null],
      [2021, 'turnout', 1350, 1500, { covered: 4, of: 5 }, 90],
      [2017, 'villages', 2, null, { covered: 2, of: 2 }, 2],
      [2021, 'villages', 5, null, { covered: 5, of: 5 }, 5],
    ]);
    expect(up.every((r) => r.township === undefined && r.county === undefined)).toBe(true);
  });

  it('comes in the order the engine answers: each count table by its groupings, metrics as asked', () => {
    const reversed = parentRows([...siblings].reverse(), township);
    expect(reversed.map((r) => `${r.metric} ${r.cycle_year}`)).toEqual(['turnout 2017', 'turnout 2021', 'villages 2017', 'villages 2021']);
  });

  it('keeps the rows of a grouping finer than the scope level as they are', () => {
    const byTownship = { ...township, groupBy: ['township', 'cycle'] } as MetricQuery;
    expect(parentRows(siblings, byTownship).map((r) => [r.township, r.cycle_year, r.metric, r.numerator])).toEqual(
      [...siblings]
        .sort((a, b) => (a.metric === b.metric ? 0 : a.metric === 'turnout' ? -1 : 1))
        .map((r) => [r.township, r.cycle_year, r.metric, r.numerator]),
    );
  });

  it('gives nothing at the top, which has no parent', () => {
    expect(parentRows(siblings, { ...township, county: null, township: null })).toEqual([]);
  });
});
