/**
 * One tab writes, the others read: the saved files are rewritten on every import, and two tabs
 * doing that at once would each lose the other's changes. The Web Locks lock is released by the
 * browser when the tab closes or crashes, so it never gets stuck.
 */
export async function acquireWriterLock(name = 'cunxuan-writer'): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.locks) return true;
  return new Promise<boolean>((resolve) => {
    void navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(false);
        return undefined;
      }
      resolve(true);
      // Held for the life of the tab.
      return new Promise<never>(() => undefined);
    });
  });
}

/** Asks the browser not to evict our storage under pressure; returns whether it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}

export interface StorageEstimate {
  usage: number | null;
  quota: number | null;
  persisted: boolean;
}

export async function storageEstimate(): Promise<StorageEstimate> {
  try {
    const e = await navigator.storage.estimate();
    return { usage: e.usage ?? null, quota: e.quota ?? null, persisted: await navigator.storage.persisted() };
  } catch {
    return { usage: null, quota: null, persisted: false };
  }
}
