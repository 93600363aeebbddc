/**
 * The maintenance PIN is kept only as a salted scrypt hash in the config: a kiosk's disk
 * can be read by whoever carries it off, and a 6-digit PIN is cheap to brute-force from a
 * fast hash. The wrong-PIN lockout (maintenance-desk.ts) guards the on-screen pad.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const COST = { N: 2 ** 14, r: 8, p: 1 };

export function hashMaintenancePin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt:${salt.toString('hex')}:${scryptSync(pin, salt, KEY_LENGTH, COST).toString('hex')}`;
}

export function verifyMaintenancePin(pin: string, pinHash: string): boolean {
  const [scheme, saltHex, hashHex] = pinHash.split(':');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length, COST);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The PIN of the demo kiosk.config.json; a kiosk that still has it says so at start-up. */
export const DEMO_MAINTENANCE_PIN = '000000';

/** One line for the start-up log: how staff get in, and a warning if the demo PIN is still set. */
export function maintenanceStartupNote(pinHash: string | null): string {
  if (!pinHash) return 'maintenance screen: off (no maintenance.pinHash in the config)';
  const demo = verifyMaintenancePin(DEMO_MAINTENANCE_PIN, pinHash);
  return `maintenance screen: hold the kiosk label 3 s${demo ? `; WARNING: the PIN is the demo ${DEMO_MAINTENANCE_PIN}, set your own with npm run -s maintenance-pin` : ''}`;
}
