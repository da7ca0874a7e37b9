import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AppResolver } from '../apps/app.resolver';

/**
 * Every resolver class of the schema, assembled in this one place. A feature adds its resolver classes here
 * (and its `*Context` needs to server/context.ts); nothing else registers resolvers.
 */
export function gatewayResolvers(): NonEmptyArray<Function> {
  return [AppResolver];
}

/**
 * Builds the executable schema from the type-graphql classes. Pure apart from type-graphql's own metadata
 * registry; safe to call more than once per process. Input checks live in the features (errors name the
 * field), so class-validator integration stays off.
 */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: gatewayResolvers(), validate: false });
}

/** The SDL committed as schema.graphql: types sorted by name, so the file only changes when the schema does. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
