/**
 * Child process of the power-cut suite. Like burst-writer.ts it writes bursts of tickets
 * and applications to the kiosk store and prints "ACK <seq> <idempotencyKey>" for each
 * write only after its promise resolved; beside the writes it runs what a kiosk runs, so
 * cuts land inside those too: the forwarder to the central simulator (an acknowledgement
 * wipes the record's personal data) and WAL checkpoints (explicit ones besides SQLite's
 * own every 1000 pages). After the cut every file operation fails; the suite kills it.
 *
 * Usage: node --import tsx test/faults/powercut-writer.ts <dataDir> <kioskId>
 *          [--central <url>]        deliver to this central simulator
 *          [--migrations <n>]       open with only the first n migrations
 *          [--synchronous NORMAL]   the control: commits acknowledged before the WAL is
 *                                   fsynced (set on the open connection: test-only, the
 *                                   store itself has no such option)
 */
import { parseArgs } from 'node:util';
import { KioskStore } from '../../electron/core/store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../../electron/core/store/crypto.js';
import { writeBurst } from './record-burst.js';
import { loadMigrations } from '../../electron/core/store/database.js';
import { CentralClient } from '../../electron/core/sync/central-client.js';
import { Forwarder } from '../../electron/core/sync/forwarder.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { central: { type: 'string' }, migrations: { type: 'string' }, synchronous: { type: 'string' } },
});
const [dataDir, kioskId] = positionals;
if (!dataDir || !kioskId) {
  console.error('usage: powercut-writer.ts <dataDir> <kioskId> [--central url] [--migrations n] [--synchronous NORMAL]');
  process.exit(2);
}
const store = KioskStore.open({
  dataDir,
  kioskId,
  idHashKey: DEV_ID_HASH_KEY,
  ...(values.migrations ? { migrations: loadMigrations().slice(0, Number(values.migrations)) } : {}),
});
if (values.synchronous) store.db.pragma(`synchronous = ${values.synchronous === 'OFF' ? 'OFF' : 'NORMAL'}`);
const forwarder = values.central
  ? new Forwarder({
    store,
    client: new CentralClient({ baseUrl: values.central, token: `token-${kioskId}`, timeoutMs: 2000 }),
    batchSize: 40,
    idlePollMs: 5,
    backoffBaseMs: 10,
    backoffMaxMs: 50,
  })
  : null;
forwarder?.on('alert', () => undefined); // after the cut every write fails: expected, not news
forwarder?.start();
process.stdout.write('READY\n');

for (let burst = 0; ; burst++) {
  // After the cut writes fail: the suite reads what was acknowledged before.
  const outcomes = writeBurst(store).map((ack) => ack.catch(() => undefined));
  forwarder?.kick();
  await Promise.all(outcomes);
  if (burst % 7 === 6) {
    try {
      store.db.pragma(Math.random() < 0.5 ? 'wal_checkpoint(PASSIVE)' : 'wal_checkpoint(TRUNCATE)');
    } catch {
      // the power is off: the suite kills this process
    }
  }
  // Pauses let the forwarder deliver and acknowledge between bursts.
  await new Promise((r) => setTimeout(r, Math.random() < 0.5 ? 1 : 5));
}
