/**
 * The cost of a connection field for the query cost limit (server/limits/cost.ts): its page size (`first`,
 * or the field's default when absent or null) times the cost of one item's selection. Used as the
 * type-graphql `complexity` option of every field that takes `first`.
 */
export function pageCost(defaultFirst: number): (options: { args: Record<string, unknown>; childComplexity: number }) => number {
  return ({ args, childComplexity }) => {
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : defaultFirst;
    return first * Math.max(1, childComplexity);
  };
}

/** A list field with no `first` counts as this many items. */
export const UNPAGED_LIST_COST = 10;

/** The cost of a list without paging (e.g. a call's events): a fixed number of items times one item's selection. */
export function listCost({ childComplexity }: { childComplexity: number }): number {
  return UNPAGED_LIST_COST * Math.max(1, childComplexity);
}
