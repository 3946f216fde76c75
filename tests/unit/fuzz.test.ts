/**
 * Fuzzing the import pipeline (analyzeFile → prepareImport) with thousands of seeded hostile files
 * (tests/support/fuzz.ts): mutated fixtures, re-encoded and mixed-encoding text, giant cells,
 * permuted headers, duplicated rows, totals rows, random grids and workbooks, random binary.
 *
 * For every file:
 * - no crash: analyzeFile and prepareImport never throw; a file that cannot be read is refused
 *   with one of the user-facing read errors;
 * - no hang: each file within PER_FILE_MS, all of them within the test's timeout (generous bounds);
 * - every row accounted for: imported + with warnings + rejected = data rows, and title + header +
 *   data + skipped = the reader's independent record count; where a plain line count is valid
 *   (a text file without any quote character), that count too;
 * - a row that is not rejected is placed: village, cycle year and body are known.
 * The seed is fixed: a failure names the file's index and how it was made, so it can be replayed.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFile, prepareImport, type PreparedImport } from '../../src/import/pipeline';
import type { FileKind } from '../../src/import/fields';
import type { ReadErrorCode } from '../../src/import/read';
import { cleanText } from '../../src/import/normalize';
import { fuzzFiles, type FuzzFile } from '../support/fuzz';

// Fixed: file i is the same on every run, so a failure can be replayed from its index.
const SEED = 20240611;
const COUNT = 3000;
// Hang guards, not speed targets (those are `npm run bench`): the slowest file takes ~1.5 s on a
// loaded 2-core machine, a reader stuck in a loop takes forever.
const PER_FILE_MS = 20_000;
/** A file the pipeline works on this long without an answer counts as hung (the import is synchronous per file here). */
const HANG_MS = 5_000;
const TOTAL_MS = 600_000;

const READ_ERRORS: readonly ReadErrorCode[] = [
  'empty',
  'not_a_table',
  'unreadable_workbook',
  'no_sheets',
  'count_mismatch',
  'too_many_columns',
  'workbook_too_large',
];

/** Non-blank records by a plain split on line breaks: valid only when the text has no quote at all. */
function plainCount(text: string, delimiter: string): number | null {
  if (text.includes('"')) return null;
  return text.split(/\r\n|\r|\n/).filter((l) => cleanText(l.split(delimiter).join('')) !== '').length;
}

interface Tally {
  files: number;
  refused: Partial<Record<ReadErrorCode, number>>;
  prepared: number;
  rows: number;
  rejected: number;
  plainChecked: number;
  /** Refused with a named reason, or prepared with every row imported, warned or rejected. */
  handled: number;
  hung: number;
  /** Sheets whose rows do not add up to the file's. */
  rowsLost: number;
  slowest: { ms: number; file: string };
}

function problem(f: FuzzFile, what: string): string {
  return `file #${f.index} (${f.name}; ${f.how.join(' / ')}): ${what}`;
}

/** The invariants of one prepared sheet; returns what is wrong, if anything. */
function checkPrepared(p: PreparedImport, plain: number | null): string[] {
  const out: string[] = [];
  const c = p.counts;
  if (c.imported + c.warned + c.rejected !== c.dataRows)
    out.push(`imported ${c.imported} + warned ${c.warned} + rejected ${c.rejected} ≠ data ${c.dataRows}`);
  if (p.rows.length !== c.dataRows) out.push(`rows ${p.rows.length} ≠ data ${c.dataRows}`);
  const accounted = c.titleRows + c.headerRows + c.dataRows + c.skipped - c.blank;
  if (!p.reconciled || accounted !== c.fileRows)
    out.push(`title ${c.titleRows} + header ${c.headerRows} + data ${c.dataRows} + skipped ${c.skipped - c.blank} ≠ ${c.fileRows} records`);
  if (plain !== null && plain !== c.fileRows) out.push(`plain line count ${plain} ≠ reader's count ${c.fileRows}`);
  for (const r of p.rows) {
    const rejected = r.issues.some((i) => i.severity === 'reject');
    const expected = rejected ? 'rejected' : r.issues.length ? 'warning' : 'ok';
    if (r.status !== expected) out.push(`row ${r.rowNumber}: status ${r.status}, issues say ${expected}`);
    if (r.status === 'rejected') continue;
    const v = r.values;
    if (typeof v.village !== 'string' || v.village === '') out.push(`row ${r.rowNumber} kept without a village`);
    if (typeof v.cycle_year !== 'number' || !Number.isInteger(v.cycle_year)) out.push(`row ${r.rowNumber} kept without a cycle year`);
    if (v.body !== 'party_branch' && v.body !== 'village_committee') out.push(`row ${r.rowNumber} kept without a body`);
    for (const [k, x] of Object.entries(v)) if (typeof x === 'number' && !Number.isFinite(x)) out.push(`row ${r.rowNumber} ${k} = ${x}`);
  }
  return out;
}

function runOne(f: FuzzFile, tally: Tally, problems: string[]): void {
  const t0 = performance.now();
  try {
    const analysis = analyzeFile(f.bytes, f.name, f.encoding ? { encoding: f.encoding } : {});
    const err = analysis.source.error;
    if (err) {
      if (!READ_ERRORS.includes(err.code)) problems.push(problem(f, `unknown read error ${JSON.stringify(err)}`));
      tally.refused[err.code] = (tally.refused[err.code] ?? 0) + 1;
      tally.handled++;
      // The UI refuses the file; the parsed sheets are still checked below for count_mismatch only.
      if (err.code !== 'count_mismatch') return;
    }
    const text =
      analysis.source.format === 'csv' && analysis.source.encoding
        ? new TextDecoder(analysis.source.encoding.chosen).decode(f.bytes)
        : null;
    analysis.sheets.forEach((plan, i) => {
      const sheet = analysis.source.sheets[i]!;
      if (!plan.layout) {
        if (sheet.rows.some((r) => r.some((c) => cleanText(c) !== '')))
          problems.push(problem(f, `sheet ${i}: no header found in a non-blank sheet`));
        return;
      }
      const kinds: FileKind[] = plan.kind ? [plan.kind] : ['results', 'members'];
      for (const kind of kinds) {
        const p = prepareImport(sheet, plan.layout, kind, plan.columns, plan.inferred);
        tally.prepared++;
        tally.rows += p.counts.dataRows;
        tally.rejected += p.counts.rejected;
        const plain = text !== null && analysis.source.delimiter ? plainCount(text, analysis.source.delimiter) : null;
        if (plain !== null) tally.plainChecked++;
        const wrong = checkPrepared(p, err ? null : plain);
        if (wrong.length > 0) tally.rowsLost++;
        for (const x of wrong) problems.push(problem(f, `sheet ${i} as ${kind}: ${x}`));
      }
    });
    if (!err) tally.handled++;
  } catch (e) {
    problems.push(problem(f, `threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`));
  } finally {
    const ms = performance.now() - t0;
    if (ms > tally.slowest.ms) tally.slowest = { ms, file: `#${f.index} ${f.how.join(' / ')}` };
    if (ms > HANG_MS) tally.hung++;
    if (ms > PER_FILE_MS) problems.push(problem(f, `took ${Math.round(ms)} ms`));
  }
}

describe('fuzzing the import pipeline', () => {
  it(`${COUNT} seeded hostile files: no crash, no hang, every row accounted for`, { timeout: TOTAL_MS }, () => {
    const t0 = performance.now();
    const tally: Tally = {
      files: 0,
      refused: {},
      prepared: 0,
      rows: 0,
      rejected: 0,
      plainChecked: 0,
      handled: 0,
      hung: 0,
      rowsLost: 0,
      slowest: { ms: 0, file: '' },
    };
    const problems: string[] = [];
    for (const f of fuzzFiles(SEED, COUNT)) {
      tally.files++;
      runOne(f, tally, problems);
    }
    const total = performance.now() - t0;
    console.info(
      `fuzz: ${JSON.stringify({ ...tally, slowest: { ...tally.slowest, ms: Math.round(tally.slowest.ms), file: tally.slowest.file.slice(0, 200) }, totalMs: Math.round(total) })}`,
    );
    console.info(
      `fuzz report: ${tally.files} files tried, ${tally.handled} handled with a clear outcome, ${tally.hung} hung (> ${HANG_MS / 1000} s), ${tally.rowsLost} with rows lost`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect([tally.hung, tally.rowsLost]).toEqual([0, 0]);
    // Each limit was met by the corpus.
    for (const code of ['too_many_columns', 'workbook_too_large'] as const) expect(tally.refused[code] ?? 0, code).toBeGreaterThan(0);
    // The generator really produced both outcomes, with rows to check.
    expect(tally.prepared).toBeGreaterThan(COUNT / 2);
    expect(tally.rows).toBeGreaterThan(COUNT * 5);
    expect(tally.plainChecked).toBeGreaterThan(100);
    expect(Object.keys(tally.refused).length).toBeGreaterThanOrEqual(3);
  });
});
