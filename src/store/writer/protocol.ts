/** Messages between the page and the OPFS writer worker (src/store/writer/opfsWriter.ts). */
export type ToWriter = { type: 'write'; id: number; dir: string; name: string; parts: Uint8Array[] };

export type FromWriter =
  /** Sent once at start: whether this browser's workers can write OPFS files (createWritable). */
  | { type: 'ready'; canWrite: boolean }
  | { type: 'written'; id: number }
  /** `name` is the DOMException's (QuotaExceededError …), so that the page can say what it was. */
  | { type: 'failed'; id: number; name: string; message: string };
