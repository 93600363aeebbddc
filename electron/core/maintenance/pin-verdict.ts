/**
 * Whether the config's maintenance PIN hash is a hash of the demo PIN, remembered per hash.
 * Telling needs one scrypt run at the hash's own cost (pin.ts: about 0.6 s and 128 MiB on a
 * kiosk PC), and a kiosk that restarts every morning with the same config would pay it before
 * each start. So the answer is kept in dataDir/maintenance-pin.verdict as an HMAC, under the
 * kiosk's ID-hash key, of the verdict and the exact hash string: a new hash (a new PIN, a new
 * salt) misses, and a file not made with this kiosk's key (copied from another kiosk, or
 * written by hand) is not believed and the PIN is hashed again. With the development key
 * (public) the file could be forged, but a production start refuses that key anyway.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_MAINTENANCE_PIN, verifyMaintenancePin } from './pin.js';

export type PinVerdict = 'demo' | 'own';
const VERDICTS: readonly PinVerdict[] = ['demo', 'own'];
export const PIN_VERDICT_FILE = 'maintenance-pin.verdict';

function seal(key: Buffer, verdict: PinVerdict, pinHash: string): Buffer {
  return createHmac('sha256', key).update(`maintenance-pin-verdict\0${verdict}\0${pinHash}`).digest();
}

function remembered(file: string, key: Buffer, pinHash: string): PinVerdict | null {
  let kept: Buffer;
  try {
    kept = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    return null;
  }
  for (const verdict of VERDICTS) {
    const expected = seal(key, verdict, pinHash);
    if (kept.length === expected.length && timingSafeEqual(kept, expected)) return verdict;
  }
  return null;
}

/** 'demo' when pinHash hashes the demo PIN; scrypt runs only when no verdict for this hash is kept. */
export async function demoPinVerdict(pinHash: string, dataDir: string, key: Buffer): Promise<PinVerdict> {
  const file = path.join(dataDir, PIN_VERDICT_FILE);
  const known = remembered(file, key, pinHash);
  if (known) return known;
  const verdict: PinVerdict = (await verifyMaintenancePin(DEMO_MAINTENANCE_PIN, pinHash)) ? 'demo' : 'own';
  try {
    mkdirSync(dataDir, { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, `${seal(key, verdict, pinHash).toString('hex')}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // Not kept (a read-only or full disk): the next start hashes the PIN again, nothing worse.
  }
  return verdict;
}
