/**
 * The largest file the browser import takes. The whole file is decoded and normalised in the
 * tab's memory (several times its size at peak); above this a tab on an ordinary office laptop
 * runs out of memory and dies, so the file is refused up front with what to do instead.
 */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}
