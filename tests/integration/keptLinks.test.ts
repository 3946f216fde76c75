/**
 * A whole rebuild of the count tables keeps person_links when what it is made of has not changed
 * (src/db/stats.ts, linkInputs): a results file re-imported leaves the links as they were, and
 * every count table is still what a rebuild with the links made anew gives. A roster re-imported,
 * or results of a cycle new to the data (a body's next cycle changes), make them anew.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrepared } from '../../src/app/importer';
import { refreshCounts } from '../../src/db/schema';
import { STATS_SQL } from '../../src/db/stats';
import type { Db } from '../../src/db/types';
import { analyzeFile, prepareDefault } from '../../src/import/pipeline';
import { SAMPLE_DIR } from '../../scripts/lib/sampleDataset';
import { freshDb } from './helpers';

const TABLES = ['stat_places', 'stat_results', 'stat_people', 'stat_villages', 'person_links'] as const;
const RESULTS = '村委会换届选举结果.csv';
const ROSTER = '两委成员花名册.csv';

let db: Db;

const sample = (name: string) => readFileSync(path.join(SAMPLE_DIR, name), 'utf8');

async function importText(text: string | Uint8Array, name: string) {
  const p = prepareDefault(analyzeFile(typeof text === 'string' ? new TextEncoder().encode(text) : text, name));
  if (!p) throw new Error(`${name}: no plan`);
  await importPrepared(db, p, { fileName: name, sheetName: null, encoding: null }, async () => 'replace');
}

/** Which person_links table this is: a rebuild makes a new one. */
async function linksOid(): Promise<number> {
  const [r] = await db.query<{ oid: number }>(`SELECT table_oid::INTEGER AS oid FROM duckdb_tables() WHERE table_name = 'person_links'`);
  return r!.oid;
}

/** The sample's results file with each row's cells changed by `edit` (title and header kept). */
function editedResults(edit: (cells: string[]) => void): string {
  const [title, header, ...rows] = sample(RESULTS)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const cols = header!.split(',');
  const out = rows.filter(Boolean).map((r) => {
    const cells = r.split(',');
    edit(cells);
    return cells.join(',');
  });
  expect(cols.length).toBeGreaterThan(10);
  return `${[title, header, ...out].join('\r\n')}\r\n`;
}
const column = (name: string) =>
  sample(RESULTS)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[1]!
    .split(',')
    .indexOf(name);

async function snapshot(suffix: string) {
  for (const t of TABLES) await db.exec(`CREATE OR REPLACE TEMP TABLE ${t}_${suffix} AS FROM ${t}`);
}

/** Rows of one table not in the other, both ways. */
async function difference(a: string, b: string) {
  const [r] = await db.query<{ xa: number; xb: number }>(
    `SELECT (SELECT count(*) FROM (FROM ${a} EXCEPT ALL FROM ${b}))::INTEGER AS xa,
            (SELECT count(*) FROM (FROM ${b} EXCEPT ALL FROM ${a}))::INTEGER AS xb`,
  );
  return r!;
}

/** Every count table against a whole build with the links made anew. */
async function expectAsRebuilt(suffix: string) {
  await snapshot(suffix);
  for (const sql of STATS_SQL) await db.exec(sql);
  for (const t of TABLES) expect(await difference(`${t}_${suffix}`, t), t).toEqual({ xa: 0, xb: 0 });
  // Built outside refreshStats, the links are not known to be of the data: the next refresh makes
  // them anew, and then knows them (so the next test's import may keep them).
  await refreshCounts(db);
}

beforeAll(async () => {
  db = await freshDb();
  for (const name of [ROSTER, RESULTS, '党组织换届选举结果.csv'])
    await importText(new Uint8Array(readFileSync(path.join(SAMPLE_DIR, name))), name);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('person links kept through a whole rebuild of the count tables', () => {
  it('are kept when a corrected results file replaces the old one, and the counts are a rebuild’s', async () => {
    const eligible = column('有选举权人数');
    expect(eligible).toBeGreaterThan(0);
    await snapshot('before');
    const before = await linksOid();
    await importText(
      editedResults((c) => {
        c[eligible] = String(Number(c[eligible]) + 10);
      }),
      'corrected.csv',
    );
    expect(await linksOid()).toBe(before);
    // The correction did change the counts: the kept links were not a stale copy of everything.
    const changed = await difference('stat_results_before', 'stat_results');
    expect(changed.xa + changed.xb).toBeGreaterThan(0);
    await expectAsRebuilt('kept');
  });

  it('are made anew when results of a new cycle give a body a next cycle', async () => {
    const year = column('换届年份');
    await importText(
      editedResults((c) => {
        if (c[year] === '2021') c[year] = '2024';
      }),
      'next-cycle.csv',
    );
    const [n] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM person_links WHERE next_cycle = 2024`);
    expect(n!.n).toBeGreaterThan(0);
    await expectAsRebuilt('next');
  });

  it('are made anew when the roster is imported again', async () => {
    const before = await linksOid();
    await importText(sample(ROSTER), 'roster-again.csv');
    expect(await linksOid()).not.toBe(before);
    await expectAsRebuilt('roster');
  });
});
