/**
 * The page's transport to the core failed a call without the core answering it. Its `code`
 * is what the screens map to plain words (`problem.transport-closed`), as they do for the
 * core's own refusals (KioskCallError).
 */
export class TransportClosedError extends Error {
  readonly code = 'transport-closed';
  constructor(readonly method: string) {
    super(`${method}: the connection to the kiosk core closed before it answered; nothing was retried`);
    this.name = 'TransportClosedError';
  }
}
