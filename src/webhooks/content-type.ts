/**
 * The platform sends every push as `Content-Type: application/json;charset=UTF-8` (push-api.md §1.2), and
 * so does the emulator. A push with any other media type (a form post, text/plain, none at all) is not
 * the platform's and is answered 415 before its body is read.
 */
export function isJsonContentType(value: string | string[] | undefined): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return false;
  const mediaType = first.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json';
}
