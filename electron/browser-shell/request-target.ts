/**
 * Request targets from the wire, parsed once and safely. A hostile local client can send
 * any bytes as the request target (`GET http://[::1 HTTP/1.1`); `new URL` throws on many
 * of them, and a throw in a request or upgrade handler would end the kiosk. The bridge is
 * not a proxy: only origin-form targets ("/path?query") are accepted, anything else is null.
 */
export interface RequestTarget {
  pathname: string;
  searchParams: URLSearchParams;
}

export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  // "//host/…" would parse as another host's path: not ours either.
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    const url = new URL(raw, 'http://127.0.0.1');
    return { pathname: url.pathname, searchParams: url.searchParams };
  } catch {
    return null;
  }
}
