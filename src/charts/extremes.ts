/**
 * The two ends of a ranking, for a page too narrow for every place: the highest and the lowest,
 * with the count of those between, so a chart can say how many it leaves out.
 */
import type { Lang } from '../util/lang';
import type { Category } from './types';

export interface Ends<T> {
  /** The highest, highest first. */
  top: T[];
  /** The lowest, still highest first (the very lowest last). */
  bottom: T[];
  /** Between the two: left out of the chart. */
  omitted: number;
}

/** The ends of a list ranked highest first; a list no longer than both ends is kept whole. */
export function extremesOf<T>(ranked: readonly T[], lowest: number, highest: number): Ends<T> {
  if (ranked.length <= lowest + highest) return { top: [...ranked], bottom: [], omitted: 0 };
  return { top: ranked.slice(0, highest), bottom: ranked.slice(ranked.length - lowest), omitted: ranked.length - lowest - highest };
}

const PLACE = {
  zh: { village: '村', township: '乡镇', county: '县' },
  en: { village: 'villages', township: 'townships', county: 'counties' },
} as const;

/** "村", "乡镇" or "县" (English plural) for the places of a chart. */
export function placeWord(level: Category['level'], lang: Lang): string {
  return PLACE[lang][level ?? 'village'];
}

/** The title of a chart of the two ends: "参选率最低的20个村和最高的10个村". */
export function extremesTitle(title: string, ends: { lowest: number; highest: number }, level: Category['level'], lang: Lang): string {
  const w = placeWord(level, lang);
  return lang === 'zh'
    ? `${title}最低的${ends.lowest}个${w}和最高的${ends.highest}个${w}`
    : `${title}: the ${ends.lowest} lowest and ${ends.highest} highest ${w}`;
}

/** The category standing for the places left out between the two ends. */
export function omittedCategory(omitted: number, level: Category['level'], lang: Lang): Category {
  const w = placeWord(level, lang);
  return { key: '', label: lang === 'zh' ? `⋯ 其余${omitted}个${w}` : `⋯ ${omitted} other ${w}` };
}
