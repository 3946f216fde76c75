import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openNodeDb } from '../../src/db/nodeDb';
import { ensureSchema } from '../../src/db/schema';
import type { Conflict } from '../../src/db/load';
import type { Db } from '../../src/db/types';
import { importPrepared, type ConflictAnswer } from '../../src/app/importer';
import { loadSample } from '../../src/app/sample';
import { buildSampleDataset } from '../../scripts/lib/sampleDataset';
import { analyzeFile, prepareDefault, type FileAnalysis, type PreparedImport } from '../../src/import/pipeline';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

export async function freshDb(): Promise<Db> {
  const db = await openNodeDb();
  await ensureSchema(db);
  return db;
}

/** A database with the bundled sample loaded as the app loads it, and the sample's built files. */
export async function sampleDb(): Promise<{ db: Db; files: Map<string, Uint8Array> }> {
  const files = await buildSampleDataset();
  const db = await freshDb();
  await loadSample(db, async (name) => {
    const bytes = files.get(name);
    if (!bytes) throw new Error(`no sample file ${name}`);
    return bytes;
  });
  return { db, files };
}

export function analyzeFixture(name: string): { analysis: FileAnalysis; prepared: PreparedImport } {
  const analysis = analyzeFile(fixtureBytes(name), name);
  const prepared = prepareDefault(analysis);
  if (!prepared) throw new Error(`${name}: no import plan (${JSON.stringify(analysis.source.error ?? analysis.sheets[0]?.kind)})`);
  return { analysis, prepared };
}

/** Imports a fixture as a user confirming the detected plan would. */
export async function importFixture(db: Db, name: string, answer: ConflictAnswer | ((conflicts: Conflict[]) => ConflictAnswer) = 'keep') {
  const { analysis, prepared } = analyzeFixture(name);
  const outcome = await importPrepared(
    db,
    prepared,
    {
      fileName: name,
      sheetName: analysis.source.sheets[analysis.sheetIndex]?.name ?? null,
      encoding: analysis.source.encoding?.chosen ?? null,
    },
    async (conflicts) => (typeof answer === 'function' ? answer(conflicts) : answer),
  );
  return { analysis, prepared, outcome };
}

/**
 * The statements the engine is asked while `run` runs. The engine itself, not a wrapper: what is
 * known of an engine (its lineage, its NULL columns, its kept answers) is kept by the object.
 */
export async function statementsOf<T>(db: Db, run: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const query = db.query;
  const sql: string[] = [];
  db.query = ((...args: Parameters<Db['query']>) => {
    sql.push(args[0]);
    return query.apply(db, args);
  }) as Db['query'];
  try {
    return { result: await run(), sql };
  } finally {
    db.query = query;
  }
}
