import { Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import type { Principal } from '../auth/principal';
import { isSubscriptionKind, type SubscriptionKind } from '../events/stream-observer';
import { canonicalJson } from '../webhooks/canonical';
import type { JsonValue } from '../webhooks/json';

/** What identical subscriptions have in common: they share one source stream and one execution per event. */
export interface ShareKey {
  key: string;
  /** The subscription field served (metrics label). */
  kind: SubscriptionKind;
}

/**
 * The share key of a subscription, or null when it must run on its own. Two subscriptions share when they
 * have the same document text, operation name and variables (compared as canonical JSON: key order does not matter)
 * and their principals have the same view: the role (what masking and `@Authorized` decide on) and the app
 * scope (what the stream and lookups are limited to). Nothing else of a principal reaches a subscription's
 * result; its expiry is applied per subscriber.
 *
 * A subscription that names an `after` cursor never shares: it replays from the database at its own client's
 * pace, and a shared stream goes at the pace of the events. Only a single root field that is one of the
 * known subscription fields is shared (it is the metrics label).
 */
export function shareKeyOf(
  operation: OperationDefinitionNode,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  principal: Principal,
): ShareKey | null {
  const kind = subscriptionKindOf(operation);
  const field = operation.selectionSet.selections[0];
  if (kind === null || field.kind !== Kind.FIELD) return null;
  const variables = payload.variables ?? {};
  const defaults = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue]));
  const after = field.arguments?.find((a) => a.name.value === 'after');
  if (after && namesCursor(after.value, variables, defaults)) return null;
  const apps = principal.apps === null ? null : [...principal.apps].sort();
  // The variables came off the socket as parsed JSON, so they are JSON values.
  const key = canonicalJson([payload.query, payload.operationName ?? null, variables as JsonValue, principal.role, apps]);
  return { key, kind };
}

/** The subscription field of an operation that subscribes to exactly one known field, else null. */
export function subscriptionKindOf(operation: OperationDefinitionNode): SubscriptionKind | null {
  if (operation.operation !== 'subscription' || operation.selectionSet.selections.length !== 1) return null;
  const field = operation.selectionSet.selections[0];
  return field.kind === Kind.FIELD && isSubscriptionKind(field.name.value) ? field.name.value : null;
}

/** Whether an `after` argument's value is (or may be) a cursor rather than null. */
function namesCursor(value: ValueNode, variables: Record<string, unknown>, defaults: ReadonlyMap<string, ValueNode | undefined>): boolean {
  if (value.kind === Kind.NULL) return false;
  if (value.kind !== Kind.VARIABLE) return true;
  const name = value.name.value;
  if (name in variables) return variables[name] != null;
  const fallback = defaults.get(name);
  return fallback !== undefined && fallback.kind !== Kind.NULL;
}
