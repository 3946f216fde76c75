import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { replaceSections } from '../../scripts/lib/readmeSections';

it('README lists exactly the columns and indicators the code defines (run `npm run readme` after changing them)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(replaceSections(readme)).toBe(readme);
});
