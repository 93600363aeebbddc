/**
 * Renders the sample queue ticket and receipt through the simulator's parser and
 * renderer into assets/readme/ (the README pictures):
 * `npx tsx scripts/sim/printer/render-readme-ticket.ts`.
 */
import { writeFileSync } from 'node:fs';
import { encodeReceipt } from '../../../electron/core/printing/receipt-template.js';
import { sampleReceipt, sampleTicket } from '../../../electron/core/printing/samples.js';
import { encodeTicket } from '../../../electron/core/printing/ticket-template.js';
import { profileForPaper } from '../../../native/printer/profiles.js';
import { EscPosStreamParser } from './escpos-parser.js';
import { PaperBuilder, type CutTicket } from './paper.js';
import { renderTicketPng } from './render.js';

async function render(bytes: Uint8Array, paper: 58 | 80, file: string): Promise<void> {
  const tickets: CutTicket[] = [];
  const paperBuilder = new PaperBuilder((t) => tickets.push(t));
  new EscPosStreamParser((event) => paperBuilder.apply(event)).push(bytes);
  const ticket = tickets[0];
  if (!ticket) throw new Error('no cut in the encoded ticket');
  writeFileSync(file, await renderTicketPng(ticket.blocks, paper === 58 ? 384 : 576));
  console.log(`wrote ${file}`);
}

await render(encodeTicket(sampleTicket({ priority: 'green-channel' }), profileForPaper(80)), 80, 'assets/readme/ticket-80mm.png');
await render(encodeTicket(sampleTicket(), profileForPaper(58)), 58, 'assets/readme/ticket-58mm.png');
await render(encodeReceipt(sampleReceipt(), profileForPaper(80)), 80, 'assets/readme/ticket-receipt-80mm.png');
