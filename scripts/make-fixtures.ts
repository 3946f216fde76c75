/**
 * Test fixtures for the importer, with literal, hand-chosen contents.
 *
 *   npx tsx scripts/make-fixtures.ts
 *
 * Writes tests/fixtures/ and tests/fixtures/README.md (the expected outcome of every fixture;
 * tests assert those numbers). Deterministic: running twice gives identical bytes.
 * The script checks its own tables (sums, turnouts) before writing anything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR } from './fixtures/common';
import { readme } from './fixtures/readme';
import {
  buildCompletenessWorkbook,
  buildCsvFixtures,
  buildPersonFixtures,
  buildTaoyuanWorkbook,
  buildWorkbooks,
  written,
} from './fixtures/write';

function main(): void {
  buildCsvFixtures();
  buildWorkbooks();
  buildTaoyuanWorkbook();
  buildPersonFixtures();
  buildCompletenessWorkbook();
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, bytes] of written) writeFileSync(join(OUT_DIR, name), bytes);
  writeFileSync(join(OUT_DIR, 'README.md'), readme());
  console.log(`tests/fixtures: ${written.size} fixtures + README.md`);
}

main();
