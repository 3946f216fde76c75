import type { Place } from '../../queries/types';

/**
 * Finding a village or township by part of its name or by pinyin. Pure: the pinyin comes from a
 * speller handed in, so this module stays out of the first dashboard's JavaScript and works
 * (on Chinese only) before pinyin-pro has loaded.
 */

/** A name's readings, each one syllable per character: ["li", "jia", "cun"]. */
export type Speller = (name: string) => string[][];

export type Candidate =
  | { kind: 'township'; key: string; name: string; county: string | null; township: string }
  | {
      kind: 'village';
      key: string;
      name: string;
      county: string | null;
      township: string | null;
      village_key: string;
      village_code: string | null;
      /** Another village of the same county, township and name: only the code tells them apart. */
      twin: boolean;
    };

interface Entry {
  candidate: Candidate;
  /** The name as matched: NFKC, lower case, no spaces. */
  text: string;
  readings: string[][];
}

export interface PlaceIndex {
  entries: Entry[];
  /** More than one county in the data: a candidate then names its county too. */
  counties: number;
}

export interface SearchResult {
  candidates: Candidate[];
  /** All the matches, of which `candidates` are the best. */
  total: number;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * Adapts pinyin-pro's `pinyin`. Besides its reading in context, a name is also read with its
 * first character as a surname: villages are often named for a family (曾家村 is zeng-jia-cun,
 * not ceng-jia-cun), and pinyin-pro only knows that when told.
 */
export function pinyinSpeller(pinyin: typeof import('pinyin-pro').pinyin): Speller {
  return (name) => {
    const read = (surname: 'off' | 'head') => pinyin(name, { toneType: 'none', type: 'array', v: true, surname }).map(fold).filter(Boolean);
    const plain = read('off');
    const surname = read('head');
    return plain.join(' ') === surname.join(' ') ? [plain] : [plain, surname];
  };
}

export function buildIndex(places: readonly Place[], speller?: Speller): PlaceIndex {
  // Villages share names (王庄村, 李家村): read each name once.
  const readings = new Map<string, string[][]>();
  const read = (name: string) => {
    if (!speller) return [];
    const text = fold(name);
    let r = readings.get(text);
    if (!r) readings.set(text, (r = speller(text)));
    return r;
  };
  const entry = (candidate: Candidate): Entry => ({ candidate, text: fold(candidate.name), readings: read(candidate.name) });

  const twins = new Map<string, number>();
  const placeId = (p: Place) => JSON.stringify([p.county, p.township, p.village ?? p.village_key]);
  for (const p of places) twins.set(placeId(p), (twins.get(placeId(p)) ?? 0) + 1);

  const entries: Entry[] = [];
  const townships = new Set<string>();
  for (const p of places) {
    if (p.township !== null) {
      const key = JSON.stringify([p.county, p.township]);
      if (!townships.has(key)) {
        townships.add(key);
        entries.push(entry({ kind: 'township', key: `t:${key}`, name: p.township, county: p.county, township: p.township }));
      }
    }
    entries.push(
      entry({
        kind: 'village',
        key: `v:${p.village_key}`,
        name: p.village ?? p.village_key,
        county: p.county,
        township: p.township,
        village_key: p.village_key,
        village_code: p.village_code,
        twin: (twins.get(placeId(p)) ?? 0) > 1,
      }),
    );
  }
  return { entries, counties: new Set(places.map((p) => p.county)).size };
}

/**
 * Whether `q` spells syllables `from`… of a reading: each syllable typed whole or by its first
 * letter, the last one typed so far by any start ("lj", "lijia", "ljiac" all reach 李家村).
 */
function spells(q: string, syllables: readonly string[], from: number): boolean {
  if (q === '') return true;
  const s = syllables[from];
  if (s === undefined) return false;
  if (s.startsWith(q)) return true;
  return (q.startsWith(s) && spells(q.slice(s.length), syllables, from + 1)) || (q[0] === s[0] && spells(q.slice(1), syllables, from + 1));
}

/**
 * Lower is better: the name starts with the query, has it, is spelled by it in pinyin from its
 * start, or from within; null when no match.
 */
function tier(e: Entry, q: string, pinyinQuery: boolean): number | null {
  const at = e.text.indexOf(q);
  if (at === 0) return 0;
  if (at > 0) return 1;
  if (!pinyinQuery) return null;
  let best: number | null = null;
  for (const syllables of e.readings) {
    if (spells(q, syllables, 0)) return 2;
    for (let i = 1; i < syllables.length && best === null; i++) if (spells(q, syllables, i)) best = 3;
  }
  return best;
}

const collator = new Intl.Collator('zh');

/** The best `limit` candidates for a query, and how many match in all. */
export function searchPlaces(index: PlaceIndex, query: string, limit = 20): SearchResult {
  const q = fold(query);
  if (!q) return { candidates: [], total: 0 };
  // Pinyin is typed in ASCII letters (and digits, which names carry as they are).
  const pinyinQuery = /^[a-z0-9]+$/.test(q);
  const hits: { e: Entry; tier: number }[] = [];
  for (const e of index.entries) {
    const t = tier(e, q, pinyinQuery);
    if (t !== null) hits.push({ e, tier: t });
  }
  // Within a tier the shorter name is the closer match; a township before a village of its name.
  hits.sort(
    (a, b) =>
      a.tier - b.tier ||
      a.e.text.length - b.e.text.length ||
      (a.e.candidate.kind === b.e.candidate.kind ? 0 : a.e.candidate.kind === 'township' ? -1 : 1) ||
      collator.compare(a.e.text, b.e.text) ||
      collator.compare(a.e.candidate.township ?? '', b.e.candidate.township ?? '') ||
      collator.compare(a.e.candidate.county ?? '', b.e.candidate.county ?? ''),
  );
  return { candidates: hits.slice(0, limit).map((h) => h.e.candidate), total: hits.length };
}
