import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteImports } from '../db/queries';
import { useDb, usePersistence } from './DbProvider';
import { useInvalidateData, useSampleState } from './hooks';

/** Sample figures must never pass for real ones: say so on every view while they are loaded. */
export function SampleBanner({ onCleared }: { onCleared: () => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const persistence = usePersistence();
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
        disabled={busy}
        onClick={async () => {
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
