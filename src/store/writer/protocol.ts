/** Messages between the page and the OPFS writer worker (src/store/writer/opfsWriter.ts). */
export type ToWriter =
  /** A whole file, replaced only once every part is written (createWritable's swap file). */
  | { type: 'write'; id: number; dir: string; name: string; parts: Uint8Array[] }
  /** One part of a file at its offset, in place (a sync access handle); `first` empties the file. */
  | { type: 'writeAt'; id: number; dir: string; name: string; part: Uint8Array; at: number; first: boolean };

export type FromWriter =
  /** Sent once at start: which ways of writing OPFS files this browser's workers have. */
  | { type: 'ready'; canWrite: boolean; canWriteAt: boolean }
  | { type: 'written'; id: number }
  /** `name` is the DOMException's (QuotaExceededError …), so that the page can say what it was. */
  | { type: 'failed'; id: number; name: string; message: string };
