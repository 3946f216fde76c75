/**
 * Writes the bundled sample as the app loads it (scripts/lib/sampleDataset.ts) into a folder:
 *
 *   npx tsx scripts/build-sample.ts <out-dir>
 *
 * Run by the build (vite.config.ts), which emits the files as `sample/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSampleDataset } from './lib/sampleDataset';

const out = process.argv[2];
if (!out) throw new Error('usage: build-sample.ts <out-dir>');
mkdirSync(out, { recursive: true });
for (const [name, bytes] of await buildSampleDataset()) writeFileSync(path.join(out, name), bytes);
