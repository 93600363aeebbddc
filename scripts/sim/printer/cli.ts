/**
 * Runs the printer simulator by hand: `npx tsx scripts/sim/printer/cli.ts [--paper 58|80] [--tcp <port>] [--out <dir>]`.
 * Prints the PTY path (for --port) and the TCP port, then each cut ticket's transcript
 * and PNG path. Ctrl-C stops it.
 */
import { startPrinterSimulator } from './simulator.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const tcpPort = option('tcp');
const sim = await startPrinterSimulator({
  paper: option('paper') === '58' ? 58 : 80,
  tcp: tcpPort === undefined ? false : { host: '127.0.0.1', port: Number(tcpPort) },
  outputDir: option('out') ?? undefined,
});
console.log(JSON.stringify({ devicePath: sim.devicePath, tcp: sim.tcp ?? null, outputDir: sim.outputDir }));
let seen = 0;
const timer = setInterval(() => {
  for (const ticket of sim.controls.tickets().slice(seen)) {
    console.log(`--- ticket ${ticket.index} (${ticket.cut} cut${ticket.interruptedBy ? `, interrupted: ${ticket.interruptedBy}` : ''}) ${ticket.pngPath ?? ''}\n${ticket.text}`);
  }
  seen = sim.controls.tickets().length;
}, 200);
process.once('SIGINT', () => {
  clearInterval(timer);
  void sim.close().then(() => process.exit(0));
});
