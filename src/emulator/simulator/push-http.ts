import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Largest response body kept, bytes: an SMS Block decision is a few hundred. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export type PostOutcome = { status: number; body: string } | { error: string };

/** An HTTP POST under way; `abort()` destroys its socket (the outcome then is an error). */
export interface PostInFlight {
  readonly outcome: Promise<PostOutcome>;
  abort(): void;
}

/**
 * One push attempt: a POST on a fresh connection (`agent: false`, `Connection: close`, push-api.md §1.5),
 * the body as UTF-8 JSON bytes. Never rejects: a transport error, an abort or no complete answer within
 * `timeoutMs` real ms becomes `{ error }`.
 */
export function postJson(url: string, headers: Record<string, string>, payload: string, timeoutMs: number): PostInFlight {
  let req: ClientRequest | undefined;
  const outcome = new Promise<PostOutcome>((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const done = (o: PostOutcome): void => {
      clearTimeout(timer);
      resolve(o);
    };
    const body = Buffer.from(payload, 'utf8');
    req = send(
      target,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json;charset=UTF-8',
          'content-length': String(body.length),
          connection: 'close',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => done({ error: err.message }));
        res.on('close', () => done({ error: 'connection closed before the answer ended' }));
      },
    );
    req.on('error', (err) => done({ error: err.message }));
    const timer = setTimeout(() => req?.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.end(body);
  }).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }));
  return { outcome, abort: () => req?.destroy(new Error('cancelled: the emulator stopped')) };
}
