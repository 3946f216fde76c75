/**
 * Both bodies together count persons, not seats (src/db/stats.ts, stat_people's both-bodies rows).
 * Only a person with several seats is grouped from them; one with a single seat is that seat. The
 * roster below has each kind, counted by hand:
 *   村党支部 王一 书记 (党员, 连任, 50 votes), 李二 委员 (女, 党员)
 *   村委会   王一 主任 (群众 on this roster, not 连任), 赵三 委员 twice (one row 连任, one not),
 *            钱四 委员 (女)
 * Persons: 王一, 李二, 赵三, 钱四 = 4 (six seats). 王一 cross-holds (1 of 4); a party member on
 * either roster (王一, 李二: 2 of 4); re-elected on any seat (王一, 赵三: 2 of 4); women 李二, 钱四.
 * Heads: 王一 alone, one person though two seats. Members (role class): 李二, 赵三, 钱四 = 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/types';
import { queryMetrics } from '../../src/metrics/query';
import type { MetricQuery } from '../../src/metrics/sql';
import type { MetricId } from '../../src/metrics/catalogue';
import { importPrepared } from '../../src/app/importer';
import { analyzeFile, prepareDefault } from '../../src/import/pipeline';
import { freshDb } from './helpers';

const HEAD = '县(市、区),乡镇(街道),村(社区),换届年份,组织,姓名,职务,性别,出生年月,文化程度,民族,政治面貌,是否连任,得票数';
const ROWS = [
  '青山县,河东镇,甲村,2021,村党支部,王一,书记,男,1970.01,高中,汉族,中共党员,是,50',
  '青山县,河东镇,甲村,2021,村党支部,李二,委员,女,1980.05,大专,汉族,中共党员,否,40',
  '青山县,河东镇,甲村,2021,村委会,王一,主任,男,1970.01,高中,汉族,群众,否,900',
  '青山县,河东镇,甲村,2021,村委会,赵三,委员,男,1990.02,初中,汉族,群众,否,800',
  '青山县,河东镇,甲村,2021,村委会,赵三,委员,男,1990.02,初中,汉族,群众,是,700',
  '青山县,河东镇,甲村,2021,村委会,钱四,委员,女,1985.07,高中,汉族,群众,否,650',
];

let db: Db;
beforeAll(async () => {
  db = await freshDb();
  const name = 'members-both-bodies.csv';
  const analysis = analyzeFile(new TextEncoder().encode([HEAD, ...ROWS].join('\n')), name);
  const prepared = prepareDefault(analysis);
  if (!prepared) throw new Error('no import plan');
  const outcome = await importPrepared(db, prepared, { fileName: name, sheetName: null, encoding: 'utf-8' }, async () => 'keep');
  expect(outcome.importId).not.toBeNull();
});
afterAll(async () => {
  await db.close();
});

const base: MetricQuery = { metrics: [], county: '青山县', township: '河东镇', cycles: [2021], body: 'all', role: 'all', groupBy: [] };

/** numerator / denominator of each metric, both bodies together. */
async function counts(metrics: MetricId[], role: MetricQuery['role'] = 'all'): Promise<Record<string, [number | null, number | null]>> {
  const rows = await queryMetrics(db, { ...base, metrics, role });
  return Object.fromEntries(rows.map((r) => [r.metric, [r.numerator, r.denominator]]));
}

describe('both bodies count each person once', () => {
  it('whoever holds one seat or several', async () => {
    expect(await counts(['members', 'cross_holding_rate', 'party_member_share', 'reelection_rate', 'women_share'])).toEqual({
      members: [4, null],
      cross_holding_rate: [1, 4],
      party_member_share: [2, 4],
      reelection_rate: [2, 4],
      women_share: [2, 4],
    });
  });

  it('within a role class too', async () => {
    expect((await counts(['members'], 'head')).members?.[0]).toBe(1);
    expect((await counts(['members'], 'member')).members?.[0]).toBe(3);
  });

  it('each body on its own counts its seats', async () => {
    const rows = await queryMetrics(db, { ...base, metrics: ['members'], body: 'village_committee' });
    expect(rows.map((r) => r.numerator)).toEqual([4]);
  });
});
