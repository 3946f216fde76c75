import { useCallback } from 'react';
import { usePlaces } from '../../queries/hooks';
import { useScope } from '../../app/useScope';

/** A click on a county, township or village in any chart or table narrows the scope to it. */
export function useDrillDown(): (item: { key: string; level?: string }) => void {
  const { setScope } = useScope();
  const places = usePlaces().data;
  return useCallback(
    (item) => {
      if (item.level === 'village') {
        const p = places?.find((x) => x.village_key === item.key);
        if (p) setScope({ county: p.county, township: p.township, village: p.village_key });
      } else if (item.level === 'township') {
        const [county, township] = item.key.split('\u0000');
        setScope({ county: county || null, township: township || null, village: null });
      } else if (item.level === 'county') {
        setScope({ county: item.key, township: null, village: null });
      }
    },
    [places, setScope],
  );
}
