import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sandboxSeed } from '../src/emulator/seed';
import { OPAQUE_ID_KEYS } from '../src/shared/logger';
import { maskPhones } from '../src/shared/phone';

/**
 * The suite-wide log audit: every logger of a jest run (test gateways, emulators, spawned gateway processes)
 * also appends its lines to one file (`PN_LOG_AUDIT_FILE`, set by test/global-setup.ts), and the global
 * teardown fails the run when a line holds an unmasked party number or a configured app secret.
 *
 * Unmasked party number: a run of 11 to 15 digits (optionally after `+`) anywhere but in an opaque id field
 * (OPAQUE_ID_KEYS, whose digits are timestamps and counters) or pino's `time`, and not a sandbox X number.
 */
export interface AuditFinding {
  line: number;
  reason: string;
  /** The offending line with the number masked and the secret cut out: safe to print. */
  excerpt: string;
}

const PARTY_NUMBER = /(?<![\d*])\+?\d{11,15}(?!\d)/g;
const SKIPPED_KEYS: ReadonlySet<string> = new Set([...OPAQUE_ID_KEYS, 'time']);

/** The app secrets the suite configures: the sandbox seed's and every `appSecret: '…'` literal of the tests. */
export function configuredSecrets(testRoot = __dirname): string[] {
  const found = new Set(sandboxSeed().apps.map((a) => a.appSecret));
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/appSecret:\s*'([^']{8,})'/g)) found.add(m[1]);
    }
  };
  walk(testRoot);
  return [...found];
}

/** X numbers of the sandbox: not party numbers (they are masked anyway, but seeing one is no leak). */
const knownPrivacyNumbers = (): Set<string> => new Set(sandboxSeed().apps.flatMap((a) => a.numbers.map((n) => n.number)));

function numbersIn(value: unknown, key: string, out: string[]): void {
  if (SKIPPED_KEYS.has(key)) return;
  if (typeof value === 'string') for (const m of value.matchAll(PARTY_NUMBER)) out.push(m[0]);
  else if (typeof value === 'number') numbersIn(String(value), key, out);
  else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, '', out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) numbersIn(v, k, out);
}

/** Every finding of the log text `text` (newline-delimited pino JSON). */
export function auditLogText(text: string, secrets: readonly string[], known: ReadonlySet<string> = knownPrivacyNumbers()): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const redact = (line: string) => secrets.reduce((l, s) => l.split(s).join('<secret>'), maskPhones(line)).slice(0, 500);
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const secret = secrets.find((s) => line.includes(s));
    if (secret) findings.push({ line: i + 1, reason: `app secret ${secret.slice(0, 3)}…`, excerpt: redact(line) });
    const numbers: string[] = [];
    try {
      numbersIn(JSON.parse(line) as unknown, '', numbers);
    } catch {
      numbersIn(line, '', numbers);
    }
    const leaked = numbers.filter((n) => !known.has(n) && !known.has(`+${n}`));
    if (leaked.length > 0) findings.push({ line: i + 1, reason: `unmasked number ${maskPhones(leaked[0])}`, excerpt: redact(line) });
  });
  return findings;
}

/** Throws, naming the first findings (masked), when the audit file holds any. */
export function assertLogsClean(file: string, secrets: readonly string[] = configuredSecrets()): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return; // no logger wrote anything
  }
  const findings = auditLogText(text, secrets);
  if (findings.length === 0) return;
  const shown = findings.slice(0, 5).map((f) => `  ${file}:${f.line}: ${f.reason}\n    ${f.excerpt}`);
  throw new Error(`log audit: ${findings.length} log line(s) leak personal data or secrets (file kept):\n${shown.join('\n')}`);
}
