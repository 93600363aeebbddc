/**
 * A reader behind node-hid's handle, for tests: unwraps 0x88 request reports and
 * answers with the PROTOCOLS.md reply vectors split into 64-byte reply reports.
 */
import { EventEmitter } from 'node:events';
import type { HidHandle } from './hid-transport.js';
import { splitHidReply, unwrapHidRequest } from './hid-wrap.js';
import { readReply, REPLIES, REQUESTS, RESIDENT_ZHANG, textBlock } from './test-vectors.js';

/** A reader behind node-hid's handle: answers wrapped requests with wrapped replies. */
export class InMemoryHidReader extends EventEmitter implements HidHandle {
  cardOnReader = false;
  closed = false;
  /** Unplugged: writes throw, as node-hid's do. */
  gone = false;
  writes: number[][] = [];
  write(values: number[]): number {
    if (this.gone) throw new Error('could not write to HID device');
    this.writes.push(values);
    const req = unwrapHidRequest(Uint8Array.from(values));
    if (!req.ok || values.length !== 65) throw new Error('bad report');
    const key = Array.from(req.samFrame, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
    let reply: Uint8Array = REPLIES.samOk;
    if (key === REQUESTS.findCard) reply = this.cardOnReader ? REPLIES.found : REPLIES.noCard;
    if (key === REQUESTS.selectCard) reply = REPLIES.selected;
    if (key === REQUESTS.readTextPhoto) reply = readReply(textBlock(RESIDENT_ZHANG));
    setImmediate(() => {
      for (const report of splitHidReply(reply)) this.emit('data', Buffer.from(report));
    });
    return values.length;
  }
  close(): void {
    this.closed = true;
  }
  unplug(): void {
    this.emit('error', new Error('could not read from HID device'));
  }
}

