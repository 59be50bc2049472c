/** Query parameters that carry a capability or a secret (signing, data room, password reset, OAuth). */
const SECRET_PARAMS = /^(token|grant|code|state|key|signature|sig|password|access_token|refresh_token)$/i;
/** A path segment that is a token: long base64url runs; UUIDs are ids, not secrets, and stay. */
const TOKEN_RUN = /[A-Za-z0-9_-]{24,}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A request URL fit for the log: capability tokens in the path (signing links, data rooms,
 * exposé links, signed media addresses) and secret query parameters replaced by `[redacted]`.
 */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2) as [string, string | undefined];
  const safePath = path
    .split('/')
    .map((segment) => (UUID.test(segment) ? segment : segment.replace(TOKEN_RUN, '[redacted]')))
    .join('/');
  if (query === undefined) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const [name = ''] = pair.split('=', 1);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // leave undecodable names as they are
      }
      return SECRET_PARAMS.test(decoded) ? `${name}=[redacted]` : pair.replace(TOKEN_RUN, '[redacted]');
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}
