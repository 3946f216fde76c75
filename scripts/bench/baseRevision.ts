/**
 * A git revision's count-table build, to run beside the working tree's on the same data: its whole
 * src/ unpacked beside the benchmark's data, so that its stats.ts builds with its own
 * personCounts.ts, personLinks.ts … (taking stats.ts alone mixed the base's statements with this
 * tree's counts), and its views over the data (members_counted …), which the statements read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '../../src/db/types';
import { BENCH_TMP } from './generate';

export async function baseStatements(rev: string): Promise<{ sqls: readonly string[]; views: (db: Db) => Promise<void> }> {
  const root = path.resolve(import.meta.dirname, '../..');
  const dir = path.join(BENCH_TMP, 'counts', rev.replace(/[^\w.-]/g, '_'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', 'git archive "$1" src | tar -x -C "$2"', 'sh', rev, dir], { cwd: root });
  const load = async <T>(f: string) => (await import(pathToFileURL(path.join(dir, f)).href)) as T;
  return {
    sqls: (await load<{ STATS_SQL: readonly string[] }>('src/db/stats.ts')).STATS_SQL,
    views: (await load<{ rebuildViews: (db: Db) => Promise<void> }>('src/db/schema.ts')).rebuildViews,
  };
}
