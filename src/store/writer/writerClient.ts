/**
 * The page's side of the OPFS writer worker (opfsWriter.ts): one worker for a run of writes,
 * closed as soon as none is waiting. A save writes its files one after another, so the next write
 * arrives before the worker is closed; closing it is what frees the bytes written.
 */
import type { FromWriter, ToWriter } from './protocol';

interface Writer {
  worker: Worker;
  /** Whether the worker can write OPFS files; false also when it failed to start. */
  ready: Promise<boolean>;
  pending: Map<number, { resolve: () => void; reject: (e: unknown) => void }>;
}

let current: Writer | null = null;
let closing: ReturnType<typeof setTimeout> | undefined;
/** This browser's workers cannot write OPFS files: every write stays on the page. */
let unavailable = typeof Worker === 'undefined';
let ids = 0;

function stop(w: Writer): void {
  w.worker.terminate();
  for (const p of w.pending.values()) p.reject(new Error('the OPFS writer worker stopped'));
  w.pending.clear();
  if (current === w) current = null;
}

function start(): Writer {
  const worker = new Worker(new URL('./opfsWriter.ts', import.meta.url), { type: 'module', name: 'opfs-writer' });
  const w: Writer = { worker, ready: Promise.resolve(false), pending: new Map() };
  w.ready = new Promise<boolean>((resolve) => {
    worker.onmessage = (e: MessageEvent<FromWriter>) => {
      const m = e.data;
      if (m.type === 'ready') return resolve(m.canWrite);
      const p = w.pending.get(m.id);
      if (!p) return;
      w.pending.delete(m.id);
      if (m.type === 'written') p.resolve();
      else p.reject(new DOMException(m.message, m.name));
      if (w.pending.size === 0) closing = setTimeout(() => stop(w), 0);
    };
    worker.onerror = (e) => {
      resolve(false);
      for (const p of w.pending.values()) p.reject(new Error(`OPFS writer worker: ${e.message || 'failed'}`));
      w.pending.clear();
      stop(w);
    };
  });
  return w;
}

/**
 * Writes a file of the OPFS folder `dir` in a worker, the bytes handed over (their buffers are
 * detached here). False, with the bytes untouched, where workers cannot write OPFS files: the
 * caller writes them itself. A failed write rejects with the browser's DOMException (its name, as
 * QuotaExceededError, kept).
 */
export async function writeInWorker(dir: string, name: string, parts: readonly Uint8Array[]): Promise<boolean> {
  if (unavailable) return false;
  clearTimeout(closing);
  const w = current ?? start();
  current = w;
  if (!(await w.ready)) {
    unavailable = true;
    stop(w);
    return false;
  }
  clearTimeout(closing);
  const id = ++ids;
  const written = new Promise<void>((resolve, reject) => w.pending.set(id, { resolve, reject }));
  const buffers = [...new Set(parts.map((p) => p.buffer as ArrayBuffer))];
  w.worker.postMessage({ type: 'write', id, dir, name, parts: [...parts] } satisfies ToWriter, buffers);
  await written;
  return true;
}
