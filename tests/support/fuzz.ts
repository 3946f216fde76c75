/**
 * Seeded generator of hostile import files for the fuzz tests (tests/unit/fuzz.test.ts and
 * tests/integration/fuzzDb.test.ts): mutations of the real fixtures (byte flips, truncation, inserted
 * quotes / delimiters / line breaks / BOMs / NULs, deletions, re-encoding between UTF-8, GB18030 and
 * UTF-16, mixed encodings, giant cells, header permutations, duplicated rows, totals and notes rows),
 * random grids of election-looking cells, random workbooks and random binary. Same seed, same files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';
import { encode, toCsv, type Cell, type Encoding } from '../../scripts/lib/csv';
import { Rng } from '../../scripts/lib/prng';
import { FIELDS } from '../../src/import/fields';
import { TEXT_ENCODINGS, type TextEncodingId } from '../../src/import/encoding';
import { concatBytes } from '../../src/util/bytes';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export interface FuzzFile {
  index: number;
  name: string;
  bytes: Uint8Array;
  /** How it was made, to reproduce a failure. */
  how: string[];
  /** An encoding the user picked by hand instead of the detected one. */
  encoding?: TextEncodingId;
}

interface Seed {
  name: string;
  bytes: Uint8Array;
}

let seedCache: Seed[] | null = null;

/** Every fixture (text, workbook and binary), the starting points of the mutations. */
export function seeds(): Seed[] {
  seedCache ??= readdirSync(FIXTURES)
    .filter((f) => f !== 'README.md')
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))) }));
  return seedCache;
}

export const utf8 = (s: string) => new TextEncoder().encode(s);

export const concat = concatBytes;

/** A fixture's text, decoded the way it was written (GB18030 when it is not UTF-8 / UTF-16). */
function decodeSeed(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const TOKENS: readonly (string | number[])[] = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\n',
  '\r',
  '\r\n',
  ',"',
  '"\n',
  '",',
  '合计',
  '小计',
  '填表人：',
  '\u2028',
  '\u00a0',
  '　',
  [0xef, 0xbb, 0xbf],
  [0x00],
  [0x00, 0x00],
  [0xff, 0xfe],
  [0x80],
  [0xc3],
  [0xe4, 0xb8],
  [0x81, 0x30],
];

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '"; DROP TABLE results; --',
  "' OR 1=1 --",
  '=HYPERLINK("http://x","点我")',
  '+SUM(1,1)',
  '@cmd',
  '-1+1',
  '{a|b}',
  '{b}',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder typed into a cell is one of the hostile strings
  '${x}',
  '{{year}}',
  '$&',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
];
const PLACES = [
  '李家村',
  '王庄村',
  '东河村',
  '张家营村',
  '李家 村',
  '李家村委会',
  '中共李家村党支部',
  '幸福社区居委会',
  '青山县',
  '河东镇',
  '合计',
  '总计',
  '小计',
  '备注：无',
];
const VALUES = [
  '1286',
  '8,956',
  '８９５６',
  '91.2%',
  '0.912',
  '105%',
  '-5',
  '0',
  '1e5',
  '1.10101E+11',
  '139901101201',
  '2021',
  '2021年',
  '第十二届',
  '二〇二一',
  '村委会',
  '村民委员会',
  '党支部',
  '党总支',
  '居委会',
  '书记',
  '副书记',
  '主任',
  '委员',
  '男',
  '女',
  '1969.04',
  '1969年4月',
  '1969-04-26',
  '45',
  '初中',
  '高中',
  '大专',
  '本科',
  '研究生',
  '汉族',
  '回族',
  '中共党员',
  '群众',
  '是',
  '否',
  '√',
  '×',
  'Y',
  'N',
  'xx',
  '*',
  '—',
  '/',
  '',
  '',
  '',
  ' ',
  '\u3000',
  '#N/A',
  '#DIV/0!',
  'TRUE',
];

function headerWords(rng: Rng): string {
  const f = rng.pick(FIELDS);
  return rng.pick([f.zh, f.en, ...f.aliases, `${f.zh}(人)`, `${f.zh}（票）`, '备注', '序号', '', '??']);
}

function randomCell(rng: Rng): Cell {
  const r = rng.next();
  if (r < 0.45) return rng.pick(VALUES);
  if (r < 0.65) return rng.pick(PLACES);
  if (r < 0.75) return rng.pick(HOSTILE);
  if (r < 0.9) return rng.int(0, 5000);
  // A few random code points, any plane.
  return Array.from({ length: rng.int(1, 6) }, () =>
    String.fromCodePoint(rng.pick([rng.int(0x20, 0x7e), rng.int(0x4e00, 0x9fff), rng.int(0, 0x2fff), rng.int(0x10000, 0x2ffff)])),
  ).join('');
}

function randomGridRows(rng: Rng): Cell[][] {
  const width = rng.int(1, 24);
  const rows: Cell[][] = [];
  if (rng.chance(0.3))
    rows.push([`${rng.pick(['青山县河东镇', 'XX镇', ''])}${rng.int(2008, 2030)}年${rng.pick(['村委会', '村党支部', ''])}换届选举统计表`]);
  rows.push(Array.from({ length: width }, () => headerWords(rng)));
  if (rng.chance(0.15)) rows.push(Array.from({ length: width }, () => (rng.chance(0.5) ? headerWords(rng) : '')));
  const n = rng.int(0, 60);
  for (let i = 0; i < n; i++) {
    const w = rng.chance(0.85) ? width : rng.int(0, width + 4);
    rows.push(Array.from({ length: w }, () => randomCell(rng)));
  }
  return rows;
}

function randomGrid(rng: Rng): { bytes: Uint8Array; how: string } {
  const rows = randomGridRows(rng);
  const delimiter = rng.pick([',', ',', ';', '\t']);
  const eol = rng.pick(['\r\n', '\n', '\r']);
  const enc = rng.pick<Encoding>(['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le-bom', 'utf-16be-bom']);
  // GB18030 cannot hold every code point we may have drawn; iconv substitutes, which is fine.
  return {
    bytes: new Uint8Array(encode(toCsv(rows, { delimiter, eol, finalEol: rng.chance(0.7) }), enc)),
    how: `grid ${rows.length}×${delimiter === '\t' ? 'tab' : delimiter} ${enc}`,
  };
}

function randomWorkbook(rng: Rng): { bytes: Uint8Array; how: string } {
  const wb = XLSX.utils.book_new();
  const sheets = rng.int(1, 3);
  for (let s = 0; s < sheets; s++) {
    const rows = randomGridRows(rng).map((r) =>
      r.map((c) => (c === '' || c === null || c === undefined ? null : typeof c === 'string' && rng.chance(0.1) ? Number(c) || c : c)),
    );
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), `S${s}`);
  }
  const bookType = rng.pick(['xlsx', 'xls'] as const);
  return {
    bytes: new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType }) as Uint8Array),
    how: `workbook ${bookType} ${sheets} sheets`,
  };
}

type Mutation = (bytes: Uint8Array, rng: Rng) => { bytes: Uint8Array; how: string };

const byteMutations: Mutation[] = [
  (b, rng) => {
    const out = b.slice();
    const k = rng.int(1, 8);
    for (let i = 0; i < k && out.length; i++) out[rng.int(0, out.length - 1)] = rng.int(0, 255);
    return { bytes: out, how: `flip ${k}` };
  },
  (b, rng) => {
    const at = rng.int(0, b.length);
    return { bytes: b.slice(0, at), how: `truncate ${at}` };
  },
  (b, rng) => {
    let out = b;
    const k = rng.int(1, 6);
    const what: string[] = [];
    for (let i = 0; i < k; i++) {
      const t = rng.pick(TOKENS);
      const at = rng.int(0, out.length);
      what.push(JSON.stringify(t));
      out = concat(out.subarray(0, at), typeof t === 'string' ? utf8(t) : new Uint8Array(t), out.subarray(at));
    }
    return { bytes: out, how: `insert ${what.join(' ')}` };
  },
  (b, rng) => {
    const from = rng.int(0, b.length);
    const to = Math.min(b.length, from + rng.int(1, 200));
    return { bytes: concat(b.subarray(0, from), b.subarray(to)), how: `delete ${from}-${to}` };
  },
];

/** Text-level mutations: the fixture decoded, changed as a person or a tool would, re-encoded. */
type TextMutation = (lines: string[], rng: Rng) => { lines: string[]; how: string };

const splitCells = (line: string, d: string) => line.split(d);
const delimiterOf = (lines: readonly string[]) =>
  lines.some((l) => l.includes('\t')) ? '\t' : lines.filter((l) => l.includes(';')).length > lines.length / 2 ? ';' : ',';

const textMutations: TextMutation[] = [
  (lines, rng) => {
    // Header permuted alone (columns no longer match) or with every row (still a valid file).
    const d = delimiterOf(lines);
    const h = lines.findIndex((l) => splitCells(l, d).filter(Boolean).length > 2);
    if (h < 0) return { lines, how: 'permute (no header)' };
    const width = splitCells(lines[h]!, d).length;
    const order = rng.shuffle(Array.from({ length: width }, (_, i) => i));
    const all = rng.chance(0.6);
    return {
      lines: lines.map((l, i) => {
        if (i !== h && !(all && i > h && !l.includes('"'))) return l;
        // Split once: after a giant cell of delimiters a line has ~10⁵ cells.
        const cells = splitCells(l, d);
        return order.map((j) => cells[j] ?? '').join(d);
      }),
      how: `permute header${all ? ' and rows' : ''}`,
    };
  },
  (lines, rng) => {
    const out = lines.slice();
    const k = rng.int(1, 4);
    for (let i = 0; i < k && out.length > 1; i++) {
      const src = rng.int(1, out.length - 1);
      out.splice(rng.int(1, out.length), 0, ...Array.from({ length: rng.int(1, 3) }, () => out[src]!));
    }
    return { lines: out, how: `duplicate rows ×${k}` };
  },
  (lines, rng) => {
    const out = lines.slice();
    const d = delimiterOf(lines);
    // Capped: a giant cell of delimiters would make a totals row of 10⁵ columns.
    const width = Math.min(
      64,
      lines.reduce((w, l) => Math.max(w, splitCells(l, d).length), 0),
    );
    const k = rng.int(1, 3);
    for (let i = 0; i < k; i++) {
      const label = rng.pick(['合计', '总计', '小计', '全镇合计', 'Total', '填表人：张三', '备注：以上数据截至5月', '注：', '']);
      const cells = [label, ...Array.from({ length: width - 1 }, () => (rng.chance(0.6) ? String(rng.int(0, 20000)) : ''))];
      if (rng.chance(0.3)) cells.reverse();
      out.splice(rng.int(1, out.length), 0, cells.join(d));
    }
    return { lines: out, how: `totals/notes rows ×${k}` };
  },
  (lines, rng) => {
    // A giant cell: 50k–400k characters, sometimes quoted with delimiters and line breaks inside.
    const out = lines.slice();
    const i = rng.int(0, out.length - 1);
    const n = rng.int(50_000, 400_000);
    const unit = rng.pick(['村', 'a', '王,', '"', '\t', '李 ']);
    let cell = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    if (rng.chance(0.5)) cell = `"${cell.replaceAll('"', '""')}\n${cell.slice(0, 100)}"`;
    const d = delimiterOf(lines);
    const cells = splitCells(out[i] ?? '', d);
    cells[rng.int(0, Math.max(0, cells.length - 1))] = cell;
    out[i] = cells.join(d);
    return { lines: out, how: `giant cell ${n} "${unit}" on line ${i + 1}` };
  },
  (lines, rng) => {
    // The header made wider than any sheet (up to thousands of columns), or one of its names doubled.
    const d = delimiterOf(lines);
    const h = lines.findIndex((l) => splitCells(l, d).filter(Boolean).length > 2);
    if (h < 0) return { lines, how: 'widen header (no header)' };
    const out = lines.slice();
    const cells = splitCells(out[h]!, d);
    if (rng.chance(0.5)) {
      const n = rng.int(200, 5000);
      out[h] = [...cells, ...Array.from({ length: n }, (_, k) => `列${k}`)].join(d);
      return { lines: out, how: `header widened by ${n} columns` };
    }
    const k = rng.int(0, cells.length - 1);
    out[h] = [...cells, cells[k] ?? ''].join(d);
    return { lines: out, how: `header name ${JSON.stringify(cells[k] ?? '')} doubled` };
  },
  (lines) => {
    // Only what stands above the data: title and header rows, no data row.
    const d = delimiterOf(lines);
    const h = lines.findIndex((l) => splitCells(l, d).filter(Boolean).length > 2);
    return { lines: lines.slice(0, h + 1), how: 'header only' };
  },
  (lines, rng) => {
    const out = lines.slice();
    const i = rng.int(0, out.length - 1);
    const d = delimiterOf(lines);
    const cells = splitCells(out[i] ?? '', d);
    const h = rng.pick(HOSTILE);
    cells[rng.int(0, Math.max(0, cells.length - 1))] = h.includes(d) || h.includes('"') ? `"${h.replaceAll('"', '""')}"` : h;
    out[i] = cells.join(d);
    return { lines: out, how: `hostile cell ${JSON.stringify(h)} on line ${i + 1}` };
  },
];

function textMutate(bytes: Uint8Array, rng: Rng): { bytes: Uint8Array; how: string } {
  const text = decodeSeed(bytes).replace(/^\uFEFF/, '');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let lines = text.split(/\r\n|\n/);
  const how: string[] = [];
  for (let i = rng.int(1, 2); i > 0; i--) {
    const m = rng.pick(textMutations)(lines, rng);
    lines = m.lines;
    how.push(m.how);
  }
  const enc = rng.pick<Encoding>(['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le-bom']);
  return { bytes: new Uint8Array(encode(lines.join(eol), enc)), how: `${how.join(', ')} → ${enc}` };
}

function reencode(bytes: Uint8Array, rng: Rng): { bytes: Uint8Array; how: string } {
  const text = decodeSeed(bytes);
  const to = rng.pick(['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'big5'] as const);
  if (to === 'utf-16le')
    return { bytes: new Uint8Array(iconv.encode(text.replace(/^\uFEFF/, ''), 'utf16-le')), how: 'reencode utf-16le, no BOM' };
  if (to === 'big5') return { bytes: new Uint8Array(iconv.encode(text, 'big5')), how: 'reencode big5' };
  return { bytes: new Uint8Array(encode(text.replace(/^\uFEFF/, ''), to)), how: `reencode ${to}` };
}

function mixEncodings(bytes: Uint8Array, rng: Rng): { bytes: Uint8Array; how: string } {
  const lines = decodeSeed(bytes)
    .replace(/^\uFEFF/, '')
    .split(/(?<=\n)/);
  const parts = lines.map((l) => (rng.chance(0.5) ? utf8(l) : new Uint8Array(iconv.encode(l, 'gb18030'))));
  return { bytes: concat(...parts), how: 'mixed UTF-8 / GB18030 lines' };
}

function randomBinary(rng: Rng): { bytes: Uint8Array; how: string } {
  const n = rng.int(0, 4096);
  const body = Uint8Array.from({ length: n }, () => rng.int(0, 255));
  const magic = rng.pick([
    [],
    [0x50, 0x4b, 0x03, 0x04],
    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    [0x89, 0x50, 0x4e, 0x47],
    [0xef, 0xbb, 0xbf],
    [0xff, 0xfe],
  ]);
  return { bytes: concat(new Uint8Array(magic), body), how: `random binary ${n} after ${JSON.stringify(magic)}` };
}

const isText = (name: string) => !/\.(xlsx|xls)$/.test(name) && name !== 'not-a-table.csv';

/** `count` files from `seed`; file i is the same on every run. */
export function* fuzzFiles(seed: number, count: number): Generator<FuzzFile> {
  const rng = new Rng(seed);
  const all = seeds();
  const text = all.filter((s) => isText(s.name) && s.bytes.length > 0);
  for (let index = 0; index < count; index++) {
    const r = rng.next();
    const how: string[] = [];
    let name = 'fuzz.csv';
    let bytes: Uint8Array;
    if (r < 0.35) {
      const s = rng.pick(all);
      name = s.name;
      bytes = s.bytes;
      how.push(s.name);
      for (let k = rng.int(1, 3); k > 0; k--) {
        const m = rng.pick(byteMutations)(bytes, rng);
        bytes = m.bytes;
        how.push(m.how);
      }
    } else if (r < 0.55) {
      const s = rng.pick(text);
      name = s.name;
      const m = textMutate(s.bytes, rng);
      bytes = m.bytes;
      how.push(s.name, m.how);
    } else if (r < 0.65) {
      const s = rng.pick(text);
      const m = reencode(s.bytes, rng);
      bytes = m.bytes;
      how.push(s.name, m.how);
      if (rng.chance(0.3)) {
        const b = rng.pick(byteMutations)(bytes, rng);
        bytes = b.bytes;
        how.push(b.how);
      }
    } else if (r < 0.7) {
      const s = rng.pick(text);
      const m = mixEncodings(s.bytes, rng);
      bytes = m.bytes;
      how.push(s.name, m.how);
    } else if (r < 0.88) {
      const g = randomGrid(rng);
      bytes = g.bytes;
      how.push(g.how);
    } else if (r < 0.93) {
      const w = randomWorkbook(rng);
      bytes = w.bytes;
      name = rng.chance(0.8) ? 'fuzz.xlsx' : 'fuzz.csv';
      how.push(w.how);
    } else if (r < 0.99) {
      const b = randomBinary(rng);
      bytes = b.bytes;
      name = rng.pick(['fuzz.csv', 'fuzz.xlsx', 'fuzz.txt']);
      how.push(b.how);
    } else {
      // A zip bomb: sheet XML of tens of megabytes deflated to tens of kilobytes.
      const mb = rng.int(25, 60);
      bytes = zipSync(
        { '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(mb * 1024 ** 2).fill(0x20) },
        { level: 9 },
      );
      name = 'fuzz.xlsx';
      how.push(`zip bomb ${mb} MB`);
    }
    const encoding = rng.chance(0.1) ? rng.pick(TEXT_ENCODINGS).id : undefined;
    if (encoding) how.push(`read as ${encoding}`);
    yield { index, name, bytes, how, ...(encoding ? { encoding } : {}) };
  }
}
