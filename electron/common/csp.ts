/**
 * The kiosk page's one Content Security Policy, shared by both shells and the page's own
 * meta tag. Only where the page may connect differs: nowhere in Electron (IPC needs no
 * network), the bridge's own WebSocket in the browser shell, and any loopback WebSocket in
 * the built index.html (the bridge's port is chosen at launch; the header narrows it).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
/** Ignored (with a console warning) in a meta tag: sent in headers only. */
const HEADER_ONLY = ["frame-ancestors 'none'"];

function policy(connectSrc: string, headerOnly: string[]): string {
  return [...DIRECTIVES.slice(0, 5), `connect-src ${connectSrc}`, ...DIRECTIVES.slice(5), ...headerOnly].join('; ');
}

/** The Electron shell's response header: the page talks to the core over IPC only. */
export const ELECTRON_CSP = policy("'none'", HEADER_ONLY);

/** The browser shell's response header: the page may open its bridge's WebSocket, nothing else. */
export function browserShellCsp(origin: string): string {
  return policy(`'self' ${origin.replace(/^http/, 'ws')}`, HEADER_ONLY);
}

/** renderer/index.html's meta tag (checked by csp.test.ts): both shells' headers narrow it. */
export const PAGE_META_CSP = policy("'self' ws://127.0.0.1:*", []);
