import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb, usePersistence, usePersistenceStatus } from '../../app/dbContext';
import { downloadBytes } from '../../export/download';
import { saveSettings } from '../../queries/actions';
import { useCycles } from '../../queries/hooks';
import {
  EXPORTED_BY_SETTING,
  exportPackage,
  NothingToSendError,
  OFFICE_SETTING,
  useOfficeSettings,
  useTownships,
} from '../../queries/packages';
import { ActionOutcome, useDataAction } from './useDataAction';

/**
 * Makes a submission package (报送包) of the office's own data for a township and cycle: the
 * office's name is asked once and kept; the rosters go unless unticked.
 */
export function PackageExportCard() {
  const { t } = useTranslation();
  const db = useDb();
  const persistence = usePersistence();
  const { readOnly } = usePersistenceStatus();
  const settings = useOfficeSettings();
  const townships = useTownships();
  const cycles = useCycles();
  const [office, setOffice] = useState('');
  const [exportedBy, setExportedBy] = useState('');
  const [place, setPlace] = useState('');
  const [cycle, setCycle] = useState('');
  const [rosters, setRosters] = useState(true);
  const { busy, message, run } = useDataAction((e) => (e instanceof Error ? e.message : String(e)));

  useEffect(() => {
    if (!settings.data) return;
    setOffice((o) => o || settings.data.office || '');
    setExportedBy((b) => b || settings.data.exportedBy || '');
  }, [settings.data]);

  const exportIt = () =>
    run(async () => {
      const name = office.trim();
      if (!name) throw new Error(t('packages.needOffice'));
      const who = exportedBy.trim();
      // Kept for the next package (a read-only tab exports without keeping them).
      if (!readOnly)
        await saveSettings(db, persistence, {
          ...(name !== settings.data?.office ? { [OFFICE_SETTING]: name } : {}),
          ...(who !== (settings.data?.exportedBy ?? '') ? { [EXPORTED_BY_SETTING]: who } : {}),
        });
      const chosen = place ? (JSON.parse(place) as [string | null, string]) : null;
      const scope = { county: chosen?.[0] ?? null, township: chosen?.[1] ?? null, cycle: cycle ? Number(cycle) : null };
      try {
        const { manifest, bytes } = await exportPackage(db, { scope, office: name, exportedBy: who, includeRosters: rosters });
        const file = `${t('packages.fileName')}_${name}_${scope.township ?? t('packages.scopeAll')}_${scope.cycle ?? t('packages.cyclesAll')}_${manifest.exportedAt.slice(0, 10)}.zip`;
        downloadBytes(file, bytes, 'application/zip');
        return t('packages.exported', { name: file, imports: manifest.imports.length, parts: manifest.parts.length });
      } catch (e) {
        if (e instanceof NothingToSendError) throw new Error(t('packages.nothing'));
        throw e;
      }
    });

  return (
    <section className="card" data-section="packages">
      <h3>{t('packages.title')}</h3>
      <p className="muted">{t('packages.intro')}</p>
      <div className="form-grid">
        <label>
          {t('packages.office')}
          <input type="text" data-field="office" value={office} onChange={(e) => setOffice(e.target.value)} />
        </label>
        <label>
          {t('packages.exportedBy')}
          <input type="text" data-field="exported-by" value={exportedBy} onChange={(e) => setExportedBy(e.target.value)} />
        </label>
        <label>
          {t('packages.township')}
          <select data-field="package-township" value={place} onChange={(e) => setPlace(e.target.value)}>
            <option value="">{t('packages.allPlaces')}</option>
            {townships.map((p) => (
              <option key={JSON.stringify([p.county, p.township])} value={JSON.stringify([p.county, p.township])}>
                {p.county ? `${p.county} ${p.township}` : p.township}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('packages.cycle')}
          <select data-field="package-cycle" value={cycle} onChange={(e) => setCycle(e.target.value)}>
            <option value="">{t('packages.allCycles')}</option>
            {(cycles.data ?? []).map((y) => (
              <option key={y} value={String(y)}>
                {t('scope.year', { year: y })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">{t('packages.officeHint')}</p>
      <label className="checkbox">
        <input type="checkbox" data-field="include-rosters" checked={rosters} onChange={(e) => setRosters(e.target.checked)} />{' '}
        {t('packages.includeRosters')}
      </label>
      <p className="muted">{t('packages.rostersHint')}</p>
      <div className="actions">
        <button type="button" className="primary" data-action="export-package" disabled={busy} onClick={() => void exportIt()}>
          {t('packages.export')}
        </button>
      </div>
      <ActionOutcome message={message} state="package" />
    </section>
  );
}
