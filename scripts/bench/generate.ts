/**
 * The benchmark's data: the sample generator scaled to a province (synthetic counties added),
 * written to bench/tmp/<rows>/ as the sample's three files. The roster is cut to exactly the
 * requested number of member rows. Seeded: the same size gives the same bytes.
 *
 *   npx tsx scripts/bench/generate.ts 1000000
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSample } from '../generate-sample';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH_TMP = path.join(ROOT, 'bench/tmp');

/** Roster rows one synthetic county (10 townships × 20 villages × 4 cycles) adds, about. */
const ROWS_PER_COUNTY = 7700;
const ROSTER = '两委成员花名册.csv';

export interface BenchFiles {
  rows: number;
  dir: string;
  roster: string;
  results: string[];
  /** A township's roster of a new cycle: a small import into the large data. */
  township: string;
}

function cutRoster(bytes: Buffer, rows: number): Buffer {
  // Header line + `rows` data lines; the generator writes CRLF and no quoted line breaks.
  let at = 0;
  for (let n = 0; n <= rows; n++) {
    const next = bytes.indexOf(0x0a, at);
    if (next < 0) return bytes;
    at = next + 1;
  }
  return bytes.subarray(0, at);
}

/**
 * The roster's first township, its rows of the first cycle moved to 2024: what a county adds when one
 * township holds a new election, after a province's data is in (no village × cycle of it is there yet).
 */
function townshipRoster(roster: string): Buffer {
  const head = Buffer.alloc(4 * 1024 * 1024);
  const fd = openSync(roster, 'r');
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const [header, ...lines] = head.subarray(0, n).toString('utf8').split('\r\n');
  const columns = header!.replace(/^\uFEFF/, '').split(',');
  const [township, cycle] = [columns.indexOf('乡镇(街道)'), columns.indexOf('换届年份')];
  const rows = lines.slice(0, -1).map((l) => l.split(','));
  const [first, year] = [rows[0]![township], rows[0]![cycle]];
  const picked = rows
    .filter((r) => r[township] === first && r[cycle] === year)
    .map((r) => r.map((c, i) => (i === cycle ? '2024' : c)).join(','));
  if (township < 0 || cycle < 0 || picked.length === 0) throw new Error(`${roster}: no township and cycle found in its head`);
  return Buffer.from(`${header}\r\n${picked.join('\r\n')}\r\n`, 'utf8');
}

export function benchFiles(rows: number): BenchFiles {
  const dir = path.join(BENCH_TMP, String(rows));
  const roster = path.join(dir, ROSTER);
  const results = [path.join(dir, '村委会换届选举结果.csv'), path.join(dir, '党组织换届选举结果.csv')];
  const township = path.join(dir, '乡镇2024年两委成员花名册.csv');
  const files = { rows, dir, roster, results, township };
  if (existsSync(roster) && results.every(existsSync)) {
    if (!existsSync(township)) writeFileSync(township, townshipRoster(roster));
    return files;
  }
  // Counties differ in size: a few more than the average asks for, and more again if still short.
  let extra = Math.max(0, Math.ceil(((rows - 5400) / ROWS_PER_COUNTY) * 1.03) + 1);
  let sample = generateSample({ extraCounties: extra });
  while (sample.rosterRows < rows) sample = generateSample({ extraCounties: (extra = Math.ceil(extra * 1.05) + 1) });
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of sample.files) writeFileSync(path.join(dir, name), name === ROSTER ? cutRoster(bytes, rows) : bytes);
  writeFileSync(township, townshipRoster(roster));
  return files;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  for (const arg of process.argv.slice(2)) {
    const t = performance.now();
    const f = benchFiles(Number(arg));
    console.log(`${f.roster}: ${(statSync(f.roster).size / 1e6).toFixed(1)} MB (${Math.round(performance.now() - t)} ms)`);
  }
}
