import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import { maskPhone, maskPhones } from '../shared/phone';
import { PhoneNumberScalar } from '../shared/scalars';
import { type PrincipalContext, seesPartyNumbers } from './principal';

/**
 * How a field that may carry personal data is shown to a role that may not see party numbers (viewer):
 * - `visible`: a privacy number (X, Y) the platform lends, not personal data;
 * - `masked`: phone numbers masked (`+86138****0021`); the default of every PhoneNumber field;
 * - `hidden`: null (SMS content).
 * Set with type-graphql `@Extensions({ privacy: 'visible' })` on the field.
 */
export type FieldPrivacy = 'visible' | 'masked' | 'hidden';

/**
 * Wraps, once at schema build, the resolver of every object field that is a PhoneNumber (unless marked
 * `visible`) or is marked `masked`/`hidden`, so the value is masked for viewers whichever path produced it
 * (query, mutation answer, subscription event). A PhoneNumber field added later is masked by default.
 * Done on the built schema rather than in a type-graphql middleware: only these few fields pay for it.
 */
export function applyViewerMasking(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const declared = field.extensions.privacy as FieldPrivacy | undefined;
      const privacy: FieldPrivacy = declared ?? (getNamedType(field.type) === PhoneNumberScalar ? 'masked' : 'visible');
      if (privacy === 'visible') continue;
      field.resolve = forViewers(field.resolve ?? defaultFieldResolver, privacy);
    }
  }
  return schema;
}

function forViewers(resolve: GraphQLFieldResolver<unknown, Partial<PrincipalContext>>, privacy: 'masked' | 'hidden'): GraphQLFieldResolver<unknown, Partial<PrincipalContext>> {
  return (source, args, context, info) => {
    const value = resolve(source, args, context, info);
    if (context.principal && seesPartyNumbers(context.principal)) return value;
    if (privacy === 'hidden') return null;
    return value instanceof Promise ? value.then(maskValue) : maskValue(value);
  };
}

/** Masks a phone number, or the phone numbers inside free text, or each element of a list. */
function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return /^\+?\d+$/.test(value) ? maskPhone(value) : maskPhones(value);
  if (Array.isArray(value)) return value.map(maskValue);
  return value;
}
