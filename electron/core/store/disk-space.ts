/** Free bytes on the disk that holds the data directory (status bar, maintenance screen). */
import { statfsSync } from 'node:fs';

export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}
