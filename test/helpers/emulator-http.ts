import { request, type IncomingHttpHeaders } from 'node:http';
import { AUTHORIZATION_VALUE, computeDigest, TOKEN_HEADER, type AuthScheme } from '../../src/platform/signing';

/**
 * Raw HTTP against the emulator, signed by hand with signing.ts: no platform client in between, so the
 * emulator's tests do not lean on the code they are meant to check.
 */
export interface Credentials {
  appKey: string;
  appSecret: string;
}

export interface SignOptions {
  scheme?: AuthScheme;
  /** Epoch ms the token is created at (default Date.now()). */
  nowMs?: number;
  nonce?: string;
  /** Replaces the computed `Created` (the digest is computed over this value). */
  created?: string;
  /** Replaces the computed digest. */
  digest?: string;
  /** No spaces after the commas, as the official demos send it. */
  compact?: boolean;
}

let nonceCounter = 0;

/** `Created` as the platform wants it: UTC, no milliseconds. */
export function createdAt(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Authorization + token header for one request. */
export function signHeaders(creds: Credentials, opts: SignOptions = {}): Record<string, string> {
  const scheme = opts.scheme ?? 'aksk';
  const nonce = opts.nonce ?? `N${Date.now().toString(16)}${(nonceCounter += 1)}`.toUpperCase();
  const created = opts.created ?? createdAt(opts.nowMs ?? Date.now());
  const digest = opts.digest ?? computeDigest(scheme, creds.appSecret, nonce, created);
  const sep = opts.compact ? ',' : ', ';
  const token = [`Username="${creds.appKey}"`, `PasswordDigest="${digest}"`, `Nonce="${nonce}"`, `Created="${created}"`].join(sep);
  return { authorization: AUTHORIZATION_VALUE[scheme], [TOKEN_HEADER[scheme]]: `UsernameToken ${token}` };
}

export interface RawRequest {
  method: string;
  path: string;
  /** Encoded with encodeURIComponent (so `+` travels as `%2B`). */
  query?: Record<string, string | number | boolean>;
  /** Appended as is after `?` (after `query`, if both). */
  rawQuery?: string;
  /** Sent as JSON. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON whatever the content type, or undefined. */
  json: Record<string, any> | undefined;
  /** True when the server closed the connection after answering. */
  serverClosed: Promise<boolean>;
}

export function queryString(query: RawRequest['query'], rawQuery?: string): string {
  const parts = Object.entries(query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  if (rawQuery) parts.push(rawQuery);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** One request on a fresh connection (no agent), asking for keep-alive to see that the server closes anyway. */
export function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path + queryString(req.query, req.rawQuery), baseUrl);
  const payload = req.rawBody ?? (req.body === undefined ? '' : JSON.stringify(req.body));
  return new Promise((resolve, reject) => {
    const r = request(
      url,
      {
        method: req.method,
        agent: false,
        headers: {
          'content-type': 'application/json;charset=UTF-8',
          connection: 'keep-alive',
          'content-length': Buffer.byteLength(payload),
          ...req.headers,
        },
      },
      (res) => {
        const serverClosed = new Promise<boolean>((done) => {
          res.socket.once('end', () => done(true));
          res.socket.once('close', () => done(true));
        });
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, any> | undefined;
          try {
            json = text ? (JSON.parse(text) as Record<string, any>) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, serverClosed });
        });
      },
    );
    r.on('error', reject);
    r.end(payload);
  });
}

/** A client for one app: signs every request with the given clock. */
export interface SignedClient {
  get(path: string, query?: RawRequest['query']): Promise<RawResponse>;
  delete(path: string, query?: RawRequest['query']): Promise<RawResponse>;
  post(path: string, body: unknown, query?: RawRequest['query']): Promise<RawResponse>;
  put(path: string, body: unknown, query?: RawRequest['query']): Promise<RawResponse>;
  send(req: RawRequest, sign?: SignOptions): Promise<RawResponse>;
}

export function signedClient(baseUrl: string, creds: Credentials, now: () => number = Date.now): SignedClient {
  const signed = (req: RawRequest, sign: SignOptions = {}): Promise<RawResponse> =>
    send(baseUrl, { ...req, headers: { ...signHeaders(creds, { nowMs: now(), ...sign }), ...req.headers } });
  return {
    get: (path, query) => signed({ method: 'GET', path, query }),
    delete: (path, query) => signed({ method: 'DELETE', path, query }),
    post: (path, body, query) => signed({ method: 'POST', path, body, query }),
    put: (path, body, query) => signed({ method: 'PUT', path, body, query }),
    send: signed,
  };
}
