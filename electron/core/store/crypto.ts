/**
 * Personal data at rest. AES-256-GCM with a 32-byte key kept in a file outside the
 * database (dataDir/keys/store.key, mode 0600, folder 0700). On a managed kiosk the key
 * should come from the OS keystore instead (Windows DPAPI / macOS Keychain / libsecret,
 * e.g. Electron's safeStorage encrypting this file): pass `key` to openKioskStore.
 *
 * ID numbers are never stored: only HMAC-SHA256 with the hall-wide ID hash key, the same
 * hash the central API uses for look-ups (see electron/common/central-api.ts).
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, randomFillSync, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StoreKeyError } from './errors.js';
import { fsyncDir, mkdirDurable } from './durable-dir.js';

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
/** IVs drawn per refill: one randomFillSync for 256 records instead of a randomBytes call each. */
const IVS_PER_REFILL = 256;

/**
 * Development-only hall key, shared by the embedded simulator. A real hall provisions
 * its own key to every kiosk (KIOSK_ID_HASH_KEY or dataDir/keys/id-hash.key) and to
 * the central system.
 */
export const DEV_ID_HASH_KEY = Buffer.from('6b696f736b2d6465762d69642d686173682d6b65792d6e6f742d666f722d7573', 'hex');

export function hashIdNumber(idNumber: string, hallKey: Buffer): string {
  return createHmac('sha256', hallKey).update(idNumber.trim().toUpperCase(), 'utf8').digest('hex');
}

/**
 * Loads a 32-byte key file, creating it (0600 in a 0700 folder) when absent. A created
 * key is durable before it is returned (content, name and every new folder above it
 * fsynced): records encrypted with it may reach the disk right after, and a power cut
 * must never keep them while losing their key.
 */
export function loadOrCreateKeyFile(path: string): Buffer {
  if (existsSync(path)) {
    const key = readFileSync(path);
    if (key.length !== 32) throw new StoreKeyError(`key file ${path} is ${key.length} bytes, expected 32: restore it from backup`);
    return key;
  }
  mkdirDurable(dirname(path), 0o700);
  chmodSync(dirname(path), 0o700);
  // Written to a temporary file, fsynced, then linked into place: a crash never leaves a half key.
  const key = randomBytes(32);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, key);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    unlinkSync(tmp);
    return loadOrCreateKeyFile(path); // another process made it first
  }
  unlinkSync(tmp);
  fsyncDir(dirname(path)); // the new name (and the temporary's removal) reach the disk
  return key;
}

/** The hall ID hash key: env KIOSK_ID_HASH_KEY (64 hex), else dataDir/keys/id-hash.key, else the dev key. */
export function resolveIdHashKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.KIOSK_ID_HASH_KEY;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new StoreKeyError('KIOSK_ID_HASH_KEY must be 64 hex digits (32 bytes)');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = join(dataDir, 'keys', 'id-hash.key');
  if (existsSync(file)) return loadOrCreateKeyFile(file);
  return DEV_ID_HASH_KEY;
}

export class FieldCipher {
  /** Imported once: handing createCipheriv the raw Buffer re-imports the key on every record. */
  private readonly key: KeyObject;
  private readonly ivPool = Buffer.alloc(IV_BYTES * IVS_PER_REFILL);
  private ivOffset = this.ivPool.length;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new StoreKeyError('AES-256-GCM needs a 32-byte key');
    this.key = createSecretKey(key);
  }

  /** `context` (e.g. "outbox:42") is bound as associated data: a blob moved to another row fails. */
  encrypt(value: unknown, context: string): Buffer {
    return this.encryptText(JSON.stringify(value), context);
  }

  /** As encrypt, for a value already serialised (decrypt returns JSON.parse of it). */
  encryptText(json: string, context: string): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = cipher.update(json, 'utf8');
    cipher.final(); // GCM is a stream mode: final() adds no bytes, it computes the tag
    const blob = Buffer.allocUnsafe(HEADER_BYTES + body.length);
    blob[0] = FORMAT_V1;
    iv.copy(blob, 1);
    cipher.getAuthTag().copy(blob, 1 + IV_BYTES);
    body.copy(blob, HEADER_BYTES);
    return blob;
  }

  /** A fresh random 96-bit IV, never handed out twice (the pool is refilled, not reread). */
  private nextIv(): Buffer {
    if (this.ivOffset >= this.ivPool.length) {
      randomFillSync(this.ivPool);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }

  decrypt<T>(blob: Buffer, context: string): T {
    if (blob[0] !== FORMAT_V1) throw new StoreKeyError(`encrypted field (${context}) has unknown format ${blob[0]}`);
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      const text = Buffer.concat([decipher.update(blob.subarray(HEADER_BYTES)), decipher.final()]);
      return JSON.parse(text.toString('utf8')) as T;
    } catch (err) {
      throw new StoreKeyError(`cannot decrypt ${context}: wrong key file or damaged data (restore dataDir/keys from backup)`, err);
    }
  }
}
