import { useTranslation } from 'react-i18next';
import type { ImportProgress } from '../../app/importer';
import type { Progress } from '../../import/stream';
import { formatBytes } from '../../import/limits';

/**
 * Where a running import is — rows and megabytes read while a file is checked — with the one
 * button that stops it before anything is written.
 */
export function ImportProgressBar({ progress, read, onCancel }: { progress: ImportProgress; read: Progress | null; onCancel: () => void }) {
  const { t } = useTranslation();
  const cancellable = progress.phase === 'staging' || progress.phase === 'asking';
  const reading = progress.phase === 'staging' && read;
  return (
    <div className="card import-progress" role="status" aria-live="polite" data-import-phase={progress.phase}>
      {reading ? (
        <progress value={read.bytes} max={Math.max(1, read.totalBytes)} data-progress-bytes={read.bytes} />
      ) : (
        <progress value={progress.phase === 'staging' ? progress.done : progress.total} max={Math.max(1, progress.total)} />
      )}
      <span>
        {reading
          ? t('import.progress_reading', {
              file: progress.fileName ?? '',
              rows: read.rows.toLocaleString(),
              read: formatBytes(read.bytes),
              total: formatBytes(read.totalBytes),
              pct: Math.floor((100 * read.bytes) / Math.max(1, read.totalBytes)),
            })
          : t(`import.progress_${progress.phase}`, {
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
