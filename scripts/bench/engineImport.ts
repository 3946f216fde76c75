/**
 * The engine path of issue 27 (src/db/engineImport) against the current JavaScript path, on the
 * benchmark's roster of N rows, in DuckDB-WASM's Node build:
 *
 *   npx tsx scripts/bench/engineImport.ts 1000000 [--only bare|engine|js|stage|estage]
 *
 * Prints DuckDB's bare read_csv of the file (every column VARCHAR), the engine path's read and
 * normalise (its own line scan, read_csv, distinct values converted, typed rows joined), the
 * current path's read-normalise-check (prepareFile, rows handed to a counter), the same followed by
 * staging into DuckDB, the engine path as the app runs it (engineStage: read, sort, check and stage,
 * with the report), the distinct values of
 * each column, and a sampled comparison of the two paths' values. All in one process by default;
 * `--only` runs one of them in a fresh process, as the wasm heap and the JavaScript heap left by
 * one otherwise weigh on the next (on a shared machine the figures move by a factor of two).
 */
import { openAsBlob, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BatchBuilder, rejectedToBatch } from '../../src/import/columnBatch';
import { appendToStage, createStage, finishStage } from '../../src/db/load';
import { openNodeDb } from '../../src/db/nodeDb';
import { ensureSchema } from '../../src/db/schema';
import { quoteIdent } from '../../src/db/sqlLiteral';
import { STAGE_DIR } from '../../src/db/types';
import { engineBytes, engineImport, enginePlan, engineStage, readCsvCall, scanLines } from '../../src/db/engineImport';
import type { NormalizedRow } from '../../src/import/normalizeRow';
import { openFile, prepareFile, type ImportPlan } from '../../src/import/stream';
import { benchFiles } from './generate';
import { heapMb } from './heap';

const BATCH_ROWS = 16_384;
const SAMPLE = 997;
const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const runs = (part: string) => only === undefined || only.split(',').includes(part);
const file = benchFiles(rows).roster;
const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;
// CPU time of this process (DuckDB's Node build runs on this thread): steadier than wall time on a
// shared machine, where other processes' load moves the wall-clock figures by a factor of two.
let cpu0 = process.cpuUsage();
const cpuStart = () => {
  cpu0 = process.cpuUsage();
};
const cpu = () => {
  const u = process.cpuUsage(cpu0);
  return `cpu ${Math.round((u.user + u.system) / 1000)} ms`;
};
console.log(`${path.basename(file)}: ${rows} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB${only ? ` (only ${only})` : ''}`);

const db = await openNodeDb();
const blob = await openAsBlob(file);
const opened = await openFile(blob, path.basename(file));
const plan = enginePlan(opened.analysis);
// The engine's first statements run cold (wasm code not yet optimised): a small read first.
await db.registerText(`${STAGE_DIR}warm.csv`, 'a,b\n1,2\n');
await db.query(`SELECT count(*) FROM ${readCsvCall(`${STAGE_DIR}warm.csv`, ',', 2)}`);
await db.dropFile(`${STAGE_DIR}warm.csv`);
// The wasm heap never shrinks: its size after a step is that step's peak (with `--only`, of it alone).
const heap = () => `wasm heap ${heapMb().toFixed(0)} MB`;
console.log(`engine open: ${heap()}`);
let t: number;

if (runs('bare')) {
  // The bare read: the engine path's read_csv call, nothing around it.
  const bytes = engineBytes(readFileSync(file), plan.delimiter);
  const width = scanLines(bytes, plan.delimiter).width;
  t = performance.now();
  await db.registerBuffer(`${STAGE_DIR}bench.csv`, bytes);
  const registered = ms(t);
  t = performance.now();
  cpuStart();
  await db.exec(`CREATE TEMP TABLE bench_bare AS SELECT * FROM ${readCsvCall(`${STAGE_DIR}bench.csv`, plan.delimiter, width)}`);
  const read = `${ms(t)} (${cpu()})`;
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM bench_bare')) as [{ n: number }];
  t = performance.now();
  await db.query(`SELECT count(*) FROM ${readCsvCall(`${STAGE_DIR}bench.csv`, plan.delimiter, width)}`);
  console.log(
    `bare read_csv (all VARCHAR, ${width} columns) into a table: ${read} for ${n} records; count(*) only: ${ms(t)}; registerBuffer ${registered}; ${heap()}`,
  );
  await db.exec('DROP TABLE bench_bare');
  await db.dropFile(`${STAGE_DIR}bench.csv`);
}

let sampled: Map<number, Record<string, unknown>> | null = null;
let typedRows = -1;
if (runs('engine')) {
  t = performance.now();
  // The roster is UTF-8: its bytes go to the engine as read (a GB18030 file would be decoded first).
  const engine = await engineImport(db, readFileSync(file), plan);
  const engineMs = ms(t);
  console.log(
    `engine path: ${engineMs} (line scan ${Math.round(engine.ms.scan)} ms, register + read_csv + line numbers ${Math.round(engine.ms.read)} ms, ` +
      `mapping tables ${Math.round(engine.ms.mappings)} ms of which one distinct scan ${Math.round(engine.ms.distinct)} ms, typed rows ${Math.round(engine.ms.typed)} ms); ` +
      `${engine.records} records, ${engine.rows} after the header; ${heap()}`,
  );
  console.log('distinct values per column (ms: convert / Arrow insert; "identity": every cell is its value, no mapping table):');
  for (const d of engine.distinct)
    console.log(
      `  ${String(d.values).padStart(8)}  ${d.header} (${d.field})  ${d.identity ? 'identity' : [d.ms.convert, d.ms.insert].map(Math.round).join(' / ')}`,
    );
  typedRows = ((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(engine.typed)}`))[0] as { n: number }).n;
  // Every SAMPLE-th row's values, compared with the current path's below (the test compares every row of the fixtures).
  sampled = new Map(
    (await db.query(`SELECT * FROM ${quoteIdent(engine.typed)} WHERE source_row % ${SAMPLE} = 0`)).map((r) => [r.source_row as number, r]),
  );
  await engine.dispose();
}

const sheet = opened.analysis.sheets[opened.analysis.sheetIndex]!;
const jsPlan: ImportPlan = { sheetIndex: opened.analysis.sheetIndex, kind: sheet.kind!, columns: sheet.columns, context: sheet.inferred };

if (runs('js')) {
  let dataRows = 0;
  let compared = 0;
  const differ: string[] = [];
  const check = (row: NormalizedRow) => {
    dataRows++;
    if (!sampled || row.rowNumber % SAMPLE !== 0) return;
    compared++;
    const got = sampled.get(row.rowNumber);
    for (const n of row.layout.names) if (!Object.is(got?.[n] ?? null, row.values[n] ?? null)) differ.push(`row ${row.rowNumber} ${n}`);
  };
  t = performance.now();
  const gen = prepareFile(blob, opened, jsPlan, check, () => undefined);
  let next = await gen.next();
  while (!next.done) next = await gen.next();
  console.log(
    `current path (prepareFile: decode, parse, classify, normalise, check): ${ms(t)}; ${dataRows} data rows, ${next.value.counts.skipped} skipped`,
  );
  if (sampled) {
    if (typedRows !== dataRows + next.value.counts.skipped - next.value.counts.blank)
      console.log(`NOTE: engine rows ${typedRows} ≠ data + non-blank skipped rows of the current path`);
    console.log(
      `values of every ${SAMPLE}th row (${compared} rows): ${differ.length === 0 ? 'equal' : `${differ.length} DIFFER, e.g. ${differ.slice(0, 5).join('; ')}`}`,
    );
  }
}

if (runs('stage')) {
  // The engine's typed table is the staged data; the current path stages after prepareFile (as counts.ts does).
  await ensureSchema(db);
  t = performance.now();
  const stage = await createStage(
    db,
    jsPlan.kind,
    jsPlan.columns.map((c) => c.field),
  );
  const accepted = new BatchBuilder(jsPlan.kind, BATCH_ROWS);
  let rejected: NormalizedRow[] = [];
  const send = async () => {
    const r = rejectedToBatch(rejected);
    rejected = [];
    await appendToStage(db, stage, accepted.flush(), r);
  };
  const staging = prepareFile(
    blob,
    opened,
    jsPlan,
    (row) => (row.status === 'rejected' ? rejected.push(row) : accepted.add(row)),
    () => undefined,
  );
  for (;;) {
    const step = await staging.next();
    if (step.done) {
      if (accepted.length + rejected.length > 0) await send();
      await finishStage(db, stage, step.value);
      break;
    }
    if (accepted.length >= BATCH_ROWS || rejected.length >= BATCH_ROWS) await send();
  }
  console.log(`current path + staging into DuckDB (prepareFile, Arrow batches, stage tables, as counts.ts stages): ${ms(t)}; ${heap()}`);
}
if (runs('estage')) {
  // The engine path as the app runs it (issue 27 step 2): read, sort, check and stage, report made.
  await ensureSchema(db);
  t = performance.now();
  cpuStart();
  const stage = await createStage(
    db,
    jsPlan.kind,
    jsPlan.columns.map((c) => c.field),
  );
  const out = await engineStage(db, readFileSync(file), enginePlan(opened.analysis, jsPlan), stage);
  await finishStage(db, stage, out.report);
  const stageMs = `${ms(t)} (${cpu()})`;
  const [{ bad }] = (await db.query<{ bad: number }>(
    `SELECT count(*)::INTEGER AS bad FROM (SELECT source_row - lag(source_row) OVER () AS d FROM ${stage.tables[0]!.table}) WHERE d <= 0`,
  )) as [{ bad: number }];
  if (bad > 0) console.log(`NOTE: the staged rows are not in the file's order (${bad} steps back)`);
  const m = Object.entries(out.ms)
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(', ');
  console.log(
    `engine path + staging into DuckDB (engineStage: read, sort, check, stage; report): ${stageMs} (${m} ms); ` +
      `${out.report.counts.dataRows} data rows, ${out.picked} of them seen by JavaScript, reconciled ${out.report.reconciled}; ${heap()}`,
  );
}
await db.close();
