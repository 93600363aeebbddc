/**
 * The browser shell's Chromium policy: no DevTools, no extensions, no page but the bridge's.
 * Chromium reads managed policies machine-wide from /etc/chromium/policies/managed/*.json
 * (Debian's package) at start. The launcher writes the file when it may (root); otherwise
 * it logs the exact file an installer must put there. Policies bind every Chromium on the
 * machine: on a kiosk terminal that is the point; tests point `dir` elsewhere.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';
export const POLICY_FILE_NAME = 'hall-kiosk.json';

export function kioskChromiumPolicy(origin: string): Record<string, unknown> {
  return {
    // 2 = DevTools disallowed everywhere, the kiosk's own page included and with no
    // allowlist: a keyboard plugged into an unattended kiosk must not reach the citizens'
    // page (its bridge session, their data). The launcher's pipe can still open pages
    // (devtools-pipe.ts); the fleet's screenshot grabs the X display (display-screenshot.ts).
    DeveloperToolsAvailability: 2,
    ExtensionInstallBlocklist: ['*'],
    URLBlocklist: ['*'],
    URLAllowlist: [origin],
    IncognitoModeAvailability: 1,
    BrowserGuestModeEnabled: false,
    BrowserAddPersonEnabled: false,
    BrowserSignin: 0,
    SyncDisabled: true,
    PasswordManagerEnabled: false,
    AutofillAddressEnabled: false,
    AutofillCreditCardEnabled: false,
    TranslateEnabled: false,
    DownloadRestrictions: 3,
    PrintingEnabled: false,
    DefaultNotificationsSetting: 2,
    DefaultGeolocationSetting: 2,
  };
}

export type PolicyInstall = { installed: true; file: string; remove(): void } | { installed: false; file: string; message: string };

/** Writes the policy for `origin` into `dir` (left as it is when already the same). */
export function installChromiumPolicy(origin: string, dir = MANAGED_POLICY_DIR): PolicyInstall {
  const file = path.join(dir, POLICY_FILE_NAME);
  const text = `${JSON.stringify(kioskChromiumPolicy(origin), null, 2)}\n`;
  try {
    let current: string | null = null;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      /* not there yet */
    }
    if (current !== text) {
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      writeFileSync(file, text, { mode: 0o644 });
    }
    return { installed: true, file, remove: () => rmSync(file, { force: true }) };
  } catch (err) {
    return {
      installed: false,
      file,
      message: `Chromium policy not installed (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): as root, write ${file} with ${JSON.stringify(kioskChromiumPolicy(origin))} (start the kiosk with a fixed --port so it stays true)`,
    };
  }
}
