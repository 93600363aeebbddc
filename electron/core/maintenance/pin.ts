/**
 * The maintenance PIN is kept only as a salted scrypt hash in the config: a kiosk's disk
 * can be read by whoever carries it off, and a 6-digit PIN is cheap to brute-force from a
 * fast hash. The hash names its own cost, `scrypt$N$r$p$<salt>$<hash>`, so the cost can
 * be raised without breaking kiosks already set up; the first format, `scrypt:<salt>:<hash>`,
 * was N=2^14 and still verifies (the start-up note asks staff to re-hash it).
 * The wrong-PIN lockout (maintenance-desk.ts) guards the on-screen pad.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
/** 128 MiB of memory and a few hundred ms per try on a kiosk PC. */
export const PIN_HASH_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const LEGACY_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };
/** What a hash may ask for: a config must not be able to make verification take minutes or gigabytes. */
const MIN_N = 2 ** 14;
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 4;

interface ParsedPinHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
  legacy: boolean;
}

/** Node refuses scrypt above 32 MiB unless told; scrypt needs 128·N·r bytes (plus a little). */
function scryptOptions(cost: ScryptCost): ScryptOptions {
  return { ...cost, maxmem: 128 * cost.N * cost.r * cost.p + 16 * 2 ** 20 };
}

export function hashMaintenancePin(pin: string, options: { salt?: Buffer; cost?: ScryptCost } = {}): string {
  const salt = options.salt ?? randomBytes(16);
  const cost = options.cost ?? PIN_HASH_COST;
  const hash = scryptSync(pin, salt, KEY_LENGTH, scryptOptions(cost));
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

function parsePinHash(pinHash: string): ParsedPinHash | null {
  const legacy = /^scrypt:([0-9a-f]{32}):([0-9a-f]{64})$/.exec(pinHash);
  if (legacy) return { cost: LEGACY_COST, salt: Buffer.from(legacy[1]!, 'hex'), hash: Buffer.from(legacy[2]!, 'hex'), legacy: true };
  const m = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([0-9a-f]{32})\$([0-9a-f]{64})$/.exec(pinHash);
  if (!m) return null;
  const cost = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  const powerOfTwo = (cost.N & (cost.N - 1)) === 0;
  if (!powerOfTwo || cost.N < MIN_N || cost.N > MAX_N || cost.r < 1 || cost.r > MAX_R || cost.p < 1 || cost.p > MAX_P) return null;
  return { cost, salt: Buffer.from(m[4]!, 'hex'), hash: Buffer.from(m[5]!, 'hex'), legacy: false };
}

/** Off the event loop (libuv's pool): a try costs a few hundred ms and the kiosk keeps serving meanwhile. */
export async function verifyMaintenancePin(pin: string, pinHash: string): Promise<boolean> {
  const parsed = parsePinHash(pinHash);
  if (!parsed) return false;
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, parsed.salt, parsed.hash.length, scryptOptions(parsed.cost), (err, key) => (err ? reject(err) : resolve(key))),
  );
  return timingSafeEqual(actual, parsed.hash);
}

/** The same, blocking: only for the one check at start-up. */
function verifyMaintenancePinSync(pin: string, pinHash: string): boolean {
  const parsed = parsePinHash(pinHash);
  if (!parsed) return false;
  return timingSafeEqual(scryptSync(pin, parsed.salt, parsed.hash.length, scryptOptions(parsed.cost)), parsed.hash);
}

/** The PIN of the demo kiosk.config.json; a kiosk that still has it says so at start-up. */
export const DEMO_MAINTENANCE_PIN = '000000';

/** One line for the start-up log: how staff get in, and a warning if the demo PIN or a weak hash is still set. */
export function maintenanceStartupNote(pinHash: string | null): string {
  if (!pinHash) return 'maintenance screen: off (no maintenance.pinHash in the config)';
  const parsed = parsePinHash(pinHash);
  if (!parsed) return 'maintenance screen: off (maintenance.pinHash is not a hash printed by npm run -s maintenance-pin)';
  const warnings: string[] = [];
  if (verifyMaintenancePinSync(DEMO_MAINTENANCE_PIN, pinHash)) {
    warnings.push(`WARNING: the PIN is the demo ${DEMO_MAINTENANCE_PIN}, set your own with npm run -s maintenance-pin`);
  }
  if (parsed.cost.N < PIN_HASH_COST.N) {
    warnings.push(`WARNING: the PIN hash has the old cost N=${parsed.cost.N}, re-hash the PIN with npm run -s maintenance-pin`);
  }
  return ['maintenance screen: hold the kiosk label 3 s', ...warnings].join('; ');
}
