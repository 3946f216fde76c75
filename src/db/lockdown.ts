import { STAGE_DIR } from './types';

/**
 * Settings applied right after opening: no extension may be fetched (it would reach the
 * network) and, once locked, no query can read or write anything outside the staging folder,
 * so no imported byte can leave the machine whatever a file contains.
 */
export const LOCKDOWN_SQL = [
  'SET autoload_known_extensions=false',
  'SET autoinstall_known_extensions=false',
  // The data lives in a compressed in-memory database: a million roster rows take a tenth of the
  // memory and scan several times faster (inserts cost more). Temporary tables stay plain.
  "ATTACH ':memory:' AS data (COMPRESS)",
  'USE data',
  `SET allowed_directories=['${STAGE_DIR}']`,
  'SET enable_external_access=false',
  'SET lock_configuration=true',
];

/** What another connection to the same engine runs first: the settings above are the engine's, the database in use is the connection's. */
export const FORK_SQL = ['USE data'];
