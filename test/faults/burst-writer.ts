/**
 * Child process of the kill -9 suite: writes bursts of tickets and applications to the
 * kiosk store forever and prints "ACK <seq> <idempotencyKey>" for each write only after
 * its promise resolved (i.e. after COMMIT and the fsync of synchronous=FULL).
 * Usage: node --import tsx test/faults/burst-writer.ts <dataDir> <kioskId>
 */
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';

const [dataDir, kioskId] = process.argv.slice(2);
if (!dataDir || !kioskId) {
  console.error('usage: burst-writer.ts <dataDir> <kioskId>');
  process.exit(2);
}
const store = KioskStore.open({ dataDir, kioskId, idHashKey: DEV_ID_HASH_KEY });
process.stdout.write('READY\n');
for (;;) {
  const size = 1 + Math.floor(Math.random() * 60);
  const writes = Array.from({ length: size }, (_, i) =>
    i % 4 === 3
      ? store.submitApplication({
          matterId: 'household-registration-proof',
          matterVersion: 1,
          applicant: { idNumber: '33010619850412010X', name: '测试' },
          proofs: [{ proofType: 'household', satisfiedBy: 'data-check', detail: null }],
        })
      : store.issueTicket({ queue: 'A' }),
  );
  for (const w of writes) {
    void w.then((r) => process.stdout.write(`ACK ${r.seq} ${r.idempotencyKey}\n`));
  }
  await Promise.all(writes);
  // Half the bursts follow each other at once, half after a short pause: kills land both
  // inside commits and between them, and a 200-kill run stays a few hundred thousand records.
  if (Math.random() < 0.5) await new Promise((r) => setTimeout(r, 3));
}
