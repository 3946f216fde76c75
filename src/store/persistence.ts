/**
 * The saved copy of the user's data and every change to it: imports are saved as they land,
 * deletes go to a one-step trash (undo), and the whole state can be restored on start or
 * exported as an archive. The bundled sample is never saved; its dismissal is.
 */
import { NEXT_IMPORT_ID_SQL } from '../db/importRows';
import { deleteImports } from '../db/queries';
import { COUNT_TABLES, COUNT_TABLES_LATER } from '../db/countTables';
import { dataChanged, rebuildViews, refreshCounts } from '../db/schema';
import type { Db } from '../db/types';
import { concatBytes } from '../util/bytes';
import { traceSince } from '../util/trace';
import { SAVED_TABLES, savedTableDef } from '../db/savedTables';
import { dumpImport, dumpSavedTable, loadImport, loadSavedTable, readableCsv, RestoreError } from './dump';
import type { FileStore, StoreKind } from './fileStore';
import { countsEpoch, nullableOf } from '../db/nullMemo';
import { countsKey, dumpCounts, loadCounts } from './savedCounts';
import { snapshotKey } from './savedSnapshot';
import {
  emptyManifest,
  MANIFEST,
  manifestBytes,
  parseManifest,
  referencedFiles,
  type Manifest,
  type SavedFile,
  type SavedImport,
} from './manifest';

export class ReadOnlyError extends Error {
  constructor() {
    super('read-only: the app is open in another tab');
    this.name = 'ReadOnlyError';
  }
}

export interface PersistenceStatus {
  kind: StoreKind;
  readOnly: boolean;
  /** Imports whose latest change is only in memory because saving failed (e.g. storage full). */
  unsaved: number[];
  canUndo: boolean;
  savedAt: string;
  /** A write is under way or waiting (an import's count tables are saved after it is done). */
  writing: boolean;
}

interface SaveOptions {
  sampleDismissed?: boolean;
  /** The engine's part is done (every import dumped, and written as it was): the engine is free for other work. */
  onDumped?: () => void;
  /** Keep the count tables as they are now (default); false when they are refreshed after (saveCounts then). */
  counts?: boolean;
}

export class Persistence {
  private manifest: Manifest;
  private unsaved = new Set<number>();
  private listeners = new Set<() => void>();
  private channel: BroadcastChannel | null;
  private snapshotMaker: { version: string; make: () => Promise<Uint8Array> } | null = null;

  private constructor(
    private readonly db: Db,
    private readonly files: FileStore,
    manifest: Manifest,
    readonly readOnly: boolean,
  ) {
    this.manifest = manifest;
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('cunxuan-data');
  }

  /** Reads the saved manifest; a damaged one is an error the app shows, never "no data". */
  static async open(db: Db, files: FileStore, opts: { readOnly: boolean }): Promise<Persistence> {
    const bytes = await files.read(MANIFEST);
    const manifest = bytes ? parseManifest(bytes) : emptyManifest();
    return new Persistence(db, files, manifest, opts.readOnly);
  }

  get kind(): StoreKind {
    return this.files.kind;
  }

  get sampleDismissed(): boolean {
    return this.manifest.sampleDismissed;
  }

  get savedImports(): number {
    return this.manifest.imports.length;
  }

  private computeStatus(): PersistenceStatus {
    return {
      kind: this.files.kind,
      readOnly: this.readOnly,
      unsaved: [...this.unsaved],
      canUndo: this.manifest.trash.length > 0 || Object.keys(this.manifest.trashTables).length > 0,
      savedAt: this.manifest.savedAt,
      writing: this.writes > 0,
    };
  }

  private cachedStatus: PersistenceStatus | null = null;

  /** The same object until something changes (React's useSyncExternalStore relies on that). */
  readonly status = (): PersistenceStatus => (this.cachedStatus ??= this.computeStatus());

  /** Called after every change of status (saved, unsaved, undo available). */
  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Another tab saved: this one's data is out of date. */
  onOtherTabSaved(fn: () => void): () => void {
    const handler = () => fn();
    this.channel?.addEventListener('message', handler);
    return () => this.channel?.removeEventListener('message', handler);
  }

  private changed() {
    this.cachedStatus = null;
    for (const fn of this.listeners) fn();
  }

  private guard() {
    if (this.readOnly) throw new ReadOnlyError();
  }

  /** Loads the office's tables, then every saved import, into the (empty) database, all or nothing. */
  async restore(): Promise<number> {
    await this.loadTables(this.manifest.tables, (n) => this.files.read(n));
    await this.loadAll(this.manifest.imports, (n) => this.files.read(n));
    await this.keepTrashIds(this.db);
    return this.manifest.imports.length;
  }

  /** Ids of the trash stay taken, so undo never collides with a newer import. */
  private async keepTrashIds(db: Db): Promise<void> {
    for (const t of this.manifest.trash)
      await db.query('INSERT INTO import_ids_used VALUES (?) ON CONFLICT DO NOTHING', [t.record.import_id]);
  }

  /**
   * A reload's first step: the saved count tables, if they are of the saved imports and of this
   * build's count SQL — the dashboard can be drawn from them. False (and nothing made) otherwise:
   * restore() then loads and counts everything.
   */
  async restoreCounts(version: string): Promise<boolean> {
    const c = this.manifest.counts;
    if (!c || c.version !== version || c.of !== countsKey(this.manifest) || this.manifest.imports.length === 0) return false;
    try {
      await loadCounts(
        this.db,
        c,
        (n) => this.files.read(n),
        COUNT_TABLES.filter((t) => !COUNT_TABLES_LATER.includes(t)),
      );
    } catch {
      return false;
    }
    // The office's tables are small and views may read them: before the dashboard, as restore() does.
    await this.loadTables(this.manifest.tables, (n) => this.files.read(n));
    return true;
  }

  /**
   * A reload's second step, after restoreCounts: the imports' rows, all or nothing, on a
   * connection of their own (the dashboard keeps answering from the count tables meanwhile, and
   * nothing it runs can abort this transaction). The views over them appear at its commit.
   */
  async restoreRows(): Promise<void> {
    const db = (await this.db.fork?.()) ?? this.db;
    try {
      await this.loadAll(this.manifest.imports, (n) => this.files.read(n), undefined, db);
      await this.keepTrashIds(db);
    } finally {
      if (db !== this.db) await db.close();
    }
    // The count tables no view reads, on the dashboard's connection (they are temporary tables).
    // Should their copy fail, the rows are in now: they are counted again, all of them.
    const c = this.manifest.counts;
    const t0 = performance.now();
    try {
      if (!c) throw new Error('no saved count tables');
      await loadCounts(this.db, c, (n) => this.files.read(n), COUNT_TABLES_LATER);
    } catch (e) {
      // Said in a trace (the benchmark's): at 1.2 million roster rows a reload counted again here, for a reason not seen.
      traceSince(() => `counts later not restored: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300), t0);
      await refreshCounts(this.db);
    }
  }

  private async loadAll(
    imports: readonly SavedImport[],
    read: (name: string) => Promise<Uint8Array | null>,
    asIds?: readonly number[],
    /** Given (restoreRows): the count tables are in already, only the views are made, in the transaction. */
    on?: Db,
  ): Promise<void> {
    if (imports.length === 0) return;
    const db = on ?? this.db;
    await db.exec('BEGIN TRANSACTION');
    try {
      for (const [k, i] of imports.entries()) await loadImport(db, i, read, asIds?.[k]);
      if (on) await rebuildViews(db);
      await db.exec('COMMIT');
    } catch (e) {
      await db.exec('ROLLBACK');
      throw e instanceof RestoreError ? e : new RestoreError(e instanceof Error ? e.message : String(e));
    } finally {
      if (!on) await dataChanged(this.db);
    }
  }

  /**
   * Replaces the office's tables with saved copies, all or nothing. A table this version no
   * longer has is skipped (its file stays listed until the next save of the tables).
   */
  private async loadTables(tables: Record<string, SavedFile>, read: (name: string) => Promise<Uint8Array | null>): Promise<void> {
    const known = Object.entries(tables).filter(([name]) => SAVED_TABLES.some((t) => t.name === name));
    if (known.length === 0) return;
    await this.db.exec('BEGIN TRANSACTION');
    try {
      for (const [name, f] of known) {
        const bytes = await read(f.file);
        if (!bytes) throw new RestoreError(`${f.file} is missing`);
        await loadSavedTable(this.db, savedTableDef(name), f, bytes);
      }
      await this.db.exec('COMMIT');
    } catch (e) {
      await this.db.exec('ROLLBACK');
      throw e instanceof RestoreError ? e : new RestoreError(e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * Saves the office's tables (all of them, or those named) as they are in the engine now. Like
   * every save, the previous saved state stays in force if writing fails.
   */
  saveTables(
    names: readonly string[] = SAVED_TABLES.map((t) => t.name),
    /** The copies a restore replaced, kept for its undo. */
    trashTables?: Record<string, SavedFile>,
  ): Promise<void> {
    return this.inTurn(() => this.saveTablesNow(names, trashTables));
  }

  private async saveTablesNow(names: readonly string[], trashTables?: Record<string, SavedFile>): Promise<void> {
    this.guard();
    const next: Manifest = structuredClone(this.manifest);
    next.generation += 1;
    try {
      for (const name of names) {
        const { entry, bytes } = await dumpSavedTable(this.db, savedTableDef(name), next.generation);
        await this.files.write(entry.file, bytes);
        next.tables[name] = entry;
      }
      if (trashTables) next.trashTables = trashTables;
      // Stale now (a village register changes figures), and not remade here: an import saves its
      // tables while its counts are still being rebuilt, and a snapshot then would be of neither
      // state. The next save of the counts makes one, or a reload without one (DbProvider).
      delete next.snapshot;
      await this.commit(next);
    } finally {
      this.changed();
    }
  }

  /** Writes go one at a time: each builds the next manifest from the one before. */
  private turn: Promise<unknown> = Promise.resolve();
  /** Saves of the count tables or the first dashboard still waiting for a quiet engine: each gives way when called. */
  private waiting = new Set<() => void>();
  /** Saves of imports asked for and not yet done: a background save whose turn comes meanwhile gives way at once. */
  private importSaves = 0;

  /**
   * Waits for `after` in a background save's turn (one that has it), or until a save of imports
   * asks for the turn (false then): what it would keep is of the data before that import, and the import queues a
   * new one. Held, it kept the import's own save (and the count build after its dump) waiting
   * until the engine had been quiet long enough and the old counts were written (11.6 s of a
   * million-row data's second import).
   */
  private async waitOrGiveWay(after?: () => Promise<void>): Promise<boolean> {
    if (!after) return true;
    if (this.importSaves > 0) return false;
    let giveWay = (): void => undefined;
    const yielded = new Promise<false>((resolve) => (giveWay = () => resolve(false)));
    this.waiting.add(giveWay);
    try {
      return await Promise.race([after().then(() => true as const), yielded]);
    } finally {
      this.waiting.delete(giveWay);
    }
  }

  private writes = 0;

  private inTurn<T>(fn: () => Promise<T>): Promise<T> {
    if (this.writes++ === 0) this.changed();
    const run = this.turn.then(fn, fn).finally(() => {
      if (--this.writes === 0) this.changed();
    });
    this.turn = run.catch(() => undefined);
    return run;
  }

  /**
   * From now on, every save of the count tables (and of the office's tables) also saves the first
   * dashboard as `make` computes it from the engine now (src/store/savedSnapshot.ts). `version`
   * names the build's snapshot: one made by another is never shown.
   */
  keepSnapshot(version: string, make: () => Promise<Uint8Array>): void {
    this.snapshotMaker = { version, make };
  }

  /** The first dashboard of the data as it is in the engine now, into `next`; none if it cannot be made. */
  private async withSnapshot(next: Manifest): Promise<void> {
    delete next.snapshot;
    if (!this.snapshotMaker || next.imports.length === 0) return;
    const { version, make } = this.snapshotMaker;
    // Of settled count tables only: none while they are rebuilt, nor if a rebuild ran meanwhile.
    const epoch = countsEpoch(this.db);
    if (!nullableOf(this.db)) return;
    try {
      const bytes = await make();
      if (countsEpoch(this.db) !== epoch) return;
      const file = `snapshot-g${next.generation}.json`;
      await this.files.write(file, [bytes]);
      next.snapshot = { of: snapshotKey(next, version), file };
    } catch {
      // Only a head start lost: the next reload waits for the engine, as without one.
    }
  }

  /**
   * Saves the first dashboard if the saved one is missing or stale (a reload made by another
   * build, or from a save made before snapshots were kept), once `after` resolves.
   */
  saveSnapshot(
    opts: {
      after?: () => Promise<void>;
      /** Asked once `after` resolves: made again even if the saved one is current (it is of another scope than the one shown now). */
      again?: () => boolean;
    } = {},
  ): Promise<boolean> {
    return this.inTurn(async () => {
      if (!(await this.waitOrGiveWay(opts.after))) return false;
      if (this.readOnly || this.unsaved.size > 0 || this.manifest.imports.length === 0 || !this.snapshotMaker) return false;
      const current = this.manifest.snapshot?.of === snapshotKey(this.manifest, this.snapshotMaker.version);
      if (opts.again ? !opts.again() : current) return false;
      const next: Manifest = structuredClone(this.manifest);
      next.generation += 1;
      await this.withSnapshot(next);
      if (!next.snapshot) return false;
      await this.commit(next);
      return true;
    });
  }

  /** Dumps the count tables into `next` (the files written), unless they cannot be kept as they are. */
  private async withCounts(next: Manifest): Promise<void> {
    delete next.counts;
    // Made only beside counts that are kept: mid-rebuild, its figures could be of neither state.
    delete next.snapshot;
    const { STATS_VERSION } = await import('../db/stats');
    const epoch = countsEpoch(this.db);
    // Written table by table, chunk by chunk, as the engine dumps them (0.4 GB at a million rows).
    const dump = await dumpCounts(this.db, next.generation, undefined, (name, parts) => this.files.writeParts(name, parts));
    if (!dump) return;
    next.counts = { of: countsKey(next), version: STATS_VERSION, tables: dump.tables };
    // The data is settled when its counts are: the moment its first dashboard is made too — of
    // those same counts only (a rebuild started meanwhile would mix two states).
    await this.withSnapshot(next);
    if (countsEpoch(this.db) !== epoch) delete next.snapshot;
  }

  /**
   * Saves the count tables as they are now with the saved imports (after an import, once they are
   * refreshed). Nothing is saved if imports are unsaved or the tables were rebuilt meanwhile.
   */
  saveCounts(opts: { after?: () => Promise<void> } = {}): Promise<boolean> {
    return this.inTurn(async () => {
      // Counted as a write while it waits: a reload before it is done restores the old way.
      if (!(await this.waitOrGiveWay(opts.after))) return false;
      if (this.readOnly || this.unsaved.size > 0 || this.manifest.imports.length === 0) return false;
      const next: Manifest = structuredClone(this.manifest);
      next.generation += 1;
      await this.withCounts(next);
      if (!next.counts) return false;
      await this.commit(next);
      return true;
    });
  }

  /** Writes the manifest (the commit point), then removes files nothing refers to any more. */
  private async commit(next: Manifest): Promise<void> {
    // A copy of the count tables no longer of the saved data is never restored (nor the snapshot
    // made with it): its files go now, not after the next copy is written beside them (at a
    // million roster rows 0.4 GB each, and the browser's storage may not hold both).
    if (next.counts && next.counts.of !== countsKey(next)) {
      delete next.counts;
      delete next.snapshot;
    }
    next.savedAt = new Date().toISOString();
    await this.files.write(MANIFEST, manifestBytes(next));
    this.manifest = next;
    const keep = referencedFiles(next);
    for (const name of await this.files.list())
      if (name !== MANIFEST && !keep.has(name)) await this.files.remove(name).catch(() => undefined);
    this.channel?.postMessage({ savedAt: next.savedAt });
  }

  private async userImportIds(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ import_id: number }>(
      `SELECT import_id FROM imports WHERE NOT is_sample AND import_id IN (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return rows.map((r) => r.import_id);
  }

  /**
   * Saves new or changed imports. If the browser refuses (storage full), the previous saved state
   * stays as it was, the change is kept in memory and marked unsaved, and the error is rethrown.
   */
  save(changed: readonly number[], opts: SaveOptions = {}): Promise<void> {
    this.importSaves++;
    for (const giveWay of this.waiting) giveWay();
    return this.inTurn(() => this.saveNow(changed, opts)).finally(() => this.importSaves--);
  }

  private async saveNow(changed: readonly number[], opts: SaveOptions): Promise<void> {
    this.guard();
    const ids = await this.userImportIds([...new Set([...changed, ...this.unsaved])]);
    const next: Manifest = structuredClone(this.manifest);
    next.generation += 1;
    if (opts.sampleDismissed) next.sampleDismissed = true;
    try {
      // Each file written chunk by chunk as the engine dumps it: a million rows' copy is never
      // whole in the tab (it was 0.22–0.27 GB there, beside the engine's heap, the import's peak).
      const entries = [];
      for (const id of ids) {
        const { entry } = await dumpImport(this.db, id, next.generation, 'arrow', undefined, (name, parts) =>
          this.files.writeParts(name, parts),
        );
        entries.push(entry);
      }
      opts.onDumped?.();
      for (const entry of entries)
        next.imports = [...next.imports.filter((i) => i.record.import_id !== entry.record.import_id), entry].sort(
          (a, b) => a.record.import_id - b.record.import_id,
        );
      // Of the imports as this save lists them.
      if (opts.counts !== false) await this.withCounts(next);
      await this.commit(next);
      this.unsaved.clear();
    } catch (e) {
      for (const id of ids) this.unsaved.add(id);
      throw e;
    } finally {
      this.changed();
    }
  }

  /** Deletes imports from the database and the saved state, keeping them for one undo. */
  delete(ids: readonly number[]): Promise<void> {
    return this.inTurn(() => this.deleteNow(ids));
  }

  private async deleteNow(ids: readonly number[]): Promise<void> {
    this.guard();
    const gone = new Set(ids);
    await deleteImports(this.db, { ids });
    const next: Manifest = structuredClone(this.manifest);
    // New names for the counts and snapshot written below: the saved state in force keeps its own until the commit.
    next.generation += 1;
    next.trash = next.imports.filter((i) => gone.has(i.record.import_id));
    next.imports = next.imports.filter((i) => !gone.has(i.record.import_id));
    next.trashTables = {};
    for (const id of ids) this.unsaved.delete(id);
    await this.withCounts(next);
    await this.commit(next);
    this.changed();
  }

  /** Brings back the imports of the last delete, rows and all. */
  undoDelete(): Promise<number> {
    return this.inTurn(() => this.undoNow());
  }

  private async undoNow(): Promise<number> {
    this.guard();
    const back = this.manifest.trash;
    const backTables = this.manifest.trashTables;
    if (back.length === 0 && Object.keys(backTables).length === 0) return 0;
    await this.loadTables(backTables, (n) => this.files.read(n));
    await this.loadAll(back, (n) => this.files.read(n));
    const next: Manifest = structuredClone(this.manifest);
    next.generation += 1;
    next.imports = [...next.imports, ...back].sort((a, b) => a.record.import_id - b.record.import_id);
    next.tables = { ...next.tables, ...backTables };
    next.trash = [];
    next.trashTables = {};
    await this.withCounts(next);
    await this.commit(next);
    this.changed();
    return back.length;
  }

  dismissSample(): Promise<void> {
    return this.inTurn(async () => {
      if (this.readOnly || this.manifest.sampleDismissed) return;
      const next: Manifest = structuredClone(this.manifest);
      next.sampleDismissed = true;
      await this.commit(next);
    });
  }

  /** The user's data as the files of an archive: a manifest and one CSV per import and table (not the trash). */
  async snapshotFiles(): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    const current: Manifest = { ...emptyManifest(), savedAt: new Date().toISOString(), sampleDismissed: true };
    const ids = await this.db.query<{ id: number }>('SELECT import_id AS id FROM imports WHERE NOT is_sample ORDER BY import_id');
    // Made from the data itself (unsaved imports are in it too): the engine's Arrow copies, which
    // restore exactly and which no spreadsheet runs, and beside them CSV for people to read, with
    // formula-leading cells neutralised.
    for (const { id } of ids) {
      const { entry, files } = await dumpImport(this.db, Number(id), 1, 'arrow');
      current.imports.push(entry);
      for (const [name, parts] of files) out.set(name, concatBytes(...parts));
      for (const [name, parts] of await readableCsv(this.db, Number(id))) out.set(name, concatBytes(...parts));
    }
    for (const def of SAVED_TABLES) {
      const { entry, bytes } = await dumpSavedTable(this.db, def, 1);
      out.set(entry.file, bytes);
      current.tables[def.name] = entry;
    }
    out.set(MANIFEST, manifestBytes(current));
    return out;
  }

  /**
   * Replaces all user data with an archive's: checked in full before anything is touched, then
   * loaded and saved. The previous data goes to the trash, so even this can be undone.
   */
  async replaceWith(archive: ReadonlyMap<string, Uint8Array>): Promise<number> {
    this.guard();
    const bytes = archive.get(MANIFEST);
    if (!bytes) throw new RestoreError(`${MANIFEST} is missing`);
    const incoming = parseManifest(bytes);
    for (const name of referencedFiles({ ...incoming, trash: [], trashTables: {} }))
      if (!archive.has(name)) throw new RestoreError(`${name} is missing`);
    // The archive's own tables replace ours (a table it does not carry stays as it is).
    const tables = Object.keys(incoming.tables).filter((name) => SAVED_TABLES.some((t) => t.name === name));
    const replacedTables = Object.fromEntries(Object.entries(this.manifest.tables).filter(([name]) => tables.includes(name)));
    // The old data goes to the trash (one undo brings it back); the archive's imports get fresh ids.
    await this.delete(await this.userImportIds(this.manifest.imports.map((i) => i.record.import_id)));
    // The bundled sample is not the user's and never saved: it just makes way.
    await deleteImports(this.db, 'sample');
    const [{ id: base }] = (await this.db.query<{ id: number }>(NEXT_IMPORT_ID_SQL)) as [{ id: number }];
    const ids = incoming.imports.map((_, k) => base + k);
    await this.loadTables(incoming.tables, async (n) => archive.get(n) ?? null);
    await this.loadAll(incoming.imports, async (n) => archive.get(n) ?? null, ids);
    await this.save(ids, { sampleDismissed: true });
    if (tables.length > 0) await this.saveTables(tables, replacedTables);
    return incoming.imports.length;
  }
}
