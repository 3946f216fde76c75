import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersistence, usePersistenceStatus } from '../../app/dbContext';
import { useSampleState } from '../../queries/hooks';
import { downloadBytes } from '../../export/download';
import { formatBytes } from '../../import/limits';
import { buildArchive, readArchive } from '../../store/archive';
import { QuotaError } from '../../store/fileStore';
import { storageEstimate } from '../../store/tabLock';
import { ActionOutcome, useDataAction } from './useDataAction';
import { errorText, FailureWithDetails } from '../../ui/TechnicalDetails';

/** Where the data is saved, how full it is, and the backup, restore and undo actions. */
export function StorageCard() {
  const { t } = useTranslation();
  const persistence = usePersistence();
  const sampleState = useSampleState();
  const status = usePersistenceStatus();
  const estimate = useQuery({ queryKey: ['storage-estimate', status.savedAt], queryFn: storageEstimate });
  const { busy, message, run } = useDataAction((e) =>
    e instanceof QuotaError ? t('store.quotaFull') : e instanceof Error ? e.message : String(e),
  );
  const fileRef = useRef<HTMLInputElement>(null);

  const e = estimate.data;
  return (
    <section className="card" data-section="storage" data-store-kind={status.kind} data-read-only={status.readOnly ? 'true' : 'false'}>
      <h3>{t('store.backup')}</h3>
      {status.readOnly && (
        <p className="error" role="alert" data-state="read-only">
          {t('store.readOnly')}
        </p>
      )}
      <p>
        {t('store.where', { kind: t(`store.kind_${status.kind}`) })}
        {e && e.usage !== null && e.quota !== null
          ? ` · ${t('store.usage', { usage: formatBytes(e.usage), left: formatBytes(Math.max(0, e.quota - e.usage)), quota: formatBytes(e.quota) })}`
          : ''}
      </p>
      {status.kind !== 'memory' && <p className="muted">{e?.persisted ? t('store.persisted') : t('store.notPersisted')}</p>}
      {status.unsaved.length > 0 && (
        <p className="error" role="alert" data-state="unsaved">
          {t('store.unsaved', { n: status.unsaved.length })}{' '}
          <button
            type="button"
            data-action="retry-save"
            disabled={busy}
            onClick={() => run(async () => (await persistence.save([]), t('store.saved')))}
          >
            {t('store.retrySave')}
          </button>
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          data-action="export-archive"
          disabled={busy}
          onClick={() =>
            run(async () => {
              // The bundled sample comes with the app: a backup of it alone would hold nothing of the user's.
              if ((await sampleState.refetch()).data?.user === false) return t('store.nothingToBackUp');
              const name = `${t('store.archiveName')}-${new Date().toISOString().slice(0, 10)}.zip`;
              downloadBytes(name, buildArchive(await persistence.snapshotFiles()), 'application/zip');
              return t('store.archiveDownloaded', { name });
            })
          }
        >
          {t('store.exportArchive')}
        </button>
        <label className={`button${busy || status.readOnly ? ' disabled' : ''}`}>
          {t('store.importArchive')}
          <input
            ref={fileRef}
            type="file"
            accept=".zip,application/zip"
            data-action="import-archive"
            disabled={busy || status.readOnly}
            onChange={(ev) => {
              const file = ev.target.files?.[0];
              if (fileRef.current) fileRef.current.value = '';
              if (!file || !confirm(t('store.archiveConfirm', { name: file.name }))) return;
              void run(async () => {
                try {
                  const n = await persistence.replaceWith(readArchive(new Uint8Array(await file.arrayBuffer())));
                  return t('store.archiveDone', { n });
                } catch (err) {
                  throw new FailureWithDetails(t('store.archiveFailed'), errorText(err));
                }
              });
            }}
          />
        </label>
        <button
          type="button"
          data-action="undo-delete"
          disabled={busy || !status.canUndo || status.readOnly}
          onClick={() => run(async () => t('store.undone', { n: await persistence.undoDelete() }))}
        >
          {t('store.undo')}
        </button>
      </div>
      <p className="muted" data-note="backup-ids">
        {t('store.backupIds')}
      </p>
      <ActionOutcome message={message} state="storage" />
    </section>
  );
}
