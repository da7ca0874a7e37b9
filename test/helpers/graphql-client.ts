import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type ExecutionResult, parse, print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { withTimeout } from './with-timeout';

/** A GraphQL result as it arrives as JSON. */
export interface JsonResult<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A document written inline in a test, typed by what the test expects of it (the schema checks it when it runs). */
export function documentOf<T, V = Record<string, unknown>>(source: string): TypedDocumentNode<T, V> {
  return parse(source) as TypedDocumentNode<T, V>;
}

/** POST /graphql with a typed document (and extra headers, e.g. `authorization`); returns the HTTP status and the parsed body. */
export async function postGraphql<T, V>(
  baseUrl: string,
  document: TypedDocumentNode<T, V> | string,
  variables?: V,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: JsonResult<T>; headers: Headers }> {
  const query = typeof document === 'string' ? document : print(document);
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as JsonResult<T>, headers: res.headers };
}

/**
 * A real graphql-ws client on `<baseUrl>/graphql` (ws://), no retries: a closed server stays closed.
 * `lazy: false` connects at once and keeps the socket open until dispose (default: lazy).
 */
export function createWsClient(
  baseUrl: string,
  options: { onClosed?: (event: unknown) => void; lazy?: boolean; connectionParams?: Record<string, unknown> } = {},
): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    connectionParams: options.connectionParams,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: options.lazy ?? true,
    // A non-lazy client reports a close it did not ask for here; tests observe closes through `onClosed`.
    onNonLazyError: () => undefined,
    on: options.onClosed ? { closed: options.onClosed } : undefined,
  });
}

/** Runs one query or mutation over the socket and resolves with its single result. */
export function wsRequest<T, V>(client: Client, document: TypedDocumentNode<T, V> | string, variables?: V, timeoutMs = 10_000): Promise<JsonResult<T>> {
  const query = typeof document === 'string' ? document : print(document);
  const result = new Promise<JsonResult<T>>((resolve, reject) => {
    let last: JsonResult<T> | undefined;
    client.subscribe<T>(
      { query, variables: variables as Record<string, unknown> | undefined },
      {
        next: (value: ExecutionResult<T>) => {
          last = value as JsonResult<T>;
        },
        error: (err: unknown) => {
          // graphql-ws reports request errors (parse, validation) as an array of GraphQL errors.
          if (Array.isArray(err)) resolve({ errors: err as JsonResult<T>['errors'] });
          else reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
        },
        complete: () => (last ? resolve(last) : reject(new Error('completed without a result'))),
      },
    );
  });
  return withTimeout(result, timeoutMs, 'a graphql-ws result');
}
