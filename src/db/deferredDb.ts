import type { Db } from './types';

/**
 * A Db usable before the engine has started: every call waits for it, then goes through. The
 * page can render (from saved figures) and ask its queries while DuckDB is still loading.
 */
export function deferredDb(ready: Promise<Db>): Db {
  const call =
    <K extends keyof Db>(k: K) =>
    async (...args: Parameters<Db[K]>): Promise<Awaited<ReturnType<Db[K]>>> => {
      const db = await ready;
      return (db[k] as (...a: Parameters<Db[K]>) => Promise<Awaited<ReturnType<Db[K]>>>)(...args);
    };
  return {
    query: call('query') as Db['query'],
    exec: call('exec'),
    registerText: call('registerText'),
    registerBuffer: call('registerBuffer'),
    registerEmpty: call('registerEmpty'),
    readBuffer: call('readBuffer'),
    dropFile: call('dropFile'),
    insertArrow: call('insertArrow'),
    queryArrow: call('queryArrow'),
    close: call('close'),
  };
}
