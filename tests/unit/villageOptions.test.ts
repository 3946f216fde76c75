import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/queries/types';
import { MAX_LISTED_VILLAGES, villageOptions } from '../../src/views/scope/villageOptions';

/** A county of `townships` townships of `per` villages each. */
function county(name: string, townships: number, per: number): Place[] {
  return Array.from({ length: townships * per }, (_, i) => {
    const t = `${name}${Math.floor(i / per) + 1}镇`;
    return { county: name, township: t, village: `${t}${(i % per) + 1}村`, village_key: `name:${name}|${t}|${i}`, village_code: null };
  });
}

const big = county('大县', 30, 40); // 1,200 villages
const small = county('小县', 3, 20); // 60
const places = [...big, ...small];
const none = { county: null, township: null, village: null };

describe('the village select', () => {
  it('lists every village of a place with few of them', () => {
    expect(small.length).toBeLessThanOrEqual(MAX_LISTED_VILLAGES);
    const o = villageOptions(places, { ...none, county: '小县' });
    expect(o).toEqual({ listed: small, more: false });
  });

  it('lists a chosen township’s villages only where the county or the data has more than it lists', () => {
    expect(villageOptions(places, none)).toEqual({ listed: [], more: true });
    expect(villageOptions(places, { ...none, county: '大县' })).toEqual({ listed: [], more: true });
    const township = villageOptions(places, { ...none, county: '大县', township: '大县7镇' });
    expect(township.more).toBe(false);
    expect(township.listed).toHaveLength(40);
    expect(township.listed.every((p) => p.township === '大县7镇')).toBe(true);
  });

  it('keeps the village in scope listed, so the select shows it', () => {
    const v = big[500]!;
    expect(villageOptions(places, { county: '大县', township: null, village: v.village_key })).toEqual({ listed: [v], more: true });
  });
});
