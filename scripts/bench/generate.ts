/**
 * The benchmark's data: the sample generator scaled to a province (synthetic counties added),
 * written to bench/tmp/<rows>/ as the sample's three files. The roster is cut to exactly the
 * requested number of member rows. Seeded: the same size gives the same bytes.
 *
 *   npx tsx scripts/bench/generate.ts 1000000
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
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

export function benchFiles(rows: number): BenchFiles {
  const dir = path.join(BENCH_TMP, String(rows));
  const roster = path.join(dir, ROSTER);
  const results = [path.join(dir, '村委会换届选举结果.csv'), path.join(dir, '党组织换届选举结果.csv')];
  if (existsSync(roster) && results.every(existsSync)) return { rows, dir, roster, results };
  // Counties differ in size: a few more than the average asks for, and more again if still short.
  let extra = Math.max(0, Math.ceil(((rows - 5400) / ROWS_PER_COUNTY) * 1.03) + 1);
  let sample = generateSample({ extraCounties: extra });
  while (sample.rosterRows < rows) sample = generateSample({ extraCounties: (extra = Math.ceil(extra * 1.05) + 1) });
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of sample.files) writeFileSync(path.join(dir, name), name === ROSTER ? cutRoster(bytes, rows) : bytes);
  return { rows, dir, roster, results };
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  for (const arg of process.argv.slice(2)) {
    const t = performance.now();
    const f = benchFiles(Number(arg));
    console.log(`${f.roster}: ${(statSync(f.roster).size / 1e6).toFixed(1)} MB (${Math.round(performance.now() - t)} ms)`);
  }
}
