/**
 * The browser shell's last line: an error that escapes every handler (uncaughtException,
 * unhandledRejection). Errors a request or a page message causes are caught where they
 * happen (bridge-server.ts, page-connection.ts): logged, answered, and the kiosk keeps
 * serving. One that gets here left state nobody checked, so the kiosk does not carry on
 * with it: it logs the error, closes the window and the core as it would on SIGTERM
 * (bounded in time), and exits 70 (EX_SOFTWARE), and systemd (Restart=always) starts it
 * afresh. It never dies silently and never stays half alive.
 */
export const EXIT_UNKNOWN_STATE = 70;

export interface ProcessGuardOptions {
  log: (line: string) => void;
  /** Ends the window and closes the core cleanly. */
  shutdown: () => Promise<void>;
  exit: (code: number) => void;
  /** The process to guard (a fake in tests). */
  target?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  shutdownTimeoutMs?: number;
}

export function installProcessGuard(options: ProcessGuardOptions): () => void {
  const target = options.target ?? process;
  let failing = false;
  const fail = (kind: string) => (error: unknown) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    options.log(`kiosk: ${kind}: ${detail}`);
    if (failing) return;
    failing = true;
    options.log(`kiosk: state unknown after an unexpected error: closing and exiting ${EXIT_UNKNOWN_STATE} for a clean restart`);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.shutdownTimeoutMs ?? 5000).unref());
    const closed = options.shutdown().catch((err: unknown) => options.log(`kiosk: shutdown after the error failed too: ${(err as Error).message}`));
    void Promise.race([closed, timeout]).then(() => options.exit(EXIT_UNKNOWN_STATE));
  };
  const onException = fail('uncaught exception');
  const onRejection = fail('unhandled rejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
