/**
 * An import closed half-way (the tab closed, the browser crashed) leaves nothing behind in the
 * data: the commit is all or nothing. So that it is not lost without a word either, the files of
 * an import are noted here while it runs, and the next start says which were not imported.
 */
const KEY = 'cunxuan.importing';

export interface InterruptedImport {
  files: string[];
  startedAt: string;
}

export function markImporting(files: readonly string[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ files: [...files], startedAt: new Date().toISOString() } satisfies InterruptedImport));
  } catch {
    // Private mode or a full store: the import goes on, only the note is missing.
  }
}

export function clearImporting(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}

/** The import that was running when the app last stopped, if any. */
export function interruptedImport(): InterruptedImport | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as InterruptedImport | null;
    return v && Array.isArray(v.files) && typeof v.startedAt === 'string' ? v : null;
  } catch {
    return null;
  }
}
