/**
 * Persons across cycles for the views: a village's roster with each seat's link to the previous
 * cycle, one person's history, and what linking could not decide (src/db/personLinks.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { useDb } from '../app/dbContext';
import { officeIdKeyId } from '../db/idKey';
import { countForeignIdHashes, findAmbiguousLinks, personHistory, villageRoster } from '../db/personLinks';

export type { AmbiguousLink, PersonSeat, RosterEntry } from '../db/personLinks';

export function useVillageRoster(village: string | null, cycle: number | null) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'roster', village, cycle],
    enabled: village !== null && cycle !== null,
    queryFn: () => villageRoster(db, village!, cycle!),
  });
}

export function usePersonHistory(personKey: string | null) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'person', personKey],
    enabled: personKey !== null,
    queryFn: () => personHistory(db, personKey!),
  });
}

export interface LinkScope {
  county?: string | null;
  township?: string | null;
  village?: string | null;
  cycles: readonly number[];
}

/** Seats whose link is ambiguous, and how many roster rows carry an ID hashed under another office's key. */
export function usePersonLinkIssues(q: LinkScope | null) {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'personLinkIssues', JSON.stringify(q)],
    enabled: q !== null,
    queryFn: async () => ({
      ambiguous: await findAmbiguousLinks(db, q!),
      foreignIds: await countForeignIdHashes(db, await officeIdKeyId(db)),
    }),
  });
}
