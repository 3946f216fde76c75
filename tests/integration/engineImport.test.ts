/**
 * The engine path (src/db/engineImport, issue 27 step 1) against the JavaScript path, fixture by
 * fixture: for every CSV fixture the current path imports, each data row's stored values as
 * DuckDB builds them equal the NormalizedRow values prepareImport gives, by source row number.
 *
 * Step 2 (classification, row checks, staging, the report) is compared with the JavaScript path in
 * engineStage.test.ts. What this file does NOT compare, as step 1 does not do it: row classification
 * (totals, notes and blank rows are in the engine's table like any record after the header; they
 * are only checked to be rows the JavaScript path skipped), row issues and status (required
 * fields, cross-column checks, duplicates), extra data and the report's counts. Rows the current
 * path rejects are compared too: a rejected row keeps its values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../src/db/sqlLiteral';
import type { Db } from '../../src/db/types';
import { decodeText } from '../../src/import/encoding';
import { EngineReadError, engineImport, enginePlan } from '../../src/db/engineImport';
import { cellColumn, checkProbes, engineBuffer, engineBytes, probeTexts, readRaw } from '../../src/db/engineImport/readCsv';
import { scanLines } from '../../src/db/engineImport/lineScan';
import { engineTables } from '../../src/db/engineImport/tables';
import { readCsvText } from '../../src/import/read/csv';
import { analyzeFile, prepareDefault } from '../../src/import/pipeline';
import { FIXTURES, fixtureBytes, freshDb } from './helpers';

/** The CSV fixtures the current path has a plan for (workbooks and unreadable files are not the engine's yet). */
const csvFixtures = readdirSync(FIXTURES)
  .filter((name) => /\.(csv|txt)$/i.test(name))
  .filter((name) => {
    const analysis = analyzeFile(fixtureBytes(name), name);
    return analysis.source.format === 'csv' && !analysis.source.error && prepareDefault(analysis) !== null;
  })
  .sort();

/** Recovered by the JavaScript reader (quote marks re-read as text); refused by step 1. */
const REFUSED = new Set(['results-broken-quotes.csv']);

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db.close();
});

describe('engine import (read_csv + distinct-value normalisation) = JavaScript import', () => {
  it('covers the CSV fixtures of every kind, GB18030 and UTF-16 ones included', () => {
    const kinds = new Set(csvFixtures.map((n) => analyzeFile(fixtureBytes(n), n)).map((a) => a.sheets[a.sheetIndex]!.kind));
    expect([...kinds].sort()).toEqual(['members', 'results', 'stats']);
    for (const name of [
      'members-gb18030.csv',
      'results-gb18030.csv',
      'stats-taoyuan-gb18030.csv',
      'results-utf16le.txt',
      'results-multiline-cell.csv',
    ])
      if (!csvFixtures.includes(name)) throw new Error(`${name} is no longer imported: review this test`);
    expect(csvFixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(csvFixtures.filter((n) => !REFUSED.has(n)))('%s', async (name) => {
    const analysis = analyzeFile(fixtureBytes(name), name);
    const prepared = prepareDefault(analysis)!;
    // The caller decodes (DuckDB-WASM has no GB18030): the text the current path read.
    const text = decodeText(fixtureBytes(name), analysis.source.encoding!.chosen).text;
    const result = await engineImport(db, text, enginePlan(analysis));
    try {
      const rows = await db.query(`SELECT * FROM ${quoteIdent(result.typed)} ORDER BY source_row`);
      const byLine = new Map(rows.map((r) => [r.source_row as number, r]));
      expect(byLine.size).toBe(rows.length);

      const mismatches: string[] = [];
      for (const row of prepared.rows) {
        const got = byLine.get(row.rowNumber);
        if (!got) {
          mismatches.push(`row ${row.rowNumber}: missing from the engine's rows`);
          continue;
        }
        for (const n of row.layout.names) {
          const want = row.values[n] ?? null;
          // A DATE comes back as epoch milliseconds; the row holds it as ISO text.
          const engine = n === 'election_date' && typeof got[n] === 'number' ? new Date(got[n]).toISOString().slice(0, 10) : got[n];
          if (!Object.is(engine ?? null, want))
            mismatches.push(`row ${row.rowNumber} ${n}: engine ${JSON.stringify(got[n])}, JavaScript ${JSON.stringify(want)}`);
        }
      }
      expect(mismatches).toEqual([]);

      // Classification is not in SQL yet: a record after the header that is not a data row must be one the current path skipped.
      const data = new Set(prepared.rows.map((r) => r.rowNumber));
      const skipped = new Set(prepared.skipped.map((s) => s.rowNumber));
      expect(prepared.skipped.length).toBe(prepared.counts.skipped);
      const unaccounted = rows.map((r) => r.source_row as number).filter((line) => !data.has(line) && !skipped.has(line));
      expect(unaccounted).toEqual([]);
      expect(result.rows).toBe(rows.length);
    } finally {
      await result.dispose();
    }
  });

  it('reads a file with a header and no rows', async () => {
    const text = '村名,换届年份,登记选民数\n';
    const analysis = analyzeFile(new TextEncoder().encode(text), '2021年村委会换届选举结果.csv');
    const result = await engineImport(db, text, enginePlan(analysis));
    try {
      expect([result.records, result.rows]).toEqual([1, 0]);
      expect(await db.query(`SELECT * FROM ${quoteIdent(result.typed)}`)).toEqual([]);
    } finally {
      await result.dispose();
    }
  });

  it('refuses a broken quote instead of guessing (the JavaScript reader recovers it)', async () => {
    const name = 'results-broken-quotes.csv';
    const analysis = analyzeFile(fixtureBytes(name), name);
    const text = decodeText(fixtureBytes(name), analysis.source.encoding!.chosen).text;
    await expect(engineImport(db, text, enginePlan(analysis))).rejects.toThrow(EngineReadError);
  });

  it('keeps line numbers across blank lines, quoted line breaks, mixed line ends and ragged rows', async () => {
    const text =
      '村委会换届选举结果\r\n\r\n村名,换届年份,登记选民数,参加投票人数\r\n"东\n村",2021,100,90\n\n西村,2021,,\r,,\r南村,2021,50,40,多出\r\n北村';
    const name = '2021年村委会换届选举结果.csv';
    const analysis = analyzeFile(new TextEncoder().encode(text), name);
    const prepared = prepareDefault(analysis)!;
    const result = await engineImport(db, text, enginePlan(analysis));
    try {
      const rows = await db.query<{ source_row: number; village: string | null; registered_voters: number | null }>(
        `SELECT source_row, village, registered_voters FROM ${quoteIdent(result.typed)} ORDER BY source_row`,
      );
      expect(rows.map((r) => [r.source_row, r.village, r.registered_voters])).toEqual([
        [4, '东村', 100],
        [7, '西村', null],
        [8, null, null],
        [9, '南村', 50],
        [10, '北村', null],
      ]);
      expect(prepared.rows.map((r) => r.rowNumber)).toEqual([4, 7, 9, 10]);
      for (const row of prepared.rows) expect(rows.find((r) => r.source_row === row.rowNumber)!.village).toBe(row.values.village);
    } finally {
      await result.dispose();
    }
  });
});

const SPECTRUM = path.join(path.dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json')), 'csvs');

/** Edge cases of our own: title and blank lines, ragged rows, mixed line ends, tabs, a quote inside a cell, a BOM. */
const OWN_CASES: [string, string, string][] = [
  ['title, blank lines, ragged rows', 'title\n\n a , b ,c\n1,2\n\n\n,,,,\n3,"x, y",4,5\n', ','],
  ['mixed line ends', 'a,b\r\n1,2\n3,4\r5,6\r\n"7\r\n8",9', ','],
  ['tabs and semicolons', 'a\tb;c\n1;2\t3\n', '\t'],
  ['a quote inside an unquoted cell', 'a,b\n5" tall,2\nx""y,3\n', ','],
  ['a BOM and no final line break', '\uFEFFa;b\n1;"2\n2"', ';'],
];

/**
 * The read alone, against the JavaScript reader (readCsvText): every record it reads that is not
 * a zero-length line comes out of read_csv with the same cells (padded with '' to the widest
 * record) at the same line.
 */
describe('engine read (read_csv) = JavaScript reader, cell by cell', () => {
  const spectrum = readdirSync(SPECTRUM)
    .filter((n) => n.endsWith('.csv'))
    .map((n): [string, string, string] => [`csv-spectrum ${n}`, readFileSync(path.join(SPECTRUM, n), 'utf8'), ',']);

  it.each([...spectrum, ...OWN_CASES])('%s', async (_, text, delimiter) => {
    const tables = engineTables();
    const js = readCsvText(text, delimiter);
    let raw: Awaited<ReturnType<typeof readRaw>>;
    try {
      raw = await readRaw(db, text, delimiter, tables);
    } catch (e) {
      // Only what step 1 refuses by design: a line the JavaScript reader had to recover.
      expect(e).toBeInstanceOf(EngineReadError);
      expect(js.quoteRecovered.size).toBeGreaterThan(0);
      return;
    }
    try {
      const rows = await db.query(`SELECT * FROM ${quoteIdent(raw.table)} ORDER BY line`);
      const expected = js.rows
        .map((cells, i) => ({ line: js.rowNumbers[i]!, cells }))
        // A zero-length line is no record to DuckDB (nor data to the importer: a blank row).
        .filter((r) => !(r.cells.length === 1 && r.cells[0] === '' && lineText(text, r.line) === ''))
        .map((r) => ({ line: r.line, cells: [...r.cells, ...new Array<string>(raw.width - r.cells.length).fill('')] }));
      const got = rows.map((r) => ({
        line: r.line as number,
        cells: Array.from({ length: raw.width }, (_, i) => r[cellColumn(i)] as string),
      }));
      expect(got).toEqual(expected);
      expect(raw.records).toBe(expected.length);
    } finally {
      await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(raw.table)}`);
    }
  });
});

describe('engine read: a UTF-8 file with a BOM', () => {
  it('is handed to the engine whole, not copied without its first three bytes', () => {
    const file = new TextEncoder().encode('\uFEFF县,村\n甲,乙\n');
    // What our scan reads: a view past the BOM.
    const bytes = engineBytes(file, ',');
    expect([bytes.buffer, bytes.byteOffset]).toEqual([file.buffer, 3]);
    const handed = engineBuffer(bytes);
    expect([handed.buffer, handed.byteOffset, handed.byteLength]).toEqual([file.buffer, 0, file.byteLength]);
    // Anything else is handed as it is: a file without a BOM, or part of a larger buffer.
    const plain = new TextEncoder().encode('县,村\n');
    expect(engineBuffer(plain)).toBe(plain);
    const part = new Uint8Array(file.buffer, 3, 6);
    expect(engineBuffer(part)).toBe(part);
  });

  it('reads its first cell without the BOM, from the bytes as given', async () => {
    const tables = engineTables();
    const raw = await readRaw(db, new TextEncoder().encode('\uFEFF县,村\r\n甲,乙\r\n'), ',', tables);
    try {
      expect(await db.query(`SELECT line, c1, c2 FROM ${quoteIdent(raw.table)} ORDER BY line`)).toEqual([
        { line: 1, c1: '县', c2: '村' },
        { line: 2, c1: '甲', c2: '乙' },
      ]);
    } finally {
      await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(raw.table)}`);
    }
  });
});

describe('engine read: line numbers checked against the file', () => {
  it('finds a record that is not where our scan puts it', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\n3,4\n');
    const tables = engineTables();
    const raw = await readRaw(db, bytes.slice(), ',', tables);
    try {
      const probes = probeTexts(bytes, scanLines(bytes, ',').probes);
      expect(probes.map((p) => p.line)).toEqual([1, 3]);
      await expect(checkProbes(db, raw.table, ',', probes)).resolves.toBeUndefined();
      // As if the engine had read the last two records in the other order.
      const swapped = probes.map((p) => (p.line === 3 ? { ...p, line: 2 } : p));
      await expect(checkProbes(db, raw.table, ',', swapped)).rejects.toThrow(/line_mismatch/);
    } finally {
      await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(raw.table)}`);
    }
  });
});

/** The text of a 1-based physical line (LF, CRLF or lone CR), BOM dropped. */
function lineText(text: string, line: number): string {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)[line - 1] ?? '';
}
