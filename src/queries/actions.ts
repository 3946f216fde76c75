/**
 * What the views ask the engine to do besides reading figures: drop a checked file's staged rows,
 * read the rejected rows for a download, choose which source counts where a roster and a table
 * overlap, keep the office's settings. The views call these, never src/db.
 */
import { setSetting } from '../db/savedTables';
import type { Db } from '../db/types';
import type { Persistence } from '../store/persistence';

export { discardStaged } from '../db/load';
export { rejectedRows } from '../db/queries';
export { setSourceChoice } from '../db/sources';

/** Sets office settings and saves them with the data in one write (src/db/savedTables.ts). */
export async function saveSettings(db: Db, persistence: Persistence, settings: Readonly<Record<string, string>>): Promise<void> {
  const entries = Object.entries(settings);
  if (entries.length === 0) return;
  for (const [key, value] of entries) await setSetting(db, key, value);
  await persistence.saveTables(['app_settings']);
}
