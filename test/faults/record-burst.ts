/**
 * One burst of the fault suites' writers (burst-writer.ts, powercut-writer.ts): 1 to 60
 * records, every fourth an application with personal fields, the rest tickets. Each
 * write's "ACK <seq> <idempotencyKey>" line is printed only once its promise resolved,
 * i.e. after COMMIT and the fsync of synchronous=FULL.
 */
import type { KioskStore } from '../../electron/core/store/kiosk-store.js';

export function writeBurst(store: KioskStore): Array<Promise<void>> {
  const size = 1 + Math.floor(Math.random() * 60);
  return Array.from({ length: size }, (_, i) =>
    (i % 4 === 3
      ? store.submitApplication({
          matterId: 'household-registration-proof',
          matterVersion: 1,
          applicant: { idNumber: '33010619850412010X', name: '测试' },
          proofs: [{ proofType: 'household', satisfiedBy: 'data-check', detail: null }],
        })
      : store.issueTicket({ queue: 'A' })
    ).then((r) => void process.stdout.write(`ACK ${r.seq} ${r.idempotencyKey}\n`)),
  );
}
