/**
 * The keyed hash an ID number is stored as (column `id_hash`), so that one person's rows can be
 * linked across rosters without the number being kept: HMAC-SHA-256 of the 18-character number
 * under a key of this installation (@noble/hashes: the row normaliser is synchronous and runs in
 * a worker, where WebCrypto's digest is asynchronous).
 *
 * The key is module state: setIdHashKey sets it (the importer, before a file's rows). Until then
 * a random key is made once per JavaScript realm (the import worker), so hashes agree within a
 * session but not across reloads. To link persons across sessions a later step must make a random
 * key once, save it with the data (and in backups), and pass it to the worker before each import.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

let base: ReturnType<typeof hmac.create> | null = null;

/** The installation's key (at least 16 bytes); hashes made under another key do not match. */
export function setIdHashKey(key: Uint8Array): void {
  if (key.length < 16) throw new Error('ID hash key must be at least 16 bytes');
  base = hmac.create(sha256, key);
}

/** HMAC-SHA-256 of an 18-character ID number under the installation's key, as 64 hex digits. */
export function idHash(full: string): string {
  if (!base) setIdHashKey(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  return bytesToHex(base!.clone().update(utf8ToBytes(full)).digest());
}
