/**
 * The sample's first dashboard as the build ships it (scripts/lib/sampleDataset.ts) against the
 * same queries run on the sample as the browser loads it: the figures drawn before the engine is
 * up must be the ones it gives afterwards, key for key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardSnapshot } from '../../src/app/dashboardSnapshot';
import { parseSnapshot, SNAPSHOT_FILE, type DashboardSnapshot } from '../../src/app/snapshotFile';
import type { Db } from '../../src/db/types';
import { sampleDb } from './helpers';

let shipped: DashboardSnapshot;
let db: Db;

const byKey = (s: DashboardSnapshot) => new Map(s.state.queries.map((q) => [q.queryHash, q.state.data]));

beforeAll(async () => {
  const sample = await sampleDb();
  db = sample.db;
  shipped = parseSnapshot(JSON.parse(new TextDecoder().decode(sample.files.get(SNAPSHOT_FILE)!)));
});
afterAll(async () => {
  await db?.close();
});

describe('the sample dashboard snapshot', () => {
  it('holds every query of the first overview, each answered', () => {
    const keys = shipped.state.queries.map((q) => JSON.parse(q.queryHash) as unknown[]);
    expect(keys.every((k) => k[0] === 'data')).toBe(true);
    const kinds = keys.map((k) => k[1]);
    for (const kind of ['cycles', 'places', 'imports', 'sample-state', 'figures', 'ages', 'metrics']) expect(kinds).toContain(kind);
    // KPI rows (own and parent level are one: the whole area), seven charts' and the ranking's.
    expect(kinds.filter((k) => k === 'metrics').length).toBeGreaterThanOrEqual(8);
    expect(shipped.state.queries.every((q) => q.state.status === 'success' && q.state.data !== undefined)).toBe(true);
    expect(byKey(shipped).get(JSON.stringify(['data', 'sample-state']))).toEqual({ sample: true, user: false });
  });

  it('equals, key for key, the same queries on the sample restored as the browser restores it', async () => {
    const live = byKey(await dashboardSnapshot(db));
    const built = byKey(shipped);
    expect([...live.keys()].sort()).toEqual([...built.keys()].sort());
    for (const [key, data] of built) expect(live.get(key), key).toEqual(data);
  });

  it('is refused when it is not one, or of another version', () => {
    expect(() => parseSnapshot({ format: 'other' })).toThrow('not a dashboard snapshot');
    expect(() => parseSnapshot({ ...shipped, version: 99 })).toThrow('version 99');
    expect(() => parseSnapshot({ ...shipped, state: {} })).toThrow('without queries');
  });
});
