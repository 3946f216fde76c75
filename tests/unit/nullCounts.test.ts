/**
 * A scope query tests a count for NULL only where the scope's slices of the count table hold one
 * (src/db/nullCounts.ts): which slices a scope takes in, and the SQL with and without the tests.
 */
import { describe, expect, it } from 'vitest';
import { metricSql, supportedSql, type MetricQuery } from '../../src/metrics/sql';
import { nullableIn, type NullColumns } from '../../src/db/nullCounts';
import { metricDef } from '../../src/metrics/catalogue';

const slice = (values: unknown[], cols: string[]) => ({ values, cols: new Set(cols) });
const nulls: NullColumns = {
  people: [
    slice(['甲县', 'all', 'all'], []),
    slice(['乙县', 'all', 'all'], ['women', 'gender_known']),
    slice(['乙县', 'all', 'head'], ['members']),
    slice([null, 'party_branch', 'all'], ['age_sum']),
  ],
  results: [slice(['甲县', 'party_branch'], ['turnout_num']), slice(['甲县', 'village_committee'], ['registration_num'])],
  villages: [slice(['乙县'], ['both_bodies'])],
};

describe('nullableIn', () => {
  it('takes the chosen county’s slice of the scope’s body and role', () => {
    expect([...nullableIn(nulls, 'people', { county: '甲县', body: 'all', role: 'all' })]).toEqual([]);
    expect([...nullableIn(nulls, 'people', { county: '乙县', body: 'all', role: 'all' })].sort()).toEqual(['gender_known', 'women']);
    expect([...nullableIn(nulls, 'people', { county: '乙县', body: 'all', role: 'head' })]).toEqual(['members']);
  });

  it('takes every county’s slices when no county is chosen, the NULL county’s too', () => {
    expect([...nullableIn(nulls, 'people', { county: null, body: 'all', role: 'all' })].sort()).toEqual(['gender_known', 'women']);
    expect([...nullableIn(nulls, 'people', { body: 'party_branch', role: 'all' })]).toEqual(['age_sum']);
  });

  it('takes both bodies for results over both, and ignores body and role on villages', () => {
    expect([...nullableIn(nulls, 'results', { county: '甲县', body: 'all', role: 'all' })].sort()).toEqual([
      'registration_num',
      'turnout_num',
    ]);
    expect([...nullableIn(nulls, 'results', { county: '甲县', body: 'party_branch', role: 'all' })]).toEqual(['turnout_num']);
    expect([...nullableIn(nulls, 'villages', { county: '乙县', body: 'party_branch', role: 'head' })]).toEqual(['both_bodies']);
  });
});

describe('metric SQL given the columns that may be NULL', () => {
  const q: MetricQuery = {
    metrics: ['women_share', 'members'],
    county: '甲县',
    cycles: [2021],
    body: 'all',
    role: 'all',
    groupBy: ['cycle'],
  };

  it('tests only those columns, and drops the FILTER when none is left', () => {
    const women = metricDef('women_share');
    expect(supportedSql(women)).toBe('(women) IS NOT NULL AND (gender_known) IS NOT NULL');
    expect(supportedSql(women, new Set(['gender_known']))).toBe('(gender_known) IS NOT NULL');
    expect(supportedSql(women, new Set())).toBeNull();
    const full = metricSql('people', q)!.sql;
    const short = metricSql('people', q, new Set())!.sql;
    expect(full).toContain('FILTER');
    expect(short).not.toContain('FILTER');
    expect(short).toContain('(sum(women))::DOUBLE AS n0');
    expect(short).toContain('(count(*))::INTEGER AS c0');
    expect(metricSql('people', q, new Set(['women']))!.sql).toContain('sum(women) FILTER (WHERE (women) IS NOT NULL)');
  });

  it("tests a share's whole only for the columns still tested", () => {
    const parts: MetricQuery = { ...q, metrics: ['edu_junior_or_below_share', 'edu_college_share'] };
    const sql = metricSql('people', parts, new Set(['edu_college']))!.sql;
    expect(sql.match(/FILTER \(WHERE \(edu_college\) IS NOT NULL\)/g)).toHaveLength(6);
    expect(metricSql('people', parts, new Set())!.sql).not.toContain('FILTER');
  });
});
