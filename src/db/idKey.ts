/**
 * The office's key for hashing ID numbers (src/import/idHash.ts): made once, at random, the first
 * time it is needed, and kept in app_settings — saved with the data, restored with it and carried
 * in backups (src/db/savedTables.ts) — so that rosters imported in later sessions link to earlier
 * ones. Restoring another office's backup brings its key with its data; rows hashed under any
 * other key are matched by name, village and birth month instead (docs/domain.md).
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { idKeyId } from '../import/idHash';
import { getSetting, setSetting } from './savedTables';
import type { Db } from './types';

export const ID_KEY_SETTING = 'id_hash_key';

/** Engines whose key was made since it was last saved. */
const unsaved = new WeakSet<Db>();

const parse = (hex: string | null): Uint8Array | null => {
  if (!hex || !/^[0-9a-f]{64}$/.test(hex)) return null;
  return hexToBytes(hex);
};

/** The office's key, made and set now if there is none (the caller saves app_settings: idKeyUnsaved). */
export async function officeIdKey(db: Db): Promise<Uint8Array> {
  const have = parse(await getSetting(db, ID_KEY_SETTING));
  if (have) return have;
  const key = globalThis.crypto.getRandomValues(new Uint8Array(32));
  await setSetting(db, ID_KEY_SETTING, bytesToHex(key));
  unsaved.add(db);
  return key;
}

/** The office's key as hex for the import worker. */
export async function officeIdKeyHex(db: Db): Promise<string> {
  return bytesToHex(await officeIdKey(db));
}

/** The id stored before each of this office's hashes, or null when it has no key yet. */
export async function officeIdKeyId(db: Db): Promise<string | null> {
  const key = parse(await getSetting(db, ID_KEY_SETTING));
  return key ? idKeyId(key) : null;
}

/** Whether a key was made since app_settings was last saved; forgets it (the caller saves now). */
export function takeIdKeyUnsaved(db: Db): boolean {
  const was = unsaved.has(db);
  unsaved.delete(db);
  return was;
}
