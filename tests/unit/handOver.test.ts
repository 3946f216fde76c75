import { describe, expect, it } from 'vitest';
import { handOver } from '../../src/db/handOver';

describe('handOver (bytes posted to the engine worker with their whole buffer transferred)', () => {
  it('passes bytes that own their buffer as they are', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(handOver(bytes, 'x')).toBe(bytes);
  });

  it('copies a view into part of a larger buffer, so transferring it leaves the other views intact', () => {
    const file = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const first = file.subarray(0, 3);
    const second = file.subarray(3);
    const sent = handOver(first, 'x');
    expect(sent).not.toBe(first);
    expect([...sent]).toEqual([1, 2, 3]);
    expect(sent.buffer.byteLength).toBe(3);
    // What postMessage's transfer list does to the buffer sent.
    structuredClone(sent, { transfer: [sent.buffer] });
    expect([...second]).toEqual([4, 5, 6]);
    expect([...handOver(second, 'x')]).toEqual([4, 5, 6]);
  });

  it('refuses empty bytes instead of letting the engine skip them', () => {
    expect(() => handOver(new Uint8Array(0), 'i1-g1-members.arrow')).toThrow(/i1-g1-members\.arrow/);
  });
});
