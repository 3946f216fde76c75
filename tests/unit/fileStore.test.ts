/** What the memory store keeps of the bytes it is given: a copy, as the other stores do. */
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/store/fileStore';

describe('memory store', () => {
  it('keeps a copy of a file written whole or in parts', async () => {
    const store = memoryStore();
    const one = new Uint8Array([1, 2, 3]);
    const parts = [new Uint8Array([4, 5]), new Uint8Array([6])];
    await store.write('one', one);
    await store.write('parts', parts);
    one.fill(0);
    for (const p of parts) p.fill(0);
    expect(await store.read('one')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.read('parts')).toEqual(new Uint8Array([4, 5, 6]));
  });
});
