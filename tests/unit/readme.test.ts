import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_DOCS, replaceSections } from '../../scripts/lib/readmeSections';

const ROOT = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, ROOT), 'utf8');

describe('generated documentation', () => {
  it.each(Object.entries(GENERATED_DOCS))(
    '%s lists exactly what the code defines (run `npm run docs` after changing it)',
    (file, sections) => {
      const text = read(file);
      expect(replaceSections(text, sections, file)).toBe(text);
    },
  );
});

describe('README', () => {
  const readme = read('README.md');

  it('stays a page for users: at most 15,000 bytes, the rest in docs/', () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(15_000);
  });

  it('names the two commands a new user needs', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('links every file of docs/', () => {
    for (const f of readdirSync(new URL('docs/', ROOT)).filter((f) => f.endsWith('.md'))) expect(readme, f).toContain(`](docs/${f}`);
  });
});

it('README and docs/ link only to files that exist', () => {
  const files = [
    'README.md',
    'bench/HISTORY.md',
    ...readdirSync(new URL('docs/', ROOT))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  for (const file of files) {
    for (const [, target] of read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      expect(existsSync(new URL(target!, new URL(file, ROOT))), `${file} → ${target}`).toBe(true);
    }
  }
});
