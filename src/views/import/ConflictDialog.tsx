import { useTranslation } from 'react-i18next';
import type { ConflictAnswer } from '../../app/importer';
import type { Conflict } from '../../queries/types';
import { PlacesQuestion } from './PlacesQuestion';

export function ConflictDialog({
  fileName,
  conflicts,
  onAnswer,
  onCancelAll,
}: {
  fileName: string;
  conflicts: readonly Conflict[];
  onAnswer: (a: ConflictAnswer) => void;
  /** Stops the whole batch: nothing of it is written. */
  onCancelAll: () => void;
}) {
  const { t } = useTranslation();
  return (
    <PlacesQuestion
      dialog="conflict"
      title={t('import.conflictTitle')}
      text={t('import.conflictText', { file: fileName, n: conflicts.length })}
      places={conflicts.map((c) => ({ ...c, note: String(c.existing_rows) }))}
      onCancelAll={onCancelAll}
    >
      <button type="button" className="primary" data-action="conflict-replace" onClick={() => onAnswer('replace')}>
        {t('import.replace')}
      </button>
      <button type="button" data-action="conflict-keep" onClick={() => onAnswer('keep')}>
        {t('import.keepBoth')}
      </button>
      <button type="button" data-action="conflict-cancel" onClick={() => onAnswer('cancel')}>
        {t('import.cancel')}
      </button>
    </PlacesQuestion>
  );
}
