/**
 * Submission packages as the views use them: the office's name (a saved setting), the scopes a
 * package can be made for, making one, and opening and merging the packages dropped on the import
 * page (src/app/packageImporter.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { useDb } from '../app/dbContext';
import { getSetting } from '../db/savedTables';
import type { Db } from '../db/types';
import { isZip } from '../store/archive';
import { isPackageManifest, PACKAGE_MANIFEST } from '../store/package/format';
import { writePackage, type PackageRequest } from '../store/package/write';
import { unzipSync } from 'fflate';
import { usePlaces } from './hooks';

export { importPackages, type PackageBatchOutcome } from '../app/packageImporter';
export { openPackage, PackageError, type OpenedPackage, type PackageManifest, type PackageScope } from '../store/package/format';
export { NothingToSendError, type PackageRequest } from '../store/package/write';

/** app_settings keys. */
export const OFFICE_SETTING = 'office_name';
export const EXPORTED_BY_SETTING = 'package_exported_by';

export function useOfficeSettings() {
  const db = useDb();
  return useQuery({
    queryKey: ['data', 'settings', 'package'],
    queryFn: async () => ({ office: await getSetting(db, OFFICE_SETTING), exportedBy: await getSetting(db, EXPORTED_BY_SETTING) }),
  });
}

/** The townships a package can be made for (with their county: names repeat across counties). */
export function useTownships(): { county: string | null; township: string }[] {
  const places = usePlaces();
  const seen = new Map<string, { county: string | null; township: string }>();
  for (const p of places.data ?? [])
    if (p.township !== null) seen.set(JSON.stringify([p.county, p.township]), { county: p.county, township: p.township });
  return [...seen.values()];
}

export async function exportPackage(db: Db, req: PackageRequest) {
  return writePackage(db, req);
}

/** What a dropped .zip is, from its manifest alone: a package, a backup archive, or neither. */
export function zipKind(bytes: Uint8Array): 'package' | 'archive' | 'other' {
  if (!isZip(bytes)) return 'other';
  try {
    const m = unzipSync(bytes, { filter: (f) => f.name === PACKAGE_MANIFEST })[PACKAGE_MANIFEST];
    if (!m) return 'other';
    return isPackageManifest(m) ? 'package' : 'archive';
  } catch {
    return 'other';
  }
}
