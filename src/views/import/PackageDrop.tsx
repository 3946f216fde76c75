/**
 * Submission packages dropped on the import page: each is checked in full (every part against
 * its checksum) as it is dropped, listed with where it comes from, and merged on "confirm" with
 * the files beside it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { openPackage, PackageError, zipKind, type OpenedPackage } from '../../queries/packages';

export interface PackageEntry {
  id: string;
  opened: OpenedPackage;
  status: 'pending' | 'importing' | 'done' | 'skipped';
  importIds: number[];
}

let nextId = 0;

/** Why a dropped package is refused, in the UI language (the part and the file named). */
function refusalText(t: TFunction, fileName: string, e: unknown): string {
  if (!(e instanceof PackageError)) return t('packages.malformed', { file: fileName });
  switch (e.code) {
    case 'damaged_part':
      return t('packages.damaged', { file: fileName, part: e.part ?? '' });
    case 'missing_part':
      return t('packages.missing', { file: fileName, part: e.part ?? '' });
    case 'newer':
      return t('packages.newer', { file: fileName });
    case 'not_package':
      return t('packages.notPackage', { file: fileName });
    default:
      return t('packages.malformed', { file: fileName });
  }
}

export function usePackageEntries() {
  const { t } = useTranslation();
  const [packages, setPackages] = useState<PackageEntry[]>([]);

  /**
   * Takes a dropped file if it is a .zip: a package is opened and checked, anything else refused
   * with a reason. Null when the file is not a zip (the spreadsheet import reads it).
   */
  async function take(file: File): Promise<{ refused: string; details: string } | 'taken' | null> {
    if (!/\.zip$/i.test(file.name)) return null;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = zipKind(bytes);
    if (kind === 'archive') return { refused: t('packages.isArchive', { file: file.name }), details: '' };
    try {
      const opened = await openPackage(bytes, file.name);
      setPackages((prev) => [
        ...prev.filter((p) => p.status === 'pending'),
        { id: `p${++nextId}`, opened, status: 'pending', importIds: [] },
      ]);
      return 'taken';
    } catch (e) {
      return { refused: refusalText(t, file.name, e), details: `${file.name}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  const update = (id: string, change: Partial<PackageEntry>) =>
    setPackages((prev) => prev.map((p) => (p.id === id ? { ...p, ...change } : p)));
  const remove = (id: string) => setPackages((prev) => prev.filter((p) => p.id !== id));
  return { packages, pending: packages.filter((p) => p.status === 'pending'), take, update, remove };
}

export function PackageList({ packages, onRemove }: { packages: readonly PackageEntry[]; onRemove: (id: string) => void }) {
  const { t } = useTranslation();
  if (packages.length === 0) return null;
  return (
    <>
      {packages.map(({ id, opened, status, importIds }) => {
        const m = opened.manifest;
        return (
          <section key={id} className="card" data-package-file={opened.fileName} data-state={status}>
            <h3>
              {t('packages.dropped')} · {opened.fileName}
            </h3>
            <p>
              {t('packages.from', {
                office: m.office,
                date: new Date(m.exportedAt).toLocaleString(),
                by: m.exportedBy ? t('packages.by', { name: m.exportedBy }) : '',
              })}
            </p>
            <p className="muted">
              {t('packages.contents', {
                imports: m.imports.length,
                parts: m.parts.length,
                rosters: m.rostersIncluded ? t('packages.withRosters') : t('packages.countsOnly'),
              })}
            </p>
            {status === 'done' && (
              <p className="ok-text" role="status">
                {t('packages.merged', { file: opened.fileName, n: importIds.length })}
              </p>
            )}
            {status === 'skipped' && <p className="muted">{t('packages.skipped', { file: opened.fileName })}</p>}
            {status === 'pending' && (
              <div className="actions">
                <button type="button" className="link" onClick={() => onRemove(id)}>
                  {t('import.remove')}
                </button>
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
