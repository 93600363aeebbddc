/**
 * Builds the kiosk's store, central client and forwarder from the kiosk configuration.
 * When config central.url is 'embedded', the caller (main process / launcher, which may
 * import scripts/) starts `startCentralSimulator` first and passes its URL here; the
 * core itself never imports the simulator.
 */
import { join } from 'node:path';
import type { KioskConfig } from '../../common/config.js';
import { resolveIdHashKey } from '../store/crypto.js';
import { KioskStore } from '../store/kiosk-store.js';
import { CentralClient } from './central-client.js';
import { Forwarder, type ForwarderOptions } from './forwarder.js';

export interface KioskSync {
  store: KioskStore;
  client: CentralClient;
  forwarder: Forwarder;
  idHashKey: Buffer;
  /** Stops the forwarder, commits what is queued and closes the file. */
  close(): Promise<void>;
}

export class CentralConfigError extends Error {
  override readonly name = 'CentralConfigError';
}

export function openKioskSync(
  config: Pick<KioskConfig, 'kioskId' | 'dataDir' | 'central'>,
  options: { centralUrl?: string; env?: NodeJS.ProcessEnv; forwarder?: Partial<Omit<ForwarderOptions, 'store' | 'client'>> } = {},
): KioskSync {
  const env = options.env ?? process.env;
  const baseUrl = options.centralUrl ?? (config.central.url === 'embedded' ? null : config.central.url);
  if (!baseUrl) throw new CentralConfigError("central.url is 'embedded': start the central simulator and pass its URL as centralUrl");
  const token = config.central.token ?? env.KIOSK_CENTRAL_TOKEN ?? (config.central.url === 'embedded' ? `embedded-${config.kioskId}` : undefined);
  if (!token) throw new CentralConfigError('no central API token: set central.token in the kiosk config or KIOSK_CENTRAL_TOKEN');
  const idHashKey = resolveIdHashKey(config.dataDir, env);
  const store = KioskStore.open({ dataDir: join(config.dataDir), kioskId: config.kioskId, idHashKey });
  const client = new CentralClient({ baseUrl, token, timeoutMs: config.central.timeoutMs });
  const forwarder = new Forwarder({ store, client, ...options.forwarder });
  return {
    store,
    client,
    forwarder,
    idHashKey,
    async close() {
      await forwarder.stop();
      store.close();
    },
  };
}
