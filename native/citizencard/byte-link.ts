/**
 * What a framed citizen-card reader's bytes travel over: a serial line, or HID reports
 * (hid-link.ts). The framed terminal only sees a byte stream in each direction.
 */
export interface ByteLinkEvents {
  data(chunk: Uint8Array): void;
  /** The link went away (unplugged, port error): `reason` says what to check. */
  closed(reason: string): void;
}

export interface ByteLink {
  /** For messages: '/dev/ttyUSB0', 'hid 1234:5678'. */
  readonly location: string;
  /** Throws CitizenCardError('reader-unavailable') with what to check. */
  open(events: ByteLinkEvents): Promise<void>;
  /** Throws when the link is gone. */
  write(bytes: Uint8Array): void;
  close(): Promise<void>;
}
