import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteImports } from '../db/queries';
import { useDb, usePersistenceIfReady } from './dbContext';
import { useInvalidateData, useSampleState } from '../queries/hooks';

/** Sample figures must never pass for real ones: say so on every view while they are loaded. */
export function SampleBanner({ onCleared }: { onCleared: () => void }) {
  const { t } = useTranslation();
  const db = useDb();
  // Null while the engine starts (the sample's dashboard shows from its snapshot): clearing waits for it.
  const persistence = usePersistenceIfReady();
  const invalidate = useInvalidateData();
  const state = useSampleState();
  const [busy, setBusy] = useState(false);
  if (!state.data?.sample) return null;
  return (
    <div className="sample-banner" role="status" data-sample="true">
      <span>{t('sample.banner')}</span>
      <button
        type="button"
        data-action="clear-sample"
        disabled={busy || !persistence}
        onClick={async () => {
          if (!persistence) return;
          setBusy(true);
          try {
            await deleteImports(db, 'sample');
            // Remembered, so the sample does not come back on the next start.
            await persistence.dismissSample().catch(() => undefined);
            await invalidate();
            onCleared();
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('sample.clear')}
      </button>
    </div>
  );
}
