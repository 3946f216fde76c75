/**
 * The import worker: reads, parses, normalises and checks files off the page's thread, and
 * hands the page ready column batches for DuckDB. The page stays responsive however large the
 * file, and a crash here takes down only the import, never the data.
 */
/// <reference lib="webworker" />
import { BatchBuilder, rejectedToBatch, transferables } from '../columnBatch';
import type { NormalizedRow } from '../normalizeRow';
import { csvBytes, headOf, openFile, prepareFile, type OpenedFile } from '../stream';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const opened = new Map<number, { file: Blob; info: OpenedFile }>();
const runs = new Map<number, { abort: AbortController; acks: number; sent: number; wake: (() => void) | null }>();

/**
 * Batches in flight before the worker waits for the page: bounds memory (a batch is a few MB),
 * keeps both busy. Every 250,000 rows the page moves its staging buffer (1.2–1.5 s at a million
 * rows, src/db/load.ts): with 2 in flight the worker stood still for most of each move, with 8
 * it reads on (the 1M roster's check 21.8 → 18.9 s).
 */
const IN_FLIGHT = 8;
/** Rows per batch sent to the page: large enough that DuckDB's per-insert cost does not matter. */
const BATCH_ROWS = 16_384;

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
    const accepted = new BatchBuilder(m.plan.kind, BATCH_ROWS);
    let rejected: NormalizedRow[] = [];
    const onRow = (row: NormalizedRow) => (row.status === 'rejected' ? rejected.push(row) : accepted.add(row));
    const send = async () => {
      while (run.sent - run.acks >= IN_FLIGHT && !run.abort.signal.aborted) await new Promise<void>((wake) => (run.wake = wake));
      if (run.abort.signal.aborted) throw new DOMException('cancelled', 'AbortError');
      const a = accepted.flush();
      const r = rejectedToBatch(rejected);
      rejected = [];
      run.sent++;
      post({ type: 'batch', run: m.run, accepted: a, rejected: r }, [...transferables(a), ...transferables(r)]);
    };
    const gen = prepareFile(
      file.file,
      file.info,
      m.plan,
      onRow,
      (progress) => post({ type: 'progress', run: m.run, progress }),
      run.abort.signal,
    );
    for (;;) {
      const next = await gen.next();
      if (next.done) {
        if (accepted.length + rejected.length > 0) await send();
        // Done only once the page has stored every batch: it counts the staged rows next.
        while (run.acks < run.sent && !run.abort.signal.aborted) await new Promise<void>((wake) => (run.wake = wake));
        if (run.abort.signal.aborted) throw new DOMException('cancelled', 'AbortError');
        post({ type: 'done', run: m.run, report: next.value });
        break;
      }
      if (accepted.length >= BATCH_ROWS || rejected.length >= BATCH_ROWS) await send();
    }
  } catch (e) {
    post({ type: 'failed', run: m.run, message: message(e), cancelled: run.abort.signal.aborted });
  } finally {
    runs.delete(m.run);
  }
}

async function text(m: Extract<ToWorker, { type: 'text' }>) {
  const file = opened.get(m.id);
  if (!file) return post({ type: 'failed', run: m.run, message: 'file is no longer open' });
  const run = { abort: new AbortController(), acks: 0, sent: 0, wake: null as (() => void) | null };
  runs.set(m.run, run);
  try {
    const bytes = await csvBytes(file.file, file.info, (progress) => post({ type: 'progress', run: m.run, progress }), run.abort.signal);
    if (run.abort.signal.aborted) throw new DOMException('cancelled', 'AbortError');
    post({ type: 'text', run: m.run, bytes, analysis: headOf(file.info.analysis) }, bytes ? [bytes.buffer as ArrayBuffer] : []);
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
    case 'text':
      void text(m);
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
