import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The push examples of push-api.md (and constructed variants), one JSON file each. */
export const PUSH_FIXTURE_DIR = join(__dirname, '../../fixtures/pushes');

export function fixtureText(name: string): string {
  return readFileSync(join(PUSH_FIXTURE_DIR, `${name}.json`), 'utf8');
}

export function fixtureJson<T = unknown>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** Names (without .json) of every fixture whose name starts with `prefix`. */
export function fixtureNames(prefix = ''): string[] {
  return readdirSync(PUSH_FIXTURE_DIR)
    .filter((file) => file.endsWith('.json') && file.startsWith(prefix))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** Fictional numbers of push-api.md. */
export const A = '+8613800138000';
export const X = '+8617100000001';
export const Y = '+8617100000002';
export const B = '+8613900139000';
