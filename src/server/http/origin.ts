/**
 * Whether a request's `Origin` header names the host it was sent to. A missing Origin (same-origin
 * GETs, non-browser clients) and the opaque `null` origin pass; anything that does not parse as a
 * URL fails, so a malformed header is refused like a cross-site one instead of throwing.
 */
export function originMatchesHost(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || origin === 'null') return true;
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}
