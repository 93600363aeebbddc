/**
 * Identity tokens from the embedded central simulator, so a simulated scan of a 网证 /
 * 电子社保卡 / 浙里办 code is one the central resolves: `POST /admin/identity-codes`
 * (issued for a citizen of its population by role, single-use, 60 s).
 */
import type { IdentityCodeKind } from '../../../electron/common/scan-codes.js';
import type { IdentityTokenIssuer } from './control.js';

/** Whose code a scan is when the command names nobody: the population's employee with an appointment. */
export const DEFAULT_CODE_CITIZEN = 'employee-with-appointment';

export function centralTokenIssuer(centralUrl: string, adminToken: string): IdentityTokenIssuer {
  return async (kind: IdentityCodeKind, citizen: string | undefined) => {
    const role = (citizen ?? DEFAULT_CODE_CITIZEN).replace(/^hall-/, '');
    const res = await fetch(`${centralUrl}/admin/identity-codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind, role }),
    });
    const body = (await res.json().catch(() => ({}))) as { token?: unknown; error?: unknown };
    if (!res.ok || typeof body.token !== 'string') {
      throw new Error(`the central simulator issued no ${kind} token for "${role}" (HTTP ${res.status}${typeof body.error === 'string' ? `: ${body.error}` : ''}); pass a token as the value to scan one anyway`);
    }
    return body.token;
  };
}
