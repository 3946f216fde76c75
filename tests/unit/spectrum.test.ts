/**
 * The importer against csv-spectrum (npm, BSD-2: edge-case CSVs, each with the JSON a correct
 * reader returns) and against our own malformed files.
 *
 * Two properties, for every file:
 * 1. the cells come out as written (csv-spectrum: exactly its JSON);
 * 2. every record is accounted for: imported + with warnings + rejected = data rows, and
 *    title + header + data + skipped non-blank rows (totals, notes) = a count of the file's records
 *    made here by another method — the JSON's length for csv-spectrum, a plain split on line
 *    breaks for our files (valid because none of them has a quoted line break), or a count by
 *    construction.
 *
 * csv-spectrum's headers (a,b,c / first,last,…) mean nothing to an election importer, so each file
 * also goes through the whole pipeline (prepareImport) in three wrappings:
 * - results: its header line replaced by 村(社区), 登记选民数, 备注3, 备注4, … (kind results; year
 *   and body from the file name 2021年村委会….csv); every other line byte for byte as in csv-spectrum;
 * - members: the same with 村(社区), 姓名, 备注3, … (file name 2021年村党支部…);
 * - villages: every distinct non-empty cell of its JSON becomes the village name of one row of an
 *   otherwise valid results file (RFC 4180 quoting by scripts/lib/csv.ts), so the reader must
 *   return the weird cell exactly and count one record per village.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { toCsv, type Cell } from '../../scripts/lib/csv';
import { analyzeFile, prepareDefault, type FileAnalysis, type PreparedImport } from '../../src/import/pipeline';
import { cleanText } from '../../src/import/normalize';
import { concat, utf8 } from '../support/fuzz';
import { MAX_NAME_CHARS, MAX_TEXT_CHARS } from '../../src/import/limits';

const SPECTRUM = path.dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

interface SpectrumCase {
  name: string;
  bytes: Uint8Array;
  header: string[];
  records: string[][];
}

function spectrumCases(): SpectrumCase[] {
  return readdirSync(path.join(SPECTRUM, 'csvs'))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.csv$/, '');
      const parsed = JSON.parse(readFileSync(path.join(SPECTRUM, 'json', `${name}.json`), 'utf8')) as
        | Record<string, string>
        | Record<string, string>[];
      // location_coordinates.json is an object, not an array (csv-spectrum issue #22), and its phone
      // number is not the one in the CSV (issue #20, open): the CSV's 2095257564 is the right answer.
      const objects = Array.isArray(parsed) ? parsed : [parsed];
      if (name === 'location_coordinates') objects[0]!['Contact Phone Number'] = '2095257564';
      const header = Object.keys(objects[0]!);
      return {
        name,
        bytes: new Uint8Array(readFileSync(path.join(SPECTRUM, 'csvs', f))),
        header,
        records: objects.map((o) => header.map((k) => o[k] ?? '')),
      };
    });
}

const CASES = spectrumCases();

/** Every record accounted for, by the pipeline's counts and against an outside count of records. */
function expectAccounted(prepared: PreparedImport, records: number, label: string): void {
  const c = prepared.counts;
  expect(c.imported + c.warned + c.rejected, `${label}: imported + warned + rejected`).toBe(c.dataRows);
  expect(prepared.rows.length, label).toBe(c.dataRows);
  expect(c.titleRows + c.headerRows + c.dataRows + c.skipped - c.blank, `${label}: title + header + data + skipped`).toBe(records);
  expect(c.fileRows, `${label}: the reader's own independent count`).toBe(records);
  expect(prepared.reconciled, label).toBe(true);
  for (const r of prepared.rows) {
    const rejected = r.issues.some((i) => i.severity === 'reject');
    expect(r.status, `${label} row ${r.rowNumber}`).toBe(rejected ? 'rejected' : r.issues.length ? 'warning' : 'ok');
  }
}

function prepared(analysis: FileAnalysis, label: string): PreparedImport {
  expect(analysis.source.error, label).toBeUndefined();
  const p = prepareDefault(analysis);
  if (!p) throw new Error(`${label}: no import plan`);
  return p;
}

/** The bytes after the first line break (the header line is replaced, nothing else touched). */
function withHeader(bytes: Uint8Array, header: readonly string[]): Uint8Array {
  const end = bytes.findIndex((b) => b === 0x0a || b === 0x0d);
  const head = new TextEncoder().encode(header.join(','));
  const out = new Uint8Array(head.length + bytes.length - end);
  out.set(head);
  out.set(bytes.subarray(end), head.length);
  return out;
}

describe('csv-spectrum: the reader returns exactly the expected cells', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const a = analyzeFile(c.bytes, `${c.name}.csv`);
      expect(a.source.error).toBeUndefined();
      expect(a.source.delimiter).toBe(',');
      const sheet = a.source.sheets[0]!;
      expect(sheet.rows).toEqual([c.header, ...c.records]);
      expect(sheet.independentCount).toBe(c.records.length + 1);
      expect(sheet.quoteRecovered.size).toBe(0);
    });
  }
});

describe('csv-spectrum through the whole pipeline', () => {
  for (const c of CASES) {
    it(`${c.name} as a results file: header renamed, every record a village`, () => {
      const header = c.header.map((_, i) => (i === 0 ? '村(社区)' : i === 1 ? '登记选民数' : `备注${i + 1}`));
      const file = '2021年村委会换届选举.csv';
      const a = analyzeFile(withHeader(c.bytes, header), file);
      const p = prepared(a, c.name);
      expect(p.kind).toBe('results');
      expectAccounted(p, c.records.length + 1, c.name);
      expect(p.rows.map((r) => [...r.cells])).toEqual(c.records);
      for (const [i, r] of p.rows.entries()) {
        const rec = c.records[i]!;
        expect(r.values).toMatchObject({ cycle_year: 2021, body: 'village_committee' });
        expect(r.values.village).toEqual(cleanText(rec[0]) === '' ? null : expect.any(String));
        // Columns the importer does not know are kept as they were, byte for byte.
        for (let j = 2; j < rec.length; j++) if (cleanText(rec[j]) !== '') expect(r.extra[`备注${j + 1}`]).toBe(rec[j]);
        // A value that is no count is a row-level warning, never a lost row.
        const reg = cleanText(rec[1]);
        if (reg !== '' && !/^\d+$/.test(reg)) expect(r.issues.map((x) => x.field)).toContain('registered_voters');
        else if (reg !== '') expect(r.values.registered_voters).toBe(Number(reg));
      }
    });

    it(`${c.name} as a roster: header renamed, every record a member`, () => {
      const header = c.header.map((_, i) => (i === 0 ? '村(社区)' : i === 1 ? '姓名' : `备注${i + 1}`));
      const a = analyzeFile(withHeader(c.bytes, header), '2021年村党支部成员名单.csv');
      const p = prepared(a, c.name);
      expect(p.kind).toBe('members');
      expectAccounted(p, c.records.length + 1, c.name);
      for (const [i, r] of p.rows.entries()) {
        const name = cleanText(c.records[i]![1]);
        expect(r.values).toMatchObject({ cycle_year: 2021, body: 'party_branch', name: name === '' ? null : name });
        if (name === '') expect(r.issues.map((x) => x.code)).toContain('missing_name');
      }
    });

    it(`${c.name}: every cell as the village name of a valid results file`, () => {
      const cells = [...new Set(c.records.flat().concat(c.header))].filter((x) => cleanText(x) !== '');
      const rows: Cell[][] = cells.map((v, i) => [
        '青山县',
        '河东镇',
        v,
        `1399011099${String(i).padStart(2, '0')}`,
        2021,
        '村委会',
        1000,
        800,
        '80.0%',
      ]);
      const text = toCsv([['县', '乡镇', '村', '区划代码', '年份', '组织', '登记选民数', '参加投票人数', '参选率'], ...rows]);
      const p = prepared(analyzeFile(new TextEncoder().encode(text), 'villages.csv'), c.name);
      // Records by construction: the header and one per cell.
      expectAccounted(p, cells.length + 1, c.name);
      expect(p.rows.map((r) => r.cells[2])).toEqual(cells);
      expect(p.rows.every((r) => r.status === 'ok')).toBe(true);
    });
  }
});

// =============================================================================================
// Our own malformed files, built from the six villages of results-utf8.csv
// =============================================================================================

const BASE = readFileSync(path.join(FIXTURES, 'results-utf8.csv'), 'utf8');
const [H, ...D] = BASE.split('\n').filter(Boolean) as [string, ...string[]];
const row = (i: number) => D[i]!;
const swap = (i: number, from: string, to: string) => {
  const r = row(i);
  if (!r.includes(from)) throw new Error(`${from} not in row ${i}`);
  return r.replace(from, to);
};

/**
 * Non-blank records by a plain split on line breaks (CRLF, LF or a lone CR, as Excel reads them):
 * valid for files with no line break inside a quoted cell, which is true of every file below.
 * Blank = nothing but delimiters, white space and control/invisible characters.
 */
function lineCount(text: string): number {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .filter((l) => cleanText(l.replace(/[,;\t]/g, '')) !== '').length;
}

interface Malformed {
  name: string;
  bytes: Uint8Array;
  /** The text, decoded as the file was written, for the line count (default: UTF-8). */
  text?: string;
  check?: (p: PreparedImport, a: FileAnalysis) => void;
}

const villages = (p: PreparedImport) => p.rows.filter((r) => r.status !== 'rejected').map((r) => r.values.village);
const codes = (p: PreparedImport, code: string) => p.rows.filter((r) => r.issues.some((i) => i.code === code)).map((r) => r.rowNumber);
const SIX = ['李家村', '王庄村', '东河村', '张家营村', '前进村', '柳树沟村'];

const MALFORMED: Malformed[] = [
  {
    name: 'unclosed quote on the last line',
    bytes: utf8([H, ...D.slice(0, 5), swap(5, '柳树沟村', '"柳树沟村')].join('\n')),
    check: (p) => {
      expect(codes(p, 'unterminated_quote')).toEqual([7]);
      expect(p.rows[5]!.values.voters_voted).toBe(891);
    },
  },
  {
    name: 'two unclosed quotes in the middle',
    bytes: utf8(`${[H, swap(0, ',1174,', ',"1174,'), row(1), swap(2, '东河村', '"东河村'), ...D.slice(3)].join('\r\n')}\r\n`),
    check: (p) => {
      expect(codes(p, 'unterminated_quote')).toEqual([2, 4]);
      expect(villages(p)).toHaveLength(6);
    },
  },
  {
    name: 'a quote inside an unquoted cell and a quoted cell followed by text',
    bytes: utf8([H, swap(0, '李家村', '李"家村'), swap(1, '王庄村', '"王庄"村'), ...D.slice(2)].join('\n')),
    check: (p) => {
      expect(p.rows[0]!.cells[2]).toBe('李"家村');
      expect(p.rows[1]!.cells[2]).toBe('"王庄"村');
      expect(codes(p, 'unterminated_quote')).toEqual([3]);
    },
  },
  {
    name: 'ragged rows: extra cells, a short row, a one-cell row',
    bytes: utf8([H, `${row(0)},多出来,的格子`, row(1).split(',').slice(0, 6).join(','), '孤零零', ...D.slice(2)].join('\n')),
    check: (p) => {
      expect(codes(p, 'field_count')).toEqual([2]);
      expect(p.rows[0]!.extra).toEqual({ '#19': '多出来', '#20': '的格子' });
      // The short row lost its body column; the one-cell row has no cycle either.
      expect(p.rows.filter((r) => r.status === 'rejected').map((r) => r.rowNumber)).toEqual([3, 4]);
    },
  },
  {
    name: 'an unquoted thousands separator shifts the columns',
    bytes: utf8([H, swap(3, ',3375,', ',3,375,'), ...D.slice(0, 3), ...D.slice(4)].join('\n')),
    check: (p) => expect(codes(p, 'field_count')).toEqual([2]),
  },
  {
    name: 'a stray CR inside an unquoted cell (a line break, as Excel reads it)',
    bytes: utf8([H, swap(0, '李家村', '李\r家村'), ...D.slice(1)].join('\n')),
    check: (p) => {
      expect(p.counts.dataRows).toBe(7);
      expect(villages(p)).toEqual(SIX.slice(1));
    },
  },
  { name: 'CR-only line endings (old Mac)', bytes: utf8(`${[H, ...D].join('\r')}\r`), check: (p) => expect(villages(p)).toEqual(SIX) },
  {
    name: 'mixed CRLF, LF and CR line endings',
    bytes: utf8(`${H}\r\n${row(0)}\n${row(1)}\r${row(2)}\r\n${row(3)}\n${row(4)}\r${row(5)}\r`),
    check: (p) => expect(villages(p)).toEqual(SIX),
  },
  {
    name: 'NUL bytes in a cell and a line of NULs',
    bytes: utf8([H, swap(0, '李家村', '李家\u0000村'), '\u0000,\u0000,', ...D.slice(1)].join('\n')),
    check: (p) => {
      expect(villages(p)).toEqual(SIX);
      expect(p.counts.blank).toBe(1);
    },
  },
  {
    name: 'control characters and a bidi override in names',
    bytes: utf8([H, swap(0, '李家村', '\u0007李家村\u001b[31m'), swap(1, '王庄村', '\u202e王庄村'), ...D.slice(2)].join('\n')),
    check: (p) => expect(villages(p)).toEqual(['李家村[31m', ...SIX.slice(1)]),
  },
  { name: 'only a header', bytes: utf8(`${H}\n`), check: (p) => expect(p.counts.dataRows).toBe(0) },
  { name: 'only a header, with a BOM and CRLF', bytes: utf8(`\uFEFF${H}\r\n`), check: (p) => expect(p.kind).toBe('results') },
  {
    name: 'a header and blank lines',
    bytes: utf8(`${H}\n,,,\n\n  \n\t\n`),
    check: (p) => expect(p.counts).toMatchObject({ dataRows: 0, blank: 4 }),
  },
  {
    name: 'a 1,000,000-character cell and a 100,000-character quoted cell with commas',
    bytes: utf8(
      [H, swap(0, '李家村', `${'李'.repeat(1_000_000)}村`), swap(1, '王庄村', `"${'王,'.repeat(50_000)}"`), ...D.slice(2)].join('\n'),
    ),
    check: (p) => {
      // Read whole and accounted for, but no village is named by so many characters: both rows are
      // rejected as name_too_long, and what they keep of their cells is cut (src/import/limits.ts).
      expect(p.rows.slice(0, 2).map((r) => [r.status, r.issues.map((i) => i.code)])).toEqual([
        ['rejected', ['name_too_long']],
        ['rejected', ['name_too_long']],
      ]);
      expect(p.rows[0]!.issues[0]!.params).toEqual({ length: 1_000_001, limit: MAX_NAME_CHARS });
      expect(p.rows[1]!.issues[0]!.params).toEqual({ length: 100_000, limit: MAX_NAME_CHARS });
      expect(p.rows[1]!.cells[2]).toBe('王,'.repeat(50_000).slice(0, MAX_TEXT_CHARS));
    },
  },
  {
    name: 'BOM twice, and a BOM at the start of a line',
    bytes: utf8(`\uFEFF\uFEFF${[H, `\uFEFF${row(0)}`, ...D.slice(1)].join('\n')}`),
    check: (p) => expect(villages(p)).toEqual(SIX),
  },
  {
    name: 'title, totals, blank and notes rows (skipped, not data)',
    bytes: utf8(['青山县河东镇2021年村委会换届选举统计表,,,', H, ...D, '合计,,,,,,,10287,10160', ',,,', '填表人：张三'].join('\n')),
    check: (p) => expect(p.skipped.map((s) => s.kind)).toEqual(['totals', 'blank', 'notes']),
  },
  {
    name: 'the header repeated in the middle (two sheets pasted together)',
    bytes: utf8([H, ...D.slice(0, 3), H, ...D.slice(3)].join('\n')),
    check: (p) => {
      expect(p.rows.filter((r) => r.status === 'rejected').map((r) => r.rowNumber)).toEqual([5]);
      expect(villages(p)).toEqual(SIX);
    },
  },
  {
    name: 'semicolons, with quoted commas and quoted semicolons',
    bytes: utf8(
      [H, ...D]
        .map((l) => l.replaceAll(',', ';'))
        .join('\n')
        .replace('李家村', '"李家;村"')
        .replace(';1286;', ';"1,286";'),
    ),
    check: (p) => {
      expect(p.rows[0]!.cells[2]).toBe('李家;村');
      expect(p.rows[0]!.values.registered_voters).toBe(1286);
    },
  },
  {
    name: 'tabs, with a quoted tab',
    bytes: utf8(
      [H, ...D]
        .map((l) => l.replaceAll(',', '\t'))
        .join('\n')
        .replace('王庄村', '"王\t庄村"'),
    ),
    check: (p) => {
      expect(p.rows[1]!.cells[2]).toBe('王\t庄村');
      expect(p.rows[1]!.values.village).toBe('王庄村');
    },
  },
  {
    name: 'empty quoted cells and a cell of escaped quotes only',
    bytes: utf8([H, swap(0, ',1302,', ',"",'), swap(1, '王庄村', '""""""'), ...D.slice(2)].join('\n')),
    check: (p) => {
      expect(p.rows[0]!.values.eligible_voters).toBeNull();
      expect(p.rows[1]!.cells[2]).toBe('""');
    },
  },
  {
    name: 'a trailing delimiter on every line',
    bytes: utf8([H, ...D].map((l) => `${l},`).join('\n')),
    check: (p) => expect(p.rows.every((r) => r.status === 'ok')).toBe(true),
  },
  {
    name: 'Unicode line and paragraph separators inside cells (not CSV line breaks)',
    bytes: utf8([H, swap(0, '李家村', '李家\u2028村'), swap(1, '王庄村', '王庄\u2029村'), ...D.slice(2)].join('\n')),
    check: (p) => expect(p.counts.dataRows).toBe(6),
  },
  {
    name: 'GB18030 header and rows, then UTF-8 rows (two exports concatenated)',
    bytes: concat(iconv.encode(`${[H, ...D.slice(0, 3)].join('\r\n')}\r\n`, 'gb18030'), utf8(`${D.slice(3).join('\r\n')}\r\n`)),
    text: `${[H, ...D].join('\r\n')}\r\n`,
    check: (p, a) => {
      // The user is told the encoding is off; the rows decoded right are right, the others never silently clean.
      expect(a.source.encoding).toMatchObject({ chosen: 'gb18030' });
      expect(a.source.encoding!.replacementChars).toBeGreaterThan(0);
      expect(villages(p).slice(0, 3)).toEqual(SIX.slice(0, 3));
      expect(p.rows.slice(3).every((r) => r.status !== 'ok')).toBe(true);
    },
  },
];

describe('our malformed files: each loads or gives row-level errors, every record accounted for', () => {
  for (const m of MALFORMED) {
    // The timeout is the hang guard: a reader that loops on a malformed file fails here.
    it(m.name, { timeout: 20_000 }, () => {
      const a = analyzeFile(m.bytes, 'malformed.csv');
      const p = prepared(a, m.name);
      const text = m.text ?? new TextDecoder().decode(m.bytes);
      expectAccounted(p, lineCount(text), m.name);
      m.check?.(p, a);
    });
  }
});
