import { join } from 'node:path';
import type { ClientJob, HttpJob, HttpResult, SubscribeJob, SubscribeResult } from './client';
import { type Proc, ROOT, spawnNode } from './processes';

/** A running `bench/client.ts` process: jobs go in on its stdin, READY / RESULT lines come back on stdout. */
export class ClientProcess {
  private readonly proc: Proc;
  /** How much of stdout was consumed by earlier jobs. */
  private offset = 0;

  constructor() {
    this.proc = spawnNode(['--max-old-space-size=2048', '-r', 'ts-node/register/transpile-only', join(ROOT, 'bench', 'client.ts')]);
  }

  get pid(): number | undefined {
    return this.proc.child.pid;
  }

  http(job: Omit<HttpJob, 'type'>): Promise<HttpResult> {
    this.send({ type: 'http', ...job });
    return this.next<HttpResult>('RESULT', job.maxMs + 60_000);
  }

  /** Starts a subscription job: `ready` once every subscriber is in place, `result` at its end, `end()` cuts it short. */
  subscribe(job: Omit<SubscribeJob, 'type'>): { ready: Promise<void>; result: Promise<SubscribeResult>; end: () => void } {
    this.send({ type: 'subscribe', ...job });
    const ready = this.next<null>('READY', job.connectMs + 60_000).then(() => undefined);
    const result = ready.then(() => this.next<SubscribeResult>('RESULT', job.maxMs + 60_000));
    return { ready, result, end: () => this.proc.child.stdin!.write('END\n') };
  }

  async close(): Promise<void> {
    this.proc.child.stdin!.end();
    await this.proc.stop(10_000);
  }

  private send(job: ClientJob): void {
    this.proc.child.stdin!.write(`JOB ${JSON.stringify(job)}\n`);
  }

  /** The next `READY` or `RESULT <json>` line after what earlier calls consumed. */
  private next<T>(kind: 'READY' | 'RESULT', timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const out = this.proc.stdout();
        const pattern = kind === 'READY' ? /^READY\n/m : /^RESULT (.*)\n/m;
        const m = pattern.exec(out.slice(this.offset));
        if (!m) return;
        this.offset += m.index + m[0].length;
        cleanup();
        resolve((kind === 'READY' ? null : JSON.parse(m[1])) as T);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`client: no ${kind} within ${timeoutMs} ms; stderr: ${this.proc.stderr().slice(-1500)}`));
      }, timeoutMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`client exited; stderr: ${this.proc.stderr().slice(-1500)}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.proc.child.stdout!.off('data', check);
        this.proc.child.off('exit', onExit);
      };
      this.proc.child.stdout!.on('data', check);
      this.proc.child.once('exit', onExit);
      check();
    });
  }
}
