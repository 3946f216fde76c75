import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importPrepared, type ConflictAnswer } from '../../app/importer';
import { useDb } from '../../app/DbProvider';
import { useInvalidateData } from '../../app/hooks';
import type { Conflict } from '../../db/load';
import { blockers, createEntry, prepareEntry, type FileEntry } from './entry';
import { FileCard } from './FileCard';
import { ImportSummary } from './ImportSummary';
import { ConflictDialog } from './ConflictDialog';

interface PendingQuestion {
  fileName: string;
  conflicts: Conflict[];
  answer: (a: ConflictAnswer) => void;
}

export function ImportView({ onShowData }: { onShowData: () => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const invalidate = useInvalidateData();
  const [entries, setEntries] = useState<FileEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [question, setQuestion] = useState<PendingQuestion | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const prepared = useMemo(() => new Map(entries.map((e) => [e.id, prepareEntry(e)])), [entries]);

  async function addFiles(list: FileList | null) {
    if (!list) return;
    const added: FileEntry[] = [];
    for (const f of Array.from(list)) added.push(createEntry(new Uint8Array(await f.arrayBuffer()), f.name));
    setEntries((prev) => [...prev.filter((p) => p.status === 'pending'), ...added]);
    if (inputRef.current) inputRef.current.value = '';
  }

  const update = (id: string, fn: (e: FileEntry) => FileEntry) => setEntries((prev) => prev.map((e) => (e.id === id ? fn(e) : e)));

  const ready = entries.filter((e) => e.status === 'pending' && blockers(e).length === 0 && prepared.get(e.id));
  const waiting = entries.filter((e) => e.status === 'pending' && !ready.includes(e));

  async function confirmAll() {
    setBusy(true);
    setError(null);
    try {
      for (const entry of ready) {
        const prep = prepared.get(entry.id)!;
        update(entry.id, (e) => ({ ...e, status: 'importing' }));
        try {
          const outcome = await importPrepared(
            db,
            prep,
            {
              fileName: entry.fileName,
              sheetName: entry.analysis.source.format === 'csv' ? null : (entry.analysis.source.sheets[entry.sheetIndex]?.name ?? null),
              encoding: entry.analysis.source.encoding?.chosen ?? null,
            },
            (conflicts) => new Promise<ConflictAnswer>((resolve) => setQuestion({ fileName: entry.fileName, conflicts, answer: resolve })),
          );
          setQuestion(null);
          update(entry.id, (e) => ({ ...e, status: outcome.cancelled ? 'cancelled' : 'done', outcome }));
        } catch (err) {
          setQuestion(null);
          const message = err instanceof Error ? err.message : String(err);
          update(entry.id, (e) => ({ ...e, status: 'failed', error: message }));
          setError(t('import.failed', { message }));
        }
      }
      await invalidate();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="import-view">
      <h2>{t('import.heading')}</h2>
      <p className="muted">{t('import.intro')}</p>
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
          busy={busy}
          readyCount={ready.length}
          waitingCount={waiting.length}
          onConfirm={() => void confirmAll()}
          onShowData={onShowData}
        />
      )}
      {error && (
        <p className="error" role="alert">
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
        />
      )}
    </div>
  );
}
