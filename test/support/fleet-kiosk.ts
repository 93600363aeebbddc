/**
 * What the fleet end-to-end tests give a kiosk on a test broker (test/support/mosquitto.ts):
 * its fleet section under the 'hall' topic prefix, a reconnect backoff short enough for a
 * test, and the wait for its fleet agent to connect.
 */
import type { ComposedKiosk } from '../../electron/core/compose.js';
import { until } from './until.js';

/** Reconnects to the broker after 100 ms at first, at most every 500 ms (the compose option `fleetBackoff`). */
export const TEST_FLEET_BACKOFF = { minMs: 100, maxMs: 500 };

/** The config's `fleet` section for a broker at `url`, topics under 'hall'. */
export function testFleetConfig(url: string, { healthSeconds, keepAliveSeconds }: { healthSeconds: number; keepAliveSeconds: number }) {
  return { url, topicPrefix: 'hall', healthSeconds, keepAliveSeconds };
}

/** Waits (up to 10 s) until the kiosk's fleet agent is connected to the broker. */
export function untilFleetConnected(kiosk: Pick<ComposedKiosk, 'fleet'>, what = 'the kiosk connected to the broker'): Promise<void> {
  return until(() => kiosk.fleet!.agent.connected, what, { timeoutMs: 10_000, everyMs: 20 });
}
