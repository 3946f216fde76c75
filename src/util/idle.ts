/** Runs `f` when the page is idle (within a second at most); returns a cancel. */
export function whenIdle(f: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const h = requestIdleCallback(f, { timeout: 1000 });
    return () => cancelIdleCallback(h);
  }
  const h = setTimeout(f, 200);
  return () => clearTimeout(h);
}
