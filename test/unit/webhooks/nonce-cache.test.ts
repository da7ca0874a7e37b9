import { InMemoryNonceCache } from '../../../src/webhooks/nonce-cache';

describe('InMemoryNonceCache', () => {
  test('the first sighting is new, a repeat within the keep time is a replay', () => {
    const cache = new InMemoryNonceCache({ keepMs: 600_000 });
    expect(cache.seen('9F3A0C7E5B1D4A2C8E6F0B3D5A7C9E1F', 1_000)).toBe(false);
    expect(cache.seen('9F3A0C7E5B1D4A2C8E6F0B3D5A7C9E1F', 2_000)).toBe(true);
    expect(cache.seen('4C2E8A1F0D3B5E7A9C1D3F5B7A9E0C2D', 2_000)).toBe(false);
  });

  test('a nonce is forgotten exactly keepMs after it was recorded', () => {
    const cache = new InMemoryNonceCache({ keepMs: 600_000 });
    cache.seen('n1', 0);
    expect(cache.seen('n1', 599_999)).toBe(true);
    expect(cache.seen('n1', 600_000)).toBe(false);
    expect(cache.seen('n1', 600_001)).toBe(true);
  });

  test('expired entries are dropped as time passes', () => {
    const cache = new InMemoryNonceCache({ keepMs: 1_000 });
    for (let i = 0; i < 100; i++) cache.seen(`n${i}`, i);
    expect(cache.size).toBe(100);
    cache.seen('later', 1_050);
    expect(cache.size).toBe(50);
  });

  test('at the size cap the oldest nonce is forgotten first', () => {
    const cache = new InMemoryNonceCache({ keepMs: 600_000, maxEntries: 3 });
    for (const nonce of ['a', 'b', 'c', 'd']) cache.seen(nonce, 0);
    expect(cache.size).toBe(3);
    expect(cache.seen('d', 1)).toBe(true);
    expect(cache.seen('c', 1)).toBe(true);
    expect(cache.seen('a', 1)).toBe(false);
    expect(cache.size).toBe(3);
  });

  test('the default cap bounds memory under a flood of distinct nonces', () => {
    const cache = new InMemoryNonceCache({ keepMs: 600_000 });
    for (let i = 0; i < 150_000; i++) cache.seen(`n${i}`, 0);
    expect(cache.size).toBe(100_000);
    expect(cache.seen('n149999', 0)).toBe(true);
    expect(cache.seen('n0', 0)).toBe(false);
  });
});
