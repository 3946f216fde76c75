/**
 * The keyed hash an ID number is stored as (column `id_hash`), so that one person's rows can be
 * linked across rosters without the number being kept: HMAC-SHA-256 of the 18-character number
 * under the office's key (@noble/hashes: the row normaliser is synchronous and runs in a worker,
 * where WebCrypto's digest is asynchronous).
 *
 * The key is made once per office and saved with its data (app_settings, src/db/idKey.ts); the
 * importer sets it here before a file's rows. A hash is stored as `<key id>:<64 hex digits>`: the
 * key id (derived from the key, revealing nothing of it) tells which hashes can be compared —
 * rows hashed under another office's key (a restored backup of another office, a township's
 * package) are matched by name, village and birth month instead (src/db/personLinks.ts).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

let base: ReturnType<typeof hmac.create> | null = null;
let keyId = '';

/** The id of a key as stored before each hash: 8 hex digits of an HMAC of a fixed text under it. */
export function idKeyId(key: Uint8Array): string {
  return bytesToHex(hmac(sha256, key, utf8ToBytes('村选看板 ID key id'))).slice(0, 8);
}

/** The office's key (at least 16 bytes); hashes made under another key do not match. */
export function setIdHashKey(key: Uint8Array): void {
  if (key.length < 16) throw new Error('ID hash key must be at least 16 bytes');
  base = hmac.create(sha256, key);
  keyId = idKeyId(key);
}

/**
 * HMAC-SHA-256 of an 18-character ID number under the office's key, as `<key id>:<64 hex>`. Before
 * a key is set (a file read outside the importer) a random one is made for this JavaScript realm:
 * its hashes link rows of this session only.
 */
export function idHash(full: string): string {
  if (!base) setIdHashKey(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  return `${keyId}:${bytesToHex(base!.clone().update(utf8ToBytes(full)).digest())}`;
}
