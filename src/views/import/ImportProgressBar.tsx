import { useTranslation } from 'react-i18next';
import type { ImportProgress } from '../../app/importer';

/** Where a running import is, with the one button that stops it before anything is written. */
export function ImportProgressBar({ progress, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const { t } = useTranslation();
  const cancellable = progress.phase === 'staging' || progress.phase === 'asking';
  return (
    <div className="card import-progress" role="status" aria-live="polite" data-import-phase={progress.phase}>
      <progress value={progress.phase === 'staging' ? progress.done : progress.total} max={Math.max(1, progress.total)} />
      <span>
        {t(`import.progress_${progress.phase}`, {
          file: progress.fileName ?? '',
          done: progress.done + (progress.phase === 'staging' ? 1 : 0),
          total: progress.total,
          rows: progress.rows.toLocaleString(),
        })}
      </span>
      {cancellable && (
        <button type="button" data-action="cancel-import" onClick={onCancel}>
          {t('import.cancelImport')}
        </button>
      )}
    </div>
  );
}
