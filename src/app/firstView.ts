import { whenIdle } from '../util/idle';

/**
 * The first dashboard in sight drawn. On the sample's first start it is drawn from the build's
 * snapshot before the engine is up, and the engine's start (fetching and compiling 34 MB of wasm,
 * on every core) waits for it: drawn beside that compile, the same charts took twice as long.
 */
let drawn!: () => void;

export const firstViewDrawn = new Promise<void>((resolve) => {
  drawn = resolve;
});

/**
 * Called once a view's content is all rendered. Its charts are drawn later — those in sight when
 * their IntersectionObserver first reports, a frame on — so this resolves after two frames and
 * then an idle moment (a second at most).
 */
export function markFirstViewDrawn(): void {
  requestAnimationFrame(() => requestAnimationFrame(() => whenIdle(drawn)));
}
