import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersistenceIfReady, usePersistenceStatus } from './dbContext';
import type { Persistence } from '../store/persistence';
import { clearImporting, interruptedImport } from './interruptedImport';

/** Says, on every view, when this tab is read-only, has unsaved data, or shows outdated data. */
export function StoreBanner() {
  const persistence = usePersistenceIfReady();
  // Before the data is in (the sample's first dashboard) nothing is saved, read-only or outdated yet.
  return persistence ? <Banner persistence={persistence} /> : null;
}

function Banner({ persistence }: { persistence: Persistence }) {
  const { t } = useTranslation();
  const status = usePersistenceStatus();
  const [stale, setStale] = useState(false);
  // Read once, at the start: an import this tab runs later notes itself again. Only the tab that
  // holds the data (not a read-only one beside a tab that is importing) can tell it was cut off.
  const [interrupted, setInterrupted] = useState(() => (status.readOnly ? null : interruptedImport()));
  useEffect(() => persistence.onOtherTabSaved(() => setStale(true)), [persistence]);
  if (interrupted)
    return (
      <div className="store-banner" role="alert" data-store-banner="interrupted-import">
        <span>
          {t('store.importInterrupted', { files: interrupted.files.join('、'), time: new Date(interrupted.startedAt).toLocaleString() })}
        </span>{' '}
        <button
          type="button"
          data-action="dismiss-interrupted"
          onClick={() => {
            clearImporting();
            setInterrupted(null);
          }}
        >
          {t('store.understood')}
        </button>
      </div>
    );
  if (!status.readOnly && !stale && status.unsaved.length === 0 && status.kind !== 'memory') return null;
  return (
    <div
      className="store-banner"
      role="status"
      data-store-banner={status.readOnly ? 'read-only' : stale ? 'stale' : status.unsaved.length ? 'unsaved' : 'memory'}
    >
      {status.readOnly && <span>{t('store.readOnly')}</span>}
      {stale && (
        <span>
          {t('store.otherTabSaved')}{' '}
          <button type="button" onClick={() => location.reload()}>
            {t('store.reload')}
          </button>
        </span>
      )}
      {status.unsaved.length > 0 && <span>{t('store.quotaFull')}</span>}
      {status.kind === 'memory' && <span>{t('store.where', { kind: t('store.kind_memory') })}</span>}
    </div>
  );
}
