/**
 * Hands-on simulators: `npx tsx scripts/sim/citizencard/cli.ts pcsc [--port 35963] [--card zhang-wei]`
 * puts a virtual card into pcscd's vpcd reader; `… serial [--card …]` runs the framed
 * reader on a PTY and prints its device path. Then type JSON controls on stdin, one per
 * line, e.g. {"command":"insert","args":{"card":"ma-li"}} or {"command":"remove"}; each answer is a JSON line.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startCitizenCardSimulator, startPcscCardSimulator, type CitizenCardControlCommand, type CitizenCardControls } from './index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', default: '35963' }, card: { type: 'string' } },
});
const mode = positionals[0];
if (mode !== 'pcsc' && mode !== 'serial') {
  console.error('usage: tsx scripts/sim/citizencard/cli.ts (pcsc [--port 35963] | serial) [--card <key>]');
  process.exit(2);
}

let controls: CitizenCardControls;
let close: () => Promise<void>;
if (mode === 'pcsc') {
  const sim = startPcscCardSimulator({ port: Number(values.port) });
  ({ controls, close } = sim);
  console.error(`virtual card for vpcd on 127.0.0.1:${values.port}`);
} else {
  const sim = await startCitizenCardSimulator();
  ({ controls, close } = sim);
  console.error(`framed reader on ${sim.devicePath}`);
}
if (values.card) console.log(JSON.stringify(await controls.handleControl({ command: 'insert', args: { card: values.card } })));
console.log(JSON.stringify(await controls.handleControl({ command: 'list' })));

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (!line.trim()) return;
  let command: CitizenCardControlCommand;
  try {
    command = JSON.parse(line) as CitizenCardControlCommand; // handleControl validates it
  } catch {
    console.log(JSON.stringify({ ok: false, error: 'not JSON' }));
    return;
  }
  void controls.handleControl(command).then((r) => console.log(JSON.stringify(r)));
});
const stop = () => void close().then(() => process.exit(0));
lines.on('close', stop);
process.once('SIGINT', stop);
