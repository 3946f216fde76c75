/**
 * The engine path of issue 27 (src/import/engine) against the current JavaScript path, on the
 * benchmark's roster of N rows, in DuckDB-WASM's Node build:
 *
 *   npx tsx scripts/bench/engineImport.ts 1000000
 *
 * Prints DuckDB's bare read_csv of the file (every column VARCHAR), the engine path's read and
 * normalise (its own line scan, read_csv, distinct values converted, typed rows joined), the
 * current path's read-normalise-check (prepareFile, rows handed to a counter), the same followed by
 * staging into DuckDB (the engine path's typed table is its staged data), the distinct values of
 * each column, and a sampled comparison of the two paths' values. The load on a shared machine moves every figure: the
 * three are run one after another in one process, on the same file.
 */
import { openAsBlob, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { openNodeDb } from '../../src/db/nodeDb';
import { quoteIdent } from '../../src/db/sqlLiteral';
import { STAGE_DIR } from '../../src/db/types';
import { engineImport, enginePlan, readCsvCall, scanLines } from '../../src/import/engine';
import { BatchBuilder, rejectedToBatch } from '../../src/db/columnBatch';
import { appendToStage, createStage, finishStage } from '../../src/db/load';
import { ensureSchema } from '../../src/db/schema';
import type { NormalizedRow } from '../../src/import/normalizeRow';
import { openFile, prepareFile, type ImportPlan } from '../../src/import/stream';
import { benchFiles } from './generate';

const BATCH_ROWS = 16_384;
const SAMPLE = 997;
const rows = Number(process.argv[2] ?? 100_000);
if (!Number.isSafeInteger(rows) || rows <= 0) throw new Error('usage: engineImport.ts <rows>');
const file = benchFiles(rows).roster;
const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;
console.log(`${path.basename(file)}: ${rows} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB`);

const db = await openNodeDb();
const blob = await openAsBlob(file);
const opened = await openFile(blob, path.basename(file));
const plan = enginePlan(opened.analysis);
// The engine's first statements run cold (wasm code not yet optimised): a small read first.
await db.registerText(`${STAGE_DIR}warm.csv`, 'a,b\n1,2\n');
await db.query(`SELECT count(*) FROM ${readCsvCall(`${STAGE_DIR}warm.csv`, ',', 2)}`);
await db.dropFile(`${STAGE_DIR}warm.csv`);

let t = performance.now();
const text = new TextDecoder('utf-8').decode(readFileSync(file));
console.log(`decode to a string (JavaScript, both engine runs): ${ms(t)}`);

{
  // The bare read: the same call as the engine path's, nothing around it.
  const bare = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const width = scanLines(bare, plan.delimiter).width;
  t = performance.now();
  await db.registerText(`${STAGE_DIR}bench.csv`, bare);
  const registered = ms(t);
  t = performance.now();
  await db.exec(`CREATE TEMP TABLE bench_bare AS SELECT * FROM ${readCsvCall(`${STAGE_DIR}bench.csv`, plan.delimiter, width)}`);
  const read = ms(t);
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM bench_bare')) as [{ n: number }];
  console.log(`bare read_csv (all VARCHAR, ${width} columns): ${read} for ${n} records (+ registerText ${registered})`);
  await db.exec('DROP TABLE bench_bare');
  await db.dropFile(`${STAGE_DIR}bench.csv`);
}

t = performance.now();
const engine = await engineImport(db, text, plan);
const engineMs = ms(t);
console.log(
  `engine path: ${engineMs} (line scan ${Math.round(engine.ms.scan)} ms, register + read_csv + line numbers ${Math.round(engine.ms.read)} ms, ` +
    `mapping tables ${Math.round(engine.ms.mappings)} ms of which one distinct scan ${Math.round(engine.ms.distinct)} ms, typed rows ${Math.round(engine.ms.typed)} ms); ${engine.records} records, ${engine.rows} after the header`,
);
console.log('distinct values per column (ms: convert / Arrow insert):');
for (const d of engine.distinct)
  console.log(`  ${String(d.values).padStart(8)}  ${d.header} (${d.field})  ${[d.ms.convert, d.ms.insert].map(Math.round).join(' / ')}`);
const [{ n: typedRows }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(engine.typed)}`)) as [{ n: number }];
// Every SAMPLE-th row's values, compared with the current path's below (the test compares every row of the fixtures).
const sampled = new Map((await db.query(`SELECT * FROM ${quoteIdent(engine.typed)} WHERE source_row % ${SAMPLE} = 0`)).map((r) => [r.source_row as number, r]));
await engine.dispose();

const sheet = opened.analysis.sheets[opened.analysis.sheetIndex]!;
const jsPlan: ImportPlan = { sheetIndex: opened.analysis.sheetIndex, kind: sheet.kind!, columns: sheet.columns, context: sheet.inferred };
let dataRows = 0;
let compared = 0;
const differ: string[] = [];
const check = (row: NormalizedRow) => {
  dataRows++;
  if (row.rowNumber % SAMPLE !== 0) return;
  compared++;
  const got = sampled.get(row.rowNumber);
  for (const n of row.layout.names) if (!Object.is(got?.[n] ?? null, row.values[n] ?? null)) differ.push(`row ${row.rowNumber} ${n}`);
};
t = performance.now();
const gen = prepareFile(blob, opened, jsPlan, check, () => undefined);
let next = await gen.next();
while (!next.done) next = await gen.next();
console.log(`current path (prepareFile: decode, parse, classify, normalise, check): ${ms(t)}; ${dataRows} data rows, ${next.value.counts.skipped} skipped`);
if (typedRows !== dataRows + next.value.counts.skipped - next.value.counts.blank)
  console.log(`NOTE: engine rows ${typedRows} ≠ data + non-blank skipped rows of the current path`);
console.log(`values of every ${SAMPLE}th row (${compared} rows): ${differ.length === 0 ? 'equal' : `${differ.length} DIFFER, e.g. ${differ.slice(0, 5).join('; ')}`}`);

// The engine's typed table is the staged data; the current path stages after prepareFile (as counts.ts does).
await ensureSchema(db);
t = performance.now();
const stage = await createStage(db, jsPlan.kind, jsPlan.columns.map((c) => c.field));
const accepted = new BatchBuilder(jsPlan.kind, BATCH_ROWS);
let rejected: NormalizedRow[] = [];
const send = async () => {
  const r = rejectedToBatch(rejected);
  rejected = [];
  await appendToStage(db, stage, accepted.flush(), r);
};
const staging = prepareFile(blob, opened, jsPlan, (row) => (row.status === 'rejected' ? rejected.push(row) : accepted.add(row)), () => undefined);
for (;;) {
  const step = await staging.next();
  if (step.done) {
    if (accepted.length + rejected.length > 0) await send();
    await finishStage(db, stage, step.value);
    break;
  }
  if (accepted.length >= BATCH_ROWS || rejected.length >= BATCH_ROWS) await send();
}
console.log(`current path + staging into DuckDB (prepareFile, Arrow batches, stage tables, as counts.ts stages): ${ms(t)}`);
await db.close();
