/**
 * What the simulated SAM module answers to each request, byte for byte as in
 * PROTOCOLS.md §1. Pure: the I/O and the fault injection live in simulator.ts.
 */
import { buildFrame, commandOf, type CommandName } from '../../../native/idcard/protocol.js';
import { encodeCardText, fakePhoto } from './card-text.js';
import type { SimPerson } from './people.js';

/** A fixed 16-byte SAM id (a real one encodes the module's serial number). */
export const SIM_SAM_ID = Uint8Array.from([0x05, 0x00, 0x01, 0x00, 0x20, 0x26, 0x11, 0x23, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc]);

export class SamResponder {
  private current: SimPerson | undefined;
  /**
   * Some readers halt a card once it is read: find answers 80 until it leaves and
   * comes back (PROTOCOLS.md §1). Others keep answering 9F. Both are simulated.
   */
  haltAfterRead = false;
  private halted = false;
  /** SW3 that SAM status (and every card command) answers while the SAM is broken, e.g. 0x60. */
  samFault: number | undefined;
  /** The next N read commands answer 41 (read failed). */
  readFailures = 0;

  get card(): SimPerson | undefined {
    return this.current;
  }

  /** Putting a card down (or taking it away) always starts a new presentation. */
  set card(person: SimPerson | undefined) {
    this.current = person;
    this.halted = false;
  }

  respond(request: Uint8Array): { command: CommandName | undefined; reply: Uint8Array } {
    const command = commandOf(request);
    return { command, reply: this.reply(command) };
  }

  private status(sw3: number, data: number[] | Uint8Array = []): Uint8Array {
    return buildFrame(Uint8Array.from([0x00, 0x00, sw3, ...data]));
  }

  private reply(command: CommandName | undefined): Uint8Array {
    if (command === undefined) return this.status(0x21);
    if (this.samFault !== undefined && command !== 'resetSam') return this.status(this.samFault);
    switch (command) {
      case 'resetSam':
      case 'samStatus':
        return this.status(0x90);
      case 'samId':
        return this.status(0x90, SIM_SAM_ID);
      case 'findCard':
        return this.card && !this.halted ? this.status(0x9f, [0, 0, 0, 0]) : this.status(0x80);
      case 'selectCard':
        return this.card ? this.status(0x90, new Uint8Array(8)) : this.status(0x81);
      case 'readTextPhoto':
      case 'readTextPhotoFingerprint':
        return this.readReply(command === 'readTextPhotoFingerprint');
      case 'readExtraAddress':
        return this.status(0x91);
    }
  }

  private readReply(withFingerprint: boolean): Uint8Array {
    if (!this.card) return this.status(0x41);
    if (this.readFailures > 0) {
      this.readFailures--;
      return this.status(0x41);
    }
    this.halted = this.haltAfterRead;
    const text = encodeCardText(this.card);
    const photo = fakePhoto(this.card);
    const fingerprint = withFingerprint ? new Uint8Array(1024).fill(0x43) : undefined;
    const lengths = fingerprint ? [text.length, photo.length, fingerprint.length] : [text.length, photo.length];
    const header = lengths.flatMap((n) => [n >> 8, n & 0xff]);
    const data = new Uint8Array(header.length + text.length + photo.length + (fingerprint?.length ?? 0));
    data.set(header, 0);
    data.set(text, header.length);
    data.set(photo, header.length + text.length);
    if (fingerprint) data.set(fingerprint, header.length + text.length + photo.length);
    return this.status(0x90, data);
  }
}
