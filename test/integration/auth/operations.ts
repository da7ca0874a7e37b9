import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/** One root field of the schema as a runnable document, with every required argument filled in. */
export interface RootOperation {
  kind: 'query' | 'mutation' | 'subscription';
  field: string;
  document: string;
  /** True when an argument names an app (`app`, `input.app`, `filter.app`). */
  namesApp: boolean;
}

/**
 * Every query, mutation and subscription of the schema, derived from the schema itself, so a field added
 * later is tried too. Arguments get plausible values (an app named `appName` wherever one is taken) so
 * that an operation that passes the access check fails, if at all, for another reason.
 */
export function rootOperations(schema: GraphQLSchema, appName: string): RootOperation[] {
  const out: RootOperation[] = [];
  for (const kind of ['query', 'mutation', 'subscription'] as const) {
    const type = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    for (const field of Object.values(type?.getFields() ?? {})) {
      const named = { value: false };
      const args = field.args.map((a) => argumentValue(a, appName, named)).filter((a): a is string => a !== null);
      const call = `${field.name}${args.length ? `(${args.join(', ')})` : ''}`;
      out.push({ kind, field: field.name, document: `${kind} { ${call}${selection(field)} }`, namesApp: named.value });
    }
  }
  return out;
}

function selection(field: GraphQLField<unknown, unknown>): string {
  return isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
}

function argumentValue(arg: GraphQLArgument, appName: string, named: { value: boolean }): string | null {
  // Optional filters are given when they name an app, so the scope check has something to refuse.
  if (!isNonNullType(arg.type) && !(arg.name === 'app' || arg.name === 'filter')) return null;
  const value = literal(arg.type, arg.name, appName, named, 0);
  return value === null ? null : `${arg.name}: ${value}`;
}

function literal(type: GraphQLInputType, name: string, appName: string, named: { value: boolean }, depth: number): string | null {
  if (isNonNullType(type)) return literal(type.ofType, name, appName, named, depth);
  if (isListType(type)) {
    const item = literal(type.ofType, name, appName, named, depth + 1);
    return item === null ? '[]' : `[${item}]`;
  }
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields())
      .filter((f) => isNonNullType(f.type) || f.name === 'app')
      .map((f) => {
        const v = literal(f.type, f.name, appName, named, depth + 1);
        return v === null ? null : `${f.name}: ${v}`;
      })
      .filter((f): f is string => f !== null);
    return `{ ${fields.join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (name === 'app') {
      named.value = true;
      return JSON.stringify(appName);
    }
    switch (type.name) {
      case 'PhoneNumber':
        return '"+8613800000099"';
      case 'Int':
        return '1';
      case 'Float':
        return '1.5';
      case 'Boolean':
        return 'true';
      case 'DateTime':
        return '"2026-01-01T00:00:00.000Z"';
      default:
        return '"unknown-id"';
    }
  }
  return null;
}
