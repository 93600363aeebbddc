/**
 * Child process of the kill -9 suite: writes bursts of tickets and applications to the
 * kiosk store forever (record-burst.ts: each acknowledged once durable).
 * Usage: node --import tsx test/faults/burst-writer.ts <dataDir> <kioskId>
 */
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { writeBurst } from './record-burst.js';

const [dataDir, kioskId] = process.argv.slice(2);
if (!dataDir || !kioskId) {
  console.error('usage: burst-writer.ts <dataDir> <kioskId>');
  process.exit(2);
}
const store = KioskStore.open({ dataDir, kioskId, idHashKey: DEV_ID_HASH_KEY });
process.stdout.write('READY\n');
for (;;) {
  const writes = writeBurst(store);
  await Promise.all(writes);
  // Half the bursts follow each other at once, half after a short pause: kills land both
  // inside commits and between them, and a 200-kill run stays a few hundred thousand records.
  if (Math.random() < 0.5) await new Promise((r) => setTimeout(r, 3));
}
