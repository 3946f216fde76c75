/**
 * Regenerates the generated sections of the documentation — the accepted columns in
 * docs/columns.md, the indicators and rule checks in docs/indicators.md — from the code's
 * catalogues: `npm run docs` (or its alias `npm run readme`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { GENERATED_DOCS, replaceSections } from './lib/readmeSections';

for (const [file, names] of Object.entries(GENERATED_DOCS)) {
  const path = new URL(`../${file}`, import.meta.url);
  const before = readFileSync(path, 'utf8');
  const after = replaceSections(before, names, file);
  if (after !== before) writeFileSync(path, after);
  console.log(`${file} ${after === before ? 'up to date' : 'updated'}`);
}
