/**
 * The token of an `Authorization: Bearer <token>` value (RFC 6750: case-insensitive scheme, visible ASCII
 * token), or null when the value is not of that form. Used for GraphQL credentials and the metrics token alike.
 */
export function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer +([\x21-\x7e]{1,8192}) *$/i.exec(authorization?.trim() ?? '')?.[1] ?? null;
}
