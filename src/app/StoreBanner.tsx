import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersistenceIfReady, usePersistenceStatus } from './dbContext';
import type { Persistence } from '../store/persistence';

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
  useEffect(() => persistence.onOtherTabSaved(() => setStale(true)), [persistence]);
  if (!status.readOnly && !stale && status.unsaved.length === 0 && status.kind !== 'memory') return null;
  return (
    <div className="store-banner" role="status" data-store-banner={status.readOnly ? 'read-only' : stale ? 'stale' : status.unsaved.length ? 'unsaved' : 'memory'}>
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
