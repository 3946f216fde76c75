/**
 * The count tables refreshed for the villages an import touched only (src/db/stats.ts, refreshStats
 * with a village list) must hold exactly what a whole rebuild gives. The data: the sample's files
 * imported as a user's, then one batch with a corrected roster of three villages (replacing their
 * rows, one person fewer, other genders and education), a roster and a results file of villages
 * new to the data, and the statistical table of those villages, chosen to count over their roster.
 * The batch is committed without a refresh, so the count tables are stale for those villages only
 * until the part is built. Then the data manager's changes: which source counts, an import deleted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBatch, findConflicts, findStagedOverlaps, stageImport, type CommitItem, type StagedImport } from '../../src/db/load';
import { refreshCounts } from '../../src/db/schema';
import type { Db } from '../../src/db/types';
import { analyzeFile, prepareDefault } from '../../src/import/pipeline';
import { SAMPLE_DIR } from '../../scripts/lib/sampleDataset';
import { analyzeFixture, freshDb, importFixture } from './helpers';
import { importPrepared } from '../../src/app/importer';
import { deleteImports } from '../../src/db/queries';
import { listOverlaps, setSourceChoice } from '../../src/db/sources';

const TABLES = ['stat_places', 'stat_results', 'stat_people', 'stat_villages', 'stat_reported'] as const;

let db: Db;
let sampleRoster: string;

function prepared(bytes: Uint8Array, name: string) {
  const analysis = analyzeFile(bytes, name);
  const p = prepareDefault(analysis);
  if (!p) throw new Error(`${name}: no plan`);
  return p;
}

/** The sample's roster rows of three 城关街道 villages, corrected: one person fewer, genders and education changed. */
function correctedRoster(): Uint8Array {
  const [header, ...rows] = sampleRoster
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const villages = [...new Set(rows.filter((r) => r.split(',')[1] === '城关街道').map((r) => r.split(',')[2]))].slice(0, 3);
  const picked = rows.filter((r) => r.split(',')[1] === '城关街道' && villages.includes(r.split(',')[2]));
  const out = picked.slice(1).map((r, i) => {
    const cells = r.split(',');
    if (i % 2 === 0) cells[8] = cells[8] === '男' ? '女' : '男';
    if (i % 3 === 0) cells[10] = '大专';
    return cells.join(',');
  });
  return new TextEncoder().encode(`${[header, ...out].join('\r\n')}\r\n`);
}

async function snapshot(db: Db, suffix: string) {
  for (const t of TABLES) await db.exec(`CREATE OR REPLACE TEMP TABLE ${t}_${suffix} AS FROM ${t}`);
}

/** Rows of one table not in the other, both ways, and the row counts. */
async function difference(db: Db, a: string, b: string) {
  const [r] = await db.query<{ na: number; nb: number; xa: number; xb: number }>(
    `SELECT (SELECT count(*) FROM ${a})::INTEGER AS na, (SELECT count(*) FROM ${b})::INTEGER AS nb,
            (SELECT count(*) FROM (FROM ${a} EXCEPT ALL FROM ${b}))::INTEGER AS xa,
            (SELECT count(*) FROM (FROM ${b} EXCEPT ALL FROM ${a}))::INTEGER AS xb`,
  );
  return r!;
}

const snapshotCount = async (db: Db) => (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM stat_people'))[0]!.n;

beforeAll(async () => {
  db = await freshDb();
  for (const name of readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const bytes = new Uint8Array(readFileSync(path.join(SAMPLE_DIR, name)));
    if (name === '两委成员花名册.csv') sampleRoster = new TextDecoder().decode(bytes);
    await importPrepared(db, prepared(bytes, name), { fileName: name, sheetName: null, encoding: null }, async () => 'keep');
  }
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('count tables refreshed for the touched villages only', () => {
  it('hold what a whole rebuild gives after a batch that replaces, adds and changes which source counts', async () => {
    const items: [Uint8Array | string, string][] = [
      [correctedRoster(), '城关街道更正花名册.csv'],
      ['members-taoyuan.csv', 'members-taoyuan.csv'],
      ['results-taoyuan.csv', 'results-taoyuan.csv'],
      ['stats-taoyuan-gb18030.csv', 'stats-taoyuan-gb18030.csv'],
    ];
    const staged: StagedImport[] = [];
    const commit: CommitItem[] = [];
    for (const [file, name] of items) {
      const p = typeof file === 'string' ? analyzeFixture(file).prepared : prepared(file, name);
      const s = await stageImport(db, p);
      const overlaps = await findStagedOverlaps(db, s, staged);
      const conflicts = await findConflicts(db, s);
      staged.push(s);
      commit.push({
        staged: s,
        conflicts,
        meta: { fileName: name, sheetName: null, encoding: null },
        choice: 'replace',
        overlaps,
        source: 'table',
      });
    }
    // What the batch must exercise: a replace of existing villages and a source choice.
    expect(commit[0]!.conflicts.length).toBeGreaterThan(0);
    expect(commit[3]!.overlaps!.length).toBeGreaterThan(0);

    const before = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM stat_places');
    const result = await commitBatch(db, commit, { clearSample: false });
    expect(result.villages).not.toBeNull();
    await snapshot(db, 'stale');
    expect(await refreshCounts(db, result.villages!)).toBe('part');
    await snapshot(db, 'part');
    expect(await refreshCounts(db)).toBe('whole');

    for (const t of TABLES) {
      const d = await difference(db, `${t}_part`, t);
      expect({ table: t, ...d, xa: d.xa, xb: d.xb }).toEqual({ table: t, na: d.nb, nb: d.nb, xa: 0, xb: 0 });
      // The batch did change each table: the stale copy is not the rebuilt one.
      const stale = await difference(db, `${t}_stale`, t);
      expect(stale.xa + stale.xb, t).toBeGreaterThan(0);
    }
    const [after] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM stat_places');
    expect(after!.n).toBeGreaterThan(before[0]!.n);
  });

  it('are rebuilt whole when an import touches more than a quarter of the villages', async () => {
    // The whole roster again, kept beside the rows there: every roster village is touched.
    const s = await stageImport(db, prepared(new TextEncoder().encode(sampleRoster), 'again.csv'));
    const result = await commitBatch(
      db,
      [
        {
          staged: s,
          conflicts: await findConflicts(db, s),
          meta: { fileName: 'again.csv', sheetName: null, encoding: null },
          choice: 'keep',
        },
      ],
      {
        clearSample: false,
      },
    );
    expect(await refreshCounts(db, result.villages!)).toBe('whole');
  });

  it('are rebuilt whole when a cycle was replaced: any village may have lost rows', async () => {
    const { prepared: p } = analyzeFixture('results-taoyuan.csv');
    const s = await stageImport(db, p);
    const result = await commitBatch(
      db,
      [{ staged: s, conflicts: [], meta: { fileName: 'r.csv', sheetName: null, encoding: null }, choice: 'keep' }],
      {
        clearSample: false,
        replaceCycle: 2017,
      },
    );
    expect(result.villages).toBeNull();
    expect(await refreshCounts(db, result.villages ?? undefined)).toBe('whole');
  });

  /** The database, with the statements it is sent listed: which refresh ran shows in them. */
  function watched(): { db: Db; parts: () => number } {
    const sent: string[] = [];
    return {
      db: { ...db, exec: (sql: string) => (sent.push(sql), db.exec(sql)) },
      parts: () => sent.filter((sql) => sql.startsWith('CREATE OR REPLACE TEMP TABLE stat_people_part')).length,
    };
  }

  it('follow a change of the source that counts, for its villages', async () => {
    const overlaps = await listOverlaps(db);
    expect(overlaps.length).toBeGreaterThan(0);
    expect(overlaps.every((o) => o.counted === 'table')).toBe(true);
    const w = watched();
    await setSourceChoice(w.db, overlaps.slice(0, 2), 'roster');
    expect(w.parts()).toBe(1);
    await snapshot(db, 'choice');
    await refreshCounts(db);
    for (const t of TABLES) expect(await difference(db, `${t}_choice`, t), t).toMatchObject({ xa: 0, xb: 0 });
  });

  it('follow a deleted import, for the villages it had rows of', async () => {
    const [taoyuan] = await db.query<{ id: number }>(
      "SELECT import_id AS id FROM imports WHERE file_name = 'members-taoyuan.csv' ORDER BY 1 LIMIT 1",
    );
    const before = await snapshotCount(db);
    const w = watched();
    await deleteImports(w.db, { ids: [Number(taoyuan!.id)] });
    expect(w.parts()).toBe(1);
    await snapshot(db, 'deleted');
    await refreshCounts(db);
    for (const t of TABLES) expect(await difference(db, `${t}_deleted`, t), t).toMatchObject({ xa: 0, xb: 0 });
    expect(await snapshotCount(db)).not.toBe(before);
  });

  it('come from an import through the importer for the villages it touched', async () => {
    const { outcome } = await importFixture(db, 'members-taoyuan.csv', 'replace');
    expect(outcome.importId).not.toBeNull();
    await snapshot(db, 'importer');
    await refreshCounts(db);
    for (const t of TABLES) expect(await difference(db, `${t}_importer`, t)).toMatchObject({ xa: 0, xb: 0 });
  });
});
