/**
 * The page's side of the OPFS writer worker (opfsWriter.ts). Whole files: one worker for a run of
 * writes, closed once none has been waiting for IDLE_MS (a save writes its files one after another,
 * the engine dumping each before it is written, so the next write arrives before it is closed).
 * Parts of a large file: a worker for each part, closed once it is written. Closing a worker is
 * what frees the bytes it wrote.
 */
import type { FromWriter, ToWriter } from './protocol';

type Ways = { canWrite: boolean; canWriteAt: boolean };
const NONE: Ways = { canWrite: false, canWriteAt: false };

interface Writer {
  worker: Worker;
  /** What the worker can do; nothing when it failed to start. */
  ready: Promise<Ways>;
  pending: Map<number, { resolve: () => void; reject: (e: unknown) => void }>;
  /** Closed when no write waits (set for the run of whole files). */
  closeWhenIdle: boolean;
}

/**
 * How long the whole files' worker waits for the next write before it is closed. Closed at once,
 * it was started again for each import of a merge's save (the engine's dump of the next file came
 * between), some 40 ms each.
 */
const IDLE_MS = 1000;

let current: Writer | null = null;
let closing: ReturnType<typeof setTimeout> | undefined;
/** What this browser's workers can do, once known (a worker that cannot write makes it NONE). */
let known: Ways | null = typeof Worker === 'undefined' ? NONE : null;
let ids = 0;

function stop(w: Writer): void {
  w.worker.terminate();
  for (const p of w.pending.values()) p.reject(new Error('the OPFS writer worker stopped'));
  w.pending.clear();
  if (current === w) current = null;
}

/** A new worker, or null where workers cannot be started (the page then writes itself). */
function start(closeWhenIdle: boolean): Writer | null {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./opfsWriter.ts', import.meta.url), { type: 'module', name: 'opfs-writer' });
  } catch {
    known = NONE;
    return null;
  }
  const w: Writer = { worker, ready: Promise.resolve(NONE), pending: new Map(), closeWhenIdle };
  w.ready = new Promise<Ways>((resolve) => {
    worker.onmessage = (e: MessageEvent<FromWriter>) => {
      const m = e.data;
      if (m.type === 'ready') return resolve({ canWrite: m.canWrite, canWriteAt: m.canWriteAt });
      const p = w.pending.get(m.id);
      if (!p) return;
      w.pending.delete(m.id);
      if (m.type === 'written') p.resolve();
      else p.reject(new DOMException(m.message, m.name));
      if (w.closeWhenIdle && w.pending.size === 0) {
        clearTimeout(closing);
        closing = setTimeout(() => stop(w), IDLE_MS);
      }
    };
    worker.onerror = (e) => {
      resolve(NONE);
      for (const p of w.pending.values()) p.reject(new Error(`OPFS writer worker: ${e.message || 'failed'}`));
      w.pending.clear();
      stop(w);
    };
  });
  return w;
}

/** Posts a write (its bytes' buffers handed over) and waits for the worker's answer. */
function send(w: Writer, message: ToWriter, bytes: readonly Uint8Array[]): Promise<void> {
  const written = new Promise<void>((resolve, reject) => w.pending.set(message.id, { resolve, reject }));
  w.worker.postMessage(message, [...new Set(bytes.map((b) => b.buffer as ArrayBuffer))]);
  return written;
}

/**
 * Writes a file of the OPFS folder `dir` in a worker, the bytes handed over (their buffers are
 * detached here). False, with the bytes untouched, where workers cannot write OPFS files: the
 * caller writes them itself. A failed write rejects with the browser's DOMException (its name, as
 * QuotaExceededError, kept).
 */
export async function writeInWorker(dir: string, name: string, parts: readonly Uint8Array[]): Promise<boolean> {
  if (known && !known.canWrite) return false;
  clearTimeout(closing);
  const w = current ?? start(true);
  if (!w) return false;
  current = w;
  known = await w.ready;
  if (!known.canWrite) {
    stop(w);
    return false;
  }
  clearTimeout(closing);
  await send(w, { type: 'write', id: ++ids, dir, name, parts: [...parts] }, parts);
  return true;
}

/** Whether parts can be written one worker each (writePartInWorker); asks a worker once. */
export async function canWriteParts(): Promise<boolean> {
  if (known) return known.canWriteAt;
  const w = start(false);
  if (!w) return false;
  known = await w.ready;
  stop(w);
  return known.canWriteAt;
}

/**
 * Writes one part of a file at its offset, in place, in a worker of its own closed once it is
 * written (`first` empties the file first). Only where canWriteParts() said so. A file so written
 * is whole only once its last part is: the caller refers to it only then.
 */
export async function writePartInWorker(dir: string, name: string, part: Uint8Array, at: number, first: boolean): Promise<void> {
  const w = start(false);
  if (!w) throw new Error('the OPFS writer worker did not start');
  try {
    if (!(await w.ready).canWriteAt) throw new Error('this browser cannot write OPFS files in a worker');
    await send(w, { type: 'writeAt', id: ++ids, dir, name, part, at, first }, [part]);
  } finally {
    stop(w);
  }
}
