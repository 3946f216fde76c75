import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importBatch, type ConflictAnswer, type ImportProgress, type SourceAnswer } from '../../app/importer';
import { useDb, usePersistence, usePersistenceStatus } from '../../app/DbProvider';
import { useInvalidateData } from '../../app/hooks';
import { useRoute } from '../../app/route';
import { formatBytes, MAX_FILE_BYTES } from '../../import/limits';
import { requestPersistentStorage } from '../../store/tabLock';
import { ImportProgressBar } from './ImportProgressBar';
import type { Conflict } from '../../db/load';
import type { Overlap } from '../../db/sources';
import { blockers, createEntry, prepareEntry, type FileEntry } from './entry';
import { FileCard } from './FileCard';
import { ImportSummary } from './ImportSummary';
import { ConflictDialog } from './ConflictDialog';
import { SourceDialog } from './SourceDialog';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [question, setQuestion] = useState<PendingQuestion | null>(null);
  const [sourceQuestion, setSourceQuestion] = useState<PendingSourceQuestion | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const prepared = useMemo(() => new Map(entries.map((e) => [e.id, prepareEntry(e)])), [entries]);

  async function addFiles(list: FileList | null) {
    if (!list) return;
    const added: FileEntry[] = [];
    const refused: string[] = [];
    for (const f of Array.from(list)) {
      // Refused before reading: reading a file this large would take the tab down.
      if (f.size > MAX_FILE_BYTES) refused.push(t('import.tooLarge', { name: f.name, size: formatBytes(f.size), limit: formatBytes(MAX_FILE_BYTES) }));
      else added.push(createEntry(new Uint8Array(await f.arrayBuffer()), f.name));
    }
    setError(refused.length ? refused.join('\n') : null);
    setEntries((prev) => [...prev.filter((p) => p.status === 'pending'), ...added]);
    if (inputRef.current) inputRef.current.value = '';
  }

  const update = (id: string, fn: (e: FileEntry) => FileEntry) => setEntries((prev) => prev.map((e) => (e.id === id ? fn(e) : e)));

  const ready = entries.filter((e) => e.status === 'pending' && blockers(e).length === 0 && prepared.get(e.id));
  const waiting = entries.filter((e) => e.status === 'pending' && !ready.includes(e));

  async function confirmAll() {
    setBusy(true);
    setError(null);
    setNotice(null);
    const batch = [...ready];
    const ctl = new AbortController();
    abortRef.current = ctl;
    for (const entry of batch) update(entry.id, (e) => ({ ...e, status: 'importing' }));
    try {
      const out = await importBatch(
        db,
        batch.map((entry) => ({
          prepared: prepared.get(entry.id)!,
          meta: {
            fileName: entry.fileName,
            sheetName: entry.analysis.source.format === 'csv' ? null : (entry.analysis.source.sheets[entry.sheetIndex]?.name ?? null),
            encoding: entry.analysis.source.encoding?.chosen ?? null,
          },
        })),
        {
          ask: (fileName, conflicts) => new Promise<ConflictAnswer>((resolve) => setQuestion({ fileName, conflicts, answer: resolve })),
          askSource: (fileName, overlaps) => new Promise<SourceAnswer>((resolve) => setSourceQuestion({ fileName, overlaps, answer: resolve })),
          signal: ctl.signal,
          onProgress: setProgress,
          persistence,
          replaceCycle,
        },
      );
      setQuestion(null);
      setSourceQuestion(null);
      if (out.cancelled) {
        for (const entry of batch) update(entry.id, (e) => ({ ...e, status: 'pending' }));
        setNotice(t('import.batchCancelled'));
      } else {
        batch.forEach((entry, k) => {
          const item = out.items[k]!;
          update(entry.id, (e) => ({
            ...e,
            status: item.skipped ? 'cancelled' : 'done',
            outcome: { importId: item.importId, cancelled: item.skipped, conflicts: item.conflicts, sampleCleared: out.sampleCleared, overlaps: item.overlaps, source: item.source },
          }));
        });
        if (out.saveError) setError(out.saveError.quota ? t('store.quotaFull') : t('store.saveFailed', { message: out.saveError.message }));
        else void requestPersistentStorage();
        if (replaceCycle !== null) navigate({ replaceCycle: null });
      }
      await invalidate();
    } catch (err) {
      setQuestion(null);
      setSourceQuestion(null);
      const message = err instanceof Error ? err.message : String(err);
      for (const entry of batch) update(entry.id, (e) => ({ ...e, status: 'failed', error: message }));
      setError(t('import.failed', { message }));
    } finally {
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
            accept=".csv,.txt,.tsv,.xlsx,.xls,.xlsm,text/csv,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void addFiles(e.target.files)}
            data-action="choose-files"
          />
        </label>
      </div>

      {entries.length > 0 && (
        <ImportSummary
          entries={entries}
          prepared={prepared}
          busy={busy || readOnly}
          readyCount={ready.length}
          waitingCount={waiting.length}
          onConfirm={() => void confirmAll()}
          onShowData={onShowData}
        />
      )}
      {progress && <ImportProgressBar progress={progress} onCancel={cancelBatch} />}
      {notice && (
        <p className="notice" role="status" data-state="import-cancelled">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert" style={{ whiteSpace: 'pre-line' }}>
          {error}
        </p>
      )}
      {entries.map((e) => (
        <FileCard
          key={e.id}
          entry={e}
          prepared={prepared.get(e.id) ?? null}
          onChange={(fn) => update(e.id, fn)}
          onRemove={() => setEntries((prev) => prev.filter((p) => p.id !== e.id))}
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
