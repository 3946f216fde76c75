/** Regenerates the generated sections of README.md from the code's catalogues. */
import { readFileSync, writeFileSync } from 'node:fs';
import { replaceSections } from './lib/readmeSections';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, replaceSections(readFileSync(path, 'utf8')));
console.log('README.md updated');
