import type { Db } from '../db/types';
import { importBatch, stageFile } from './importer';
import { importWorker } from './importWorker';

// The generated sample in data/sample/, served as static assets of the build.
const SAMPLE_URLS = import.meta.glob('../../data/sample/*.csv', { query: '?url', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** Imports the bundled sample through the same pipeline (and worker) as a user's files. */
export async function loadSample(db: Db): Promise<void> {
  const items = await Promise.all(
    Object.entries(SAMPLE_URLS)
      .sort()
      .map(async ([path, url]) => {
        const fileName = path.split('/').pop() ?? path;
        const res = await fetch(url);
        if (!res.ok) throw new Error(`${fileName}: HTTP ${res.status}`);
        const opened = await importWorker.open(await res.blob(), fileName);
        const plan = opened.analysis.sheets[opened.analysis.sheetIndex];
        if (!plan?.kind) throw new Error(`${fileName}: not recognised`);
        return {
          stage: (target: Db) => stageFile(target, opened.handle, { sheetIndex: plan.sheetIndex, kind: plan.kind!, columns: plan.columns, context: plan.inferred }),
          meta: { fileName, sheetName: null, encoding: opened.analysis.source.encoding?.chosen ?? null, isSample: true },
          handle: opened.handle,
        };
      }),
  );
  try {
    const out = await importBatch(db, items, { ask: async () => 'keep' });
    if (out.cancelled || out.items.some((i) => i.importId === null)) throw new Error('sample not imported');
  } finally {
    for (const i of items) importWorker.close(i.handle);
  }
}
