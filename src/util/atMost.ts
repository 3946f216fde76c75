/** Waits for `p`, but no longer than `ms`; never rejects (what `p` settles to is the caller's). */
export async function atMost(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([
      p.then(
        () => undefined,
        () => undefined,
      ),
      waited,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
