import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import type { Place } from '../../src/db/queries';
import { buildIndex, pinyinSpeller, searchPlaces, type Candidate } from '../../src/views/scope/placeSearch';

const place = (county: string, township: string, village: string, code: string): Place => ({
  county,
  township,
  village,
  village_key: `code:${code}`,
  village_code: code,
});

const PLACES: Place[] = [
  place('青山县', '河东镇', '李家村', '139901101201'),
  place('青山县', '河东镇', '王庄村', '139901101202'),
  place('青山县', '河东镇', '东风村', '139901101203'),
  place('青山县', '柳林乡', '李家村', '139901201201'),
  place('青山县', '柳林乡', '李家寨村', '139901201202'),
  place('青山县', '柳林乡', '小李家村', '139901201203'),
  place('青山县', '柳林乡', '曾家村', '139901201204'),
  place('河口县', '白沙镇', '王庄村', '139902102201'),
  place('河口县', '白沙镇', '河东村', '139902102202'),
];

const withPinyin = buildIndex(PLACES, pinyinSpeller(pinyin));
const chineseOnly = buildIndex(PLACES);
const find = (q: string, index = withPinyin, limit?: number) => searchPlaces(index, q, limit).candidates;
const label = (c: Candidate) => (c.kind === 'village' ? `${c.name}（${c.township}）` : `[${c.name}]`);

describe('place search', () => {
  it('lists same-name villages of two townships, each with its township and key', () => {
    const hits = find('李家村').filter((c) => c.name === '李家村');
    expect(hits.map(label)).toEqual(['李家村（河东镇）', '李家村（柳林乡）']);
    expect(new Set(hits.map((c) => (c.kind === 'village' ? c.village_key : '')))).toEqual(
      new Set(['code:139901101201', 'code:139901201201']),
    );
    // Same name in two counties: the county is there to show, and the index says there are two.
    expect(find('王庄').map((c) => c.county)).toEqual(['河口县', '青山县']);
    expect(withPinyin.counties).toBe(2);
  });

  it('matches pinyin initials and spellings once pinyin is there, Chinese only before', () => {
    expect(find('lj').map(label)).toEqual(['李家村（河东镇）', '李家村（柳林乡）', '李家寨村（柳林乡）', '小李家村（柳林乡）']);
    for (const q of ['ljc', 'LJC', 'lijia', 'ljiac', 'lij']) expect(find(q).map(label), q).toContain('李家村（河东镇）');
    expect(find('lj', chineseOnly)).toEqual([]);
    expect(find('李家', chineseOnly)).toHaveLength(4);
    // A name read as a family's: 曾家村 is zeng-jia-cun.
    expect(find('zjc').map(label)).toEqual(['曾家村（柳林乡）']);
    expect(find('xyz')).toEqual([]);
  });

  it('finds townships by name and initials', () => {
    const [first] = find('河东');
    expect(first).toMatchObject({ kind: 'township', county: '青山县', township: '河东镇' });
    expect(find('河东').map(label)).toEqual(['[河东镇]', '河东村（白沙镇）']);
    expect(find('llx').map(label)).toEqual(['[柳林乡]']);
    expect(find('hdz')[0]).toMatchObject({ kind: 'township', township: '河东镇' });
  });

  it('ranks a name prefix over a substring over pinyin', () => {
    expect(find('李家').map(label)).toEqual(['李家村（河东镇）', '李家村（柳林乡）', '李家寨村（柳林乡）', '小李家村（柳林乡）']);
    // 东风村 starts with "df", 河东镇 and 河东村 have it from the second syllable.
    expect(find('df').map(label)).toEqual(['东风村（河东镇）']);
    expect(find('d').map(label).slice(0, 1)).toEqual(['东风村（河东镇）']);
    expect(find('dc').map(label)).toEqual(['河东村（白沙镇）']);
  });

  it('returns a page of candidates and the count of all matches', () => {
    const many = Array.from({ length: 30 }, (_, i) => place('青山县', '石桥镇', `石桥${i + 1}村`, String(139901300000 + i)));
    const result = searchPlaces(buildIndex(many), '石桥', 20);
    expect(result.candidates).toHaveLength(20);
    expect(result.total).toBe(31); // the township too
    expect(result.candidates[0]).toMatchObject({ kind: 'township', name: '石桥镇' });
    expect(searchPlaces(withPinyin, '   ').total).toBe(0);
  });

  it('marks villages only their code tells apart', () => {
    const twins = buildIndex([...PLACES, place('青山县', '河东镇', '李家村', '139901101299')]);
    const hits = searchPlaces(twins, '李家村').candidates.filter((c) => c.kind === 'village' && c.township === '河东镇');
    expect(hits.map((c) => c.kind === 'village' && c.twin)).toEqual([true, true]);
    expect(find('李家村').every((c) => c.kind === 'village' && !c.twin)).toBe(true);
  });
});
