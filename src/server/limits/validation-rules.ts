import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { type DocumentNode, GraphQLError, Lexer, NoSchemaIntrospectionCustomRule, parse, type ParseOptions, Source, TokenKind, type ValidationRule } from 'graphql';
import type { GraphqlConfig, LimitsConfig } from '../../config';
import { ErrorCode } from '../../errors';
import { type DocumentLimitCode, limitError } from './limit-error';

/**
 * The document limits, as one value built once by the composition root and handed to both transports:
 * Apollo gets `parseOptions`, `validationRules` and `validationOptions`; graphql-ws `onSubscribe` calls
 * `parseDocument` and passes the same rules and options to `validate`. So a document refused on one
 * transport is refused on the other, with the same code.
 */
export interface DocumentLimits {
  /** graphql-js counts tokens while parsing and stops at the limit: a huge document never becomes a huge AST. */
  parseOptions: ParseOptions;
  /** Depth, aliases and directives (graphql-armor), plus no introspection when it is off. */
  validationRules: readonly ValidationRule[];
  /** No "Did you mean …" in validation errors when suggestions are off. */
  validationOptions: { hideSuggestions: boolean };
}

export function documentLimits(limits: LimitsConfig, graphql: GraphqlConfig): DocumentLimits {
  const armor = (code: DocumentLimitCode, figure: string) => ({
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [rejectWith(code, figure)],
  });
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...armor(ErrorCode.QueryTooDeep, 'depth') }),
    maxAliasesRule({ n: limits.maxAliases, ...armor(ErrorCode.TooManyAliases, 'aliases') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...armor(ErrorCode.TooManyDirectives, 'directives') }),
  ];
  if (!graphql.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: rules,
    validationOptions: { hideSuggestions: !graphql.fieldSuggestions },
  };
}

/**
 * armor reports "Syntax Error: Query depth limit of 10 exceeded, found 12." and would throw it out of
 * `validate`; instead the rule reports our error (code, `limit`, the figure) as an ordinary validation error.
 */
function rejectWith(code: DocumentLimitCode, figure: string): GraphQLArmorRejectCallback {
  return (context, error) => {
    const m = /limit of (\d+) exceeded, found (\d+)/.exec(error.message);
    const extensions: Record<string, number> = m ? { limit: Number(m[1]), [figure]: Number(m[2]) } : {};
    context?.reportError(limitError(code, error.message.replace(/^Syntax Error: /, ''), extensions));
  };
}

/**
 * Parses with the token limit. A document over the limit becomes TOO_MANY_TOKENS; any other syntax error
 * is returned as graphql-js reported it (the transports give it GRAPHQL_PARSE_FAILED).
 */
export function parseDocument(query: string, limits: DocumentLimits): DocumentNode | GraphQLError {
  // Counted first with the lexer alone (a loop, no recursion): a document nested deeper than the parser's
  // stack allows would otherwise overflow it before the parser's own count reaches the limit, now and then.
  const maxTokens = limits.parseOptions.maxTokens;
  if (maxTokens !== undefined && tokensExceed(query, maxTokens)) {
    return limitError(ErrorCode.TooManyTokens, `Token limit of ${maxTokens} exceeded.`, { limit: maxTokens });
  }
  try {
    return parse(query, limits.parseOptions);
  } catch (err) {
    // A token limit raised high enough lets a deeply nested document exhaust the parser's stack.
    if (err instanceof RangeError) return new GraphQLError('Syntax Error: the document nests too deeply to parse.');
    if (!(err instanceof GraphQLError)) throw err;
    return toTokenLimitError(err) ?? err;
  }
}

/** graphql 16 says "more that N tokens" (sic); later versions may fix the typo. */
const TOKEN_LIMIT = /Document contains more th(?:an|at) (\d+) tokens/;

/**
 * graphql-js's own token-limit syntax error as TOO_MANY_TOKENS, else null. Apollo parses HTTP documents
 * itself, so `formatError` uses this too (through `toLimitError`).
 */
export function toTokenLimitError(error: { message: string }): GraphQLError | null {
  const m = TOKEN_LIMIT.exec(error.message);
  if (!m) return null;
  const limit = Number(m[1]);
  return limitError(ErrorCode.TooManyTokens, `Token limit of ${limit} exceeded.`, { limit });
}

/** True when `query` has more than `max` tokens; a lexing error is left for the parser to report. */
function tokensExceed(query: string, max: number): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let n = 0; lexer.advance().kind !== TokenKind.EOF; ) if (++n > max) return true;
  } catch {
    return false;
  }
  return false;
}
