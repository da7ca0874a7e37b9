import type { Client } from 'graphql-ws';
import type { EmulatorSeed } from '../../../src/emulator/seed';
import { type JsonResult, postGraphql, wsRequest } from '../../helpers/graphql-client';

/** Four apps, two of one mode: an unknown binding id has several apps it could belong to. */
export const SEED: EmulatorSeed = {
  apps: [
    { name: 'rides-east', mode: 'AXB', appKey: 'fictionalAppKey0101', appSecret: 'FictionalSecret0101', numbers: [{ number: '+8617000000101', cityCode: '0755' }] },
    { name: 'rides-west', mode: 'AXB', appKey: 'fictionalAppKey0102', appSecret: 'FictionalSecret0102', numbers: [{ number: '+8617000000111', cityCode: '028' }] },
    { name: 'drivers', mode: 'AX', appKey: 'fictionalAppKey0103', appSecret: 'FictionalSecret0103', numbers: [{ number: '+8617000000121', cityCode: '0755' }] },
    { name: 'shop', mode: 'AXE', appKey: 'fictionalAppKey0104', appSecret: 'FictionalSecret0104', extensionLength: 2, numbers: [{ number: '+8617000000131', cityCode: '0571' }] },
  ],
};

export type GraphqlErrors = NonNullable<JsonResult<unknown>['errors']>;

/** The errors of a result, failing when there are none. */
export function errorsOf(result: JsonResult<unknown>): GraphqlErrors {
  if (!result.errors?.length) throw new Error(`expected errors, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.errors;
}

/** The same document over HTTP POST and over an open graphql-ws client. */
export async function overBoth(url: string, ws: Client, query: string, variables?: Record<string, unknown>): Promise<{ http: JsonResult<unknown>; httpStatus: number; ws: JsonResult<unknown> }> {
  const http = await postGraphql<unknown, Record<string, unknown> | undefined>(url, query, variables);
  return { http: http.body, httpStatus: http.status, ws: await wsRequest(ws, query, variables) };
}

/** `binding(id) { calls { … node { binding { calls { … } } } } }`, `levels` times Binding.calls → Call.binding. */
export function nestedBindingCalls(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `calls(first: 1) { edges { node { binding { ${selection} } } } }`;
  return `query Nested { binding(id: "no-such-binding") { ${selection} } }`;
}

/** A valid selection `depth` fields deep: Binding.calls → edges → node → binding, repeated. */
export function deepSelection(depth: number): string {
  return nestedBindingCalls(Math.ceil((depth - 2) / 4));
}

/** `{ a { a { … } } }` nested `depth` times: never valid, and too many tokens long before it is deep. */
export function nestedNonsense(depth: number): string {
  return `${'{ a '.repeat(depth)}${'}'.repeat(depth)}`;
}
