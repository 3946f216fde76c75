/**
 * Writes the app's OPFS files for the page (src/store/fileStore.ts). The page hands the bytes over
 * (transferred, not copied) and closes this worker once its writes are done, which frees them and
 * the browser's copies made while writing at once; a large file made part by part gets a worker
 * for each part. Written on the page, a million rows' saved copy stayed in the tab until its
 * garbage was collected, seconds later, while the engine counted beside it: the import's peak.
 */
/// <reference lib="webworker" />
import type { FromWriter, ToWriter } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: FromWriter) => self.postMessage(m);

async function fileHandle(m: ToWriter): Promise<FileSystemFileHandle> {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(m.dir, { create: true });
  return dir.getFileHandle(m.name, { create: true });
}

async function write(m: ToWriter): Promise<void> {
  if (m.type === 'writeAt') return writeAt(m);
  const handle = await fileHandle(m);
  // createWritable writes to a swap file that replaces the original only on close().
  const w = await handle.createWritable();
  try {
    for (const part of m.parts) await w.write(part as Uint8Array<ArrayBuffer>);
    await w.close();
  } catch (e) {
    await w.abort().catch(() => undefined);
    throw e;
  }
}

/** In place, without a swap file: the next part is written by the next worker at its offset. */
async function writeAt(m: Extract<ToWriter, { type: 'writeAt' }>): Promise<void> {
  const access = await (await fileHandle(m)).createSyncAccessHandle();
  try {
    if (m.first) access.truncate(0);
    let done = 0;
    while (done < m.part.byteLength) done += access.write(m.part.subarray(done), { at: m.at + done });
    access.flush();
  } finally {
    access.close();
  }
}

self.onmessage = (e: MessageEvent<ToWriter>) => {
  const m = e.data;
  write(m).then(
    () => post({ type: 'written', id: m.id }),
    (err: unknown) =>
      post({
        type: 'failed',
        id: m.id,
        name: err instanceof DOMException ? err.name : 'Error',
        message: err instanceof Error ? err.message : String(err),
      }),
  );
};

const handles = typeof FileSystemFileHandle === 'undefined' ? null : FileSystemFileHandle.prototype;
post({
  type: 'ready',
  canWrite: handles !== null && 'createWritable' in handles,
  canWriteAt: handles !== null && 'createSyncAccessHandle' in handles,
});
