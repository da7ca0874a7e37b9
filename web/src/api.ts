import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql/language/printer';
import { authorizationOf } from './token';

/** A GraphQL error as the gateway answers it (`extensions.code` is always set). */
export class GraphqlError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** The gateway's HTTP endpoint on this origin. */
export function httpUrl(): string {
  return new URL('/graphql', window.location.href).href;
}

/** The graphql-ws endpoint on this origin (wss:// when the page is https://). */
export function wsUrl(): string {
  return httpUrl().replace(/^http/, 'ws');
}

/** One query or mutation over HTTP POST; throws a GraphqlError with the first error's code. */
export async function request<T, V>(document: TypedDocumentNode<T, V>, variables: V, token: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  const authorization = authorizationOf(token);
  if (authorization) headers.authorization = authorization;
  const res = await fetch(httpUrl(), { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }) });
  let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[]; message?: string; error?: string };
  try {
    body = await res.json();
  } catch {
    throw new GraphqlError(`The gateway answered HTTP ${res.status}`, 'HTTP_ERROR');
  }
  if (body.errors?.length) throw new GraphqlError(body.errors[0].message, body.errors[0].extensions?.code ?? 'UNKNOWN');
  if (!body.data) throw new GraphqlError(body.message ?? `The gateway answered HTTP ${res.status}`, body.error ?? 'HTTP_ERROR');
  return body.data;
}

/** Every node of a connection, following pages up to `maxPages`. */
export async function collect<N>(
  page: (after: string | null) => Promise<{ pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: N }[] }>,
  maxPages: number,
): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const conn = await page(after);
    nodes.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
    after = conn.pageInfo.endCursor;
  }
  return nodes;
}
