import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyUpdate, useServiceWorker } from './serviceWorker';
import './serviceWorker.css';

/** "Works offline" in the footer once cached; a reload prompt when a new version is waiting. */
export function ServiceWorkerNotice() {
  const { t } = useTranslation();
  const { offlineReady, needRefresh } = useServiceWorker();
  const [later, setLater] = useState(false);
  return (
    <>
      {offlineReady && (
        <span className="sw-offline" data-sw="offline-ready">
          {t('sw.offlineReady')}
        </span>
      )}
      {needRefresh && !later && (
        <div className="sw-update" role="status" data-sw="update">
          {t('sw.updateReady')}
          <button type="button" data-action="sw-reload" onClick={applyUpdate}>
            {t('sw.reload')}
          </button>
          <button type="button" className="link" data-action="sw-later" onClick={() => setLater(true)}>
            {t('sw.later')}
          </button>
        </div>
      )}
    </>
  );
}
