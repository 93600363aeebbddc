/**
 * The one place that talks to a card: sends a command APDU through any transport and
 * hides the T=0 transport-level statuses, so the application layer only sees final
 * answers. `61xx` → GET RESPONSE (repeated, data concatenated); `6Cxx` → the same
 * command again with Le = xx.
 */
import { encodeCommand, getResponse, parseResponse, type CommandApdu, type ResponseApdu } from './apdu.js';

/** Carries raw APDU bytes to a card and back (PC/SC, a serial framed reader, an emulator). */
export interface ApduTransport {
  transmit(command: Uint8Array): Promise<Uint8Array>;
}

/** The card kept answering 61xx/6Cxx past any sane limit: a broken card or reader. */
export class ApduProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApduProtocolError';
  }
}

export interface TransmitOptions {
  /** Most GET RESPONSE rounds for one command (each returns up to 256 bytes). */
  maxGetResponse?: number;
}

export async function transmit(
  transport: ApduTransport,
  command: CommandApdu,
  options: TransmitOptions = {},
): Promise<ResponseApdu> {
  const maxGetResponse = options.maxGetResponse ?? 16;
  let response = parseResponse(await transport.transmit(encodeCommand(command)));
  if (response.sw1 === 0x6c) {
    // Wrong Le: the card says how many bytes it has. Resend once; a second 6Cxx is final.
    response = parseResponse(await transport.transmit(encodeCommand({ ...command, le: response.sw2 === 0 ? 256 : response.sw2 })));
  }
  const chunks: Uint8Array[] = [];
  let rounds = 0;
  while (response.sw1 === 0x61) {
    if (rounds++ >= maxGetResponse) {
      throw new ApduProtocolError(`card still answering 61xx after ${maxGetResponse} GET RESPONSE rounds: remove and re-insert the card`);
    }
    chunks.push(response.data);
    response = parseResponse(await transport.transmit(encodeCommand(getResponse(response.sw2))));
    if (response.sw1 === 0x6c) {
      response = parseResponse(await transport.transmit(encodeCommand(getResponse(response.sw2))));
    }
  }
  if (chunks.length === 0) return response;
  chunks.push(response.data);
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const data = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { ...response, data };
}
