import { useCallback, useMemo, useRef, useState } from 'react';
import type { Place } from '../../queries/types';
import type { SearchResult } from './placeSearch';

export interface PlaceFinder {
  find: (query: string) => SearchResult;
  /** More than one county in the data: a candidate names its county too. */
  manyCounties: boolean;
}

/** One page of candidates: more is a sign to type more. */
const PAGE = 20;

/**
 * The place search, its code loaded the first time the box is used (`load`): the first
 * dashboard's JavaScript is at its budget, and pinyin-pro, with its dictionary, is large. The
 * matcher comes first and finds Chinese names; once pinyin-pro is in, pinyin finds them too.
 * A failed load is tried again on the next use (offline before the chunk was cached).
 */
export function usePlaceFinder(places: readonly Place[]): { finder: PlaceFinder | null; load: () => void } {
  const [search, setSearch] = useState<typeof import('./placeSearch') | null>(null);
  // In an object: React would call a bare function handed to a state setter.
  const [pinyin, setPinyin] = useState<{ pinyin: typeof import('pinyin-pro').pinyin } | null>(null);
  const asked = useRef({ search: false, pinyin: false });
  const load = useCallback(() => {
    const a = asked.current;
    if (!a.search) {
      a.search = true;
      import('./placeSearch').then(setSearch, () => (a.search = false));
    }
    if (!a.pinyin) {
      a.pinyin = true;
      import('pinyin-pro').then(
        ({ pinyin }) => setPinyin({ pinyin }),
        () => (a.pinyin = false),
      );
    }
  }, []);
  const finder = useMemo(() => {
    if (!search) return null;
    const index = search.buildIndex(places, pinyin ? search.pinyinSpeller(pinyin.pinyin) : undefined);
    return { find: (query: string) => search.searchPlaces(index, query, PAGE), manyCounties: index.counties > 1 };
  }, [search, pinyin, places]);
  return { finder, load };
}
