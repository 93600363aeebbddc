/**
 * SW3 status bytes of the SAM module (PROTOCOLS.md §1), each with a typed code and a
 * plain sentence saying what it means and what to do.
 */
export type SamStatusCode =
  | 'ok'
  | 'no-such-item'
  | 'card-found'
  | 'checksum-error'
  | 'length-error'
  | 'command-error'
  | 'unauthorised'
  | 'unknown-error'
  | 'card-auth-failed'
  | 'sam-auth-failed'
  | 'verification-failed'
  | 'unknown-card-type'
  | 'read-failed'
  | 'random-number-failed'
  | 'no-card'
  | 'select-failed'
  | 'sam-self-test-failed'
  | 'sam-not-authorised'
  | 'host-port-error'
  | 'host-receive-timeout'
  | 'host-transfer-error'
  | 'unrecognised';

export interface SamStatus {
  sw3: number;
  code: SamStatusCode;
  /** True for 90 (OK) and 9F (card found). */
  ok: boolean;
  /** The SAM module itself is broken or unauthorised: staff must act. */
  samFault: boolean;
  message: string;
}

const TABLE: Record<number, [SamStatusCode, string]> = {
  0x90: ['ok', 'operation succeeded'],
  0x91: ['no-such-item', 'the card has no such item (e.g. no fingerprint or no additional address)'],
  0x9f: ['card-found', 'a card is on the reader'],
  0x10: ['checksum-error', 'the reader received a frame with a bad checksum: the command is resent; check the cable if it persists'],
  0x11: ['length-error', 'the reader received a frame with a bad length: the command is resent; check the cable if it persists'],
  0x21: ['command-error', 'the reader did not understand the command: check the reader model'],
  0x23: ['unauthorised', 'the operation is not authorised on this reader'],
  0x24: ['unknown-error', 'the reader reported an unknown error: take the card away and present it again'],
  0x31: ['card-auth-failed', 'card authentication failed: the card may be damaged or not genuine; present it again'],
  0x32: ['sam-auth-failed', 'SAM authentication failed: present the card again; call staff if it persists'],
  0x33: ['verification-failed', 'information verification failed: present the card again'],
  0x40: ['unknown-card-type', 'the card type is not recognised: use a second-generation ID card'],
  0x41: ['read-failed', 'reading the card failed: hold the card still on the reader and try again'],
  0x47: ['random-number-failed', 'the card failed to produce a random number: present the card again'],
  0x80: ['no-card', 'no card on the reader'],
  0x81: ['select-failed', 'the card could not be selected: take it away and present it again'],
  0x60: ['sam-self-test-failed', 'the SAM module failed its self-test: the reader needs service, call staff'],
  0x66: ['sam-not-authorised', 'the SAM module is not authorised: the reader needs service, call staff'],
  0x01: ['host-port-error', 'port error on the host side: check the cable'],
  0x02: ['host-receive-timeout', 'receive timeout on the host side: check the cable'],
  0x03: ['host-transfer-error', 'transfer error on the host side: check the cable'],
};

export function samStatus(sw3: number): SamStatus {
  const entry = TABLE[sw3];
  const [code, message] = entry ?? ['unrecognised', `the reader answered with unknown status 0x${sw3.toString(16).padStart(2, '0')}`];
  return {
    sw3,
    code,
    ok: sw3 === 0x90 || sw3 === 0x9f,
    samFault: code === 'sam-self-test-failed' || code === 'sam-not-authorised',
    message,
  };
}

/** Every SW3 value PROTOCOLS.md names, for tests and the simulator. */
export const KNOWN_SW3 = Object.keys(TABLE).map(Number);
