/** Number formatting the way Chinese spreadsheets show numbers (deterministic: no locale APIs). */

/** "8956" → "8,956". */
export function thousands(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const out = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${out}` : out;
}

const FULL_DIGITS = '０１２３４５６７８９';

/** "8956" → "８９５６" (full-width digits, as typed with a Chinese IME in full-width mode). */
export function fullWidth(s: string | number): string {
  return String(s).replace(/[0-9]/g, (d) => FULL_DIGITS[Number(d)] as string);
}

/**
 * part ÷ whole as a percentage with one decimal, rounded half-up using integer arithmetic
 * (no floating-point surprises): (1174, 1286) → "91.3".
 */
export function pct1(part: number, whole: number): string {
  if (whole <= 0) throw new Error('pct1: whole must be positive');
  // tenths of a percent, rounded half-up: floor((part*1000*2 + whole) / (2*whole))
  const tenths = Math.floor((part * 2000 + whole) / (2 * whole));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** "91.3%" */
export function pctString(part: number, whole: number): string {
  return `${pct1(part, whole)}%`;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 9 → "九", 12 → "十二", 11 → "十一" (1–99). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

/** 2021 → "第十二届" etc. for the cycles in our data. */
export function cycleLabel(ordinal: number): string {
  return `第${chineseNumber(ordinal)}届`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
