import { failInvalid } from '../result';

/**
 * Raw parameters by method (rest-api.md §1): POST/PUT a JSON object body; GET the URL query; DELETE the
 * URL query, plus (leniently, as some clients send it) a JSON object body, the query winning. The query is
 * decoded as form data, so `%2B` is `+` and a raw `+` becomes a space (an invalid number later).
 */
export function rawParams(method: string, query: URLSearchParams, body: Buffer): Record<string, unknown> {
  const fromQuery = Object.fromEntries(query.entries());
  switch (method) {
    case 'POST':
    case 'PUT':
      return parseBody(body, true);
    case 'DELETE':
      return { ...parseBody(body, false), ...fromQuery };
    default:
      return fromQuery;
  }
}

/** An empty body is `{}`; anything but a JSON object is 1010002 when `strict`, ignored otherwise. */
function parseBody(body: Buffer, strict: boolean): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  return strict ? failInvalid('body', 'The body must be a JSON object.') : {};
}
