import { Extensions, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../shared/connection';
import { DateTimeScalar } from '../shared/scalars';

export enum DeadLetterKindName {
  CALL_EVENT = 'callEvent',
  CDR_BATCH = 'cdrBatch',
  SMS = 'sms',
  NUMBER_STATUS = 'numberStatus',
  UNKNOWN = 'unknown',
}
registerEnumType(DeadLetterKindName, {
  name: 'DeadLetterKind',
  description: 'What the push was probably meant to be, from its shape; UNKNOWN when nothing fits.',
  valuesConfig: {
    CALL_EVENT: { description: 'A call event push.' },
    CDR_BATCH: { description: 'A CDR push (one bad record of a batch).' },
    SMS: { description: 'An SMS push.' },
    NUMBER_STATUS: { description: 'A number-status push.' },
    UNKNOWN: { description: 'Nothing fits (not JSON, an unknown eventType).' },
  },
});

@ObjectType('DeadLetter', {
  description:
    'A signed push the gateway answered 200 but could not store as what it claims to be: not parsable, naming another app, or holding a value the database refuses. Kept until replayed or discarded.',
})
export class DeadLetter {
  @Field(() => ID, { description: 'Pass to replayDeadLetter or discardDeadLetter.' }) id!: string;
  @Field(() => String, { description: 'The app whose endpoint received it.' }) app!: string;
  @Field(() => DeadLetterKindName, { description: 'What the push was probably meant to be.' }) kind!: DeadLetterKindName;
  @Field(() => String, { description: 'Why it is a dead letter: `path: expected …, got …`, a foreign owner, or the database refusal.' }) error!: string;
  @Extensions({ privacy: 'hidden' })
  @Field(() => String, { description: 'The request headers as received, a JSON object.' })
  headers!: string;
  @Extensions({ privacy: 'hidden' })
  @Field(() => String, { description: 'The raw body as received (UTF-8; bytes that are not UTF-8 show as U+FFFD).' })
  rawBody!: string;
  @Field(() => Int, { description: 'Size of the raw body in bytes.' }) bytes!: number;
  @Field(() => DateTimeScalar, { description: 'When the gateway received the push.' }) receivedAt!: Date;
}

@ObjectType('DeadLetterConnection', { description: 'A page of dead letters, newest first.' })
export class DeadLetterConnection extends Connection<DeadLetter>(DeadLetter, 'DeadLetter', 'dead letters') {}

@ObjectType('DeadLetterReplay', { description: 'What a replay stored: the push is now stored as if it had just been pushed.' })
export class DeadLetterReplay {
  @Field(() => ID, { description: 'The dead letter, now removed.' }) id!: string;
  @Field(() => DeadLetterKindName, { description: 'What the push was stored as.' }) kind!: DeadLetterKindName;
  @Field(() => Int, { description: 'Events appended to the event log (0: everything in it was already stored).' }) stored!: number;
  @Field(() => Int, { description: 'Parts of it already stored before (skipped).' }) duplicates!: number;
}
