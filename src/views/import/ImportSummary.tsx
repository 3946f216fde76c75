import { useTranslation } from 'react-i18next';
import type { FileEntry } from './entry';

interface Props {
  entries: readonly FileEntry[];
  busy: boolean;
  /** A file is still being read and checked. */
  checking: boolean;
  readyCount: number;
  waitingCount: number;
  onConfirm: () => void;
  onShowData: () => void;
}

/**
 * The three counts that must add up to the data rows, summed over the files: pending files
 * before the import, imported files after it.
 */
export function ImportSummary({ entries, busy, checking, readyCount, waitingCount, onConfirm, onShowData }: Props) {
  const { t } = useTranslation();
  const done = entries.filter((e) => e.status === 'done');
  // Once nothing is left to import, the summary shows what was imported; until then, what will be.
  const isDone = !busy && readyCount === 0 && done.length > 0;
  const counted = isDone ? done : entries.filter((e) => e.status === 'pending' || e.status === 'importing');
  const sum = { dataRows: 0, imported: 0, warned: 0, rejected: 0, skipped: 0 };
  for (const e of counted) {
    const c = e.check?.status === 'done' ? e.check.staged.report.counts : undefined;
    if (!c) continue;
    sum.dataRows += c.dataRows;
    sum.imported += c.imported;
    sum.warned += c.warned;
    sum.rejected += c.rejected;
    sum.skipped += c.skipped;
  }
  return (
    <section
      className="card summary"
      aria-live="polite"
      data-state={busy ? 'importing' : isDone ? 'done' : checking ? 'checking' : 'pending'}
    >
      <h3>
        {t('import.summary')} · {isDone ? t('import.summaryDone') : t('import.summaryPending')}
      </h3>
      <dl className="counts">
        <div>
          <dt>{t('import.dataRows')}</dt>
          <dd data-count="data">{sum.dataRows}</dd>
        </div>
        <div className="ok">
          <dt>{t('import.imported')}</dt>
          <dd data-count="imported">{sum.imported}</dd>
        </div>
        <div className="warn">
          <dt>{t('import.warnings')}</dt>
          <dd data-count="warnings">{sum.warned}</dd>
        </div>
        <div className="bad">
          <dt>{t('import.rejected')}</dt>
          <dd data-count="rejected">{sum.rejected}</dd>
        </div>
        <div>
          <dt>{t('import.skipped')}</dt>
          <dd data-count="skipped">{sum.skipped}</dd>
        </div>
      </dl>
      {done.some((e) => e.outcome?.sampleCleared) && <p className="muted">{t('import.sampleCleared')}</p>}
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-action="confirm-import"
          disabled={busy || checking || readyCount === 0}
          onClick={onConfirm}
        >
          {busy
            ? t('import.importing')
            : checking
              ? t('import.checking')
              : `${t('import.confirm')}${readyCount > 1 ? ` (${readyCount})` : ''}`}
        </button>
        {done.length > 0 && (
          <button type="button" onClick={onShowData} data-action="show-data">
            {t('import.goData')}
          </button>
        )}
        {waitingCount > 0 && !busy && <span className="muted">{t('import.needConfirm')}</span>}
      </div>
    </section>
  );
}
