/** Typed errors of the local store. Each says what to do. */

/** The disk is full (SQLITE_FULL / ENOSPC): nothing of this write was committed. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
  readonly code = 'STORE_FULL';
  /** Plain Chinese for the citizen's screen. */
  readonly citizenMessage = '本机暂时无法受理，请到人工窗口办理或稍后再试';
  constructor(readonly path: string, cause?: unknown) {
    super(
      `kiosk store ${path} cannot accept new records: the disk is full. ` +
        'Free space on the data disk; the kiosk resumes by itself, nothing already accepted is lost.',
      { cause },
    );
  }
}

/** The database was written by a newer kiosk version than this one. */
export class StoreTooNewError extends Error {
  override readonly name = 'StoreTooNewError';
  readonly code = 'STORE_TOO_NEW';
  constructor(readonly path: string, readonly found: number, readonly supported: number) {
    super(
      `kiosk store ${path} has schema version ${found} but this kiosk supports up to ${supported}: ` +
        'install the newer kiosk version (do not delete the file: it may hold unsent records).',
    );
  }
}

/** The key file is missing/unreadable while the database already holds encrypted data. */
export class StoreKeyError extends Error {
  override readonly name = 'StoreKeyError';
  readonly code = 'STORE_KEY';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE';
}
