/**
 * Folder entries that survive a power cut. A new, renamed or linked name reaches the disk
 * only when its folder is fsynced (an fsync of the file makes its content durable, not
 * its name), so whatever the store creates before relying on it is followed by an fsync
 * of the folder that holds it.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** fsync of a folder: its entries as they are now survive a power cut. No-op on Windows (no directory handles; NTFS journals names). */
export function fsyncDir(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `mkdir -p` whose every created level is durable: the parent of each new folder is fsynced. */
export function mkdirDurable(path: string, mode?: number): void {
  const created: string[] = [];
  for (let p = resolve(path); !existsSync(p); p = dirname(p)) created.unshift(p);
  if (created.length === 0) return;
  mkdirSync(path, { recursive: true, ...(mode === undefined ? {} : { mode }) });
  for (const dir of created) fsyncDir(dirname(dir));
}
