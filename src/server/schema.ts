import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, type NonEmptyArray, type PubSub } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { applyViewerMasking } from '../auth/masking';
import { AppResolver } from '../apps/app.resolver';
import { BindingMutationsResolver } from '../bindings/binding-mutations.resolver';
import { BindingResolver } from '../bindings/binding.resolver';
import { CallCodesResolver, CallEventCodesResolver, CallRecordCodesResolver } from '../calls/call-codes.resolver';
import { BindingCallsResolver, CallEventResolver, CallRecordResolver, CallResolver } from '../calls/call.resolver';
import { CallSubscriptionResolver } from '../calls/call.subscription';
import { DeadLetterResolver } from '../dead-letters/dead-letter.resolver';
import { PrivacyNumberCodesResolver } from '../numbers/privacy-number-codes.resolver';
import { PrivacyNumberResolver } from '../numbers/privacy-number.resolver';
import { PrivacyNumberSubscriptionResolver } from '../numbers/privacy-number.subscription';
import { SandboxResolver } from '../sandbox/sandbox.resolver';
import { SmsCodesResolver } from '../sms/sms-codes.resolver';
import { SmsResolver } from '../sms/sms.resolver';
import { SmsSubscriptionResolver } from '../sms/sms.subscription';

/**
 * Every resolver class of the schema, assembled in this one place. A feature adds its resolver classes here
 * (and its `*Context` needs to server/context.ts); nothing else registers resolvers. The sandbox mutations
 * exist only in sandbox mode.
 */
export function gatewayResolvers(options: { sandbox: boolean }): NonEmptyArray<Function> {
  return [
    AppResolver,
    BindingResolver,
    BindingMutationsResolver,
    BindingCallsResolver,
    PrivacyNumberResolver,
    PrivacyNumberSubscriptionResolver,
    CallResolver,
    CallEventResolver,
    CallRecordResolver,
    CallSubscriptionResolver,
    SmsResolver,
    SmsSubscriptionResolver,
    DeadLetterResolver,
    // The readable companions of the platform's integer codes (PlatformCode beside each raw code).
    CallCodesResolver,
    CallEventCodesResolver,
    CallRecordCodesResolver,
    SmsCodesResolver,
    PrivacyNumberCodesResolver,
    ...(options.sandbox ? [SandboxResolver] : []),
  ];
}

/**
 * Every subscription reads the event log through its own `subscribe` function (events/live-stream.ts);
 * type-graphql's topic-based pub/sub is never used, and using it by mistake fails loudly.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('type-graphql topics are not used: subscriptions read the event log');
  },
  subscribe() {
    throw new Error('type-graphql topics are not used: subscriptions read the event log');
  },
};

/**
 * Builds the executable schema from the type-graphql classes. Pure apart from type-graphql's own metadata
 * registry; safe to call more than once per process. Input checks live in the features (errors name the
 * field), so class-validator integration stays off. Every root field carries `@Authorized` (checked by the one
 * `authChecker`), and party-number fields are masked for viewers (`applyViewerMasking`).
 */
export async function buildGatewaySchema(options: { sandbox: boolean } = { sandbox: true }): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: gatewayResolvers(options), validate: false, pubSub: NO_TOPICS, authChecker, authMode: 'error' });
  return applyViewerMasking(schema);
}

/** The committed SDL files: the production schema and the sandbox superset (`npm run schema` writes both). */
export const SCHEMA_FILES: readonly (readonly [file: string, sandbox: boolean])[] = [
  ['schema.graphql', false],
  ['schema.sandbox.graphql', true],
];

/** The SDL committed as schema.graphql and schema.sandbox.graphql: types sorted by name, so the file only changes when the schema does. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
