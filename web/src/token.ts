/** The bearer token a person typed into the board, kept for this browser tab only (sessionStorage). */
const KEY = 'pn-board-token';

export function readToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the token lives until the page is closed.
  }
}

/** `Bearer <token>`, or undefined when no token is set (the sandbox needs none). */
export function authorizationOf(token: string): string | undefined {
  const t = token.trim();
  if (!t) return undefined;
  return /^bearer\s/i.test(t) ? t : `Bearer ${t}`;
}
