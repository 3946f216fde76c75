/**
 * The one rounding of the app. Every figure shown or exported is rounded here, once, so a card,
 * a chart label, a table cell, the report text and a CSV cell carry the same digits.
 */

/**
 * Rounds half away from zero (0.45 → 0.5, −0.45 → −0.5), as a report writer rounds by hand and
 * as Intl.NumberFormat does. Math.round rounds −0.45 to −0.4, and a sum of doubles such as
 * 20.45 may be stored as 20.4499999…: the product is first cut to 12 significant digits.
 */
export function roundHalfAway(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(v) * f).toPrecision(12));
  const r = Math.round(scaled) / f;
  return v < 0 && r !== 0 ? -r : r;
}

/**
 * Parts of a whole rounded so the rounded parts add up to the rounded whole (largest remainder,
 * Hamilton's method): each part is cut down to the decimals, and the units left over go to the
 * parts with the largest cut, earlier parts first on a tie. Null parts stay null and take none.
 * Shares that add up to 100 are shown adding up to exactly 100.0, not 99.9 or 100.1.
 */
export function largestRemainder(values: readonly (number | null)[], decimals: number): (number | null)[] {
  const f = 10 ** decimals;
  const known = values.map((v, i) => ({ i, v })).filter((x): x is { i: number; v: number } => x.v !== null && Number.isFinite(x.v));
  const scaled = known.map((x) => Number((x.v * f).toPrecision(12)));
  const floors = scaled.map(Math.floor);
  const total = Math.round(scaled.reduce((a, b) => a + b, 0));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((s, k) => ({ k, rest: s - floors[k]! })).sort((a, b) => b.rest - a.rest || a.k - b.k);
  for (const { k } of order) {
    if (left <= 0) break;
    floors[k]! += 1;
    left -= 1;
  }
  const out: (number | null)[] = values.map(() => null);
  known.forEach((x, k) => {
    out[x.i] = floors[k]! / f;
  });
  return out;
}
