/**
 * The hall's devices and central for the startup bench's production series: the simulators
 * in a process of their own, as a hall's readers, printer and central are outside the
 * kiosk's process and its CPU. Once they listen it prints one line,
 * `HALL_DEVICES={"devices":…,"central":{"url":…,"token":…}}` (the demo config's devices
 * resolved to their PTYs), then runs until SIGTERM.
 *
 *   tsx scripts/bench/hall-devices.ts <data dir>
 */
import { readFileSync } from 'node:fs';
import { parseKioskConfig } from '../../electron/common/config.js';
import { startEmbeddedSimulators } from '../sim/embedded.js';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: tsx scripts/bench/hall-devices.ts <data dir>');
  process.exit(2);
}
const demo = parseKioskConfig({ ...JSON.parse(readFileSync('kiosk.config.json', 'utf8')), dataDir });
const { config, close } = await startEmbeddedSimulators(demo, { printerOutputDir: null });
console.log(`HALL_DEVICES=${JSON.stringify({ devices: config.devices, central: { url: config.central.url, token: config.central.token } })}`);
const stop = () => void close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
