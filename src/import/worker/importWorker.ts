/**
 * The import worker: reads, parses, normalises and checks files off the page's thread, and
 * hands the page ready column batches for DuckDB. The page stays responsive however large the
 * file, and a crash here takes down only the import, never the data.
 */
/// <reference lib="webworker" />
import { rejectedToBatch, rowsToBatch, transferables } from '../../db/columnBatch';
import { headOf, openFile, prepareFile, type OpenedFile } from '../stream';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const opened = new Map<number, { file: Blob; info: OpenedFile }>();
const runs = new Map<number, { abort: AbortController; acks: number; sent: number; wake: (() => void) | null }>();

/** Batches in flight before the worker waits for the page: bounds memory, keeps both busy. */
const IN_FLIGHT = 2;

const post = (m: FromWorker, transfer: Transferable[] = []) => self.postMessage(m, transfer);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function open(m: Extract<ToWorker, { type: 'open' }>) {
  try {
    const info = await openFile(m.file, m.fileName, m.encoding ? { encoding: m.encoding } : {});
    opened.set(m.id, { file: m.file, info });
    post({ type: 'opened', id: m.id, analysis: headOf(info.analysis), size: info.size, estimatedRows: info.estimatedRows });
  } catch (e) {
    post({ type: 'failed', id: m.id, message: message(e) });
  }
}

async function prepare(m: Extract<ToWorker, { type: 'prepare' }>) {
  const file = opened.get(m.id);
  if (!file) return post({ type: 'failed', run: m.run, message: 'file is no longer open' });
  const run = { abort: new AbortController(), acks: 0, sent: 0, wake: null as (() => void) | null };
  runs.set(m.run, run);
  try {
    const gen = prepareFile(file.file, file.info, m.plan, (progress) => post({ type: 'progress', run: m.run, progress }), run.abort.signal);
    for (;;) {
      const next = await gen.next();
      if (next.done) {
        // Done only once the page has stored every batch: it counts the staged rows next.
        while (run.acks < run.sent && !run.abort.signal.aborted) await new Promise<void>((wake) => (run.wake = wake));
        if (run.abort.signal.aborted) throw new DOMException('cancelled', 'AbortError');
        post({ type: 'done', run: m.run, report: next.value });
        break;
      }
      const rows = next.value;
      const accepted = rowsToBatch(m.plan.kind, rows.filter((r) => r.status !== 'rejected'));
      const rejected = rejectedToBatch(rows.filter((r) => r.status === 'rejected'));
      while (run.sent - run.acks >= IN_FLIGHT && !run.abort.signal.aborted) await new Promise<void>((wake) => (run.wake = wake));
      if (run.abort.signal.aborted) throw new DOMException('cancelled', 'AbortError');
      run.sent++;
      post({ type: 'batch', run: m.run, accepted, rejected }, [...transferables(accepted), ...transferables(rejected)]);
    }
  } catch (e) {
    post({ type: 'failed', run: m.run, message: message(e), cancelled: run.abort.signal.aborted });
  } finally {
    runs.delete(m.run);
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'open':
      void open(m);
      break;
    case 'prepare':
      void prepare(m);
      break;
    case 'ack': {
      const run = runs.get(m.run);
      if (run) {
        run.acks++;
        run.wake?.();
        run.wake = null;
      }
      break;
    }
    case 'cancel': {
      const run = runs.get(m.run);
      run?.abort.abort();
      run?.wake?.();
      break;
    }
    case 'close':
      opened.delete(m.id);
      break;
  }
};
