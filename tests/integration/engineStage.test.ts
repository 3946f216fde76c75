/**
 * Issue 27 step 2: the engine path (src/db/engineImport engineStage) and the JavaScript path (the
 * import worker's prepareFile → batches → appendToStage) run over the same CSV file, each into a
 * stage of its own, must give identical stage tables (EXCEPT ALL both ways, duplicates counted),
 * identical rejected rows and an identical report — for every CSV fixture and a slice of the fuzz
 * corpus. A file the engine refuses (EngineReadError) is read by the JavaScript path in the app;
 * here the refusals are listed, so a new one is seen.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineReadError, engineStage, enginePlan } from '../../src/db/engineImport';
import { appendToStage, createStage, discardStaged, finishStage, type Stage, type StagedImport } from '../../src/db/load';
import type { Db } from '../../src/db/types';
import { BatchBuilder, rejectedToBatch } from '../../src/import/columnBatch';
import { decodeText } from '../../src/import/encoding';
import type { NormalizedRow } from '../../src/import/normalizeRow';
import { prepareDefault } from '../../src/import/pipeline';
import { openFile, prepareFile, type ImportPlan, type OpenedFile } from '../../src/import/stream';
import { fuzzFiles } from '../support/fuzz';
import { FIXTURES, fixtureBytes, freshDb } from './helpers';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db.close();
});

function planOf(opened: OpenedFile): ImportPlan | null {
  const a = opened.analysis;
  const p = a.sheets[a.sheetIndex];
  if (a.source.format !== 'csv' || a.source.error || !p?.kind || !p.layout) return null;
  return { sheetIndex: a.sheetIndex, kind: p.kind, columns: p.columns, context: p.inferred };
}

/** The JavaScript path as the import worker and stageFile run it, in batches of 64 rows to cross batch edges. */
async function stageJs(blob: Blob, opened: OpenedFile, plan: ImportPlan): Promise<StagedImport> {
  const stage = await createStage(
    db,
    plan.kind,
    plan.columns.map((c) => c.field),
    { flushRows: 100 },
  );
  const accepted = new BatchBuilder(plan.kind, 64);
  let rejected: NormalizedRow[] = [];
  const send = async () => {
    await appendToStage(db, stage, accepted.flush(), rejectedToBatch(rejected));
    rejected = [];
  };
  const gen = prepareFile(
    blob,
    opened,
    plan,
    (row) => (row.status === 'rejected' ? rejected.push(row) : accepted.add(row)),
    () => undefined,
  );
  for (;;) {
    const next = await gen.next();
    if (next.done) {
      await send();
      return finishStage(db, stage, next.value);
    }
    if (accepted.length >= 64 || rejected.length >= 64) await send();
  }
}

async function stageEngine(bytes: Uint8Array, opened: OpenedFile, plan: ImportPlan): Promise<StagedImport> {
  const ePlan = enginePlan(opened.analysis, plan);
  const stage = await createStage(
    db,
    plan.kind,
    plan.columns.map((c) => c.field),
  );
  try {
    const encoding = opened.analysis.source.encoding?.chosen ?? 'utf-8';
    const input = encoding === 'utf-8' ? bytes.slice() : decodeText(bytes, encoding).text;
    const out = await engineStage(db, input, ePlan, stage);
    return await finishStage(db, stage, out.report);
  } catch (e) {
    await discardStaged(db, stage);
    throw e;
  }
}

async function exceptAll(a: string, b: string): Promise<number> {
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (FROM ${a} EXCEPT ALL FROM ${b})`)) as [{ n: number }];
  return n;
}

/** Both paths over one file: null when equal, else what differs; 'refused' when the engine refuses it. */
async function compare(name: string, bytes: Uint8Array): Promise<string[] | 'refused' | 'no plan'> {
  const blob = new Blob([bytes.slice()]);
  const opened = await openFile(blob, name);
  const plan = planOf(opened);
  if (!plan) return 'no plan';
  const js = await stageJs(blob, opened, plan);
  let engine: StagedImport;
  try {
    engine = await stageEngine(bytes, opened, plan);
  } catch (e) {
    await discardStaged(db, js);
    if (e instanceof EngineReadError) return 'refused';
    throw e;
  }
  const diffs: string[] = [];
  try {
    const pairs: [string, string, Stage][] = js.tables.map((t, k) => [t.table, engine.tables[k]!.table, js]);
    pairs.push([js.rejectedTable, engine.rejectedTable, js]);
    for (const [a, b] of pairs) {
      const [ab, ba] = [await exceptAll(a, b), await exceptAll(b, a)];
      if (ab + ba > 0)
        diffs.push(`${a.replace(/^stage_\w+?_\d+/, 'stage')}: ${ab} rows only in the JavaScript path's, ${ba} only in the engine's`);
    }
    // In the file's order, as the JavaScript path writes them (any_value over a village's rows reads the same row).
    for (const [k, t] of js.tables.entries()) {
      const order = async (table: string) => (await db.query(`SELECT source_row FROM ${table}`)).map((r) => r.source_row);
      if (JSON.stringify(await order(t.table)) !== JSON.stringify(await order(engine.tables[k]!.table)))
        diffs.push(`${t.kind}: rows in another order`);
    }
    expect.soft(engine.report, name).toEqual(js.report);
    if (JSON.stringify(engine.report) !== JSON.stringify(js.report)) diffs.push('report differs');
    return diffs;
  } finally {
    await discardStaged(db, js);
    await discardStaged(db, engine);
  }
}

const csvFixtures = readdirSync(FIXTURES)
  .filter((n) => /\.(csv|txt)$/i.test(n))
  .sort();

/** Recovered by the JavaScript reader (quote marks re-read as text); the engine refuses it, the app reads it in JavaScript. */
const REFUSED = new Set(['results-broken-quotes.csv']);

describe('engine path = JavaScript path: stage tables, rejected rows and report', () => {
  it.each(csvFixtures)('%s', async (name) => {
    const out = await compare(name, fixtureBytes(name));
    if (out === 'no plan')
      return expect(prepareDefault((await openFile(new Blob([fixtureBytes(name).slice()]), name)).analysis)).toBeNull();
    if (REFUSED.has(name)) return expect(out).toBe('refused');
    expect(out).toEqual([]);
  });

  it('compares the fixtures of every kind, GB18030 and UTF-16 ones included', async () => {
    const planned: string[] = [];
    for (const name of csvFixtures) if (planOf(await openFile(new Blob([fixtureBytes(name).slice()]), name))) planned.push(name);
    for (const name of [
      'members-gb18030.csv',
      'results-gb18030.csv',
      'results-utf16le.txt',
      'results-totals-mismatch.csv',
      'results-duplicate-village.csv',
      'hostile-members.csv',
    ])
      expect(planned).toContain(name);
    expect(planned.length).toBeGreaterThanOrEqual(20);
  });

  it('a roster with totals, notes, blank lines, duplicates, a short record and extra cells', async () => {
    const text = [
      '某县2021年村（社区）两委成员名册',
      '',
      '县,乡镇,村名,换届年份,姓名,性别,年龄,职务,备注',
      '某县,甲镇,东村,2021,张三,男,45,书记,',
      '某县,甲镇,东村,2021,李四,女,38,委员',
      '',
      '某县,甲镇,东村,2021,张三,男,45,书记,',
      '某县,甲镇,东村,2021,李四,女,39,委员,',
      '某县,甲镇,西村,2021,,男,12,委员,,多出',
      '某县,甲镇,,2021,王五,男,50,委员,',
      '小计,,,,,,,,',
      '合 计,,,,,,,,',
      '填表人：赵六',
      '',
    ].join('\r\n');
    const out = await compare('2021年成员名册.csv', new TextEncoder().encode(text));
    expect(out).toEqual([]);
  });
});

/** The fuzz corpus's text files that both paths can read (same seed as the other fuzz tests), as many as run in a few seconds. */
describe('engine path = JavaScript path on fuzz files', () => {
  it('gives the same result on every fuzz CSV with a plan', async () => {
    let compared = 0;
    let refused = 0;
    const failures: string[] = [];
    for (const f of fuzzFiles(20240611, 150)) {
      if (f.encoding) continue;
      let out: Awaited<ReturnType<typeof compare>>;
      try {
        out = await compare(f.name, f.bytes);
      } catch (e) {
        failures.push(`${f.index} ${f.how.join(' ')}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      if (out === 'no plan') continue;
      if (out === 'refused') refused++;
      else {
        compared++;
        if (out.length > 0) failures.push(`${f.index} ${f.how.join(' ')}: ${out.join('; ')}`);
      }
    }
    console.log(`fuzz: ${compared} compared, ${refused} refused`);
    expect(failures).toEqual([]);
    expect(compared).toBeGreaterThan(20);
    expect(refused).toBeLessThan(compared);
  }, 300_000);
});
