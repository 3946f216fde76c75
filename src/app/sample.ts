import type { Db } from '../db/types';
import { analyzeFile, prepareDefault } from '../import/pipeline';
import { importPrepared } from './importer';

// The generated sample in data/sample/, served as static assets of the build.
const SAMPLE_URLS = import.meta.glob('../../data/sample/*.csv', { query: '?url', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** Imports the bundled sample through the same pipeline as a user's files. */
export async function loadSample(db: Db): Promise<void> {
  for (const [path, url] of Object.entries(SAMPLE_URLS).sort()) {
    const fileName = path.split('/').pop() ?? path;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${fileName}: HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const analysis = analyzeFile(bytes, fileName);
    const prepared = prepareDefault(analysis);
    if (!prepared) throw new Error(`${fileName}: not recognised`);
    await importPrepared(
      db,
      prepared,
      { fileName, sheetName: null, encoding: analysis.source.encoding?.chosen ?? null, isSample: true },
      async () => 'keep',
    );
  }
}
