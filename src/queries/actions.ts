/**
 * What the views ask the engine to do besides reading figures: drop a checked file's staged rows,
 * read the rejected rows for a download, choose which source counts where a roster and a table
 * overlap. The views call these, never src/db.
 */
export { discardStaged } from '../db/load';
export { rejectedRows } from '../db/queries';
export { setSourceChoice } from '../db/sources';
