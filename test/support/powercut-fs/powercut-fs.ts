/**
 * Builds and mounts powercut-fs (powercut-fs.c, model.c, restore.c; see README.md beside it): a FUSE
 * file system over a backing folder that, on `cut()`, drops every write and directory
 * change not yet fsynced, as a disk with a volatile cache does when the power goes.
 * The binary is compiled from source at test time into the system temp folder (keyed
 * by the source's hash), never committed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SOURCE_DIR = fileURLToPath(new URL('.', import.meta.url));
const SOURCES = ['powercut-fs.c', 'model.c', 'restore.c'];
const HEADERS = ['model.h'];

export class PowercutFsError extends Error {}

/** Compiles the C sources once per source version; returns the binary's path. */
export function buildPowercutFs(): string {
  const hasher = createHash('sha256');
  for (const file of [...SOURCES, ...HEADERS]) hasher.update(file).update(readFileSync(join(SOURCE_DIR, file)));
  const hash = hasher.digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `powercut-fs-${hash}`);
  const binary = join(dir, 'powercut-fs');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  let flags: string[];
  try {
    flags = execFileSync('pkg-config', ['--cflags', '--libs', 'fuse3'], { encoding: 'utf8' }).trim().split(/\s+/);
  } catch (err) {
    throw new PowercutFsError(`pkg-config fuse3 failed: install fuse3 and libfuse3-dev (scripts/system-deps.sh): ${String(err)}`);
  }
  const partial = `${binary}.${process.pid}`;
  execFileSync('cc', ['-O2', '-Wall', '-Wextra', '-Werror', '-o', partial, ...SOURCES.map((f) => join(SOURCE_DIR, f)), ...flags], { stdio: 'pipe' });
  renameSync(partial, binary); // atomic: a parallel build never sees half a binary
  return binary;
}

export interface DirtyFile {
  /** A durable name of the file ("(no durable name)" when it had none). */
  path: string;
  keptSize: number;
  liveSize: number;
}

export interface PowercutReport {
  /** Whether the power was cut during this mount (else the unmount kept everything). */
  cut: boolean;
  /** Files that lost writes in the cut. */
  dirty: DirtyFile[];
  /** Directory entries (creates, renames, links) the cut undid. */
  undoneEntries: number;
}

export interface PowercutMountOptions {
  /** Cut the power by itself right after the N-th mutating operation. */
  cutAfterOps?: number;
  /** Cut the power by itself right after the N-th write to a file of this name (in any folder). */
  cutOnWrite?: { name: string; nth: number };
}

export interface PowercutMount {
  readonly mountpoint: string;
  readonly backing: string;
  /** Cuts the power now: from this moment every operation fails (EIO). */
  cut(): Promise<void>;
  /** Resolves when the power has been cut (by cut() or cutAfterOps). */
  readonly cutDone: Promise<void>;
  /** Unmounts; after a cut the backing folder is rewritten to its durable state first. */
  unmount(): Promise<PowercutReport>;
}

const active = new Map<string, ChildProcess>();

function isMounted(mountpoint: string): boolean {
  const path = resolve(mountpoint);
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((line) => line.split(' ')[4] === path);
}

function fusermountUnmount(mountpoint: string, lazy: boolean): boolean {
  try {
    execFileSync('fusermount3', lazy ? ['-u', '-z', mountpoint] : ['-u', mountpoint], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export async function mountPowercutFs(backing: string, mountpoint: string, options: PowercutMountOptions = {}): Promise<PowercutMount> {
  if (!existsSync('/dev/fuse')) throw new PowercutFsError('/dev/fuse is missing: the power-cut tests need FUSE (a container needs --device /dev/fuse)');
  if (!existsSync('/usr/bin/fusermount3') && !existsSync('/bin/fusermount3')) {
    throw new PowercutFsError('fusermount3 is missing: install the Debian package fuse3 (scripts/system-deps.sh)');
  }
  const binary = buildPowercutFs();
  mkdirSync(backing, { recursive: true });
  mkdirSync(mountpoint, { recursive: true });
  // A crashed earlier run may have left its mount here: take it away first.
  if (isMounted(mountpoint)) fusermountUnmount(mountpoint, true);
  const args = [backing, mountpoint, '-o', 'auto_unmount,fsname=powercut'];
  if (options.cutAfterOps !== undefined) args.push('-o', `cut_after_ops=${options.cutAfterOps}`);
  if (options.cutOnWrite) args.push('-o', `cut_on_write=${options.cutOnWrite.name}:${options.cutOnWrite.nth}`);
  const daemon: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  daemon.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const report: PowercutReport = { cut: false, dirty: [], undoneEntries: 0 };
  let onMounted!: () => void;
  let onCut!: () => void;
  const mounted = new Promise<void>((r) => (onMounted = r));
  const cutDone = new Promise<void>((r) => (onCut = r));
  createInterface({ input: daemon.stdout! }).on('line', (line) => {
    const [word, ...rest] = line.split(' ');
    if (word === 'MOUNTED') onMounted();
    else if (word === 'CUT') {
      report.cut = true;
      onCut();
    } else if (word === 'DIRTY') {
      const liveSize = Number(rest.pop());
      const keptSize = Number(rest.pop());
      report.dirty.push({ path: rest.join(' '), keptSize, liveSize });
    } else if (word === 'RESTORED') report.undoneEntries = Number(/undone-entries=(\d+)/.exec(line)?.[1] ?? 0);
  });
  const exited = new Promise<number | string | null>((r) => daemon.on('exit', (code, signal) => r(signal ?? code)));
  const stdoutEnded = new Promise<void>((r) => daemon.stdout!.on('end', () => r()));
  const how = await Promise.race([mounted.then(() => 'mounted' as const), exited]);
  if (how !== 'mounted') throw new PowercutFsError(`powercut-fs on ${mountpoint} ended (${String(how)}) before mounting: ${stderr}`);
  active.set(mountpoint, daemon);

  return {
    mountpoint,
    backing,
    cutDone,
    async cut() {
      daemon.kill('SIGUSR1');
      await cutDone;
    },
    async unmount() {
      // Busy for a moment after a killed writer's last descriptors close: retry, then detach.
      for (let attempt = 0; attempt < 50 && !fusermountUnmount(mountpoint, false); attempt++) {
        if (!isMounted(mountpoint)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      if (isMounted(mountpoint)) fusermountUnmount(mountpoint, true);
      // Detached but a descriptor still open (a leaked fd in a failed test): end the daemon,
      // which still restores the durable state before exiting.
      const timer = setTimeout(() => daemon.kill('SIGTERM'), 2000);
      const code = await exited;
      clearTimeout(timer);
      await stdoutEnded;
      active.delete(mountpoint);
      if (code !== 0) throw new PowercutFsError(`powercut-fs on ${mountpoint} exited with ${String(code)}: ${stderr}`);
      return report;
    },
  };
}

/** For afterAll: detaches every mount this process made that is still there (even after a failure). */
export function unmountAllPowercutFs(): void {
  for (const [mountpoint, daemon] of active) {
    if (isMounted(mountpoint) && !fusermountUnmount(mountpoint, false)) fusermountUnmount(mountpoint, true);
    if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGTERM');
    active.delete(mountpoint);
  }
}
