/**
 * Drives the simulators of a running kiosk (`npm start`) from another terminal.
 *   npm run -s sim -- swipe <card>          a card over the ID reader (resident-1 … resident-8, elder-1, hk-1, hall-…)
 *   npm run -s sim -- insert <card> | remove | unplug | replug | cards
 *   npm run -s sim -- citizen-card <card> | citizen-card-remove
 *   npm run -s sim -- paper-out | paper-near-end | cover-open | printer-ok | printed
 *   npm run -s sim -- central-down | central-up | central-stats
 *   npm run -s sim -- raw <idcard|citizencard|printer|central/faults> '<json>'
 * Options: --config <kiosk.config.json>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKioskConfig } from '../../electron/core/config-loader.js';
import { CONTROL_FILE } from './control-server.js';

const { values, positionals } = parseArgs({ options: { config: { type: 'string' } }, allowPositionals: true });
const [verb, arg, json] = positionals;

const shortcuts: Record<string, () => [string, unknown]> = {
  swipe: () => ['/idcard', { op: 'swipe', card: arg }],
  insert: () => ['/idcard', { op: 'insert', card: arg }],
  remove: () => ['/idcard', { op: 'remove' }],
  unplug: () => ['/idcard', { op: 'unplug' }],
  replug: () => ['/idcard', { op: 'replug' }],
  cards: () => ['/idcard', { op: 'list-cards' }],
  'citizen-card': () => ['/citizencard', { action: 'insert', card: arg }],
  'citizen-card-remove': () => ['/citizencard', { action: 'remove' }],
  'paper-out': () => ['/printer', { type: 'set', state: { paperOut: true } }],
  'paper-near-end': () => ['/printer', { type: 'set', state: { paperNearEnd: true } }],
  'cover-open': () => ['/printer', { type: 'set', state: { coverOpen: true } }],
  'printer-ok': () => ['/printer', { type: 'reset' }],
  printed: () => ['/printer', { type: 'tickets' }],
  'central-down': () => ['/central/faults', { down: true }],
  'central-up': () => ['/central/faults', {}],
  'central-stats': () => ['/central/stats', {}],
  raw: () => [`/${arg}`, JSON.parse(json ?? '{}')],
};

const make = verb ? shortcuts[verb] : undefined;
if (!make) {
  console.error(`usage: npm run -s sim -- <${Object.keys(shortcuts).join('|')}> [card|json]`);
  process.exit(2);
}
const { config } = loadKioskConfig(values.config);
let control: { url: string; token: string };
try {
  control = JSON.parse(readFileSync(path.join(config.dataDir, CONTROL_FILE), 'utf8'));
} catch {
  console.error(`no running kiosk with simulators found (${path.join(config.dataDir, CONTROL_FILE)}): start one with \`npm start\``);
  process.exit(1);
}
const [route, command] = make();
const res = await fetch(control.url + route, {
  method: 'POST',
  headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
  body: JSON.stringify(command),
});
console.log(JSON.stringify(await res.json()));
process.exitCode = res.ok ? 0 : 1;
