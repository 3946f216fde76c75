/** Messages between the page and the import worker (src/import/worker/importWorker.ts). */
import type { ColumnBatch } from '../columnBatch';
import type { FileAnalysis } from '../pipeline';
import type { ImportReport } from '../prepare';
import type { TextEncodingId } from '../encoding';
import type { ImportPlan, Progress } from '../stream';

export type ToWorker =
  /** Reads a file's head (or a whole workbook) and proposes a plan. */
  | { type: 'open'; id: number; file: Blob; fileName: string; encoding?: TextEncodingId }
  /** Reads every row with the plan, sending batches; at most two unacknowledged at a time. */
  | { type: 'prepare'; id: number; run: number; plan: ImportPlan }
  /** A CSV file's text as UTF-8 bytes, for the engine to read (src/import/stream.ts csvBytes). */
  | { type: 'text'; id: number; run: number }
  | { type: 'ack'; run: number }
  | { type: 'cancel'; run: number }
  /** Forgets an opened file (a workbook is held in the worker until then). */
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'opened'; id: number; analysis: FileAnalysis; size: number; estimatedRows: number }
  | { type: 'progress'; run: number; progress: Progress }
  | { type: 'batch'; run: number; accepted: ColumnBatch; rejected: ColumnBatch }
  | { type: 'done'; run: number; report: ImportReport }
  /** `bytes` null: not a CSV file (a workbook, Parquet). `analysis` is the file's head (see headOf). */
  | { type: 'text'; run: number; bytes: Uint8Array | null; analysis: FileAnalysis }
  | { type: 'failed'; id?: number; run?: number; message: string; cancelled?: boolean };
