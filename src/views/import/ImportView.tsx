import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importBatch, type ConflictAnswer, type ImportProgress, type SourceAnswer } from '../../app/importer';
import { useDb, usePersistence, usePersistenceStatus } from '../../app/dbContext';
import { useInvalidateData } from '../../queries/hooks';
import { importWorker } from '../../app/importWorkerClient';
import { useRoute } from '../../app/route';
import type { Conflict } from '../../queries/types';
import { discardStaged } from '../../queries/actions';
import type { TextEncodingId } from '../../import/encoding';
import { formatBytes, MAX_ROWS, refusal } from '../../import/limits';
import { requestPersistentStorage } from '../../store/tabLock';
import { ImportProgressBar } from './ImportProgressBar';
import { clearImporting, markImporting } from '../../app/interruptedImport';
import { errorText, TechnicalDetails } from '../../ui/TechnicalDetails';
import { blockers, createEntry, hasNoDataRows, planOf, planSignature, withSheet, type FileEntry } from './entry';
import { FileCard } from './FileCard';
import { ImportSummary } from './ImportSummary';
import { ConflictDialog } from './ConflictDialog';
import { useChecks } from './useChecks';
import type { Overlap } from '../../queries/types';
import { SourceDialog } from './SourceDialog';
import { PackageList, usePackageEntries } from './PackageDrop';
import { importPackages } from '../../queries/packages';

interface PendingQuestion {
  fileName: string;
  conflicts: Conflict[];
  answer: (a: ConflictAnswer) => void;
}

interface PendingSourceQuestion {
  fileName: string;
  overlaps: Overlap[];
  answer: (a: SourceAnswer) => void;
}

export function ImportView({ onShowData }: { onShowData: () => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const persistence = usePersistence();
  const { readOnly } = usePersistenceStatus();
  const [route, navigate] = useRoute();
  const replaceParam = route.params.get('replaceCycle');
  const replaceCycle = replaceParam && /^\d{4}$/.test(replaceParam) ? Number(replaceParam) : null;
  const invalidate = useInvalidateData();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [entries, setEntries] = useState<FileEntry[]>([]);
  const [opening, setOpening] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A library's own words behind the error, folded under it.
  const [errorDetails, setErrorDetails] = useState<string | null>(null);
  const [question, setQuestion] = useState<PendingQuestion | null>(null);
  const [sourceQuestion, setSourceQuestion] = useState<PendingSourceQuestion | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const update = useCallback(
    (id: string, fn: (e: FileEntry) => FileEntry) => setEntries((prev) => prev.map((e) => (e.id === id ? fn(e) : e))),
    [],
  );
  const checks = useChecks(db, entries, update);
  const packages = usePackageEntries();
  useEffect(() => importWorker.warm(), []);

  async function addFiles(list: FileList | null) {
    if (!list) return;
    const files = Array.from(list);
    if (inputRef.current) inputRef.current.value = '';
    const refused: string[] = [];
    const details: string[] = [];
    setEntries((prev) => prev.filter((p) => p.status === 'pending'));
    for (const f of files) {
      // A submission package (a .zip): checked in full here, merged on confirm.
      const pkg = await packages.take(f);
      if (pkg === 'taken') continue;
      if (pkg !== null) {
        refused.push(pkg.refused);
        if (pkg.details) details.push(pkg.details);
        continue;
      }
      // Refused before reading: a file this large would take the tab down.
      const why = refusal(f.name, f.size);
      if (why) {
        refused.push(t(`import.tooLarge_${why.reason}`, { name: f.name, size: formatBytes(f.size), limit: formatBytes(why.limit) }));
        continue;
      }
      setOpening((o) => [...o, f.name]);
      try {
        const opened = await importWorker.open(f, f.name);
        if (opened.estimatedRows > MAX_ROWS) {
          importWorker.close(opened.handle);
          refused.push(
            t('import.tooManyRows', { name: f.name, rows: opened.estimatedRows.toLocaleString(), limit: MAX_ROWS.toLocaleString() }),
          );
          continue;
        }
        setEntries((prev) => [...prev, createEntry(f, f.name, opened)]);
      } catch (e) {
        refused.push(t('import.openFailed', { name: f.name }));
        details.push(`${f.name}: ${errorText(e)}`);
      } finally {
        setOpening((o) => o.filter((n) => n !== f.name));
      }
    }
    setError(refused.length ? refused.join('\n') : null);
    setErrorDetails(details.length ? details.join('\n') : null);
  }

  async function reopen(entry: FileEntry, encoding: TextEncodingId) {
    const opened = await importWorker.open(entry.file, entry.fileName, encoding);
    importWorker.close(entry.handle);
    update(entry.id, (e) => ({ ...createEntry(e.file, e.fileName, opened, e.id), check: e.check }));
  }

  function remove(entry: FileEntry) {
    if (entry.check?.status === 'done' && entry.status !== 'done') void discardStaged(db, entry.check.staged);
    importWorker.close(entry.handle);
    setEntries((prev) => prev.filter((p) => p.id !== entry.id));
  }

  const checked = (e: FileEntry) => (e.check?.status === 'done' ? e.check.staged : null);
  const ready = entries.filter((e) => e.status === 'pending' && blockers(e).length === 0 && checked(e) && !hasNoDataRows(e));
  const waiting = entries.filter((e) => e.status === 'pending' && !ready.includes(e) && !hasNoDataRows(e));
  const checking = entries.find((e) => e.check?.status === 'running');
  // Until every file is opened and checked with its current plan, the counts are not final.
  const unsettled =
    opening.length > 0 ||
    entries.some((e) => {
      if (e.status !== 'pending') return false;
      const plan = planOf(e);
      return e.check?.status === 'running' || (plan !== null && e.check?.signature !== planSignature(plan));
    });

  async function confirmAll() {
    if (ready.length > 0) await confirmFiles();
    if (packages.pending.length > 0) await confirmPackages();
  }

  /** Merges the dropped packages beside the data already here, asking where they overlap it. */
  async function confirmPackages() {
    setBusy(true);
    if (ready.length === 0) {
      setError(null);
      setErrorDetails(null);
      setNotice(null);
    }
    const batch = [...packages.pending];
    const ctl = new AbortController();
    abortRef.current = ctl;
    for (const p of batch) packages.update(p.id, { status: 'importing' });
    try {
      const out = await importPackages(
        db,
        batch.map((p) => p.opened),
        {
          ask: (fileName, conflicts) => new Promise<ConflictAnswer>((resolve) => setQuestion({ fileName, conflicts, answer: resolve })),
          persistence,
          signal: ctl.signal,
        },
      );
      setQuestion(null);
      batch.forEach((p, k) => {
        const o = out.packages[k]!;
        packages.update(p.id, out.cancelled ? { status: 'pending' } : { status: o.skipped ? 'skipped' : 'done', importIds: o.importIds });
      });
      if (out.cancelled) setNotice(t('import.batchCancelled'));
      if (out.saveError) {
        setError(out.saveError.quota ? t('store.quotaFull') : t('store.saveFailed'));
        setErrorDetails(out.saveError.quota ? null : out.saveError.message);
      }
      await invalidate();
    } catch (err) {
      setQuestion(null);
      for (const p of batch) packages.update(p.id, { status: 'pending' });
      setError(t('import.failed'));
      setErrorDetails(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      abortRef.current = null;
    }
  }

  async function confirmFiles() {
    setBusy(true);
    setError(null);
    setErrorDetails(null);
    setNotice(null);
    const batch = [...ready];
    const ctl = new AbortController();
    abortRef.current = ctl;
    for (const entry of batch) update(entry.id, (e) => ({ ...e, status: 'importing' }));
    markImporting(batch.map((e) => e.fileName));
    try {
      const out = await importBatch(
        db,
        batch.map((entry) => ({
          stage: async () => checked(entry)!,
          meta: {
            fileName: entry.fileName,
            sheetName: entry.analysis.source.format === 'csv' ? null : (entry.analysis.source.sheets[entry.sheetIndex]?.name ?? null),
            encoding: entry.analysis.source.encoding?.chosen ?? null,
          },
        })),
        {
          ask: (fileName, conflicts) => new Promise<ConflictAnswer>((resolve) => setQuestion({ fileName, conflicts, answer: resolve })),
          askSource: (fileName, overlaps) =>
            new Promise<SourceAnswer>((resolve) => setSourceQuestion({ fileName, overlaps, answer: resolve })),
          signal: ctl.signal,
          onProgress: setProgress,
          persistence,
          replaceCycle,
        },
      );
      setQuestion(null);
      setSourceQuestion(null);
      if (out.cancelled) {
        // The staged rows went with the cancel: each file is checked again if it is imported later.
        for (const entry of batch) update(entry.id, (e) => ({ ...e, status: 'pending', check: null }));
        setNotice(t('import.batchCancelled'));
      } else {
        batch.forEach((entry, k) => {
          const item = out.items[k]!;
          update(entry.id, (e) => ({
            ...e,
            status: item.skipped ? 'cancelled' : 'done',
            outcome: {
              importId: item.importId,
              cancelled: item.skipped,
              conflicts: item.conflicts,
              sampleCleared: out.sampleCleared,
              overlaps: item.overlaps,
              source: item.source,
            },
          }));
        });
        if (out.saveError) {
          setError(out.saveError.quota ? t('store.quotaFull') : t('store.saveFailed'));
          setErrorDetails(out.saveError.quota ? null : out.saveError.message);
        } else void requestPersistentStorage();
        if (replaceCycle !== null) navigate({ replaceCycle: null });
      }
      await invalidate();
    } catch (err) {
      setQuestion(null);
      setSourceQuestion(null);
      const message = err instanceof Error ? err.message : String(err);
      for (const entry of batch) update(entry.id, (e) => ({ ...e, status: 'failed', error: message, check: null }));
      // In the UI language; the engine's own words are folded under it and under each file.
      setError(t('import.failed'));
      setErrorDetails(message);
    } finally {
      clearImporting();
      setBusy(false);
      setProgress(null);
      abortRef.current = null;
    }
  }

  const cancelBatch = () => {
    abortRef.current?.abort();
    // A pending question is answered too, so the batch can stop.
    question?.answer('cancel');
    setQuestion(null);
    sourceQuestion?.answer('cancel');
    setSourceQuestion(null);
  };

  const cancelCheck = () => {
    checks.cancel();
    setNotice(t('import.checkCancelled'));
  };

  return (
    <div className="import-view">
      <h2>{t('import.heading')}</h2>
      <p className="muted">{t('import.intro')}</p>
      {readOnly && (
        <p className="error" role="alert" data-state="read-only">
          {t('store.readOnly')}
        </p>
      )}
      {replaceCycle !== null && (
        <p className="notice" data-replace-cycle={replaceCycle}>
          {t('store.replaceCycleBanner', { year: replaceCycle })}{' '}
          <button type="button" className="link" onClick={() => navigate({ replaceCycle: null })}>
            {t('store.cancelReplace')}
          </button>
        </p>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the file input inside it is the keyboard's way */}
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void addFiles(e.dataTransfer.files);
        }}
      >
        <span>{t('import.drop')} </span>
        <label className="button">
          {t('import.choose')}
          <input
            ref={inputRef}
            type="file"
            multiple
            accept=".csv,.txt,.tsv,.xlsx,.xls,.xlsm,.parquet,.zip,text/csv,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void addFiles(e.target.files)}
            data-action="choose-files"
          />
        </label>
      </div>

      {opening.length > 0 && (
        <p className="muted" aria-busy="true" data-state="opening">
          {t('import.opening', { names: opening.join('、') })}
        </p>
      )}
      <PackageList packages={packages.packages} onRemove={packages.remove} />
      {(entries.length > 0 || packages.packages.length > 0) && (
        <ImportSummary
          entries={entries}
          busy={busy || readOnly}
          checking={unsettled}
          readyCount={ready.length + packages.pending.length}
          waitingCount={waiting.length}
          onConfirm={() => void confirmAll()}
          onShowData={onShowData}
        />
      )}
      {checking?.check?.status === 'running' && !progress && (
        <ImportProgressBar
          progress={{ phase: 'staging', done: 0, total: 1, rows: checking.check.progress?.rows ?? 0, fileName: checking.fileName }}
          read={checking.check.progress}
          onCancel={cancelCheck}
        />
      )}
      {progress && <ImportProgressBar progress={progress} read={null} onCancel={cancelBatch} />}
      {notice && (
        <p className="notice" role="status" data-state="import-cancelled">
          {notice}
        </p>
      )}
      {error && (
        <div className="error" role="alert">
          <p style={{ whiteSpace: 'pre-line' }}>{error}</p>
          <TechnicalDetails text={errorDetails} />
        </div>
      )}
      {entries.map((e) => (
        <FileCard
          key={e.id}
          entry={e}
          onChange={(fn) => update(e.id, fn)}
          onEncoding={(enc) => void reopen(e, enc)}
          onSheet={(i) => update(e.id, (x) => withSheet(x, i))}
          onRecheck={() => update(e.id, (x) => ({ ...x, check: null }))}
          onRemove={() => remove(e)}
        />
      ))}
      {question && (
        <ConflictDialog
          fileName={question.fileName}
          conflicts={question.conflicts}
          onAnswer={(a) => {
            question.answer(a);
            setQuestion(null);
          }}
          onCancelAll={cancelBatch}
        />
      )}
      {sourceQuestion && (
        <SourceDialog
          fileName={sourceQuestion.fileName}
          overlaps={sourceQuestion.overlaps}
          onAnswer={(a) => {
            sourceQuestion.answer(a);
            setSourceQuestion(null);
          }}
          onCancelAll={cancelBatch}
        />
      )}
    </div>
  );
}
