import type { AxeBinding } from './axe.store';

/**
 * AXE extensions (rest-api.md §7): `length` digits fixed per app (1–4), never all zeros, so one X holds
 * 9 / 99 / 999 / 9999 of them.
 */
export function isExtension(value: string, length: number): boolean {
  return value.length === length && /^\d+$/.test(value) && Number(value) > 0;
}

/** The lowest extension not used on X, or undefined when X is full. */
export function freeExtension(onX: readonly AxeBinding[], length: number): string | undefined {
  const used = new Set(onX.map((b) => b.extendNum));
  const capacity = 10 ** length - 1;
  for (let i = 1; i <= capacity; i += 1) {
    const ext = String(i).padStart(length, '0');
    if (!used.has(ext)) return ext;
  }
  return undefined;
}
