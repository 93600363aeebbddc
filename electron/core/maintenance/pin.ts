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
