import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { replaceColumns } from '../../scripts/lib/readmeColumns';

it('README lists exactly the columns the importer accepts (run `npm run readme` after changing fields.ts)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(replaceColumns(readme)).toBe(readme);
});
