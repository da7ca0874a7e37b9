import type { IncomingMessage } from 'node:http';

/** The request body exceeded its limit. `drained` is false when the rest was not read (connection must close). */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    readonly drained: boolean,
  ) {
    super(`request body larger than ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body of at most `limitBytes`. Over the limit, the rest is read and discarded (up to
 * `discardBytes` more) so the client gets a clean 413 instead of a reset; beyond that, or when
 * Content-Length already announces too much, reading stops and the connection has to close.
 */
export function readBody(req: IncomingMessage, limitBytes: number, discardBytes = 8 * 1024 * 1024): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes + discardBytes) {
    req.pause();
    return Promise.reject(new BodyTooLargeError(limitBytes, false));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
      else if (size > limitBytes + discardBytes) {
        cleanup();
        req.pause();
        reject(new BodyTooLargeError(limitBytes, false));
      }
    };
    const onEnd = () => {
      cleanup();
      if (size > limitBytes) reject(new BodyTooLargeError(limitBytes, true));
      else resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
