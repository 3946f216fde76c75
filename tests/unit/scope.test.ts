import { describe, expect, it } from 'vitest';
import { parentScope, scopeFromParams, scopeLevel, scopeToParams, EMPTY_SCOPE } from '../../src/metrics/scope';
import { combineFigures } from '../../src/queries/figures';
import type { MetricRow } from '../../src/metrics/query';
import { formatDelta, formatValue } from '../../src/metrics/format';
import { compositionOf, METRICS } from '../../src/metrics/catalogue';
import { parseItem, itemParam } from '../../src/views/compare/compareItems';

describe('scope in the URL', () => {
  it('round-trips and drops defaults', () => {
    const s = {
      county: '青山县',
      township: '河东镇',
      village: 'code:139901101201',
      cycle: 2021,
      body: 'party_branch' as const,
      role: 'head' as const,
    };
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(scopeToParams(s))) if (v !== null) params.set(k, v);
    expect(scopeFromParams(params)).toEqual(s);
    expect(scopeToParams(EMPTY_SCOPE)).toEqual({ county: null, township: null, village: null, cycle: null, body: null, role: null });
  });

  it('ignores values it does not know', () => {
    expect(scopeFromParams(new URLSearchParams('body=evil&role=x&cycle=abc'))).toEqual(EMPTY_SCOPE);
  });

  it('knows each level and its parent', () => {
    const v = { ...EMPTY_SCOPE, county: 'A', township: 'B', village: 'k' };
    expect(scopeLevel(v)).toBe('village');
    expect(parentScope(v)).toMatchObject({ county: 'A', township: 'B', village: null });
    expect(parentScope(parentScope(parentScope(v)!)!)).toMatchObject({ county: null, township: null, village: null });
    expect(parentScope(EMPTY_SCOPE)).toBeNull();
  });
});

describe('compare items', () => {
  it('round-trip through the URL form', () => {
    for (const s of ['v:code:139901101201', 't:青山县|河东镇', 'v:name:青山县|河东镇|李家村']) expect(itemParam(parseItem(s)!)).toBe(s);
    expect(parseItem('x:1')).toBeNull();
  });
});

describe('combineFigures', () => {
  const row = (metric: MetricRow['metric'], body: MetricRow['body'], cycle: number, value: number | null): MetricRow => ({
    metric,
    body,
    cycle_year: cycle,
    coverage: { covered: 1, of: 1 },
    value,
    shown: value,
    numerator: value,
    denominator: 100,
  });
  it('lines up current, previous and parent per body, and lists a metric without rows as no data', () => {
    const own = [
      row('turnout', 'village_committee', 2021, 90),
      row('turnout', 'village_committee', 2017, 85),
      row('turnout', 'party_branch', 2021, 95),
    ];
    const parent = [row('turnout', 'village_committee', 2021, 88)];
    const f = combineFigures(['turnout', 'women_share'], own, parent, 2021, 2017, 'all');
    expect(f.map((x) => [x.metric, x.body, x.current?.value ?? null, x.previous?.value ?? null, x.parent?.value ?? null])).toEqual([
      ['turnout', 'party_branch', 95, null, null],
      ['turnout', 'village_committee', 90, 85, 88],
      ['women_share', 'all', null, null, null],
    ]);
  });
});

describe('formatting', () => {
  it('rates with one decimal, missing as a dash, changes in points', () => {
    expect(formatValue(69.15593, 'percent', 'zh')).toBe('69.2%');
    expect(formatValue(44.6, 'years', 'en')).toBe('44.6');
    expect(formatValue(12565, 'count', 'en')).toBe('12,565');
    expect(formatValue(null, 'percent', 'zh')).toBe('—');
    expect(formatDelta(2.04, 'percent', 'zh')).toBe('+2.0个百分点');
    expect(formatDelta(-1.5, 'percent', 'en')).toBe('−1.5 pp');
  });

  it('keeps each unit and language apart however the calls interleave (formatters are reused)', () => {
    const calls = [
      [1234.56, 'years', 'zh', '1,234.6'],
      [1234.56, 'count', 'zh', '1,235'],
      [7, 'percent', 'en', '7.0%'],
      [1234.56, 'count', 'en', '1,235'],
      [1234.56, 'years', 'zh', '1,234.6'],
      [0.04, 'percent', 'zh', '0.0%'],
    ] as const;
    for (const [v, unit, lang, want] of [...calls, ...calls]) expect(formatValue(v, unit, lang)).toBe(want);
    expect(formatDelta(1234.4, 'count', 'zh')).toBe('+1,234');
    expect(formatDelta(0.25, 'years', 'en')).toBe('+0.3');
  });
});

describe('metric catalogue', () => {
  it('defines every indicator once with labels, unit, SQL and a definition naming its denominator', () => {
    const ids = METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of METRICS) {
      expect(m.zh && m.en && m.definition.zh && m.definition.en, m.id).toBeTruthy();
      // Count columns of the source table, summed by the metric SQL (which also tells where they are
      // unknown); a part of a whole divides by the sum of the whole's parts, itself among them.
      expect(m.numerator).toMatch(/^[a-z][a-z0-9_]*$/);
      if (m.denominator !== null) expect(m.denominator).toMatch(/^[a-z][a-z0-9_]*( \+ [a-z][a-z0-9_]*)*$/);
      if (compositionOf(m.id)) expect(m.denominator!.split(' + '), m.id).toContain(m.numerator);
      if (compositionOf(m.id)) expect(m.denominator!.split(' + '), m.id).toHaveLength(compositionOf(m.id)!.length);
      if (m.unit === 'percent') expect(m.denominator && m.denominatorLabel, m.id).toBeTruthy();
    }
  });
});
