/**
 * Where saved data lives: a flat set of named files in the browser's Origin Private File System,
 * or IndexedDB where OPFS is missing, or (last resort) memory only — and the app says which.
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { collectParts, concatBytes } from '../util/bytes';
import { canWriteParts, writeInWorker, writePartInWorker } from './writer/writerClient';

export type StoreKind = 'opfs' | 'indexeddb' | 'memory';

export interface FileStore {
  kind: StoreKind;
  read(name: string): Promise<Uint8Array | null>;
  /**
   * Replaces the file whole with the bytes (or their parts, in order); a failed write leaves the
   * previous content. The bytes are the store's from then on (OPFS hands their buffers to a
   * worker): the caller does not read them again.
   */
  write(name: string, bytes: Uint8Array | readonly Uint8Array[]): Promise<void>;
  /**
   * Writes a file from parts made one at a time (a large table dumped chunk by chunk), the next part
   * made while the one before is written; as `write`, each part is the store's once handed over. A
   * failed write may leave part of the file: the caller refers to it only once this resolves.
   */
  writeParts(name: string, parts: AsyncIterable<Uint8Array>): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<string[]>;
}

/** A write refused because the browser's storage quota is used up. */
export class QuotaError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'QuotaError';
  }
}

function isQuota(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
}

/** A file's bytes in one piece (a store that keeps values whole; IndexedDB copies what it is given). */
const whole = (b: Uint8Array | readonly Uint8Array[]): Uint8Array => (b instanceof Uint8Array ? b : concatBytes(...b));

export function memoryStore(initial?: ReadonlyMap<string, Uint8Array>): FileStore {
  const files = new Map(initial);
  return {
    kind: 'memory',
    read: async (n) => files.get(n) ?? null,
    // A copy, as IndexedDB keeps: what the caller does with its bytes afterwards changes nothing here.
    write: async (n, b) => void files.set(n, b instanceof Uint8Array ? b.slice() : concatBytes(...b)),
    writeParts: async (n, parts) => void files.set(n, concatBytes(...(await collectParts(parts)))),
    remove: async (n) => void files.delete(n),
    list: async () => [...files.keys()],
  };
}

const DIR = 'cunxuan-data';
/**
 * Below this a file's first part is held until the next is made, to see whether it is the only one
 * (writeParts): a saved import's chunk of 50,000 roster rows is some 13 MB, its rejected rows or a
 * county's results far less.
 */
const SMALL_PART = 4 * 1024 ** 2;

async function opfsStore(): Promise<FileStore> {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(DIR, { create: true });
  const store: FileStore = {
    kind: 'opfs',
    async read(name) {
      try {
        const file = await (await dir.getFileHandle(name)).getFile();
        return new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        if (e instanceof DOMException && e.name === 'NotFoundError') return null;
        throw e;
      }
    },
    async write(name, bytes) {
      const parts = bytes instanceof Uint8Array ? [bytes] : bytes;
      try {
        // In a worker of its own, closed once written: the bytes leave the tab with it.
        if (await writeInWorker(DIR, name, parts)) return;
      } catch (e) {
        throw isQuota(e) ? new QuotaError(e) : e;
      }
      // createWritable writes to a swap file that replaces the original only on close().
      const handle = await dir.getFileHandle(name, { create: true });
      const w = await handle.createWritable();
      try {
        // Part by part: a million rows are never copied into one buffer to be written.
        for (const part of parts) await w.write(part as Uint8Array<ArrayBuffer>);
        await w.close();
      } catch (e) {
        await w.abort().catch(() => undefined);
        throw isQuota(e) ? new QuotaError(e) : e;
      }
    },
    async writeParts(name, parts) {
      if (!(await canWriteParts())) return store.write(name, await collectParts(parts));
      const next = parts[Symbol.asyncIterator]();
      // A small file of one part goes to the worker that writes whole files, kept for the run of a
      // save: a province's merge saves hundreds of small imports, and with a worker started for
      // each of their files (some 40 ms apiece) a hundred county packages took 67 s to merge, 53 s
      // without (docs/performance.md, "Merging submission packages").
      const head = await next.next();
      if (head.done) return store.write(name, []);
      let pending: IteratorResult<Uint8Array> | null = null;
      if (head.value.length < SMALL_PART) {
        pending = await next.next();
        if (pending.done) return store.write(name, [head.value]);
      }
      // Each part by a worker of its own, closed once it is written, while the next part is made:
      // the tab never holds more than two parts, and none of them once written.
      let at = 0;
      let first = true;
      let writing: Promise<void> = Promise.resolve();
      const write = async (part: Uint8Array) => {
        await writing;
        writing = writePartInWorker(DIR, name, part, at, first);
        at += part.length;
        first = false;
      };
      try {
        await write(head.value);
        if (pending) await write(pending.value);
        for (let r = await next.next(); !r.done; r = await next.next()) await write(r.value);
        await writing;
      } catch (e) {
        await writing.catch(() => undefined);
        await next.return?.();
        throw isQuota(e) ? new QuotaError(e) : e;
      }
    },
    async remove(name) {
      await dir.removeEntry(name).catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'NotFoundError')) throw e;
      });
    },
    async list() {
      const names: string[] = [];
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
      return names;
    },
  };
  // Some browsers expose OPFS without createWritable on the main thread (older Safari): probe.
  await store.write('.probe', new Uint8Array([1]));
  await store.remove('.probe');
  return store;
}

function idbStore(): FileStore {
  const db: UseStore = createStore('cunxuan-data', 'files');
  return {
    kind: 'indexeddb',
    read: async (n) => (await get<Uint8Array>(n, db)) ?? null,
    async write(n, b) {
      try {
        await set(n, whole(b), db);
      } catch (e) {
        throw isQuota(e) ? new QuotaError(e) : e;
      }
    },
    async writeParts(n, parts) {
      await this.write(n, await collectParts(parts));
    },
    remove: (n) => del(n, db),
    list: async () => (await keys(db)).map(String),
  };
}

async function idbWorks(store: FileStore): Promise<boolean> {
  try {
    await store.write('.probe', new Uint8Array([1]));
    await store.remove('.probe');
    return true;
  } catch {
    return false;
  }
}

/** The best store this browser offers: OPFS, then IndexedDB, then memory (nothing survives a reload). */
export async function openFileStore(prefer?: StoreKind): Promise<FileStore> {
  if (
    prefer !== 'indexeddb' &&
    prefer !== 'memory' &&
    typeof navigator !== 'undefined' &&
    navigator.storage !== undefined &&
    'getDirectory' in navigator.storage
  ) {
    try {
      return await opfsStore();
    } catch {
      // Fall through to IndexedDB.
    }
  }
  if (prefer !== 'memory' && typeof indexedDB !== 'undefined') {
    const store = idbStore();
    if (await idbWorks(store)) return store;
  }
  return memoryStore();
}
