/**
 * Whether the kiosk's Chromium can keep its sandbox. Debian's Chromium ships no setuid
 * helper: its sandbox needs unprivileged user namespaces, and it refuses to sandbox a root
 * browser at all. Only then is `--no-sandbox` passed, and the reason said in the log.
 */
import { readFileSync, statSync } from 'node:fs';

export interface SandboxProbe {
  uid: number | null;
  /** A sysctl's value, or null when the file does not exist on this kernel. */
  sysctl(path: string): string | null;
  /** A setuid-root chrome-sandbox helper is installed (Google Chrome's packages have one). */
  setuidHelper(): boolean;
}

export interface SandboxDecision {
  flags: string[];
  reason: string;
}

const USERNS_SYSCTLS: Array<[path: string, blocked: (value: string) => boolean, what: string]> = [
  ['/proc/sys/user/max_user_namespaces', (v) => v === '0', 'user.max_user_namespaces is 0'],
  ['/proc/sys/kernel/unprivileged_userns_clone', (v) => v === '0', 'kernel.unprivileged_userns_clone is 0'],
  ['/proc/sys/kernel/apparmor_restrict_unprivileged_userns', (v) => v === '1', 'kernel.apparmor_restrict_unprivileged_userns is 1'],
];

export function decideSandbox(probe: SandboxProbe): SandboxDecision {
  if (probe.uid === 0) {
    return {
      flags: ['--no-sandbox'],
      reason: 'Chromium without its sandbox: the kiosk runs as root, and Chromium cannot sandbox a root browser; run it as the kiosk user (assets/systemd/hall-kiosk.service)',
    };
  }
  const blocked = USERNS_SYSCTLS.find(([path, isBlocked]) => {
    const value = probe.sysctl(path);
    return value !== null && isBlocked(value);
  });
  if (blocked && !probe.setuidHelper()) {
    return {
      flags: ['--no-sandbox'],
      reason: `Chromium without its sandbox: unprivileged user namespaces are off (${blocked[2]}) and no setuid chrome-sandbox is installed; allow them (sysctl) to get the sandbox back`,
    };
  }
  return { flags: [], reason: 'Chromium sandboxed' };
}

export const systemSandboxProbe: SandboxProbe = {
  uid: process.getuid?.() ?? null,
  sysctl(path) {
    try {
      return readFileSync(path, 'utf8').trim();
    } catch {
      return null;
    }
  },
  setuidHelper() {
    return ['/usr/lib/chromium/chrome-sandbox', '/opt/google/chrome/chrome-sandbox'].some((p) => {
      try {
        const s = statSync(p);
        return s.uid === 0 && (s.mode & 0o4000) !== 0;
      } catch {
        return false;
      }
    });
  },
};
