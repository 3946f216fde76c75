/**
 * Names of one engine import's working tables. They are made of a counter only — never of the
 * file's name or any text in it — and are still quoted wherever they are used.
 */
export interface EngineTables {
  /** Also the name of the registered file (inside STAGE_DIR). */
  prefix: string;
  /** read_csv's output with the record's position. */
  read: string;
  /** Record position → line, when lines are not contiguous. */
  lines: string;
  /** Text cells by line (see readRaw). */
  raw: string;
  /** Typed values by line (see buildTyped; step 1 alone, the stage is written without it). */
  typed: string;
  /** Per record after the header: line, the sorting flags, the duplicate key's hash and the counts totals rows sum. */
  flags: string;
  /** Lines of the rows whose exact duplicate key is asked for (their key's hash repeats). */
  dupLines: string;
  /** Lines of the rows not staged straight from the typed query (maybe not data, flagged, duplicates). */
  nonPlain: string;
  /** Lines of the rows the JavaScript row code sees. */
  pickedLines: string;
  /** Lines of the records classifyRow found to be data among those SQL picked as possibly not. */
  candData: string;
  /** Rows repeating an earlier row's key, with that row's line. */
  dups: string;
  /** The rows the JavaScript row code sees, numbered in file order, with their cells. */
  picked: string;
  /** Those of them accepted, as the batch builder makes them. */
  accepted: string;
  /** The mapping table of column i (raw value → typed values). */
  mapping(i: number): string;
}

let next = 0;

export function engineTables(): EngineTables {
  const prefix = `engine_import_${++next}`;
  return {
    prefix,
    read: `${prefix}_read`,
    lines: `${prefix}_lines`,
    raw: `${prefix}_raw`,
    typed: `${prefix}_typed`,
    flags: `${prefix}_flags`,
    dupLines: `${prefix}_dup_lines`,
    nonPlain: `${prefix}_non_plain`,
    pickedLines: `${prefix}_picked_lines`,
    candData: `${prefix}_cand_data`,
    dups: `${prefix}_dups`,
    picked: `${prefix}_picked`,
    accepted: `${prefix}_accepted`,
    mapping: (i) => `${prefix}_map_${i + 1}`,
  };
}

/** `unsupported`: the file is readable, but SQL's sorting of a row and the row normaliser's disagree, or it is beyond what SQL sums (see rows.ts). */
export type EngineReadErrorCode = 'bad_quote' | 'count_mismatch' | 'line_mismatch' | 'no_header' | 'unsupported';

/** The engine path cannot read this file (yet) or lost count of its rows: never silently. */
export class EngineReadError extends Error {
  constructor(
    readonly code: EngineReadErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'EngineReadError';
  }
}
