import { describe, expect, it } from 'vitest';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDecipheriv, createHmac } from 'node:crypto';
import { FieldCipher, hashIdNumber, loadOrCreateKeyFile, resolveIdHashKey, DEV_ID_HASH_KEY } from './crypto.js';
import { StoreKeyError } from './errors.js';

describe('field encryption', () => {
  const key = Buffer.alloc(32, 7);

  it('round-trips and never contains the plaintext', () => {
    const cipher = new FieldCipher(key);
    const blob = cipher.encrypt({ idNumber: '11010519491231002X', name: '张三' }, 'outbox:1');
    expect(blob.includes(Buffer.from('11010519491231002X'))).toBe(false);
    expect(blob[0]).toBe(1);
    expect(cipher.decrypt(blob, 'outbox:1')).toEqual({ idNumber: '11010519491231002X', name: '张三' });
  });

  it('refuses a blob moved to another row or read with another key', () => {
    const blob = new FieldCipher(key).encrypt({ a: 1 }, 'outbox:1');
    expect(() => new FieldCipher(key).decrypt(blob, 'outbox:2')).toThrow(StoreKeyError);
    expect(() => new FieldCipher(Buffer.alloc(32, 8)).decrypt(blob, 'outbox:1')).toThrow(/wrong key file/);
  });

  it('gives every blob its own IV, past the refills of the IV pool', () => {
    const cipher = new FieldCipher(key);
    const blobs = Array.from({ length: 1000 }, (_, i) => cipher.encrypt({ n: i }, `outbox:${i}`));
    const ivs = new Set(blobs.map((blob) => blob.subarray(1, 13).toString('hex')));
    expect(ivs.size).toBe(1000);
    blobs.forEach((blob, i) => expect(cipher.decrypt(blob, `outbox:${i}`)).toEqual({ n: i }));
  });

  it('reads and writes the stored format: version 1, 12-byte IV, 16-byte tag, AES-256-GCM body', () => {
    // Made once with node:crypto (key 07×32, IV 01..0c, AAD "outbox:1", plaintext {"a":1}): files already on kiosks.
    const stored = Buffer.from('01' + '0102030405060708090a0b0c' + '18cda6eee2909a4d91dbafa5471be996' + 'c05e89bc50db9f', 'hex');
    expect(new FieldCipher(key).decrypt(stored, 'outbox:1')).toEqual({ a: 1 });
    const blob = new FieldCipher(key).encrypt({ a: 1 }, 'outbox:1');
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(1, 13));
    decipher.setAAD(Buffer.from('outbox:1'));
    decipher.setAuthTag(blob.subarray(13, 29));
    expect(Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]).toString('utf8')).toBe('{"a":1}');
  });

  it('creates the key file with mode 0600 in a 0700 folder and reuses it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kiosk-key-')), 'keys', 'store.key');
    const first = loadOrCreateKeyFile(path);
    expect(first.length).toBe(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(loadOrCreateKeyFile(path).equals(first)).toBe(true);
  });
});

describe('ID hash', () => {
  it('is HMAC-SHA256 of the upper-cased ID number under the hall key', () => {
    const expected = createHmac('sha256', DEV_ID_HASH_KEY).update('11010519491231002X').digest('hex');
    expect(hashIdNumber('11010519491231002x', DEV_ID_HASH_KEY)).toBe(expected);
    expect(hashIdNumber('11010519491231002X', Buffer.alloc(32, 1))).not.toBe(expected);
  });

  it('takes the hall key from KIOSK_ID_HASH_KEY and rejects a malformed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-hk-'));
    expect(resolveIdHashKey(dir, { KIOSK_ID_HASH_KEY: 'ab'.repeat(32) }).equals(Buffer.alloc(32, 0xab))).toBe(true);
    expect(() => resolveIdHashKey(dir, { KIOSK_ID_HASH_KEY: 'xyz' })).toThrow(/64 hex digits/);
    expect(resolveIdHashKey(dir, {}).equals(DEV_ID_HASH_KEY)).toBe(true);
  });
});
