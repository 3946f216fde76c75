import { useTranslation } from 'react-i18next';
import type { SourceAnswer } from '../../app/importer';
import type { Overlap } from '../../queries/types';
import { PlacesQuestion } from './PlacesQuestion';

/** A roster and a statistical table of the same village × cycle × body: which one counts. */
export function SourceDialog({
  fileName,
  overlaps,
  onAnswer,
  onCancelAll,
}: {
  fileName: string;
  overlaps: readonly Overlap[];
  onAnswer: (a: SourceAnswer) => void;
  /** Stops the whole batch: nothing of it is written. */
  onCancelAll: () => void;
}) {
  const { t } = useTranslation();
  return (
    <PlacesQuestion
      dialog="source"
      title={t('statTables.sourceTitle')}
      text={t('statTables.sourceText', { file: fileName, n: overlaps.length })}
      places={overlaps}
      hint={t('statTables.sourceHint')}
      onCancelAll={onCancelAll}
    >
      <button type="button" className="primary" data-action="source-roster" onClick={() => onAnswer('roster')}>
        {t('statTables.useRoster')}
      </button>
      <button type="button" data-action="source-table" onClick={() => onAnswer('table')}>
        {t('statTables.useTable')}
      </button>
      <button type="button" data-action="source-cancel" onClick={() => onAnswer('cancel')}>
        {t('statTables.cancelFile')}
      </button>
    </PlacesQuestion>
  );
}
