import { parsePush } from '../../../src/webhooks/parse-push';
import type { ParseResult } from '../../../src/webhooks/push';
import { fixtureJson, fixtureNames, fixtureText } from './push-fixtures';

/** mulberry32: a small seeded generator, so a failing case can be reproduced from its index. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const WORDS = ['callin', 'disconnect', 'collectInfo', 'fee', 'numStatus', 'smsEvent', 'statusInfo', 'feeLst', 'numInfo', 'sessionId',
  'timestamp', 'status', 'constructor', '__proto__', 'toString', '', ' ', 'Block', '5', '10', '2024-05-06 01:15:40', '+8613800138000'];

function randomScalar(rand: Rand): unknown {
  switch (Math.floor(rand() * 7)) {
    case 0: return null;
    case 1: return rand() < 0.5;
    case 2: return Math.floor((rand() - 0.5) * 2 ** Math.floor(rand() * 60));
    case 3: return (rand() - 0.5) * 1e6;
    case 4: return pick(rand, WORDS);
    case 5: return String.fromCharCode(...Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * 0xffff)));
    default: return pick(rand, [8613800138000, '\u0000', '\ud800', '9'.repeat(40)]);
  }
}

function randomJson(rand: Rand, depth: number): unknown {
  if (depth <= 0 || rand() < 0.4) return randomScalar(rand);
  if (rand() < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth - 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--) obj[pick(rand, WORDS)] = randomJson(rand, depth - 1);
  return obj;
}

/** Replaces or deletes one value inside a copy of a valid push, mostly a leaf, so many bodies stay valid. */
function mutate(rand: Rand, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return rand() < 0.7 ? randomScalar(rand) : randomJson(rand, 2);
  const container = value as Record<string, unknown>;
  const keys = Object.keys(container);
  if (keys.length === 0) return randomJson(rand, 2);
  const key = pick(rand, keys);
  const roll = rand();
  if (roll < 0.15) delete container[key];
  else if (roll < 0.9) container[key] = mutate(rand, container[key]);
  else container[key] = randomJson(rand, 2);
  return container;
}

function randomBody(rand: Rand, pushes: readonly string[]): string | Buffer {
  const source = pick(rand, pushes);
  switch (Math.floor(rand() * 5)) {
    case 0: return JSON.stringify(randomJson(rand, 4)) ?? 'undefined';
    case 1: return JSON.stringify(mutate(rand, fixtureJson(source)));
    case 2: return JSON.stringify(mutate(rand, mutate(rand, fixtureJson(source))));
    case 3: {
      const text = fixtureText(source);
      return text.slice(0, Math.floor(rand() * text.length));
    }
    default: return Buffer.from(Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
  }
}

function checkShape(result: ParseResult): void {
  if (result.ok) {
    const { push } = result;
    expect(['callEvent', 'cdrBatch', 'sms', 'numberStatus']).toContain(push.kind);
    if (push.kind === 'callEvent') expect(Number.isFinite(push.event.occurredAt.getTime())).toBe(true);
    if (push.kind === 'sms') expect(Number.isFinite(push.sms.occurredAt.getTime())).toBe(true);
    return;
  }
  const { path, expected, got } = result.error;
  expect([typeof path, typeof expected, typeof got]).toEqual(['string', 'string', 'string']);
  expect(got).not.toMatch(/13800138000/);
}

describe('parsePush never throws', () => {
  const pushes = fixtureNames().filter((name) => !name.startsWith('response-'));

  test('2000 random, mutated, truncated and binary bodies', () => {
    const rand = random(20240506);
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const body = randomBody(rand, pushes);
      let result: ParseResult | undefined;
      expect(() => {
        result = parsePush(body, i % 2 === 0 ? { receivedAt: new Date(0) } : {});
      }).not.toThrow();
      checkShape(result as ParseResult);
      if (result?.ok) accepted++;
    }
    // Mutations keep many bodies valid: the generator must exercise both outcomes.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(1900);
  });

  test('deep nesting and a huge array', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(parsePush(deep).ok).toBe(false);
    const big = JSON.stringify({ eventType: 'numStatus', numInfo: Array.from({ length: 10000 }, () => ({ number: '+8617100000001', status: '5' })) });
    expect(parsePush(big).ok).toBe(true);
  });
});
