import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { UserInputError } from '../errors';
import type { Page } from '../store/paging';
import { MAX_PAGE_SIZE } from './cursor';
import { PageInfo } from './page-info.type';

/**
 * Relay-style connections, one generic pair of classes for every list (type-graphql's generic types):
 * `class XConnection extends Connection<XView>(X, 'X', 'xs') {}` under `@ObjectType('XConnection')` gives the
 * GraphQL types `XEdge` and `XConnection`. `V` is the value resolvers return for a node (a view), so no cast
 * turns a view into the GraphQL class.
 */
export interface EdgeValue<V> {
  cursor: string;
  node: V;
}

/** What a connection resolver returns: `totalCount` is a promise that runs its query only when read. */
export interface ConnectionValue<V> {
  edges: EdgeValue<V>[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

const CURSOR_DESCRIPTION =
  'Opaque position of this node in the list: pass it as `after` to get the nodes that follow it. Stable while the node exists; not an event-log cursor.';

/**
 * The abstract connection class of nodes of GraphQL type `node` (an object or interface class), with its
 * edge type `${name}Edge`. `plural` names the nodes in the descriptions.
 */
export function Connection<V>(node: abstract new () => object, name: string, plural: string) {
  @ObjectType(`${name}Edge`, { description: `One of the ${plural} of a page, with its cursor.` })
  class Edge implements EdgeValue<V> {
    @Field(() => String, { description: CURSOR_DESCRIPTION })
    cursor!: string;

    @Field(() => node, { description: `The node: one of the ${plural}.` })
    node!: V;
  }

  // Abstract: only the named subclasses are GraphQL types (a type-graphql schema holds only reachable types).
  @ObjectType()
  abstract class ConnectionClass implements ConnectionValue<V> {
    @Field(() => [Edge], { description: `The ${plural} of this page, in the list's order; empty when none match (or the page starts past the last one).` })
    edges!: EdgeValue<V>[];

    @Field(() => PageInfo, { description: 'Whether another page follows, and the cursor to get it.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: true,
      description: `How many ${plural} match the filter in all pages (not only this one). Counted only when selected: leave it out when not needed, it costs a count over the whole filter.`,
    })
    readonly totalCount!: Promise<number>;
  }
  return ConnectionClass;
}

/** The connection of a page, each node mapped to its view. `totalCount` runs `page.count` on first read. */
export function toConnection<T, V>(page: Page<T>, map: (node: T) => V): ConnectionValue<V> {
  return {
    edges: page.items.map((e) => ({ cursor: e.cursor, node: map(e.node) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    get totalCount() {
      return page.count();
    },
  };
}

/** A checked page window: `first` within 1 to MAX_PAGE_SIZE, `after` a cursor or null (the first page). */
export interface PageWindow {
  first: number;
  after: string | null;
}

interface PageArgsValue {
  first: number | null;
  after: string | null;
  /** The window these arguments ask for; BAD_USER_INPUT naming `first` outside 1 to MAX_PAGE_SIZE. */
  window(): PageWindow;
}

/**
 * The `first` and `after` arguments of a connection field whose page size defaults to `defaultFirst`, as a
 * type-graphql `@ArgsType`: described, defaulted and range-checked here and nowhere else.
 */
function pageArgs(defaultFirst: number): new () => PageArgsValue {

  @ArgsType()
  class PageArgsClass implements PageArgsValue {
    @Field(() => Int, {
      nullable: true,
      defaultValue: defaultFirst,
      description: `Page size: how many nodes to return, 1 to ${MAX_PAGE_SIZE} (default ${defaultFirst}; null = the default). Outside that range: BAD_USER_INPUT naming \`first\`.`,
    })
    first!: number | null;

    @Field(() => String, {
      nullable: true,
      description:
        'Start right after this cursor: the `pageInfo.endCursor` (or an edge `cursor`) of the previous page. Absent or null = the first page. ' +
        'Connection cursors are opaque and issued by this API only; they are not event-log cursors ("0" is not one). A cursor this API did not issue: BAD_USER_INPUT naming `after`.',
    })
    after!: string | null;

    window(): PageWindow {
      const first = this.first ?? defaultFirst;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new UserInputError('first', `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
      return { first, after: this.after ?? null };
    }
  }
  return PageArgsClass;
}

/**
 * `first` (default 20) and `after`: `@Args(() => PageArgs) page: PageArgsOf`, then `page.window()`. Built when
 * this module loads: type-graphql reads its registry of argument classes before it calls `() => PageArgs`.
 */
export const PageArgs = pageArgs(20);

/** The same with a default page size of 50 (the number inventory). */
export const PageArgs50 = pageArgs(50);

/** The value type of `PageArgs(n)` arguments, for resolver parameters. */
export type PageArgsOf = PageArgsValue;
