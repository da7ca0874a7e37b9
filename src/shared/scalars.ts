import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { GLOBAL_PHONE } from './phone';

/**
 * Custom scalars of the schema. Both are plain GraphQLScalarType values (no state), used through explicit
 * type functions: `@Field(() => PhoneNumberScalar)`.
 */

const dateTime = GraphQLDateTime.toConfig();

/** ISO-8601 instant in UTC with milliseconds (`2026-11-23T08:15:00.000Z`); inputs may carry any offset. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in ISO-8601 form, always sent in UTC with milliseconds, e.g. 2026-11-23T08:15:00.000Z. Inputs may use any offset.',
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
    if (date === null || Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${describe(value)}`);
    return date.toISOString();
  },
  parseValue: (value) => dateTime.parseValue!(value) as Date,
  parseLiteral: (ast, variables) => dateTime.parseLiteral!(ast, variables) as Date,
});

/**
 * A phone number in global format: `+`, country code and number, 8–15 digits in all, the first not 0
 * (E.164), e.g. `+8613800000001`. Invalid input fails with a message saying what is wrong; the message
 * never repeats the value, as phone numbers are personal data.
 */
export const PhoneNumberScalar = new GraphQLScalarType<string, string>({
  name: 'PhoneNumber',
  description: 'A phone number in global format: "+", country code and number, 8 to 15 digits, e.g. +8613800000001.',
  serialize(value) {
    if (typeof value !== 'string') throw new GraphQLError(`PhoneNumber cannot represent ${describe(value)}`);
    return value;
  },
  parseValue(value) {
    if (typeof value !== 'string') throw new GraphQLError(`PhoneNumber must be a string, got ${describe(value)}`);
    return checkPhone(value);
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`PhoneNumber must be a string, got ${ast.kind.toLowerCase()}`, { nodes: ast });
    const problem = phoneProblem(ast.value);
    // With the node, graphql-js reports the location and the argument or field the literal was given for.
    if (problem) throw new GraphQLError(`PhoneNumber must be in global format like +8613800000001: ${problem}`, { nodes: ast });
    return ast.value;
  },
});

/** Returns the number when valid; otherwise throws naming the first problem found. */
export function checkPhone(value: string): string {
  const problem = phoneProblem(value);
  if (problem) throw new GraphQLError(`PhoneNumber must be in global format like +8613800000001: ${problem}`);
  return value;
}

function phoneProblem(value: string): string | null {
  if (GLOBAL_PHONE.test(value)) return null;
  if (value.trim() !== value) return 'it has leading or trailing spaces';
  if (!value.startsWith('+')) return 'it must start with "+" and the country code';
  const digits = value.slice(1);
  if (!/^\d*$/.test(digits)) return 'only digits may follow "+" (no spaces, dashes or brackets)';
  if (digits.startsWith('0')) return 'the country code cannot start with 0';
  return `it has ${digits.length} digits after "+", expected 8 to 15`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'an invalid Date';
  return `a value of type ${typeof value}`;
}
