/**
 * Out of service, kept in a small file of the data folder (service-state.json), written
 * whole to a temporary name, fsynced and renamed, so a power cut leaves the old state or
 * the new one. A file that cannot be read keeps the kiosk out of service: it was taken
 * out for a reason nobody here can check, and operations can put it back with one command.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { fsyncDir } from '../store/durable-dir.js';

const recordSchema = z.object({
  message: z.object({ zh: z.string().max(200), en: z.string().max(200) }),
  since: z.number(),
});
const fileSchema = z.object({ outOfService: recordSchema.nullable() });

export type OutOfServiceRecord = z.infer<typeof recordSchema>;
export type ServiceFileState = z.infer<typeof fileSchema>;

/** What the attract screen says when the file was unreadable. */
const UNREADABLE_MESSAGE = { zh: '本机暂停服务，请到服务窗口办理。', en: 'This kiosk is out of service. Please go to a service desk.' };

export class ServiceStateFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'service-state.json');
  }

  /** The state as last saved; `problem` says why an unreadable file was taken as out of service. */
  load(): ServiceFileState & { problem?: string } {
    if (!existsSync(this.path)) return { outOfService: null };
    try {
      return fileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')));
    } catch (err) {
      return {
        outOfService: { message: UNREADABLE_MESSAGE, since: Date.now() },
        problem: `${this.path} is unreadable (${(err as Error).message.split('\n')[0]}): staying out of service until operations send in-service`,
      };
    }
  }

  save(state: ServiceFileState): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    fsyncDir(dirname(this.path));
  }
}
