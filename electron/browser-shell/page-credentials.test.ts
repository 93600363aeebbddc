import { describe, expect, it } from 'vitest';
import { PageCredentials } from './page-credentials.js';

const q = (params: Record<string, string>) => new URLSearchParams(params);

describe('page credentials', () => {
  it('takes a launch token once, in exchange for a session secret', () => {
    const credentials = new PageCredentials();
    const token = credentials.issueLaunchToken();
    expect(credentials.check(q({ token: 'x'.repeat(token.length) }))).toBeNull();
    const presented = credentials.check(q({ token }));
    expect(presented).toEqual({ kind: 'launch-token', value: token });
    const secret = credentials.admit(presented!);
    expect(secret).not.toBe(token);
    expect(credentials.check(q({ token }))).toBeNull(); // used up
    expect(credentials.check(q({ secret }))).toEqual({ kind: 'session-secret', value: secret });
    expect(credentials.admit({ kind: 'session-secret', value: secret })).toBe(secret);
  });

  it('keeps only the latest launch token and the latest page', () => {
    const credentials = new PageCredentials();
    const first = credentials.issueLaunchToken();
    const oldSecret = credentials.admit(credentials.check(q({ token: first }))!);
    const older = credentials.issueLaunchToken();
    const newer = credentials.issueLaunchToken();
    expect(credentials.check(q({ token: older }))).toBeNull();
    expect(credentials.check(q({ secret: oldSecret }))).not.toBeNull(); // until the new window's page comes
    credentials.admit(credentials.check(q({ token: newer }))!);
    expect(credentials.check(q({ secret: oldSecret }))).toBeNull();
  });

  it('refuses a token presented as a secret and the reverse, and nothing at all', () => {
    const credentials = new PageCredentials();
    const token = credentials.issueLaunchToken();
    expect(credentials.check(q({ secret: token }))).toBeNull();
    expect(credentials.check(q({}))).toBeNull();
    expect(credentials.check(q({ token: '' }))).toBeNull();
  });
});
