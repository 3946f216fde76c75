/**
 * The page's side of the import worker: one worker for the app, created when first needed;
 * open a file, then read it with a plan, batch by batch. If the worker dies every pending call
 * fails with a clear message and the next call starts a fresh worker; the data is not touched.
 */
import type { ColumnBatch } from '../import/columnBatch';
import type { TextEncodingId } from '../import/encoding';
import type { FileAnalysis } from '../import/pipeline';
import type { ImportReport } from '../import/prepare';
import type { ImportPlan, Progress } from '../import/stream';
import type { FromWorker, ToWorker } from '../import/worker/protocol';

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelled';
  }
}

export class WorkerCrashed extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'WorkerCrashed';
  }
}

interface Pending {
  resolve: (m: FromWorker) => void;
  reject: (e: Error) => void;
  onBatch?: (accepted: ColumnBatch, rejected: ColumnBatch) => Promise<void>;
  onProgress?: (p: Progress) => void;
}

export interface OpenedInfo {
  handle: number;
  analysis: FileAnalysis;
  size: number;
  estimatedRows: number;
}

let ids = 0;

class ImportWorkerClient {
  private worker: Worker | null = null;
  private readonly opens = new Map<number, Pending>();
  private readonly runs = new Map<number, Pending>();

  private get w(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../import/worker/importWorker.ts', import.meta.url), { type: 'module', name: 'import' });
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    w.onerror = (e) => this.crash(e.message || 'import worker error');
    w.onmessageerror = () => this.crash('import worker message error');
    this.worker = w;
    return w;
  }

  private send(m: ToWorker) {
    this.w.postMessage(m);
  }

  private crash(detail: string) {
    this.worker?.terminate();
    this.worker = null;
    const all = [...this.opens.values(), ...this.runs.values()];
    this.opens.clear();
    this.runs.clear();
    for (const p of all) p.reject(new WorkerCrashed(detail));
  }

  private receive(m: FromWorker) {
    switch (m.type) {
      case 'opened':
        this.opens.get(m.id)?.resolve(m);
        this.opens.delete(m.id);
        return;
      case 'progress':
        this.runs.get(m.run)?.onProgress?.(m.progress);
        return;
      case 'batch': {
        const p = this.runs.get(m.run);
        if (!p?.onBatch) return;
        p.onBatch(m.accepted, m.rejected).then(
          () => this.send({ type: 'ack', run: m.run }),
          (e: unknown) => {
            this.send({ type: 'cancel', run: m.run });
            this.runs.delete(m.run);
            p.reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
        return;
      }
      case 'text':
      case 'done':
        this.runs.get(m.run)?.resolve(m);
        this.runs.delete(m.run);
        return;
      case 'failed': {
        const p = m.run !== undefined ? this.runs.get(m.run) : m.id !== undefined ? this.opens.get(m.id) : undefined;
        if (m.run !== undefined) this.runs.delete(m.run);
        if (m.id !== undefined) this.opens.delete(m.id);
        p?.reject(m.cancelled ? new ImportCancelled() : new Error(m.message));
        return;
      }
    }
  }

  open(file: Blob, fileName: string, encoding?: TextEncodingId): Promise<OpenedInfo> {
    const id = ++ids;
    return new Promise<FromWorker>((resolve, reject) => {
      this.opens.set(id, { resolve, reject });
      this.send({ type: 'open', id, file, fileName, encoding });
    }).then((m) => {
      if (m.type !== 'opened') throw new Error(`unexpected ${m.type}`);
      return { handle: id, analysis: m.analysis, size: m.size, estimatedRows: m.estimatedRows };
    });
  }

  /**
   * Reads the whole file with the plan. `onBatch` stores a batch (the next is sent when it
   * resolves); an abort stops the worker between batches and rejects with ImportCancelled.
   */
  prepare(
    handle: number,
    plan: ImportPlan,
    onBatch: (accepted: ColumnBatch, rejected: ColumnBatch) => Promise<void>,
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<ImportReport> {
    const run = ++ids;
    return new Promise<FromWorker>((resolve, reject) => {
      if (signal?.aborted) return reject(new ImportCancelled());
      this.runs.set(run, { resolve, reject, onBatch, onProgress });
      signal?.addEventListener('abort', () => this.send({ type: 'cancel', run }), { once: true });
      this.send({ type: 'prepare', id: handle, run, plan });
    }).then((m) => {
      if (m.type !== 'done') throw new Error(`unexpected ${m.type}`);
      return m.report;
    });
  }

  /**
   * A CSV file's text as UTF-8 bytes (transcoded in the worker when it is not UTF-8) with the
   * file's analysed head, for the engine to read; null for a workbook or Parquet file.
   */
  text(
    handle: number,
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<{ bytes: Uint8Array; analysis: FileAnalysis } | null> {
    const run = ++ids;
    return new Promise<FromWorker>((resolve, reject) => {
      if (signal?.aborted) return reject(new ImportCancelled());
      this.runs.set(run, { resolve, reject, onProgress });
      signal?.addEventListener('abort', () => this.send({ type: 'cancel', run }), { once: true });
      this.send({ type: 'text', id: handle, run });
    }).then((m) => {
      if (m.type !== 'text') throw new Error(`unexpected ${m.type}`);
      return m.bytes ? { bytes: m.bytes, analysis: m.analysis } : null;
    });
  }

  /**
   * Starts the worker ahead of the first file: its script is fetched while the network is surely
   * there (the page just loaded it), not when a file is dropped, which may be offline before the
   * service worker has finished caching the app.
   */
  warm(): void {
    void this.w;
  }

  close(handle: number): void {
    if (this.worker) this.send({ type: 'close', id: handle });
  }
}

export const importWorker = new ImportWorkerClient();
