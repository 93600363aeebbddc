/**
 * Drives the simulators of a running kiosk (`npm start`) from another terminal.
 *   npm run -s sim -- swipe <card>          a card over the ID reader (resident-1 … resident-8, elder-1, hk-1, hall-…)
 *   npm run -s sim -- insert <card> | remove | unplug | replug | cards
 *   npm run -s sim -- citizen-card <card> | citizen-card-remove
 *   npm run -s sim -- paper-out | paper-near-end | cover-open | printer-ok | printed
 *   npm run -s sim -- central-down | central-up | central-stats
 *   npm run -s sim -- scan <social-security-card|network-id|zlb|appointment|kiosk-ticket|unknown> [value]
 *   npm run -s sim -- scan-raw <text> | scan-garbage | scanner-unplug | scanner-replug
 *   npm run -s sim -- raw '{"device":"printer","command":"set","args":{"offline":true}}'   any control message
 *   npm run -s sim -- central-admin <stats|faults|effects> ['<json to POST>']   the central simulator's /admin routes
 * Every shortcut is one message of the simulators' control protocol (control-protocol.ts).
 * Options: --config <kiosk.config.json>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKioskConfig } from '../../electron/core/config-loader.js';
import { CONTROL_FILE, CONTROL_ROUTE, type ControlFile } from './control-server.js';
import type { ControlMessage } from './control-protocol.js';
import type { ScannedCodeKind } from '../../electron/common/scan-codes.js';

const { values, positionals } = parseArgs({ options: { config: { type: 'string' } }, allowPositionals: true });
const [verb, arg, json] = positionals;
const card = arg ?? '';

const shortcuts: Record<string, () => ControlMessage> = {
  swipe: () => ({ device: 'idcard', command: 'swipe', args: { card } }),
  insert: () => ({ device: 'idcard', command: 'insert', args: { card } }),
  remove: () => ({ device: 'idcard', command: 'remove' }),
  unplug: () => ({ device: 'idcard', command: 'unplug' }),
  replug: () => ({ device: 'idcard', command: 'replug' }),
  cards: () => ({ device: 'idcard', command: 'list-cards' }),
  'citizen-card': () => ({ device: 'citizencard', command: 'insert', args: { card } }),
  'citizen-card-remove': () => ({ device: 'citizencard', command: 'remove' }),
  'paper-out': () => ({ device: 'printer', command: 'set', args: { paperOut: true } }),
  'paper-near-end': () => ({ device: 'printer', command: 'set', args: { paperNearEnd: true } }),
  'cover-open': () => ({ device: 'printer', command: 'set', args: { coverOpen: true } }),
  'printer-ok': () => ({ device: 'printer', command: 'reset' }),
  printed: () => ({ device: 'printer', command: 'tickets' }),
  'central-down': () => ({ device: 'central', command: 'faults', args: { down: true } }),
  'central-up': () => ({ device: 'central', command: 'faults', args: {} }),
  'central-stats': () => ({ device: 'central', command: 'stats' }),
  // The scanner simulator validates the kind; a value is the token, appointment id or ticket number.
  scan: () => ({ device: 'scanner', command: 'scan', args: { kind: card as ScannedCodeKind, ...(json === undefined ? {} : { value: json }) } }),
  'scan-raw': () => ({ device: 'scanner', command: 'scan-raw', args: { text: card } }),
  'scan-garbage': () => ({ device: 'scanner', command: 'garbage', args: {} }),
  'scanner-unplug': () => ({ device: 'scanner', command: 'unplug' }),
  'scanner-replug': () => ({ device: 'scanner', command: 'replug' }),
  raw: () => JSON.parse(arg ?? '{}') as ControlMessage, // the control server validates it
};

if (!verb || (!shortcuts[verb] && verb !== 'central-admin')) {
  console.error(`usage: npm run -s sim -- <${[...Object.keys(shortcuts), 'central-admin'].join('|')}> [card|json]`);
  process.exit(2);
}
const { config } = loadKioskConfig(values.config);
let control: ControlFile;
try {
  control = JSON.parse(readFileSync(path.join(config.dataDir, CONTROL_FILE), 'utf8')) as ControlFile;
} catch {
  console.error(`no running kiosk with simulators found (${path.join(config.dataDir, CONTROL_FILE)}): start one with \`npm start\``);
  process.exit(1);
}

let res: Response;
if (verb === 'central-admin') {
  if (!control.central) {
    console.error('this kiosk runs no embedded central simulator (central.url is not "embedded")');
    process.exit(1);
  }
  res = await fetch(`${control.central.url}/admin/${arg ?? 'stats'}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${control.central.adminToken}`, 'content-type': 'application/json' },
    ...(json === undefined ? {} : { body: json }),
  });
} else {
  res = await fetch(control.url + CONTROL_ROUTE, {
    method: 'POST',
    headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(shortcuts[verb]!()),
  });
}
console.log(JSON.stringify(await res.json()));
process.exitCode = res.ok ? 0 : 1;
