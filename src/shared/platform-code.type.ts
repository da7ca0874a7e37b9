import { Field, Int, ObjectType } from 'type-graphql';

/**
 * An integer code of the platform beside its documented meaning. The raw code stays in its own field
 * (`hangupCode`, `failureCause`, …); this companion says what it means.
 */
@ObjectType('PlatformCode', { description: 'An integer code the platform pushed, with its documented meaning.' })
export class PlatformCode {
  @Field(() => Int, { description: 'The code as the platform sent it.' })
  code!: number;

  @Field(() => String, { nullable: true, description: "The documented meaning in English; null when the platform's documentation does not list this code." })
  reason!: string | null;
}

/** The code with its meaning from `table`; null when there is no code. */
export function platformCode(table: Readonly<Record<number, string>>, code: number | null | undefined): PlatformCode | null {
  if (code === null || code === undefined) return null;
  return { code, reason: Object.prototype.hasOwnProperty.call(table, code) ? table[code]! : null };
}
