/**
 * Writes the app's OPFS files for the page (src/store/fileStore.ts). The page hands the bytes over
 * (transferred, not copied) and closes this worker once its writes are done, which frees them and
 * the browser's copies made while writing at once. Written on the page, a million rows' saved copy
 * stayed in the tab until its garbage was collected, seconds later, while the engine counted
 * beside it: the import's peak memory.
 */
/// <reference lib="webworker" />
import type { FromWriter, ToWriter } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: FromWriter) => self.postMessage(m);

async function write(m: ToWriter): Promise<void> {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(m.dir, { create: true });
  const handle = await dir.getFileHandle(m.name, { create: true });
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

post({ type: 'ready', canWrite: typeof FileSystemFileHandle !== 'undefined' && 'createWritable' in FileSystemFileHandle.prototype });
