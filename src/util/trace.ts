/**
 * With `window.__perfTrace` set (the benchmark sets it), database statements and chart draws
 * leave user-timing measures, so a run can say where the time of a scope change went. Off, it
 * costs one property read.
 */
export function traceSince(name: string | (() => string), t0: number, detail?: unknown): void {
  if (!(globalThis as { __perfTrace?: boolean }).__perfTrace) return;
  performance.measure(typeof name === 'string' ? name : name(), { start: t0, end: performance.now(), detail });
}
