/**
 * Fleet topic names, built in this one module (never typed twice): every kiosk publishes
 * under `<prefix>/<regionCode>/<kioskId>/` (README "Fleet operations"). The fleet CLI,
 * the agent, the test broker's ACL and the bench all build or parse them here.
 */

export const FLEET_CHANNELS = ['state', 'health', 'events', 'cmd', 'cmd/result'] as const;
export type FleetChannel = (typeof FLEET_CHANNELS)[number];

export interface KioskTopics {
  /** Retained: online / offline (the offline one is the Last Will). */
  state: string;
  /** Retained: the kiosk's health, on change and every health period. */
  health: string;
  /** Alerts as they happen (not retained). */
  events: string;
  /** Commands to this kiosk (the kiosk subscribes). */
  cmd: string;
  /** One result per command. */
  cmdResult: string;
}

/** A topic level: no MQTT wildcards or separators, and not empty. */
const LEVEL = /^[^/+#\s]{1,64}$/;

export class FleetTopicError extends Error {
  override readonly name = 'FleetTopicError';
}

function level(what: string, value: string): string {
  if (!LEVEL.test(value)) throw new FleetTopicError(`${what} '${value}' cannot be an MQTT topic level (no '/', '+', '#' or spaces, 1-64 characters)`);
  return value;
}

/** The prefix may have several levels ('hall', 'zj/hall'). */
function prefixLevels(prefix: string): string {
  for (const part of prefix.split('/')) level('fleet.topicPrefix level', part);
  return prefix;
}

export function kioskTopics(prefix: string, regionCode: string, kioskId: string): KioskTopics {
  const base = `${prefixLevels(prefix)}/${level('regionCode', regionCode)}/${level('kioskId', kioskId)}`;
  return { state: `${base}/state`, health: `${base}/health`, events: `${base}/events`, cmd: `${base}/cmd`, cmdResult: `${base}/cmd/result` };
}

/** A subscription filter for one channel of every kiosk under the prefix (any region). */
export function fleetFilter(prefix: string, channel: FleetChannel): string {
  return `${prefixLevels(prefix)}/+/+/${channel}`;
}

/**
 * A fleet operator's own echo topic (`<prefix>/_operator/<clientId>`): the CLI publishes to
 * it after subscribing, and its echo coming back says every retained message before it was
 * delivered. Two levels below the prefix, so no kiosk filter (`+/+/<channel>`) matches it.
 */
export function operatorEchoTopic(prefix: string, clientId: string): string {
  return `${prefixLevels(prefix)}/_operator/${level('operator client id', clientId)}`;
}

export interface ParsedTopic {
  regionCode: string;
  kioskId: string;
  channel: FleetChannel;
}

/** The kiosk and channel a topic under the prefix names; null for any other topic. */
export function parseKioskTopic(prefix: string, topic: string): ParsedTopic | null {
  if (!topic.startsWith(`${prefix}/`)) return null;
  const rest = topic.slice(prefix.length + 1).split('/');
  if (rest.length < 3) return null;
  const [regionCode, kioskId, ...channelParts] = rest as [string, string, ...string[]];
  const channel = channelParts.join('/');
  if (!(FLEET_CHANNELS as readonly string[]).includes(channel)) return null;
  return { regionCode, kioskId, channel: channel as FleetChannel };
}
