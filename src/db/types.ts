/** A scalar that may be bound to a prepared-statement placeholder (`?`). */
export type SqlParam = string | number | boolean | null;

export type Row = Record<string, unknown>;

/**
 * The one interface the rest of the app uses to talk to DuckDB, so that the same
 * SQL runs in the browser (async worker) and in Node tests (blocking build).
 */
export interface Db {
  /**
   * Runs SQL; with params it is prepared and the values bound, never spliced in. Of the queries
   * asked in one turn of the page, those of higher `priority` go to the engine first (default 0).
   */
  query<T extends Row = Row>(sql: string, params?: readonly SqlParam[], opts?: { priority?: number }): Promise<T[]>;
  /** Runs statements that return nothing (DDL, several statements separated by `;`). */
  exec(sql: string): Promise<void>;
  /** Makes UTF-8 text readable by read_csv under `path` (must be inside STAGE_DIR). */
  registerText(path: string, text: string): Promise<void>;
  /** Makes bytes (e.g. a saved gzip CSV) readable under `path` (inside STAGE_DIR); the engine may take them over, so the caller must not use them after. */
  registerBuffer(path: string, bytes: Uint8Array): Promise<void>;
  /** Creates an empty in-memory file under `path` that `COPY … TO` can write into. */
  registerEmpty(path: string): Promise<void>;
  /** The bytes of a file in DuckDB's in-memory file system (after `COPY … TO`). */
  readBuffer(path: string): Promise<Uint8Array>;
  dropFile(path: string): Promise<void>;
  /** Appends an Arrow IPC stream to a table, columns by position; `create` makes the table from it. The bytes are the engine's after the call. */
  insertArrow(table: string, ipc: Uint8Array, opts?: { create?: boolean }): Promise<void>;
  /** A query's result as Arrow IPC file bytes, as the engine made them (nothing decoded in JavaScript). */
  queryArrow(sql: string): Promise<Uint8Array>;
  close(): Promise<void>;
  /**
   * Another connection to the same engine: its transaction is its own, so a long load on it
   * neither sees nor is aborted by what this one runs meanwhile (its TEMP tables are its own too).
   */
  fork?(): Promise<Db>;
}

/** The only directory DuckDB may read once external access is locked. */
export const STAGE_DIR = '/stage/';

/** One row of the `imports` table: an import as it is recorded, and saved in the manifest. */
export interface ImportRecordSaved {
  import_id: number;
  file_name: string;
  sheet_name: string | null;
  kind: string;
  encoding: string | null;
  imported_at: string;
  rows_imported: number;
  rows_warned: number;
  rows_rejected: number;
  rows_skipped: number;
}
