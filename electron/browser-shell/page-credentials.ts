/**
 * Who may be the kiosk page. The launcher gets a launch token per window it opens (in the
 * page's URL fragment, handed to Chromium over its private DevTools pipe, never on a
 * command line); the first connection that presents it uses it up and gets a session
 * secret, which the page keeps in memory to reconnect. A newer launch token or a newer
 * secret replaces the older one: only the latest window can ever be the page.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export type PageCredential = { kind: 'launch-token'; value: string } | { kind: 'session-secret'; value: string };

const fresh = () => randomBytes(32).toString('base64url');

function same(presented: string, expected: string | null): boolean {
  if (!expected) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class PageCredentials {
  private launchToken: string | null = null;
  private sessionSecret: string | null = null;

  /** A single-use token for the next window; any unused older one stops working. */
  issueLaunchToken(): string {
    this.launchToken = fresh();
    return this.launchToken;
  }

  /** The credential an upgrade request presents (`?token=` or `?secret=`), if it is a valid one. */
  check(query: URLSearchParams): PageCredential | null {
    const token = query.get('token');
    if (token !== null && same(token, this.launchToken)) return { kind: 'launch-token', value: token };
    const secret = query.get('secret');
    if (secret !== null && same(secret, this.sessionSecret)) return { kind: 'session-secret', value: secret };
    return null;
  }

  /**
   * Admits the page that presented `credential`: a launch token is used up and exchanged
   * for a new session secret (the previous page's secret no longer works); a session secret
   * stays as it is. Returns the secret the page keeps.
   */
  admit(credential: PageCredential): string {
    if (credential.kind === 'session-secret') return credential.value;
    this.launchToken = null;
    this.sessionSecret = fresh();
    return this.sessionSecret;
  }
}
