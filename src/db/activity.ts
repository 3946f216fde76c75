/**
 * When the engine last ran a statement the page asked for: work that can wait (saving the count
 * tables after an import, src/store/savedCounts.ts) waits for a pause in it, so that it does not
 * hold the engine's worker while the user is changing scopes.
 */
let last = 0;

export function noteActivity(): void {
  last = performance.now();
}

/** Resolves once no statement has run for `ms`, checked every quarter of it. */
export async function quietFor(ms: number): Promise<void> {
  for (;;) {
    const since = performance.now() - last;
    if (since >= ms) return;
    await new Promise((r) => setTimeout(r, Math.max(ms - since, ms / 4)));
  }
}
