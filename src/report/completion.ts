/**
 * The work reports' sentence of progress — "截至11月28日，全县完成换届 8 个村，占 66.7%；其中重点村…" —
 * from a cycle's completion (src/metrics/completeness.ts). Pure: the same progress gives the same
 * sentence, on the overview and in the report. Percentages are the shares' shown values (rounded
 * once), never rounded here.
 */
import type { CompletionProgress, VillageShare } from '../metrics/completeness';
import { formatValue } from '../metrics/format';
import type { Lang } from '../util/lang';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2021-11-28" → "11月28日" / "28 Nov". */
export function monthDay(date: string, lang: Lang): string {
  const [, m = 1, d = 1] = date.split('-').map(Number);
  return lang === 'zh' ? `${m}月${d}日` : `${d} ${MONTHS[m - 1]}`;
}

const pct = (s: VillageShare, lang: Lang) => formatValue(s.shown, 'percent', lang);

/**
 * The sentence, or null when no village is expected. `place` names the whole ("全县", "东岭镇");
 * the 重点村 / 难点村 clauses appear when the lists have villages.
 */
export function completionSentence(p: CompletionProgress, lang: Lang, place = ''): string | null {
  if (p.all.expected === 0) return null;
  const zh = lang === 'zh';
  const lists = [
    p.key.expected > 0
      ? zh
        ? `重点村完成 ${p.key.done} 个，占 ${pct(p.key, lang)}`
        : `key villages ${p.key.done} of ${p.key.expected}, ${pct(p.key, lang)}`
      : null,
    p.difficult.expected > 0
      ? zh
        ? `难点村完成 ${p.difficult.done} 个，占 ${pct(p.difficult, lang)}`
        : `difficult villages ${p.difficult.done} of ${p.difficult.expected}, ${pct(p.difficult, lang)}`
      : null,
  ].filter((x): x is string => x !== null);
  if (zh) {
    const head = `${p.asOf ? `截至${monthDay(p.asOf, lang)}，` : ''}${place}完成换届 ${p.all.done} 个村，占应报 ${p.all.expected} 个村的 ${pct(p.all, lang)}`;
    return `${head}${lists.length ? `；其中${lists.join('，')}` : ''}。`;
  }
  const head = `${p.asOf ? `As of ${monthDay(p.asOf, lang)}, ` : ''}${p.all.done} of the ${p.all.expected} villages expected${place ? ` in ${place}` : ''} have completed their elections (${pct(p.all, lang)})`;
  return `${head}${lists.length ? `; ${lists.join(', ')}` : ''}.`;
}
