import { Field, ObjectType } from 'type-graphql';

/** Relay-style page information shared by every connection. */
@ObjectType('PageInfo', { description: 'Where a page of a connection ends, and whether another follows.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more nodes follow this page: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last node of this page: pass it as `after` to get the next page. Null when the page is empty.' })
  endCursor!: string | null;
}
