import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb, usePersistence, usePersistenceStatus } from '../../app/dbContext';
import { markVillage, type CompletenessVillage, type VillageMarkKind } from '../../queries/completeness';
import { useInvalidateData } from '../../queries/hooks';
import { DownloadableTable } from '../DownloadableTable';
import { usePaged } from '../Pager';
import { villageHeaders, villageTable } from './completenessTables';

const PAGE = 200;

/**
 * Every expected village: what it has reported, its election date, and its 重点村 / 难点村 boxes
 * (ticking one saves it at once). "Only villages not reported" narrows it to the follow-up list.
 */
export function VillageTable({ rows, cycle }: { rows: readonly CompletenessVillage[]; cycle: number }) {
  const { t } = useTranslation();
  const db = useDb();
  const persistence = usePersistence();
  const { readOnly } = usePersistenceStatus();
  const invalidate = useInvalidateData();
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const list = onlyMissing ? rows.filter((v) => !v.vc_results) : rows;
  const { shown, pager } = usePaged(list, PAGE, 'completeness-villages');

  const toggle = async (v: CompletenessVillage, mark: VillageMarkKind, on: boolean) => {
    setBusy(`${v.village_key}|${mark}`);
    setFailed(false);
    try {
      await markVillage(db, persistence, v.village_key, mark, on);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
      await invalidate();
    }
  };
  const box = (v: CompletenessVillage, mark: VillageMarkKind, checked: boolean) => (
    <td className="center">
      <input
        type="checkbox"
        checked={checked}
        disabled={readOnly || busy !== null}
        data-mark={mark}
        aria-label={`${v.village} ${t(mark === 'key' ? 'completeness.markKey' : 'completeness.markDifficult')}`}
        onChange={(e) => void toggle(v, mark, e.target.checked)}
      />
    </td>
  );
  const status = (b: boolean) => (
    <td className={b ? undefined : 'error'} data-reported-status={b ? 'yes' : 'no'}>
      {b ? t('completeness.reported') : t('completeness.notReported')}
    </td>
  );

  return (
    <section className="card">
      <h3>{t('completeness.villages')}</h3>
      <p className="muted">{t('completeness.marksHint')}</p>
      {failed && (
        <p className="error" role="alert">
          {t('completeness.markFailed')}
        </p>
      )}
      <label>
        <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} data-control="only-missing" />{' '}
        {t('completeness.onlyMissing')}
      </label>
      {pager}
      <DownloadableTable
        headers={villageHeaders(t)}
        table={() => villageTable(t, list, cycle)}
        fileName={t('completeness.villagesFileName', { cycle })}
        action="export-completeness-villages"
        tableAttrs={{ 'data-table': 'completeness-villages' }}
      >
        {shown.map((v) => (
          <tr key={v.village_key} data-village={v.village_key} data-village-name={v.village} data-township={v.township ?? ''}>
            <td>{v.county}</td>
            <td>{v.township}</td>
            <td>{v.village}</td>
            <td>{v.village_code}</td>
            {status(v.vc_results)}
            {status(v.pb_results)}
            {status(v.vc_roster)}
            {status(v.pb_roster)}
            <td>{v.election_date}</td>
            {box(v, 'key', v.is_key)}
            {box(v, 'difficult', v.is_difficult)}
          </tr>
        ))}
      </DownloadableTable>
    </section>
  );
}
