/**
 * The fuzz files (tests/support/fuzz.ts, same seed as the unit fuzz test) committed into the real
 * DuckDB-WASM: every data row the pipeline counted lands in exactly one table of its kind (kept
 * rows in results / members / member_counts, rejected rows in rejected_rows; a statistical table's
 * voter figures also as results rows of the same source rows), the imports table records the same counts,
 * and no cell — HTML, SQL, formulas, control characters, giant strings — changes the schema or
 * another import's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrepared } from '../../src/app/importer';
import { dataChanged, DATA_TABLES, importTable, KIND_TABLES, TABLE_OF } from '../../src/db/schema';
import type { FileKind } from '../../src/import/fields';
import type { Db, SqlParam } from '../../src/db/types';
import { dumpImport, loadImport } from '../../src/store/dump';
import { analyzeFile, prepareDefault } from '../../src/import/pipeline';
import { fuzzFiles } from '../support/fuzz';
import { freshDb } from './helpers';
import { concatBytes } from '../../src/util/bytes';

const SEED = 20240611;
/** Files taken from the stream (the first ones that can be imported at all are committed). */
const SCAN = 600;
const COMMIT = 150;

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db?.close();
});

const count = async (sql: string, params: SqlParam[] = [], on: Db = db) =>
  Number((await on.query<{ n: number | bigint }>(sql, params))[0]!.n);
/** Every import's rows in its own kind's table, and the rejected ones. */
const TOTAL_SQL = `SELECT ${(['results', 'members', 'stats'] as const)
  .map((k) => `(SELECT count(*) FROM ${TABLE_OF[k]} WHERE import_id IN (SELECT import_id FROM imports WHERE kind = '${k}'))`)
  .join(' + ')} + (SELECT count(*) FROM rejected_rows) AS n`;

describe('fuzz files committed into DuckDB-WASM', () => {
  it(`the first ${COMMIT} importable files of seed ${SEED}: every row in exactly one table of its kind`, { timeout: 600_000 }, async () => {
    const tables = await db.query<{ table_name: string }>('SELECT table_name FROM duckdb_tables() ORDER BY 1');
    let committed = 0;
    let rows = 0;
    let rejected = 0;
    const problems: string[] = [];
    for (const f of fuzzFiles(SEED, SCAN)) {
      if (committed >= COMMIT) break;
      const analysis = analyzeFile(f.bytes, f.name, f.encoding ? { encoding: f.encoding } : {});
      const prepared = analysis.source.error ? null : prepareDefault(analysis);
      if (!prepared || prepared.counts.dataRows === 0) continue;
      const label = `file #${f.index} (${f.how.join(' / ').slice(0, 200)})`;
      const before = new Map<string, number>();
      for (const t of DATA_TABLES) before.set(t, await count(`SELECT count(*) AS n FROM ${t}`));
      try {
        const out = await importPrepared(
          db,
          prepared,
          { fileName: f.name, sheetName: null, encoding: analysis.source.encoding?.chosen ?? null },
          async () => 'keep',
        );
        const id = out.importId;
        if (id === null) {
          problems.push(`${label}: not committed`);
          continue;
        }
        committed++;
        const c = prepared.counts;
        rows += c.dataRows;
        rejected += c.rejected;
        const own = TABLE_OF[prepared.kind];
        const kept = await count(`SELECT count(*) AS n FROM ${own} WHERE import_id = ?`, [id]);
        const rej = await count('SELECT count(*) AS n FROM rejected_rows WHERE import_id = ?', [id]);
        const rec = (
          await db.query<{ i: number; w: number; r: number }>(
            'SELECT rows_imported AS i, rows_warned AS w, rows_rejected AS r FROM imports WHERE import_id = ?',
            [id],
          )
        )[0];
        if (kept !== c.imported + c.warned) problems.push(`${label}: ${kept} rows kept, pipeline says ${c.imported} + ${c.warned}`);
        if (rej !== c.rejected) problems.push(`${label}: ${rej} rejected rows stored, pipeline says ${c.rejected}`);
        if (!rec || Number(rec.i) !== c.imported || Number(rec.w) !== c.warned || Number(rec.r) !== c.rejected)
          problems.push(`${label}: imports row ${JSON.stringify(rec)}`);
        for (const t of DATA_TABLES.filter((x) => x !== own)) {
          const elsewhere = await count(`SELECT count(*) AS n FROM ${t} WHERE import_id = ?`, [id]);
          // A table of another kind gets nothing, except a statistical table's voter figures: one results row per kept row, or none.
          const allowed = KIND_TABLES[prepared.kind].some((k) => TABLE_OF[k] === t) ? [0, kept] : [0];
          if (!allowed.includes(elsewhere)) problems.push(`${label}: ${elsewhere} rows in ${t}`);
          // "keep" adds: nothing already there is touched by this file.
          const now = await count(`SELECT count(*) AS n FROM ${t}`);
          if (now !== before.get(t)! + elsewhere) problems.push(`${label}: ${t} changed from ${before.get(t)} to ${now}`);
        }
      } catch (e) {
        problems.push(`${label}: threw ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    console.info(`fuzzDb: ${JSON.stringify({ committed, rows, rejected })}`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(committed).toBe(COMMIT);
    expect(rows).toBeGreaterThan(COMMIT * 5);
    expect(rejected).toBeGreaterThan(0);
    // No cell dropped, added or altered a table: the tables are those of before and each import's own.
    const ids = (await db.query<{ id: number; kind: FileKind }>('SELECT import_id AS id, kind FROM imports ORDER BY 1')).flatMap((r) =>
      KIND_TABLES[r.kind].map((t) => ({ name: importTable(t, Number(r.id)) })),
    );
    const after = await db.query<{ table_name: string }>('SELECT table_name FROM duckdb_tables() ORDER BY 1');
    expect(after.map((t) => t.table_name).sort()).toEqual([...tables.map((t) => t.table_name), ...ids.map((i) => i.name)].sort());
    expect(await count(TOTAL_SQL)).toBe(rows);
  });

  it('saved and restored (the reload path), every row comes back, giant cells included', { timeout: 600_000 }, async () => {
    const ids = (await db.query<{ id: number }>('SELECT import_id AS id FROM imports ORDER BY 1')).map((r) => r.id);
    expect(ids.length).toBe(COMMIT);
    const restored = await freshDb();
    try {
      for (const id of ids) {
        const { entry, files } = await dumpImport(db, id, 1);
        await loadImport(restored, entry, async (name) => (files.has(name) ? concatBytes(...files.get(name)!) : null));
      }
      await dataChanged(restored);
      expect(await count(TOTAL_SQL, [], restored)).toBe(await count(TOTAL_SQL));
      const longest = `SELECT max(length(village)) AS n FROM ${TABLE_OF.results}`;
      expect(await count(longest, [], restored)).toBe(await count(longest));
    } finally {
      await restored.close();
    }
  });
});
