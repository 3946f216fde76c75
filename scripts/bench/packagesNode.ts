/**
 * Where a merge of N county packages spends its time, in DuckDB's Node build (no browser, no
 * dashboard): opening and checking, the merge (staging, commit, count tables) and the save into
 * an in-memory store. The packages are bench/tmp/packages-N/ (scripts/bench/packages.ts makes them).
 *
 *   npx tsx scripts/bench/packagesNode.ts 20
 */
import { readFileSync } from 'node:fs';
import { importPackages } from '../../src/app/packageImporter';
import { openNodeDb } from '../../src/db/nodeDb';
import { ensureSchema } from '../../src/db/schema';
import type { Db } from '../../src/db/types';
import { memoryStore } from '../../src/store/fileStore';
import { openPackage } from '../../src/store/package/format';
import { Persistence } from '../../src/store/persistence';
import { packageFiles } from './packages';

const counties = Number(process.argv[2] ?? 20);
const files = await packageFiles(counties);
const engine = await openNodeDb();
await ensureSchema(engine);
// Every statement timed, by its first words (stage names folded), to say where the time goes.
const spent = new Map<string, { n: number; ms: number }>();
const db = new Proxy(engine, {
  get(target, name: keyof Db) {
    const f = target[name];
    if (typeof f !== 'function') return f;
    return async (...a: unknown[]) => {
      const t = performance.now();
      try {
        return await (f as (...x: unknown[]) => Promise<unknown>).apply(target, a);
      } finally {
        const key = `${String(name)} ${
          typeof a[0] === 'string'
            ? a[0]
                .replace(/\s+/g, ' ')
                .replace(/stage_\w+|i\d+_\w+|\d+/g, '#')
                .slice(0, 70)
            : ''
        }`;
        const e = spent.get(key) ?? { n: 0, ms: 0 };
        spent.set(key, { n: e.n + 1, ms: e.ms + performance.now() - t });
      }
    };
  },
}) as Db;
const persistence = await Persistence.open(db, memoryStore(), { readOnly: false });
console.log('opening');
const t0 = performance.now();
const opened = await Promise.all(files.packages.map((f) => openPackage(new Uint8Array(readFileSync(f)), f)));
const t1 = performance.now();
const out = await importPackages(db, opened, { ask: async () => 'keep', persistence });
const t2 = performance.now();
const [s] = await db.query<{ p: number; v: number }>(
  'SELECT (SELECT count(*)::INTEGER FROM stat_people) AS p, (SELECT count(*)::INTEGER FROM stat_villages) AS v',
);
console.log(
  `${opened.length} packages: checked ${Math.round(t1 - t0)} ms, merged+saved+counted ${Math.round(t2 - t1)} ms; ` +
    `${out.packages.flatMap((p) => p.importIds).length} imports, stat_people ${s?.p}, stat_villages ${s?.v}`,
);
for (const [k, v] of [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`${Math.round(v.ms)}\t${v.n}\t${k}`);
await db.close();
// The store's BroadcastChannel would keep Node running.
process.exit(0);
