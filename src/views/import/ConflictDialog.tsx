import { useTranslation } from 'react-i18next';
import type { ConflictAnswer } from '../../app/importer';
import type { Conflict } from '../../db/load';

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
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="conflict-title" data-dialog="conflict">
        <h3 id="conflict-title">{t('import.conflictTitle')}</h3>
        <p>{t('import.conflictText', { file: fileName, n: conflicts.length })}</p>
        <ul className="conflicts">
          {conflicts.slice(0, 20).map((c, i) => (
            <li key={i}>
              {c.township ? `${c.township} · ` : ''}
              {c.village} · {c.cycle_year} · {t(`body.${c.body}` as 'body.party_branch')} ({c.existing_rows})
            </li>
          ))}
          {conflicts.length > 20 && <li>…</li>}
        </ul>
        <div className="actions">
          <button type="button" className="primary" data-action="conflict-replace" onClick={() => onAnswer('replace')}>
            {t('import.replace')}
          </button>
          <button type="button" data-action="conflict-keep" onClick={() => onAnswer('keep')}>
            {t('import.keepBoth')}
          </button>
          <button type="button" data-action="conflict-cancel" onClick={() => onAnswer('cancel')}>
            {t('import.cancel')}
          </button>
          <button type="button" data-action="cancel-import" onClick={onCancelAll}>
            {t('import.cancelImport')}
          </button>
        </div>
      </div>
    </div>
  );
}
