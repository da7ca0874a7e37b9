import { BindingsDocument } from '../../generated/graphql';
import { type JsonResult, postGraphql } from '../../helpers/graphql-client';

/** Fictional party numbers: +86138000000xx (the sandbox X numbers are +8617000xxxxxx). */
export function party(n: number): string {
  return `+86138000${String(n).padStart(5, '0')}`;
}

/** The data of a result that must have succeeded; fails with the errors otherwise. */
export function data<T>(r: { body: JsonResult<T> }): T {
  if (!r.body.data || r.body.errors) throw new Error(`expected data, got ${JSON.stringify(r.body.errors)}`);
  return r.body.data;
}

export interface PublicError {
  message: string;
  code: unknown;
  extensions: Record<string, unknown>;
}

/** The single error of a result that must have failed. */
export function errorOf(r: { body: JsonResult<unknown> }): PublicError {
  const errors = r.body.errors ?? [];
  if (errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(r.body)}`);
  const extensions = errors[0].extensions ?? {};
  return { message: errors[0].message, code: extensions.code, extensions };
}

/** How many bindings the mirror holds (every status), read through the public `bindings` query. */
export async function mirrorCount(url: string): Promise<number> {
  return data(await postGraphql(url, BindingsDocument, { first: 1 })).bindings.totalCount ?? -1;
}
